//! `budget-ceiling`: `budget.total` above the policy's ceiling for the
//! campaign's currency.

use crate::catalog::BUDGET_CEILING as META;
use crate::finding::Finding;
use crate::model::Field;
use crate::rules::CampaignCx;

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
