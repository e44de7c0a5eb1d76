//! Stage 0, below every other: what each rule is. Its id, default severity,
//! summary, documentation and fix applicability, as data that the loader,
//! the model, the policy, the rules and the reports may all read. How a
//! rule runs is not here: the registry of checks is [`crate::rules`].
//!
//! To declare a rule, add its [`RuleMeta`] to the file of its family and
//! to [`ALL`] in the order of RULES.md; then register its check in
//! `rules/mod.rs` (a test keeps the two lists in the same order).

mod benefit;
mod budget;
mod change;
mod channels;
mod display;
pub mod docs;
mod exposure;
mod production;
mod project;
mod schedule;
mod schema;
mod suppression;

pub use benefit::*;
pub use budget::*;
pub use change::*;
pub use channels::*;
pub use display::*;
pub use exposure::*;
pub use production::*;
pub use project::*;
pub use schedule::*;
pub use schema::*;
pub use suppression::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Whether a rule's automatic fix may be applied without review, in the
/// sense ruff gives the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixApplicability {
    /// Keeps the campaign's meaning: applied by `--fix`.
    Safe,
    /// May change what the campaign gives or to whom: applied only when the
    /// user asks for unsafe fixes.
    Unsafe,
}

impl FixApplicability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixApplicability::Safe => "safe",
            FixApplicability::Unsafe => "unsafe",
        }
    }
}

/// A rule's identity and documentation: the data behind `promolint rules`,
/// `promolint explain` and `docs/rules.md`.
#[derive(Debug)]
pub struct RuleMeta {
    /// The stable id users write in policies and suppressions.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line, as `promolint rules` prints it.
    pub summary: &'static str,
    /// What the rule checks, in a paragraph.
    pub what: &'static str,
    /// Why it matters: the incident or regulation behind it.
    pub why: &'static str,
    /// A YAML excerpt that triggers the rule.
    pub bad: &'static str,
    /// The same excerpt, fixed.
    pub good: &'static str,
    /// How to configure or suppress it, beyond the common ways.
    pub config: &'static str,
    /// Whether the rule offers an automatic fix, and how safe it is.
    pub fix: Option<FixApplicability>,
}

/// Every rule, in the order of RULES.md.
pub static ALL: &[&RuleMeta] = &[
    &YAML_SYNTAX,
    &DUPLICATE_KEY,
    &UNKNOWN_FIELD,
    &MISSING_FIELD,
    &INVALID_VALUE,
    &AMBIGUOUS_SCALAR,
    &INVALID_DECIMAL,
    &RATE_NOTATION,
    &RATE_CEILING,
    &UNCAPPED_PERCENT,
    &NO_THRESHOLD_COUPON,
    &AMOUNT_EXCEEDS_SPEND,
    &FUNDING_PROGRAM,
    &UNKNOWN_CURRENCY,
    &FORBIDDEN_CHANNEL,
    &UNKNOWN_CHANNEL,
    &WILDCARD_CHANNEL,
    &BROAD_AUDIENCE,
    &RESTRICTED_LABEL,
    &FORBIDDEN_WORDING,
    &INVISIBLE_CHARACTERS,
    &LABEL_RATE_MISMATCH,
    &MISSING_BUDGET,
    &MISSING_USER_CAP,
    &BUDGET_CEILING,
    &BUDGET_INCONSISTENT,
    &BUDGET_EXHAUSTION,
    &SCHEDULE_ORDER,
    &SCHEDULE_TIMEZONE,
    &SCHEDULE_DURATION,
    &SCHEDULE_EXPIRED,
    &MISSING_OWNER,
    &MISSING_APPROVAL,
    &MISSING_KILL_SWITCH,
    &DUPLICATE_ID,
    &UNKNOWN_TEMPLATE,
    &STACKING_CEILING,
    &STACKED_PAYABLE,
    &CAP_CEILING,
    &GOVERNMENT_PROGRAM,
    &FULL_ROLLOUT,
    &UNKNOWN_SEGMENT,
    &SUPPRESSION_REASON,
    &UNUSED_SUPPRESSION,
    &TEMPLATE_SWITCH,
    &RATE_JUMP,
    &AMOUNT_JUMP,
    &FUNDING_SWITCH,
    &AUDIENCE_WIDENED,
    &CHANNEL_ADDED,
    &BUDGET_JUMP,
    &STALE_APPROVAL,
    &TEMPLATE_CHANGE,
    &LIVE_CHANGE,
];

/// Every rule's metadata, in the order of RULES.md.
pub fn all() -> impl ExactSizeIterator<Item = &'static RuleMeta> {
    ALL.iter().copied()
}

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static RuleMeta> {
    all().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = all().map(|r| r.id).collect();
        assert!(ids.iter().all(|id| {
            !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        }));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
    }
}
