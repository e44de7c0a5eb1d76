//! `amount-jump`: the campaign's own `benefit.amount` or
//! `benefit.max_discount` was raised a lot, or the cap of a percentage
//! discount was removed.

use crate::finding::{Finding, Severity};
use crate::model::{BenefitType, DocRef, Field};
use crate::review::{Change, ChangeCx, Key, Pair, Verdict, jump, times};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "amount-jump",
    default_severity: Severity::Error,
    summary: "the campaign's own benefit.amount or max_discount raised by change.amount_factor times, or the cap removed",
    what: "With `--base REV`, reports a campaign whose own file raised `benefit.amount` or \
           `benefit.max_discount` to at least `change.amount_factor` times its value at the \
           base, or removed `max_discount` from a `percent_off` benefit (the discount then has \
           no cap). Amounts are compared only in the same currency. Changes that come with a \
           template switch or a template edit are reported by `template-switch` and \
           `template-change`.",
    why: "The amount and the cap bound what one payment can cost. A cap taken out of a \
          percentage discount turns a bounded promotion into an open one, and the diff shows \
          one deleted line.",
    bad: "# at the base: max_discount: \"20.00\"\n\
          benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"200.00\"   # x10 since the base\n",
    good: "# at the base: max_discount: \"20.00\"\n\
           benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"30.00\"\n",
    config: "The threshold is `change.amount_factor` (built-in: 2) in .promolint.yaml.",
};

pub fn judge(cx: &ChangeCx, pair: &Pair, change: &Change) -> Option<Verdict> {
    if !matches!(change.key, Key::Amount | Key::MaxDiscount) {
        return None;
    }
    if change.key == Key::MaxDiscount
        && let Some(old) = change.removed()
    {
        let percent = match &pair.campaign().offer.benefit {
            Field::Valid(b) => b.value.kind.value() == Some(&BenefitType::PercentOff),
            _ => false,
        };
        return percent.then(|| {
            Verdict::new(format!(
                "max_discount removed from a percent_off benefit (was {})",
                old.value.show()
            ))
            .meaning("the discount has no cap")
        });
    }
    let (old, new) = change.both()?;
    if !pair.same_currency() {
        return None;
    }
    let ratio = jump(
        old.value.money()?.amount,
        new.value.money()?.amount,
        cx.policy.change.amount_factor,
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
        "check that the new amount is meant and approved; a percent_off benefit needs a max_discount",
        out,
    );
}
