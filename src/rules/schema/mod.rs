//! Syntax and schema: rules reported while the YAML is read and the typed
//! model is extracted, before any policy-driven rule runs.

pub mod ambiguous_scalar;
pub mod duplicate_key;
pub mod invalid_decimal;
pub mod invalid_value;
pub mod missing_field;
pub mod unknown_field;
pub mod yaml_syntax;

/// Whether a rule is one of this family, which a template gets on its own.
pub fn is_schema_rule(id: &str) -> bool {
    [
        &yaml_syntax::META,
        &duplicate_key::META,
        &unknown_field::META,
        &missing_field::META,
        &invalid_value::META,
        &ambiguous_scalar::META,
        &invalid_decimal::META,
    ]
    .iter()
    .any(|meta| meta.id == id)
}
