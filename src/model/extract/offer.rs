//! What the campaign offers: the `benefit` (with its rate notations),
//! `funding`, `budget`, `display`, `stacking` and `controls` sections.

use super::{
    BENEFIT_KEYS, BUDGET_KEYS, CONTROLS_KEYS, DISPLAY_KEYS, FUNDING_KEYS, Fields, Reader,
    STACKING_KEYS, enum_message,
};
use crate::catalog::RATE_NOTATION;
use crate::finding::Edit;
use crate::model::types::*;
use crate::model::value::{Field, Percent, PercentError, Sp};

impl<'d> Reader<'d, '_, '_> {
    pub(super) fn offer(&mut self, fields: &mut Fields<'d>) -> Offer {
        Offer {
            currency: self.scalar_field(fields, "currency", |t| Ok(t.to_string())),
            audience: self.audience(fields),
            channels: self.channels(fields),
            benefit: self.benefit(fields),
            funding: self.funding(fields),
            budget: self.budget(fields),
            display: self.display(fields),
            stacking: self.stacking(fields),
            controls: self.controls(fields),
        }
    }

    fn benefit(&mut self, fields: &mut Fields<'d>) -> Field<Benefit> {
        let (section, inner) = self.section(fields, "benefit", BENEFIT_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let kind = self.scalar_field(&mut inner, "type", |t| match t {
            "percent_off" => Ok(BenefitType::PercentOff),
            "amount_off" => Ok(BenefitType::AmountOff),
            other => Err(enum_message("type", other, &["percent_off", "amount_off"])),
        });
        let rate = self.rate(&mut inner);
        let benefit = Benefit {
            kind,
            rate,
            amount: self.money(&mut inner, "amount"),
            max_discount: self.money(&mut inner, "max_discount"),
            min_spend: self.money(&mut inner, "min_spend"),
        };
        section.with(benefit)
    }

    fn rate(&mut self, fields: &mut Fields<'d>) -> Field<Percent> {
        let Some((slot, path)) = fields.take("rate") else {
            return fields.missing("rate");
        };
        let Some(text) = self.scalar_text(&slot, &path, "rate", "a percent string such as \"20%\"")
        else {
            return Field::Invalid(slot.at);
        };
        match Percent::parse(text) {
            Ok(p) => Field::Valid(Sp {
                value: p,
                at: slot.at,
            }),
            Err(PercentError::Range) => {
                self.invalid(
                    &slot.at,
                    &path,
                    format!("rate `{text}` must be greater than 0% and less than 100%"),
                );
                Field::Invalid(slot.at)
            }
            Err(PercentError::Notation) => {
                let help = rate_notation_help(text);
                let mut finding = self
                    .report(
                        &RATE_NOTATION,
                        &slot.at,
                        format!("rate `{text}` is not a percent string"),
                        &path,
                    )
                    .with_help(help);
                if let Some(percent) = rate_as_percent(text)
                    && slot.at.alias().is_none()
                {
                    let written = format!("\"{percent}%\"");
                    finding = finding.with_fix(
                        format!("write the rate as {written}"),
                        vec![Edit::replace(slot.at.loc, written)],
                    );
                }
                self.push(finding);
                Field::Invalid(slot.at)
            }
        }
    }

    fn funding(&mut self, fields: &mut Fields<'d>) -> Field<Funding> {
        let (section, inner) = self.section(fields, "funding", FUNDING_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let source = self.scalar_field(&mut inner, "source", |t| match t {
            "platform" => Ok(FundingSource::Platform),
            "merchant" => Ok(FundingSource::Merchant),
            "bank" => Ok(FundingSource::Bank),
            "government" => Ok(FundingSource::Government),
            other => Err(enum_message(
                "source",
                other,
                &["platform", "merchant", "bank", "government"],
            )),
        });
        let program_id = self.string(&mut inner, "program_id", true);
        section.with(Funding { source, program_id })
    }

    fn budget(&mut self, fields: &mut Fields<'d>) -> Field<Budget> {
        let (section, inner) = self.section(fields, "budget", BUDGET_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let budget = Budget {
            total: self.money(&mut inner, "total"),
            per_user: self.money(&mut inner, "per_user"),
            expected_redemptions: self.integer(&mut inner, "expected_redemptions", 1, u64::MAX),
        };
        section.with(budget)
    }

    fn display(&mut self, fields: &mut Fields<'d>) -> Field<Display> {
        let (section, inner) = self.section(fields, "display", DISPLAY_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let display = Display {
            label: self.text(&mut inner, "label", true),
            description: self.text(&mut inner, "description", false),
        };
        section.with(display)
    }

    fn stacking(&mut self, fields: &mut Fields<'d>) -> Field<Stacking> {
        let (section, inner) = self.section(fields, "stacking", STACKING_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let combinable = self.boolean(&mut inner, "combinable");
        section.with(Stacking { combinable })
    }

    fn controls(&mut self, fields: &mut Fields<'d>) -> Field<Controls> {
        let (section, inner) = self.section(fields, "controls", CONTROLS_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let kill_switch = self.boolean(&mut inner, "kill_switch");
        let rollout_percent = match self.integer(&mut inner, "rollout_percent", 1, 100) {
            Field::Valid(sp) => Field::Valid(Sp {
                value: u8::try_from(sp.value).unwrap_or(100),
                at: sp.at,
            }),
            Field::Invalid(at) => Field::Invalid(at),
            Field::Absent => Field::Absent,
        };
        section.with(Controls {
            kill_switch,
            rollout_percent,
        })
    }
}

fn rate_notation_help(text: &str) -> String {
    if let Some(paid) = zhe_tenths(text) {
        let off = rust_decimal::Decimal::ONE_HUNDRED - paid * rust_decimal::Decimal::TEN;
        return format!(
            "`{text}` means the payer pays {}%, i.e. a rate of \"{}%\" off: write `rate: \"{}%\"`",
            (paid * rust_decimal::Decimal::TEN).normalize(),
            off.normalize(),
            off.normalize()
        );
    }
    if let Some(n) = crate::model::value::parse_plain_decimal(text.trim()) {
        if n < rust_decimal::Decimal::ONE {
            let pct = (n * rust_decimal::Decimal::ONE_HUNDRED).normalize();
            return format!(
                "write the rate as a percent string: if `{text}` means {pct}%, write `rate: \"{pct}%\"`"
            );
        }
        return format!(
            "write the rate as a percent string, e.g. `rate: \"{}%\"` if `{text}` means {}%",
            n.normalize(),
            n.normalize()
        );
    }
    "write the rate as a percent string such as \"20%\"".into()
}

/// The percent a bare rate most likely means, for the (unsafe) fix: a
/// fraction below 1 is a share (`0.2` -> 20), a number from 1 up is a
/// percent already (`"20"` -> 20), a 折 figure is what is taken off (`8折`
/// -> 20). `None` when the result would not be a valid rate.
fn rate_as_percent(text: &str) -> Option<rust_decimal::Decimal> {
    let percent = match zhe_tenths(text) {
        Some(paid) => rust_decimal::Decimal::ONE_HUNDRED - paid * rust_decimal::Decimal::TEN,
        None => {
            let n = crate::model::value::parse_plain_decimal(text.trim())?;
            if n < rust_decimal::Decimal::ONE {
                n * rust_decimal::Decimal::ONE_HUNDRED
            } else {
                n
            }
        }
    };
    let percent = percent.normalize();
    (percent > rust_decimal::Decimal::ZERO && percent < rust_decimal::Decimal::ONE_HUNDRED)
        .then_some(percent)
}

/// `8折` -> 8, `8.5折` -> 8.5, `85折` -> 8.5, `八折` -> 8, `八五折` -> 8.5.
fn zhe_tenths(text: &str) -> Option<rust_decimal::Decimal> {
    let body = text.trim().strip_suffix('折')?;
    let body = body.strip_prefix('打').unwrap_or(body);
    let digits: String = body
        .chars()
        .map(|c| match c {
            '一' => Some('1'),
            '二' => Some('2'),
            '三' => Some('3'),
            '四' => Some('4'),
            '五' => Some('5'),
            '六' => Some('6'),
            '七' => Some('7'),
            '八' => Some('8'),
            '九' => Some('9'),
            '0'..='9' | '.' => Some(c),
            _ => None,
        })
        .collect::<Option<String>>()?;
    let value = crate::model::value::parse_plain_decimal(&digits)?;
    if digits.len() == 2 && !digits.contains('.') {
        return Some((value / rust_decimal::Decimal::TEN).normalize());
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zhe() {
        assert_eq!(zhe_tenths("8折").unwrap().to_string(), "8");
        assert_eq!(zhe_tenths("八五折").unwrap().to_string(), "8.5");
        assert_eq!(zhe_tenths("85折").unwrap().to_string(), "8.5");
        assert!(rate_notation_help("8折").contains("\"20%\""));
    }
}
