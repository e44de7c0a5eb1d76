//! Reading the policy keys of rule pack 2 (`limits.max_discount`,
//! `limits.rollout`, `programs`, `audience`), in the style of the rest of
//! the reader: every problem is collected with its span, and a malformed
//! entry is left out (the file is then an error, exit code 2).

use std::collections::BTreeMap;
use std::ops::Range;

use rust_decimal::Decimal;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::super::programs::{
    AudienceFile, EntryPosition, Program, RolloutFile, is_placeholder_program,
};
use super::limits::check_channel;
use super::{PolicyProblem, Reader, Reference, ReferenceKind, Slot, check_currency, place};
use crate::model::did_you_mean;
use crate::source::SourceFile;

const ROLLOUT_KEYS: &[&str] = &["first_percent"];
const AUDIENCE_KEYS: &[&str] = &["segments"];
const PROGRAM_KEYS: &[&str] = &[
    "id",
    "max_rate",
    "max_discount",
    "channels",
    "regions",
    "start",
    "end",
];

impl<'d> Reader<'d> {
    /// `limits.max_discount`: currency -> money.
    pub(super) fn max_discounts(
        &mut self,
        slot: Slot<'d>,
        path: &str,
    ) -> Option<BTreeMap<String, Decimal>> {
        self.keyed(slot, path, |reader, currency, value, path| {
            if let Err((message, help)) = check_currency(currency) {
                let problem = PolicyProblem::at(value.key_span(), message).with_help_opt(help);
                reader.push(problem);
                return None;
            }
            reader.references.push(Reference {
                kind: ReferenceKind::MaxDiscountCurrency,
                name: currency.to_string(),
                span: value.key_span(),
            });
            reader.money(value, path, currency)
        })
    }

    /// `limits.rollout`.
    pub(super) fn rollout(&mut self, slot: Slot<'d>, path: &str) -> Option<RolloutFile> {
        let mut fields = self.mapping(slot, path, ROLLOUT_KEYS)?;
        let first_percent = fields.take("first_percent").and_then(|(slot, path)| {
            let percent: u8 = self.positive_integer(slot, &path)?;
            if percent > 100 {
                let problem = self.value_problem(
                    slot,
                    format!(
                        "{} must be a whole percent from 1 to 100, not {percent}",
                        place(&path)
                    ),
                );
                self.push(problem);
                return None;
            }
            Some(percent)
        });
        Some(RolloutFile { first_percent })
    }

    /// `audience`.
    pub(super) fn audience(&mut self, slot: Slot<'d>, path: &str) -> Option<AudienceFile> {
        let mut fields = self.mapping(slot, path, AUDIENCE_KEYS)?;
        let segments = fields.take("segments").and_then(|(slot, path)| {
            self.string_list(slot, &path, &check_segment, false)
                .map(|list| list.into_iter().map(|(s, _)| s).collect())
        });
        Some(AudienceFile { segments })
    }

    /// `programs`: a list of program entries, each with an `id`.
    pub(super) fn programs(&mut self, slot: Slot<'d>, path: &str) -> Option<Vec<Program>> {
        let items = self.list_items(slot, path)?;
        let mut out = Vec::new();
        let mut ids: Vec<(String, Range<usize>)> = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let item_path = format!("{path}[{index}]");
            let problems_before = self.problems.len();
            let Some(mut fields) = self.mapping(item, &item_path, PROGRAM_KEYS) else {
                continue;
            };
            let id = fields.take("id").and_then(|(slot, path)| {
                let text = self.text(slot, &path)?;
                if let Err((message, help)) = check_program_id(text) {
                    let problem = self.value_problem(slot, message).with_help_opt(help);
                    self.push(problem);
                    return None;
                }
                if let Some((_, first)) = ids.iter().find(|(seen, _)| seen == text) {
                    let problem = self
                        .value_problem(slot, format!("program `{text}` is listed twice"))
                        .with_secondary(first.clone(), "first listed here");
                    self.push(problem);
                    return None;
                }
                ids.push((text.to_string(), slot.value_span()));
                Some(text.to_string())
            });
            let max_rate = fields
                .take("max_rate")
                .and_then(|(slot, path)| self.percent(slot, &path));
            let max_discount = fields
                .take("max_discount")
                .and_then(|(slot, path)| self.max_discounts(slot, &path));
            let channels = fields.take("channels").and_then(|(slot, path)| {
                let list = self.string_list(slot, &path, &check_channel, true)?;
                let mut names = Vec::with_capacity(list.len());
                for (name, span) in list {
                    self.references.push(Reference {
                        kind: ReferenceKind::ProgramChannel,
                        name: name.clone(),
                        span,
                    });
                    names.push(name);
                }
                Some(names)
            });
            let regions = fields.take("regions").and_then(|(slot, path)| {
                self.string_list(slot, &path, &check_region, true)
                    .map(|list| list.into_iter().map(|(s, _)| s).collect())
            });
            let start = fields
                .take("start")
                .and_then(|(slot, path)| self.timestamp(slot, &path));
            let end = fields.take("end").and_then(|(slot, path)| {
                let end = self.timestamp(slot, &path)?;
                if start.is_some_and(|start| end <= start) {
                    let problem = self
                        .value_problem(slot, format!("{} is not after `start`", place(&path)))
                        .with_help("a program runs from `start` to a later `end`");
                    self.push(problem);
                    return None;
                }
                Some(end)
            });
            let missing = self.require(item, &item_path, &[("id", id.is_some())]);
            // A malformed entry makes the file an error; nothing of it is used.
            if let (Some(id), false, true) = (id, missing, self.problems.len() == problems_before) {
                out.push(Program {
                    id,
                    max_rate,
                    max_discount: max_discount.unwrap_or_default(),
                    channels,
                    regions,
                    start,
                    end,
                    entry: EntryPosition {
                        offset: Some(item.value_span().start),
                        shown: None,
                    },
                });
            }
        }
        Some(out)
    }

    /// An RFC 3339 timestamp with a UTC offset.
    fn timestamp(&mut self, slot: Slot<'d>, path: &str) -> Option<OffsetDateTime> {
        let text = self.text(slot, path)?;
        let normalized = match text.get(10..11) {
            Some(" " | "t") => format!(
                "{}T{}",
                text.get(..10).unwrap_or(""),
                text.get(11..).unwrap_or("")
            ),
            _ => text.to_string(),
        };
        if let Ok(at) = OffsetDateTime::parse(&normalized, &Rfc3339) {
            return Some(at);
        }
        let problem = self
            .value_problem(
                slot,
                format!(
                    "{} must be an RFC 3339 timestamp with a UTC offset, not `{text}`",
                    place(path)
                ),
            )
            .with_help("write e.g. `2025-01-01T00:00:00+08:00`");
        self.push(problem);
        None
    }
}

/// Gives each program read from the file `name` its `path:line:column`.
pub(super) fn locate_programs(programs: &mut [Program], name: &str, text: &str) {
    let file = SourceFile::new(0, name.to_string(), text);
    for program in programs {
        if let (Some(offset), None) = (program.entry.offset, &program.entry.shown) {
            let at = file.line_col(u32::try_from(offset).unwrap_or(u32::MAX));
            program.entry.shown = Some(format!("{name}:{}:{}", at.line, at.column));
        }
    }
}

/// The problem of a currency that `limits.max_discount` or a program's
/// `max_discount` names but `currencies` does not list.
pub(super) fn unknown_currency(
    name: &str,
    span: Range<usize>,
    currencies: &[&str],
) -> PolicyProblem {
    PolicyProblem::at(
        span,
        format!("`max_discount` names `{name}`, which is not in `currencies`"),
    )
    .with_label("unknown currency")
    .with_help(match did_you_mean(name, currencies) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("add `{name}` to `currencies`"),
    })
}

/// The problem of a program channel in neither channel list.
pub(super) fn unknown_channel(name: &str, span: Range<usize>, channels: &[&str]) -> PolicyProblem {
    PolicyProblem::at(
        span,
        format!(
            "a program names channel `{name}`, which is in neither `channels.allowed` nor \
             `channels.forbidden`"
        ),
    )
    .with_label("unknown channel")
    .with_help(match did_you_mean(name, channels) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "add the channel to `channels.allowed`".to_string(),
    })
}

type CheckResult = Result<(), (String, Option<String>)>;

fn check_program_id(text: &str) -> CheckResult {
    if text.trim().is_empty() || text.chars().any(char::is_whitespace) {
        return Err((
            format!("`{text}` is not a program id"),
            Some("a program id is one word such as `GOV-TRADEIN-2025-SH`".into()),
        ));
    }
    if is_placeholder_program(text) {
        return Err((
            format!("`{text}` is a placeholder, not a program id"),
            Some("list only programs that exist, under the id their funder gave them".into()),
        ));
    }
    Ok(())
}

fn check_segment(text: &str) -> CheckResult {
    if text.is_empty() || text.chars().any(char::is_whitespace) {
        return Err((
            format!("`{text}` is not a segment id"),
            Some("a segment id is one word such as `new-users`".into()),
        ));
    }
    Ok(())
}

/// ISO 3166-2: two capital letters, `-`, one to three capitals or digits.
fn check_region(text: &str) -> CheckResult {
    let valid = text.split_once('-').is_some_and(|(country, sub)| {
        country.len() == 2
            && country.bytes().all(|b| b.is_ascii_uppercase())
            && (1..=3).contains(&sub.len())
            && sub
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    });
    if valid {
        Ok(())
    } else {
        Err((
            format!("`{text}` is not an ISO 3166-2 region code"),
            Some("write a code such as `CN-31`".into()),
        ))
    }
}
