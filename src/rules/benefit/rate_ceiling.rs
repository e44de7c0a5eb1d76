//! `rate-ceiling`: the rate is above the lowest ceiling that applies to the
//! campaign (POLICY.md, "Rate ceilings").

use crate::catalog::RATE_CEILING as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field, Offer, Percent};
use crate::policy::Policy;
use crate::rules::CampaignCx;
use crate::source::Loc;

/// What set the ceiling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `limits.rate_ceiling.funding.<source>`, from the `funding.source` value.
    Funding { source: &'static str, at: Loc },
    /// `limits.rate_ceiling.channels.<channel>`, from a channel list item.
    Channel { channel: String, at: Loc },
    /// `limits.rate_ceiling.default`: nothing narrower applies.
    Default,
}

/// The ceiling that applies to a campaign, and the entry that set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ceiling {
    pub rate: Percent,
    pub source: Source,
}

impl Ceiling {
    /// The policy key the ceiling comes from.
    pub fn policy_key(&self) -> String {
        match &self.source {
            Source::Funding { source, .. } => format!("limits.rate_ceiling.funding.{source}"),
            Source::Channel { channel, .. } => format!("limits.rate_ceiling.channels.{channel}"),
            Source::Default => "limits.rate_ceiling.default".to_string(),
        }
    }

    /// "the 5% ceiling for channel bill-payment", for messages.
    fn describe(&self) -> String {
        match &self.source {
            Source::Funding { source, .. } => {
                format!("the {} ceiling for {source} funding", self.rate)
            }
            Source::Channel { channel, .. } => {
                format!("the {} ceiling for channel {channel}", self.rate)
            }
            Source::Default => format!("the {} default ceiling", self.rate),
        }
    }
}

/// The lowest applicable ceiling (POLICY.md): the `funding.source` entry and
/// each channel's entry, the first lowest winning a tie (funding, then the
/// channels in list order); `default` only when no entry applies and nothing
/// unknown (unreadable, or possibly from an unknown template) could have
/// brought one in. `None` when the ceiling cannot be known.
pub fn ceiling(offer: &Offer, policy: &Policy, template_unknown: bool) -> Option<Ceiling> {
    let table = &policy.limits.rate_ceiling;
    let mut lowest: Option<Ceiling> = None;
    let mut consider = |candidate: Ceiling| {
        if lowest.as_ref().is_none_or(|l| candidate.rate < l.rate) {
            lowest = Some(candidate);
        }
    };

    // Whether every value that could bring in an entry is known.
    let mut complete = true;
    match &offer.funding {
        Field::Valid(funding) => match &funding.value.source {
            Field::Valid(source) => {
                let name = source.value.as_str();
                if let Some(rate) = table.funding.get(name) {
                    consider(Ceiling {
                        rate: *rate,
                        source: Source::Funding {
                            source: name,
                            at: source.at.loc,
                        },
                    });
                }
            }
            Field::Invalid(_) => complete = false,
            Field::Absent => complete &= !template_unknown,
        },
        Field::Invalid(_) => complete = false,
        Field::Absent => complete &= !template_unknown,
    }
    match &offer.channels {
        Field::Valid(list) => {
            for item in &list.value {
                if let Some(rate) = table.channels.get(&item.value) {
                    consider(Ceiling {
                        rate: *rate,
                        source: Source::Channel {
                            channel: item.value.clone(),
                            at: item.at.loc,
                        },
                    });
                }
            }
        }
        Field::Invalid(_) => complete = false,
        Field::Absent => complete &= !template_unknown,
    }

    // More entries can only lower the ceiling, so the lowest known entry is
    // a bound even when some values are unknown; the default is not.
    match lowest {
        Some(found) => Some(found),
        None if complete => Some(Ceiling {
            rate: table.default,
            source: Source::Default,
        }),
        None => None,
    }
}

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let offer = &cx.campaign().offer;
    let Field::Valid(benefit) = &offer.benefit else {
        return;
    };
    // On an amount_off benefit `rate` is itself reported (invalid-value).
    if benefit.value.kind.value() == Some(&BenefitType::AmountOff) {
        return;
    }
    let Field::Valid(rate) = &benefit.value.rate else {
        return;
    };
    let Some(ceiling) = ceiling(offer, cx.policy, cx.effective.template_unknown) else {
        return;
    };
    if rate.value <= ceiling.rate {
        return;
    }
    let message = format!(
        "rate {} is above {} (policy: {})",
        rate.value,
        ceiling.describe(),
        ceiling.policy_key()
    );
    let mut finding = cx.finding(&META, &rate.at, "/benefit/rate", message);
    let help = match &ceiling.source {
        Source::Funding { source, at } => {
            finding = finding.with_label(
                *at,
                format!("{source} funding sets the {} ceiling", ceiling.rate),
            );
            format!(
                "lower `rate` to {} or less; a higher rate needs funding whose ceiling allows it, \
                 or an approval recorded in a suppression (`# promolint: disable=rate-ceiling -- TICKET`)",
                ceiling.rate
            )
        }
        Source::Channel { channel, at } => {
            finding = finding.with_label(
                *at,
                format!("channel {channel} sets the {} ceiling", ceiling.rate),
            );
            format!(
                "lower `rate` to {} or less, or run the higher rate in a campaign without channel `{channel}`",
                ceiling.rate
            )
        }
        Source::Default => format!(
            "lower `rate` to {} or less (no ceiling for this funding source or these channels is set, so the default applies)",
            ceiling.rate
        ),
    };
    out.push(finding.with_help(help));
}
