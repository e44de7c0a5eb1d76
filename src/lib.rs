//! promolint: a linter for promotion campaign configuration.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `walk -> load -> model -> resolve -> rules -> suppress -> report`.

pub mod finding;
pub mod load;
pub mod report;
pub mod rules;
pub mod source;
pub mod text;
