//! `invalid-value`: a value of the wrong type, enum value, pattern or range.

use crate::catalog::INVALID_VALUE as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field};
use crate::rules::CampaignCx;

/// What only the effective campaign shows: a benefit field that its type
/// forbids (`rate` on `amount_off`, `amount` on `percent_off`), which may
/// come from a template while the type comes from the campaign.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(benefit) = &cx.campaign().offer.benefit else {
        return;
    };
    let b = &benefit.value;
    match b.kind.value() {
        Some(BenefitType::AmountOff) => {
            if let Some(rate) = b.rate.get() {
                out.push(
                    cx.finding(
                        &META,
                        &rate.at,
                        "/benefit/rate",
                        "`rate` is not allowed for an amount_off benefit",
                    )
                    .with_help("remove `rate`, or use `type: percent_off`"),
                );
            }
        }
        Some(BenefitType::PercentOff) => {
            if let Some(amount) = b.amount.get() {
                out.push(
                    cx.finding(
                        &META,
                        &amount.at,
                        "/benefit/amount",
                        "`amount` is not allowed for a percent_off benefit",
                    )
                    .with_help("remove `amount`, or use `type: amount_off`"),
                );
            }
        }
        None => {}
    }
}
