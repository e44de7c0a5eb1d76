//! The pipeline of one `check` run, from the files named to the findings
//! reported: walk, load, model, resolve, rules, severities, suppressions.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::catalog;
use crate::finding::Finding;
use crate::load::{self, Comment, Limits};
use crate::model::{self, DocRef, Item};
use crate::policy::{CompiledPolicy, Policy, RuleLevel};
use crate::recognize;
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

/// What a run found.
pub struct Run {
    pub sources: Sources,
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

/// One file after loading and extraction.
struct FileResult {
    /// The file holds no campaign document: no rule runs on it.
    skipped: bool,
    text: String,
    comments: Vec<Comment>,
    items: Vec<Item>,
    findings: Vec<Finding>,
    error: Option<ToolError>,
}

/// Checks the targets in the context of the whole project.
pub fn check(settings: &Settings, targets: &[Target], stdin: &mut dyn Read) -> Run {
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
    let (entries, mut tool_errors) =
        walk::collect(&settings.root, targets, &settings.compiled.files);
    let max_bytes = settings.policy.files.max_bytes;
    let include_set_by_file = settings.policy.files.include_set_by_file;

    let stdin_bytes = entries
        .iter()
        .any(|e| e.path.is_none())
        .then(|| read_bounded(stdin, max_bytes));

    // Each entry is consumed by its worker: its strings move into the
    // results rather than being copied.
    let results: Vec<(bool, String, SourceFile, FileResult)> = entries
        .into_par_iter()
        .enumerate()
        .map(|(index, entry)| {
            let id = FileId::try_from(index).unwrap_or(FileId::MAX);
            let bytes = match &entry.path {
                Some(path) => read_file(path, max_bytes),
                None => stdin_bytes
                    .clone()
                    .unwrap_or_else(|| Err("standard input was not read".into())),
            };
            // A file the policy's own `files.include` selects is a campaign
            // file even when it cannot be read; others must show it.
            let claimed = include_set_by_file
                && settings
                    .compiled
                    .files
                    .is_selected(Path::new(&entry.relative));
            let mut result = process_file(id, &entry, bytes, claimed, max_bytes);
            // The text's line index is built here, on the worker thread.
            let text = std::mem::take(&mut result.text);
            let source = SourceFile::new(id, entry.display, text);
            (entry.named, entry.relative, source, result)
        })
        .collect();

    let mut sources = Sources::default();
    let mut files: Vec<FileState> = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    let mut checked = Vec::new();
    for (named, relative, source, result) in results {
        if named && result.skipped {
            skipped.push(source.path.clone());
        } else if named {
            checked.push(source.path.clone());
        }
        sources.push(source);
        if let Some(error) = result.error {
            tool_errors.push(error);
        }
        files.push(FileState {
            named: named && !result.skipped,
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
    if files_checked == 0 && tool_errors.is_empty() {
        tool_errors.extend(nothing_found(settings, targets));
    }
    let mut run = finish(sources, outcome.findings, files_checked, tool_errors);
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

/// Loads one file and reads its campaign documents. `claimed`: the policy
/// file's `files.include` selects it, so it is a campaign file even when it
/// cannot be read.
fn process_file(
    id: FileId,
    entry: &walk::Entry,
    bytes: Result<Vec<u8>, String>,
    claimed: bool,
    max_bytes: u64,
) -> FileResult {
    let skipped = || FileResult {
        skipped: true,
        text: String::new(),
        comments: Vec::new(),
        items: Vec::new(),
        findings: Vec::new(),
        error: None,
    };
    let file_finding = |message: String, text: String, offset: usize| FileResult {
        findings: vec![Finding::new(
            &catalog::YAML_SYNTAX,
            Loc::new(id, NO_DOC, offset, offset),
            message,
        )],
        text,
        skipped: false,
        ..skipped()
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) if message.contains(TOO_LARGE) => {
            // Its first `max_bytes` are scanned for `promo/v1`, in chunks
            // (never held whole, never read to the end of a huge file).
            // Standard input cannot be read again: what was piped in is
            // taken as meant for promolint.
            let ours = claimed
                || entry.path.as_deref().is_none_or(|path| {
                    std::fs::File::open(path)
                        .is_ok_and(|file| recognize::reader_mentions_promo_v1(file.take(max_bytes)))
                });
            return if ours {
                file_finding(message, String::new(), 0)
            } else {
                skipped()
            };
        }
        Err(message) => {
            return FileResult {
                error: Some(ToolError {
                    file: entry.display.clone(),
                    message,
                }),
                skipped: false,
                ..skipped()
            };
        }
    };
    // Most of a repository's YAML is ruled out here, before decoding and
    // parsing, where no parse could make it a campaign file.
    if !claimed && !recognize::may_hold_campaign(&bytes) {
        return skipped();
    }
    let mentions_promo_v1 = claimed || recognize::mentions_promo_v1(&bytes);
    let text = match load::decode(bytes) {
        Ok(text) => text,
        Err(error) if mentions_promo_v1 => {
            return file_finding(error.message, error.lossy_text, error.offset);
        }
        Err(_) => return skipped(),
    };
    let mut loaded = load::load(id, &text, Limits::default());
    let campaign_docs: HashSet<u32> = loaded
        .documents
        .iter()
        .filter(|doc| recognize::is_campaign_document(doc))
        .map(|doc| doc.index)
        .collect();
    let unreadable = loaded
        .findings
        .iter()
        .any(|f| f.rule == catalog::YAML_SYNTAX.id);
    let ours = !campaign_docs.is_empty() || (unreadable && mentions_promo_v1);
    if !ours {
        return skipped();
    }
    // Foreign documents beside campaigns get no finding: the loader's
    // findings are kept for campaign documents and for the syntax errors of
    // a file that is ours.
    loaded
        .documents
        .retain(|doc| campaign_docs.contains(&doc.index));
    loaded
        .findings
        .retain(|f| f.rule == catalog::YAML_SYNTAX.id || campaign_docs.contains(&f.loc.doc));
    let extracted = model::extract(id, &loaded);
    let mut findings = loaded.findings;
    findings.extend(extracted.findings);
    // Only `promolint:` comments matter past this point (suppressions); the
    // others are freed here rather than kept for the whole run.
    let mut comments = loaded.comments;
    comments.retain(|comment| suppress::parse(&comment.text).is_some());
    comments.shrink_to_fit();
    FileResult {
        skipped: false,
        comments,
        items: extracted.items,
        findings,
        text,
        error: None,
    }
}

/// Item 3 of FORMAT.md's recognition: a walk of directories (or of the
/// current one) that finds no campaign document is a usage error, so that a
/// wrong path in CI is never green. Named files that are all foreign are not.
fn nothing_found(settings: &Settings, targets: &[Target]) -> Option<ToolError> {
    let mut dirs = Vec::new();
    for target in targets {
        match target {
            Target::Path(path) if path.is_dir() => dirs.push(walk::clean_display(path)),
            _ => return None,
        }
    }
    let include = settings
        .policy
        .files
        .include
        .iter()
        .map(|glob| format!("\"{glob}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let under = if dirs.is_empty() {
        ".".to_string()
    } else {
        dirs.join(", ")
    };
    Some(ToolError {
        file: under.clone(),
        message: format!(
            "no campaign documents found under {under}; files.include is [{include}] \
             (a campaign document has `apiVersion: promo/v1` or `kind: Campaign`)"
        ),
    })
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
        findings,
        files_checked,
        skipped: Vec::new(),
        checked: Vec::new(),
        suppressed: 0,
        suppressed_by_rule: Vec::new(),
        tool_errors,
    }
}
