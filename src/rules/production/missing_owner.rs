//! `missing-owner`: a production campaign with no `owner`.

use super::production;
use crate::finding::{Finding, Severity};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "missing-owner",
    default_severity: Severity::Error,
    summary: "a production campaign with no `owner`",
    what: "Reports a campaign with `environment: production` and no `owner`. The finding \
           points at the `environment` value, which is what makes the field required. An \
           `owner` that is present but unreadable is `invalid-value`, not missing. Campaigns in \
           `staging` and `test` need no owner.",
    why: "When a live campaign misbehaves, the first question is who can stop and fix it. On \
          16 January 2025 a misconfigured discount ran for five minutes on nearly every \
          payment; minutes matter, and they are lost looking for the team that owns the \
          configuration.",
    bad: "environment: production\napproval: MKT-2027-0101\n",
    good: "environment: production\nowner: growth-payments@example.com\napproval: MKT-2027-0101\n",
    config: "",
};

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
