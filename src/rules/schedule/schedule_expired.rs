//! `schedule-expired`: the schedule ended before now.

use crate::catalog::SCHEDULE_EXPIRED as META;
use time::format_description::well_known::Rfc3339;

use super::written;
use crate::finding::Finding;
use crate::model::Field;
use crate::rules::CampaignCx;

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
