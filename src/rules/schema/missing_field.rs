//! `missing-field`: a required field is absent.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
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
};
