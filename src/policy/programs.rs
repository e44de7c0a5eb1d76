//! The policy keys of rule pack 2 (POLICY.md): `limits.max_discount`,
//! `limits.rollout`, `programs` and `audience.segments`. Their types, their
//! merge into the effective policy, and how `promolint policy` prints them
//! live here; reading them from a file is `parse/programs.rs`.

use std::collections::BTreeMap;
use std::fmt::Write;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::schema::{MaxDiscounts, PercentText, TimestampText};
use crate::model::Percent;

/// `limits.rollout`: how a broad launch starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RolloutLimits {
    /// full-rollout: a production launch to audience `all` starts at most
    /// this share of payers (`controls.rollout_percent`).
    pub first_percent: u8,
}

/// `limits.rollout` as a file sets it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RolloutFile {
    /// full-rollout: a production launch to audience `all` starts at most this share (1 to 100).
    #[schemars(range(min = 1, max = 100))]
    pub first_percent: Option<u8>,
}

/// `audience`: what the policy knows of audiences.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AudiencePolicy {
    /// Known segment ids; when not empty, unknown-segment checks against them.
    pub segments: Vec<String>,
}

/// `audience` as a file sets it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AudienceFile {
    /// Known segment ids; when set (not empty), unknown-segment checks against them (replaces the default list).
    pub segments: Option<Vec<String>>,
}

/// A government program (`programs`): the terms a campaign funded by it
/// must stay within. A term left out is not checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// The id campaigns write as `funding.program_id`.
    pub id: String,
    /// The highest `benefit.rate` the program funds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<PercentText>")]
    pub max_rate: Option<Percent>,
    /// The highest `max_discount` per currency.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(with = "Option<MaxDiscounts>")]
    pub max_discount: BTreeMap<String, Decimal>,
    /// The channels the program funds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<String>>,
    /// The regions (ISO 3166-2) the program funds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<String>>,
    /// The program runs from this instant (RFC 3339 with a UTC offset).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "timestamp")]
    #[schemars(with = "Option<TimestampText>")]
    pub start: Option<OffsetDateTime>,
    /// The program runs until this instant.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "timestamp")]
    #[schemars(with = "Option<TimestampText>")]
    pub end: Option<OffsetDateTime>,
    /// Where the entry is written, for messages.
    #[serde(skip)]
    #[schemars(skip)]
    pub entry: EntryPosition,
}

fn timestamp<S: Serializer>(value: &Option<OffsetDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match value.and_then(|t| t.format(&Rfc3339).ok()) {
        Some(text) => s.serialize_str(&text),
        None => s.serialize_none(),
    }
}

/// Where a policy entry is written: `path:line:column`, once the file's
/// name is known. Not part of the policy's value (two policies that differ
/// only in layout are equal).
#[derive(Clone, Debug, Default)]
pub struct EntryPosition {
    /// Byte offset of the entry in its policy file.
    pub offset: Option<usize>,
    /// `.promolint.yaml:14:5`.
    pub shown: Option<String>,
}

impl PartialEq for EntryPosition {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for EntryPosition {}

impl Program {
    /// The program's position in the policy, for messages: ` (.promolint.yaml:14:5)`.
    pub fn written_at(&self) -> String {
        self.entry
            .shown
            .as_ref()
            .map(|at| format!(" ({at})"))
            .unwrap_or_default()
    }
}

/// The placeholders `government-program` refuses as a `program_id`
/// (RULES.md), compared ignoring case.
pub const PROGRAM_PLACEHOLDERS: [&str; 7] = ["TBD", "TODO", "N/A", "NA", "XXX", "NONE", "-"];

pub fn is_placeholder_program(id: &str) -> bool {
    PROGRAM_PLACEHOLDERS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(id.trim()))
}

/// Writes the pack 2 `limits` keys, at two spaces (inside `limits:`).
pub(super) fn write_limits(
    out: &mut String,
    max_discount: &BTreeMap<String, Decimal>,
    rollout: &RolloutLimits,
    text_map: impl Fn(&mut String, &str, &BTreeMap<String, Decimal>, usize) -> std::fmt::Result,
) -> std::fmt::Result {
    text_map(out, "max_discount", max_discount, 2)?;
    writeln!(out, "  rollout:")?;
    writeln!(out, "    first_percent: {}", rollout.first_percent)
}

/// Writes `programs` and `audience` as top-level sections.
pub(super) fn write_sections(
    out: &mut String,
    programs: &[Program],
    audience: &AudiencePolicy,
    scalar: impl Fn(&str) -> String,
    quoted: impl Fn(&str) -> String,
    flow_list: impl Fn(&[String]) -> String,
) -> std::fmt::Result {
    if programs.is_empty() {
        writeln!(out, "\nprograms: []")?;
    } else {
        writeln!(out, "\nprograms:")?;
        for program in programs {
            writeln!(out, "  - id: {}", scalar(&program.id))?;
            if let Some(rate) = program.max_rate {
                writeln!(out, "    max_rate: {}", quoted(&rate.to_string()))?;
            }
            if !program.max_discount.is_empty() {
                let entries: Vec<String> = program
                    .max_discount
                    .iter()
                    .map(|(currency, amount)| {
                        format!("{}: {}", scalar(currency), quoted(&amount.to_string()))
                    })
                    .collect();
                writeln!(out, "    max_discount: {{ {} }}", entries.join(", "))?;
            }
            if let Some(channels) = &program.channels {
                writeln!(out, "    channels: {}", flow_list(channels))?;
            }
            if let Some(regions) = &program.regions {
                writeln!(out, "    regions: {}", flow_list(regions))?;
            }
            for (key, at) in [("start", program.start), ("end", program.end)] {
                if let Some(text) = at.and_then(|t| t.format(&Rfc3339).ok()) {
                    writeln!(out, "    {key}: {text}")?;
                }
            }
        }
    }
    writeln!(out, "\naudience:")?;
    writeln!(out, "  segments: {}", flow_list(&audience.segments))
}
