//! `restricted-label`: a restricted term in display text while the term's
//! `requires` is not met.

use super::{RestrictedList, display_texts, read_as, shown};
use crate::catalog::RESTRICTED_LABEL as META;
use crate::finding::Finding;
use crate::model::{Field, Funding};
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let funding = cx.campaign().offer.funding.value();
    let invalid_funding = matches!(cx.campaign().offer.funding, Field::Invalid(_));
    for text in display_texts(cx) {
        for (list, found) in cx.display.restricted_in(text.text) {
            let Some(missing) = unmet(list, funding, invalid_funding) else {
                continue;
            };
            let original = shown(text.slice(found.range.clone()));
            let term = list.terms.term(found.term_index).unwrap_or_default();
            let message = format!(
                "{} says \"{original}\" (restricted term {}{}) but {}",
                text.name,
                list.id,
                read_as(&original, term),
                missing.join(" and ")
            );
            let mut finding = cx
                .finding(&META, &text.at(cx, found.range), text.path, message)
                .with_help(help(list));
            if let Some(source) = funding.and_then(|f| f.source.get()) {
                finding = finding.with_label(
                    source.at.loc,
                    format!("funding.source is {}", source.value.as_str()),
                );
            }
            out.push(finding);
        }
    }
}

/// What the campaign lacks for the list's `requires`, or `None` when it is
/// met or unknown (a present but invalid value).
fn unmet(
    list: &RestrictedList,
    funding: Option<&Funding>,
    invalid_funding: bool,
) -> Option<Vec<String>> {
    if invalid_funding {
        return None;
    }
    let mut missing = Vec::new();
    if let Some(required) = &list.requires.funding_source {
        match funding.map(|f| &f.source) {
            None | Some(Field::Absent) => missing.push("funding.source is missing".to_owned()),
            Some(Field::Invalid(_)) => return None,
            Some(Field::Valid(source)) if source.value.as_str() != required => {
                missing.push(format!("funding.source is {}", source.value.as_str()));
            }
            Some(Field::Valid(_)) => {}
        }
    }
    if list.requires.program_id {
        match funding.map(|f| &f.program_id) {
            None | Some(Field::Absent) => {
                missing.push("funding.program_id is missing".to_owned());
            }
            Some(Field::Invalid(_)) => return None,
            Some(Field::Valid(_)) => {}
        }
    }
    (!missing.is_empty()).then_some(missing)
}

fn help(list: &RestrictedList) -> String {
    let mut needs = Vec::new();
    if let Some(source) = &list.requires.funding_source {
        needs.push(format!("`funding.source: {source}`"));
    }
    if list.requires.program_id {
        needs.push("a `funding.program_id`".to_owned());
    }
    format!(
        "wording of `{}` is allowed only with {}; otherwise say who really funds the discount \
         (e.g. 平台补贴, 商家补贴)",
        list.id,
        needs.join(" and ")
    )
}
