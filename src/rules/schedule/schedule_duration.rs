//! `schedule-duration`: the campaign runs longer than the policy allows.

use super::{start_end, written};
use crate::catalog::SCHEDULE_DURATION as META;
use crate::finding::Finding;
use crate::rules::CampaignCx;

const DAY: i64 = 86_400;

/// Compares the schedule's length with the policy's limit.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Some((start, end)) = start_end(cx) else {
        return;
    };
    let max_days = cx.policy.limits.schedule.max_duration_days;
    let (Some(seconds), Some(limit)) = (
        end.value
            .unix_timestamp()
            .checked_sub(start.value.unix_timestamp()),
        i64::from(max_days).checked_mul(DAY),
    ) else {
        return;
    };
    // Whole seconds: a fraction of a second over the limit is not reported.
    if seconds <= limit {
        return;
    }
    out.push(
        cx.finding(
            &META,
            &end.at,
            "/schedule/end",
            format!(
                "the schedule runs {} (from {} to {}), longer than the {max_days} days allowed \
                 (limits.schedule.max_duration_days)",
                duration(seconds),
                written(cx, start.at.loc),
                written(cx, end.at.loc)
            ),
        )
        .with_label(start.at.loc, "the campaign starts here")
        .with_help(format!(
            "end the campaign within {max_days} days of its start and schedule the rest as a \
             new, separately approved campaign; or raise limits.schedule.max_duration_days"
        )),
    );
}

/// `91 days 23:59:59`, `40 days`.
fn duration(seconds: i64) -> String {
    let days = seconds / DAY;
    let rest = seconds % DAY;
    let unit = if days == 1 { "day" } else { "days" };
    if rest == 0 {
        format!("{days} {unit}")
    } else {
        format!(
            "{days} {unit} {:02}:{:02}:{:02}",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations() {
        assert_eq!(duration(31 * 86_400), "31 days");
        assert_eq!(duration(86_400 + 1), "1 day 00:00:01");
        assert_eq!(duration(91 * 86_400 + 86_399), "91 days 23:59:59");
    }
}
