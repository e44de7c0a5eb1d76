//! Which rule ids a policy may name, and each rule's default severity.
//!
//! The registry (`crate::rules`) is the authority; while it does not hold
//! every rule of RULES.md yet, this catalog of the 44 ids (with the default
//! severity RULES.md gives each) stands in for the missing ones, so a policy
//! that configures a rule not implemented yet is still accepted. This is the
//! only place outside the registry that knows rule ids.

use crate::finding::Severity;
use crate::rules;

use Severity::{Error as E, Warning as W};

/// Every rule id of RULES.md, in its order, with its default severity.
const CATALOG: &[(&str, Severity)] = &[
    // Syntax and schema
    ("yaml-syntax", E),
    ("duplicate-key", E),
    ("unknown-field", E),
    ("missing-field", E),
    ("invalid-value", E),
    ("ambiguous-scalar", W),
    ("invalid-decimal", E),
    // Benefit and funding
    ("rate-notation", E),
    ("rate-ceiling", E),
    ("uncapped-percent", E),
    ("no-threshold-coupon", W),
    ("amount-exceeds-spend", E),
    ("funding-program", E),
    ("unknown-currency", E),
    // Channels and audience
    ("forbidden-channel", E),
    ("unknown-channel", E),
    ("wildcard-channel", E),
    ("broad-audience", W),
    // Display text
    ("restricted-label", E),
    ("forbidden-wording", E),
    ("invisible-characters", E),
    ("label-rate-mismatch", E),
    // Budget and schedule
    ("missing-budget", E),
    ("missing-user-cap", E),
    ("budget-ceiling", E),
    ("budget-inconsistent", E),
    ("budget-exhaustion", W),
    ("schedule-order", E),
    ("schedule-timezone", E),
    ("schedule-duration", W),
    ("schedule-expired", W),
    // Production safety
    ("missing-owner", E),
    ("missing-approval", E),
    ("missing-kill-switch", E),
    // Across files
    ("duplicate-id", E),
    ("unknown-template", E),
    ("stacking-ceiling", E),
    // Exposure and programs (rule pack 2)
    ("stacked-payable", E),
    ("cap-ceiling", E),
    ("government-program", E),
    ("full-rollout", W),
    ("unknown-segment", W),
    // Suppressions
    ("suppression-reason", E),
    ("unused-suppression", W),
];

/// Every rule id a policy may name: the catalog's, then any the registry
/// adds beyond it.
pub fn known_rule_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = CATALOG.iter().map(|(id, _)| *id).collect();
    for meta in rules::all() {
        if !ids.contains(&meta.id) {
            ids.push(meta.id);
        }
    }
    ids
}

pub fn is_known_rule(id: &str) -> bool {
    rules::get(id).is_some() || CATALOG.iter().any(|(known, _)| *known == id)
}

/// A rule's own severity: the registry's, else the catalog's.
pub fn default_severity(id: &str) -> Option<Severity> {
    match rules::get(id) {
        Some(meta) => Some(meta.default_severity),
        None => CATALOG
            .iter()
            .find(|(known, _)| *known == id)
            .map(|(_, severity)| *severity),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_the_44_ids_of_rules_md() {
        assert_eq!(CATALOG.len(), 44);
        assert_eq!(known_rule_ids().len(), 44);
    }

    #[test]
    fn registry_agrees_with_the_catalog() {
        for meta in rules::all() {
            let entry = CATALOG.iter().find(|(id, _)| *id == meta.id);
            assert_eq!(
                entry.map(|(_, s)| *s),
                Some(meta.default_severity),
                "{}",
                meta.id
            );
        }
    }
}
