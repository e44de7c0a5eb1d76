//! `stacking-ceiling`: two combinable campaigns that can apply to the same
//! payment add up to more than the stacked ceiling.
//!
//! Campaigns are bucketed by (environment, channel) in the index the
//! stacking rules share (`combinable.rs`), and each bucket is swept in
//! order of start time, keeping the campaigns still running ordered by
//! rate: a campaign is compared only with those it overlaps, and among them
//! only until the rates stop exceeding the ceiling. Campaigns that share
//! nothing cost a hash insert each.

use crate::catalog::STACKING_CEILING as META;
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap};

use super::combinable::{Combinable, buckets, combinable};
use super::written;

use rust_decimal::Decimal;
use time::OffsetDateTime;

use crate::finding::Finding;
use crate::model::{BenefitType, DocRef, Field, Percent, Sp};
use crate::resolve::Effective;
use crate::rules::ProjectCx;

/// One combinable campaign, as the sweep sees it.
#[derive(Clone, Copy, Debug)]
struct Window {
    /// Index into `ProjectCx::campaigns`.
    key: usize,
    start: OffsetDateTime,
    end: OffsetDateTime,
    rate: Decimal,
}

/// What is compared of one campaign, when every part of it was read.
struct Stackable<'a> {
    base: Combinable<'a>,
    rate: &'a Sp<Percent>,
}

fn stackable<'a>(effective: &'a Effective<'a>) -> Option<Stackable<'a>> {
    let base = combinable(effective)?;
    let Field::Valid(benefit) = &effective.campaign.offer.benefit else {
        return None;
    };
    // `rate` on amount_off is an `invalid-value`: not compared.
    if benefit.value.kind.value() == Some(&BenefitType::AmountOff) {
        return None;
    }
    let rate = benefit.value.rate.get()?;
    Some(Stackable { base, rate })
}

/// Reports each campaign of every pair over the ceiling.
pub fn check(cx: &ProjectCx, out: &mut Vec<(DocRef, Finding)>) {
    let ceiling = cx.policy.limits.stacked_rate_ceiling;
    let candidates: Vec<Stackable> = cx
        .campaigns
        .iter()
        .filter_map(|effective| stackable(effective))
        .collect();
    if candidates.len() < 2 {
        return;
    }
    let entries = candidates
        .iter()
        .enumerate()
        .map(|(key, s)| (key, &s.base, ()));
    let mut pairs = BTreeSet::new();
    for bucket in buckets(entries) {
        let mut windows: Vec<Window> = bucket
            .iter()
            .filter_map(|&key| {
                let s = candidates.get(key)?;
                Some(Window {
                    key,
                    start: s.base.start.value,
                    end: s.base.end.value,
                    rate: s.rate.value.0,
                })
            })
            .collect();
        over_ceiling(&mut windows, ceiling.0, &mut pairs);
    }
    for (a, b) in pairs {
        let (Some(first), Some(second)) = (candidates.get(a), candidates.get(b)) else {
            continue;
        };
        out.push(report(cx, first, second, ceiling));
        out.push(report(cx, second, first, ceiling));
    }
}

/// Adds to `pairs` (lower key first) every two windows that overlap and
/// whose rates add up above `ceiling`. Sorts `windows` by start.
fn over_ceiling(windows: &mut [Window], ceiling: Decimal, pairs: &mut BTreeSet<(usize, usize)>) {
    windows.sort_by_key(|w| (w.start, w.key));
    // The windows still running, by end (to retire them) and by rate,
    // highest first (to stop at the first pair within the ceiling).
    let mut by_end: BinaryHeap<Reverse<(OffsetDateTime, usize)>> = BinaryHeap::new();
    let mut by_rate: BTreeSet<(Reverse<Decimal>, usize)> = BTreeSet::new();
    let mut rates: HashMap<usize, Decimal> = HashMap::new();
    for w in windows.iter() {
        // Ended at or before this start: touching is not overlapping.
        while let Some(Reverse((end, key))) = by_end.peek().copied() {
            if end > w.start {
                break;
            }
            by_end.pop();
            if let Some(rate) = rates.remove(&key) {
                by_rate.remove(&(Reverse(rate), key));
            }
        }
        for &(Reverse(rate), key) in &by_rate {
            if rate.checked_add(w.rate).is_some_and(|sum| sum <= ceiling) {
                break;
            }
            if key != w.key {
                pairs.insert((key.min(w.key), key.max(w.key)));
            }
        }
        if rates.insert(w.key, w.rate).is_none() {
            by_end.push(Reverse((w.end, w.key)));
            by_rate.insert((Reverse(w.rate), w.key));
        }
    }
}

/// The finding on `this` campaign about its pair with `other`.
fn report(
    cx: &ProjectCx,
    this: &Stackable,
    other: &Stackable,
    ceiling: Percent,
) -> (DocRef, Finding) {
    let (this_base, other_base) = (&this.base, &other.base);
    let shared: Vec<&str> = this_base
        .channels
        .iter()
        .copied()
        .filter(|c| other_base.channels.binary_search(c).is_ok())
        .collect();
    let from = if this_base.start.value >= other_base.start.value {
        this_base.start
    } else {
        other_base.start
    };
    let to = if this_base.end.value <= other_base.end.value {
        this_base.end
    } else {
        other_base.end
    };
    let sum = this
        .rate
        .value
        .0
        .checked_add(other.rate.value.0)
        .map_or_else(|| "more".to_string(), |s| format!("{}%", s.normalize()));
    let other_name = name(cx, other_base.effective);
    let campaign = &this_base.effective.campaign;
    let finding = Finding::new(
        &META,
        this.rate.at.loc,
        format!(
            "rate {} + {} of combinable campaign {other_name} = {sum}, above the {ceiling} \
             stacked ceiling (limits.stacked_rate_ceiling); both run on {} from {} to {}",
            this.rate.value,
            other.rate.value,
            shared.join(", "),
            written(cx, from),
            written(cx, to),
        ),
    )
    .with_campaign(campaign.id())
    .with_path("/benefit/rate")
    .with_labels(this.rate.at.provenance())
    .with_label(
        other.rate.at.loc,
        format!("stacks with this rate of {other_name}"),
    )
    .with_help(format!(
        "lower the rates to at most {ceiling} together, set `stacking.combinable: false` on \
         one of the two, or schedule them apart"
    ));
    (campaign.anchor.doc, finding)
}

/// "`id`", or where the campaign is when it has no readable id.
fn name(cx: &ProjectCx, effective: &Effective) -> String {
    let c = &effective.campaign;
    match c.id() {
        Some(id) => format!("`{id}`"),
        None => format!("at {}", super::position(cx, c.anchor.kind_key)),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use rust_decimal::Decimal;
    use time::macros::datetime;

    use super::{Window, check, over_ceiling};
    use crate::rules::project::test_support::{at, run};

    fn w(key: usize, start_day: u8, end_day: u8, rate: i64) -> Window {
        let day = |d: u8| datetime!(2027-03-01 00:00 UTC).replace_day(d).unwrap();
        Window {
            key,
            start: day(start_day),
            end: day(end_day),
            rate: Decimal::from(rate),
        }
    }

    fn pairs(mut windows: Vec<Window>) -> Vec<(usize, usize)> {
        let mut found = BTreeSet::new();
        over_ceiling(&mut windows, Decimal::from(40), &mut found);
        found.into_iter().collect()
    }

    #[test]
    fn overlapping_pairs_above_the_ceiling() {
        assert_eq!(pairs(vec![w(0, 1, 20, 25), w(1, 10, 25, 20)]), [(0, 1)]);
        // Listed in any order; the same start overlaps.
        assert_eq!(pairs(vec![w(1, 10, 25, 20), w(0, 10, 20, 25)]), [(0, 1)]);
        // One inside the other.
        assert_eq!(pairs(vec![w(0, 1, 28, 25), w(1, 5, 6, 20)]), [(0, 1)]);
    }

    #[test]
    fn touching_is_not_overlapping() {
        assert_eq!(pairs(vec![w(0, 1, 10, 25), w(1, 10, 20, 20)]), []);
        assert_eq!(pairs(vec![w(1, 10, 20, 20), w(0, 1, 10, 25)]), []);
    }

    #[test]
    fn at_the_ceiling_is_fine() {
        assert_eq!(pairs(vec![w(0, 1, 20, 25), w(1, 10, 25, 15)]), []);
    }

    #[test]
    fn only_the_pairs_above_the_ceiling() {
        // 0 overlaps everyone; 30+15 and 30+20 are over, 15+20 is not;
        // 3 starts after 1 and 2 ended.
        let found = pairs(vec![
            w(0, 1, 28, 30),
            w(1, 2, 5, 15),
            w(2, 3, 6, 20),
            w(3, 6, 9, 11),
        ]);
        assert_eq!(found, [(0, 1), (0, 2), (0, 3)]);
    }

    fn campaign(id: &str, channels: &str, start: &str, end: &str, rate: &str) -> String {
        format!(
            "apiVersion: promo/v1\nkind: Campaign\nid: {id}\nenvironment: production\n\
             channels: [{channels}]\nschedule:\n  start: {start}\n  end: {end}\n\
             benefit:\n  type: percent_off\n  rate: \"{rate}\"\nstacking:\n  combinable: true\n"
        )
    }

    #[test]
    fn reported_on_each_of_the_two_once() {
        let a = campaign(
            "stack-a",
            "online-checkout, merchant-qr",
            "2027-03-01T00:00:00+08:00",
            "2027-03-20T00:00:00+08:00",
            "25%",
        );
        let b = campaign(
            "stack-b",
            "merchant-qr, online-checkout",
            "2027-03-10T00:00:00+08:00",
            "2027-03-25T00:00:00+08:00",
            "20%",
        );
        // Touches `stack-a` only: starts when it ends (same instant, other offset).
        let c = campaign(
            "stack-c",
            "online-checkout",
            "2027-03-19T16:00:00Z",
            "2027-03-21T00:00:00Z",
            "25%",
        );
        let (sources, found) = run(
            check,
            &[("a.yaml", &a), ("b.yaml", &format!("{b}---\n{c}"))],
        );
        let reported: Vec<(String, Option<&str>)> = found
            .iter()
            .map(|(_, f)| (at(&sources, f), f.campaign.as_deref()))
            .collect();
        // a+b (45%) on two shared channels: once each. b+c (45%) overlap too.
        assert_eq!(
            reported,
            [
                ("a.yaml:11:9".to_string(), Some("stack-a")),
                ("b.yaml:11:9".to_string(), Some("stack-b")),
                ("b.yaml:11:9".to_string(), Some("stack-b")),
                ("b.yaml:25:9".to_string(), Some("stack-c")),
            ]
        );
        let (doc, first) = &found[0];
        assert_eq!(doc.file, 0);
        assert_eq!(first.labels.len(), 1);
        assert_eq!(first.labels[0].loc.file, 1);
        assert!(
            first
                .message
                .contains("run on merchant-qr, online-checkout from 2027-03-10T00:00:00+08:00"),
            "{}",
            first.message
        );
        assert!(
            first
                .message
                .contains("25% + 20% of combinable campaign `stack-b` = 45%"),
            "{}",
            first.message
        );
    }

    #[test]
    fn other_environments_and_channels_do_not_stack() {
        let a = campaign(
            "stack-a",
            "online-checkout",
            "2027-03-01T00:00:00+08:00",
            "2027-03-20T00:00:00+08:00",
            "25%",
        );
        let b = campaign(
            "stack-b",
            "merchant-qr",
            "2027-03-10T00:00:00+08:00",
            "2027-03-25T00:00:00+08:00",
            "20%",
        );
        let c = campaign(
            "stack-c",
            "online-checkout",
            "2027-03-10T00:00:00+08:00",
            "2027-03-25T00:00:00+08:00",
            "20%",
        )
        .replace("production", "staging");
        let (_, found) = run(check, &[("a.yaml", &format!("{a}---\n{b}---\n{c}"))]);
        assert!(found.is_empty());
    }
}
