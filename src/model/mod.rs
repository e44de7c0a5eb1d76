//! Stage 3: the typed model of campaigns and templates, read from the tree.

mod budget;
mod extract;
pub mod schema;
mod types;
pub mod value;

pub use budget::FindingBudget;
pub use extract::{
    CAMPAIGN_KEYS, Extracted, TEMPLATE_KEYS, did_you_mean, escape_pointer, extract, extract_within,
    is_ambiguous, is_approval, is_id,
};
pub use types::*;
pub use value::{At, Field, Money, Percent, Sp};
