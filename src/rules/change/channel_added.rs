//! `channel-added`: the campaign's own `channels` gained items.

use crate::finding::{Finding, Label, Severity};
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "channel-added",
    default_severity: Severity::Warning,
    summary: "the campaign's own channels gained items since the base",
    what: "With `--base REV`, reports a campaign whose own file added channels to \
           `channels` since the base; the message names them, the finding points at the \
           first and a label at each other one. Removing a channel is not reported.",
    why: "Each channel has its own margin, fraud profile and rate ceiling: a campaign \
          approved for online checkout may not be meant for bill payment or offline \
          terminals.",
    bad: "# at the base: channels: [online-checkout]\n\
          channels: [online-checkout, offline-pos]\n",
    good: "# at the base: channels: [online-checkout]\n\
           channels: [online-checkout]\n",
    config: "",
};

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
