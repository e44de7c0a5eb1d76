//! `--fix` and `--diff`: the findings' fixes applied to the texts of a run,
//! pass after pass, each pass checked by running the pipeline again on the
//! fixed texts (CLI.md "Fixes").
//!
//! A pass takes the applicable fixes in path order; a fix whose edits
//! collide with one taken already waits for the next pass. A fix is
//! dropped, and never tried again, when its file would not parse after it,
//! when the pass's re-check still has its finding, or when the file gains a
//! finding it did not have. Nothing is written here: the caller writes the
//! [`Changed`] files (or prints them, or their diff).

pub mod diff;
pub mod edits;
pub mod write;

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use crate::catalog::YAML_SYNTAX;
use crate::engine::{self, Overlay, Run, Settings};
use crate::finding::{Edit, Finding, FixApplicability};
use crate::load::{self, Limits};
use crate::source::{FileId, Sources};
use crate::walk::{self, Target};

/// At most this many passes (CLI.md).
pub const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode {
    /// `--unsafe-fixes`: unsafe fixes too.
    pub unsafe_fixes: bool,
}

/// A file whose text the fixes changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    /// The path as reported.
    pub display: String,
    /// On disk; `None` for standard input.
    pub path: Option<PathBuf>,
    pub before: String,
    pub after: String,
}

/// What fixing did.
pub struct Fixed {
    /// The run on the fixed texts: what is left to report.
    pub run: Run,
    /// The files changed, in path order.
    pub changed: Vec<Changed>,
    /// How many fixes were applied.
    pub applied: usize,
    /// How many passes applied some.
    pub passes: usize,
}

/// Runs the pipeline and applies the fixes `mode` allows until none is
/// left, or [`MAX_PASSES`] passes applied some.
pub fn fix(settings: &Settings, targets: &[Target], stdin: &mut dyn Read, mode: Mode) -> Fixed {
    // Standard input is read once; every pass reads it from here.
    let mut input = Vec::new();
    if targets.iter().any(|t| matches!(t, Target::Stdin { .. })) {
        // A read error shows up as the first run's tool error.
        let _ = stdin.read_to_end(&mut input);
    }
    // Standard input's fixed text is handed to the next pass as its input;
    // files on disk through the overlay, by absolute path.
    let check = |overlay: &Overlay, input: &[u8]| {
        engine::check_with_overlay(settings, targets, &mut &input[..], overlay)
    };

    let mut overlay = Overlay::new();
    let mut run = check(&overlay, &input);
    let originals: Vec<String> = run.sources.iter().map(|f| f.text.to_string()).collect();
    let mut rejected: HashSet<String> = HashSet::new();
    let (mut applied, mut passes) = (0, 0);
    // Each failed attempt rejects at least one fix, so this ends; the bound
    // only keeps a pathological run short.
    let mut attempts = 0;
    while passes < MAX_PASSES && attempts < MAX_PASSES * 4 {
        attempts += 1;
        let plan = plan(&run, mode, &rejected);
        if plan.fixes.is_empty() {
            break;
        }
        let mut next_overlay = overlay.clone();
        let mut next_input = input.clone();
        for (file, text) in &plan.texts {
            match run.files.get(*file as usize).and_then(|f| f.path.as_ref()) {
                Some(path) => {
                    next_overlay.insert(walk::absolute(path), Arc::from(text.as_str()));
                }
                None => next_input = text.clone().into_bytes(),
            }
        }
        let next = check(&next_overlay, &next_input);
        let failed = verify(&plan, &run, &next);
        if !failed.is_empty() {
            rejected.extend(failed);
            continue;
        }
        applied += plan.fixes.len();
        passes += 1;
        overlay = next_overlay;
        input = next_input;
        run = next;
    }

    let changed = run
        .sources
        .iter()
        .zip(originals)
        .filter(|(file, before)| *file.text != **before)
        .map(|(file, before)| Changed {
            display: file.path.clone(),
            path: run.files.get(file.id as usize).and_then(|f| f.path.clone()),
            before,
            after: file.text.to_string(),
        })
        .collect();
    Fixed {
        run,
        changed,
        applied,
        passes,
    }
}

/// One pass: the fixes taken and the texts they make.
struct Plan {
    /// Each fix taken: its identity and its finding's key.
    fixes: Vec<(String, FindingKey)>,
    /// The fixed text of each file the pass edits.
    texts: Vec<(FileId, String)>,
}

/// What tells a finding from another across passes, without positions.
type FindingKey = (&'static str, String, Option<String>, Option<String>);

fn finding_key(sources: &Sources, finding: &Finding) -> FindingKey {
    (
        finding.rule,
        sources.path(finding.loc.file).to_string(),
        finding.campaign.clone(),
        finding.path.clone(),
    )
}

/// A fix's identity across passes: its finding, what it does and the text
/// it replaces, not where that text sits.
fn fix_key(sources: &Sources, finding: &Finding, edits: &[Edit]) -> String {
    let mut key = format!("{:?}", finding_key(sources, finding));
    key.push_str(&finding.message);
    for edit in edits {
        let replaced = sources
            .get(edit.loc.file)
            .and_then(|f| f.text.get(edit.loc.range()))
            .unwrap_or("");
        key.push_str(&format!(
            "\u{0}{}\u{0}{replaced}\u{0}{}",
            edit.loc.file, edit.replacement
        ));
    }
    key
}

fn plan(run: &Run, mode: Mode, rejected: &HashSet<String>) -> Plan {
    let mut taken: HashMap<FileId, Vec<&Edit>> = HashMap::new();
    let mut fixes = Vec::new();
    for finding in &run.findings {
        let Some(fix) = &finding.fix else { continue };
        if fix.applicability == FixApplicability::Unsafe && !mode.unsafe_fixes {
            continue;
        }
        let key = fix_key(&run.sources, finding, &fix.edits);
        if rejected.contains(&key) {
            continue;
        }
        let collides = fix.edits.iter().any(|edit| {
            taken
                .get(&edit.loc.file)
                .is_some_and(|list| list.iter().any(|other| edits::collide(edit, other)))
        });
        if collides || !fits(&run.sources, &fix.edits) {
            continue;
        }
        for edit in &fix.edits {
            taken.entry(edit.loc.file).or_default().push(edit);
        }
        fixes.push((key, finding_key(&run.sources, finding)));
    }
    let mut texts: Vec<(FileId, String)> = taken
        .iter()
        .filter_map(|(file, list)| {
            let text = &run.sources.get(*file)?.text;
            Some((*file, edits::apply(text, list)?))
        })
        .collect();
    texts.sort_by_key(|(file, _)| *file);
    Plan { fixes, texts }
}

/// Whether a fix's edits all fit their texts, and the file still parses
/// with this fix alone made.
fn fits(sources: &Sources, fix_edits: &[Edit]) -> bool {
    let mut files: Vec<FileId> = fix_edits.iter().map(|e| e.loc.file).collect();
    files.sort_unstable();
    files.dedup();
    files.into_iter().all(|file| {
        let Some(source) = sources.get(file) else {
            return false;
        };
        let mine: Vec<&Edit> = fix_edits.iter().filter(|e| e.loc.file == file).collect();
        edits::apply(&source.text, &mine)
            .is_some_and(|text| syntax_errors(&text) <= syntax_errors(&source.text))
    })
}

fn syntax_errors(text: &str) -> usize {
    load::load(0, text, Limits::default())
        .findings
        .iter()
        .filter(|f| f.rule == YAML_SYNTAX.id)
        .count()
}

/// The fixes of a pass that failed it: those whose finding is still there
/// (by count, as several findings may share a key), and every fix of a
/// file that no longer parses or gained a finding it did not have.
fn verify(plan: &Plan, before: &Run, after: &Run) -> Vec<String> {
    let count = |run: &Run| {
        let mut counts: HashMap<FindingKey, usize> = HashMap::new();
        for finding in &run.findings {
            *counts
                .entry(finding_key(&run.sources, finding))
                .or_default() += 1;
        }
        counts
    };
    let (old, new) = (count(before), count(after));
    let mut wanted: HashMap<&FindingKey, usize> = HashMap::new();
    for (_, key) in &plan.fixes {
        *wanted.entry(key).or_default() += 1;
    }
    let mut failed_keys: HashSet<&FindingKey> = wanted
        .iter()
        .filter(|(key, n)| {
            let was = old.get(**key).copied().unwrap_or(0);
            let is = new.get(**key).copied().unwrap_or(0);
            is + **n > was
        })
        .map(|(key, _)| *key)
        .collect();
    let mut failed_files: HashSet<String> = new
        .iter()
        .filter(|(key, n)| **n > old.get(*key).copied().unwrap_or(0))
        .map(|(key, _)| key.1.clone())
        .collect();
    for (file, text) in &plan.texts {
        if syntax_errors(text)
            > before
                .sources
                .get(*file)
                .map_or(0, |s| syntax_errors(&s.text))
        {
            failed_files.insert(before.sources.path(*file).to_string());
        }
    }
    failed_keys.extend(
        plan.fixes
            .iter()
            .map(|(_, key)| key)
            .filter(|key| failed_files.contains(&key.1)),
    );
    plan.fixes
        .iter()
        .filter(|(_, key)| failed_keys.contains(key))
        .map(|(fix, _)| fix.clone())
        .collect()
}
