//! `label-rate-mismatch`: display text advertises a figure that differs
//! from the benefit.

use rust_decimal::Decimal;

use super::{DisplayText, display_texts, shown};
use crate::finding::{Finding, Severity};
use crate::model::{Benefit, BenefitType, Field, Money, Percent, Sp};
use crate::rules::{CampaignCx, RuleMeta};
use crate::source::Loc;
use crate::text::{Figure, FigureKind, figures};

pub static META: RuleMeta = RuleMeta {
    id: "label-rate-mismatch",
    default_severity: Severity::Error,
    summary: "the display text advertises a figure that differs from the benefit",
    what: "Reads every discount figure that `display.label` or `display.description` \
           advertises and compares it with the effective benefit, exactly (`20` equals \
           `20.00`): a percent off (`20% off`, `立减20%`, `减20%`, `20%优惠`) with `rate`; a \
           折 figure (`8折`, `8.5折`, `85折`, `打8折`, `八折`, `八五折`; N折 means the payer pays \
           N×10%, so `8.5折` is a rate of 15%) with `rate`; an amount off (`减20元`, `立减20元`, \
           `减20`, `save $5`, `$5 off`, `€4 off`, `500円引き`) with `amount`; a cap (`最高20元`, \
           `最高减50元`, `up to $50 off`) with `max_discount`; a threshold (`满100` in \
           `满100减20`, `over $50`, `orders over $50`) with `min_spend`. A percent or 折 figure \
           on an `amount_off` benefit, or an amount off on a `percent_off` benefit, is a \
           mismatch; so is a cap or threshold the benefit does not configure. On an \
           `amount_off` benefit without `max_discount` the most a payment can get is `amount`, \
           so a cap is compared with it. Where forms overlap the longest wins (`最高减50元` is \
           one cap), and each figure gives at most one finding, pointing at the whole form, \
           with a label on the benefit value it contradicts. Numbers that are no discount \
           (`双11`, `2025`, `Top 10`, a bare price such as `¥10`, `满2件`) are not figures, and \
           text that advertises no figure is fine. A benefit value that is present but invalid \
           is unknown and not compared.",
    why: "The payer decides on the advertised figure, and advertising law requires it to be \
          the one applied: a label that promises more than the benefit gives is false \
          advertising, and one that promises less hides a misconfigured benefit. In the 16 \
          January 2025 incident the wrong template set a discount nobody had reviewed against \
          what the campaign was meant to say.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n\
          display:\n  label: \"新客立减15% 最高20元\"\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n\
           display:\n  label: \"新客立减10% 最高20元\"\n",
    config: "The forms it reads are fixed (RULES.md lists them). Advertised currencies are not \
             compared with `currency`. Text that is not an offer (a product name such as \
             \"Top 10\") needs no change.",
};

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(benefit) = &cx.campaign().offer.benefit else {
        return;
    };
    for text in display_texts(cx) {
        for figure in figures(text.text) {
            if let Some(contradiction) = contradiction(benefit, &figure) {
                out.push(finding(cx, &text, &figure, contradiction));
            }
        }
    }
}

/// What the benefit says instead of the advertised figure, and where.
struct Contradiction {
    /// "benefit.rate is 10%".
    what: String,
    label: Option<(Loc, String)>,
}

fn finding(
    cx: &CampaignCx,
    text: &DisplayText,
    figure: &Figure,
    contradiction: Contradiction,
) -> Finding {
    let advertised = shown(text.slice(figure.range.clone()));
    let meaning = match figure.kind {
        FigureKind::Zhe => format!(" ({}% off)", zhe_rate(figure.value).normalize()),
        _ => String::new(),
    };
    let message = format!(
        "{} advertises {advertised}{meaning} but {}",
        text.name, contradiction.what
    );
    let mut finding = cx
        .finding(
            &META,
            &text.at(cx, figure.range.clone()),
            text.path,
            message,
        )
        .with_help(
            "make the text advertise what the benefit gives, or fix the benefit: the advertised \
             figure must be the one applied",
        );
    if let Some((loc, message)) = contradiction.label {
        finding = finding.with_label(loc, message);
    }
    finding
}

/// The rate off that N折 means: the payer pays N×10%.
fn zhe_rate(zhe: Decimal) -> Decimal {
    Decimal::ONE_HUNDRED - zhe * Decimal::TEN
}

/// `None` when the figure agrees with the benefit, or cannot be compared
/// (the value it would be compared with is invalid, or the type is unknown).
fn contradiction(benefit: &Sp<Benefit>, figure: &Figure) -> Option<Contradiction> {
    let b = &benefit.value;
    let kind = b.kind.get();
    match figure.kind {
        FigureKind::PercentOff => rate_contradiction(b, kind, figure.value),
        FigureKind::Zhe => rate_contradiction(b, kind, zhe_rate(figure.value)),
        FigureKind::AmountOff => match kind.map(|k| k.value) {
            Some(BenefitType::AmountOff) => {
                money_contradiction(&b.amount, "amount", figure.value, None)
            }
            Some(BenefitType::PercentOff) => Some(wrong_type(b, kind?)),
            None => None,
        },
        FigureKind::Cap => match (&b.max_discount, kind.map(|k| k.value)) {
            (Field::Absent, Some(BenefitType::AmountOff)) => money_contradiction(
                &b.amount,
                "amount",
                figure.value,
                Some("and there is no max_discount"),
            ),
            (Field::Absent, None) => None,
            (max_discount, _) => {
                money_contradiction(max_discount, "max_discount", figure.value, None).or_else(
                    || {
                        max_discount
                            .is_absent()
                            .then(|| not_configured(benefit, "max_discount"))
                    },
                )
            }
        },
        FigureKind::Threshold => money_contradiction(&b.min_spend, "min_spend", figure.value, None)
            .or_else(|| {
                b.min_spend
                    .is_absent()
                    .then(|| not_configured(benefit, "min_spend"))
            }),
    }
}

fn rate_contradiction(
    b: &Benefit,
    kind: Option<&Sp<BenefitType>>,
    advertised: Decimal,
) -> Option<Contradiction> {
    match kind?.value {
        BenefitType::PercentOff => {
            let rate = b.rate.get()?;
            (rate.value.0 != advertised).then(|| Contradiction {
                what: format!("benefit.rate is {}", rate.value),
                label: Some((rate.at.loc, format!("the benefit's rate is {}", rate.value))),
            })
        }
        BenefitType::AmountOff => Some(wrong_type(b, kind?)),
    }
}

/// An advertised amount compared with a money field: `None` when they agree
/// or the field is absent or invalid.
fn money_contradiction(
    field: &Field<Money>,
    name: &str,
    advertised: Decimal,
    note: Option<&str>,
) -> Option<Contradiction> {
    let value = field.get()?;
    value.value.cmp_decimal(&advertised).is_ne().then(|| {
        let note = note.map(|n| format!(" {n}")).unwrap_or_default();
        Contradiction {
            what: format!("benefit.{name} is {}{note}", value.value),
            label: Some((value.at.loc, format!("benefit.{name} is {}", value.value))),
        }
    })
}

/// A percent figure on `amount_off`, or an amount on `percent_off`.
fn wrong_type(b: &Benefit, kind: &Sp<BenefitType>) -> Contradiction {
    let (name, detail) = match kind.value {
        BenefitType::PercentOff => (
            "percent_off",
            b.rate
                .value()
                .map(|rate: &Percent| format!(" (rate {rate})"))
                .unwrap_or_default(),
        ),
        BenefitType::AmountOff => (
            "amount_off",
            b.amount
                .value()
                .map(|amount| format!(" (amount {amount})"))
                .unwrap_or_default(),
        ),
    };
    Contradiction {
        what: format!("the benefit is {name}{detail}"),
        label: Some((kind.at.loc, format!("the benefit is {name}"))),
    }
}

/// A cap or threshold the benefit does not configure.
fn not_configured(benefit: &Sp<Benefit>, name: &str) -> Contradiction {
    Contradiction {
        what: format!("the benefit has no {name}"),
        label: Some((
            benefit.at.key_or_value(),
            format!("this benefit configures no {name}"),
        )),
    }
}
