//! Reading one file of a run: bytes within `files.max_bytes`, regular
//! files only, recognition (FORMAT.md, "Which documents are promolint's"),
//! the load and the model; and the usage error of a walk that found no
//! campaign document.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use super::Settings;
use super::campaigns::Checked;
use crate::cache::summary::FileSummary;
use crate::catalog;
use crate::finding::Finding;
use crate::load::{self, Comment, Limits};
use crate::model::{self, Item};
use crate::recognize;
use crate::report::ToolError;
use crate::rules::DocEntry;
use crate::source::{FileId, Loc, NO_DOC};
use crate::suppress;
use crate::walk::{self, Target};

/// One file after loading and extraction.
pub(super) struct FileResult {
    /// The file holds no campaign document: no rule runs on it.
    pub(super) skipped: bool,
    pub(super) text: String,
    pub(super) comments: Vec<Comment>,
    /// The documents as read; past the campaign stage, the templates and
    /// the campaigns that wait for theirs.
    pub(super) items: Vec<Item>,
    /// Every document's kind and id, once the campaign stage ran.
    pub(super) docs: Vec<DocEntry>,
    /// The campaigns checked already that the run keeps whole.
    pub(super) kept: Vec<Checked>,
    /// What the cache keeps of the file, when it was asked for.
    pub(super) summary: Option<FileSummary>,
    pub(super) findings: Vec<Finding>,
    /// The findings of each campaign that names a template, when it was
    /// checked on the worker (capped with the run's stage).
    pub(super) late: Vec<Vec<Finding>>,
    pub(super) error: Option<ToolError>,
}

pub(super) fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = crate::regular_file::open(path).map_err(|e| e.to_string())?;
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
pub(super) fn read_bounded(reader: &mut dyn Read, max_bytes: u64) -> Result<Vec<u8>, String> {
    read_bounded_into(reader, max_bytes, Vec::new())
}

pub(super) fn read_bounded_into(
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

pub(super) const TOO_LARGE: &str = "larger than files.max_bytes";

pub(super) fn too_large(len: u64, max: u64) -> String {
    format!("the file is {TOO_LARGE} ({len} bytes or more, limit {max}); it was not read")
}

/// A file reported with one `yaml-syntax` finding at its start, unread.
pub(super) fn not_read(id: FileId, message: String) -> FileResult {
    FileResult {
        findings: vec![Finding::new(
            &catalog::YAML_SYNTAX,
            Loc::new(id, NO_DOC, 0, 0),
            message,
        )],
        skipped: false,
        ..FileResult::skipped()
    }
}

/// A file as [`process_file`] reads it. `claimed`: the policy file's
/// `files.include` selects it, so it is a campaign file even when it cannot
/// be read.
pub(super) struct FileInput<'e> {
    pub(super) id: FileId,
    /// Where to read it again (`None` for standard input and a base
    /// revision's text).
    pub(super) path: Option<&'e Path>,
    pub(super) display: &'e str,
    pub(super) claimed: bool,
    pub(super) max_bytes: u64,
}

impl FileResult {
    /// A file with no campaign document.
    pub(super) fn skipped() -> Self {
        FileResult {
            skipped: true,
            text: String::new(),
            comments: Vec::new(),
            items: Vec::new(),
            docs: Vec::new(),
            kept: Vec::new(),
            summary: None,
            findings: Vec::new(),
            late: Vec::new(),
            error: None,
        }
    }
}

/// Loads one file and reads its campaign documents.
pub(super) fn process_file(
    file: &FileInput,
    bytes: Result<Vec<u8>, String>,
    budget: &mut model::FindingBudget,
) -> FileResult {
    let FileInput {
        id,
        path,
        display,
        claimed,
        max_bytes,
    } = *file;
    let file_finding = |message: String, text: String, offset: usize| FileResult {
        findings: vec![Finding::new(
            &catalog::YAML_SYNTAX,
            Loc::new(id, NO_DOC, offset, offset),
            message,
        )],
        text,
        skipped: false,
        ..FileResult::skipped()
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) if message.contains(TOO_LARGE) => {
            // Its first `max_bytes` are scanned for `promo/v1`, in chunks
            // (never held whole, never read to the end of a huge file).
            // Standard input cannot be read again: what was piped in is
            // taken as meant for promolint.
            let ours = claimed
                || path.is_none_or(|path| {
                    crate::regular_file::open(path)
                        .is_ok_and(|file| recognize::reader_mentions_promo_v1(file.take(max_bytes)))
                });
            return if ours {
                file_finding(message, String::new(), 0)
            } else {
                FileResult::skipped()
            };
        }
        Err(message) => {
            return FileResult {
                error: Some(ToolError {
                    file: display.to_string(),
                    message,
                }),
                skipped: false,
                ..FileResult::skipped()
            };
        }
    };
    // Most of a repository's YAML is ruled out here, before decoding and
    // parsing, where no parse could make it a campaign file.
    if !claimed && !recognize::may_hold_campaign(&bytes) {
        return FileResult::skipped();
    }
    let mentions_promo_v1 = claimed || recognize::mentions_promo_v1(&bytes);
    let text = match load::decode(bytes) {
        Ok(text) => text,
        Err(error) if mentions_promo_v1 => {
            return file_finding(error.message, error.lossy_text, error.offset);
        }
        Err(_) => return FileResult::skipped(),
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
        return FileResult::skipped();
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
    let extracted = model::extract_within(id, &loaded, budget);
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
        ..FileResult::skipped()
    }
}

/// Item 3 of FORMAT.md's recognition: a walk of directories (or of the
/// current one) that finds no campaign document is a usage error, so that a
/// wrong path in CI is never green. Named files that are all foreign are not.
pub(super) fn nothing_found(settings: &Settings, targets: &[Target]) -> Option<ToolError> {
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
