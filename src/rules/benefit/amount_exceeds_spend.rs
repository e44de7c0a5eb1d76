//! `amount-exceeds-spend`: an `amount_off` whose amount is at least its
//! minimum spend.

use crate::catalog::AMOUNT_EXCEEDS_SPEND as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field};
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let c = cx.campaign();
    let Field::Valid(benefit) = &c.offer.benefit else {
        return;
    };
    let b = &benefit.value;
    // On a percent_off benefit `amount` is itself reported (invalid-value).
    if b.kind.value() == Some(&BenefitType::PercentOff) {
        return;
    }
    let (Field::Valid(amount), Field::Valid(min_spend)) = (&b.amount, &b.min_spend) else {
        return;
    };
    if amount.value < min_spend.value {
        return;
    }
    let currency = c
        .offer
        .currency
        .value()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    let relation = if amount.value.cmp(&min_spend.value).is_eq() {
        "equals"
    } else {
        "is above"
    };
    out.push(
        cx.finding(
            &META,
            &amount.at,
            "/benefit/amount",
            format!(
                "`amount` {} {relation} `min_spend` {}: an order of {}{currency} would be free",
                amount.value, min_spend.value, min_spend.value
            ),
        )
        .with_label(
            min_spend.at.loc,
            format!("the minimum spend is {}{currency}", min_spend.value),
        )
        .with_help("make `amount` smaller than `min_spend` (check that the two are not swapped)"),
    );
}
