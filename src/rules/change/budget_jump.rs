//! `budget-jump`: the campaign's own budget was raised a lot or removed.

use crate::catalog::BUDGET_JUMP as META;
use crate::finding::Finding;
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict};

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
    super::money_raised(pair, change, cx.policy.change.budget_factor)
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
