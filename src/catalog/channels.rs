//! Channels and audience.

use super::{RuleMeta, Severity};

pub static FORBIDDEN_CHANNEL: RuleMeta = RuleMeta {
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
    fix: None,
};

pub static UNKNOWN_CHANNEL: RuleMeta = RuleMeta {
    id: "unknown-channel",
    default_severity: Severity::Error,
    summary: "a channel in neither channels.allowed nor channels.forbidden",
    what: "Reports each channel of the campaign that is in neither `channels.allowed` nor \
           `channels.forbidden` of the policy, pointing at the list item, with \"did you \
           mean\" when a known channel is close (`merchant-qrcode` -> `merchant-qr`). A \
           forbidden channel is `forbidden-channel` only, and `\"*\"` is `wildcard-channel` \
           only: each bad item gets one finding.",
    why: "The payment platform matches channel ids exactly: a misspelt channel silently \
          matches nothing (the campaign does not run where it was meant to), and a channel \
          nobody classified has never been reviewed for whether discounting it is safe. The \
          16 January 2025 incident reached channels nobody had meant to include; every \
          channel a campaign names must be one the policy has decided on.",
    bad: "channels: [online-checkout, merchant-qrcode]\n",
    good: "channels: [online-checkout, merchant-qr]\n",
    config: "A new channel is added to `channels.allowed` (or `channels.forbidden`) in \
             .promolint.yaml; setting a list replaces the built-in one whole, so list every \
             channel.",
    fix: None,
};

pub static WILDCARD_CHANNEL: RuleMeta = RuleMeta {
    id: "wildcard-channel",
    default_severity: Severity::Error,
    summary: "channels written as `all`, \"*\" or containing \"*\"",
    what: "Reports `channels: all`, `channels: \"*\"`, or a channel list that contains `\"*\"`. \
           Every campaign must list the payment channels it applies to.",
    why: "A wildcard includes the channels nobody meant to discount: in the 16 January 2025 \
          incident a 20% discount reached person-to-person transfers and credit-card \
          repayments because the campaign applied to every payment.",
    bad: "channels: \"*\"\n",
    good: "channels: [online-checkout, merchant-qr]\n",
    config: "",
    fix: None,
};

pub static BROAD_AUDIENCE: RuleMeta = RuleMeta {
    id: "broad-audience",
    default_severity: Severity::Warning,
    summary: "audience `all` with a rate or amount above the broad-audience limits",
    what: "Reports `audience.segments: all` (or a segment list holding `all`, `everyone` or \
           `\"*\"`) together with a benefit that is generous for \
           everyone: a `rate` above `limits.broad_audience_rate`, or an `amount_off` whose \
           `amount` is over `limits.broad_audience_amount_share` of `min_spend`, or that has \
           no `min_spend` at all. It points at the `segments` value, with a label on the rate \
           or amount. Values that could not be read are not compared (a `min_spend` that is \
           present but unreadable is not taken as absent).",
    why: "A campaign for everyone multiplies whatever is wrong with it by the whole user \
          base. On 16 January 2025 the 20% discount reached nearly every payer at once: five \
          minutes were enough. A generous benefit for everyone should be a deliberate, \
          reviewed decision, not the default audience.",
    bad: "audience:\n  segments: all\nbenefit:\n  type: percent_off\n  rate: \"10%\"\n  \
          max_discount: \"20.00\"\n",
    good: "audience:\n  segments: [new-users, dormant-90d]\nbenefit:\n  type: percent_off\n  \
           rate: \"10%\"\n  max_discount: \"20.00\"\n",
    config: "A warning by default. The limits are `limits.broad_audience_rate` (built-in 5%) \
             and `limits.broad_audience_amount_share` (built-in 10%) in .promolint.yaml.",
    fix: None,
};
