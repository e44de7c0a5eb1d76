//! `full-rollout`: a production launch to everyone that reaches every payer
//! from its first minute.

use crate::finding::{Finding, Severity};
use crate::model::Field;
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "full-rollout",
    default_severity: Severity::Warning,
    summary: "a production launch to audience `all` whose rollout starts above \
              `limits.rollout.first_percent`",
    what: "Reports a production campaign for audience `all` (`segments: all`, or a list \
           holding `all`, `everyone` or `\"*\"`) that has not started yet (`schedule.start` \
           after now; `--now` sets now) and whose `controls.rollout_percent` is absent (which \
           means 100) or above `limits.rollout.first_percent`. It points at `rollout_percent`, \
           or at the `controls` key when the campaign has no rollout percent, or at \
           `environment` when it has no `controls`. A campaign already running is not \
           reported: its launch is behind it. Values that could not be read are not compared.",
    why: "On 16 January 2025 a misconfigured discount ran at 100% for five minutes: every payer \
          got it from the first second, so the first complaint came when the loss was already \
          made. A launch that starts with a small share of payers shows the same fault on a \
          small share of the money, and the kill switch is pulled before the rest sees it.",
    bad: "environment: production\nschedule:\n  start: 2027-03-01T00:00:00+08:00\n\
          audience:\n  segments: all\ncontrols:\n  kill_switch: true\n  \
          rollout_percent: 100   # every payer at once\n",
    good: "environment: production\nschedule:\n  start: 2027-03-01T00:00:00+08:00\n\
           audience:\n  segments: all\ncontrols:\n  kill_switch: true\n  rollout_percent: 5\n",
    config: "A warning by default. The largest first share is `limits.rollout.first_percent` \
             in .promolint.yaml (built-in 10). Raise `rollout_percent` in a later change, once \
             the launch has been watched.",
};

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
