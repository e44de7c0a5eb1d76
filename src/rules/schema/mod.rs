//! Syntax and schema: rules reported while the YAML is read and the typed
//! model is extracted, before any policy-driven rule runs.

pub mod invalid_value;
pub mod missing_field;

use crate::catalog;

/// Whether a rule is one of this family, which a template gets on its own.
pub fn is_schema_rule(id: &str) -> bool {
    [
        &catalog::YAML_SYNTAX,
        &catalog::DUPLICATE_KEY,
        &catalog::UNKNOWN_FIELD,
        &catalog::MISSING_FIELD,
        &catalog::INVALID_VALUE,
        &catalog::AMBIGUOUS_SCALAR,
        &catalog::INVALID_DECIMAL,
    ]
    .iter()
    .any(|meta| meta.id == id)
}
