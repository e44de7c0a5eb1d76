//! From the YAML tree to the typed model, collecting every problem.
//!
//! Extraction never stops at the first fault: an unknown key or a bad value
//! in one field is reported and the other fields are still read, so later
//! rules run on what could be understood.

mod ambiguous;
mod audience;
mod offer;
mod scalars;
mod schedule;

pub use ambiguous::is_ambiguous;
pub use scalars::{is_approval, is_id};

use std::fmt;

use super::budget::FindingBudget;
use super::types::*;
use super::value::{At, Field, Sp};
use crate::catalog::{INVALID_VALUE, RuleMeta, UNKNOWN_FIELD};
use crate::finding::{Edit, Finding};
use crate::load::{Document, LoadedFile, NodeId, NodeKind, Resolved, ResolvedEntry, Scalar};
use crate::source::{FileId, Loc};
use compact_str::{CompactString, ToCompactString};

pub const CAMPAIGN_KEYS: &[&str] = &[
    "apiVersion",
    "kind",
    "id",
    "name",
    "template",
    "environment",
    "owner",
    "approval",
    "currency",
    "schedule",
    "audience",
    "channels",
    "benefit",
    "funding",
    "budget",
    "display",
    "stacking",
    "controls",
];

pub const TEMPLATE_KEYS: &[&str] = &[
    "apiVersion",
    "kind",
    "id",
    "description",
    "currency",
    "audience",
    "channels",
    "benefit",
    "funding",
    "budget",
    "display",
    "stacking",
    "controls",
];

const SCHEDULE_KEYS: &[&str] = &["start", "end"];

const AUDIENCE_KEYS: &[&str] = &["segments", "regions"];

const BENEFIT_KEYS: &[&str] = &["type", "rate", "amount", "max_discount", "min_spend"];

const FUNDING_KEYS: &[&str] = &["source", "program_id"];

const BUDGET_KEYS: &[&str] = &["total", "per_user", "expected_redemptions"];

const DISPLAY_KEYS: &[&str] = &["label", "description"];

const STACKING_KEYS: &[&str] = &["combinable"];

const CONTROLS_KEYS: &[&str] = &["kill_switch", "rollout_percent"];

/// The models of one file's documents and the findings made reading them.
#[derive(Debug, Default)]
pub struct Extracted {
    pub items: Vec<Item>,
    pub findings: Vec<Finding>,
}

/// Reads every document of a loaded file.
pub fn extract(file: FileId, loaded: &LoadedFile) -> Extracted {
    let every_rule = |_: &str| Some(crate::finding::Severity::Error);
    extract_within(
        file,
        loaded,
        &mut FindingBudget::new(usize::MAX, &every_rule),
    )
}

/// [`extract`], making at most the findings `budget` allows.
pub fn extract_within(file: FileId, loaded: &LoadedFile, budget: &mut FindingBudget) -> Extracted {
    let mut out = Extracted::default();
    for doc in &loaded.documents {
        let mut reader = Reader {
            doc,
            file,
            findings: Vec::new(),
            budget: &mut *budget,
        };
        let item = reader.document();
        reader.ambiguous_scalars();
        let campaign = match &item {
            Some(Item::Campaign(c)) => c.id().map(str::to_owned),
            _ => None,
        };
        for finding in &mut reader.findings {
            finding.campaign.clone_from(&campaign);
        }
        out.findings.append(&mut reader.findings);
        out.items.extend(item);
    }
    out
}

struct Reader<'d, 'b, 'f> {
    doc: &'d Document,
    file: FileId,
    findings: Vec<Finding>,
    budget: &'b mut FindingBudget<'f>,
}

/// A value in a mapping, ready to be read as a field.
#[derive(Clone, Copy)]
struct Slot<'d> {
    node: Resolved<'d>,
    at: At,
}

impl Slot<'_> {
    fn scalar(&self) -> Option<&Scalar> {
        match &self.node.node.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// The known keys of one mapping, found and checked.
struct Fields<'d> {
    slots: Vec<(&'static str, Slot<'d>)>,
    /// Known keys written misspelt (`max_discout`): reported as
    /// `unknown-field`, and present but unknown for every other rule, so a
    /// typo is one finding, not also a missing field.
    misspelt: Vec<(&'static str, At)>,
    /// Inline up to 24 bytes: nearly every path (`/offer/benefit`).
    path: CompactString,
}

impl<'d> Fields<'d> {
    fn take(&mut self, key: &str) -> Option<(Slot<'d>, FieldPath<'_>)> {
        let index = self.slots.iter().position(|(k, _)| *k == key)?;
        let (name, slot) = self.slots.swap_remove(index);
        Some((
            slot,
            FieldPath {
                parent: &self.path,
                key: name,
            },
        ))
    }

    /// What a field that [`Fields::take`] did not find is: absent, or
    /// present but unknown when it was written misspelt.
    fn missing<T>(&self, key: &str) -> Field<T> {
        self.misspelt
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(Field::Absent, |(_, at)| Field::Invalid(*at))
    }
}

/// The JSON Pointer of a field, `parent/key`: written out only when a
/// finding needs it (most fields have none).
struct FieldPath<'p> {
    parent: &'p str,
    key: &'static str,
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.parent, self.key)
    }
}

/// The JSON Pointer of a list item, `path/index`, written out on demand.
struct ItemPath<'p> {
    list: &'p dyn fmt::Display,
    index: usize,
}

impl fmt::Display for ItemPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.list, self.index)
    }
}

fn describe(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Scalar(s) if s.is_null() => "nothing",
        NodeKind::Scalar(_) => "a scalar",
        NodeKind::Seq(_) => "a list",
        NodeKind::Map(_) => "a mapping",
        NodeKind::Alias(_) => "an alias",
    }
}

/// The known key closest to `key`, if it is close enough to be a typo.
pub fn did_you_mean<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    // The edit distance is at least the difference in length, so a key
    // whose length is too far from a known key's is no typo of it; this
    // also keeps a hostile 1 MB key from costing a quadratic comparison.
    let max_distance = |k: &str| 2.max(k.len() / 4);
    let key_chars = key.chars().count();
    let near = |k: &str| key_chars.abs_diff(k.chars().count()) <= max_distance(k);
    let folded = key.to_ascii_lowercase();
    known
        .iter()
        .filter(|k| near(k))
        .map(|k| {
            (
                strsim::damerau_levenshtein(&folded, &k.to_ascii_lowercase()),
                *k,
            )
        })
        .filter(|(d, k)| *d <= max_distance(k) && *d < k.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
        .or_else(|| abbreviation_of(&folded, known))
}

/// The one known word that `word` abbreviates (`prod` -> `production`),
/// when exactly one does and the abbreviation is not too short to mean
/// anything.
fn abbreviation_of<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    if word.len() < 3 {
        return None;
    }
    let mut candidates = known
        .iter()
        .filter(|k| k.to_ascii_lowercase().starts_with(word));
    match (candidates.next(), candidates.next()) {
        (Some(only), None) => Some(*only),
        _ => None,
    }
}

impl<'d> Reader<'d, '_, '_> {
    fn report(
        &mut self,
        meta: &'static RuleMeta,
        at: &At,
        message: String,
        path: &dyn fmt::Display,
    ) -> Finding {
        Finding::new(meta, at.loc, message)
            .with_path(path.to_string())
            .with_labels(at.provenance())
    }

    fn push(&mut self, finding: Finding) {
        self.budget.keep(finding, &mut self.findings);
    }

    fn invalid(&mut self, at: &At, path: &dyn fmt::Display, message: String) {
        let finding = self.report(&INVALID_VALUE, at, message, path);
        self.push(finding);
    }

    /// The document as a campaign or template (`None` when it is neither).
    fn document(&mut self) -> Option<Item> {
        let root = self.doc.root()?;
        if let NodeKind::Scalar(s) = &root.node.kind
            && s.is_null()
        {
            // An empty document (`---` alone) holds nothing to check.
            return None;
        }
        let root_at = At::new(root.node.loc);
        if !matches!(root.node.kind, NodeKind::Map(_)) {
            let found = describe(&root.node.kind);
            self.invalid(
                &root_at,
                &"",
                format!("a document must be a mapping with `apiVersion: promo/v1` and a `kind`, not {found}"),
            );
            return None;
        }

        let entries = self.doc.entries(root.id);
        let first_key = entries
            .first()
            .and_then(|e| self.doc.node(e.key))
            .map_or(self.doc.loc, |n| n.loc);
        let kind_entry = self.doc.get(root.id, "kind");
        let kind_key = kind_entry
            .and_then(|e| self.doc.node(e.key))
            .map_or(first_key, |n| n.loc);
        let anchor = DocAnchor {
            doc: DocRef {
                file: self.file,
                index: self.doc.index,
            },
            kind_key,
            kind_key_is_first_key: kind_entry.is_none(),
        };

        let mut is_template = false;
        if let Some(entry) = kind_entry {
            let slot = self.slot(entry);
            match slot.scalar().map(|s| &*s.value) {
                Some("Campaign") => {}
                Some("Template") => is_template = true,
                other => {
                    let hint = other
                        .and_then(|v| did_you_mean(v, &["Campaign", "Template"]))
                        .map(|k| format!(" (did you mean `{k}`?)"))
                        .unwrap_or_default();
                    let shown = other.map_or_else(
                        || describe(&slot.node.node.kind).to_string(),
                        |v| format!("`{v}`"),
                    );
                    self.invalid(
                        &slot.at,
                        &"/kind",
                        format!("kind must be `Campaign` or `Template`, not {shown}{hint}"),
                    );
                    // The other keys cannot be checked without knowing what
                    // the document is.
                    return None;
                }
            }
        }

        let known = if is_template {
            TEMPLATE_KEYS
        } else {
            CAMPAIGN_KEYS
        };
        let mut fields = self.fields(root, known, &"")?;
        fields.take("kind");
        let api_version = self.api_version(&mut fields);
        if is_template {
            let id = self.id(&mut fields);
            let description = self.string(&mut fields, "description", false);
            let offer = self.offer(&mut fields);
            Some(Item::Template(Box::new(Template {
                anchor,
                api_version,
                id,
                description,
                offer,
            })))
        } else {
            let id = self.id(&mut fields);
            let name = self.string(&mut fields, "name", true);
            let template = self.string(&mut fields, "template", true);
            let environment = self.environment(&mut fields);
            let owner = self.string(&mut fields, "owner", true);
            let approval = self.pattern(
                &mut fields,
                "approval",
                is_approval,
                "a change ticket such as `MKT-2025-0113`",
            );
            let schedule = self.schedule(&mut fields);
            let offer = self.offer(&mut fields);
            Some(Item::Campaign(Box::new(Campaign {
                anchor,
                api_version,
                id,
                name,
                template,
                environment,
                owner,
                approval,
                schedule,
                offer,
            })))
        }
    }

    fn slot(&self, entry: &crate::load::ResolvedEntry) -> Slot<'d> {
        let key = self.doc.node(entry.key).map(|n| n.loc);
        let node = self.doc.resolve(entry.value).unwrap_or(Resolved {
            id: entry.value,
            node: self.doc.nodes.first().unwrap_or_else(|| unreachable_node()),
            alias: None,
        });
        Slot {
            node,
            at: At::new(node.node.loc)
                .with_key(key)
                .with_alias(node.alias.or(entry.merged_via)),
        }
    }

    /// The edit that renames a misspelt key to `to`: only for a plain key
    /// written in this mapping (not merged in) when `to` is not written
    /// too, so that the rename cannot make a repeated key.
    fn rename_key(&self, map: NodeId, entry: &ResolvedEntry, to: &str) -> Vec<Edit> {
        let Some(key) = self.doc.node(entry.key) else {
            return Vec::new();
        };
        let plain = matches!(&key.kind, NodeKind::Scalar(s) if s.is_plain());
        let taken = self
            .doc
            .entries(map)
            .iter()
            .any(|e| self.doc.key_text(e.key) == Some(to));
        if !plain || taken || entry.merged_via.is_some() {
            return Vec::new();
        }
        vec![Edit::replace(key.loc, to)]
    }

    /// The known keys of a mapping; unknown keys are reported.
    fn fields(
        &mut self,
        map: Resolved<'d>,
        known: &'static [&'static str],
        path: &dyn fmt::Display,
    ) -> Option<Fields<'d>> {
        let NodeKind::Map(_) = map.node.kind else {
            return None;
        };
        let path = path.to_compact_string();
        let path = path.as_str();
        let mut slots = Vec::with_capacity(self.doc.entries(map.id).len().min(known.len()));
        let mut misspelt = Vec::new();
        for entry in self.doc.entries(map.id) {
            let slot = self.slot(entry);
            let key_at = At::new(slot.at.key_or_value()).with_alias(entry.merged_via);
            let Some(text) = self.doc.key_text(entry.key) else {
                self.invalid(&key_at, &path, "a key must be a plain string".into());
                continue;
            };
            match known.iter().find(|k| **k == text) {
                Some(name) => slots.push((*name, slot)),
                // Past the file's budget the finding is only counted; the
                // typo still stands for its field.
                None if self.budget.is_spent(UNKNOWN_FIELD.id) => {
                    if let Some(k) = did_you_mean(text, known) {
                        misspelt.push((k, slot.at));
                    }
                    self.budget.count(UNKNOWN_FIELD.id, key_at.loc);
                }
                None => {
                    let mut message = format!("unknown field `{text}`");
                    let where_ = if path.is_empty() {
                        "the document".to_string()
                    } else {
                        format!("`{}`", path.trim_start_matches('/').replace('/', "."))
                    };
                    message.push_str(&format!(" in {where_}"));
                    let mut finding = self.report(
                        &UNKNOWN_FIELD,
                        &key_at,
                        message,
                        &format_args!("{path}/{text}"),
                    );
                    finding = match did_you_mean(text, known) {
                        Some(k) => {
                            misspelt.push((k, slot.at));
                            let rename = self.rename_key(map.id, entry, k);
                            finding
                                .with_help(format!("did you mean `{k}`?"))
                                .with_fix(format!("rename `{text}` to `{k}`"), rename)
                        }
                        None => {
                            finding.with_help(format!("known fields here: {}", known.join(", ")))
                        }
                    };
                    self.push(finding);
                }
            }
        }
        // A misspelt key stands for its field only when the field is not
        // also written correctly.
        misspelt.retain(|(k, _)| !slots.iter().any(|(written, _)| written == k));
        Some(Fields {
            slots,
            misspelt,
            path: path.into(),
        })
    }

    /// A nested mapping field: its known keys, or an `invalid-value` finding.
    fn section(
        &mut self,
        fields: &mut Fields<'d>,
        key: &str,
        known: &'static [&'static str],
    ) -> (Field<()>, Option<Fields<'d>>) {
        let Some((slot, path)) = fields.take(key) else {
            return (fields.missing(key), None);
        };
        match self.fields(slot.node, known, &path) {
            Some(inner) => (
                Field::Valid(Sp {
                    value: (),
                    at: slot.at,
                }),
                Some(inner),
            ),
            None => {
                let found = describe(&slot.node.node.kind);
                self.invalid(
                    &slot.at,
                    &path,
                    format!("`{key}` must be a mapping, not {found}"),
                );
                (Field::Invalid(slot.at), None)
            }
        }
    }
}

/// One step of a JSON Pointer.
#[derive(Clone, Copy)]
enum Step<'a> {
    Index(usize),
    Key(&'a str),
}

/// The JSON Pointer of a list of steps (`""` for none).
fn pointer(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        out.push('/');
        match step {
            Step::Index(i) => out.push_str(&i.to_string()),
            Step::Key(key) => out.push_str(&escape_pointer(key)),
        }
    }
    out
}

impl Field<()> {
    /// A section that is not a mapping stays invalid; an absent one absent.
    fn map_invalid<T>(self) -> Field<T> {
        match self {
            Field::Invalid(at) => Field::Invalid(at),
            _ => Field::Absent,
        }
    }

    fn with<T>(self, value: T) -> Field<T> {
        match self {
            Field::Valid(sp) => Field::Valid(Sp { value, at: sp.at }),
            Field::Invalid(at) => Field::Invalid(at),
            Field::Absent => Field::Absent,
        }
    }
}

fn unreachable_node() -> &'static crate::load::Node {
    static EMPTY: std::sync::OnceLock<crate::load::Node> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| crate::load::Node {
        loc: Loc::new(0, 0, 0, 0),
        kind: NodeKind::Seq(Vec::new()),
    })
}

/// JSON Pointer escaping of one reference token.
pub fn escape_pointer(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_string()
    }
}

fn enum_message(key: &str, value: &str, allowed: &[&str]) -> String {
    let mut message = format!("{key} `{value}` is not one of {}", allowed.join(", "));
    if let Some(close) = did_you_mean(value, allowed) {
        message.push_str(&format!(" (did you mean `{close}`?)"));
    }
    message
}
