//! `rate-jump`: the campaign's own `benefit.rate` was raised a lot.

use crate::catalog::RATE_JUMP as META;
use crate::finding::Finding;
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict, jump, times};

/// A raise of at least the factor or the points (the factor is shown when
/// it is met, else the points).
pub fn judge(cx: &ChangeCx, _pair: &Pair, change: &Change) -> Option<Verdict> {
    if change.key != Key::Rate {
        return None;
    }
    let (old, new) = change.both()?;
    let (old_rate, new_rate) = (old.value.percent()?, new.value.percent()?);
    let limits = &cx.policy.change;
    let how = match jump(old_rate.0, new_rate.0, limits.rate_factor) {
        Some(ratio) => times(ratio),
        None => {
            let points = new_rate.0 - old_rate.0;
            if points < limits.rate_points.0 {
                return None;
            }
            format!("+{} percentage points", points.normalize())
        }
    };
    Some(Verdict::new(format!(
        "rate raised from {old_rate} to {new_rate} ({how})"
    )))
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    super::own_changes(
        cx,
        &META,
        judge,
        "a raise this large needs its own approval: check that the rate is meant, and record the ticket",
        out,
    );
}
