//! `missing-approval`: a production campaign with no `approval` ticket.

use super::production;
use crate::catalog::MISSING_APPROVAL as META;
use crate::finding::Finding;
use crate::rules::CampaignCx;

/// Reports a production campaign without `approval`.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Some(env) = production(cx) else {
        return;
    };
    if cx.campaign().approval.is_present() {
        return;
    }
    out.push(
        cx.finding(
            &META,
            &env.at,
            "/approval",
            "production campaign has no `approval`: no change ticket records its review",
        )
        .with_help(
            "add `approval:` with the change ticket that approved this configuration \
             (e.g. `approval: MKT-2025-0113`)",
        ),
    );
}
