//! The rule registry: every rule promolint knows, in one list.

mod meta;

pub use meta::RuleMeta;

/// Every rule, in the order of RULES.md.
pub fn all() -> &'static [&'static RuleMeta] {
    REGISTRY
}

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static RuleMeta> {
    REGISTRY.iter().copied().find(|r| r.id == id)
}

static REGISTRY: &[&RuleMeta] = &[];
