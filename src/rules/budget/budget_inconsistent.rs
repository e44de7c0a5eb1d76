//! `budget-inconsistent`: the budget's bounds contradict each other or the
//! benefit.

use crate::finding::{Finding, Severity};
use crate::model::{BenefitType, Field, Money, Sp};
use crate::rules::{CampaignCx, RuleMeta};

use super::money;

pub static META: RuleMeta = RuleMeta {
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
};

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
