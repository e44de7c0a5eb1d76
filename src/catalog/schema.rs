//! Syntax and schema: reported while the YAML is read (`load`) and the typed
//! model is extracted (`model`), before any policy-driven rule runs.

use super::{FixApplicability, RuleMeta, Severity};

pub static YAML_SYNTAX: RuleMeta = RuleMeta {
    id: "yaml-syntax",
    default_severity: Severity::Error,
    summary: "the text is not well-formed YAML (or not UTF-8)",
    what: "Reports a file, or a document of a multi-document stream, that a YAML 1.2 parser \
           rejects: bad indentation, an unclosed quote or bracket, a tab used for indentation, \
           an alias with no anchor. Also a file that is not UTF-8 text (UTF-16, binary), is \
           larger than the policy's `files.max_bytes`, or is too large or deeply nested to read \
           safely (more than 1,000,000 nodes or 10,000 documents), or a symbolic link to a file \
           outside the project root (not read). The documents before the fault are still \
           checked. When a file has more findings than `files.max_findings`, the rest are \
           summed up in one `yaml-syntax` finding where they begin (an error when one of them \
           is).",
    why: "A file that does not parse is not published as written: some tools drop it, others \
          read only part of it. Reviewers must see the syntax fault before anything else.",
    bad: "benefit:\n  type: percent_off\n   rate: \"10%\"   # indented one space too far\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n",
    config: "Cannot be suppressed by a comment in the broken document (its comments are not \
             read reliably); exclude the file with `files.exclude` in the policy instead.",
    fix: None,
};

pub static DUPLICATE_KEY: RuleMeta = RuleMeta {
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
    fix: None,
};

pub static UNKNOWN_FIELD: RuleMeta = RuleMeta {
    id: "unknown-field",
    default_severity: Severity::Error,
    summary: "a key the format does not have; \"did you mean\" when one is close",
    what: "Reports a key that the `promo/v1` format does not define at that place, with a \
           \"did you mean\" hint when a known key is a small edit away (`max_discout` -> \
           `max_discount`).",
    why: "A misspelt key is silently ignored by the system that publishes the campaign: a \
          misspelt `max_discount` means the discount has no cap at all.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discout: \"20.00\"\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n",
    config: "",
    fix: Some(FixApplicability::Unsafe),
};

pub static MISSING_FIELD: RuleMeta = RuleMeta {
    id: "missing-field",
    default_severity: Severity::Error,
    summary: "a required field is absent",
    what: "Reports a required field that neither the campaign nor its template sets. Only the \
           outermost absent field is reported (no `schedule` means one finding, not one for \
           `start` and one for `end`). Fields that have a rule of their own (`owner`, \
           `approval`, `program_id`, `max_discount`, `budget.total`, `budget.per_user`, \
           `kill_switch`) are left to that rule. The finding points at the key of the mapping \
           that should hold the field, in the campaign's own file (the `kind` key for a \
           top-level field).",
    why: "A campaign without a schedule, a currency or a label is published with whatever \
          default the platform has, which nobody reviewed.",
    bad: "apiVersion: promo/v1\nkind: Campaign\nid: spring-cashback\nname: Spring cashback\n\
          environment: staging\n# no currency, schedule, audience, channels...\n",
    good: "apiVersion: promo/v1\nkind: Campaign\nid: spring-cashback\nname: Spring cashback\n\
           environment: staging\ncurrency: CNY\nschedule:\n  start: 2027-01-20T00:00:00+08:00\n  \
           end: 2027-02-05T23:59:59+08:00\n# ... and the other required fields\n",
    config: "",
    fix: None,
};

pub static INVALID_VALUE: RuleMeta = RuleMeta {
    id: "invalid-value",
    default_severity: Severity::Error,
    summary: "wrong type, enum value, pattern (id, approval), range (rollout_percent), apiVersion/kind",
    what: "Reports a value that does not have the type the format gives the field: a list where \
           a mapping belongs, an enum value not in the list (`environment: prod`), an id or \
           approval ticket that does not match its pattern, `rollout_percent` outside 1..100, a \
           timestamp that is not RFC 3339, an `apiVersion` other than `promo/v1` or a `kind` \
           other than `Campaign` or `Template`. A bad value is present but unknown: no other \
           rule compares it.",
    why: "The systems that publish campaigns coerce or drop values they do not understand; the \
          result is a campaign nobody wrote.",
    bad: "environment: prod\ncontrols:\n  rollout_percent: 150\n",
    good: "environment: production\ncontrols:\n  rollout_percent: 100\n",
    config: "",
    fix: Some(FixApplicability::Unsafe),
};

pub static AMBIGUOUS_SCALAR: RuleMeta = RuleMeta {
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
    fix: Some(FixApplicability::Safe),
};

pub static INVALID_DECIMAL: RuleMeta = RuleMeta {
    id: "invalid-decimal",
    default_severity: Severity::Error,
    summary: "money not an exact non-negative decimal with at most the currency's minor-unit places",
    what: "Reports a money value that is not written as an exact non-negative decimal: a sign, \
           an exponent (`1e3`), `.nan`, `.inf`, underscores, or more decimal places than the \
           currency's ISO 4217 minor unit (two for CNY and USD, none for JPY). The value is \
           then unknown: no other rule compares it or reports it missing.",
    why: "Amounts that a float or a rounding step changes on their way to the payment system \
          are not the amounts that were reviewed: `10.005` becomes 10.00 or 10.01 depending on \
          the tool.",
    bad: "currency: CNY\nbenefit:\n  max_discount: \"10.005\"\n",
    good: "currency: CNY\nbenefit:\n  max_discount: \"10.00\"\n",
    config: "",
    fix: None,
};
