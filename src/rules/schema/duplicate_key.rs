//! `duplicate-key`: a mapping repeats a key.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "duplicate-key",
    default_severity: Severity::Error,
    summary: "a mapping repeats a key",
    what: "Reports a key written twice in one mapping. The finding points at the repeated key \
           and labels the first. The other rules see the last value, as most YAML tools apply it.",
    why: "Most YAML tools keep the last value silently, so a reviewer who reads the first one \
          approves a different campaign from the one that ships.",
    bad: "benefit:\n  rate: \"10%\"\n  max_discount: \"20.00\"\n  rate: \"20%\"\n",
    good: "benefit:\n  rate: \"10%\"\n  max_discount: \"20.00\"\n",
    config: "",
};
