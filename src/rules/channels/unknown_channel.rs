//! `unknown-channel`: a channel in neither of the policy's lists.

use crate::catalog::UNKNOWN_CHANNEL as META;
use crate::finding::Finding;
use crate::model::{Field, did_you_mean};
use crate::rules::CampaignCx;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(channels) = &cx.campaign().offer.channels else {
        return;
    };
    let lists = &cx.policy.channels;
    let known: Vec<&str> = lists
        .allowed
        .iter()
        .chain(&lists.forbidden)
        .map(String::as_str)
        .collect();
    for (i, item) in channels.value.iter().enumerate() {
        let channel = item.value.as_str();
        if known.contains(&channel) {
            continue;
        }
        let hint = suggest(channel, &known);
        let hint_forbidden = hint.is_some_and(|k| lists.forbidden.iter().any(|f| f == k));
        let mut message = format!(
            "unknown channel `{channel}`: not in the policy's channels.allowed or channels.forbidden"
        );
        match hint {
            Some(k) if hint_forbidden => {
                message.push_str(&format!(" (did you mean `{k}`? that channel is forbidden)"));
            }
            Some(k) => message.push_str(&format!(" (did you mean `{k}`?)")),
            None => {}
        }
        let help = match hint {
            Some(_) if hint_forbidden => format!("remove `{channel}` from `channels`"),
            Some(k) => format!("write `{k}`"),
            None => format!(
                "use a channel id of `channels.allowed` ({}), or add `{channel}` to it in .promolint.yaml",
                lists.allowed.join(", ")
            ),
        };
        out.push(
            cx.finding(
                &META,
                &item.at,
                &format!("/channels/{}", item.at.index().map_or(i, |w| w as usize)),
                message,
            )
            .with_help(help),
        );
    }
}

/// A known channel close to `channel`: within the usual "did you mean"
/// distance, or else the one known id that it extends or abbreviates
/// (`merchant-qrcode` -> `merchant-qr`, `bill` -> `bill-payment`).
fn suggest<'k>(channel: &str, known: &[&'k str]) -> Option<&'k str> {
    if let Some(k) = did_you_mean(channel, known) {
        return Some(k);
    }
    let folded = channel.to_ascii_lowercase();
    let mut related = known.iter().filter(|k| {
        let k = k.to_ascii_lowercase();
        let (short, long) = if k.len() < folded.len() {
            (k.as_str(), folded.as_str())
        } else {
            (folded.as_str(), k.as_str())
        };
        short.len() >= 4 && long.starts_with(short)
    });
    match (related.next(), related.next()) {
        (Some(k), None) => Some(*k),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::suggest;

    const KNOWN: &[&str] = &[
        "online-checkout",
        "merchant-qr",
        "in-app-purchase",
        "bill-payment",
        "mobile-top-up",
        "offline-pos",
        "p2p-transfer",
        "credit-card-repayment",
        "cash-withdrawal",
        "wallet-top-up",
    ];

    #[test]
    fn suggestions() {
        assert_eq!(suggest("merchant-qrcode", KNOWN), Some("merchant-qr"));
        assert_eq!(suggest("onlne-checkout", KNOWN), Some("online-checkout"));
        assert_eq!(suggest("bill", KNOWN), Some("bill-payment"));
        assert_eq!(suggest("Merchant-QR", KNOWN), Some("merchant-qr"));
        assert_eq!(suggest("gift-cards", KNOWN), None);
        assert_eq!(suggest("top", KNOWN), None);
    }
}
