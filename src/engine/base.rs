//! The base side of a change review (`check --base`): the base's texts,
//! read from git by [`crate::review::git`], loaded and extracted with the
//! working tree's pipeline.

use std::collections::HashSet;

use rayon::prelude::*;

use super::read::{FileInput, process_file, too_large};
use crate::catalog;
use crate::finding::Severity;
use crate::model::{FindingBudget, Item};
use crate::review::git::BaseProject;
use crate::source::{FileId, NO_DOC, Revision, SourceFile, Sources};

/// The base project of a change review, loaded like the working tree.
pub(super) struct BaseSide {
    pub(super) revision: Revision,
    /// Every document of the base's files, except those that did not parse.
    pub(super) items: Vec<Item>,
}

/// Loads and extracts the base's texts (their paths `REV:path`) into
/// `sources`, after the working tree's files; a document with a syntax
/// error is left out, so it gives no change findings and no error.
pub(super) fn load_base(base: BaseProject, max_bytes: u64, sources: &mut Sources) -> BaseSide {
    sources.start_revision(base.revision.clone());
    let first = sources.len();
    let loaded: Vec<(SourceFile, Vec<Item>)> = base
        .files
        .into_par_iter()
        .enumerate()
        .map(|(index, file)| {
            let id = FileId::try_from(first + index).unwrap_or(FileId::MAX);
            let bytes = file.bytes.and_then(|bytes| {
                if bytes.len() as u64 > max_bytes {
                    Err(too_large(bytes.len() as u64, max_bytes))
                } else {
                    Ok(bytes)
                }
            });
            let input = FileInput {
                id,
                path: None,
                display: &file.display,
                claimed: false,
                max_bytes,
            };
            let every_rule = |_: &str| Some(Severity::Error);
            let mut budget = FindingBudget::new(usize::MAX, &every_rule);
            let mut result = process_file(&input, bytes, &mut budget);
            let broken: HashSet<u32> = result
                .findings
                .iter()
                .filter(|f| f.rule == catalog::YAML_SYNTAX.id)
                .map(|f| f.loc.doc)
                .collect();
            let unreadable = result.error.is_some() || broken.contains(&NO_DOC);
            result
                .items
                .retain(|item| !unreadable && !broken.contains(&item.anchor().doc.index));
            let text = std::mem::take(&mut result.text);
            (SourceFile::new(id, file.display, text), result.items)
        })
        .collect();
    let mut items = Vec::new();
    for (source, mut found) in loaded {
        sources.push(source);
        items.append(&mut found);
    }
    BaseSide {
        revision: base.revision,
        items,
    }
}
