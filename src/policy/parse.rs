//! Reading a policy file from our span-aware YAML tree (`crate::load`), in
//! the style of `model::extract`: every key and value is checked, every
//! problem is collected with its span, and what could be read becomes a
//! [`PolicyFile`] that is merged into the default.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::error::{PolicyError, PolicyProblem};
use super::file::{
    BudgetFile, ChannelsFile, FilesFile, LabelsFile, LimitsFile, PolicyFile, RateCeilingFile,
    ScheduleFile,
};
use super::rule_ids::{is_known_rule, known_rule_ids};
use super::severity::build_glob;
use super::{
    FUNDING_SOURCES, ForbiddenTerms, Override, Policy, Requires, RestrictedTerms, RuleLevel,
};
use crate::finding::Finding;
use crate::load::{self, Document, NodeKind, Resolved, ResolvedEntry, Scalar, Style};
use crate::model::value::{PercentError, decimal_places, minor_unit, parse_plain_decimal};
use crate::model::{Percent, did_you_mean, is_id};
use crate::source::Loc;

mod programs;

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
    "labels",
];
const FILES_KEYS: &[&str] = &["include", "max_bytes", "exclude"];
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
    let file = std::fs::File::open(path).map_err(unreadable)?;
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

    /// The text of a single value (any scalar but null).
    fn text(&mut self, slot: Slot<'d>, path: &str) -> Option<&'d str> {
        match slot.scalar() {
            Some(s) => Some(&s.value),
            None => {
                let found = describe(&slot.node.node.kind);
                let problem = self.value_problem(
                    slot,
                    format!("{} must be a single value, not {found}", place(path)),
                );
                self.push(problem);
                None
            }
        }
    }

    fn exact(&mut self, slot: Slot<'d>, path: &str, expected: &str) -> Option<String> {
        let text = self.text(slot, path)?;
        if text == expected {
            return Some(text.to_string());
        }
        let problem = self
            .value_problem(
                slot,
                format!("{} must be `{expected}`, not `{text}`", place(path)),
            )
            .with_help(format!("write `{path}: {expected}`, or leave it out"));
        self.push(problem);
        None
    }

    fn files(&mut self, slot: Slot<'d>, path: &str) -> Option<FilesFile> {
        let mut fields = self.mapping(slot, path, FILES_KEYS)?;
        Some(FilesFile {
            include: fields
                .take("include")
                .and_then(|(slot, path)| self.globs(slot, &path, false)),
            max_bytes: fields
                .take("max_bytes")
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

    /// A positive whole number written as a plain YAML integer.
    fn positive_integer<T: TryFrom<u64>>(&mut self, slot: Slot<'d>, path: &str) -> Option<T> {
        let scalar = slot.scalar();
        let text = self.text(slot, path)?;
        let is_number = scalar.is_some_and(|s| {
            s.style == Style::Plain && s.tag.as_deref().is_none_or(|t| t == "int")
        });
        // No leading zero: YAML 1.1 tools read `010` as octal.
        let digits = !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && !(text.len() > 1 && text.starts_with('0'));
        let value = digits
            .then(|| text.parse::<u64>().ok())
            .flatten()
            .filter(|n| *n > 0)
            .and_then(|n| T::try_from(n).ok());
        match value {
            Some(value) if is_number => Some(value),
            Some(_) => {
                let problem = self
                    .value_problem(
                        slot,
                        format!("{} must be a number, not a string", place(path)),
                    )
                    .with_help(format!("remove the quotes: `{text}`"));
                self.push(problem);
                None
            }
            None => {
                let problem = self.value_problem(
                    slot,
                    format!(
                        "{} must be a positive whole number, not `{text}`",
                        place(path)
                    ),
                );
                self.push(problem);
                None
            }
        }
    }

    /// `true` or `false`, plain (YAML 1.2 core schema).
    fn boolean(&mut self, slot: Slot<'d>, path: &str) -> Option<bool> {
        let scalar = slot.scalar();
        let text = self.text(slot, path)?;
        let plain = scalar.is_some_and(|s| {
            s.style == Style::Plain && s.tag.as_deref().is_none_or(|t| t == "bool")
        });
        let value = match text {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        };
        match value {
            Some(value) if plain => Some(value),
            _ => {
                let problem = self
                    .value_problem(
                        slot,
                        format!("{} must be true or false, not `{text}`", place(path)),
                    )
                    .with_help("write `true` or `false` without quotes");
                self.push(problem);
                None
            }
        }
    }

    fn percent(&mut self, slot: Slot<'d>, path: &str) -> Option<Percent> {
        let text = self.text(slot, path)?;
        match Percent::parse(text) {
            Ok(percent) => Some(percent),
            Err(PercentError::Notation) => {
                // A fraction such as 0.3 is the commonest mistake: say what it means.
                let help = match parse_plain_decimal(text) {
                    Some(fraction) if fraction > Decimal::ZERO && fraction < Decimal::ONE => {
                        let percent = (fraction * Decimal::ONE_HUNDRED).normalize();
                        format!("write a percent string: \"{percent}%\"")
                    }
                    _ => "write a percent string such as \"30%\"".to_string(),
                };
                let problem = self
                    .value_problem(
                        slot,
                        format!(
                            "{} must be a percent such as \"30%\", not `{text}`",
                            place(path)
                        ),
                    )
                    .with_help(help);
                self.push(problem);
                None
            }
            Err(PercentError::Range) => {
                let problem = self.value_problem(
                    slot,
                    format!(
                        "{} must be more than 0% and less than 100%, not `{text}`",
                        place(path)
                    ),
                );
                self.push(problem);
                None
            }
        }
    }

    /// An exact non-negative amount in `currency`, with at most its minor
    /// unit's decimal places.
    fn money(&mut self, slot: Slot<'d>, path: &str, currency: &str) -> Option<Decimal> {
        let text = self.text(slot, path)?;
        let Some(amount) = parse_plain_decimal(text) else {
            let problem = self
                .value_problem(
                    slot,
                    format!("{} must be an exact amount, not `{text}`", place(path)),
                )
                .with_help("write digits with an optional fraction, e.g. \"1500000.00\"");
            self.push(problem);
            return None;
        };
        if let Some(places) = minor_unit(currency)
            && decimal_places(text) > places
        {
            let problem = self.value_problem(
                slot,
                format!(
                    "{} has more decimal places than {currency} has ({places})",
                    place(path)
                ),
            );
            self.push(problem);
            return None;
        }
        Some(amount)
    }

    /// A list of strings, each checked; `None` when the value is not a
    /// list. Bad entries are problems and left out.
    fn string_list(
        &mut self,
        slot: Slot<'d>,
        path: &str,
        check: EntryCheck<'_>,
        non_empty: bool,
    ) -> Option<Vec<(String, Range<usize>)>> {
        let NodeKind::Seq(items) = &slot.node.node.kind else {
            let found = describe(&slot.node.node.kind);
            let problem = self
                .value_problem(slot, format!("{} must be a list, not {found}", place(path)))
                .with_help("write a list such as `[a, b]`, or `[]` for none");
            self.push(problem);
            return None;
        };
        if non_empty && items.is_empty() {
            let problem = self.value_problem(slot, format!("{} must not be empty", place(path)));
            self.push(problem);
            return None;
        }
        let mut out = Vec::new();
        for (index, item) in self.item_slots(slot).into_iter().enumerate() {
            let item_path = format!("{path}[{index}]");
            let Some(text) = self.text(item, &item_path) else {
                continue;
            };
            match check(text) {
                Ok(()) => out.push((text.to_string(), item.value_span())),
                Err((message, help)) => {
                    let problem = self.value_problem(item, message).with_help_opt(help);
                    self.push(problem);
                }
            }
        }
        Some(out)
    }

    /// A mapping of rule id to level (`rules`, `overrides[].rules`).
    fn rule_levels(&mut self, slot: Slot<'d>, path: &str) -> Option<BTreeMap<String, RuleLevel>> {
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

    fn overrides(&mut self, slot: Slot<'d>, path: &str) -> Option<Vec<Override>> {
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
    fn require(&mut self, item: Slot<'d>, path: &str, keys: &[(&str, bool)]) -> bool {
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

    fn channels(&mut self, slot: Slot<'d>, path: &str) -> Option<ChannelsFile> {
        let mut fields = self.mapping(slot, path, CHANNELS_KEYS)?;
        let mut list = |reader: &mut Self, key: &str, kind: ReferenceKind| {
            let (slot, path) = fields.take(key)?;
            let list = reader.string_list(slot, &path, &check_channel, false)?;
            let mut names = Vec::with_capacity(list.len());
            for (name, span) in list {
                reader.references.push(Reference {
                    kind,
                    name: name.clone(),
                    span,
                });
                names.push(name);
            }
            Some(names)
        };
        let allowed = list(self, "allowed", ReferenceKind::AllowedChannel);
        let forbidden = list(self, "forbidden", ReferenceKind::ForbiddenChannel);
        Some(ChannelsFile { allowed, forbidden })
    }

    fn limits(&mut self, slot: Slot<'d>, path: &str) -> Option<LimitsFile> {
        let mut fields = self.mapping(slot, path, LIMITS_KEYS)?;
        Some(LimitsFile {
            rate_ceiling: fields
                .take("rate_ceiling")
                .and_then(|(slot, path)| self.rate_ceiling(slot, &path)),
            broad_audience_rate: fields
                .take("broad_audience_rate")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            broad_audience_amount_share: fields
                .take("broad_audience_amount_share")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            stacked_rate_ceiling: fields
                .take("stacked_rate_ceiling")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            budget: fields
                .take("budget")
                .and_then(|(slot, path)| self.budget(slot, &path)),
            schedule: fields.take("schedule").and_then(|(slot, path)| {
                let mut fields = self.mapping(slot, &path, SCHEDULE_KEYS)?;
                Some(ScheduleFile {
                    max_duration_days: fields
                        .take("max_duration_days")
                        .and_then(|(slot, path)| self.positive_integer(slot, &path)),
                })
            }),
            max_discount: fields
                .take("max_discount")
                .and_then(|(slot, path)| self.max_discounts(slot, &path)),
            rollout: fields
                .take("rollout")
                .and_then(|(slot, path)| self.rollout(slot, &path)),
        })
    }

    fn rate_ceiling(&mut self, slot: Slot<'d>, path: &str) -> Option<RateCeilingFile> {
        let mut fields = self.mapping(slot, path, RATE_CEILING_KEYS)?;
        Some(RateCeilingFile {
            default: fields
                .take("default")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            funding: fields.take("funding").and_then(|(slot, path)| {
                self.keyed(slot, &path, |reader, key, value, path| {
                    if !FUNDING_SOURCES.contains(&key) {
                        let problem = PolicyProblem::at(
                            value.key_span(),
                            format!(
                                "unknown funding source `{key}`: it is one of {}",
                                FUNDING_SOURCES.join(", ")
                            ),
                        )
                        .with_label("not a funding source")
                        .with_help_opt(suggestion(key, &FUNDING_SOURCES));
                        reader.push(problem);
                        return None;
                    }
                    reader.percent(value, path)
                })
            }),
            channels: fields.take("channels").and_then(|(slot, path)| {
                self.keyed(slot, &path, |reader, key, value, path| {
                    if let Err((message, help)) = check_channel(key) {
                        let problem =
                            PolicyProblem::at(value.key_span(), message).with_help_opt(help);
                        reader.push(problem);
                        return None;
                    }
                    reader.references.push(Reference {
                        kind: ReferenceKind::CeilingChannel,
                        name: key.to_string(),
                        span: value.key_span(),
                    });
                    reader.percent(value, path)
                })
            }),
        })
    }

    fn budget(&mut self, slot: Slot<'d>, path: &str) -> Option<BudgetFile> {
        let mut fields = self.mapping(slot, path, BUDGET_KEYS)?;
        Some(BudgetFile {
            require_total: fields
                .take("require_total")
                .and_then(|(slot, path)| self.boolean(slot, &path)),
            require_per_user: fields
                .take("require_per_user")
                .and_then(|(slot, path)| self.boolean(slot, &path)),
            max_total: fields.take("max_total").and_then(|(slot, path)| {
                self.keyed(slot, &path, |reader, currency, value, path| {
                    if let Err((message, help)) = check_currency(currency) {
                        let problem =
                            PolicyProblem::at(value.key_span(), message).with_help_opt(help);
                        reader.push(problem);
                        return None;
                    }
                    reader.references.push(Reference {
                        kind: ReferenceKind::MaxTotalCurrency,
                        name: currency.to_string(),
                        span: value.key_span(),
                    });
                    reader.money(value, path, currency)
                })
            }),
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

    fn labels(&mut self, slot: Slot<'d>, path: &str) -> Option<LabelsFile> {
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

fn check_glob(text: &str) -> Result<(), (String, Option<String>)> {
    build_glob(text)
        .map(|_| ())
        .map_err(|e| (format!("`{text}` is not a valid glob: {}", e.kind()), None))
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

fn check_channel(text: &str) -> Result<(), (String, Option<String>)> {
    if text.is_empty() || text.chars().any(char::is_whitespace) {
        return Err((
            format!("`{text}` is not a channel id"),
            Some("a channel id is one word such as `online-checkout`".into()),
        ));
    }
    Ok(())
}

fn check_term(text: &str) -> Result<(), (String, Option<String>)> {
    if text.trim().is_empty() {
        return Err(("a term must not be empty".into(), None));
    }
    Ok(())
}
