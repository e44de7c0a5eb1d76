//! `live-change`: a running production campaign's terms changed.

use time::format_description::well_known::Rfc3339;

use crate::finding::{Finding, Severity};
use crate::model::DocRef;
use crate::review::{ChangeCx, Key, campaign_loc, show};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "live-change",
    default_severity: Severity::Warning,
    summary: "a live production campaign's rate, amount, cap, funding or channels changed since the base",
    what: "With `--base REV`, reports each change of the rate, amount, max_discount, funding \
           or channels of a production campaign whose schedule contains now (`start <= now < \
           end`; `--now` sets now), by any cause. The finding points at the changed value. \
           It stands beside the findings of the other change rules.",
    why: "A campaign that is running has no review window left: the new terms reach \
          payments the moment the change is published, and a mistake costs money from the \
          first minute, as in the five minutes of the 2025-01-16 incident.",
    bad: "# running now; at the base: rate: \"10%\"\n\
          environment: production\n\
          benefit:\n  rate: \"12%\"\n",
    good: "# running now; at the base: rate: \"10%\"\n\
           # a new campaign that starts after a review, rather than an edit of the live one\n\
           environment: production\n\
           benefit:\n  rate: \"10%\"\n",
    config: "`--now TIMESTAMP` sets now (default: the clock).",
};

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
