//! `label-rate-mismatch`: display text advertises a figure that differs
//! from the benefit.

use crate::catalog::LABEL_RATE_MISMATCH as META;
use rust_decimal::Decimal;

use super::{DisplayText, display_texts, figures_in, shown};
use crate::finding::Finding;
use crate::model::{Benefit, BenefitType, Field, Money, Percent, Sp};
use crate::rules::CampaignCx;
use crate::source::Loc;
use crate::text::{Figure, FigureKind};

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(benefit) = &cx.campaign().offer.benefit else {
        return;
    };
    for text in display_texts(cx) {
        for figure in figures_in(text.text) {
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
