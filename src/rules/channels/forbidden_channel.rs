//! `forbidden-channel`: a channel the policy forbids.

use crate::finding::{Finding, Severity};
use crate::model::Field;
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "forbidden-channel",
    default_severity: Severity::Error,
    summary: "a channel in channels.forbidden (person-to-person transfers, credit-card repayment...)",
    what: "Reports each channel of the campaign that is in the policy's `channels.forbidden`, \
           pointing at the list item; the message says what the channel is. A channel that is \
           forbidden is reported by this rule only, never also as `unknown-channel` (a channel \
           the policy lists as both allowed and forbidden is forbidden).",
    why: "Some payments are not purchases: a person-to-person transfer, a credit-card \
          repayment, a cash withdrawal or a wallet top-up moves the payer's own money, so a \
          discount on it is cash handed out, and it can be repeated at will. On 16 January \
          2025 a 20% discount reached person-to-person transfers and credit-card repayments; \
          that is where most of the loss came from.",
    bad: "channels: [online-checkout, merchant-qr, p2p-transfer]\n",
    good: "channels: [online-checkout, merchant-qr]\n",
    config: "The list is `channels.forbidden` in .promolint.yaml (built-in: p2p-transfer, \
             credit-card-repayment, cash-withdrawal, wallet-top-up); setting it replaces the \
             whole list. A sanctioned exception is suppressed on the line above the item: \
             `# promolint: disable-next-line=forbidden-channel -- pilot with the wallet team`.",
};

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
                &format!("/channels/{}", item.at.index.map_or(i, |w| w as usize)),
                message,
            )
            .with_help(format!("remove `{channel}` from `channels`")),
        );
    }
}
