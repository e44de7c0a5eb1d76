//! The pipeline of one `check` run, from the files named to the findings
//! reported: walk, load, model, resolve, rules, severities, suppressions.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::cache::{Cache, Location};
use crate::catalog;
use crate::finding::{Finding, Severity};
use crate::load::Comment;
use crate::model::{Campaign, Item, Template};
use crate::policy::{CompiledPolicy, PathSeverities, Policy, RuleLevel};
use crate::report::ToolError;
use crate::resolve::{self, Effective};
use crate::review::{self, git::BaseProject};
use crate::rules::{self, DocEntry, ProjectCx, schema};
use crate::source::{FileId, Loc, NO_DOC, SourceFile, Sources, Texts};
use crate::suppress;
use crate::walk::{self, Target};

mod base;
mod campaigns;
mod files;
mod read;

use base::{BaseSide, load_base};
use campaigns::{Checked, Stage, defer_findings};

use files::{ReadContext, read_files};
use read::{nothing_found, read_bounded};

/// Everything a run needs besides the files.
pub struct Settings {
    pub policy: Policy,
    /// The project root: the policy file's directory, or the current one.
    pub root: PathBuf,
    pub now: OffsetDateTime,
    /// `--select`: only these rules (on top of the policy).
    pub select: Option<HashSet<String>>,
    /// `--ignore`: not these rules.
    pub ignore: HashSet<String>,
    /// The policy's globs and severities, compiled once.
    pub compiled: CompiledPolicy,
    /// Whether anything after the rules reads a file's text: a report that
    /// shows source, a fix, a baseline. When nothing does, a file that no
    /// later stage reads keeps only its line structure once checked
    /// (docs/decisions.md, "Memory").
    pub texts_after_rules: bool,
}

/// Where a file of a run lives, by [`FileId`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunFile {
    /// On disk (`None` for standard input).
    pub path: Option<PathBuf>,
    /// Relative to the project root (what a baseline records).
    pub relative: String,
    /// Whether its findings are reported.
    pub named: bool,
}

/// What a run found.
pub struct Run {
    pub sources: Sources,
    /// Where each file of `sources` lives, by file id (`--fix` writes
    /// there, a baseline names the file by its `relative` path).
    pub files: Vec<RunFile>,
    /// Reported findings, sorted, with their effective severity.
    pub findings: Vec<Finding>,
    pub files_checked: usize,
    /// The named files with no campaign document (FORMAT.md), as reported.
    pub skipped: Vec<String>,
    /// The files checked, as reported, in path order.
    pub checked: Vec<String>,
    pub suppressed: usize,
    pub suppressed_by_rule: Vec<(&'static str, usize)>,
    pub tool_errors: Vec<ToolError>,
}

/// What a file's findings past `files.max_findings` were: counted, never
/// kept, so a file that yields millions of findings costs what its first
/// ones do (issue 18).
#[derive(Clone, Copy, Debug, Default)]
struct Dropped {
    count: usize,
    /// The earliest of them, where the note is reported.
    first: Option<Loc>,
    /// Whether one of them was an error: the note is then an error too, so
    /// the exit code is what it would have been.
    error: bool,
}

impl Dropped {
    fn add(&mut self, finding: &Finding) {
        self.count += 1;
        self.error |= finding.severity == Severity::Error;
        if self
            .first
            .is_none_or(|first| finding.loc.start < first.start)
        {
            self.first = Some(finding.loc);
        }
    }
}

/// The order findings are reported in within one file (`finish` adds the
/// path in front).
fn report_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.loc
        .file
        .cmp(&b.loc.file)
        .then(a.loc.start.cmp(&b.loc.start))
        .then(a.rule.cmp(b.rule))
        .then(a.campaign.cmp(&b.campaign))
        .then(a.message.cmp(&b.message))
}

/// Keeps the first `max` findings of each file in report order and hands
/// the rest to `drop`. Each stage caps what it made, so the first `max` of
/// the whole file are always among those kept.
fn cap_per_file(
    mut findings: Vec<Finding>,
    max: usize,
    drop: &mut dyn FnMut(&Finding),
) -> Vec<Finding> {
    let mut per_file: HashMap<FileId, usize> = HashMap::new();
    let over = |per_file: &HashMap<FileId, usize>| per_file.values().any(|&n| n > max);
    for finding in findings
        .iter()
        .filter(|f| f.rule != catalog::YAML_SYNTAX.id)
    {
        *per_file.entry(finding.loc.file).or_default() += 1;
    }
    if !over(&per_file) {
        return findings;
    }
    findings.sort_by(report_order);
    findings.dedup();
    per_file.clear();
    findings.retain(|finding| {
        // The loader makes a few of these per file at most (a syntax error
        // or a budget that stopped the reading), and they say why the rest
        // is missing: never capped.
        if finding.rule == catalog::YAML_SYNTAX.id {
            return true;
        }
        let kept = per_file.entry(finding.loc.file).or_default();
        if *kept < max {
            *kept += 1;
            return true;
        }
        drop(finding);
        false
    });
    findings
}

/// How many of the files read are moved to the run's lists between two
/// shrinks of the list they came in.
const SHRINK_EVERY: usize = 4096;

/// Campaigns checked at once (in parallel) before their findings are capped.
const CAMPAIGN_CHUNK: usize = 1024;

/// Keeps growing finding lists within `files.max_findings` per file, with
/// the run's severities applied first (a rule that is off takes no room).
struct Budget<'s> {
    settings: &'s Settings,
    levels: &'s [PathSeverities<'s>],
    max: usize,
    dropped: Vec<Dropped>,
}

impl Budget<'_> {
    fn keep(&mut self, list: &mut Vec<Finding>, found: impl IntoIterator<Item = Finding>) {
        let Budget {
            settings,
            levels,
            max,
            dropped,
        } = self;
        list.extend(
            found
                .into_iter()
                .filter_map(|f| with_level(settings, levels.get(f.loc.file as usize)?, f)),
        );
        // Capped when twice over, so that each finding is sorted a few
        // times at most.
        if list.len() > max.saturating_mul(2).max(64) {
            *list = cap_per_file(std::mem::take(list), *max, &mut |f| record(dropped, f));
        }
    }
}

fn record(dropped: &mut [Dropped], finding: &Finding) {
    if let Some(slot) = dropped.get_mut(finding.loc.file as usize) {
        slot.add(finding);
    }
}

/// The one finding that stands for a file's findings past the cap.
fn dropped_note(file: FileId, dropped: &Dropped, max: usize) -> Option<Finding> {
    let first = dropped.first?;
    let mut note = Finding::new(
        &catalog::YAML_SYNTAX,
        Loc::new(file, NO_DOC, first.start as usize, first.start as usize),
        format!(
            "{} more findings in this file were not reported: at most {max} are reported \
             per file (files.max_findings)",
            dropped.count
        ),
    )
    .with_help(
        "fix the findings reported first, or raise files.max_findings in .promolint.yaml"
            .to_string(),
    );
    note.severity = if dropped.error {
        Severity::Error
    } else {
        Severity::Warning
    };
    Some(note)
}

/// Texts that stand in for files on disk (the language server's open
/// documents), keyed by absolute, lexically normalized path: the read step
/// takes a file's text from here when it is here.
pub type Overlay = HashMap<PathBuf, Arc<str>>;

/// Checks the targets in the context of the whole project.
pub fn check(settings: &Settings, targets: &[Target], stdin: &mut dyn Read) -> Run {
    check_with_base(settings, None, targets, stdin)
}

/// [`check`], reading the files of `overlay` from it rather than from disk;
/// the run keeps the text of every file (what `--fix` compares), where the
/// other entry points keep only those of the files the findings point into.
pub fn check_with_overlay(
    settings: &Settings,
    targets: &[Target],
    stdin: &mut dyn Read,
    overlay: &Overlay,
) -> Run {
    run_check(
        settings,
        None,
        targets,
        stdin,
        overlay,
        None,
        KeptTexts::All,
    )
}

/// [`check_with_overlay`] with the per-file cache: of the files not named,
/// only those the named ones depend on are read (`crate::cache`), and the
/// cache is brought up to date with what was read.
pub fn check_cached(
    settings: &Settings,
    targets: &[Target],
    stdin: &mut dyn Read,
    overlay: &Overlay,
    cache: Store,
) -> Run {
    run_check(
        settings,
        None,
        targets,
        stdin,
        overlay,
        Some(cache),
        KeptTexts::Reported,
    )
}

/// Where a cached run's cache comes from.
pub enum Store<'c> {
    /// Held by the caller between runs (the language server).
    Memory(&'c mut Cache),
    /// Read from disk while the project is walked, written back after.
    Disk(&'c Location),
}

/// [`check`], and with a base project (`--base`, read by
/// [`review::git::load_base`]) the change rules too.
pub fn check_with_base(
    settings: &Settings,
    base: Option<BaseProject>,
    targets: &[Target],
    stdin: &mut dyn Read,
) -> Run {
    run_check(
        settings,
        base,
        targets,
        stdin,
        &Overlay::new(),
        None,
        KeptTexts::Reported,
    )
}

/// Which texts a run keeps past its rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeptTexts {
    All,
    /// Those of the files that the reported findings point into.
    Reported,
}

fn run_check(
    settings: &Settings,
    base: Option<BaseProject>,
    targets: &[Target],
    stdin: &mut dyn Read,
    overlay: &Overlay,
    store: Option<Store>,
    kept_texts: KeptTexts,
) -> Run {
    // The policy's label terms, compiled once for every file; a list that
    // cannot compile is a policy problem that stops the run (exit code 2).
    let display = match rules::display::Prepared::new(&settings.policy) {
        Ok(display) => display,
        Err(error) => {
            let error = ToolError {
                file: "policy".into(),
                message: error.to_string(),
            };
            return finish(Sources::default(), Vec::new(), 0, vec![error]);
        }
    };
    let ((entries, mut tool_errors), loaded) = rayon::join(
        || {
            let stamps = match store {
                Some(_) => walk::Stamps::Taken,
                None => walk::Stamps::NotTaken,
            };
            walk::collect(&settings.root, targets, &settings.compiled.files, stamps)
        },
        || match &store {
            Some(Store::Disk(location)) => Some(location.load()),
            _ => None,
        },
    );
    let mut loaded = loaded;
    let (cache, location): (Option<&mut Cache>, Option<&Location>) = match store {
        Some(Store::Memory(cache)) => (Some(cache), None),
        Some(Store::Disk(location)) => (loaded.as_mut(), Some(location)),
        None => (None, None),
    };
    let max_bytes = settings.policy.files.max_bytes;
    let max_findings = usize::try_from(settings.policy.files.max_findings).unwrap_or(usize::MAX);
    let include_set_by_file = settings.policy.files.include_set_by_file;

    let stdin_bytes = entries
        .iter()
        .any(|e| e.path.is_none())
        .then(|| read_bounded(stdin, max_bytes));

    let context = ReadContext {
        settings,
        overlay,
        stdin_bytes: stdin_bytes.as_ref(),
        max_bytes,
        max_findings,
        include_set_by_file,
        stage: Stage {
            settings,
            display: &display,
            keep_all: base.is_some(),
        },
        positions_suffice: !settings.texts_after_rules
            && kept_texts == KeptTexts::Reported
            && base.is_none(),
        no_text: Arc::from(""),
    };
    let (results, early_deferred) = read_files(&context, entries, cache);
    if let (Some(location), Some(cache)) = (location, &loaded) {
        location.save(cache);
    }
    // A cache of ten thousand entries takes milliseconds to free: a thread
    // of the pool frees it while the rules run.
    if let Some(cache) = loaded.take() {
        rayon::spawn(move || drop(cache));
    }
    let files_len = results.len();
    let mut source_files: Vec<SourceFile> = Vec::with_capacity(files_len);
    let mut files: Vec<FileState> = Vec::with_capacity(files_len);
    let mut levels: Vec<PathSeverities> = Vec::with_capacity(files_len);
    let mut dropped: Vec<Dropped> = Vec::with_capacity(files_len);
    // Where each file lives, moved out of the per-file stage's results.
    let mut run_files: Vec<RunFile> = Vec::with_capacity(files_len);
    let mut skipped = Vec::new();
    let mut checked = Vec::new();
    let mut file_errors = Vec::new();
    // Taken from the back, so that the results' buffer shrinks as the
    // run's lists grow: the two are never held whole at once.
    let mut results = results;
    while let Some(loaded) = results.pop() {
        let (file, source, result, file_levels, file_dropped) = *loaded;
        if results.len().is_multiple_of(SHRINK_EVERY) {
            results.shrink_to_fit();
        }
        let named = file.named;
        run_files.push(file);
        if named && result.skipped {
            skipped.push(source.path.clone());
        } else if named {
            checked.push(source.path.clone());
        }
        source_files.push(source);
        file_errors.extend(result.error);
        files.push(FileState {
            named: named && !result.skipped,
            comments: result.comments,
            items: result.items,
            docs: result.docs,
            kept: result.kept,
            findings: result.findings,
            late: result.late,
        });
        levels.push(file_levels);
        dropped.push(file_dropped);
    }
    for list in [&mut skipped, &mut checked] {
        list.reverse();
    }
    source_files.reverse();
    run_files.reverse();
    files.reverse();
    levels.reverse();
    dropped.reverse();
    tool_errors.extend(file_errors.into_iter().rev());
    let mut sources = Sources::from_files(source_files);
    let files_checked = files.iter().filter(|f| f.named).count();
    let base = base.map(|base| load_base(base, max_bytes, &mut sources));

    // The templates read before the waiting files gave their findings up
    // then; those read after, now.
    let mut deferred = early_deferred;
    for (file, state) in files.iter_mut().enumerate() {
        let file = FileId::try_from(file).unwrap_or(FileId::MAX);
        defer_findings(&mut deferred, file, &state.items, &mut state.findings);
    }
    let mut budget = Budget {
        settings,
        levels: &levels,
        max: max_findings,
        dropped,
    };
    let by_file = run_rules(
        &context.stage,
        &sources,
        &mut files,
        &deferred,
        base.as_ref(),
        &mut budget,
    );
    let mut dropped = budget.dropped;
    for (state, mut extra) in files.iter_mut().zip(by_file) {
        state.findings.append(&mut extra);
    }
    // The models are not needed past the rules: freed now, on every
    // thread, rather than one by one at the end of the run.
    files.par_iter_mut().for_each(|state| {
        drop(std::mem::take(&mut state.items));
        drop(std::mem::take(&mut state.kept));
        drop(std::mem::take(&mut state.docs));
    });

    let mut findings = Vec::new();
    // The findings of files not named are not reported, but they tell
    // whether a suppression comment is used (one in a named template covers
    // the findings of campaigns elsewhere that inherit the value).
    let mut context = Vec::new();
    for state in &mut files {
        if state.named {
            findings.append(&mut state.findings);
        } else {
            context.append(&mut state.findings);
        }
    }
    let findings = apply_levels(settings, &levels, findings);
    let context = apply_levels(settings, &levels, context);
    let outcome = apply_suppressions(settings, &levels, &sources, &files, findings, &context);
    // A suppression in a file whose findings were cut short may have
    // matched one that was never kept: whether it is unused is not known.
    let mut reported = outcome.findings;
    reported.retain(|f| {
        f.rule != catalog::UNUSED_SUPPRESSION.id
            || dropped
                .get(f.loc.file as usize)
                .is_none_or(|d| d.count == 0)
    });
    let mut reported = cap_per_file(reported, max_findings, &mut |f| record(&mut dropped, f));
    for (file, (state, dropped)) in files.iter().zip(&dropped).enumerate() {
        if state.named {
            reported.extend(dropped_note(file as FileId, dropped, max_findings));
        }
    }
    if files_checked == 0 && tool_errors.is_empty() {
        tool_errors.extend(nothing_found(settings, targets));
    }
    drop(files);
    if kept_texts == KeptTexts::Reported {
        let mut pointed = vec![false; sources.len()];
        for finding in &reported {
            let fix_edits = finding.fix.iter().flat_map(|fix| &fix.edits);
            let locs = std::iter::once(finding.loc)
                .chain(finding.labels.iter().map(|label| label.loc))
                .chain(fix_edits.map(|edit| edit.loc));
            for loc in locs {
                if let Some(slot) = pointed.get_mut(loc.file as usize) {
                    *slot = true;
                }
            }
        }
        sources.release_texts(|file| pointed.get(file as usize).copied().unwrap_or(true));
    }
    let mut run = finish(sources, reported, files_checked, tool_errors);
    run.files = run_files;
    run.skipped = skipped;
    run.checked = checked;
    run.suppressed = outcome.suppressed;
    run.suppressed_by_rule = outcome.suppressed_by_rule;
    run
}

/// The suppression stage, with this run's severities for the findings it
/// makes and for telling which suppressions could have matched.
fn apply_suppressions(
    settings: &Settings,
    levels: &[PathSeverities],
    sources: &Sources,
    files: &[FileState],
    findings: Vec<Finding>,
    context: &[Finding],
) -> suppress::Outcome {
    let comments: Vec<suppress::FileComments> = files
        .iter()
        .map(|f| suppress::FileComments {
            named: f.named,
            comments: &f.comments,
        })
        .collect();
    let apply = |finding: Finding| apply_levels(settings, levels, vec![finding]).pop();
    let active = |rule: &str, file: FileId| {
        rule_enabled(settings, rule)
            && levels.get(file as usize).map_or_else(
                || settings.compiled.severities.base_level(rule),
                |l| l.level(rule),
            ) != RuleLevel::Off
    };
    let levels = suppress::Levels {
        apply: &apply,
        active: &active,
    };
    suppress::apply(sources, &comments, findings, context, &levels)
}

struct FileState {
    named: bool,
    comments: Vec<Comment>,
    /// The templates, and the campaigns that wait for them.
    items: Vec<Item>,
    /// Every document's kind and id, in document order.
    docs: Vec<DocEntry>,
    /// The campaigns checked already that the run keeps whole.
    kept: Vec<Checked>,
    findings: Vec<Finding>,
    /// The findings of each campaign that names a template and was checked
    /// on its worker, for the run's stage to cap.
    late: Vec<Vec<Finding>>,
}

/// Template resolution and the rules of the campaigns that name a
/// template, then every project rule; findings are grouped by the file of
/// the document they are reported for (one list per file, in file order).
fn run_rules(
    stage: &Stage,
    sources: &Sources,
    files: &mut [FileState],
    deferred: &resolve::Deferred,
    base: Option<&BaseSide>,
    budget: &mut Budget,
) -> Vec<Vec<Finding>> {
    let settings = stage.settings;
    let files_len = files.len();
    let named: Vec<bool> = files.iter().map(|f| f.named).collect();
    // The campaigns that wait for their template leave their files: each is
    // resolved in place and dropped once checked unless it is kept.
    let mut waiting: Vec<Box<Campaign>> = Vec::new();
    for state in files.iter_mut() {
        if state
            .items
            .iter()
            .any(|item| matches!(item, Item::Campaign(_)))
        {
            let (templates, campaigns): (Vec<Item>, Vec<Item>) = std::mem::take(&mut state.items)
                .into_iter()
                .partition(|item| matches!(item, Item::Template(_)));
            state.items = templates;
            waiting.extend(campaigns.into_iter().filter_map(|item| match item {
                Item::Campaign(campaign) => Some(campaign),
                Item::Template(_) => None,
            }));
        }
    }
    let late: Vec<Vec<Vec<Finding>>> = files
        .iter_mut()
        .map(|state| std::mem::take(&mut state.late))
        .collect();
    let files = &*files;
    let template_items: Vec<&Template> = files
        .iter()
        .flat_map(|f| f.items.iter())
        .filter_map(|item| match item {
            Item::Template(t) => Some(&**t),
            Item::Campaign(_) => None,
        })
        .collect();
    let templates = resolve::template_index(template_items.iter().copied());

    let mut out: Vec<Vec<Finding>> = Vec::new();
    out.resize_with(files_len, Vec::new);
    for t in &template_items {
        if let Some(list) = out.get_mut(t.anchor.doc.file as usize) {
            budget.keep(list, schema::missing_field::check_template(t));
        }
    }

    // Those checked on their worker, in the order the run would have.
    for (list, late) in out.iter_mut().zip(late) {
        for findings in late {
            budget.keep(list, findings);
        }
    }
    // In chunks, so that the findings of many campaigns of one file are
    // capped as they come rather than all held at once.
    let mut late: Vec<Checked> = Vec::new();
    let mut waiting = waiting.into_iter();
    loop {
        let chunk: Vec<Box<Campaign>> = waiting.by_ref().take(CAMPAIGN_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let checked: Vec<(FileId, Vec<Finding>, Option<Checked>)> = chunk
            .into_par_iter()
            .map(|mut campaign| {
                let resolution = resolve::resolve_in_place(&mut campaign, &templates, deferred);
                let file = campaign.anchor.doc.file;
                let (findings, kept) = stage.check(Texts::Run(sources), campaign, resolution);
                (file, findings, kept)
            })
            .collect();
        for (file, findings, kept) in checked {
            if let Some(list) = out.get_mut(file as usize) {
                budget.keep(list, findings);
            }
            late.extend(kept);
        }
    }
    // Every campaign kept, in path then document order.
    let mut kept: Vec<&Checked> = files.iter().flat_map(|f| f.kept.iter()).collect();
    if !late.is_empty() {
        kept.extend(late.iter());
        kept.sort_by_key(|checked| checked.order());
    }
    let campaigns: Vec<Effective> = kept.iter().map(|checked| checked.effective()).collect();
    let docs: Vec<&DocEntry> = files.iter().flat_map(|f| f.docs.iter()).collect();
    let read_by_project: Vec<&Effective> = campaigns
        .iter()
        .filter(|effective| rules::project::reads(effective))
        .collect();
    let cx = ProjectCx {
        docs: &docs,
        campaigns: &read_by_project,
        policy: &settings.policy,
        sources,
    };
    for (meta, check) in rules::project_checks() {
        if rule_enabled(settings, meta.id) {
            let mut found = Vec::new();
            check(&cx, &mut found);
            for (doc, finding) in found {
                if let Some(list) = out.get_mut(doc.file as usize) {
                    budget.keep(list, [finding]);
                }
            }
        }
    }
    if let Some(base) = base {
        let campaign_refs: Vec<&Effective> = campaigns.iter().collect();
        let base_items: Vec<&Item> = base.items.iter().collect();
        let enabled = |id: &str| rule_enabled(settings, id);
        let sides = review::Sides {
            campaigns: &campaign_refs,
            templates: &templates,
            base_items: &base_items,
            revision: &base.revision,
            policy: &settings.policy,
            now: settings.now,
            named: &named,
            enabled: &enabled,
        };
        for (doc, finding) in review::check(&sides, rules::change_checks()) {
            if let Some(list) = out.get_mut(doc.file as usize) {
                budget.keep(list, [finding]);
            }
        }
    }
    out
}

fn rule_enabled(settings: &Settings, id: &str) -> bool {
    settings.select.as_ref().is_none_or(|s| s.contains(id)) && !settings.ignore.contains(id)
}

/// Applies `--select`/`--ignore` and the policy's severities (by the file
/// of each finding's primary span, whose overrides were matched once);
/// drops what is off.
fn apply_levels(
    settings: &Settings,
    levels: &[PathSeverities],
    findings: Vec<Finding>,
) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|f| match levels.get(f.loc.file as usize) {
            Some(file_levels) => with_level(settings, file_levels, f),
            None => {
                let level = settings.compiled.severities.base_level(f.rule);
                let mut f = f;
                f.severity = level.severity()?;
                rule_enabled(settings, f.rule).then_some(f)
            }
        })
        .collect()
}

/// One finding with its file's level for its rule; `None` when it is off.
fn with_level(settings: &Settings, levels: &PathSeverities, mut f: Finding) -> Option<Finding> {
    if !rule_enabled(settings, f.rule) {
        return None;
    }
    let level = levels.level(f.rule);
    let severity = level.severity()?;
    // A rule that lowered its own finding (`template-change` when no
    // production campaign inherits the change) keeps that severity unless
    // the policy sets another level.
    let own_default = crate::policy::default_severity(f.rule);
    let lowered = own_default.is_some_and(|d| RuleLevel::from(d) == level && d != f.severity);
    if !lowered {
        f.severity = severity;
    }
    Some(f)
}

fn finish(
    sources: Sources,
    mut findings: Vec<Finding>,
    files_checked: usize,
    tool_errors: Vec<ToolError>,
) -> Run {
    findings.sort_by(|a, b| {
        sources
            .path(a.loc.file)
            .as_bytes()
            .cmp(sources.path(b.loc.file).as_bytes())
            .then(a.loc.start.cmp(&b.loc.start))
            .then(a.rule.cmp(b.rule))
            .then(a.campaign.cmp(&b.campaign))
            .then(a.message.cmp(&b.message))
    });
    findings.dedup();
    Run {
        sources,
        files: Vec::new(),
        findings,
        files_checked,
        skipped: Vec::new(),
        checked: Vec::new(),
        suppressed: 0,
        suppressed_by_rule: Vec::new(),
        tool_errors,
    }
}
