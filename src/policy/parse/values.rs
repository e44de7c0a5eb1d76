//! The values a policy key holds: text, integers, booleans, percentages,
//! money and lists of strings.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{EntryCheck, Reader, Slot, describe, place};
use crate::load::{NodeKind, Style};
use crate::model::Percent;
use crate::model::value::{PercentError, decimal_places, minor_unit, parse_plain_decimal};

impl<'d> Reader<'d> {
    /// The text of a single value (any scalar but null).
    pub(super) fn text(&mut self, slot: Slot<'d>, path: &str) -> Option<&'d str> {
        match slot.scalar() {
            Some(s) => Some(&s.value),
            None => {
                let found = describe(&slot.node.node.kind);
                let problem = self.value_problem(
                    slot,
                    format!("{} must be a single value, not {found}", place(path)),
                );
                self.push(problem);
                None
            }
        }
    }

    pub(super) fn exact(&mut self, slot: Slot<'d>, path: &str, expected: &str) -> Option<String> {
        let text = self.text(slot, path)?;
        if text == expected {
            return Some(text.to_string());
        }
        let problem = self
            .value_problem(
                slot,
                format!("{} must be `{expected}`, not `{text}`", place(path)),
            )
            .with_help(format!("write `{path}: {expected}`, or leave it out"));
        self.push(problem);
        None
    }

    /// A positive whole number written as a plain YAML integer.
    pub(super) fn positive_integer<T: TryFrom<u64>>(
        &mut self,
        slot: Slot<'d>,
        path: &str,
    ) -> Option<T> {
        let scalar = slot.scalar();
        let text = self.text(slot, path)?;
        let is_number = scalar.is_some_and(|s| {
            s.style == Style::Plain && s.tag.as_deref().is_none_or(|t| t == "int")
        });
        // No leading zero: YAML 1.1 tools read `010` as octal.
        let digits = !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && !(text.len() > 1 && text.starts_with('0'));
        let value = digits
            .then(|| text.parse::<u64>().ok())
            .flatten()
            .filter(|n| *n > 0)
            .and_then(|n| T::try_from(n).ok());
        match value {
            Some(value) if is_number => Some(value),
            Some(_) => {
                let problem = self
                    .value_problem(
                        slot,
                        format!("{} must be a number, not a string", place(path)),
                    )
                    .with_help(format!("remove the quotes: `{text}`"));
                self.push(problem);
                None
            }
            None => {
                let problem = self.value_problem(
                    slot,
                    format!(
                        "{} must be a positive whole number, not `{text}`",
                        place(path)
                    ),
                );
                self.push(problem);
                None
            }
        }
    }

    /// `true` or `false`, plain (YAML 1.2 core schema).
    pub(super) fn boolean(&mut self, slot: Slot<'d>, path: &str) -> Option<bool> {
        let scalar = slot.scalar();
        let text = self.text(slot, path)?;
        let plain = scalar.is_some_and(|s| {
            s.style == Style::Plain && s.tag.as_deref().is_none_or(|t| t == "bool")
        });
        let value = match text {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        };
        match value {
            Some(value) if plain => Some(value),
            _ => {
                let problem = self
                    .value_problem(
                        slot,
                        format!("{} must be true or false, not `{text}`", place(path)),
                    )
                    .with_help("write `true` or `false` without quotes");
                self.push(problem);
                None
            }
        }
    }

    pub(super) fn percent(&mut self, slot: Slot<'d>, path: &str) -> Option<Percent> {
        let text = self.text(slot, path)?;
        match Percent::parse(text) {
            Ok(percent) => Some(percent),
            Err(PercentError::Notation) => {
                // A fraction such as 0.3 is the commonest mistake: say what it means.
                let help = match parse_plain_decimal(text) {
                    Some(fraction) if fraction > Decimal::ZERO && fraction < Decimal::ONE => {
                        let percent = (fraction * Decimal::ONE_HUNDRED).normalize();
                        format!("write a percent string: \"{percent}%\"")
                    }
                    _ => "write a percent string such as \"30%\"".to_string(),
                };
                let problem = self
                    .value_problem(
                        slot,
                        format!(
                            "{} must be a percent such as \"30%\", not `{text}`",
                            place(path)
                        ),
                    )
                    .with_help(help);
                self.push(problem);
                None
            }
            Err(PercentError::Range) => {
                let problem = self.value_problem(
                    slot,
                    format!(
                        "{} must be more than 0% and less than 100%, not `{text}`",
                        place(path)
                    ),
                );
                self.push(problem);
                None
            }
        }
    }

    /// An exact non-negative amount in `currency`, with at most its minor
    /// unit's decimal places.
    pub(super) fn money(&mut self, slot: Slot<'d>, path: &str, currency: &str) -> Option<Decimal> {
        let text = self.text(slot, path)?;
        let Some(amount) = parse_plain_decimal(text) else {
            let problem = self
                .value_problem(
                    slot,
                    format!("{} must be an exact amount, not `{text}`", place(path)),
                )
                .with_help("write digits with an optional fraction, e.g. \"1500000.00\"");
            self.push(problem);
            return None;
        };
        if let Some(places) = minor_unit(currency)
            && decimal_places(text) > places
        {
            let problem = self.value_problem(
                slot,
                format!(
                    "{} has more decimal places than {currency} has ({places})",
                    place(path)
                ),
            );
            self.push(problem);
            return None;
        }
        Some(amount)
    }

    /// A list of strings, each checked; `None` when the value is not a
    /// list. Bad entries are problems and left out.
    pub(super) fn string_list(
        &mut self,
        slot: Slot<'d>,
        path: &str,
        check: EntryCheck<'_>,
        non_empty: bool,
    ) -> Option<Vec<(String, Range<usize>)>> {
        let NodeKind::Seq(items) = &slot.node.node.kind else {
            let found = describe(&slot.node.node.kind);
            let problem = self
                .value_problem(slot, format!("{} must be a list, not {found}", place(path)))
                .with_help("write a list such as `[a, b]`, or `[]` for none");
            self.push(problem);
            return None;
        };
        if non_empty && items.is_empty() {
            let problem = self.value_problem(slot, format!("{} must not be empty", place(path)));
            self.push(problem);
            return None;
        }
        let mut out = Vec::new();
        for (index, item) in self.item_slots(slot).into_iter().enumerate() {
            let item_path = format!("{path}[{index}]");
            let Some(text) = self.text(item, &item_path) else {
                continue;
            };
            match check(text) {
                Ok(()) => out.push((text.to_string(), item.value_span())),
                Err((message, help)) => {
                    let problem = self.value_problem(item, message).with_help_opt(help);
                    self.push(problem);
                }
            }
        }
        Some(out)
    }
}
