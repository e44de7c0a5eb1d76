//! `restricted-label`: a restricted term in display text while the term's
//! `requires` is not met.

use super::{RestrictedList, display_texts, read_as, shown};
use crate::finding::{Finding, Severity};
use crate::model::{Field, Funding};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "restricted-label",
    default_severity: Severity::Error,
    summary: "a restricted term (e.g. \"government subsidy\") while the term's `requires` is not met",
    what: "Reports a term of the policy's `labels.restricted` lists found in `display.label` or \
           `display.description` when the campaign does not meet the list's `requires`: \
           `funding.source` must be the source it names, and with `program_id: true` the \
           campaign needs a `funding.program_id`. Terms are found however they are disguised: \
           traditional characters (`政府補貼`), full-width or look-alike letters (`Ｇovernment`, \
           a Cyrillic `о`), spacing and punctuation (`政 府 补 贴`, `Gov. Subsidy`), invisible \
           characters (`政\\u200b府补贴`); Latin terms match whole words only (`real estate \
           subsidy` is not `state subsidy`). The finding underlines the original characters the \
           term covers, and says which requirement is missing. If `funding.source` or \
           `funding.program_id` is present but invalid, whether the requirement is met is \
           unknown and the rule says nothing (`invalid-value` reports the value).",
    why: "On 16 January 2025 a payment app gave 20% off nearly every payment for five minutes, \
          labelled \"government subsidy\" (政府补贴): a routine marketing campaign configured \
          with the wrong template, whose fund type was wrong as well. Telling payers that the \
          state pays is a claim about public money: it needs government funding and the id of \
          the program, and advertising law forbids presenting a commercial discount as a public \
          subsidy.",
    bad: "funding:\n  source: platform\ndisplay:\n  label: \"政府补贴 立减10%\"\n",
    good: "funding:\n  source: platform\ndisplay:\n  label: \"平台补贴 立减10%\"\n",
    config: "The lists are `labels.restricted` in .promolint.yaml: each has an `id` (named in the \
             message), its `terms`, and `requires: { funding_source: government, program_id: \
             true }`. The default list `government-subsidy` holds 政府补贴, 国家补贴, 国补, \
             政府补助, 以旧换新补贴, \"government subsidy\", \"state subsidy\", \"national \
             subsidy\" and \"gov subsidy\".",
};

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
