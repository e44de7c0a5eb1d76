//! `missing-user-cap`: no `budget.per_user` while the policy requires one.

use super::{Required, check_required};
use crate::catalog::MISSING_USER_CAP as META;
use crate::finding::Finding;
use crate::rules::CampaignCx;

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
