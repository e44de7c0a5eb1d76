//! `amount-jump`: the campaign's own `benefit.amount` or
//! `benefit.max_discount` was raised a lot, or the cap of a percentage
//! discount was removed.

use crate::catalog::AMOUNT_JUMP as META;
use crate::finding::Finding;
use crate::model::{BenefitType, DocRef, Field};
use crate::review::{Change, ChangeCx, Key, Pair, Verdict};

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
    super::money_raised(pair, change, cx.policy.change.amount_factor)
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
