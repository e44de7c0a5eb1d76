//! `budget-jump`: the campaign's own budget was raised a lot or removed.

use crate::finding::{Finding, Severity};
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict, jump, times};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "budget-jump",
    default_severity: Severity::Warning,
    summary: "the campaign's own budget.total or budget.per_user raised by change.budget_factor times, or removed",
    what: "With `--base REV`, reports a campaign whose own file raised `budget.total` or \
           `budget.per_user` to at least `change.budget_factor` times its value at the base, \
           or removed it. Amounts are compared only in the same currency. The finding points \
           at the value, or at the `budget` key for a removal.",
    why: "The budget is the last bound on a promotion that goes wrong: a total raised \
          tenfold, or a per-user cap removed, lets a mistake or an abuse run ten times as \
          long before it stops.",
    bad: "# at the base: total: \"100000.00\"\n\
          budget:\n  total: \"1000000.00\"   # x10 since the base\n  per_user: \"100.00\"\n",
    good: "# at the base: total: \"100000.00\"\n\
           budget:\n  total: \"150000.00\"\n  per_user: \"100.00\"\n",
    config: "The threshold is `change.budget_factor` (built-in: 5) in .promolint.yaml.",
};

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
