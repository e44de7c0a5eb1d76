//! `forbidden-channel`: a channel the policy forbids.

use crate::catalog::FORBIDDEN_CHANNEL as META;
use crate::finding::Finding;
use crate::model::Field;
use crate::rules::CampaignCx;

/// What a forbidden channel of the built-in policy is, for the message.
fn what_it_is(channel: &str) -> Option<&'static str> {
    Some(match channel {
        "p2p-transfer" => "person-to-person transfers",
        "credit-card-repayment" => "credit-card repayments",
        "cash-withdrawal" => "cash withdrawals",
        "wallet-top-up" => "wallet top-ups",
        _ => return None,
    })
}

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(channels) = &cx.campaign().offer.channels else {
        return;
    };
    let forbidden = &cx.policy.channels.forbidden;
    for (i, item) in channels.value.iter().enumerate() {
        if !forbidden.contains(&item.value) {
            continue;
        }
        let channel = &item.value;
        let message = match what_it_is(channel) {
            Some(what) => format!(
                "channel `{channel}` is forbidden: a discount on {what} hands out money, not a price cut (policy: channels.forbidden)"
            ),
            None => format!(
                "channel `{channel}` is forbidden for promotions (policy: channels.forbidden)"
            ),
        };
        out.push(
            cx.finding(
                &META,
                &item.at,
                &format!("/channels/{}", item.at.index().map_or(i, |w| w as usize)),
                message,
            )
            .with_help(format!("remove `{channel}` from `channels`")),
        );
    }
}
