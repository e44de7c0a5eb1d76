//! `channel-added`: the campaign's own `channels` gained items.

use crate::catalog::CHANNEL_ADDED as META;
use crate::finding::{Finding, Label};
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict};

pub fn judge(_cx: &ChangeCx, pair: &Pair, change: &Change) -> Option<Verdict> {
    if change.key != Key::Channels {
        return None;
    }
    let (old, _) = change.both()?;
    let before = old.value.list()?;
    // The items as written, for their locations (the new side's campaign;
    // for a template's change the template's items, inherited alike).
    let items = pair.campaign().offer.channels.value()?;
    let added: Vec<_> = items
        .iter()
        .filter(|item| !before.contains(&item.value))
        .collect();
    let (first, rest) = added.split_first()?;
    let names: Vec<&str> = added.iter().map(|i| i.value.as_str()).collect();
    Some(Verdict {
        loc: Some(first.at.loc),
        labels: rest
            .iter()
            .map(|item| Label {
                loc: item.at.loc,
                message: format!("{} added", item.value),
            })
            .collect(),
        ..Verdict::new(format!("channels gained {}", names.join(", ")))
    })
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    super::own_changes(
        cx,
        &META,
        judge,
        "check that the campaign is meant and approved for the new channels",
        out,
    );
}
