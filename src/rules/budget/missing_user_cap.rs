//! `missing-user-cap`: no `budget.per_user` while the policy requires one.

use super::{Required, check_required};
use crate::finding::{Finding, Severity};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "missing-user-cap",
    default_severity: Severity::Error,
    summary: "no `budget.per_user` (when the policy requires it)",
    what: "Reports a campaign whose effective `budget` (after template resolution) has no \
           `per_user` cap, when the policy's `limits.budget.require_per_user` is true (the \
           built-in default). The finding points at the `budget` key when the campaign writes \
           one, and at the document's `kind` key when it has no `budget` at all (or only \
           inherits one from its template). A `per_user` that is present but unreadable is \
           reported by `invalid-value` or `invalid-decimal`, not as missing; after \
           `unknown-template` the template could have supplied it, so nothing is reported.",
    why: "Without a per-user cap one account, or a script behind many payments, can take the \
          whole budget. In the 16 January 2025 incident a 20% discount applied to transfers \
          and credit-card repayments, which a single user can repeat as often as they like: \
          a per-user cap bounds what each of them can take before the campaign is stopped.",
    bad: "currency: CNY\nbudget:\n  total: \"500000.00\"\n",
    good: "currency: CNY\nbudget:\n  total: \"500000.00\"\n  per_user: \"50.00\"\n",
    config: "`limits.budget.require_per_user: false` in .promolint.yaml turns the requirement \
             off.",
};

/// Reports a missing `budget.per_user` when the policy requires it.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    if !cx.policy.limits.budget.require_per_user {
        return;
    }
    check_required(
        cx,
        &Required {
            meta: &META,
            name: "per_user",
            field: |b| &b.per_user,
            policy_key: "limits.budget.require_per_user",
            bounds: "what one user can receive",
        },
        out,
    );
}
