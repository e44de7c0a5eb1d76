//! Reading a policy file from our span-aware YAML tree (`crate::load`), in
//! the style of `model::extract`: every key and value is checked, every
//! problem is collected with its span, and what could be read becomes a
//! [`PolicyFile`] that is merged into the default.

mod change;
mod labels;
mod limits;
mod programs;
mod selection;
mod values;

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::Policy;
use super::error::{PolicyError, PolicyProblem};
use super::file::PolicyFile;
use crate::finding::Finding;
use crate::load::{self, Document, NodeKind, Resolved, ResolvedEntry, Scalar, Style};
use crate::model::did_you_mean;
use crate::model::value::minor_unit;
use crate::source::Loc;

/// A policy file larger than this is refused unread: policies are small, and
/// a bound keeps a wrong `--config` (a log file, a device) cheap.
pub const MAX_POLICY_BYTES: u64 = 1024 * 1024;

const TOP_KEYS: &[&str] = &[
    "apiVersion",
    "kind",
    "files",
    "rules",
    "overrides",
    "currencies",
    "channels",
    "limits",
    "programs",
    "audience",
    "change",
    "labels",
];
const FILES_KEYS: &[&str] = &["include", "max_bytes", "max_findings", "exclude"];
const CHANNELS_KEYS: &[&str] = &["allowed", "forbidden"];
const LIMITS_KEYS: &[&str] = &[
    "rate_ceiling",
    "broad_audience_rate",
    "broad_audience_amount_share",
    "stacked_rate_ceiling",
    "budget",
    "schedule",
    "max_discount",
    "rollout",
];
const RATE_CEILING_KEYS: &[&str] = &["default", "funding", "channels"];
const BUDGET_KEYS: &[&str] = &["require_total", "require_per_user", "max_total"];
const SCHEDULE_KEYS: &[&str] = &["max_duration_days"];
const CHANGE_KEYS: &[&str] = &[
    "rate_factor",
    "rate_points",
    "amount_factor",
    "budget_factor",
];
const LABELS_KEYS: &[&str] = &["restricted", "forbidden"];
const OVERRIDE_KEYS: &[&str] = &["files", "rules"];
const RESTRICTED_KEYS: &[&str] = &["id", "terms", "requires"];
const REQUIRES_KEYS: &[&str] = &["funding_source", "program_id"];
const FORBIDDEN_KEYS: &[&str] = &["terms"];

/// What the file says, what it refers to elsewhere in the policy, and what
/// is wrong with it.
pub(super) struct Parsed {
    pub file: PolicyFile,
    pub references: Vec<Reference>,
    pub problems: Vec<PolicyProblem>,
}

/// A name the file uses that must exist in another part of the merged
/// policy; checked after the merge, since the other part may come from the
/// default.
pub(super) struct Reference {
    kind: ReferenceKind,
    name: String,
    span: Range<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReferenceKind {
    /// A key of `limits.rate_ceiling.channels`.
    CeilingChannel,
    /// A key of `limits.budget.max_total`.
    MaxTotalCurrency,
    /// An entry of `channels.allowed`.
    AllowedChannel,
    /// An entry of `channels.forbidden`.
    ForbiddenChannel,
    /// A key of `limits.max_discount` or of a program's `max_discount`.
    MaxDiscountCurrency,
    /// An entry of a program's `channels`.
    ProgramChannel,
}

/// Reads a policy file's text, refusing a file over [`MAX_POLICY_BYTES`]
/// before reading it.
pub(super) fn read_policy_text(path: &Path, name: &str) -> Result<String, PolicyError> {
    let unreadable =
        |e: std::io::Error| PolicyError::unreadable(name, format!("cannot read it: {e}"));
    let file = crate::regular_file::open(path).map_err(unreadable)?;
    let too_large = || {
        PolicyError::unreadable(
            name,
            format!("it is larger than {MAX_POLICY_BYTES} bytes, too large for a policy file"),
        )
    };
    if file.metadata().map_err(unreadable)?.len() > MAX_POLICY_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_POLICY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_POLICY_BYTES {
        return Err(too_large());
    }
    load::decode(bytes).map_err(|e| {
        let problem = PolicyProblem::at(e.offset..e.offset, e.message);
        PolicyError::new(name, Arc::from(e.lossy_text), vec![problem])
    })
}

/// The default `base` with the policy file `text` merged in, or every
/// problem of the file.
pub(super) fn parse_onto(base: &Policy, name: &str, text: &str) -> Result<Policy, PolicyError> {
    let parsed = parse_patch(text);
    let mut problems = parsed.problems;
    let mut policy = base.clone();
    policy.apply(parsed.file);
    programs::locate_programs(&mut policy.programs, name, text);
    problems.extend(check_references(&policy, base, &parsed.references));
    if problems.is_empty() {
        Ok(policy)
    } else {
        Err(PolicyError::new(name, Arc::from(text), problems))
    }
}

/// Reads a policy file's text into what it sets.
pub(super) fn parse_patch(text: &str) -> Parsed {
    let loaded = load::load(0, text, load::Limits::default());
    let mut problems: Vec<PolicyProblem> = loaded.findings.iter().map(finding_problem).collect();
    let mut references = Vec::new();
    let mut file = PolicyFile::default();
    if let Some((first, rest)) = loaded.documents.split_first() {
        let mut reader = Reader {
            doc: first,
            problems: Vec::new(),
            references: Vec::new(),
        };
        file = reader.document();
        problems.append(&mut reader.problems);
        references = reader.references;
        for extra in rest {
            let is_empty = extra
                .root()
                .is_none_or(|root| matches!(&root.node.kind, NodeKind::Scalar(s) if s.is_null()));
            if !is_empty {
                let span = extra.root().map_or(extra.loc, |r| r.node.loc).range();
                problems.push(
                    PolicyProblem::at(span, "a policy file holds one YAML document".into())
                        .with_label("a second document")
                        .with_help("remove the `---` and merge the two documents into one"),
                );
            }
        }
    }
    Parsed {
        file,
        references,
        problems,
    }
}

/// A finding made while reading the YAML (`yaml-syntax`, `duplicate-key`,
/// a malformed merge key): in a policy file each is a problem too.
fn finding_problem(finding: &Finding) -> PolicyProblem {
    let mut problem = PolicyProblem::at(finding.loc.range(), finding.message.clone())
        .with_help_opt(finding.help.clone());
    for label in &finding.labels {
        problem = problem.with_secondary(label.loc.range(), label.message.clone());
    }
    problem
}

/// Names the file uses that the merged policy does not have: most likely
/// typos, which would make a ceiling silently never apply.
///
/// The names the base itself uses as keys count as known: the base's
/// entries stay in a merged mapping even when the file narrows the list they
/// refer to (they are then never compared, so harmless), and the policy as
/// `to_yaml` prints it, stale entries included, must parse again.
fn check_references(
    policy: &Policy,
    base: &Policy,
    references: &[Reference],
) -> Vec<PolicyProblem> {
    let channels = &policy.channels;
    let all_channels: Vec<&str> = channels
        .allowed
        .iter()
        .chain(&channels.forbidden)
        .chain(base.limits.rate_ceiling.channels.keys())
        .map(String::as_str)
        .collect();
    let currencies: Vec<&str> = policy
        .currencies
        .iter()
        .chain(base.limits.budget.max_total.keys())
        .map(String::as_str)
        .collect();
    let mut both_reported: HashSet<&str> = HashSet::new();
    let mut problems = Vec::new();
    for reference in references {
        let name = reference.name.as_str();
        let span = reference.span.clone();
        match reference.kind {
            ReferenceKind::CeilingChannel if !all_channels.contains(&name) => {
                problems.push(
                    PolicyProblem::at(
                        span,
                        format!(
                            "`limits.rate_ceiling.channels` names `{name}`, which is in neither \
                             `channels.allowed` nor `channels.forbidden`"
                        ),
                    )
                    .with_label("unknown channel")
                    .with_help(match did_you_mean(name, &all_channels) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => "add the channel to `channels.allowed`".to_string(),
                    }),
                );
            }
            ReferenceKind::MaxTotalCurrency if !currencies.contains(&name) => {
                problems.push(
                    PolicyProblem::at(
                        span,
                        format!(
                            "`limits.budget.max_total` names `{name}`, which is not in `currencies`"
                        ),
                    )
                    .with_label("unknown currency")
                    .with_help(match did_you_mean(name, &currencies) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("add `{name}` to `currencies`"),
                    }),
                );
            }
            ReferenceKind::AllowedChannel | ReferenceKind::ForbiddenChannel
                if channels.allowed.iter().any(|c| c == name)
                    && channels.forbidden.iter().any(|c| c == name)
                    && both_reported.insert(name) =>
            {
                problems.push(
                    PolicyProblem::at(
                        span,
                        format!("channel `{name}` is both allowed and forbidden"),
                    )
                    .with_help(
                        "remove it from `channels.allowed` or from `channels.forbidden` \
                         (each list replaces the default's whole list)",
                    ),
                );
            }
            ReferenceKind::MaxDiscountCurrency if !currencies.contains(&name) => {
                problems.push(programs::unknown_currency(name, span, &currencies));
            }
            ReferenceKind::ProgramChannel if !all_channels.contains(&name) => {
                problems.push(programs::unknown_channel(name, span, &all_channels));
            }
            _ => {}
        }
    }
    problems
}

struct Reader<'d> {
    doc: &'d Document,
    problems: Vec<PolicyProblem>,
    references: Vec<Reference>,
}

/// A value position: the node (aliases followed) and the key it is under.
#[derive(Clone, Copy)]
struct Slot<'d> {
    node: Resolved<'d>,
    key: Option<Loc>,
}

impl<'d> Slot<'d> {
    fn scalar(&self) -> Option<&'d Scalar> {
        match &self.node.node.kind {
            NodeKind::Scalar(s) if !s.is_null() => Some(s),
            _ => None,
        }
    }

    fn value_span(&self) -> Range<usize> {
        self.node.node.loc.range()
    }

    fn key_span(&self) -> Range<usize> {
        self.key.unwrap_or(self.node.node.loc).range()
    }
}

/// The known keys of one mapping, found and checked.
struct Fields<'d> {
    slots: Vec<(&'static str, Slot<'d>)>,
    path: String,
}

impl<'d> Fields<'d> {
    /// The value of `key` and its dotted path, if the mapping has it.
    fn take(&mut self, key: &str) -> Option<(Slot<'d>, String)> {
        let index = self.slots.iter().position(|(k, _)| *k == key)?;
        let (name, slot) = self.slots.swap_remove(index);
        Some((slot, join(&self.path, name)))
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn describe(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Scalar(s) if s.is_null() => "nothing",
        NodeKind::Scalar(s) if s.style == Style::Plain => "a plain value",
        NodeKind::Scalar(_) => "a string",
        NodeKind::Seq(_) => "a list",
        NodeKind::Map(_) => "a mapping",
        NodeKind::Alias(_) => "an alias",
    }
}

/// How a problem names a place: `files.include`, or the file itself.
fn place(path: &str) -> String {
    if path.is_empty() {
        "the policy file".to_string()
    } else {
        format!("`{path}`")
    }
}

fn suggestion(text: &str, known: &[&str]) -> Option<String> {
    did_you_mean(text, known).map(|k| format!("did you mean `{k}`?"))
}

/// A check of one list entry: `Err((message, help))`.
type EntryCheck<'a> = &'a dyn Fn(&str) -> Result<(), (String, Option<String>)>;

impl<'d> Reader<'d> {
    fn push(&mut self, problem: PolicyProblem) {
        self.problems.push(problem);
    }

    /// A problem about a value, noting the alias it was reached through.
    fn value_problem(&self, slot: Slot<'d>, message: String) -> PolicyProblem {
        let problem = PolicyProblem::at(slot.value_span(), message);
        match slot.node.alias {
            Some(alias) => problem.with_secondary(alias.range(), "reached through this alias"),
            None => problem,
        }
    }

    fn slot(&self, entry: &ResolvedEntry) -> Option<Slot<'d>> {
        Some(Slot {
            node: self.doc.resolve(entry.value)?,
            key: self.doc.node(entry.key).map(|n| n.loc),
        })
    }

    fn item_slots(&self, seq: Slot<'d>) -> Vec<Slot<'d>> {
        match &seq.node.node.kind {
            NodeKind::Seq(items) => items
                .iter()
                .filter_map(|&item| self.doc.resolve(item))
                .map(|node| Slot { node, key: None })
                .collect(),
            _ => Vec::new(),
        }
    }

    fn document(&mut self) -> PolicyFile {
        let Some(root) = self.doc.root() else {
            return PolicyFile::default();
        };
        if matches!(&root.node.kind, NodeKind::Scalar(s) if s.is_null()) {
            // An empty file sets nothing: the default applies whole.
            return PolicyFile::default();
        }
        let root = Slot {
            node: root,
            key: None,
        };
        let Some(mut fields) = self.mapping(root, "", TOP_KEYS) else {
            return PolicyFile::default();
        };
        PolicyFile {
            api_version: fields
                .take("apiVersion")
                .and_then(|(slot, path)| self.exact(slot, &path, "promo/v1")),
            kind: fields
                .take("kind")
                .and_then(|(slot, path)| self.exact(slot, &path, "Policy")),
            files: fields
                .take("files")
                .and_then(|(slot, path)| self.files(slot, &path)),
            rules: fields
                .take("rules")
                .and_then(|(slot, path)| self.rule_levels(slot, &path)),
            overrides: fields
                .take("overrides")
                .and_then(|(slot, path)| self.overrides(slot, &path)),
            currencies: fields.take("currencies").and_then(|(slot, path)| {
                self.string_list(slot, &path, &check_currency, false)
                    .map(|list| list.into_iter().map(|(s, _)| s).collect())
            }),
            channels: fields
                .take("channels")
                .and_then(|(slot, path)| self.channels(slot, &path)),
            limits: fields
                .take("limits")
                .and_then(|(slot, path)| self.limits(slot, &path)),
            programs: fields
                .take("programs")
                .and_then(|(slot, path)| self.programs(slot, &path)),
            audience: fields
                .take("audience")
                .and_then(|(slot, path)| self.audience(slot, &path)),
            change: fields
                .take("change")
                .and_then(|(slot, path)| self.change(slot, &path)),
            labels: fields
                .take("labels")
                .and_then(|(slot, path)| self.labels(slot, &path)),
        }
    }

    /// The known keys of a mapping value; unknown keys are problems, and a
    /// value that is not a mapping is one.
    fn mapping(
        &mut self,
        slot: Slot<'d>,
        path: &str,
        known: &'static [&'static str],
    ) -> Option<Fields<'d>> {
        if !matches!(slot.node.node.kind, NodeKind::Map(_)) {
            let found = describe(&slot.node.node.kind);
            let problem = self.value_problem(
                slot,
                format!("{} must be a mapping, not {found}", place(path)),
            );
            let problem =
                problem.with_help(format!("the keys of {}: {}", place(path), known.join(", ")));
            self.push(problem);
            return None;
        }
        let mut slots = Vec::new();
        for entry in self.doc.entries(slot.node.id) {
            let Some(value) = self.slot(entry) else {
                continue;
            };
            let Some(text) = self.doc.key_text(entry.key) else {
                self.push(
                    PolicyProblem::at(value.key_span(), "a key must be a string".into())
                        .with_label("not a string"),
                );
                continue;
            };
            match known.iter().find(|k| **k == text) {
                Some(name) => slots.push((*name, value)),
                None => {
                    let problem = PolicyProblem::at(
                        value.key_span(),
                        format!("unknown key `{text}` in {}", place(path)),
                    )
                    .with_label("unknown key")
                    .with_help(suggestion(text, known).unwrap_or_else(|| {
                        format!("the keys of {}: {}", place(path), known.join(", "))
                    }));
                    self.push(problem);
                }
            }
        }
        Some(Fields {
            slots,
            path: path.to_string(),
        })
    }

    /// A mapping whose keys are names (currencies, channels, funding
    /// sources), each value read by `value`.
    fn keyed<T>(
        &mut self,
        slot: Slot<'d>,
        path: &str,
        mut value: impl FnMut(&mut Self, &str, Slot<'d>, &str) -> Option<T>,
    ) -> Option<BTreeMap<String, T>> {
        if !matches!(slot.node.node.kind, NodeKind::Map(_)) {
            let found = describe(&slot.node.node.kind);
            let problem = self.value_problem(
                slot,
                format!("{} must be a mapping, not {found}", place(path)),
            );
            self.push(problem);
            return None;
        }
        let mut out = BTreeMap::new();
        for entry in self.doc.entries(slot.node.id) {
            let Some(entry_slot) = self.slot(entry) else {
                continue;
            };
            let Some(key) = self.doc.key_text(entry.key) else {
                self.push(PolicyProblem::at(
                    entry_slot.key_span(),
                    "a key must be a string".into(),
                ));
                continue;
            };
            if let Some(read) = value(self, key, entry_slot, &join(path, key)) {
                out.insert(key.to_string(), read);
            }
        }
        Some(out)
    }

    /// The entries of a list value; a problem when it is not a list.
    fn list_items(&mut self, slot: Slot<'d>, path: &str) -> Option<Vec<Slot<'d>>> {
        if matches!(slot.node.node.kind, NodeKind::Seq(_)) {
            return Some(self.item_slots(slot));
        }
        let found = describe(&slot.node.node.kind);
        let problem = self
            .value_problem(slot, format!("{} must be a list, not {found}", place(path)))
            .with_help("write `[]` for none");
        self.push(problem);
        None
    }
}

fn check_currency(text: &str) -> Result<(), (String, Option<String>)> {
    match minor_unit(text) {
        Some(_) => Ok(()),
        None => Err((
            format!("`{text}` is not a currency code"),
            Some("write an ISO 4217 code: three capital letters such as `CNY`".into()),
        )),
    }
}
