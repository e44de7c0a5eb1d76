//! `schedule-order`: the schedule ends at or before its start.

use super::{start_end, written};
use crate::finding::{Finding, Severity};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "schedule-order",
    default_severity: Severity::Error,
    summary: "`end` not after `start`",
    what: "Reports a schedule whose `end` is not after its `start` (the same instant \
           included). Timestamps are compared as instants, so `2027-03-01T08:00:00+08:00` and \
           `2027-03-01T00:00:00Z` are equal. The finding points at `end`, with a label on \
           `start`.",
    why: "A schedule that ends before it starts is almost always a start and an end swapped, \
          or a wrong year or month. Some platforms reject it; others read it as a campaign \
          that is always on, or that never ends.",
    bad: "schedule:\n  start: 2027-03-20T00:00:00+08:00\n  end: 2027-03-01T23:59:59+08:00\n",
    good: "schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-03-20T23:59:59+08:00\n",
    config: "",
};

/// Compares `end` with `start`.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Some((start, end)) = start_end(cx) else {
        return;
    };
    if end.value > start.value {
        return;
    }
    let relation = if end.value == start.value {
        "the same instant as"
    } else {
        "before"
    };
    out.push(
        cx.finding(
            &META,
            &end.at,
            "/schedule/end",
            format!(
                "schedule.end {} is {relation} schedule.start {}: the schedule is empty",
                written(cx, end.at.loc),
                written(cx, start.at.loc)
            ),
        )
        .with_label(start.at.loc, "the campaign starts here")
        .with_help("`end` must be after `start`: were the two swapped, or is a date mistyped?"),
    );
}
