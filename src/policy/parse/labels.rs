//! The `labels` section: restricted and forbidden display wording.

use std::ops::Range;

use super::{
    FORBIDDEN_KEYS, LABELS_KEYS, REQUIRES_KEYS, RESTRICTED_KEYS, Reader, Slot, place, suggestion,
};
use crate::model::is_id;
use crate::policy::file::LabelsFile;
use crate::policy::{FUNDING_SOURCES, ForbiddenTerms, Requires, RestrictedTerms};

impl<'d> Reader<'d> {
    pub(super) fn labels(&mut self, slot: Slot<'d>, path: &str) -> Option<LabelsFile> {
        let mut fields = self.mapping(slot, path, LABELS_KEYS)?;
        Some(LabelsFile {
            restricted: fields
                .take("restricted")
                .and_then(|(slot, path)| self.restricted(slot, &path)),
            forbidden: fields
                .take("forbidden")
                .and_then(|(slot, path)| self.forbidden(slot, &path)),
        })
    }

    fn restricted(&mut self, slot: Slot<'d>, path: &str) -> Option<Vec<RestrictedTerms>> {
        let items = self.list_items(slot, path)?;
        let mut out = Vec::new();
        let mut ids: Vec<(String, Range<usize>)> = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let item_path = format!("{path}[{index}]");
            let Some(mut fields) = self.mapping(item, &item_path, RESTRICTED_KEYS) else {
                continue;
            };
            let id = fields.take("id").and_then(|(slot, path)| {
                let text = self.text(slot, &path)?;
                if !is_id(text) {
                    let problem = self.value_problem(
                        slot,
                        format!("`{text}` is not a valid id: lowercase letters, digits and `-`, 3 to 64 characters"),
                    );
                    self.push(problem);
                    return None;
                }
                if let Some((_, first)) = ids.iter().find(|(seen, _)| seen == text) {
                    let problem = self
                        .value_problem(slot, format!("restricted terms id `{text}` is used twice"))
                        .with_secondary(first.clone(), "first used here");
                    self.push(problem);
                    return None;
                }
                ids.push((text.to_string(), slot.value_span()));
                Some(text.to_string())
            });
            let terms = fields
                .take("terms")
                .and_then(|(slot, path)| self.terms(slot, &path));
            let requires = fields
                .take("requires")
                .and_then(|(slot, path)| self.requires(slot, &path));
            let missing = self.require(
                item,
                &item_path,
                &[
                    ("id", id.is_some()),
                    ("terms", terms.is_some()),
                    ("requires", requires.is_some()),
                ],
            );
            if let (Some(id), Some(terms), Some(requires), false) = (id, terms, requires, missing) {
                out.push(RestrictedTerms {
                    id,
                    terms,
                    requires,
                });
            }
        }
        Some(out)
    }

    fn requires(&mut self, slot: Slot<'d>, path: &str) -> Option<Requires> {
        let problems_before = self.problems.len();
        let mut fields = self.mapping(slot, path, REQUIRES_KEYS)?;
        let funding_source = fields.take("funding_source").and_then(|(slot, path)| {
            let text = self.text(slot, &path)?;
            if FUNDING_SOURCES.contains(&text) {
                return Some(text.to_string());
            }
            let problem = self
                .value_problem(
                    slot,
                    format!(
                        "{} must be one of {}, not `{text}`",
                        place(&path),
                        FUNDING_SOURCES.join(", ")
                    ),
                )
                .with_help_opt(suggestion(text, &FUNDING_SOURCES));
            self.push(problem);
            None
        });
        let program_id = fields
            .take("program_id")
            .and_then(|(slot, path)| self.boolean(slot, &path));
        let requires = Requires {
            funding_source,
            program_id: program_id.unwrap_or(false),
        };
        if requires == Requires::default() {
            // Only when nothing in it was invalid: an invalid entry is
            // reported already and may be what was meant to be required.
            if self.problems.len() == problems_before {
                let problem = self
                    .value_problem(slot, format!("{} requires nothing", place(path)))
                    .with_help("set `funding_source`, `program_id: true`, or both; a term that requires nothing is never reported");
                self.push(problem);
            }
            return None;
        }
        Some(requires)
    }

    fn forbidden(&mut self, slot: Slot<'d>, path: &str) -> Option<Vec<ForbiddenTerms>> {
        let items = self.list_items(slot, path)?;
        let mut out = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let item_path = format!("{path}[{index}]");
            let Some(mut fields) = self.mapping(item, &item_path, FORBIDDEN_KEYS) else {
                continue;
            };
            let terms = fields
                .take("terms")
                .and_then(|(slot, path)| self.terms(slot, &path));
            let missing = self.require(item, &item_path, &[("terms", terms.is_some())]);
            if let (Some(terms), false) = (terms, missing) {
                out.push(ForbiddenTerms { terms });
            }
        }
        Some(out)
    }

    fn terms(&mut self, slot: Slot<'d>, path: &str) -> Option<Vec<String>> {
        self.string_list(slot, path, &check_term, true)
            .map(|list| list.into_iter().map(|(s, _)| s).collect())
    }
}

pub(super) fn check_term(text: &str) -> Result<(), (String, Option<String>)> {
    if text.trim().is_empty() {
        return Err(("a term must not be empty".into(), None));
    }
    Ok(())
}
