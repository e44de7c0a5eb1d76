//! `uncapped-percent`: a `percent_off` benefit without `max_discount`.

use crate::catalog::UNCAPPED_PERCENT as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field};
use crate::rules::CampaignCx;

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
    let at = benefit.at.with_loc(benefit.at.key_or_value());
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
