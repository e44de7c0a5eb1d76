//! `funding-switch`: the campaign's own `funding.source` changed.

use crate::catalog::FUNDING_SWITCH as META;
use crate::finding::Finding;
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict};

pub fn judge(_cx: &ChangeCx, _pair: &Pair, change: &Change) -> Option<Verdict> {
    if change.key != Key::FundingSource {
        return None;
    }
    let (old, new) = change.both()?;
    let new = new.value.show();
    Some(
        Verdict::new(format!(
            "funding.source changed from {} to {new}",
            old.value.show()
        ))
        .meaning(format!("{new} now pays for the discount")),
    )
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    super::own_changes(
        cx,
        &META,
        judge,
        "a new funder must agree to pay: get the change approved by the budget's owner",
        out,
    );
}
