//! Channel and audience rules.

pub mod broad_audience;
pub mod forbidden_channel;
pub mod unknown_channel;
pub mod wildcard_channel;
