//! The rule registry: every rule promolint knows, in one list.

pub mod benefit;
pub mod channels;
mod meta;
pub mod schedule;
pub mod schema;

pub use meta::RuleMeta;

/// Every rule, in the order of RULES.md.
pub fn all() -> &'static [&'static RuleMeta] {
    REGISTRY
}

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static RuleMeta> {
    REGISTRY.iter().copied().find(|r| r.id == id)
}

static REGISTRY: &[&RuleMeta] = &[
    &schema::yaml_syntax::META,
    &schema::duplicate_key::META,
    &schema::unknown_field::META,
    &schema::missing_field::META,
    &schema::invalid_value::META,
    &schema::ambiguous_scalar::META,
    &schema::invalid_decimal::META,
    &benefit::rate_notation::META,
    &channels::wildcard_channel::META,
    &schedule::schedule_timezone::META,
];
