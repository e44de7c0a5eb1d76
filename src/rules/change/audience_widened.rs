//! `audience-widened`: the campaign's own audience became everyone.

use crate::catalog::AUDIENCE_WIDENED as META;
use crate::finding::Finding;
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Value, Verdict};

const EVERY_REGION: &str = "the campaign now runs in every region";

pub fn judge(_cx: &ChangeCx, pair: &Pair, change: &Change) -> Option<Verdict> {
    match change.key {
        Key::Segments => {
            let (old, new) = change.both()?;
            (new.value == Value::All && old.value != Value::All).then(|| {
                Verdict::new(format!(
                    "audience.segments widened from {} to all",
                    old.value.show()
                ))
            })
        }
        Key::Regions => {
            let old = change.old.as_ref()?;
            if old.value.list().is_none_or(<[String]>::is_empty) {
                return None;
            }
            match &change.new {
                None => Some(
                    Verdict::new(format!(
                        "audience.regions removed (was {})",
                        old.value.show()
                    ))
                    .meaning(EVERY_REGION),
                ),
                Some(new) if new.value.list().is_some_and(<[String]>::is_empty) => {
                    Some(Verdict {
                        // Pointed at the `audience` key, as for a removal.
                        loc: pair
                            .campaign()
                            .offer
                            .audience
                            .at()
                            .map(|at| at.key_or_value()),
                        ..Verdict::new(format!(
                            "audience.regions emptied (was {})",
                            old.value.show()
                        ))
                        .meaning(EVERY_REGION)
                    })
                }
                Some(_) => None,
            }
        }
        _ => None,
    }
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    super::own_changes(
        cx,
        &META,
        judge,
        "a wider audience needs a budget and an approval for it; keep the segments and regions the campaign was approved for",
        out,
    );
}
