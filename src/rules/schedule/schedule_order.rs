//! `schedule-order`: the schedule ends at or before its start.

use super::{start_end, written};
use crate::catalog::SCHEDULE_ORDER as META;
use crate::finding::Finding;
use crate::rules::CampaignCx;

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
