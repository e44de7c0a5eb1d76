//! The `channels` and `limits` sections.

use super::{
    BUDGET_KEYS, CHANNELS_KEYS, LIMITS_KEYS, RATE_CEILING_KEYS, Reader, Reference, ReferenceKind,
    SCHEDULE_KEYS, Slot, check_currency, suggestion,
};
use crate::policy::FUNDING_SOURCES;
use crate::policy::error::PolicyProblem;
use crate::policy::file::{BudgetFile, ChannelsFile, LimitsFile, RateCeilingFile, ScheduleFile};

impl<'d> Reader<'d> {
    pub(super) fn channels(&mut self, slot: Slot<'d>, path: &str) -> Option<ChannelsFile> {
        let mut fields = self.mapping(slot, path, CHANNELS_KEYS)?;
        let mut list = |reader: &mut Self, key: &str, kind: ReferenceKind| {
            let (slot, path) = fields.take(key)?;
            let list = reader.string_list(slot, &path, &check_channel, false)?;
            let mut names = Vec::with_capacity(list.len());
            for (name, span) in list {
                reader.references.push(Reference {
                    kind,
                    name: name.clone(),
                    span,
                });
                names.push(name);
            }
            Some(names)
        };
        let allowed = list(self, "allowed", ReferenceKind::AllowedChannel);
        let forbidden = list(self, "forbidden", ReferenceKind::ForbiddenChannel);
        Some(ChannelsFile { allowed, forbidden })
    }

    pub(super) fn limits(&mut self, slot: Slot<'d>, path: &str) -> Option<LimitsFile> {
        let mut fields = self.mapping(slot, path, LIMITS_KEYS)?;
        Some(LimitsFile {
            rate_ceiling: fields
                .take("rate_ceiling")
                .and_then(|(slot, path)| self.rate_ceiling(slot, &path)),
            broad_audience_rate: fields
                .take("broad_audience_rate")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            broad_audience_amount_share: fields
                .take("broad_audience_amount_share")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            stacked_rate_ceiling: fields
                .take("stacked_rate_ceiling")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            budget: fields
                .take("budget")
                .and_then(|(slot, path)| self.budget(slot, &path)),
            schedule: fields.take("schedule").and_then(|(slot, path)| {
                let mut fields = self.mapping(slot, &path, SCHEDULE_KEYS)?;
                Some(ScheduleFile {
                    max_duration_days: fields
                        .take("max_duration_days")
                        .and_then(|(slot, path)| self.positive_integer(slot, &path)),
                })
            }),
            max_discount: fields
                .take("max_discount")
                .and_then(|(slot, path)| self.max_discounts(slot, &path)),
            rollout: fields
                .take("rollout")
                .and_then(|(slot, path)| self.rollout(slot, &path)),
        })
    }

    fn rate_ceiling(&mut self, slot: Slot<'d>, path: &str) -> Option<RateCeilingFile> {
        let mut fields = self.mapping(slot, path, RATE_CEILING_KEYS)?;
        Some(RateCeilingFile {
            default: fields
                .take("default")
                .and_then(|(slot, path)| self.percent(slot, &path)),
            funding: fields.take("funding").and_then(|(slot, path)| {
                self.keyed(slot, &path, |reader, key, value, path| {
                    if !FUNDING_SOURCES.contains(&key) {
                        let problem = PolicyProblem::at(
                            value.key_span(),
                            format!(
                                "unknown funding source `{key}`: it is one of {}",
                                FUNDING_SOURCES.join(", ")
                            ),
                        )
                        .with_label("not a funding source")
                        .with_help_opt(suggestion(key, &FUNDING_SOURCES));
                        reader.push(problem);
                        return None;
                    }
                    reader.percent(value, path)
                })
            }),
            channels: fields.take("channels").and_then(|(slot, path)| {
                self.keyed(slot, &path, |reader, key, value, path| {
                    if let Err((message, help)) = check_channel(key) {
                        let problem =
                            PolicyProblem::at(value.key_span(), message).with_help_opt(help);
                        reader.push(problem);
                        return None;
                    }
                    reader.references.push(Reference {
                        kind: ReferenceKind::CeilingChannel,
                        name: key.to_string(),
                        span: value.key_span(),
                    });
                    reader.percent(value, path)
                })
            }),
        })
    }

    fn budget(&mut self, slot: Slot<'d>, path: &str) -> Option<BudgetFile> {
        let mut fields = self.mapping(slot, path, BUDGET_KEYS)?;
        Some(BudgetFile {
            require_total: fields
                .take("require_total")
                .and_then(|(slot, path)| self.boolean(slot, &path)),
            require_per_user: fields
                .take("require_per_user")
                .and_then(|(slot, path)| self.boolean(slot, &path)),
            max_total: fields.take("max_total").and_then(|(slot, path)| {
                self.keyed(slot, &path, |reader, currency, value, path| {
                    if let Err((message, help)) = check_currency(currency) {
                        let problem =
                            PolicyProblem::at(value.key_span(), message).with_help_opt(help);
                        reader.push(problem);
                        return None;
                    }
                    reader.references.push(Reference {
                        kind: ReferenceKind::MaxTotalCurrency,
                        name: currency.to_string(),
                        span: value.key_span(),
                    });
                    reader.money(value, path, currency)
                })
            }),
        })
    }
}

pub(super) fn check_channel(text: &str) -> Result<(), (String, Option<String>)> {
    if text.is_empty() || text.chars().any(char::is_whitespace) {
        return Err((
            format!("`{text}` is not a channel id"),
            Some("a channel id is one word such as `online-checkout`".into()),
        ));
    }
    Ok(())
}
