//! Display text analysis: the pure text layer under the display-text rules
//! (`restricted-label`, `forbidden-wording`, `invisible-characters`,
//! `label-rate-mismatch`).
//!
//! Everything works on a decoded `&str` (a YAML scalar's value) and returns
//! byte ranges into that `&str`, on character boundaries; the caller maps
//! them to file positions.

mod figures;
mod invisible;
mod normalize;
#[cfg(test)]
mod proptests;
mod t2s_table;
mod terms;

pub use figures::{Figure, FigureKind, figures};
pub use invisible::{InvisibleRun, char_name, invisible_runs, is_invisible};
pub use normalize::{Normalized, normalize};
pub use terms::{TermMatch, TermSet, TermSetError};
