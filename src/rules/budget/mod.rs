//! Budget rules: the campaign's money bounds are present, within the policy,
//! and consistent with each other and with the benefit.

pub mod budget_ceiling;
pub mod budget_exhaustion;
pub mod budget_inconsistent;
pub mod missing_budget;
pub mod missing_user_cap;

use crate::finding::Finding;

use crate::model::{At, Budget, Field, Money};
use crate::rules::{CampaignCx, RuleMeta};
use crate::source::Loc;

/// An amount with the campaign's currency, for messages: `50.00 CNY`.
fn money(amount: &dyn std::fmt::Display, cx: &CampaignCx) -> String {
    match cx.campaign().offer.currency.value() {
        Some(currency) => format!("{amount} {currency}"),
        None => amount.to_string(),
    }
}

/// Where a missing budget field is reported: the `budget` key when the
/// campaign itself wrote `budget:`, else the document's `kind` key (as for
/// `missing-field`, always in the campaign's own file, so that the campaign
/// can suppress it).
fn missing_anchor(cx: &CampaignCx, budget: Option<&At>) -> Loc {
    let c = cx.campaign();
    budget
        .filter(|at| at.template().is_none())
        .and_then(|at| at.key())
        .filter(|key| key.file == c.anchor.doc.file)
        .unwrap_or(c.anchor.kind_key)
}

/// What `missing-budget` and `missing-user-cap` share: one required money
/// field of `budget`.
struct Required {
    meta: &'static RuleMeta,
    /// The field's name under `budget`.
    name: &'static str,
    field: fn(&Budget) -> &Field<Money>,
    /// The policy key that requires it.
    policy_key: &'static str,
    /// What the field bounds, for the message.
    bounds: &'static str,
}

/// Reports the field when the policy requires it and the effective campaign
/// lacks it. A value that is present but invalid is not missing, and a field
/// an unknown template could have supplied is unknown, not missing.
fn check_required(cx: &CampaignCx, required: &Required, out: &mut Vec<Finding>) {
    if cx.effective.template_unknown {
        return;
    }
    let budget_at = match &cx.campaign().offer.budget {
        Field::Invalid(_) => return,
        Field::Absent => None,
        Field::Valid(budget) => {
            if (required.field)(&budget.value).is_present() {
                return;
            }
            Some(&budget.at)
        }
    };
    let name = required.name;
    let message = if budget_at.is_some() {
        format!(
            "`budget` has no `{name}`: nothing bounds {}; the policy requires it ({} is true)",
            required.bounds, required.policy_key
        )
    } else {
        format!(
            "the campaign has no `budget.{name}`: nothing bounds {}; the policy requires it \
             ({} is true)",
            required.bounds, required.policy_key
        )
    };
    out.push(
        cx.finding_at(
            required.meta,
            missing_anchor(cx, budget_at),
            &format!("/budget/{name}"),
            message,
        )
        .with_help(format!(
            "add `budget.{name}` (money in the campaign's currency), or set {}: false in \
             .promolint.yaml",
            required.policy_key
        )),
    );
}
