//! Which rule ids a policy may name, and each rule's default severity: the
//! catalog's (`crate::catalog`), which lists every rule of RULES.md.

use crate::catalog;
use crate::finding::Severity;

/// Every rule id a policy may name, in the order of RULES.md.
pub fn known_rule_ids() -> Vec<&'static str> {
    catalog::all().map(|meta| meta.id).collect()
}

pub fn is_known_rule(id: &str) -> bool {
    catalog::get(id).is_some()
}

/// A rule's own severity.
pub fn default_severity(id: &str) -> Option<Severity> {
    catalog::get(id).map(|meta| meta.default_severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_the_ids_of_rules_md_and_review_md() {
        assert_eq!(known_rule_ids().len(), 54);
        assert_eq!(
            default_severity("ambiguous-scalar"),
            Some(Severity::Warning)
        );
        assert_eq!(default_severity("rate-ceiling"), Some(Severity::Error));
        assert!(!is_known_rule("rate-cieling"));
    }
}
