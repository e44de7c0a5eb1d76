//! From the YAML tree to the typed model, collecting every problem.
//!
//! Extraction never stops at the first fault: an unknown key or a bad value
//! in one field is reported and the other fields are still read, so later
//! rules run on what could be understood.

use std::fmt;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::types::*;
use super::value::{At, Field, Money, Percent, PercentError, Sp};
use crate::finding::Finding;
use crate::load::{Document, LoadedFile, NodeId, NodeKind, Resolved, Scalar};
use crate::rules::RuleMeta;
use crate::rules::benefit::rate_notation;
use crate::rules::channels::wildcard_channel;
use crate::rules::schedule::schedule_timezone;
use crate::rules::schema::{ambiguous_scalar, invalid_decimal, invalid_value, unknown_field};
use crate::source::{FileId, Loc};

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
    let mut out = Extracted::default();
    for doc in &loaded.documents {
        let mut reader = Reader {
            doc,
            file,
            findings: Vec::new(),
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

struct Reader<'d> {
    doc: &'d Document,
    file: FileId,
    findings: Vec<Finding>,
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
    path: String,
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

impl<'d> Reader<'d> {
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
        self.findings.push(finding);
    }

    fn invalid(&mut self, at: &At, path: &dyn fmt::Display, message: String) {
        let finding = self.report(&invalid_value::META, at, message, path);
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
            at: At {
                key,
                alias: node.alias.or(entry.merged_via),
                ..At::new(node.node.loc)
            },
        }
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
        let path = path.to_string();
        let path = path.as_str();
        let mut slots = Vec::new();
        let mut misspelt = Vec::new();
        for entry in self.doc.entries(map.id) {
            let slot = self.slot(entry);
            let key_loc = slot.at.key.unwrap_or(slot.at.loc);
            let key_at = At {
                alias: entry.merged_via,
                ..At::new(key_loc)
            };
            let Some(text) = self.doc.key_text(entry.key) else {
                self.invalid(&key_at, &path, "a key must be a plain string".into());
                continue;
            };
            match known.iter().find(|k| **k == text) {
                Some(name) => slots.push((*name, slot)),
                None => {
                    let mut message = format!("unknown field `{text}`");
                    let where_ = if path.is_empty() {
                        "the document".to_string()
                    } else {
                        format!("`{}`", path.trim_start_matches('/').replace('/', "."))
                    };
                    message.push_str(&format!(" in {where_}"));
                    let mut finding = self.report(
                        &unknown_field::META,
                        &key_at,
                        message,
                        &format_args!("{path}/{text}"),
                    );
                    finding = match did_you_mean(text, known) {
                        Some(k) => {
                            misspelt.push((k, slot.at));
                            finding.with_help(format!("did you mean `{k}`?"))
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
            path: path.to_string(),
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

    fn api_version(&mut self, fields: &mut Fields<'d>) -> Field<String> {
        self.scalar_field(fields, "apiVersion", |text| {
            if text == "promo/v1" {
                Ok(text.to_string())
            } else {
                Err(format!("apiVersion must be `promo/v1`, not `{text}`"))
            }
        })
    }

    fn id(&mut self, fields: &mut Fields<'d>) -> Field<String> {
        self.pattern(fields, "id", is_id, "lowercase letters, digits and `-`, 3 to 64 characters, starting with a letter or digit")
    }

    fn environment(&mut self, fields: &mut Fields<'d>) -> Field<Environment> {
        self.scalar_field(fields, "environment", |text| match text {
            "production" => Ok(Environment::Production),
            "staging" => Ok(Environment::Staging),
            "test" => Ok(Environment::Test),
            other => Err(enum_message(
                "environment",
                other,
                &["production", "staging", "test"],
            )),
        })
    }

    fn pattern(
        &mut self,
        fields: &mut Fields<'d>,
        key: &str,
        valid: fn(&str) -> bool,
        expected: &str,
    ) -> Field<String> {
        self.scalar_field(fields, key, |text| {
            if valid(text) {
                Ok(text.to_string())
            } else {
                Err(format!("{key} `{text}` is not valid: expected {expected}"))
            }
        })
    }

    fn string(&mut self, fields: &mut Fields<'d>, key: &str, non_empty: bool) -> Field<String> {
        self.scalar_field(fields, key, |text| {
            if non_empty && text.trim().is_empty() {
                Err(format!("{key} must not be empty"))
            } else {
                Ok(text.to_string())
            }
        })
    }

    /// A scalar field read by `parse`; anything else is `invalid-value`.
    fn scalar_field<T>(
        &mut self,
        fields: &mut Fields<'d>,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Field<T> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        self.scalar_value(slot, &path, key, parse)
    }

    /// The text of a scalar value; anything else (a list, a mapping,
    /// nothing) is `invalid-value`: "`{key}` must be {expected}, not ...".
    fn scalar_text(
        &mut self,
        slot: &Slot<'d>,
        path: &dyn fmt::Display,
        key: &str,
        expected: &str,
    ) -> Option<&'d str> {
        let text = match &slot.node.node.kind {
            NodeKind::Scalar(s) if !s.is_null() => Some(&*s.value),
            _ => None,
        };
        if text.is_none() {
            let found = describe(&slot.node.node.kind);
            if found == "nothing" {
                // An empty value has no text to point at: the key says it.
                let at = At {
                    loc: slot.at.key_or_value(),
                    ..slot.at
                };
                let message = format!("`{key}` has no value: write {expected}, or remove the key");
                self.invalid(&at, path, message);
            } else {
                let message = format!("`{key}` must be {expected}, not {found}");
                self.invalid(&slot.at, path, message);
            }
        }
        text
    }

    /// The `i`-th item of a list, aliases followed, with its position as
    /// written.
    fn list_item(&self, i: usize, item: NodeId) -> Option<(Resolved<'d>, At)> {
        let node = self.doc.resolve(item)?;
        let at = At {
            alias: node.alias,
            index: u32::try_from(i).ok(),
            ..At::new(node.node.loc)
        };
        Some((node, at))
    }

    fn scalar_value<T>(
        &mut self,
        slot: Slot<'d>,
        path: &dyn fmt::Display,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Field<T> {
        let Some(text) = self.scalar_text(&slot, path, key, "a single value") else {
            return Field::Invalid(slot.at);
        };
        match parse(text) {
            Ok(value) => Field::Valid(Sp { value, at: slot.at }),
            Err(message) => {
                self.invalid(&slot.at, path, message);
                Field::Invalid(slot.at)
            }
        }
    }

    fn schedule(&mut self, fields: &mut Fields<'d>) -> Field<Schedule> {
        let (section, inner) = self.section(fields, "schedule", SCHEDULE_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let schedule = Schedule {
            start: self.timestamp(&mut inner, "start"),
            end: self.timestamp(&mut inner, "end"),
        };
        section.with(schedule)
    }

    fn timestamp(&mut self, fields: &mut Fields<'d>, key: &str) -> Field<OffsetDateTime> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        let Some(text) = self.scalar_text(&slot, &path, key, "a timestamp") else {
            return Field::Invalid(slot.at);
        };
        match parse_timestamp(text) {
            Ok(t) => Field::Valid(Sp {
                value: t,
                at: slot.at,
            }),
            Err(TimestampError::NoOffset) => {
                let finding = self
                    .report(
                        &schedule_timezone::META,
                        &slot.at,
                        format!("timestamp `{text}` has no UTC offset"),
                        &path,
                    )
                    .with_help(
                        "add the offset the campaign is meant for, e.g. `+08:00`, or `Z` for UTC",
                    );
                self.push(finding);
                Field::Invalid(slot.at)
            }
            Err(TimestampError::Invalid) => {
                self.invalid(
                    &slot.at,
                    &path,
                    format!(
                        "`{text}` is not an RFC 3339 timestamp such as `2025-01-20T00:00:00+08:00`"
                    ),
                );
                Field::Invalid(slot.at)
            }
        }
    }

    fn offer(&mut self, fields: &mut Fields<'d>) -> Offer {
        Offer {
            currency: self.scalar_field(fields, "currency", |t| Ok(t.to_string())),
            audience: self.audience(fields),
            channels: self.channels(fields),
            benefit: self.benefit(fields),
            funding: self.funding(fields),
            budget: self.budget(fields),
            display: self.display(fields),
            stacking: self.stacking(fields),
            controls: self.controls(fields),
        }
    }

    fn audience(&mut self, fields: &mut Fields<'d>) -> Field<Audience> {
        let (section, inner) = self.section(fields, "audience", AUDIENCE_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let segments = match inner.take("segments") {
            None => inner.missing("segments"),
            Some((slot, path)) => match &slot.node.node.kind {
                NodeKind::Scalar(s) if &*s.value == "all" => Field::Valid(Sp {
                    value: Segments::All,
                    at: slot.at,
                }),
                NodeKind::Seq(_) => match self.string_list(slot, &path, "segments", is_segment) {
                    Some(list) => Field::Valid(Sp {
                        value: Segments::List(list),
                        at: slot.at,
                    }),
                    None => Field::Invalid(slot.at),
                },
                other => {
                    let found = describe(other);
                    self.invalid(
                        &slot.at,
                        &path,
                        format!("segments must be a list of segment ids or \"all\", not {found}"),
                    );
                    Field::Invalid(slot.at)
                }
            },
        };
        let regions = match inner.take("regions") {
            None => inner.missing("regions"),
            Some((slot, path)) => match self.string_list(slot, &path, "regions", is_region) {
                Some(list) => Field::Valid(Sp {
                    value: list,
                    at: slot.at,
                }),
                None => Field::Invalid(slot.at),
            },
        };
        section.with(Audience { segments, regions })
    }

    /// A non-empty list of strings; bad items are reported and left out.
    /// `None` when the value is not a non-empty list (reported).
    fn string_list(
        &mut self,
        slot: Slot<'d>,
        path: &dyn fmt::Display,
        key: &str,
        valid: fn(&str) -> bool,
    ) -> Option<Vec<Sp<String>>> {
        let NodeKind::Seq(items) = &slot.node.node.kind else {
            let found = describe(&slot.node.node.kind);
            self.invalid(&slot.at, path, format!("{key} must be a list, not {found}"));
            return None;
        };
        if items.is_empty() {
            self.invalid(&slot.at, path, format!("{key} must not be empty"));
            return None;
        }
        let mut out = Vec::new();
        for (i, &item) in items.iter().enumerate() {
            let Some((node, at)) = self.list_item(i, item) else {
                continue;
            };
            let item_path = ItemPath {
                list: path,
                index: i,
            };
            match &node.node.kind {
                NodeKind::Scalar(s) if !s.is_null() && valid(&s.value) => out.push(Sp {
                    value: s.value.to_string(),
                    at,
                }),
                NodeKind::Scalar(s) if !s.is_null() => {
                    self.invalid(
                        &at,
                        &item_path,
                        format!("`{}` is not a valid entry of {key}", s.value),
                    );
                }
                other => {
                    let found = describe(other);
                    self.invalid(
                        &at,
                        &item_path,
                        format!("an entry of {key} must be a string, not {found}"),
                    );
                }
            }
        }
        Some(out)
    }

    fn channels(&mut self, fields: &mut Fields<'d>) -> Field<Vec<Sp<String>>> {
        let Some((slot, path)) = fields.take("channels") else {
            return fields.missing("channels");
        };
        match &slot.node.node.kind {
            NodeKind::Scalar(s) if matches!(&*s.value, "all" | "*") => {
                let finding = self
                    .report(&wildcard_channel::META, &slot.at, format!("channels is `{}`: every payment channel, forbidden ones included", s.value), &path)
                    .with_help("list the channels the campaign applies to, e.g. `[online-checkout, merchant-qr]`");
                self.push(finding);
                return Field::Invalid(slot.at);
            }
            NodeKind::Seq(items) if !items.is_empty() => {
                let mut out = Vec::new();
                for (i, &item) in items.iter().enumerate() {
                    let Some((node, at)) = self.list_item(i, item) else {
                        continue;
                    };
                    let item_path = ItemPath {
                        list: &path,
                        index: i,
                    };
                    match &node.node.kind {
                        NodeKind::Scalar(s) if &*s.value == "*" => {
                            let finding = self
                                .report(&wildcard_channel::META, &at, "channel `*` includes every payment channel, forbidden ones included".into(), &item_path)
                                .with_help("list the channels the campaign applies to instead of `*`");
                            self.push(finding);
                        }
                        NodeKind::Scalar(s) if !s.is_null() => out.push(Sp {
                            value: s.value.to_string(),
                            at,
                        }),
                        other => {
                            let found = describe(other);
                            self.invalid(
                                &at,
                                &item_path,
                                format!("a channel must be a channel id, not {found}"),
                            );
                        }
                    }
                }
                return Field::Valid(Sp {
                    value: out,
                    at: slot.at,
                });
            }
            NodeKind::Seq(_) => self.invalid(&slot.at, &path, "channels must not be empty".into()),
            other => {
                let found = describe(other);
                self.invalid(
                    &slot.at,
                    &path,
                    format!("channels must be a list of channel ids, not {found}"),
                );
            }
        }
        Field::Invalid(slot.at)
    }

    fn benefit(&mut self, fields: &mut Fields<'d>) -> Field<Benefit> {
        let (section, inner) = self.section(fields, "benefit", BENEFIT_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let kind = self.scalar_field(&mut inner, "type", |t| match t {
            "percent_off" => Ok(BenefitType::PercentOff),
            "amount_off" => Ok(BenefitType::AmountOff),
            other => Err(enum_message("type", other, &["percent_off", "amount_off"])),
        });
        let rate = self.rate(&mut inner);
        let benefit = Benefit {
            kind,
            rate,
            amount: self.money(&mut inner, "amount"),
            max_discount: self.money(&mut inner, "max_discount"),
            min_spend: self.money(&mut inner, "min_spend"),
        };
        section.with(benefit)
    }

    fn rate(&mut self, fields: &mut Fields<'d>) -> Field<Percent> {
        let Some((slot, path)) = fields.take("rate") else {
            return fields.missing("rate");
        };
        let Some(text) = self.scalar_text(&slot, &path, "rate", "a percent string such as \"20%\"")
        else {
            return Field::Invalid(slot.at);
        };
        match Percent::parse(text) {
            Ok(p) => Field::Valid(Sp {
                value: p,
                at: slot.at,
            }),
            Err(PercentError::Range) => {
                self.invalid(
                    &slot.at,
                    &path,
                    format!("rate `{text}` must be greater than 0% and less than 100%"),
                );
                Field::Invalid(slot.at)
            }
            Err(PercentError::Notation) => {
                let help = rate_notation_help(text);
                let finding = self
                    .report(
                        &rate_notation::META,
                        &slot.at,
                        format!("rate `{text}` is not a percent string"),
                        &path,
                    )
                    .with_help(help);
                self.push(finding);
                Field::Invalid(slot.at)
            }
        }
    }

    fn money(&mut self, fields: &mut Fields<'d>, key: &str) -> Field<Money> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        let Some(text) = self.scalar_text(&slot, &path, key, "an amount such as \"12.50\"") else {
            return Field::Invalid(slot.at);
        };
        match Money::parse(text) {
            Some(m) => Field::Valid(Sp {
                value: m,
                at: slot.at,
            }),
            None => {
                let finding = self
                    .report(&invalid_decimal::META, &slot.at, format!("{key} `{text}` is not an exact non-negative decimal"), &path)
                    .with_help("write the amount as digits with an optional fraction, e.g. \"12.50\": no sign, exponent or underscores");
                self.push(finding);
                Field::Invalid(slot.at)
            }
        }
    }

    fn funding(&mut self, fields: &mut Fields<'d>) -> Field<Funding> {
        let (section, inner) = self.section(fields, "funding", FUNDING_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let source = self.scalar_field(&mut inner, "source", |t| match t {
            "platform" => Ok(FundingSource::Platform),
            "merchant" => Ok(FundingSource::Merchant),
            "bank" => Ok(FundingSource::Bank),
            "government" => Ok(FundingSource::Government),
            other => Err(enum_message(
                "source",
                other,
                &["platform", "merchant", "bank", "government"],
            )),
        });
        let program_id = self.string(&mut inner, "program_id", true);
        section.with(Funding { source, program_id })
    }

    fn budget(&mut self, fields: &mut Fields<'d>) -> Field<Budget> {
        let (section, inner) = self.section(fields, "budget", BUDGET_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let budget = Budget {
            total: self.money(&mut inner, "total"),
            per_user: self.money(&mut inner, "per_user"),
            expected_redemptions: self.integer(&mut inner, "expected_redemptions", 1, u64::MAX),
        };
        section.with(budget)
    }

    fn integer(&mut self, fields: &mut Fields<'d>, key: &str, min: u64, max: u64) -> Field<u64> {
        self.scalar_field(fields, key, |t| match t.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) && t.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
            Ok(_) if max == u64::MAX => {
                Err(format!("{key} must be a positive whole number, not `{t}`"))
            }
            Ok(_) => Err(format!(
                "{key} must be a whole number from {min} to {max}, not `{t}`"
            )),
            Err(_) => Err(format!("{key} must be a whole number, not `{t}`")),
        })
    }

    fn display(&mut self, fields: &mut Fields<'d>) -> Field<Display> {
        let (section, inner) = self.section(fields, "display", DISPLAY_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let display = Display {
            label: self.text(&mut inner, "label", true),
            description: self.text(&mut inner, "description", false),
        };
        section.with(display)
    }

    fn text(&mut self, fields: &mut Fields<'d>, key: &str, non_empty: bool) -> Field<Text> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        let style = slot.scalar().map(|s| s.style);
        let field = self.scalar_value(slot, &path, key, |t| {
            if non_empty && t.trim().is_empty() {
                Err(format!("{key} must not be empty"))
            } else {
                Ok(t.to_string())
            }
        });
        match (field, style) {
            (Field::Valid(sp), Some(style)) => Field::Valid(Sp {
                value: Text {
                    text: sp.value,
                    style,
                },
                at: sp.at,
            }),
            (Field::Valid(sp), None) => Field::Invalid(sp.at),
            (Field::Invalid(at), _) => Field::Invalid(at),
            (Field::Absent, _) => Field::Absent,
        }
    }

    fn stacking(&mut self, fields: &mut Fields<'d>) -> Field<Stacking> {
        let (section, inner) = self.section(fields, "stacking", STACKING_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let combinable = self.boolean(&mut inner, "combinable");
        section.with(Stacking { combinable })
    }

    fn controls(&mut self, fields: &mut Fields<'d>) -> Field<Controls> {
        let (section, inner) = self.section(fields, "controls", CONTROLS_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let kill_switch = self.boolean(&mut inner, "kill_switch");
        let rollout_percent = match self.integer(&mut inner, "rollout_percent", 1, 100) {
            Field::Valid(sp) => Field::Valid(Sp {
                value: u8::try_from(sp.value).unwrap_or(100),
                at: sp.at,
            }),
            Field::Invalid(at) => Field::Invalid(at),
            Field::Absent => Field::Absent,
        };
        section.with(Controls {
            kill_switch,
            rollout_percent,
        })
    }

    fn boolean(&mut self, fields: &mut Fields<'d>, key: &str) -> Field<bool> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        let plain = slot
            .scalar()
            .is_some_and(|s| s.is_plain() || s.tag.as_deref() == Some("bool"));
        self.scalar_value(slot, &path, key, |t| match t {
            "true" | "True" | "TRUE" if plain => Ok(true),
            "false" | "False" | "FALSE" if plain => Ok(false),
            "true" | "false" => Err(format!(
                "{key} must be the boolean `{t}`, not the quoted string \"{t}\": remove the quotes"
            )),
            other => Err(format!("{key} must be `true` or `false`, not `{other}`")),
        })
    }

    /// `ambiguous-scalar` over every value of the document as written.
    fn ambiguous_scalars(&mut self) {
        let Some(root) = self.doc.root else { return };
        // Depth first, in document order. The path of the node being
        // visited is kept as a list of steps and written out only for a
        // finding: each stacked node has its depth and its own step.
        let mut stack: Vec<(NodeId, usize, Option<Step<'d>>)> = vec![(root, 0, None)];
        let mut steps: Vec<Step<'d>> = Vec::new();
        while let Some((id, depth, step)) = stack.pop() {
            steps.truncate(depth);
            steps.extend(step);
            let Some(node) = self.doc.node(id) else {
                continue;
            };
            match &node.kind {
                NodeKind::Scalar(s) if s.is_plain() && is_ambiguous(&s.value) => {
                    let finding = Finding::new(
                        &ambiguous_scalar::META,
                        node.loc,
                        format!(
                            "unquoted `{}` is read differently by YAML 1.1 tools",
                            s.value
                        ),
                    )
                    .with_path(pointer(&steps))
                    .with_help(format!(
                        "quote it (\"{}\") so every tool reads the same text",
                        s.value
                    ));
                    self.push(finding);
                }
                NodeKind::Seq(items) => {
                    let depth = steps.len();
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((*item, depth, Some(Step::Index(i))));
                    }
                }
                NodeKind::Map(map) => {
                    let depth = steps.len();
                    let doc: &'d Document = self.doc;
                    for entry in map.entries.iter().rev() {
                        let key = doc.key_text(entry.key).unwrap_or("");
                        stack.push((entry.value, depth, Some(Step::Key(key))));
                    }
                }
                _ => {}
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

/// A segment id, or `"*"`, which a list may hold for everyone (RULES.md).
fn is_segment(text: &str) -> bool {
    is_id(text) || text == "*"
}

pub fn is_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    (3..=64).contains(&bytes.len())
        && bytes
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// `^[A-Z][A-Z0-9]+(-[0-9]+)+$`
pub fn is_approval(text: &str) -> bool {
    let mut parts = text.split('-');
    let head = parts.next().unwrap_or("");
    let head_ok = head.len() >= 2
        && head.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && head
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let mut numbers = 0;
    for part in parts {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        numbers += 1;
    }
    head_ok && numbers > 0
}

/// ISO 3166-2: a country code, `-`, and one to three letters or digits.
fn is_region(text: &str) -> bool {
    match text.split_once('-') {
        Some((country, sub)) => {
            country.len() == 2
                && country.bytes().all(|b| b.is_ascii_uppercase())
                && (1..=3).contains(&sub.len())
                && sub
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }
        None => false,
    }
}

/// The YAML 1.1 forms RULES.md lists for `ambiguous-scalar`.
pub fn is_ambiguous(text: &str) -> bool {
    if ["yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|word| text.eq_ignore_ascii_case(word))
    {
        return true;
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // A leading zero: `08`, `0755`, `007.5` (but not `0`, `0.5`).
    let int_part = unsigned.split('.').next().unwrap_or("");
    if int_part.len() > 1
        && int_part.starts_with('0')
        && digits_only(int_part)
        && unsigned.split('.').count() <= 2
        && unsigned.split('.').nth(1).is_none_or(digits_only)
    {
        return true;
    }
    // `1_000`, `1_000.5`
    if unsigned.contains('_')
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'_' || b == b'.')
        && unsigned.bytes().any(|b| b.is_ascii_digit())
    {
        return true;
    }
    // Sexagesimal `1:30`, `190:20:30` (a timestamp has `-` and `T` first).
    if unsigned.contains(':') {
        let mut parts = unsigned.split(':');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let last_ok = |p: &&str| {
            let int = p.split('.').next().unwrap_or("");
            int.len() <= 2 && digits_only(int) && p.split('.').nth(1).is_none_or(digits_only)
        };
        return digits_only(first) && !rest.is_empty() && rest.iter().all(last_ok);
    }
    false
}

enum TimestampError {
    NoOffset,
    Invalid,
}

fn parse_timestamp(text: &str) -> Result<OffsetDateTime, TimestampError> {
    let normalized = match text.get(10..11) {
        Some(" ") | Some("t") => format!(
            "{}T{}",
            text.get(..10).unwrap_or(""),
            text.get(11..).unwrap_or("")
        ),
        _ => text.to_string(),
    };
    if let Ok(t) = OffsetDateTime::parse(&normalized, &Rfc3339) {
        return Ok(t);
    }
    // Looks like a date or a local date-time: the offset is what is missing.
    let with_offset = if normalized.len() == 10 {
        format!("{normalized}T00:00:00Z")
    } else {
        format!("{normalized}Z")
    };
    if OffsetDateTime::parse(&with_offset, &Rfc3339).is_ok() {
        return Err(TimestampError::NoOffset);
    }
    Err(TimestampError::Invalid)
}

fn rate_notation_help(text: &str) -> String {
    if let Some(paid) = zhe_tenths(text) {
        let off = rust_decimal::Decimal::ONE_HUNDRED - paid * rust_decimal::Decimal::TEN;
        return format!(
            "`{text}` means the payer pays {}%, i.e. a rate of \"{}%\" off: write `rate: \"{}%\"`",
            (paid * rust_decimal::Decimal::TEN).normalize(),
            off.normalize(),
            off.normalize()
        );
    }
    if let Some(n) = super::value::parse_plain_decimal(text.trim()) {
        if n < rust_decimal::Decimal::ONE {
            let pct = (n * rust_decimal::Decimal::ONE_HUNDRED).normalize();
            return format!(
                "write the rate as a percent string: if `{text}` means {pct}%, write `rate: \"{pct}%\"`"
            );
        }
        return format!(
            "write the rate as a percent string, e.g. `rate: \"{}%\"` if `{text}` means {}%",
            n.normalize(),
            n.normalize()
        );
    }
    "write the rate as a percent string such as \"20%\"".into()
}

/// `8折` -> 8, `8.5折` -> 8.5, `85折` -> 8.5, `八折` -> 8, `八五折` -> 8.5.
fn zhe_tenths(text: &str) -> Option<rust_decimal::Decimal> {
    let body = text.trim().strip_suffix('折')?;
    let body = body.strip_prefix('打').unwrap_or(body);
    let digits: String = body
        .chars()
        .map(|c| match c {
            '一' => Some('1'),
            '二' => Some('2'),
            '三' => Some('3'),
            '四' => Some('4'),
            '五' => Some('5'),
            '六' => Some('6'),
            '七' => Some('7'),
            '八' => Some('8'),
            '九' => Some('9'),
            '0'..='9' | '.' => Some(c),
            _ => None,
        })
        .collect::<Option<String>>()?;
    let value = super::value::parse_plain_decimal(&digits)?;
    if digits.len() == 2 && !digits.contains('.') {
        return Some((value / rust_decimal::Decimal::TEN).normalize());
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_forms() {
        for t in [
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "N",
            "08",
            "0755",
            "1_000",
            "1:30",
            "190:20:30",
        ] {
            assert!(is_ambiguous(t), "{t}");
        }
        for t in [
            "0",
            "0.5",
            "10",
            "1e6",
            "2025-01-16T14:40:00+08:00",
            "true",
            "none",
            "12.50",
            "a:b",
        ] {
            assert!(!is_ambiguous(t), "{t}");
        }
    }

    #[test]
    fn patterns() {
        assert!(is_id("spring-cashback-2025"));
        assert!(!is_id("Spring"));
        assert!(!is_id("ab"));
        assert!(is_approval("MKT-2025-0113"));
        assert!(!is_approval("mkt-1"));
        assert!(!is_approval("MKT"));
        assert!(is_region("CN-31"));
        assert!(!is_region("CN"));
    }

    #[test]
    fn zhe() {
        assert_eq!(zhe_tenths("8折").unwrap().to_string(), "8");
        assert_eq!(zhe_tenths("八五折").unwrap().to_string(), "8.5");
        assert_eq!(zhe_tenths("85折").unwrap().to_string(), "8.5");
        assert!(rate_notation_help("8折").contains("\"20%\""));
    }

    #[test]
    fn timestamps() {
        assert!(parse_timestamp("2025-01-20T00:00:00+08:00").is_ok());
        assert!(parse_timestamp("2025-01-20 00:00:00Z").is_ok());
        assert!(matches!(
            parse_timestamp("2025-01-20T00:00:00"),
            Err(TimestampError::NoOffset)
        ));
        assert!(matches!(
            parse_timestamp("2025-01-20"),
            Err(TimestampError::NoOffset)
        ));
        assert!(matches!(
            parse_timestamp("next monday"),
            Err(TimestampError::Invalid)
        ));
    }
}
