//! Channel and audience rules.

pub mod broad_audience;
pub mod forbidden_channel;
pub mod unknown_channel;
