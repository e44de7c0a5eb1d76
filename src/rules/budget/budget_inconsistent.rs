//! `budget-inconsistent`: the budget's bounds contradict each other or the
//! benefit.

use crate::catalog::BUDGET_INCONSISTENT as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field, Money, Sp};
use crate::rules::CampaignCx;

use super::money;

/// Compares `per_user` with `total`, and `max_discount` and `amount` with
/// `per_user`.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let offer = &cx.campaign().offer;
    let Field::Valid(budget) = &offer.budget else {
        return;
    };
    let Some(per_user) = budget.value.per_user.get() else {
        return;
    };
    if let Some(total) = budget.value.total.get() {
        above(
            cx,
            Side {
                value: per_user,
                name: "budget.per_user",
                path: "/budget/per_user",
            },
            Side {
                value: total,
                name: "budget.total",
                path: "/budget/total",
            },
            "no user can receive more than the whole budget",
            "lower `per_user` to at most the total, or raise the total",
            out,
        );
    }
    let Field::Valid(benefit) = &offer.benefit else {
        return;
    };
    let benefit = &benefit.value;
    let cap = Side {
        value: per_user,
        name: "budget.per_user",
        path: "/budget/per_user",
    };
    if let Some(max_discount) = benefit.max_discount.get() {
        above(
            cx,
            Side {
                value: max_discount,
                name: "benefit.max_discount",
                path: "/benefit/max_discount",
            },
            cap,
            "one transaction may give more than a user may receive in total",
            "lower `max_discount` to at most `per_user`, or raise `per_user`",
            out,
        );
    }
    // `amount` on a percent_off benefit is an `invalid-value`: not compared.
    if benefit.kind.value() != Some(&BenefitType::PercentOff)
        && let Some(amount) = benefit.amount.get()
    {
        above(
            cx,
            Side {
                value: amount,
                name: "benefit.amount",
                path: "/benefit/amount",
            },
            cap,
            "a single redemption gives more than a user may receive in total",
            "lower `amount` to at most `per_user`, or raise `per_user`",
            out,
        );
    }
}

/// One of the two values compared.
#[derive(Clone, Copy)]
struct Side<'a> {
    value: &'a Sp<Money>,
    name: &'static str,
    path: &'static str,
}

/// Reports `larger` when it is above `bound`.
fn above(
    cx: &CampaignCx,
    larger: Side,
    bound: Side,
    consequence: &str,
    help: &str,
    out: &mut Vec<Finding>,
) {
    if larger.value.value <= bound.value.value {
        return;
    }
    let (l, b) = (
        money(&larger.value.value, cx),
        money(&bound.value.value, cx),
    );
    out.push(
        cx.finding(
            &META,
            &larger.value.at,
            larger.path,
            format!(
                "{} {l} is above {} {b}: {consequence}",
                larger.name, bound.name
            ),
        )
        .with_label(bound.value.at.loc, format!("{} is {b}", bound.name))
        .with_help(format!("{help} ({} {b})", bound.name)),
    );
}
