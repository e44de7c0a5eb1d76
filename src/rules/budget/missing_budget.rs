//! `missing-budget`: no `budget.total` while the policy requires one.

use super::{Required, check_required};
use crate::catalog::MISSING_BUDGET as META;
use crate::finding::Finding;
use crate::rules::CampaignCx;

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
