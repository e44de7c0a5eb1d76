//! promolint: a linter for promotion campaign configuration.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `walk -> load -> model -> resolve -> rules -> suppress -> report`;
//! [`engine`] runs it and [`cli`] is the command line around it. Below the
//! stages, [`catalog`] says what each rule is, [`source`] and [`finding`]
//! hold locations and diagnostics; imports go one way only
//! (docs/architecture.md, enforced by `tests/layers.rs`).

// No input may reach a panic: a bad file gets a finding, a tool failure exit
// code 2. Tests may unwrap.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod baseline;
pub mod cache;
pub mod catalog;
pub mod cli;
pub mod engine;
pub mod finding;
pub mod fix;
pub mod load;
pub mod model;
pub mod policy;
pub mod recognize;
pub mod regular_file;
pub mod report;
pub mod resolve;
pub mod review;
pub mod rules;
pub mod server;
pub mod source;
pub mod suppress;
pub mod text;
pub mod walk;
