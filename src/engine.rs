//! The pipeline of one `check` run, from the files named to the findings
//! reported: walk, load, model, resolve, rules, severities, suppressions.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::catalog;
use crate::finding::Finding;
use crate::load::{self, Comment, Limits};
use crate::model::{self, DocRef, Item};
use crate::policy::{CompiledPolicy, Policy, RuleLevel};
use crate::report::ToolError;
use crate::resolve::{self, Effective};
use crate::rules::{self, CampaignCx, ProjectCx, schema};
use crate::source::{FileId, Loc, NO_DOC, SourceFile, Sources};
use crate::suppress;
use crate::walk::{self, Target};

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
}

/// Texts that stand in for files of the run, by reported path: a pass of
/// `--fix` checks its fixed texts without writing them.
pub type Overlay = HashMap<String, String>;

/// Where a file of a run lives, by [`FileId`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunFile {
    /// On disk (`None` for standard input).
    pub path: Option<PathBuf>,
    /// Relative to the project root, `/`-separated (what a baseline records).
    pub relative: String,
    /// Whether its findings are reported.
    pub named: bool,
}

/// What a run found.
pub struct Run {
    pub sources: Sources,
    /// Where each file of `sources` lives, by file id.
    pub files: Vec<RunFile>,
    /// Reported findings, sorted, with their effective severity.
    pub findings: Vec<Finding>,
    pub files_checked: usize,
    pub suppressed: usize,
    pub suppressed_by_rule: Vec<(&'static str, usize)>,
    pub tool_errors: Vec<ToolError>,
}

/// One file after loading and extraction.
struct FileResult {
    text: String,
    comments: Vec<Comment>,
    items: Vec<Item>,
    findings: Vec<Finding>,
    error: Option<ToolError>,
}

/// Checks the targets in the context of the whole project.
pub fn check(settings: &Settings, targets: &[Target], stdin: &mut dyn Read) -> Run {
    check_with(settings, targets, stdin, &Overlay::new())
}

/// [`check`], reading the files `overlay` names from it instead.
pub fn check_with(
    settings: &Settings,
    targets: &[Target],
    stdin: &mut dyn Read,
    overlay: &Overlay,
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
            return finish(Sources::default(), Vec::new(), Vec::new(), vec![error]);
        }
    };
    let (entries, mut tool_errors) =
        walk::collect(&settings.root, targets, &settings.compiled.files);
    let max_bytes = settings.policy.files.max_bytes;

    let stdin_bytes = entries
        .iter()
        .any(|e| e.path.is_none() && !overlay.contains_key(&e.display))
        .then(|| read_bounded(stdin, max_bytes));
    let run_files: Vec<RunFile> = entries
        .iter()
        .map(|entry| RunFile {
            path: entry.path.clone(),
            relative: entry.relative.clone(),
            named: entry.named,
        })
        .collect();

    // Each entry is consumed by its worker: its strings move into the
    // results rather than being copied.
    let results: Vec<(bool, String, SourceFile, FileResult)> = entries
        .into_par_iter()
        .enumerate()
        .map(|(index, entry)| {
            let id = FileId::try_from(index).unwrap_or(FileId::MAX);
            let bytes = match &entry.path {
                _ if overlay.contains_key(&entry.display) => Ok(overlay
                    .get(&entry.display)
                    .map(|text| text.as_bytes().to_vec())
                    .unwrap_or_default()),
                Some(path) => read_file(path, max_bytes),
                None => stdin_bytes
                    .clone()
                    .unwrap_or_else(|| Err("standard input was not read".into())),
            };
            let mut result = process_file(id, &entry.display, bytes);
            // The text's line index is built here, on the worker thread.
            let text = std::mem::take(&mut result.text);
            let source = SourceFile::new(id, entry.display, text);
            (entry.named, entry.relative, source, result)
        })
        .collect();

    let mut sources = Sources::default();
    let mut files: Vec<FileState> = Vec::with_capacity(results.len());
    for (named, relative, source, result) in results {
        sources.push(source);
        if let Some(error) = result.error {
            tool_errors.push(error);
        }
        files.push(FileState {
            named,
            relative,
            comments: result.comments,
            items: result.items,
            findings: result.findings,
        });
    }
    let files_checked = files.iter().filter(|f| f.named).count();

    let deferred = defer_template_findings(&mut files);
    let by_file = run_rules(settings, &display, &sources, &files, &deferred);
    for (state, mut extra) in files.iter_mut().zip(by_file) {
        state.findings.append(&mut extra);
    }
    // The models are not needed past the rules: freed now, on every
    // thread, rather than one by one at the end of the run.
    files
        .par_iter_mut()
        .for_each(|state| drop(std::mem::take(&mut state.items)));

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
    let findings = apply_levels(settings, &files, findings);
    let context = apply_levels(settings, &files, context);
    let outcome = apply_suppressions(settings, &sources, &files, findings, &context);
    let mut run = finish(sources, outcome.findings, run_files, tool_errors);
    run.files_checked = files_checked;
    run.suppressed = outcome.suppressed;
    run.suppressed_by_rule = outcome.suppressed_by_rule;
    run
}

/// The suppression stage, with this run's severities for the findings it
/// makes and for telling which suppressions could have matched.
fn apply_suppressions(
    settings: &Settings,
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
    let apply = |finding: Finding| apply_levels(settings, files, vec![finding]).pop();
    let active = |rule: &str, file: FileId| {
        let relative = files.get(file as usize).map_or("", |s| s.relative.as_str());
        rule_enabled(settings, rule)
            && settings.compiled.level(rule, Path::new(relative)) != RuleLevel::Off
    };
    let levels = suppress::Levels {
        apply: &apply,
        active: &active,
    };
    suppress::apply(sources, &comments, findings, context, &levels)
}

struct FileState {
    named: bool,
    relative: String,
    comments: Vec<Comment>,
    items: Vec<Item>,
    findings: Vec<Finding>,
}

fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut size = 0;
    if let Ok(meta) = file.metadata() {
        if meta.len() > max_bytes {
            return Err(too_large(meta.len(), max_bytes));
        }
        size = meta.len();
    }
    // Room for the whole file and the read that finds its end: two read
    // calls (the bytes, then the end) instead of a small probe and a series
    // of growing ones.
    let capacity = usize::try_from(size).unwrap_or(0).saturating_add(64);
    read_bounded_into(&mut &file, max_bytes, Vec::with_capacity(capacity))
}

/// Reads at most `max_bytes` (one more to tell that there was more).
fn read_bounded(reader: &mut dyn Read, max_bytes: u64) -> Result<Vec<u8>, String> {
    read_bounded_into(reader, max_bytes, Vec::new())
}

fn read_bounded_into(
    reader: &mut dyn Read,
    max_bytes: u64,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, String> {
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

const TOO_LARGE: &str = "larger than files.max_bytes";

fn too_large(len: u64, max: u64) -> String {
    format!("the file is {TOO_LARGE} ({len} bytes or more, limit {max}); it was not read")
}

fn process_file(id: FileId, display: &str, bytes: Result<Vec<u8>, String>) -> FileResult {
    let file_finding = |message: String, text: String, offset: usize| FileResult {
        findings: vec![Finding::new(
            &catalog::YAML_SYNTAX,
            Loc::new(id, NO_DOC, offset, offset),
            message,
        )],
        text,
        comments: Vec::new(),
        items: Vec::new(),
        error: None,
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) if message.contains(TOO_LARGE) => {
            return file_finding(message, String::new(), 0);
        }
        Err(message) => {
            return FileResult {
                text: String::new(),
                comments: Vec::new(),
                items: Vec::new(),
                findings: Vec::new(),
                error: Some(ToolError {
                    file: display.to_string(),
                    message,
                }),
            };
        }
    };
    let text = match load::decode(bytes) {
        Ok(text) => text,
        Err(error) => return file_finding(error.message, error.lossy_text, error.offset),
    };
    let loaded = load::load(id, &text, Limits::default());
    let extracted = model::extract(id, &loaded);
    let mut findings = loaded.findings;
    findings.extend(extracted.findings);
    // Only `promolint:` comments matter past this point (suppressions); the
    // others are freed here rather than kept for the whole run.
    let mut comments = loaded.comments;
    comments.retain(|comment| suppress::parse(&comment.text).is_some());
    comments.shrink_to_fit();
    FileResult {
        comments,
        items: extracted.items,
        findings,
        text,
        error: None,
    }
}

/// A template gets only the syntax and schema rules on its own (FORMAT.md);
/// what else reading it found (a template's `rate: 0.2`) is reported for
/// each campaign that inherits the value.
fn defer_template_findings(files: &mut [FileState]) -> resolve::Deferred {
    let mut deferred = resolve::Deferred::new();
    for (file, state) in files.iter_mut().enumerate() {
        let template_docs: HashSet<u32> = state
            .items
            .iter()
            .filter(|item| matches!(item, Item::Template(_)))
            .map(|item| item.anchor().doc.index)
            .collect();
        if template_docs.is_empty() {
            continue;
        }
        let (moved, kept): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut state.findings)
            .into_iter()
            .partition(|f| {
                template_docs.contains(&f.loc.doc) && !rules::schema::is_schema_rule(f.rule)
            });
        state.findings = kept;
        for finding in moved {
            let doc = DocRef {
                file: file as FileId,
                index: finding.loc.doc,
            };
            deferred.entry(doc).or_default().push(finding);
        }
    }
    deferred
}

/// Template resolution and every campaign and project rule; findings are
/// grouped by the file of the document they are reported for (one list per
/// file, in file order).
fn run_rules(
    settings: &Settings,
    display: &rules::display::Prepared,
    sources: &Sources,
    files: &[FileState],
    deferred: &resolve::Deferred,
) -> Vec<Vec<Finding>> {
    let items: Vec<(DocRef, &Item)> = files
        .iter()
        .flat_map(|f| f.items.iter())
        .map(|item| (item.anchor().doc, item))
        .collect();
    let templates = resolve::template_index(items.iter().filter_map(|(_, item)| match item {
        Item::Template(t) => Some(&**t),
        Item::Campaign(_) => None,
    }));

    let mut out: Vec<Vec<Finding>> = Vec::new();
    out.resize_with(files.len(), Vec::new);
    let mut push = |file: FileId, findings: &mut Vec<Finding>| {
        if let Some(list) = out.get_mut(file as usize) {
            list.append(findings);
        }
    };
    for (doc, item) in &items {
        if let Item::Template(t) = item {
            push(doc.file, &mut schema::missing_field::check_template(t));
        }
    }

    let (campaigns, found): (Vec<Effective>, Vec<Vec<Finding>>) = items
        .par_iter()
        .filter_map(|(_, item)| match item {
            Item::Campaign(c) => Some(&**c),
            Item::Template(_) => None,
        })
        .map(|campaign| {
            let (effective, mut findings) = resolve::resolve(campaign, &templates, deferred);
            let cx = CampaignCx {
                effective: &effective,
                policy: &settings.policy,
                sources,
                now: settings.now,
                display,
            };
            for (meta, check) in rules::campaign_checks() {
                if rule_enabled(settings, meta.id) {
                    check(&cx, &mut findings);
                }
            }
            (effective, findings)
        })
        .unzip();

    for (effective, mut findings) in campaigns.iter().zip(found) {
        push(effective.campaign.anchor.doc.file, &mut findings);
    }

    let all_items: Vec<&Item> = items.iter().map(|(_, item)| *item).collect();
    let campaign_refs: Vec<&Effective> = campaigns.iter().collect();
    let cx = ProjectCx {
        items: &all_items,
        campaigns: &campaign_refs,
        policy: &settings.policy,
        sources,
    };
    for (meta, check) in rules::project_checks() {
        if rule_enabled(settings, meta.id) {
            let mut found = Vec::new();
            check(&cx, &mut found);
            for (doc, finding) in found {
                if let Some(list) = out.get_mut(doc.file as usize) {
                    list.push(finding);
                }
            }
        }
    }
    out
}

fn rule_enabled(settings: &Settings, id: &str) -> bool {
    settings.select.as_ref().is_none_or(|s| s.contains(id)) && !settings.ignore.contains(id)
}

/// Applies `--select`/`--ignore` and the policy's severities (by the file
/// of each finding's primary span, relative to the project root); drops
/// what is off.
fn apply_levels(settings: &Settings, files: &[FileState], findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| rule_enabled(settings, f.rule))
        .filter_map(|mut f| {
            let relative = files
                .get(f.loc.file as usize)
                .map_or("", |s| s.relative.as_str());
            f.severity = settings
                .compiled
                .level(f.rule, Path::new(relative))
                .severity()?;
            Some(f)
        })
        .collect()
}

fn finish(
    sources: Sources,
    mut findings: Vec<Finding>,
    files: Vec<RunFile>,
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
        files,
        findings,
        files_checked: 0,
        suppressed: 0,
        suppressed_by_rule: Vec::new(),
        tool_errors,
    }
}
