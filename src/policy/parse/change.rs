//! The `change` section: the thresholds of change review (REVIEW.md).

use rust_decimal::Decimal;

use super::{CHANGE_KEYS, Reader, Slot, place};
use crate::load::Style;
use crate::model::value::parse_plain_decimal;
use crate::policy::file::ChangeFile;

impl<'d> Reader<'d> {
    /// `change:`, the thresholds of change review.
    pub(super) fn change(&mut self, slot: Slot<'d>, path: &str) -> Option<ChangeFile> {
        let mut fields = self.mapping(slot, path, CHANGE_KEYS)?;
        Some(ChangeFile {
            rate_factor: fields
                .take("rate_factor")
                .and_then(|(slot, path)| self.factor(slot, &path)),
            rate_points: fields
                .take("rate_points")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            amount_factor: fields
                .take("amount_factor")
                .and_then(|(slot, path)| self.factor(slot, &path)),
            budget_factor: fields
                .take("budget_factor")
                .and_then(|(slot, path)| self.factor(slot, &path)),
        })
    }

    /// A plain number of at least 1 (`2`, `1.5`), unquoted.
    fn factor(&mut self, slot: Slot<'d>, path: &str) -> Option<Decimal> {
        let plain = slot.scalar().is_some_and(|s| {
            s.style == Style::Plain && s.tag.as_deref().is_none_or(|t| t == "int" || t == "float")
        });
        let text = self.text(slot, path)?;
        match parse_plain_decimal(text) {
            Some(value) if plain && value >= Decimal::ONE => Some(value),
            Some(_) if !plain => {
                let problem = self
                    .value_problem(
                        slot,
                        format!("{} must be a number, not a string", place(path)),
                    )
                    .with_help(format!("remove the quotes: `{text}`"));
                self.push(problem);
                None
            }
            _ => {
                let problem = self
                    .value_problem(
                        slot,
                        format!(
                            "{} must be a number of at least 1, not `{text}`",
                            place(path)
                        ),
                    )
                    .with_help("a factor says how many times the old value the new one is, e.g. 2");
                self.push(problem);
                None
            }
        }
    }
}
