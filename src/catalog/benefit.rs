//! Benefit and funding.

use super::{FixApplicability, RuleMeta, Severity};

pub static RATE_NOTATION: RuleMeta = RuleMeta {
    id: "rate-notation",
    default_severity: Severity::Error,
    summary: "benefit.rate not a percent string (0.2, 20, 1/5, 8折)",
    what: "Reports a `benefit.rate` that is not written as a percent string such as `\"20%\"`: \
           a bare number (`0.2`, `20`), a fraction (`1/5`), or a Chinese discount such as \
           `8折` or `八折`. A Chinese discount names what the payer pays: `8折` means the payer \
           pays 80%, so the rate off is `\"20%\"`.",
    why: "`0.2` is 20% to one reader and 0.2% to another, and `8折` is 80% paid, not 80% off. \
          A rate read the wrong way is the difference between a routine campaign and one that \
          gives most of every payment away.",
    bad: "benefit:\n  type: percent_off\n  rate: 0.2\n",
    good: "benefit:\n  type: percent_off\n  rate: \"20%\"\n",
    config: "",
    fix: Some(FixApplicability::Unsafe),
};

pub static RATE_CEILING: RuleMeta = RuleMeta {
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
    fix: None,
};

pub static UNCAPPED_PERCENT: RuleMeta = RuleMeta {
    id: "uncapped-percent",
    default_severity: Severity::Error,
    summary: "percent_off with no max_discount: no per-transaction bound",
    what: "Reports a `percent_off` benefit that has no `max_discount`. The finding points at \
           the `benefit` key. A `max_discount` that is present but could not be read \
           (`invalid-decimal`, `invalid-value`) is reported by that rule only, never as missing; \
           and when `template:` names no template, the template could have supplied the cap, \
           so nothing is reported.",
    why: "Without a cap, what one payment can take is the rate times whatever the payer \
          spends: a 20% discount on a 50,000 credit-card repayment is 10,000. In the \
          16 January 2025 incident the 20% discount had no per-transaction cap, so the loss \
          grew with the size of every payment for the five minutes it ran.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  min_spend: \"50.00\"\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"   # at most 20.00 per payment\n  \
           min_spend: \"50.00\"\n",
    config: "A campaign that really is uncapped (a tiny rate on a closed audience) can say so \
             next to the benefit: `benefit:  # promolint: disable=uncapped-percent -- reason`.",
    fix: None,
};

pub static NO_THRESHOLD_COUPON: RuleMeta = RuleMeta {
    id: "no-threshold-coupon",
    default_severity: Severity::Warning,
    summary: "amount_off with no min_spend",
    what: "Reports an `amount_off` benefit that has no `min_spend`, pointing at its `amount`. \
           Such a coupon applies to any order, however small: an order below the amount is \
           free. A `min_spend` that is present but could not be read is reported by its own \
           rule only; when `template:` names no template, nothing is reported (the template \
           could have supplied it).",
    why: "A fixed amount off every order invites splitting purchases into many small ones, and \
          turns the cheapest items into free ones; the budget drains on orders the campaign was \
          never meant to pay for.",
    bad: "benefit:\n  type: amount_off\n  amount: \"5.00\"\n",
    good: "benefit:\n  type: amount_off\n  amount: \"5.00\"\n  min_spend: \"30.00\"   # 5.00 off orders of 30.00 or more\n",
    config: "A warning by default. A deliberate no-threshold coupon (a small welcome gift) can be \
             suppressed on its `amount` line with the reason.",
    fix: None,
};

pub static AMOUNT_EXCEEDS_SPEND: RuleMeta = RuleMeta {
    id: "amount-exceeds-spend",
    default_severity: Severity::Error,
    summary: "amount_off whose amount is at least min_spend: purchases become free",
    what: "Reports an `amount_off` benefit whose `amount` is equal to or greater than its \
           `min_spend`. It points at the `amount`, with a label on `min_spend`. An order of \
           exactly the minimum spend then costs nothing (or less than nothing). Values that \
           could not be read are not compared.",
    why: "A threshold is meant to make the discount a fraction of the order. When the amount \
          reaches the threshold, every qualifying order of that size is free, and the campaign \
          pays for the whole purchase: usually a swapped pair of fields or a missing zero.",
    bad: "benefit:\n  type: amount_off\n  amount: \"50.00\"\n  min_spend: \"50.00\"\n",
    good: "benefit:\n  type: amount_off\n  amount: \"50.00\"\n  min_spend: \"200.00\"\n",
    config: "",
    fix: None,
};

pub static FUNDING_PROGRAM: RuleMeta = RuleMeta {
    id: "funding-program",
    default_severity: Severity::Error,
    summary: "funding.source: government without program_id",
    what: "Reports `funding.source: government` when `funding.program_id` is absent, pointing \
           at the `source` value. Government money is paid out under a named program; the id \
           ties the campaign to it. A `program_id` that is present but could not be read is \
           reported by its own rule only; when `template:` names no template, nothing is \
           reported (the template could have supplied it).",
    why: "In the 16 January 2025 incident a routine marketing campaign was presented as a \
          \"government subsidy\" (政府补贴) while no government program stood behind it: the \
          type of the discount's fund was simply wrong. Requiring the program id makes \
          whoever sets `source: government` name the program, and makes a wrong source stand \
          out in review.",
    bad: "funding:\n  source: government\n",
    good: "funding:\n  source: government\n  program_id: GOV-TRADEIN-2025-SH\n",
    config: "",
    fix: None,
};

pub static UNKNOWN_CURRENCY: RuleMeta = RuleMeta {
    id: "unknown-currency",
    default_severity: Severity::Error,
    summary: "currency not in the policy's list",
    what: "Reports a `currency` that is not in the policy's `currencies` list, pointing at the \
           value, with \"did you mean\" when a listed currency is close (`cny` -> `CNY`, \
           `USB` -> `USD`). The currency decides how every money field is read (its decimal \
           places) and which budget ceiling applies.",
    why: "Money limits are per currency: a campaign in a currency the policy does not know has \
          no budget ceiling, and a typo such as `JPN` for `JPY` makes amounts mean something \
          else (yen have no minor unit, so `\"100.00\"` is not a yen amount).",
    bad: "currency: SGD\n",
    good: "currency: USD\n",
    config: "The list is `currencies` in .promolint.yaml (built-in: CNY, USD, EUR, HKD, JPY). \
             Setting it replaces the whole list, so a new currency is added as \
             `currencies: [CNY, USD, EUR, HKD, JPY, SGD]` (with its `limits.budget.max_total`).",
    fix: None,
};
