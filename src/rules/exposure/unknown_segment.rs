//! `unknown-segment`: a segment id the policy's `audience.segments` does
//! not list.

use crate::catalog::UNKNOWN_SEGMENT as META;
use crate::finding::Finding;
use crate::model::{Field, Segments, did_you_mean, is_everyone_segment};
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let known = &cx.policy.audience.segments;
    if known.is_empty() {
        return;
    }
    let Field::Valid(audience) = &cx.campaign().offer.audience else {
        return;
    };
    let Some(Segments::List(items)) = audience.value.segments.value() else {
        return;
    };
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    for (index, item) in items.iter().enumerate() {
        let id = item.value.as_str();
        if is_everyone_segment(id) || names.contains(&id) {
            continue;
        }
        let position = item.at.index().map_or(index, |i| i as usize);
        let help = match did_you_mean(id, &names) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "use a segment the policy lists (`audience.segments` in .promolint.yaml), or \
                     add this one there"
                .to_string(),
        };
        out.push(
            cx.finding(
                &META,
                &item.at,
                &format!("/audience/segments/{position}"),
                format!("segment `{id}` is not in the policy's audience.segments"),
            )
            .with_help(help),
        );
    }
}
