//! Exposure and programs (rule pack 2): what a payer can end up paying,
//! what one payment can take, government programs that do not exist, and
//! launching to everyone at once.

use super::{RuleMeta, Severity};

pub static STACKED_PAYABLE: RuleMeta = RuleMeta {
    id: "stacked-payable",
    default_severity: Severity::Error,
    summary: "combinable campaigns that together take the whole order at the smallest spend \
              that qualifies for all of them",
    what: "Considers every group of two or more campaigns with `stacking.combinable: true` \
           that can apply to one payment: the same `environment` and `currency`, a channel all \
           of them share, and schedules that all overlap at one instant (touching is not \
           overlapping). At the smallest spend that qualifies for all of them (the largest \
           `min_spend` of the group, or one minor unit of the currency, 0.01 CNY, when none has \
           one) it adds, exactly in decimal, each `amount_off` `amount` and each `percent_off` \
           `rate` times that spend (capped by its `max_discount`). When the sum is at least the \
           spend, the payer pays nothing or is paid, and each member of the group is reported \
           once: at its own `amount` (or `rate`), with a label on each other member's, in its \
           file. A group inside a larger group that is reported is not reported again. \
           Campaigns whose benefit, schedule, channels, currency or environment could not be \
           read are not compared. All files of the project are compared.",
    why: "Each coupon can be sane on its own and two together still pay the payer: two \
          combinable \"30 off 50\" coupons on one 50 yuan order take 60, so the payer pays -10, \
          and every rule that looks at one campaign at a time passes. Such a hole is found by \
          the people who farm it, at scale, within hours of launch.",
    bad: "# campaigns/a.yaml\n\
          currency: CNY\nchannels: [online-checkout]\n\
          schedule:\n  start: 2027-04-01T00:00:00+08:00\n  end: 2027-04-20T23:59:59+08:00\n\
          benefit:\n  type: amount_off\n  amount: \"30.00\"\n  min_spend: \"50.00\"\n\
          stacking:\n  combinable: true\n---\n\
          # campaigns/b.yaml: the same, from 2027-04-10\n\
          benefit:\n  type: amount_off\n  amount: \"30.00\"   # 30 + 30 = 60 off a 50.00 order\n  \
          min_spend: \"50.00\"\n\
          stacking:\n  combinable: true\n",
    good: "# campaigns/a.yaml\n\
           currency: CNY\nchannels: [online-checkout]\n\
           schedule:\n  start: 2027-04-01T00:00:00+08:00\n  end: 2027-04-20T23:59:59+08:00\n\
           benefit:\n  type: amount_off\n  amount: \"30.00\"\n  min_spend: \"50.00\"\n\
           stacking:\n  combinable: true\n---\n\
           # campaigns/b.yaml: the same, from 2027-04-10\n\
           benefit:\n  type: amount_off\n  amount: \"30.00\"\n  min_spend: \"50.00\"\n\
           stacking:\n  combinable: false   # or a min_spend above 60.00\n",
    config: "No setting: a payer who is paid is never intended. An approved group (a \
             deliberately free item) is suppressed on the `amount` or `rate` line of each \
             member.",
    fix: None,
};

pub static CAP_CEILING: RuleMeta = RuleMeta {
    id: "cap-ceiling",
    default_severity: Severity::Error,
    summary: "`max_discount` or an `amount_off` amount above the policy's `limits.max_discount` \
              for the currency",
    what: "Reports a `benefit.max_discount`, or the `amount` of an `amount_off` benefit, above \
           `limits.max_discount.<currency>` for the campaign's `currency`: the most one payment \
           can take. A ceiling is compared only with amounts of its own currency, so a campaign \
           in a currency the policy sets no ceiling for is not checked. An amount equal to the \
           ceiling is fine. When both `max_discount` and `amount` are above it, each is \
           reported. A value that could not be read is not compared.",
    why: "A rate ceiling bounds a discount as a share, not in money: 20% capped at 100,000 \
          yuan per payment passes every rate check and pays out 100,000 yuan on one large \
          order. On 16 January 2025 a misconfigured discount reached nearly every payment for \
          five minutes; what each of those payments could take is what bounds the loss.",
    bad: "currency: CNY\nbenefit:\n  type: percent_off\n  rate: \"20%\"\n  \
          max_discount: \"100000.00\"   # above the 500.00 CNY ceiling\n",
    good: "currency: CNY\nbenefit:\n  type: percent_off\n  rate: \"20%\"\n  \
           max_discount: \"200.00\"\n",
    config: "The ceilings are `limits.max_discount` in .promolint.yaml, one per currency \
             (built-in: CNY 500.00, USD 100.00, EUR 100.00, HKD 500.00, JPY 10000); a mapping \
             merges into the default, so a policy sets only the currencies it changes. An \
             approved larger cap is suppressed on its line: `max_discount: \"2000.00\"  # \
             promolint: disable=cap-ceiling -- approved in FIN-2025-0042`.",
    fix: None,
};

pub static GOVERNMENT_PROGRAM: RuleMeta = RuleMeta {
    id: "government-program",
    default_severity: Severity::Error,
    summary: "a government `program_id` that is a placeholder, names no listed program, or \
              exceeds the program's terms",
    what: "For `funding.source: government`, reports a `funding.program_id` that is a \
           placeholder (`TBD`, `TODO`, `N/A`, `NA`, `XXX`, `NONE`, `-`, in any case). When the \
           policy lists `programs`, it also reports a `program_id` that names none of them \
           (with a \"did you mean\"), and each term of the named program the campaign exceeds: \
           a `rate` above its `max_rate`, a `max_discount` above its `max_discount` for the \
           campaign's currency, a channel outside its `channels`, a region outside its \
           `regions` (a campaign without `audience.regions` runs everywhere, which is outside \
           any region list), a `schedule` that starts before its `start` or ends after its \
           `end`. A term the program leaves out is not checked. Every finding points at the \
           `program_id` value, with a label on the campaign's value that exceeds the term; \
           the message names the program's entry in the policy file (`path:line:column`). \
           Values that could not be read are not compared.",
    why: "A display text may say 政府补贴 (government subsidy) only for a real government \
          program, and `funding-program` only asks that some id is written: `program_id: \
          TBD` satisfied it. In the 16 January 2025 incident a routine campaign was presented \
          as a government subsidy with no program behind it. A program also has terms its \
          funder approved (a rate, a cap, channels, regions, dates); money paid beyond them is \
          not reimbursed.",
    bad: "# .promolint.yaml: programs: [{ id: GOV-TRADEIN-2025-SH, max_rate: \"15%\" }]\n\
          funding:\n  source: government\n  program_id: TBD   # a placeholder\n",
    good: "# .promolint.yaml: programs: [{ id: GOV-TRADEIN-2025-SH, max_rate: \"15%\" }]\n\
           funding:\n  source: government\n  program_id: GOV-TRADEIN-2025-SH\n",
    config: "List the government programs in .promolint.yaml under `programs`, each with an \
             `id` and any of `max_rate`, `max_discount` (per currency), `channels`, `regions`, \
             `start`, `end` (the built-in list is empty: only placeholders are reported). A \
             malformed program entry is a policy error (exit code 2).",
    fix: None,
};

pub static FULL_ROLLOUT: RuleMeta = RuleMeta {
    id: "full-rollout",
    default_severity: Severity::Warning,
    summary: "a production launch to audience `all` whose rollout starts above \
              `limits.rollout.first_percent`",
    what: "Reports a production campaign for audience `all` (`segments: all`, or a list \
           holding `all`, `everyone` or `\"*\"`) that has not started yet (`schedule.start` \
           after now; `--now` sets now) and whose `controls.rollout_percent` is absent (which \
           means 100) or above `limits.rollout.first_percent`. It points at `rollout_percent`, \
           or at the `controls` key when the campaign has no rollout percent, or at \
           `environment` when it has no `controls`. A campaign already running is not \
           reported: its launch is behind it. Values that could not be read are not compared.",
    why: "On 16 January 2025 a misconfigured discount ran at 100% for five minutes: every payer \
          got it from the first second, so the first complaint came when the loss was already \
          made. A launch that starts with a small share of payers shows the same fault on a \
          small share of the money, and the kill switch is pulled before the rest sees it.",
    bad: "environment: production\nschedule:\n  start: 2027-03-01T00:00:00+08:00\n\
          audience:\n  segments: all\ncontrols:\n  kill_switch: true\n  \
          rollout_percent: 100   # every payer at once\n",
    good: "environment: production\nschedule:\n  start: 2027-03-01T00:00:00+08:00\n\
           audience:\n  segments: all\ncontrols:\n  kill_switch: true\n  rollout_percent: 5\n",
    config: "A warning by default. The largest first share is `limits.rollout.first_percent` \
             in .promolint.yaml (built-in 10). Raise `rollout_percent` in a later change, once \
             the launch has been watched.",
    fix: None,
};

pub static UNKNOWN_SEGMENT: RuleMeta = RuleMeta {
    id: "unknown-segment",
    default_severity: Severity::Warning,
    summary: "a segment id that the policy's `audience.segments` does not list",
    what: "When the policy lists the known segment ids (`audience.segments`), reports each \
           item of a campaign's `audience.segments` that is not among them, with a \"did you \
           mean\" when one is close. `all`, `everyone` and `\"*\"` in a list mean everyone \
           (RULES.md) and are not segment ids, so they are never reported here. With the \
           built-in policy (no segments listed) the rule reports nothing.",
    why: "A misspelt segment (`new-user` for `new-users`) matches nobody, or, in systems that \
          treat an unknown segment as no restriction, everybody. Either way the campaign does \
          not reach the audience that was reviewed, and nothing else notices before launch.",
    bad: "# .promolint.yaml: audience: { segments: [new-users, dormant-90d] }\n\
          audience:\n  segments: [new-user]   # not a known segment\n",
    good: "# .promolint.yaml: audience: { segments: [new-users, dormant-90d] }\n\
           audience:\n  segments: [new-users]\n",
    config: "List the segment ids in .promolint.yaml: `audience: { segments: [new-users, \
             dormant-90d] }` (the list replaces the default, which is empty: no check).",
    fix: None,
};
