//! Budget and schedule rules.

pub mod schedule_timezone;
