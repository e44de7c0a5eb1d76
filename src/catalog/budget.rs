//! Budget.

use super::{RuleMeta, Severity};

pub static MISSING_BUDGET: RuleMeta = RuleMeta {
    id: "missing-budget",
    default_severity: Severity::Error,
    summary: "no `budget.total` (when the policy requires it)",
    what: "Reports a campaign whose effective `budget` (after template resolution) has no \
           `total`, when the policy's `limits.budget.require_total` is true (the built-in \
           default). The finding points at the `budget` key when the campaign writes one, and \
           at the document's `kind` key when it has no `budget` at all (or only inherits one \
           from its template). A `total` that is present but unreadable is reported by \
           `invalid-value` or `invalid-decimal`, not as missing; after `unknown-template` the \
           template could have supplied it, so nothing is reported.",
    why: "A total budget is the hard stop of a campaign: the payment platform stops \
          discounting when it is spent. On 16 January 2025 a misconfigured 20% discount ran \
          on nearly every payment for five minutes before anyone stopped it by hand; a total \
          budget bounds what such a mistake can cost whatever else is wrong.",
    bad: "currency: CNY\nbudget:\n  per_user: \"50.00\"\n",
    good: "currency: CNY\nbudget:\n  total: \"500000.00\"\n  per_user: \"50.00\"\n",
    config: "`limits.budget.require_total: false` in .promolint.yaml turns the requirement off \
             (for a project whose budgets live elsewhere).",
    fix: None,
};

pub static MISSING_USER_CAP: RuleMeta = RuleMeta {
    id: "missing-user-cap",
    default_severity: Severity::Error,
    summary: "no `budget.per_user` (when the policy requires it)",
    what: "Reports a campaign whose effective `budget` (after template resolution) has no \
           `per_user` cap, when the policy's `limits.budget.require_per_user` is true (the \
           built-in default). The finding points at the `budget` key when the campaign writes \
           one, and at the document's `kind` key when it has no `budget` at all (or only \
           inherits one from its template). A `per_user` that is present but unreadable is \
           reported by `invalid-value` or `invalid-decimal`, not as missing; after \
           `unknown-template` the template could have supplied it, so nothing is reported.",
    why: "Without a per-user cap one account, or a script behind many payments, can take the \
          whole budget. In the 16 January 2025 incident a 20% discount applied to transfers \
          and credit-card repayments, which a single user can repeat as often as they like: \
          a per-user cap bounds what each of them can take before the campaign is stopped.",
    bad: "currency: CNY\nbudget:\n  total: \"500000.00\"\n",
    good: "currency: CNY\nbudget:\n  total: \"500000.00\"\n  per_user: \"50.00\"\n",
    config: "`limits.budget.require_per_user: false` in .promolint.yaml turns the requirement \
             off.",
    fix: None,
};

pub static BUDGET_CEILING: RuleMeta = RuleMeta {
    id: "budget-ceiling",
    default_severity: Severity::Error,
    summary: "`budget.total` above the policy's `max_total` for the currency",
    what: "Reports a `budget.total` above `limits.budget.max_total.<currency>` for the \
           campaign's `currency`. A ceiling is compared only with amounts of its own currency: \
           a campaign in a currency the policy sets no ceiling for is not checked (and an \
           unknown currency is reported by `unknown-currency`). A total equal to the ceiling is \
           fine.",
    why: "The ceiling is the most the company lets one campaign commit without a wider \
          review. On 16 January 2025 a routine campaign paid a 20% discount on nearly every \
          payment because of a wrong template; a ceiling on every campaign's total bounds \
          what any one misconfiguration can cost. A total above the ceiling is a budget nobody \
          approved, or a typo of one digit too many.",
    bad: "currency: CNY\nbudget:\n  total: \"20000000.00\"   # above the 10,000,000.00 CNY ceiling\n  \
          per_user: \"50.00\"\n",
    good: "currency: CNY\nbudget:\n  total: \"10000000.00\"\n  per_user: \"50.00\"\n",
    config: "The ceilings are `limits.budget.max_total` in .promolint.yaml, one per currency \
             (built-in: CNY 10000000.00, USD 1500000.00, EUR 1400000.00, HKD 11000000.00, JPY \
             200000000). A total approved above the ceiling is suppressed on its line: \
             `total: \"20000000.00\"  # promolint: disable=budget-ceiling -- approved in \
             FIN-2025-0042`.",
    fix: None,
};

pub static BUDGET_INCONSISTENT: RuleMeta = RuleMeta {
    id: "budget-inconsistent",
    default_severity: Severity::Error,
    summary: "`per_user` above `total`; `max_discount` or `amount` above `per_user`",
    what: "Reports bounds that contradict each other: a `budget.per_user` above \
           `budget.total`, or a per-transaction benefit (`benefit.max_discount`, or the \
           `amount` of an `amount_off` benefit) above `budget.per_user`. The finding points at \
           the larger value, with a label on the other. Equal values are consistent. A value \
           that could not be read is not compared.",
    why: "When the bounds disagree, which one the payment platform enforces decides what the \
          campaign costs, and the reviewer approved the other. A cap per transaction above \
          the cap per user means a single payment can exceed what the user was meant to get \
          in total; the 16 January 2025 incident showed how fast a discount nobody bounded \
          adds up over many payments.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"80.00\"   # above per_user\n\
          budget:\n  total: \"500000.00\"\n  per_user: \"50.00\"\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"50.00\"\n\
           budget:\n  total: \"500000.00\"\n  per_user: \"50.00\"\n",
    config: "",
    fix: None,
};

pub static BUDGET_EXHAUSTION: RuleMeta = RuleMeta {
    id: "budget-exhaustion",
    default_severity: Severity::Warning,
    summary: "worst case per transaction × `expected_redemptions` exceeds `total`",
    what: "Estimates the campaign's exposure: the worst case per transaction (`max_discount` \
           for a `percent_off` benefit, `amount` for `amount_off`) times \
           `budget.expected_redemptions`, and warns when it exceeds `budget.total`. The \
           finding points at `expected_redemptions` and gives both figures, with labels on the \
           total and on the per-transaction value. Nothing is estimated when a figure is \
           missing or unreadable (a `percent_off` without `max_discount` is \
           `uncapped-percent`).",
    why: "When the budget runs out before the expected redemptions do, the campaign stops \
          early for the users who were promised it, or someone raises the budget in a hurry \
          without review. The estimate is also the quickest check that the three figures were \
          configured together: in the 16 January 2025 incident the amount of the discount was \
          wrong, and an estimate against the budget would have shown it.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n\
          budget:\n  total: \"100000.00\"\n  per_user: \"20.00\"\n  \
          expected_redemptions: 10000   # 20.00 × 10000 = 200000.00\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n\
           budget:\n  total: \"100000.00\"\n  per_user: \"20.00\"\n  \
           expected_redemptions: 5000    # 20.00 × 5000 = 100000.00\n",
    config: "A warning by default; `rules: { budget-exhaustion: error }` in .promolint.yaml \
             makes it block.",
    fix: None,
};
