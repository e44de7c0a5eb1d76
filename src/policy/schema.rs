//! `promolint schema policy`: the JSON Schema (draft 2020-12) of the policy
//! file format, derived from the [`PolicyFile`] types so it follows them.
//!
//! The types below exist only for their schemas: the Rust fields hold parsed
//! values (`Percent`, `Decimal`), the file holds their text.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use super::file::PolicyFile;
use super::{FUNDING_SOURCES, RuleLevel, known_rule_ids};

/// The pattern of a percent string: what `Percent::parse` accepts (its range
/// check, more than 0% and less than 100%, is the parser's).
pub const PERCENT_PATTERN: &str = r"^(0|[1-9][0-9]*)(\.[0-9]+)?%$";
/// Money written as text: digits with an optional fraction.
pub const MONEY_PATTERN: &str = r"^[0-9]+(\.[0-9]+)?$";
/// The shape of an ISO 4217 code.
pub const CURRENCY_PATTERN: &str = "^[A-Z]{3}$";

/// The JSON Schema of a policy file.
pub fn policy_schema() -> Value {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<PolicyFile>();
    let mut value = schema.to_value();
    // Every key of a policy file is optional but none may be null: the
    // `Option`s of the Rust types mean "not set", which JSON expresses by
    // leaving the key out.
    strip_null(&mut value);
    value
}

/// Removes the `null` alternatives schemars adds for `Option` fields.
fn strip_null(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|t| t != "null");
                if let [single] = types.as_slice() {
                    let single = single.clone();
                    object.insert("type".into(), single);
                }
            }
            if let Some(Value::Array(values)) = object.get_mut("enum") {
                values.retain(|v| !v.is_null());
            }
            if let Some(Value::Array(options)) = object.get_mut("anyOf") {
                options.retain(|o| o.get("type").is_none_or(|t| t != "null"));
                if options.len() == 1
                    && let Some(Value::Object(only)) = options.pop()
                {
                    object.remove("anyOf");
                    merge_into(object, only);
                }
            }
            for child in object.values_mut() {
                strip_null(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// Adds `from`'s keys to `into`, keeping `into`'s own (its description).
fn merge_into(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        into.entry(key).or_insert(value);
    }
}

pub(super) struct PercentText;

impl JsonSchema for PercentText {
    fn schema_name() -> Cow<'static, str> {
        "Percent".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A percentage more than 0% and less than 100%, written as a string such as \"30%\".",
            "type": "string",
            "pattern": PERCENT_PATTERN,
        })
    }
}

/// A change-review factor (`change.rate_factor`): how many times the old
/// value the new one is.
pub(super) struct Factor;

impl JsonSchema for Factor {
    fn schema_name() -> Cow<'static, str> {
        "Factor".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How many times the old value the new one is, a plain number of at least 1 such as 2 or 1.5.",
            "type": "number",
            "minimum": 1,
        })
    }
}

pub(super) struct MoneyValue;

impl JsonSchema for MoneyValue {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An exact non-negative amount, preferably a string such as \"1500000.00\".",
            "anyOf": [
                { "type": "string", "pattern": MONEY_PATTERN },
                { "type": "number", "minimum": 0 },
            ],
        })
    }
}

pub(super) struct MaxTotals;

impl JsonSchema for MaxTotals {
    fn schema_name() -> Cow<'static, str> {
        "MaxTotals".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The largest `budget.total` per currency code.",
            "type": "object",
            "propertyNames": { "pattern": CURRENCY_PATTERN },
            "additionalProperties": generator.subschema_for::<MoneyValue>(),
        })
    }
}

pub(super) struct CurrencyCode;

impl JsonSchema for CurrencyCode {
    fn schema_name() -> Cow<'static, str> {
        "CurrencyCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An ISO 4217 currency code such as CNY.",
            "type": "string",
            "pattern": CURRENCY_PATTERN,
        })
    }
}

pub(super) struct RuleLevels;

impl JsonSchema for RuleLevels {
    fn schema_name() -> Cow<'static, str> {
        "RuleLevels".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Rule id -> error | warning | off.",
            "type": "object",
            "propertyNames": { "enum": known_rule_ids() },
            "additionalProperties": generator.subschema_for::<RuleLevel>(),
        })
    }
}

pub(super) struct FundingSourceName;

impl JsonSchema for FundingSourceName {
    fn schema_name() -> Cow<'static, str> {
        "FundingSource".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": FUNDING_SOURCES,
        })
    }
}

pub(super) struct ApiVersion;

impl JsonSchema for ApiVersion {
    fn schema_name() -> Cow<'static, str> {
        "ApiVersion".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "const": "promo/v1" })
    }
}

pub(super) struct PolicyKind;

impl JsonSchema for PolicyKind {
    fn schema_name() -> Cow<'static, str> {
        "PolicyKind".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "const": "Policy" })
    }
}

pub(super) struct TimestampText;

impl JsonSchema for TimestampText {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An RFC 3339 timestamp with an explicit UTC offset, such as 2025-01-01T00:00:00+08:00.",
            "type": "string",
            "format": "date-time",
        })
    }
}

pub(super) struct MaxDiscounts;

impl JsonSchema for MaxDiscounts {
    fn schema_name() -> Cow<'static, str> {
        "MaxDiscounts".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The most one payment may take per currency code.",
            "type": "object",
            "propertyNames": { "pattern": CURRENCY_PATTERN },
            "additionalProperties": generator.subschema_for::<MoneyValue>(),
        })
    }
}
