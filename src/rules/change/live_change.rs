//! `live-change`: a running production campaign's terms changed.

use time::format_description::well_known::Rfc3339;

use crate::catalog::LIVE_CHANGE as META;
use crate::finding::Finding;
use crate::model::DocRef;
use crate::review::{ChangeCx, Key, campaign_loc, show};

const TERMS: [Key; 6] = [
    Key::Rate,
    Key::Amount,
    Key::MaxDiscount,
    Key::FundingSource,
    Key::ProgramId,
    Key::Channels,
];

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    for pair in cx.pairs {
        let campaign = pair.campaign();
        if !campaign.is_production() {
            continue;
        }
        let Some(schedule) = campaign.schedule.value() else {
            continue;
        };
        let (Some(start), Some(end)) = (schedule.start.value(), schedule.end.value()) else {
            continue;
        };
        if !(*start <= cx.now && cx.now < *end) {
            continue;
        }
        let until = end.format(&Rfc3339).unwrap_or_default();
        for change in super::stale_approval::changed_terms(pair, &TERMS) {
            let message = format!(
                "{} changed from {} to {} {} while the campaign is live (until {until}): the \
                 new terms apply the moment they are published",
                change.key.name(),
                show(change.old.as_ref()),
                show(change.new.as_ref()),
                cx.since()
            );
            let mut finding = cx
                .finding(
                    &META,
                    pair,
                    campaign_loc(campaign, change),
                    change.key.path(),
                    message,
                )
                .with_help(
                    "publish the change when the campaign is paused or over, or check it now with the campaign's owner",
                );
            if let Some(old) = &change.old {
                finding = finding.with_labels([cx.was(old)]);
            }
            out.push((pair.doc(), finding));
        }
    }
}
