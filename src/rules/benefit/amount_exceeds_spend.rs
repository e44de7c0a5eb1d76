//! `amount-exceeds-spend`: an `amount_off` whose amount is at least its
//! minimum spend.

use crate::finding::{Finding, Severity};
use crate::model::{BenefitType, Field};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "amount-exceeds-spend",
    default_severity: Severity::Error,
    summary: "amount_off whose amount is at least min_spend: purchases become free",
    what: "Reports an `amount_off` benefit whose `amount` is equal to or greater than its \
           `min_spend`. It points at the `amount`, with a label on `min_spend`. An order of \
           exactly the minimum spend then costs nothing (or less than nothing). Values that \
           could not be read are not compared.",
    why: "A threshold is meant to make the discount a fraction of the order. When the amount \
          reaches the threshold, every qualifying order of that size is free, and the campaign \
          pays for the whole purchase: usually a swapped pair of fields or a missing zero.",
    bad: "benefit:\n  type: amount_off\n  amount: \"50.00\"\n  min_spend: \"50.00\"\n",
    good: "benefit:\n  type: amount_off\n  amount: \"50.00\"\n  min_spend: \"200.00\"\n",
    config: "",
};

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
