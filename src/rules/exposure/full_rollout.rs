//! `full-rollout`: a production launch to everyone that reaches every payer
//! from its first minute.

use crate::catalog::FULL_ROLLOUT as META;
use crate::finding::Finding;
use crate::model::Field;
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let c = cx.campaign();
    let Some(environment) = c.environment.get() else {
        return;
    };
    if !c.is_production() {
        return;
    }
    let Field::Valid(audience) = &c.offer.audience else {
        return;
    };
    let Some(segments) = audience.value.segments.get() else {
        return;
    };
    if !segments.value.is_everyone() {
        return;
    }
    let Some(start) = c.schedule.value().and_then(|s| s.start.value()) else {
        return;
    };
    if *start <= cx.now {
        return;
    }
    let first = cx.policy.limits.rollout.first_percent;
    let limit = format!("limits.rollout.first_percent is {first}");
    let finding = match &c.offer.controls {
        Field::Valid(controls) => match &controls.value.rollout_percent {
            Field::Valid(percent) if percent.value > first => cx.finding(
                &META,
                &percent.at,
                "/controls/rollout_percent",
                format!(
                    "a production launch to audience `all` starts at rollout_percent {}: its \
                     first minutes reach {}% of all payers at once ({limit})",
                    percent.value, percent.value
                ),
            ),
            Field::Absent if !cx.effective.template_unknown => cx.finding_at(
                &META,
                controls.at.key_or_value(),
                "/controls/rollout_percent",
                format!(
                    "a production launch to audience `all` has no rollout_percent, so it starts \
                     at 100%: its first minutes reach every payer ({limit})"
                ),
            ),
            _ => return,
        },
        Field::Absent if !cx.effective.template_unknown => cx.finding(
            &META,
            &environment.at,
            "/controls/rollout_percent",
            format!(
                "a production launch to audience `all` has no controls.rollout_percent, so it \
                 starts at 100%: its first minutes reach every payer ({limit})"
            ),
        ),
        _ => return,
    };
    out.push(
        finding
            .with_label(segments.at.loc, "audience `all`")
            .with_help(format!(
                "start with `controls.rollout_percent: {first}` or less and raise it once the \
                 launch has been watched, or target the campaign at segments"
            )),
    );
}
