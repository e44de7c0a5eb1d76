//! `uncapped-percent`: a `percent_off` benefit without `max_discount`.

use crate::finding::{Finding, Severity};
use crate::model::{At, BenefitType, Field};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "uncapped-percent",
    default_severity: Severity::Error,
    summary: "percent_off with no max_discount: no per-transaction bound",
    what: "Reports a `percent_off` benefit that has no `max_discount`. The finding points at \
           the `benefit` key. A `max_discount` that is present but could not be read \
           (`invalid-decimal`, `invalid-value`) is reported by that rule only, never as missing; \
           and when `template:` names no template, the template could have supplied the cap, \
           so nothing is reported.",
    why: "Without a cap, what one payment can take is the rate times whatever the payer \
          spends: a 20% discount on a 50,000 credit-card repayment is 10,000. In the \
          16 January 2025 incident the 20% discount had no per-transaction cap, so the loss \
          grew with the size of every payment for the five minutes it ran.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  min_spend: \"50.00\"\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"   # at most 20.00 per payment\n  \
           min_spend: \"50.00\"\n",
    config: "A campaign that really is uncapped (a tiny rate on a closed audience) can say so \
             next to the benefit: `benefit:  # promolint: disable=uncapped-percent -- reason`.",
};

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let c = cx.campaign();
    let Field::Valid(benefit) = &c.offer.benefit else {
        return;
    };
    if benefit.value.kind.value() != Some(&BenefitType::PercentOff)
        || !benefit.value.max_discount.is_absent()
        || cx.effective.template_unknown
    {
        return;
    }
    // The `benefit` key, with the provenance of the section it names.
    let at = At {
        loc: benefit.at.key_or_value(),
        ..benefit.at
    };
    let rate = benefit
        .value
        .rate
        .value()
        .map(|r| format!(" of {r}"))
        .unwrap_or_default();
    let currency = c
        .offer
        .currency
        .value()
        .map(|c| format!(" (in {c})"))
        .unwrap_or_default();
    out.push(
        cx.finding(
            &META,
            &at,
            "/benefit/max_discount",
            format!(
                "percent_off benefit{rate} has no `max_discount`: the discount on one payment has no upper bound"
            ),
        )
        .with_help(format!(
            "add `max_discount`{currency} under `benefit`: the most one payment can be discounted"
        )),
    );
}
