//! JSON Schemas of the campaign and template file formats.

/// The JSON Schema of a campaign file.
pub fn campaign() -> serde_json::Value {
    serde_json::json!({})
}

/// The JSON Schema of a template file.
pub fn template() -> serde_json::Value {
    serde_json::json!({})
}
