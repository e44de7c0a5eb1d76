//! `invalid-value`: a value of the wrong type, enum value, pattern or range.

use crate::finding::Finding;
use crate::finding::Severity;
use crate::model::{BenefitType, Field};
use crate::rules::CampaignCx;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "invalid-value",
    default_severity: Severity::Error,
    summary: "wrong type, enum value, pattern (id, approval), range (rollout_percent), apiVersion/kind",
    what: "Reports a value that does not have the type the format gives the field: a list where \
           a mapping belongs, an enum value not in the list (`environment: prod`), an id or \
           approval ticket that does not match its pattern, `rollout_percent` outside 1..100, a \
           timestamp that is not RFC 3339, an `apiVersion` other than `promo/v1` or a `kind` \
           other than `Campaign` or `Template`. A bad value is present but unknown: no other \
           rule compares it.",
    why: "The systems that publish campaigns coerce or drop values they do not understand; the \
          result is a campaign nobody wrote.",
    bad: "environment: prod\ncontrols:\n  rollout_percent: 150\n",
    good: "environment: production\ncontrols:\n  rollout_percent: 100\n",
    config: "",
};

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
