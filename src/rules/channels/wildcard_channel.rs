//! `wildcard-channel`: channels written as "everything".

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
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
};
