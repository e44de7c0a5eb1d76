//! The index the stacking rules share: the combinable campaigns that can
//! apply to one payment, bucketed by environment, a further key (the
//! currency, for `stacked-payable`) and channel, each bucket in order of
//! start time. A payment goes through one channel at one instant, so a
//! set of campaigns can stack on it exactly when they are in one bucket and
//! all run at one instant; campaigns that share nothing cost a hash insert
//! each, and no rule compares campaigns of different buckets.

use std::collections::HashMap;
use std::hash::Hash;

use time::OffsetDateTime;

use crate::model::{Environment, Field, Sp};
use crate::resolve::Effective;

/// What both stacking rules compare of a combinable campaign, when every
/// part of it was read.
pub struct Combinable<'a> {
    pub effective: &'a Effective<'a>,
    pub environment: Environment,
    pub start: &'a Sp<OffsetDateTime>,
    pub end: &'a Sp<OffsetDateTime>,
    /// Sorted, without repeats.
    pub channels: Vec<&'a str>,
}

/// The campaign, when it has `stacking.combinable: true` and a readable
/// environment, a non-empty schedule and channels.
pub fn combinable<'a>(effective: &'a Effective<'a>) -> Option<Combinable<'a>> {
    let c = &effective.campaign;
    let offer = &c.offer;
    let Field::Valid(stacking) = &offer.stacking else {
        return None;
    };
    if stacking.value.combinable.value() != Some(&true) {
        return None;
    }
    let environment = *c.environment.value()?;
    let Field::Valid(schedule) = &c.schedule else {
        return None;
    };
    let (start, end) = (schedule.value.start.get()?, schedule.value.end.get()?);
    // An empty schedule (`schedule-order`) overlaps nothing.
    if end.value <= start.value {
        return None;
    }
    let mut channels: Vec<&str> = offer
        .channels
        .value()?
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    channels.sort_unstable();
    channels.dedup();
    Some(Combinable {
        effective,
        environment,
        start,
        end,
        channels,
    })
}

/// A bucket: environment, the further key, channel.
type BucketKey<'a, K> = (Environment, K, &'a str);

/// The buckets of the index: indices of `items` (index, campaign, further
/// key), each bucket sorted by start (then index), only buckets of two or
/// more.
pub fn buckets<'b, 'a: 'b, K: Hash + Eq + Clone>(
    items: impl Iterator<Item = (usize, &'b Combinable<'a>, K)>,
) -> Vec<Vec<usize>> {
    let mut map: HashMap<BucketKey<'a, K>, Vec<(OffsetDateTime, usize)>> = HashMap::new();
    for (index, item, extra) in items {
        for channel in &item.channels {
            map.entry((item.environment, extra.clone(), channel))
                .or_default()
                .push((item.start.value, index));
        }
    }
    map.into_values()
        .filter(|bucket| bucket.len() > 1)
        .map(|mut bucket| {
            bucket.sort_unstable();
            bucket.into_iter().map(|(_, index)| index).collect()
        })
        .collect()
}

/// What the sweep of one bucket meets, in time order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlap {
    /// A campaign (index) starts running.
    Enter(usize),
    /// The campaigns running now are a maximal set that all run at one
    /// instant, of two or more.
    Maximal,
    /// A campaign (index) stops running.
    Leave(usize),
}

/// Sweeps a bucket's campaigns over time and tells `on` each campaign that
/// enters and leaves the running set and each time that set is maximal
/// (touching is not overlapping). `window` gives an index's start and end.
/// A set is maximal when an end follows starts, so there are at most as
/// many as the bucket has campaigns; the caller keeps the set, and this
/// costs a sort of the starts and ends.
pub fn maximal_overlaps(
    bucket: &[usize],
    window: impl Fn(usize) -> Option<(OffsetDateTime, OffsetDateTime)>,
    mut on: impl FnMut(Overlap),
) {
    // Ends sort before starts at the same instant: [start, end) intervals.
    let mut events: Vec<(OffsetDateTime, bool, usize)> = Vec::with_capacity(bucket.len() * 2);
    for &i in bucket {
        if let Some((start, end)) = window(i) {
            events.push((start, true, i));
            events.push((end, false, i));
        }
    }
    events.sort_unstable();
    let mut running = 0usize;
    let mut grown = false;
    for (_, is_start, i) in events {
        if is_start {
            running += 1;
            grown = true;
            on(Overlap::Enter(i));
            continue;
        }
        if grown && running > 1 {
            on(Overlap::Maximal);
        }
        grown = false;
        running = running.saturating_sub(1);
        on(Overlap::Leave(i));
    }
}
