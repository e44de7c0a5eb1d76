//! `budget-ceiling`: `budget.total` above the policy's ceiling for the
//! campaign's currency.

use crate::finding::{Finding, Severity};
use crate::model::Field;
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
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
};

/// Compares `budget.total` with the ceiling for the campaign's currency.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let offer = &cx.campaign().offer;
    let Some(currency) = offer.currency.get() else {
        return;
    };
    let Some(ceiling) = cx.policy.limits.budget.max_total.get(&currency.value) else {
        return;
    };
    let Field::Valid(budget) = &offer.budget else {
        return;
    };
    let Some(total) = budget.value.total.get() else {
        return;
    };
    // Exact, whatever the number of digits written: never through a float.
    if total.value.cmp_decimal(ceiling).is_le() {
        return;
    }
    let code = &currency.value;
    let key = format!("limits.budget.max_total.{code}");
    out.push(
        cx.finding(
            &META,
            &total.at,
            "/budget/total",
            format!(
                "budget.total {} {code} is above the {ceiling} {code} ceiling ({key})",
                total.value
            ),
        )
        .with_label(
            currency.at.loc,
            format!("the campaign's amounts are in {code}"),
        )
        .with_help(format!(
            "lower the total to at most {ceiling} {code} (or split the campaign); a larger \
             budget needs approval and a higher {key}"
        )),
    );
}
