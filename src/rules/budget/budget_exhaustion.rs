//! `budget-exhaustion`: at the worst case per transaction, the expected
//! redemptions spend more than the total budget.

use rust_decimal::Decimal;

use super::money;
use crate::finding::{Finding, Severity};
use crate::model::{BenefitType, Field};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
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
};

/// Compares the worst-case spend of the expected redemptions with the total.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let offer = &cx.campaign().offer;
    let (Field::Valid(budget), Field::Valid(benefit)) = (&offer.budget, &offer.benefit) else {
        return;
    };
    let (Some(total), Some(expected)) = (
        budget.value.total.get(),
        budget.value.expected_redemptions.get(),
    ) else {
        return;
    };
    let benefit = &benefit.value;
    let (worst, worst_name) = match benefit.kind.value() {
        Some(BenefitType::PercentOff) => (benefit.max_discount.get(), "benefit.max_discount"),
        Some(BenefitType::AmountOff) => (benefit.amount.get(), "benefit.amount"),
        None => return,
    };
    let Some(worst) = worst else {
        return;
    };
    // The product needs `Decimal` arithmetic: amounts beyond its 28
    // significant digits are not multiplied (budget-ceiling compares them).
    if !worst.value.is_exact() || !total.value.is_exact() {
        return;
    }
    let count = Decimal::from(expected.value);
    let exposure = worst.value.amount.checked_mul(count);
    if exposure.is_some_and(|e| e <= total.value.amount) {
        return;
    }
    let per = money(&worst.value.amount, cx);
    let total_text = money(&total.value.amount, cx);
    let product = match exposure {
        Some(e) => format!("= {}", money(&e, cx)),
        None => "(too large to compute)".to_string(),
    };
    let covered = total
        .value
        .amount
        .checked_div(worst.value.amount)
        .map(|n| n.floor());
    let mut help = format!(
        "raise budget.total to cover the expected redemptions, lower {worst_name}, or lower \
         budget.expected_redemptions"
    );
    if let Some(n) = covered {
        help.push_str(&format!(" (the total covers {n} at the worst case)"));
    }
    out.push(
        cx.finding(
            &META,
            &expected.at,
            "/budget/expected_redemptions",
            format!(
                "worst case {per} per transaction ({worst_name}) × {} expected redemptions \
                 {product}, above budget.total {total_text}: the budget runs out early",
                expected.value
            ),
        )
        .with_label(total.at.loc, format!("budget.total is {total_text}"))
        .with_label(worst.at.loc, format!("at most {per} per transaction"))
        .with_help(help),
    );
}
