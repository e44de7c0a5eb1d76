//! Change review (REVIEW.md): the rules `check --base REV` runs.

use super::{RuleMeta, Severity};

pub static TEMPLATE_SWITCH: RuleMeta = RuleMeta {
    id: "template-switch",
    default_severity: Severity::Error,
    summary: "template changed since the base, and the values it brings changed with it",
    what: "With `--base REV`, reports a campaign whose `template` was added, removed or \
           changed to another id since the base, when at least one compared value \
           (rate, amount, max_discount, min_spend, benefit.type, funding, channels, \
           audience, budget, label, environment) changed with it because it comes, or \
           came, from a template. The message lists every such change, old and new \
           (`(none)` where a side has no value); the finding points at the new `template` \
           value (the document's `kind` when it was removed) with a label at each value \
           the new template sets. Values changed this way are not reported again by \
           `rate-jump`, `amount-jump`, `funding-switch` and the other own-change rules.",
    why: "On 16 January 2025 a routine campaign was switched to the wrong template: a \
          one-line diff (`template: tmpl-gov-subsidy`) that changed the discount and the \
          type of its fund. Every value was within its own limit; only the comparison with \
          the version before shows what the line does.",
    bad: "# at the base: template: tmpl-merchant-qr (merchant-funded, 5 yuan off)\n\
          template: tmpl-platform-boost   # 18% off, platform-funded\n",
    good: "# at the base: template: tmpl-merchant-qr\n\
           template: tmpl-merchant-qr\n",
    config: "An intended switch is recorded on the `template:` line: \
             `template: tmpl-platform-boost  # promolint: disable=template-switch -- MKT-2027-0200`.",
    fix: None,
};

pub static RATE_JUMP: RuleMeta = RuleMeta {
    id: "rate-jump",
    default_severity: Severity::Error,
    summary: "the campaign's own benefit.rate raised by change.rate_factor times or change.rate_points since the base",
    what: "With `--base REV`, reports a campaign whose own file raised `benefit.rate` to at \
           least `change.rate_factor` times the rate at the base (the merge base of REV and \
           HEAD), or by at least `change.rate_points` percentage points. Only a change the \
           campaign's file made counts: a rate that arrives with a template switch is \
           `template-switch`, one a template edit brings is `template-change`. A rate that is \
           missing on either side is not compared.",
    why: "A one-character edit (`2%` to `20%`) passes every static limit when the ceiling \
          is high enough, and a reviewer of a large diff may not see it. Ten times the \
          discount is ten times the cost per payment; the change needs the attention an \
          approval gives, before it is merged.",
    bad: "# at the base: rate: \"2%\"\n\
          benefit:\n  type: percent_off\n  rate: \"20%\"        # x10 since the base\n  \
          max_discount: \"20.00\"\n",
    good: "# at the base: rate: \"2%\"\n\
           benefit:\n  type: percent_off\n  rate: \"3%\"\n  max_discount: \"20.00\"\n",
    config: "The thresholds are `change.rate_factor` (built-in: 2) and `change.rate_points` \
             (built-in: \"10%\") in .promolint.yaml. An intended raise is recorded on its \
             line: `rate: \"20%\"  # promolint: disable=rate-jump -- approved in MKT-2027-0200`.",
    fix: None,
};

pub static AMOUNT_JUMP: RuleMeta = RuleMeta {
    id: "amount-jump",
    default_severity: Severity::Error,
    summary: "the campaign's own benefit.amount or max_discount raised by change.amount_factor times, or the cap removed",
    what: "With `--base REV`, reports a campaign whose own file raised `benefit.amount` or \
           `benefit.max_discount` to at least `change.amount_factor` times its value at the \
           base, or removed `max_discount` from a `percent_off` benefit (the discount then has \
           no cap). Amounts are compared only in the same currency. Changes that come with a \
           template switch or a template edit are reported by `template-switch` and \
           `template-change`.",
    why: "The amount and the cap bound what one payment can cost. A cap taken out of a \
          percentage discount turns a bounded promotion into an open one, and the diff shows \
          one deleted line.",
    bad: "# at the base: max_discount: \"20.00\"\n\
          benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"200.00\"   # x10 since the base\n",
    good: "# at the base: max_discount: \"20.00\"\n\
           benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"30.00\"\n",
    config: "The threshold is `change.amount_factor` (built-in: 2) in .promolint.yaml.",
    fix: None,
};

pub static FUNDING_SWITCH: RuleMeta = RuleMeta {
    id: "funding-switch",
    default_severity: Severity::Error,
    summary: "the campaign's own funding.source changed since the base: someone else pays",
    what: "With `--base REV`, reports a campaign whose own file changed `funding.source` \
           (who pays for the discount) from its value at the base. A source that changes \
           with a template switch is `template-switch`; one a template edit changes is \
           `template-change`.",
    why: "In the 2025-01-16 incident the type of the fund changed with the template, and \
          the platform paid for a discount a merchant was meant to fund. Who pays is decided \
          by contracts and budgets outside the file: a change of it needs their owners.",
    bad: "# at the base: source: merchant\n\
          funding:\n  source: platform\n",
    good: "# at the base: source: merchant\n\
           funding:\n  source: merchant\n",
    config: "",
    fix: None,
};

pub static AUDIENCE_WIDENED: RuleMeta = RuleMeta {
    id: "audience-widened",
    default_severity: Severity::Error,
    summary: "the campaign's own audience.segments became all, or audience.regions was removed or emptied",
    what: "With `--base REV`, reports a campaign whose own file changed `audience.segments` \
           to `all`, or removed or emptied `audience.regions`, since the base. The finding \
           points at the segments value, or at the `audience` key for regions.",
    why: "A campaign sized and approved for new users in two regions costs many times more \
          when it reaches every user everywhere; the budget and the fraud controls were set \
          for the narrow audience.",
    bad: "# at the base: segments: [new-users]\n\
          audience:\n  segments: all\n  regions: [CN-31]\n",
    good: "# at the base: segments: [new-users]\n\
           audience:\n  segments: [new-users, dormant-90d]\n  regions: [CN-31]\n",
    config: "",
    fix: None,
};

pub static CHANNEL_ADDED: RuleMeta = RuleMeta {
    id: "channel-added",
    default_severity: Severity::Warning,
    summary: "the campaign's own channels gained items since the base",
    what: "With `--base REV`, reports a campaign whose own file added channels to \
           `channels` since the base; the message names them, the finding points at the \
           first and a label at each other one. Removing a channel is not reported.",
    why: "Each channel has its own margin, fraud profile and rate ceiling: a campaign \
          approved for online checkout may not be meant for bill payment or offline \
          terminals.",
    bad: "# at the base: channels: [online-checkout]\n\
          channels: [online-checkout, offline-pos]\n",
    good: "# at the base: channels: [online-checkout]\n\
           channels: [online-checkout]\n",
    config: "",
    fix: None,
};

pub static BUDGET_JUMP: RuleMeta = RuleMeta {
    id: "budget-jump",
    default_severity: Severity::Warning,
    summary: "the campaign's own budget.total or budget.per_user raised by change.budget_factor times, or removed",
    what: "With `--base REV`, reports a campaign whose own file raised `budget.total` or \
           `budget.per_user` to at least `change.budget_factor` times its value at the base, \
           or removed it. Amounts are compared only in the same currency. The finding points \
           at the value, or at the `budget` key for a removal.",
    why: "The budget is the last bound on a promotion that goes wrong: a total raised \
          tenfold, or a per-user cap removed, lets a mistake or an abuse run ten times as \
          long before it stops.",
    bad: "# at the base: total: \"100000.00\"\n\
          budget:\n  total: \"1000000.00\"   # x10 since the base\n  per_user: \"100.00\"\n",
    good: "# at the base: total: \"100000.00\"\n\
           budget:\n  total: \"150000.00\"\n  per_user: \"100.00\"\n",
    config: "The threshold is `change.budget_factor` (built-in: 5) in .promolint.yaml.",
    fix: None,
};

pub static STALE_APPROVAL: RuleMeta = RuleMeta {
    id: "stale-approval",
    default_severity: Severity::Error,
    summary: "a production campaign's terms changed since the base under the same approval ticket",
    what: "With `--base REV`, reports a production campaign whose `approval` is the same \
           ticket as at the base while its rate, amount, max_discount, funding, channels, \
           audience or budget changed, by any cause (its own file, a template switch or a \
           template edit), or was added or removed. The finding points at the `approval` \
           value with a label at each changed value. It stands beside the findings of the \
           other change rules.",
    why: "An approval is for terms: the ticket that approved 10% off for new users did not \
          approve 20% off for everyone. A changed campaign that keeps its ticket looks \
          approved to every later reader, and the audit trail no longer matches what runs.",
    bad: "# at the base: approval: MKT-2027-0113, rate: \"10%\"\n\
          approval: MKT-2027-0113\n\
          benefit:\n  rate: \"15%\"\n",
    good: "# at the base: approval: MKT-2027-0113, rate: \"10%\"\n\
           approval: MKT-2027-0140       # the ticket that approved 15%\n\
           benefit:\n  rate: \"15%\"\n",
    config: "",
    fix: None,
};

pub static TEMPLATE_CHANGE: RuleMeta = RuleMeta {
    id: "template-change",
    default_severity: Severity::Error,
    summary: "a template's value changed since the base in a way the own-change rules report, for the campaigns inheriting it",
    what: "With `--base REV`, reports a change of a template's value (rate, amount, \
           max_discount, funding, audience, channels, budget) that `rate-jump`, \
           `amount-jump`, `funding-switch`, `audience-widened`, `channel-added` or \
           `budget-jump` would report had a campaign made it, when at least one campaign \
           whose own file and `template` did not change inherits it. It is reported once, at \
           the changed value in the template, with how many campaigns inherit the change \
           and up to five of their ids; an error when a production campaign inherits it, a \
           warning when only others do. The inheriting campaigns get no finding of their \
           own for it.",
    why: "A template edit is one line in one file, and it changes every campaign built on \
          it: a reviewer sees a template, not the 212 production campaigns whose rate just \
          went up.",
    bad: "# at the base: rate: \"2%\"; 3 production campaigns use this template\n\
          kind: Template\nid: tmpl-merchant-qr\nbenefit:\n  type: percent_off\n  rate: \"20%\"\n",
    good: "# at the base: rate: \"2%\"\n\
           kind: Template\nid: tmpl-merchant-qr\nbenefit:\n  type: percent_off\n  rate: \"3%\"\n",
    config: "The thresholds are those of the own-change rules (`change.rate_factor`, \
             `change.rate_points`, `change.amount_factor`, `change.budget_factor`).",
    fix: None,
};

pub static LIVE_CHANGE: RuleMeta = RuleMeta {
    id: "live-change",
    default_severity: Severity::Warning,
    summary: "a live production campaign's rate, amount, cap, funding or channels changed since the base",
    what: "With `--base REV`, reports each change of the rate, amount, max_discount, funding \
           or channels of a production campaign whose schedule contains now (`start <= now < \
           end`; `--now` sets now), by any cause. The finding points at the changed value. \
           It stands beside the findings of the other change rules.",
    why: "A campaign that is running has no review window left: the new terms reach \
          payments the moment the change is published, and a mistake costs money from the \
          first minute, as in the five minutes of the 2025-01-16 incident.",
    bad: "# running now; at the base: rate: \"10%\"\n\
          environment: production\n\
          benefit:\n  rate: \"12%\"\n",
    good: "# running now; at the base: rate: \"10%\"\n\
           # a new campaign that starts after a review, rather than an edit of the live one\n\
           environment: production\n\
           benefit:\n  rate: \"10%\"\n",
    config: "`--now TIMESTAMP` sets now (default: the clock).",
    fix: None,
};
