//! `missing-kill-switch`: a production campaign that cannot be switched off.

use super::production;
use crate::finding::{Finding, Severity};
use crate::model::Field;
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "missing-kill-switch",
    default_severity: Severity::Error,
    summary: "a production campaign whose `controls.kill_switch` is absent or false",
    what: "Reports a campaign with `environment: production` whose effective \
           `controls.kill_switch` (after template resolution) is absent or `false`. An absent \
           switch is reported at the `environment` value; `false` is reported at the value \
           itself, with a label on `environment`. A value that is present but unreadable is \
           `invalid-value`, and after `unknown-template` the template could have supplied the \
           switch, so neither is reported here.",
    why: "On 16 January 2025 a discount of 20% on nearly every payment ran for five minutes \
          before it was stopped. A kill switch lets the on-call engineer stop a campaign in \
          seconds, without a deploy; without one, every minute of a bad configuration is paid \
          for.",
    bad: "environment: production\ncontrols:\n  kill_switch: false\n",
    good: "environment: production\ncontrols:\n  kill_switch: true\n",
    config: "",
};

/// Reports a production campaign without a kill switch.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Some(env) = production(cx) else {
        return;
    };
    let help = "set `controls.kill_switch: true`, so that the campaign can be stopped \
                without a deploy";
    let switch = match &cx.campaign().offer.controls {
        Field::Invalid(_) => return,
        Field::Absent => &Field::Absent,
        Field::Valid(controls) => &controls.value.kill_switch,
    };
    match switch {
        Field::Invalid(_) | Field::Valid(crate::model::Sp { value: true, .. }) => {}
        Field::Absent => {
            if cx.effective.template_unknown {
                return;
            }
            out.push(
                cx.finding(
                    &META,
                    &env.at,
                    "/controls/kill_switch",
                    "production campaign has no `controls.kill_switch`: it cannot be stopped \
                     without a deploy",
                )
                .with_help(help),
            );
        }
        Field::Valid(off) => out.push(
            cx.finding(
                &META,
                &off.at,
                "/controls/kill_switch",
                "`controls.kill_switch` is false in a production campaign: it cannot be \
                 stopped without a deploy",
            )
            .with_label(env.at.loc, "the campaign runs in production")
            .with_help(help),
        ),
    }
}
