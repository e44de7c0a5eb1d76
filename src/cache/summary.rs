//! What the project context of a run needs of one file, kept in the cache
//! so that a file no named file depends on is neither read nor parsed: its
//! documents' ids and kinds, the template each campaign uses, and what the
//! stacking rules bucket campaigns by (environment, channels, schedule,
//! `stacking.combinable`). Values are taken before template resolution (a
//! template may change between runs); [`super::select`] resolves them
//! against the templates' summaries of the run.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::model::{Field, Item, Offer};

/// The documents of one file, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    pub docs: Vec<DocSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSummary {
    pub template_doc: bool,
    pub id: Option<String>,
    /// A campaign's `template:` value.
    pub uses: Option<String>,
    pub combinable: Own<bool>,
    pub channels: Own<Vec<String>>,
    /// A campaign's environment and schedule, when both were read, the
    /// schedule is not empty and the campaign may be combinable: without
    /// them it stacks with nothing.
    pub window: Option<Window>,
}

/// A value of the document's own offer, which a template can supply.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Own<T> {
    /// Not written: the template's value, if any, applies.
    #[default]
    Inherited,
    /// Written but not readable: taken to be anything (the selection only
    /// ever includes too much).
    Unknown,
    Is(T),
}

/// When and where a campaign runs, in whole seconds: the start rounded
/// down and the end up, so windows overlap at least where the real ones do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub environment: String,
    pub start: i64,
    pub end: i64,
}

impl Window {
    pub fn overlaps(&self, other: &Window) -> bool {
        self.environment == other.environment && self.start < other.end && other.start < self.end
    }
}

pub fn summarize(items: &[Item]) -> FileSummary {
    FileSummary {
        docs: items.iter().map(summarize_item).collect(),
    }
}

fn summarize_item(item: &Item) -> DocSummary {
    match item {
        Item::Template(t) => DocSummary {
            template_doc: true,
            id: t.id.value().cloned(),
            uses: None,
            combinable: combinable(&t.offer),
            channels: channels(&t.offer),
            window: None,
        },
        Item::Campaign(c) => {
            let uses = c.template.value().cloned();
            let combinable = combinable(&c.offer);
            // Most campaigns are not combinable: what only the stacking
            // rules read is kept for those that may be.
            let may_stack = match combinable {
                Own::Is(b) => b,
                Own::Unknown => true,
                Own::Inherited => uses.is_some(),
            };
            DocSummary {
                template_doc: false,
                id: c.id.value().cloned(),
                uses,
                channels: if may_stack {
                    channels(&c.offer)
                } else {
                    Own::Inherited
                },
                window: if may_stack { window(c) } else { None },
                combinable,
            }
        }
    }
}

fn combinable(offer: &Offer) -> Own<bool> {
    match &offer.stacking {
        Field::Absent => Own::Inherited,
        Field::Invalid(_) => Own::Unknown,
        Field::Valid(stacking) => match &stacking.value.combinable {
            Field::Absent => Own::Inherited,
            Field::Invalid(_) => Own::Unknown,
            Field::Valid(b) => Own::Is(b.value),
        },
    }
}

fn channels(offer: &Offer) -> Own<Vec<String>> {
    match &offer.channels {
        Field::Absent => Own::Inherited,
        Field::Invalid(_) => Own::Unknown,
        Field::Valid(list) => Own::Is(list.value.iter().map(|c| c.value.clone()).collect()),
    }
}

fn window(c: &crate::model::Campaign) -> Option<Window> {
    let environment = c.environment.value()?.as_str().to_string();
    let schedule = c.schedule.value()?;
    let (start, end) = (schedule.start.value()?, schedule.end.value()?);
    if end <= start {
        return None;
    }
    Some(Window {
        environment,
        start: start.unix_timestamp(),
        end: seconds_up(end),
    })
}

/// The whole second at or after `t`.
fn seconds_up(t: &OffsetDateTime) -> i64 {
    let seconds = t.unix_timestamp();
    if t.nanosecond() > 0 {
        seconds.saturating_add(1)
    } else {
        seconds
    }
}
