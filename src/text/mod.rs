//! Display text analysis: the pure text layer under the display-text rules
//! (`restricted-label`, `forbidden-wording`, `invisible-characters`,
//! `label-rate-mismatch`).
//!
//! Everything works on a decoded `&str` (a YAML scalar's value) and returns
//! byte ranges into that `&str`, on character boundaries; the caller maps
//! them to file positions.
//!
//! ```
//! use promolint::text::{FigureKind, TermSet, figures, invisible_runs, normalize};
//!
//! // Compile the policy's terms once, then check every text with them.
//! let restricted = TermSet::new(["政府补贴", "gov subsidy"])?;
//! let forbidden = TermSet::new(["0元购"])?;
//!
//! let label = "政\u{200B}府補貼：满100减20";
//! let normalized = normalize(label); // shared by both term sets
//! let found = restricted.find_in(&normalized);
//! assert_eq!(found.len(), 1);
//! assert_eq!(&label[found[0].range.clone()], "政\u{200B}府補貼");
//! assert!(forbidden.find_in(&normalized).is_empty());
//!
//! let runs = invisible_runs(label);
//! assert_eq!(&label[runs[0].range.clone()], "\u{200B}");
//!
//! let advertised = figures(label);
//! assert_eq!(advertised[0].kind, FigureKind::Threshold);
//! assert_eq!(&label[advertised[1].range.clone()], "减20");
//! # Ok::<(), promolint::text::TermSetError>(())
//! ```

mod figures;
mod invisible;
mod normalize;
#[cfg(test)]
mod proptests;
mod t2s_table;
mod terms;

pub use figures::{Figure, FigureKind, figures};
pub use invisible::{InvisibleRun, char_name, invisible_runs, is_invisible};
pub use normalize::{Folded, Normalized, normalize};
pub use terms::{TermMatch, TermSet, TermSetError};
