//! `missing-owner`: a production campaign with no `owner`.

use super::production;
use crate::catalog::MISSING_OWNER as META;
use crate::finding::Finding;
use crate::rules::CampaignCx;

/// Reports a production campaign without `owner`.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Some(env) = production(cx) else {
        return;
    };
    if cx.campaign().owner.is_present() {
        return;
    }
    out.push(
        cx.finding(
            &META,
            &env.at,
            "/owner",
            "production campaign has no `owner`: nobody to call when it misbehaves",
        )
        .with_help(
            "add `owner:` with the team or on-call address responsible for the campaign \
             (e.g. `owner: growth-payments@example.com`)",
        ),
    );
}
