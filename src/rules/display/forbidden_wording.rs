//! `forbidden-wording`: a term of the policy's `labels.forbidden` lists in
//! display text.

use super::{display_texts, read_as, shown};
use crate::finding::{Finding, Severity};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "forbidden-wording",
    default_severity: Severity::Error,
    summary: "a forbidden term in display.label or display.description",
    what: "Reports a term of the policy's `labels.forbidden` lists found in `display.label` or \
           `display.description`, and underlines the original characters it covers. Terms are \
           matched on normalized text exactly as for `restricted-label`: traditional and \
           simplified Chinese alike (`0元購` is `0元购`), full-width and look-alike letters, \
           case, spacing, punctuation and invisible characters do not hide a term; Latin terms \
           match whole words only (`free moneyball` is not `free money`).",
    why: "Some promises may never be made at checkout: \"zero-yuan purchase\" (零元购) and \
          \"free money\" invite fraud and are the wording regulators single out, and a \
          \"guaranteed refund\" the campaign cannot honour is false advertising.",
    bad: "display:\n  label: \"新客零元购\"\n",
    good: "display:\n  label: \"新客立减10% 最高20元\"\n",
    config: "The lists are `labels.forbidden` in .promolint.yaml, each `- terms: [...]`; the \
             default forbids \"free money\", 零元购, 0元购 and \"guaranteed refund\". A list set \
             in the policy file replaces the default whole.",
};

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
