//! `cap-ceiling`: what one payment can take is above the policy's
//! `limits.max_discount` for the currency.

use crate::finding::{Finding, Severity};
use crate::model::{BenefitType, Field, Money, Sp};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "cap-ceiling",
    default_severity: Severity::Error,
    summary: "`max_discount` or an `amount_off` amount above the policy's `limits.max_discount` \
              for the currency",
    what: "Reports a `benefit.max_discount`, or the `amount` of an `amount_off` benefit, above \
           `limits.max_discount.<currency>` for the campaign's `currency`: the most one payment \
           can take. A ceiling is compared only with amounts of its own currency, so a campaign \
           in a currency the policy sets no ceiling for is not checked. An amount equal to the \
           ceiling is fine. When both `max_discount` and `amount` are above it, each is \
           reported. A value that could not be read is not compared.",
    why: "A rate ceiling bounds a discount as a share, not in money: 20% capped at 100,000 \
          yuan per payment passes every rate check and pays out 100,000 yuan on one large \
          order. On 16 January 2025 a misconfigured discount reached nearly every payment for \
          five minutes; what each of those payments could take is what bounds the loss.",
    bad: "currency: CNY\nbenefit:\n  type: percent_off\n  rate: \"20%\"\n  \
          max_discount: \"100000.00\"   # above the 500.00 CNY ceiling\n",
    good: "currency: CNY\nbenefit:\n  type: percent_off\n  rate: \"20%\"\n  \
           max_discount: \"200.00\"\n",
    config: "The ceilings are `limits.max_discount` in .promolint.yaml, one per currency \
             (built-in: CNY 500.00, USD 100.00, EUR 100.00, HKD 500.00, JPY 10000); a mapping \
             merges into the default, so a policy sets only the currencies it changes. An \
             approved larger cap is suppressed on its line: `max_discount: \"2000.00\"  # \
             promolint: disable=cap-ceiling -- approved in FIN-2025-0042`.",
};

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
