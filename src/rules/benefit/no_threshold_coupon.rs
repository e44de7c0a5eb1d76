//! `no-threshold-coupon`: an `amount_off` benefit without `min_spend`.

use crate::catalog::NO_THRESHOLD_COUPON as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field};
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let c = cx.campaign();
    let Field::Valid(benefit) = &c.offer.benefit else {
        return;
    };
    let b = &benefit.value;
    if b.kind.value() != Some(&BenefitType::AmountOff)
        || !b.min_spend.is_absent()
        || cx.effective.template_unknown
    {
        return;
    }
    let Field::Valid(amount) = &b.amount else {
        return;
    };
    let currency = c
        .offer
        .currency
        .value()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    out.push(
        cx.finding(
            &META,
            &amount.at,
            "/benefit/amount",
            format!(
                "amount_off coupon of {}{currency} has no `min_spend`: it applies to any order, however small",
                amount.value
            ),
        )
        .with_help(format!(
            "add `min_spend` under `benefit`: the order total the coupon needs, above the amount {}",
            amount.value
        )),
    );
}
