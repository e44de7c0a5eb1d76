//! promolint: a linter for promotion campaign configuration.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `walk -> load -> model -> resolve -> rules -> suppress -> report`;
//! [`engine`] runs it and [`cli`] is the command line around it.

pub mod cli;
pub mod engine;
pub mod finding;
pub mod load;
pub mod model;
pub mod policy;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod text;
pub mod walk;
