//! `broad-audience`: a generous benefit offered to everyone.

use crate::catalog::BROAD_AUDIENCE as META;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::finding::Finding;
use crate::model::{BenefitType, Field, Money, Percent, Sp, rate_fraction};
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let c = cx.campaign();
    let Field::Valid(audience) = &c.offer.audience else {
        return;
    };
    let Field::Valid(segments) = &audience.value.segments else {
        return;
    };
    if !segments.value.is_everyone() {
        return;
    }
    let Field::Valid(benefit) = &c.offer.benefit else {
        return;
    };
    let b = &benefit.value;
    let kind = b.kind.value();
    let limits = &cx.policy.limits;

    // The rate, unless it is itself reported (on amount_off).
    if kind != Some(&BenefitType::AmountOff)
        && let Field::Valid(rate) = &b.rate
        && rate.value > limits.broad_audience_rate
    {
        let limit = limits.broad_audience_rate;
        out.push(
            cx.finding(
                &META,
                &segments.at,
                "/audience/segments",
                format!(
                    "audience `all` gets rate {}, above the {limit} allowed for everyone (policy: limits.broad_audience_rate)",
                    rate.value
                ),
            )
            .with_label(rate.at.loc, format!("{} for every payer", rate.value))
            .with_help(format!(
                "target the campaign at segments (e.g. `segments: [new-users]`), or lower `rate` to {limit} or less"
            )),
        );
        return;
    }

    // The amount, unless it is itself reported (on percent_off).
    if kind == Some(&BenefitType::PercentOff) {
        return;
    }
    let Field::Valid(amount) = &b.amount else {
        return;
    };
    // The share needs `Decimal` arithmetic, which holds 28 significant digits.
    if !amount.value.is_exact() || b.min_spend.value().is_some_and(|m| !m.is_exact()) {
        return;
    }
    let share = limits.broad_audience_amount_share;
    let currency = c
        .offer
        .currency
        .value()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    let (message, help) = match &b.min_spend {
        Field::Valid(min_spend) => {
            let Some(limit) = share_of(&min_spend.value, share) else {
                return;
            };
            if amount.value.amount <= limit {
                return;
            }
            let actual = percent_of(&amount.value, &min_spend.value)
                .map(|p| format!(" ({p}% of it)"))
                .unwrap_or_default();
            (
                format!(
                    "audience `all` gets {}{currency} off a minimum spend of {}{actual}, above the {share} allowed for everyone (policy: limits.broad_audience_amount_share)",
                    amount.value, min_spend.value
                ),
                format!(
                    "target the campaign at segments (e.g. `segments: [new-users]`), lower `amount` to {}{currency} or less, or raise `min_spend`",
                    in_places(limit, min_spend.value.places, RoundingStrategy::ToZero)
                ),
            )
        }
        Field::Absent if !cx.effective.template_unknown => (
            format!(
                "audience `all` gets {}{currency} off any order: no `min_spend` bounds it to {share} of an order (policy: limits.broad_audience_amount_share)",
                amount.value
            ),
            format!(
                "target the campaign at segments (e.g. `segments: [new-users]`), or add a `min_spend` of at least {}{currency}",
                min_spend_for(&amount.value, share)
                    .map_or_else(|| "the amount".to_string(), |m| m.to_string())
            ),
        ),
        _ => return,
    };
    out.push(
        cx.finding(&META, &segments.at, "/audience/segments", message)
            .with_label(amount.at.loc, amount_label(amount, &currency))
            .with_help(help),
    );
}

fn amount_label(amount: &Sp<Money>, currency: &str) -> String {
    format!("{}{currency} off for every payer", amount.value)
}

/// `share` of `min_spend`: the largest amount everyone may get.
fn share_of(min_spend: &Money, share: Percent) -> Option<Decimal> {
    min_spend.amount.checked_mul(rate_fraction(&share))
}

/// `amount` as a percent of `min_spend`, rounded to two places.
fn percent_of(amount: &Money, min_spend: &Money) -> Option<Decimal> {
    amount
        .amount
        .checked_div(min_spend.amount)?
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| p.round_dp(2).normalize())
}

/// The smallest `min_spend` of which `amount` is within `share`, in the
/// amount's decimal places.
fn min_spend_for(amount: &Money, share: Percent) -> Option<Decimal> {
    let exact = amount.amount.checked_div(rate_fraction(&share))?;
    Some(in_places(
        exact,
        amount.places,
        RoundingStrategy::AwayFromZero,
    ))
}

/// `value` written with `places` decimal places, rounded towards the side
/// that keeps the advice within the limit.
fn in_places(value: Decimal, places: usize, strategy: RoundingStrategy) -> Decimal {
    let places = u32::try_from(places).unwrap_or(u32::MAX).min(28);
    let mut rounded = value.round_dp_with_strategy(places, strategy);
    rounded.rescale(places);
    rounded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn share_arithmetic() {
        let ten = Percent::parse("10%").unwrap();
        assert_eq!(share_of(&money("50.00"), ten), Some(Decimal::new(5, 0)));
        assert_eq!(
            percent_of(&money("20.00"), &money("50.00")),
            Some(Decimal::new(40, 0))
        );
        assert_eq!(percent_of(&money("1"), &money("0")), None);
        assert_eq!(
            min_spend_for(&money("5.00"), ten).map(|d| d.to_string()),
            Some("50.00".into())
        );
        assert_eq!(
            min_spend_for(&money("3.33"), Percent::parse("7%").unwrap()).map(|d| d.to_string()),
            Some("47.58".into())
        );
        assert_eq!(
            in_places(Decimal::new(5555, 3), 2, RoundingStrategy::ToZero).to_string(),
            "5.55"
        );
        assert_eq!(
            in_places(Decimal::new(5, 0), 2, RoundingStrategy::ToZero).to_string(),
            "5.00"
        );
        // Large amounts do not panic.
        let huge = money("79228162514264337593543950335");
        assert!(share_of(&huge, ten).is_some());
        let _ = percent_of(&huge, &money("0.01"));
        let _ = min_spend_for(&huge, Percent::parse("0.0001%").unwrap());
    }
}
