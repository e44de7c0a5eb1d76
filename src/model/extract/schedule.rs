//! The `schedule` section: start and end timestamps with their offsets.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Fields, Reader, SCHEDULE_KEYS};
use crate::catalog::SCHEDULE_TIMEZONE;
use crate::model::types::*;
use crate::model::value::{Field, Sp};

impl<'d> Reader<'d, '_, '_> {
    pub(super) fn schedule(&mut self, fields: &mut Fields<'d>) -> Field<Schedule> {
        let (section, inner) = self.section(fields, "schedule", SCHEDULE_KEYS);
        let Some(mut inner) = inner else {
            return section.map_invalid();
        };
        let schedule = Schedule {
            start: self.timestamp(&mut inner, "start"),
            end: self.timestamp(&mut inner, "end"),
        };
        section.with(schedule)
    }

    fn timestamp(&mut self, fields: &mut Fields<'d>, key: &str) -> Field<OffsetDateTime> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        let Some(text) = self.scalar_text(&slot, &path, key, "a timestamp") else {
            return Field::Invalid(slot.at);
        };
        match parse_timestamp(text) {
            Ok(t) => Field::Valid(Sp {
                value: t,
                at: slot.at,
            }),
            Err(TimestampError::NoOffset) => {
                let finding = self
                    .report(
                        &SCHEDULE_TIMEZONE,
                        &slot.at,
                        format!("timestamp `{text}` has no UTC offset"),
                        &path,
                    )
                    .with_help(
                        "add the offset the campaign is meant for, e.g. `+08:00`, or `Z` for UTC",
                    );
                self.push(finding);
                Field::Invalid(slot.at)
            }
            Err(TimestampError::Invalid) => {
                self.invalid(
                    &slot.at,
                    &path,
                    format!(
                        "`{text}` is not an RFC 3339 timestamp such as `2025-01-20T00:00:00+08:00`"
                    ),
                );
                Field::Invalid(slot.at)
            }
        }
    }
}

enum TimestampError {
    NoOffset,
    Invalid,
}

fn parse_timestamp(text: &str) -> Result<OffsetDateTime, TimestampError> {
    let normalized = match text.get(10..11) {
        Some(" ") | Some("t") => format!(
            "{}T{}",
            text.get(..10).unwrap_or(""),
            text.get(11..).unwrap_or("")
        ),
        _ => text.to_string(),
    };
    if let Ok(t) = OffsetDateTime::parse(&normalized, &Rfc3339) {
        return Ok(t);
    }
    // Looks like a date or a local date-time: the offset is what is missing.
    let with_offset = if normalized.len() == 10 {
        format!("{normalized}T00:00:00Z")
    } else {
        format!("{normalized}Z")
    };
    if OffsetDateTime::parse(&with_offset, &Rfc3339).is_ok() {
        return Err(TimestampError::NoOffset);
    }
    Err(TimestampError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert!(parse_timestamp("2025-01-20T00:00:00+08:00").is_ok());
        assert!(parse_timestamp("2025-01-20 00:00:00Z").is_ok());
        assert!(matches!(
            parse_timestamp("2025-01-20T00:00:00"),
            Err(TimestampError::NoOffset)
        ));
        assert!(matches!(
            parse_timestamp("2025-01-20"),
            Err(TimestampError::NoOffset)
        ));
        assert!(matches!(
            parse_timestamp("next monday"),
            Err(TimestampError::Invalid)
        ));
    }
}
