//! Syntax and schema: rules reported while the YAML is read and the typed
//! model is extracted, before any policy-driven rule runs.

pub mod ambiguous_scalar;
pub mod duplicate_key;
pub mod invalid_decimal;
pub mod invalid_value;
pub mod missing_field;
pub mod unknown_field;
pub mod yaml_syntax;
