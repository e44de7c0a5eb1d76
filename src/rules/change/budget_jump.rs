//! `budget-jump`: the campaign's own budget was raised a lot or removed.

use crate::catalog::BUDGET_JUMP as META;
use crate::finding::Finding;
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict, jump, times};

pub fn judge(cx: &ChangeCx, pair: &Pair, change: &Change) -> Option<Verdict> {
    if !matches!(change.key, Key::BudgetTotal | Key::PerUser) {
        return None;
    }
    if let Some(old) = change.removed() {
        return Some(Verdict::new(format!(
            "{} removed (was {})",
            change.key.name(),
            old.value.show()
        )));
    }
    let (old, new) = change.both()?;
    if !pair.same_currency() {
        return None;
    }
    let ratio = jump(
        old.value.money()?.amount,
        new.value.money()?.amount,
        cx.policy.change.budget_factor,
    )?;
    Some(Verdict::new(format!(
        "{} raised from {} to {} ({})",
        change.key.name(),
        old.value.show(),
        new.value.show(),
        times(ratio)
    )))
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    super::own_changes(
        cx,
        &META,
        judge,
        "check that the budget owner approved the new amount; keep both budget.total and budget.per_user",
        out,
    );
}
