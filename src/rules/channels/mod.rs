//! Channel and audience rules.

pub mod wildcard_channel;
