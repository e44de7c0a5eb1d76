//! `rate-ceiling`: the rate is above the lowest ceiling that applies to the
//! campaign (POLICY.md, "Rate ceilings").

use crate::finding::{Finding, Severity};
use crate::model::{BenefitType, Field, Offer, Percent};
use crate::policy::Policy;
use crate::rules::{CampaignCx, RuleMeta};
use crate::source::Loc;

pub static META: RuleMeta = RuleMeta {
    id: "rate-ceiling",
    default_severity: Severity::Error,
    summary: "benefit.rate above the lowest ceiling for its funding source and channels",
    what: "Reports a `benefit.rate` above the lowest rate ceiling that applies to the \
           campaign. The entries that apply are the policy's entry for the campaign's \
           `funding.source` (`limits.rate_ceiling.funding`) and the entry of each of its \
           channels (`limits.rate_ceiling.channels`); the lowest of them is the ceiling, and \
           the finding names the entry that set it, with a label on the `funding.source` \
           value or the channel that brought it in. `limits.rate_ceiling.default` applies only \
           when no funding or channel entry does, so a merchant-funded campaign at 35% is \
           within its 50% ceiling whatever the default says. A rate equal to the ceiling is \
           fine. A channel counts whenever the policy has a ceiling for it, even when it is \
           forbidden or unknown (those are reported by their own rules, and suppressing them \
           must not lift the ceiling). A value that could not be read (`invalid-value`) sets \
           no ceiling; when one of them might have, the default is not assumed either.",
    why: "On 16 January 2025 a routine campaign configured with the wrong template gave 20% \
          off nearly every payment for five minutes: the discount and the type of its fund \
          were both wrong, and nothing compared the one with the other before it went live. \
          A ceiling per funding source and per channel is that comparison: what a funder \
          pays for and what a channel's margin bears bound what a discount can be.",
    bad: "channels: [online-checkout, bill-payment]\n\
          benefit:\n  type: percent_off\n  rate: \"20%\"        # bill-payment allows at most 5%\n  \
          max_discount: \"20.00\"\n\
          funding:\n  source: platform\n",
    good: "channels: [online-checkout]\n\
           benefit:\n  type: percent_off\n  rate: \"20%\"        # platform funding allows 20%\n  \
           max_discount: \"20.00\"\n\
           funding:\n  source: platform\n",
    config: "The ceilings are `limits.rate_ceiling.default`, `limits.rate_ceiling.funding.<source>` \
             and `limits.rate_ceiling.channels.<channel>` in .promolint.yaml (built-in: default \
             30%; government 15%, platform 20%, bank 20%, merchant 50%; bill-payment 5%). A rate \
             approved above its ceiling is suppressed on its line with the approval: \
             `rate: \"25%\"  # promolint: disable=rate-ceiling -- approved in MKT-2025-0200`.",
};

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
