//! `missing-kill-switch`: a production campaign that cannot be switched off.

use super::production;
use crate::catalog::MISSING_KILL_SWITCH as META;
use crate::finding::Finding;
use crate::model::Field;
use crate::rules::CampaignCx;

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
