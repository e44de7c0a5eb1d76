//! Which files are checked and which rules apply to them: the `files`,
//! `rules` and `overrides` sections.

use std::collections::BTreeMap;

use super::{FILES_KEYS, OVERRIDE_KEYS, Reader, Slot, describe, join, place, suggestion};
use crate::load::{NodeKind, Style};
use crate::policy::error::PolicyProblem;
use crate::policy::file::FilesFile;
use crate::policy::rule_ids::{is_known_rule, known_rule_ids};
use crate::policy::severity::build_glob;
use crate::policy::{Override, RuleLevel};

impl<'d> Reader<'d> {
    pub(super) fn files(&mut self, slot: Slot<'d>, path: &str) -> Option<FilesFile> {
        let mut fields = self.mapping(slot, path, FILES_KEYS)?;
        Some(FilesFile {
            include: fields
                .take("include")
                .and_then(|(slot, path)| self.globs(slot, &path, false)),
            max_bytes: fields
                .take("max_bytes")
                .and_then(|(slot, path)| self.positive_integer(slot, &path)),
            max_findings: fields
                .take("max_findings")
                .and_then(|(slot, path)| self.positive_integer(slot, &path)),
            exclude: fields
                .take("exclude")
                .and_then(|(slot, path)| self.globs(slot, &path, false)),
        })
    }

    fn globs(&mut self, slot: Slot<'d>, path: &str, non_empty: bool) -> Option<Vec<String>> {
        self.string_list(slot, path, &check_glob, non_empty)
            .map(|list| list.into_iter().map(|(s, _)| s).collect())
    }

    /// A mapping of rule id to level (`rules`, `overrides[].rules`).
    pub(super) fn rule_levels(
        &mut self,
        slot: Slot<'d>,
        path: &str,
    ) -> Option<BTreeMap<String, RuleLevel>> {
        if !matches!(slot.node.node.kind, NodeKind::Map(_)) {
            let found = describe(&slot.node.node.kind);
            let problem = self
                .value_problem(
                    slot,
                    format!("{} must be a mapping, not {found}", place(path)),
                )
                .with_help("map rule ids to a level, e.g. `{ missing-owner: off }`");
            self.push(problem);
            return None;
        }
        let known = known_rule_ids();
        let mut levels = BTreeMap::new();
        for entry in self.doc.entries(slot.node.id) {
            let Some(value) = self.slot(entry) else {
                continue;
            };
            let Some(id) = self.doc.key_text(entry.key) else {
                self.push(PolicyProblem::at(
                    value.key_span(),
                    "a rule id must be a string".into(),
                ));
                continue;
            };
            if !is_known_rule(id) {
                let problem = PolicyProblem::at(value.key_span(), format!("unknown rule `{id}`"))
                    .with_label("not a rule id")
                    .with_help(
                        suggestion(id, &known)
                            .unwrap_or_else(|| "`promolint rules` lists the rule ids".into()),
                    );
                self.push(problem);
                continue;
            }
            if let Some(level) = self.level(value, &join(path, id)) {
                levels.insert(id.to_string(), level);
            }
        }
        Some(levels)
    }

    fn level(&mut self, slot: Slot<'d>, path: &str) -> Option<RuleLevel> {
        let scalar = slot.scalar();
        let text = self.text(slot, path)?;
        if let Some(level) = RuleLevel::parse(text) {
            return Some(level);
        }
        // YAML 1.1 tools read a plain `off` as false; a user who wrote
        // `false` or `no` most likely meant `off`.
        let boolean_like = scalar.is_some_and(|s| s.style == Style::Plain)
            && matches!(text.to_ascii_lowercase().as_str(), "false" | "no");
        let help = if boolean_like {
            Some("did you mean `off`?".to_string())
        } else if text == "warn" {
            Some("did you mean `warning`?".to_string())
        } else {
            suggestion(text, &RuleLevel::NAMES)
        };
        let problem = self
            .value_problem(
                slot,
                format!(
                    "{} must be error, warning or off, not `{text}`",
                    place(path)
                ),
            )
            .with_help_opt(help);
        self.push(problem);
        None
    }

    pub(super) fn overrides(&mut self, slot: Slot<'d>, path: &str) -> Option<Vec<Override>> {
        if !matches!(slot.node.node.kind, NodeKind::Seq(_)) {
            let found = describe(&slot.node.node.kind);
            let problem = self
                .value_problem(slot, format!("{} must be a list, not {found}", place(path)))
                .with_help("write a list of `- files: [...]` / `rules: {...}` entries, or `[]`");
            self.push(problem);
            return None;
        }
        let mut out = Vec::new();
        for (index, item) in self.item_slots(slot).into_iter().enumerate() {
            let item_path = format!("{path}[{index}]");
            let Some(mut fields) = self.mapping(item, &item_path, OVERRIDE_KEYS) else {
                continue;
            };
            let files = fields
                .take("files")
                .and_then(|(slot, path)| self.globs(slot, &path, true));
            let rules = fields
                .take("rules")
                .and_then(|(slot, path)| self.rule_levels(slot, &path));
            let missing = self.require(
                item,
                &item_path,
                &[("files", files.is_some()), ("rules", rules.is_some())],
            );
            if let (Some(files), Some(rules), false) = (files, rules, missing) {
                out.push(Override { files, rules });
            }
        }
        Some(out)
    }

    /// Checks that an entry's required keys were read: `keys` pairs each
    /// with whether it was. One that is absent is reported here; one present
    /// but invalid has been reported already. True if any was not read.
    pub(super) fn require(&mut self, item: Slot<'d>, path: &str, keys: &[(&str, bool)]) -> bool {
        let mut unread = false;
        for (key, _) in keys.iter().filter(|(_, read)| !read) {
            unread = true;
            if self.doc.get(item.node.id, key).is_none() {
                // At the entry's first key, as missing-field does: the
                // entry's own span covers all its lines.
                let first_key = self
                    .doc
                    .entries(item.node.id)
                    .first()
                    .and_then(|e| self.doc.node(e.key));
                let problem = match first_key {
                    Some(key_node) => PolicyProblem::at(
                        key_node.loc.range(),
                        format!("{} needs `{key}`", place(path)),
                    ),
                    None => self.value_problem(item, format!("{} needs `{key}`", place(path))),
                }
                .with_label(format!("this entry has no `{key}`"));
                self.push(problem);
            }
        }
        unread
    }
}

pub(super) fn check_glob(text: &str) -> Result<(), (String, Option<String>)> {
    build_glob(text)
        .map(|_| ())
        .map_err(|e| (format!("`{text}` is not a valid glob: {}", e.kind()), None))
}
