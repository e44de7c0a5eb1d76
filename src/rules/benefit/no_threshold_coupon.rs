//! `no-threshold-coupon`: an `amount_off` benefit without `min_spend`.

use crate::finding::{Finding, Severity};
use crate::model::{BenefitType, Field};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "no-threshold-coupon",
    default_severity: Severity::Warning,
    summary: "amount_off with no min_spend",
    what: "Reports an `amount_off` benefit that has no `min_spend`, pointing at its `amount`. \
           Such a coupon applies to any order, however small: an order below the amount is \
           free. A `min_spend` that is present but could not be read is reported by its own \
           rule only; when `template:` names no template, nothing is reported (the template \
           could have supplied it).",
    why: "A fixed amount off every order invites splitting purchases into many small ones, and \
          turns the cheapest items into free ones; the budget drains on orders the campaign was \
          never meant to pay for.",
    bad: "benefit:\n  type: amount_off\n  amount: \"5.00\"\n",
    good: "benefit:\n  type: amount_off\n  amount: \"5.00\"\n  min_spend: \"30.00\"   # 5.00 off orders of 30.00 or more\n",
    config: "A warning by default. A deliberate no-threshold coupon (a small welcome gift) can be \
             suppressed on its `amount` line with the reason.",
};

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
