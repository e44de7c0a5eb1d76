//! Stage 3: the typed model of campaigns and templates, read from the tree.

mod extract;
pub mod schema;
mod types;
pub mod value;

pub use extract::{
    CAMPAIGN_KEYS, Extracted, TEMPLATE_KEYS, did_you_mean, escape_pointer, extract, is_ambiguous,
    is_approval, is_id,
};
pub use types::*;
pub use value::{At, Field, Money, Percent, Sp};
