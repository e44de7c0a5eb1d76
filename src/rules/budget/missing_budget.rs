//! `missing-budget`: no `budget.total` while the policy requires one.

use super::{Required, check_required};
use crate::finding::{Finding, Severity};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "missing-budget",
    default_severity: Severity::Error,
    summary: "no `budget.total` (when the policy requires it)",
    what: "Reports a campaign whose effective `budget` (after template resolution) has no \
           `total`, when the policy's `limits.budget.require_total` is true (the built-in \
           default). The finding points at the `budget` key when the campaign writes one, and \
           at the document's `kind` key when it has no `budget` at all (or only inherits one \
           from its template). A `total` that is present but unreadable is reported by \
           `invalid-value` or `invalid-decimal`, not as missing; after `unknown-template` the \
           template could have supplied it, so nothing is reported.",
    why: "A total budget is the hard stop of a campaign: the payment platform stops \
          discounting when it is spent. On 16 January 2025 a misconfigured 20% discount ran \
          on nearly every payment for five minutes before anyone stopped it by hand; a total \
          budget bounds what such a mistake can cost whatever else is wrong.",
    bad: "currency: CNY\nbudget:\n  per_user: \"50.00\"\n",
    good: "currency: CNY\nbudget:\n  total: \"500000.00\"\n  per_user: \"50.00\"\n",
    config: "`limits.budget.require_total: false` in .promolint.yaml turns the requirement off \
             (for a project whose budgets live elsewhere).",
};

/// Reports a missing `budget.total` when the policy requires it.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    if !cx.policy.limits.budget.require_total {
        return;
    }
    check_required(
        cx,
        &Required {
            meta: &META,
            name: "total",
            field: |b| &b.total,
            policy_key: "limits.budget.require_total",
            bounds: "what the campaign pays out in all",
        },
        out,
    );
}
