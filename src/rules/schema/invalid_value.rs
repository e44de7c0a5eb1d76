//! `invalid-value`: a value of the wrong type, enum value, pattern or range.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
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
};
