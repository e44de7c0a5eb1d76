//! Schedule rules.

pub mod schedule_duration;
pub mod schedule_expired;
pub mod schedule_order;

use time::OffsetDateTime;

use crate::model::{Field, Sp};
use crate::rules::CampaignCx;
use crate::source::Loc;

/// `schedule.start` and `schedule.end`, when both were read.
fn start_end<'a>(cx: &'a CampaignCx) -> Option<(&'a Sp<OffsetDateTime>, &'a Sp<OffsetDateTime>)> {
    let Field::Valid(schedule) = &cx.campaign().schedule else {
        return None;
    };
    Some((schedule.value.start.get()?, schedule.value.end.get()?))
}

/// A timestamp as the file writes it, for messages.
fn written<'a>(cx: &'a CampaignCx, loc: Loc) -> &'a str {
    cx.sources
        .get(loc.file)
        .map_or("", |f| f.slice(loc))
        .trim_matches(|c| c == '"' || c == '\'')
}
