//! `audience-widened`: the campaign's own audience became everyone.

use crate::finding::{Finding, Severity};
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Value, Verdict};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "audience-widened",
    default_severity: Severity::Error,
    summary: "the campaign's own audience.segments became all, or audience.regions was removed or emptied",
    what: "With `--base REV`, reports a campaign whose own file changed `audience.segments` \
           to `all`, or removed or emptied `audience.regions`, since the base. The finding \
           points at the segments value, or at the `audience` key for regions.",
    why: "A campaign sized and approved for new users in two regions costs many times more \
          when it reaches every user everywhere; the budget and the fraud controls were set \
          for the narrow audience.",
    bad: "# at the base: segments: [new-users]\n\
          audience:\n  segments: all\n  regions: [CN-31]\n",
    good: "# at the base: segments: [new-users]\n\
           audience:\n  segments: [new-users, dormant-90d]\n  regions: [CN-31]\n",
    config: "",
};

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
