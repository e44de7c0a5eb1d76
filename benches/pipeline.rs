//! In-process benchmarks of the pipeline's stages on a generated corpus
//! (`examples/gen_corpus.rs`, seed 1), with the bare YAML event parser as the
//! floor, so the ratio of each stage to the floor is measured in one run.
//!
//! ```text
//! cargo bench --bench pipeline                      # 1,000 campaign files
//! PROMOLINT_BENCH_FILES=10000 cargo bench --bench pipeline
//! ```
//!
//! Stages, each over every file of the corpus on one thread (their inputs
//! are prepared once, outside the timing):
//!
//! - `floor`: granit-parser's events only, nothing built;
//! - `load`: the same parse building the span-carrying trees (`load::load`);
//! - `extract`: trees to the typed model (`model::extract`);
//! - `rules`: template resolution and every campaign and project rule, as
//!   `engine` runs them;
//! - `output_json`: the JSON report of the whole run's findings;
//! - `check`: the whole in-process run (walk, read, all of the above, on
//!   rayon's threads), without the output.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use time::OffsetDateTime;
use time::macros::datetime;

use promolint::engine::{self, Run, Settings};
use promolint::load::{self, Limits, LoadedFile};
use promolint::model::{self, Item};
use promolint::policy::Policy;
use promolint::report::{self, Format, Options, Outcome};
use promolint::resolve::{self, Deferred, Effective};
use promolint::rules::{self, CampaignCx, DocEntry, ProjectCx, display::Prepared};
use promolint::source::{FileId, Sources, Texts};
use promolint::walk::Target;

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

fn main() {
    divan::main();
}

const NOW: OffsetDateTime = datetime!(2026-11-24 00:00:00 UTC);

/// The generated files, read into memory.
struct Corpus {
    /// Keeps the directory alive for `check`.
    dir: tempfile::TempDir,
    /// (path relative to the corpus, text), in path order.
    files: Vec<(String, String)>,
    bytes: usize,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let count = std::env::var("PROMOLINT_BENCH_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().expect("temporary directory");
    gen_corpus::generate(dir.path(), count, 1).expect("corpus generated");
    let mut paths = Vec::new();
    for sub in ["campaigns", "templates"] {
        for entry in std::fs::read_dir(dir.path().join(sub)).expect("corpus directory") {
            paths.push(entry.expect("directory entry").path());
        }
    }
    paths.sort();
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let relative = p
                .strip_prefix(dir.path())
                .expect("inside the corpus")
                .to_string_lossy()
                .into_owned();
            (relative, std::fs::read_to_string(p).expect("UTF-8 file"))
        })
        .collect();
    let bytes = files.iter().map(|(_, t)| t.len()).sum();
    Corpus { dir, files, bytes }
});

fn counters<'a, 'b>(bencher: Bencher<'a, 'b>) -> Bencher<'a, 'b> {
    let corpus = &*CORPUS;
    bencher
        .counter(ItemsCount::new(corpus.files.len()))
        .counter(BytesCount::new(corpus.bytes))
}

fn file_id(index: usize) -> FileId {
    FileId::try_from(index).expect("fewer than 2^32 files")
}

/// The bare parser: every event of every file, nothing built.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn floor(bencher: Bencher) {
    counters(bencher).bench(|| {
        let mut events = 0usize;
        for (_, text) in &CORPUS.files {
            let mut parser = granit_parser::Parser::new_from_str(text);
            while let Some(Ok(_)) = parser.next_event() {
                events += 1;
            }
        }
        events
    });
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn load(bencher: Bencher) {
    counters(bencher).bench(|| {
        CORPUS
            .files
            .iter()
            .enumerate()
            .map(|(i, (_, text))| load::load(file_id(i), text, Limits::default()))
            .collect::<Vec<LoadedFile>>()
    });
}

static LOADED: LazyLock<Vec<LoadedFile>> = LazyLock::new(|| {
    CORPUS
        .files
        .iter()
        .enumerate()
        .map(|(i, (_, text))| load::load(file_id(i), text, Limits::default()))
        .collect()
});

#[divan::bench(sample_count = 20, sample_size = 1)]
fn extract(bencher: Bencher) {
    let loaded = &*LOADED;
    counters(bencher).bench(|| {
        loaded
            .iter()
            .enumerate()
            .map(|(i, file)| model::extract(file_id(i), file))
            .collect::<Vec<_>>()
    });
}

/// What the rules read: every file's models and texts.
struct Modelled {
    sources: Sources,
    items: Vec<Item>,
    policy: Policy,
    display: Prepared,
}

static MODELLED: LazyLock<Modelled> = LazyLock::new(|| {
    let mut sources = Sources::default();
    let mut items = Vec::new();
    for (i, ((path, text), loaded)) in CORPUS.files.iter().zip(LOADED.iter()).enumerate() {
        sources.add(path.clone(), text.as_str());
        items.extend(model::extract(file_id(i), loaded).items);
    }
    let policy = Policy::builtin();
    let display = Prepared::new(&policy).expect("the built-in policy compiles");
    Modelled {
        sources,
        items,
        policy,
        display,
    }
});

/// Template resolution, every campaign rule and every project rule, on one
/// thread (the engine runs the campaign part on rayon's threads).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn rules(bencher: Bencher) {
    let m = &*MODELLED;
    let deferred = Deferred::new();
    counters(bencher).bench(|| {
        let templates = resolve::template_index(m.items.iter().filter_map(|item| match item {
            Item::Template(t) => Some(&**t),
            Item::Campaign(_) => None,
        }));
        let mut findings = Vec::new();
        let mut resolved: Vec<Effective> = Vec::new();
        for item in &m.items {
            let Item::Campaign(campaign) = item else {
                continue;
            };
            let (effective, mut found) = resolve::resolve(campaign, &templates, &deferred);
            let cx = CampaignCx {
                effective: &effective,
                policy: &m.policy,
                sources: Texts::Run(&m.sources),
                now: NOW,
                display: &m.display,
            };
            for (_, check) in rules::campaign_checks() {
                check(&cx, &mut found);
            }
            findings.append(&mut found);
            resolved.push(effective);
        }
        let docs: Vec<DocEntry> = m.items.iter().map(DocEntry::of).collect();
        let docs: Vec<&DocEntry> = docs.iter().collect();
        let campaigns: Vec<&Effective> = resolved.iter().collect();
        let cx = ProjectCx {
            docs: &docs,
            campaigns: &campaigns,
            policy: &m.policy,
            sources: &m.sources,
        };
        let mut project = Vec::new();
        for (_, check) in rules::project_checks() {
            check(&cx, &mut project);
        }
        (findings.len(), project.len())
    });
}

fn settings(root: PathBuf) -> Settings {
    let policy = Policy::builtin();
    Settings {
        compiled: policy.compile().expect("the built-in policy compiles"),
        policy,
        root,
        now: NOW,
        select: None,
        ignore: HashSet::new(),
        texts_after_rules: false,
    }
}

fn check_corpus() -> Run {
    let root = CORPUS.dir.path().to_path_buf();
    let targets = [Target::Path(root.clone())];
    engine::check(&settings(root), &targets, &mut std::io::empty())
}

/// The whole in-process run on rayon's threads, output excluded.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn check(bencher: Bencher) {
    counters(bencher).bench(check_corpus);
}

static RUN: LazyLock<Run> = LazyLock::new(check_corpus);

#[divan::bench(sample_count = 20, sample_size = 1)]
fn output_json(bencher: Bencher) {
    let run = &*RUN;
    let outcome = Outcome {
        sources: &run.sources,
        findings: &run.findings,
        files_checked: run.files_checked,
        files_skipped: run.skipped.len(),
        checked_files: &run.checked,
        suppressed: run.suppressed,
        suppressed_by_rule: &run.suppressed_by_rule,
        tool_errors: &run.tool_errors,
        base_dir: None,
        baselined: None,
    };
    let options = Options::default();
    bencher
        .counter(ItemsCount::new(run.findings.len()))
        .with_inputs(|| Vec::with_capacity(1 << 20))
        .bench_local_refs(|out: &mut Vec<u8>| {
            report::write(Format::Json, &outcome, &options, out).expect("written to memory");
        });
}
