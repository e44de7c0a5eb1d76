//! Change review (`check --base REV`, REVIEW.md): rules over the
//! differences between each campaign and its version at the merge base.
//! [`crate::review`] pairs the campaigns and classifies each change; these
//! rules judge them.

pub mod amount_jump;
pub mod audience_widened;
pub mod budget_jump;
pub mod channel_added;
pub mod funding_switch;
pub mod live_change;
pub mod rate_jump;
pub mod stale_approval;
pub mod template_change;
pub mod template_switch;

use crate::catalog::RuleMeta;
use crate::finding::Finding;
use crate::model::DocRef;
use crate::review::{Cause, Change, ChangeCx, Judge, Pair, Verdict, campaign_loc, jump, times};

/// The rules whose judgement `template-change` asks of a template's change
/// (REVIEW.md: "in a way that rule above would report for an own change").
pub const OWN_CHANGE_JUDGES: &[Judge] = &[
    rate_jump::judge,
    amount_jump::judge,
    funding_switch::judge,
    audience_widened::judge,
    channel_added::judge,
    budget_jump::judge,
];

/// An own-change rule: each change the campaign's own file made that
/// `judge` reports, pointed at the new value (or where it was removed),
/// with a label at the base's value.
fn own_changes(
    cx: &ChangeCx,
    meta: &'static RuleMeta,
    judge: Judge,
    help: &str,
    out: &mut Vec<(DocRef, Finding)>,
) {
    for pair in cx.pairs {
        for change in pair.changes.iter().filter(|c| c.cause == Cause::Own) {
            let Some(verdict) = judge(cx, pair, change) else {
                continue;
            };
            let loc = verdict
                .loc
                .unwrap_or_else(|| campaign_loc(pair.campaign(), change));
            let message = verdict.text(&cx.since());
            let mut finding = cx
                .finding(meta, pair, loc, change.key.path(), message)
                .with_labels(verdict.labels)
                .with_help(help);
            if let Some(old) = &change.old {
                finding = finding.with_labels([cx.was(old)]);
            }
            out.push((pair.doc(), finding));
        }
    }
}

/// An amount of money raised to at least `factor` times its value at the
/// base, in the same currency (`amount-jump`, `budget-jump`).
fn money_raised(pair: &Pair, change: &Change, factor: rust_decimal::Decimal) -> Option<Verdict> {
    let (old, new) = change.both()?;
    if !pair.same_currency() {
        return None;
    }
    let ratio = jump(old.value.money()?.amount, new.value.money()?.amount, factor)?;
    Some(Verdict::new(format!(
        "{} raised from {} to {} ({})",
        change.key.name(),
        old.value.show(),
        new.value.show(),
        times(ratio)
    )))
}
