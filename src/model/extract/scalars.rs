//! Fields that hold one value: the campaign's identity fields (`apiVersion`,
//! `id`, `environment`, the patterned strings) and the readers of strings,
//! numbers, money, text and booleans that every section uses.

use std::fmt;

use super::{Fields, ItemPath, Reader, Slot, describe, enum_message};
use crate::catalog::{INVALID_DECIMAL, INVALID_VALUE};
use crate::finding::Edit;
use crate::load::{NodeId, NodeKind, Resolved, Style};
use crate::model::types::*;
use crate::model::value::{At, Field, Money, Sp};

impl<'d> Reader<'d, '_, '_> {
    pub(super) fn api_version(&mut self, fields: &mut Fields<'d>) -> Field<String> {
        self.scalar_field(fields, "apiVersion", |text| {
            if text == "promo/v1" {
                Ok(text.to_string())
            } else if text.starts_with("promo/") {
                Err(format!("apiVersion `{text}` is not a version promolint reads (promolint reads promo/v1)"))
            } else {
                Err(format!("apiVersion must be `promo/v1`, not `{text}`"))
            }
        })
    }

    pub(super) fn id(&mut self, fields: &mut Fields<'d>) -> Field<String> {
        self.pattern(fields, "id", is_id, "lowercase letters, digits and `-`, 3 to 64 characters, starting with a letter or digit")
    }

    pub(super) fn environment(&mut self, fields: &mut Fields<'d>) -> Field<Environment> {
        self.scalar_field(fields, "environment", |text| match text {
            "production" => Ok(Environment::Production),
            "staging" => Ok(Environment::Staging),
            "test" => Ok(Environment::Test),
            other => Err(enum_message(
                "environment",
                other,
                &["production", "staging", "test"],
            )),
        })
    }

    pub(super) fn pattern(
        &mut self,
        fields: &mut Fields<'d>,
        key: &str,
        valid: fn(&str) -> bool,
        expected: &str,
    ) -> Field<String> {
        self.scalar_field(fields, key, |text| {
            if valid(text) {
                Ok(text.to_string())
            } else {
                Err(format!("{key} `{text}` is not valid: expected {expected}"))
            }
        })
    }

    pub(super) fn string(
        &mut self,
        fields: &mut Fields<'d>,
        key: &str,
        non_empty: bool,
    ) -> Field<String> {
        self.scalar_field(fields, key, |text| {
            if non_empty && text.trim().is_empty() {
                Err(format!("{key} must not be empty"))
            } else {
                Ok(text.to_string())
            }
        })
    }

    /// A scalar field read by `parse`; anything else is `invalid-value`.
    pub(super) fn scalar_field<T>(
        &mut self,
        fields: &mut Fields<'d>,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Field<T> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        self.scalar_value(slot, &path, key, parse)
    }

    /// The text of a scalar value; anything else (a list, a mapping,
    /// nothing) is `invalid-value`: "`{key}` must be {expected}, not ...".
    pub(super) fn scalar_text(
        &mut self,
        slot: &Slot<'d>,
        path: &dyn fmt::Display,
        key: &str,
        expected: &str,
    ) -> Option<&'d str> {
        let text = match &slot.node.node.kind {
            NodeKind::Scalar(s) if !s.is_null() => Some(&*s.value),
            _ => None,
        };
        if text.is_none() {
            let found = describe(&slot.node.node.kind);
            if found == "nothing" {
                // An empty value has no text to point at: the key says it.
                let at = slot.at.with_loc(slot.at.key_or_value());
                let message = format!("`{key}` has no value: write {expected}, or remove the key");
                self.invalid(&at, path, message);
            } else {
                let message = format!("`{key}` must be {expected}, not {found}");
                self.invalid(&slot.at, path, message);
            }
        }
        text
    }

    /// The `i`-th item of a list, aliases followed, with its position as
    /// written.
    pub(super) fn list_item(&self, i: usize, item: NodeId) -> Option<(Resolved<'d>, At)> {
        let node = self.doc.resolve(item)?;
        let at = At::new(node.node.loc)
            .with_alias(node.alias)
            .with_index(u32::try_from(i).ok());
        Some((node, at))
    }

    fn scalar_value<T>(
        &mut self,
        slot: Slot<'d>,
        path: &dyn fmt::Display,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Field<T> {
        let Some(text) = self.scalar_text(&slot, path, key, "a single value") else {
            return Field::Invalid(slot.at);
        };
        match parse(text) {
            Ok(value) => Field::Valid(Sp { value, at: slot.at }),
            Err(message) => {
                self.invalid(&slot.at, path, message);
                Field::Invalid(slot.at)
            }
        }
    }

    /// A non-empty list of strings; bad items are reported and left out.
    /// `None` when the value is not a non-empty list (reported).
    pub(super) fn string_list(
        &mut self,
        slot: Slot<'d>,
        path: &dyn fmt::Display,
        key: &str,
        valid: fn(&str) -> bool,
    ) -> Option<Vec<Sp<String>>> {
        let NodeKind::Seq(items) = &slot.node.node.kind else {
            let found = describe(&slot.node.node.kind);
            self.invalid(&slot.at, path, format!("{key} must be a list, not {found}"));
            return None;
        };
        if items.is_empty() {
            self.invalid(&slot.at, path, format!("{key} must not be empty"));
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, &item) in items.iter().enumerate() {
            let Some((node, at)) = self.list_item(i, item) else {
                continue;
            };
            let item_path = ItemPath {
                list: path,
                index: i,
            };
            match &node.node.kind {
                NodeKind::Scalar(s) if !s.is_null() && valid(&s.value) => out.push(Sp {
                    value: s.value.to_string(),
                    at,
                }),
                NodeKind::Scalar(s) if !s.is_null() => {
                    self.invalid(
                        &at,
                        &item_path,
                        format!("`{}` is not a valid entry of {key}", s.value),
                    );
                }
                other => {
                    let found = describe(other);
                    self.invalid(
                        &at,
                        &item_path,
                        format!("an entry of {key} must be a string, not {found}"),
                    );
                }
            }
        }
        Some(out)
    }

    pub(super) fn money(&mut self, fields: &mut Fields<'d>, key: &str) -> Field<Money> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        let Some(text) = self.scalar_text(&slot, &path, key, "an amount such as \"12.50\"") else {
            return Field::Invalid(slot.at);
        };
        match Money::parse(text) {
            Some(m) => Field::Valid(Sp {
                value: m,
                at: slot.at,
            }),
            None => {
                let finding = self
                    .report(&INVALID_DECIMAL, &slot.at, format!("{key} `{text}` is not an exact non-negative decimal"), &path)
                    .with_help("write the amount as digits with an optional fraction, e.g. \"12.50\": no sign, exponent or underscores");
                self.push(finding);
                Field::Invalid(slot.at)
            }
        }
    }

    pub(super) fn integer(
        &mut self,
        fields: &mut Fields<'d>,
        key: &str,
        min: u64,
        max: u64,
    ) -> Field<u64> {
        self.scalar_field(fields, key, |t| match t.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) && t.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
            Ok(_) if max == u64::MAX => {
                Err(format!("{key} must be a positive whole number, not `{t}`"))
            }
            Ok(_) => Err(format!(
                "{key} must be a whole number from {min} to {max}, not `{t}`"
            )),
            Err(_) => Err(format!("{key} must be a whole number, not `{t}`")),
        })
    }

    pub(super) fn text(
        &mut self,
        fields: &mut Fields<'d>,
        key: &str,
        non_empty: bool,
    ) -> Field<Text> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        let style = slot.scalar().map(|s| s.style);
        let field = self.scalar_value(slot, &path, key, |t| {
            if non_empty && t.trim().is_empty() {
                Err(format!("{key} must not be empty"))
            } else {
                Ok(t.to_string())
            }
        });
        match (field, style) {
            (Field::Valid(sp), Some(style)) => Field::Valid(Sp {
                value: Text {
                    text: sp.value,
                    style,
                },
                at: sp.at,
            }),
            (Field::Valid(sp), None) => Field::Invalid(sp.at),
            (Field::Invalid(at), _) => Field::Invalid(at),
            (Field::Absent, _) => Field::Absent,
        }
    }

    pub(super) fn boolean(&mut self, fields: &mut Fields<'d>, key: &str) -> Field<bool> {
        let Some((slot, path)) = fields.take(key) else {
            return fields.missing(key);
        };
        let plain = slot
            .scalar()
            .is_some_and(|s| s.is_plain() || s.tag.as_deref() == Some("bool"));
        let quoted = slot.scalar().filter(|s| {
            matches!(s.style, Style::SingleQuoted | Style::DoubleQuoted) && s.tag.is_none()
        });
        if let Some(scalar) = quoted
            && matches!(&*scalar.value, "true" | "false")
            && slot.at.alias().is_none()
        {
            let t = &*scalar.value;
            let finding = self
                .report(
                    &INVALID_VALUE,
                    &slot.at,
                    format!(
                        "{key} must be the boolean `{t}`, not the quoted string \"{t}\": remove the quotes"
                    ),
                    &path,
                )
                .with_fix(
                    format!("write the boolean `{t}`"),
                    vec![Edit::replace(slot.at.loc, t)],
                );
            self.push(finding);
            return Field::Invalid(slot.at);
        }
        self.scalar_value(slot, &path, key, |t| match t {
            "true" | "True" | "TRUE" if plain => Ok(true),
            "false" | "False" | "FALSE" if plain => Ok(false),
            "true" | "false" => Err(format!(
                "{key} must be the boolean `{t}`, not the quoted string \"{t}\": remove the quotes"
            )),
            other => Err(format!("{key} must be `true` or `false`, not `{other}`")),
        })
    }
}

/// A segment id, or `"*"`, which a list may hold for everyone (RULES.md).
pub fn is_segment(text: &str) -> bool {
    is_id(text) || text == "*"
}

pub fn is_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    (3..=64).contains(&bytes.len())
        && bytes
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// `^[A-Z][A-Z0-9]+(-[0-9]+)+$`
pub fn is_approval(text: &str) -> bool {
    let mut parts = text.split('-');
    let head = parts.next().unwrap_or("");
    let head_ok = head.len() >= 2
        && head.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && head
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let mut numbers = 0;
    for part in parts {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        numbers += 1;
    }
    head_ok && numbers > 0
}

/// ISO 3166-2: a country code, `-`, and one to three letters or digits.
pub(super) fn is_region(text: &str) -> bool {
    match text.split_once('-') {
        Some((country, sub)) => {
            country.len() == 2
                && country.bytes().all(|b| b.is_ascii_uppercase())
                && (1..=3).contains(&sub.len())
                && sub
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(is_id("spring-cashback-2025"));
        assert!(!is_id("Spring"));
        assert!(!is_id("ab"));
        assert!(is_approval("MKT-2025-0113"));
        assert!(!is_approval("mkt-1"));
        assert!(!is_approval("MKT"));
        assert!(is_region("CN-31"));
        assert!(!is_region("CN"));
    }
}
