//! How many findings reading one file may make (`files.max_findings`):
//! past the budget a finding is counted, not made, so that a file of a
//! hundred thousand unknown keys costs what its first thousand do.

use crate::finding::{Finding, Severity};
use crate::source::Loc;

/// A file's finding budget, with the run's level for each rule in it.
pub struct FindingBudget<'a> {
    remaining: usize,
    /// The severity findings of a rule get in this file; `None` when the
    /// rule is off there (its findings take no room).
    severity_of: &'a dyn Fn(&str) -> Option<Severity>,
    /// Findings past the budget: how many, the earliest, and whether one of
    /// them was an error.
    pub over: usize,
    pub first_over: Option<Loc>,
    pub over_error: bool,
}

impl<'a> FindingBudget<'a> {
    pub fn new(max: usize, severity_of: &'a dyn Fn(&str) -> Option<Severity>) -> Self {
        FindingBudget {
            remaining: max,
            severity_of,
            over: 0,
            first_over: None,
            over_error: false,
        }
    }

    /// Whether a finding of `rule` would be counted rather than kept (so
    /// that the cost of making it, a "did you mean" search, is saved).
    pub fn is_spent(&self, rule: &str) -> bool {
        self.remaining == 0 && (self.severity_of)(rule).is_some()
    }

    /// Counts a finding of `rule` at `loc` that is not made.
    pub fn count(&mut self, rule: &str, loc: Loc) {
        if let Some(severity) = (self.severity_of)(rule) {
            self.over += 1;
            self.over_error |= severity == Severity::Error;
            if self.first_over.is_none_or(|first| loc.start < first.start) {
                self.first_over = Some(loc);
            }
        }
    }

    /// Keeps `finding` in `out` if there is room, else counts it.
    pub fn keep(&mut self, finding: Finding, out: &mut Vec<Finding>) {
        if (self.severity_of)(finding.rule).is_none() {
            return;
        }
        if finding.rule == crate::catalog::YAML_SYNTAX.id {
            out.push(finding);
            return;
        }
        if self.remaining == 0 {
            self.count(finding.rule, finding.loc);
            return;
        }
        self.remaining -= 1;
        out.push(finding);
    }
}
