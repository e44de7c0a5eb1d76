//! Benefit and funding rules.

pub mod rate_notation;
