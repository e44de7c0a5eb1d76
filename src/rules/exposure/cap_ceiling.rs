//! `cap-ceiling`: what one payment can take is above the policy's
//! `limits.max_discount` for the currency.

use crate::catalog::CAP_CEILING as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field, Money, Sp};
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let offer = &cx.campaign().offer;
    let Some(currency) = offer.currency.get() else {
        return;
    };
    let code = currency.value.as_str();
    let Some(ceiling) = cx.policy.limits.max_discount.get(code) else {
        return;
    };
    let Field::Valid(benefit) = &offer.benefit else {
        return;
    };
    let b = &benefit.value;
    let mut report =
        |value: &Sp<Money>, name: &str| {
            if value.value.amount <= *ceiling {
                return;
            }
            out.push(
            cx.finding(
                &META,
                &value.at,
                &format!("/benefit/{name}"),
                format!(
                    "benefit.{name} {} {code} is above the {ceiling} {code} one payment may take \
                     (limits.max_discount.{code})",
                    value.value
                ),
            )
            .with_label(currency.at.loc, format!("the campaign's amounts are in {code}"))
            .with_help(format!(
                "lower `{name}` to at most {ceiling} {code}; a larger amount per payment needs \
                 approval and a higher limits.max_discount.{code}"
            )),
        );
        };
    if let Some(max_discount) = b.max_discount.get() {
        report(max_discount, "max_discount");
    }
    // On percent_off, `amount` is itself reported (invalid-value).
    if b.kind.value() == Some(&BenefitType::AmountOff)
        && let Some(amount) = b.amount.get()
    {
        report(amount, "amount");
    }
}
