//! Rules about the suppression comments themselves. Their findings are made
//! by the suppression stage (`crate::suppress`), after every other rule has
//! run, since only then is it known what each comment suppressed.

pub mod suppression_reason;
pub mod unused_suppression;
