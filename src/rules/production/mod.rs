//! Production safety: what a campaign needs before it may run in
//! `environment: production`.

pub mod missing_approval;
pub mod missing_kill_switch;
pub mod missing_owner;

use crate::model::{Environment, Sp};
use crate::rules::CampaignCx;

/// The `environment` value, when it is `production`.
fn production<'a>(cx: &'a CampaignCx) -> Option<&'a Sp<Environment>> {
    cx.campaign()
        .environment
        .get()
        .filter(|env| env.value == Environment::Production)
}
