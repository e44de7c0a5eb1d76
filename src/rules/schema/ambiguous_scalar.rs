//! `ambiguous-scalar`: an unquoted scalar that YAML 1.1 tools read differently.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "ambiguous-scalar",
    default_severity: Severity::Warning,
    summary: "an unquoted scalar that YAML 1.1 tools read differently (yes/no/on/off, 08, 1_000, 1:30)",
    what: "Reports an unquoted scalar of exactly these forms: `yes`, `no`, `on`, `off`, `y`, `n` \
           in any case, numbers with a leading zero (`08`), numbers with underscores (`1_000`), \
           and sexagesimal numbers (`1:30`). Timestamps and `1e6` are not reported. It is \
           reported in addition to any finding about the value itself.",
    why: "promolint reads YAML 1.2, but many tools in a publishing pipeline still read YAML 1.1, \
          where `no` is false, `08` is an error or 8, and `1:30` is 90. The same file then \
          means two different campaigns.",
    bad: "audience:\n  regions: [NO, SE]   # Norway becomes false in YAML 1.1\n",
    good: "audience:\n  regions: [\"NO\", \"SE\"]\n",
    config: "Quote the value. Turn the rule off with `rules: { ambiguous-scalar: off }` if every \
             tool in your pipeline reads YAML 1.2.",
};
