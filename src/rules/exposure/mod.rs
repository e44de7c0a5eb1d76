//! Exposure and programs (rule pack 2): what a payer can end up paying,
//! what one payment can take, government programs that do not exist, and
//! launching to everyone at once.

pub mod cap_ceiling;
pub mod full_rollout;
pub mod government_program;
mod payable_levels;
pub mod stacked_payable;
pub mod unknown_segment;
