//! `missing-approval`: a production campaign with no `approval` ticket.

use super::production;
use crate::finding::{Finding, Severity};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "missing-approval",
    default_severity: Severity::Error,
    summary: "a production campaign with no `approval`",
    what: "Reports a campaign with `environment: production` and no `approval` change \
           ticket. The finding points at the `environment` value, which is what makes the \
           field required. An `approval` that is present but does not match the ticket \
           pattern is `invalid-value`, not missing. Campaigns in `staging` and `test` need no \
           approval.",
    why: "The 16 January 2025 incident was a routine campaign configured with the wrong \
          template, and nothing checked the configuration before it went live. A change \
          ticket records that someone other than its author reviewed this configuration, \
          and lets an auditor find who approved what.",
    bad: "environment: production\nowner: growth-payments@example.com\n",
    good: "environment: production\nowner: growth-payments@example.com\napproval: MKT-2027-0101\n",
    config: "",
};

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
