//! What every rule declares about itself: the data behind `promolint rules`,
//! `promolint explain` and `docs/rules.md`.

use crate::finding::Severity;

/// A rule's identity and documentation. Each rule file declares one as a
/// `pub static`; the registry in `rules/mod.rs` lists them all.
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
}
