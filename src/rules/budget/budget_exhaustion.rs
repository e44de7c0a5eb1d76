//! `budget-exhaustion`: at the worst case per transaction, the expected
//! redemptions spend more than the total budget.

use crate::catalog::BUDGET_EXHAUSTION as META;
use rust_decimal::Decimal;

use super::money;
use crate::finding::Finding;
use crate::model::{BenefitType, Field};
use crate::rules::CampaignCx;

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
