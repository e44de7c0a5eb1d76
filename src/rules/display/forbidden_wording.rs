//! `forbidden-wording`: a term of the policy's `labels.forbidden` lists in
//! display text.

use super::{display_texts, read_as, shown};
use crate::catalog::FORBIDDEN_WORDING as META;
use crate::finding::Finding;
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    for text in display_texts(cx) {
        for (term, found) in cx.display.forbidden_in(text.text) {
            let original = shown(text.slice(found.range.clone()));
            let message = format!(
                "{} uses the forbidden wording \"{original}\"{}",
                text.name,
                read_as(&original, term)
            );
            out.push(
                cx.finding(&META, &text.at(cx, found.range), text.path, message)
                    .with_help("remove this wording (the policy's labels.forbidden lists it)"),
            );
        }
    }
}
