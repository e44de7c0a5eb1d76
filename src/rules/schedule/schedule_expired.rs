//! `schedule-expired`: the schedule ended before now.

use time::format_description::well_known::Rfc3339;

use super::written;
use crate::finding::{Finding, Severity};
use crate::model::Field;
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "schedule-expired",
    default_severity: Severity::Warning,
    summary: "`end` before now",
    what: "Warns about a campaign whose `schedule.end` is before now. `--now TIMESTAMP` sets \
           now, so that a run in CI gives the same result tomorrow. The finding points at \
           `end`.",
    why: "An expired campaign left among the live ones is published again by the next \
          deploy, or copied as the starting point of the next campaign with its old rates, \
          channels and approvals. Expired campaigns belong in an archive that is not \
          checked or deployed.",
    bad: "schedule:\n  start: 2025-11-01T00:00:00+08:00\n  end: 2025-11-20T23:59:59+08:00   # in the past\n",
    good: "schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-03-20T23:59:59+08:00\n",
    config: "A campaign kept for audit is suppressed for the whole file: \
             `# promolint: disable-file=schedule-expired -- archived campaign kept for audit`.",
};

/// Compares `end` with now.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(schedule) = &cx.campaign().schedule else {
        return;
    };
    let Some(end) = schedule.value.end.get() else {
        return;
    };
    if end.value >= cx.now {
        return;
    }
    // Whole seconds in the campaign's own offset: the same run gives the
    // same text, and it reads beside the `end` it is compared with.
    let now = cx.now.to_offset(end.value.offset());
    let now = now.replace_nanosecond(0).unwrap_or(now);
    let now = now.format(&Rfc3339).unwrap_or_else(|_| now.to_string());
    out.push(
        cx.finding(
            &META,
            &end.at,
            "/schedule/end",
            format!(
                "the campaign ended at {}, before now ({now})",
                written(cx, end.at.loc)
            ),
        )
        .with_help(
            "delete the campaign or move it to an archive that is not checked; to keep it \
             here, `# promolint: disable-file=schedule-expired -- reason`",
        ),
    );
}
