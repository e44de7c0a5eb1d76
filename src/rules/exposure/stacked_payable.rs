//! `stacked-payable`: combinable campaigns that together take the whole
//! order, so the payer pays nothing or is paid.
//!
//! Which groups: the campaigns that can stack on one payment are those of
//! one bucket of the shared index (environment, currency, channel) that all
//! run at one instant; the maximal such sets come from a sweep over the
//! bucket (at most one per campaign). Within one maximal set, the group that
//! qualifies at a spend `s` is every member whose `min_spend` is at most
//! `s`, and adding members only adds to what they take, so for each level
//! `s` (a member's `min_spend`) only that largest group needs the sum. The
//! largest payable level of each set is kept: the sweep keeps the bucket's
//! levels in an index as campaigns start and end, searched from the top
//! with jumps over levels that cannot pass (`payable_levels.rs`: a few
//! O(log n) jumps a set, at worst a walk over it). Of the groups found,
//! only those that no other payable group contains are reported: every
//! payable group is inside a reported one. See docs/decisions.md.

use crate::catalog::STACKED_PAYABLE as META;
use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::finding::Finding;
use crate::model::value::minor_unit;
use crate::model::{At, BenefitType, DocRef, Field, rate_fraction};
use crate::rules::ProjectCx;
use crate::rules::exposure::payable_levels::{Levels, Member, Take, sum};
use crate::rules::project::combinable::{self, Combinable, Overlap};
use crate::rules::project::{position, written};

/// A combinable campaign whose benefit was read whole.
struct Payer<'a> {
    base: Combinable<'a>,
    currency: &'a str,
    /// One minor unit of the currency: the smallest spend there is.
    minor: Decimal,
    /// The spend from which it applies (at least one minor unit), and what
    /// it takes.
    member: Member,
    /// The `amount` or `rate` value, where findings point.
    at: &'a At,
    shown: String,
    path: &'static str,
}

fn payer<'a>(base: Combinable<'a>) -> Option<Payer<'a>> {
    let offer = &base.effective.campaign.offer;
    let currency = offer.currency.value()?.as_str();
    let places = u32::try_from(minor_unit(currency)?).ok()?;
    let minor = Decimal::new(1, places);
    let Field::Valid(benefit) = &offer.benefit else {
        return None;
    };
    let b = &benefit.value;
    // A present but unreadable value is unknown: nothing is compared.
    let known = |field: &Field<crate::model::Money>| match field {
        Field::Valid(m) => Some(Some(m.value.amount)),
        Field::Absent => Some(None),
        Field::Invalid(_) => None,
    };
    let min_spend = known(&b.min_spend)?;
    let (take, at, shown, path) = match b.kind.value()? {
        BenefitType::AmountOff => {
            let amount = b.amount.get()?;
            (
                Take::Amount(amount.value.amount),
                &amount.at,
                format!("{} {currency}", amount.value),
                "/benefit/amount",
            )
        }
        BenefitType::PercentOff => {
            let rate = b.rate.get()?;
            let cap = known(&b.max_discount)?;
            (
                Take::Rate {
                    fraction: rate_fraction(&rate.value),
                    cap,
                },
                &rate.at,
                rate.value.to_string(),
                "/benefit/rate",
            )
        }
    };
    Some(Payer {
        base,
        currency,
        minor,
        member: Member {
            threshold: min_spend.unwrap_or(minor).max(minor),
            take,
        },
        at,
        shown,
        path,
    })
}

pub fn check(cx: &ProjectCx, out: &mut Vec<(DocRef, Finding)>) {
    let payers: Vec<Payer> = cx
        .campaigns
        .iter()
        .filter_map(|effective| combinable::combinable(effective))
        .filter_map(payer)
        .collect();
    if payers.len() < 2 {
        return;
    }
    let members: Vec<Member> = payers.iter().map(|p| p.member).collect();
    let mut groups: BTreeSet<Vec<usize>> = BTreeSet::new();
    let entries = payers
        .iter()
        .enumerate()
        .map(|(i, p)| (i, &p.base, p.currency));
    for bucket in combinable::buckets(entries) {
        let window = |i: usize| {
            payers
                .get(i)
                .map(|p| (p.base.start.value, p.base.end.value))
        };
        let mut levels = Levels::new(&members, &bucket);
        combinable::maximal_overlaps(&bucket, window, |event| match event {
            Overlap::Enter(i) => levels.enter(i),
            Overlap::Leave(i) => levels.leave(i),
            Overlap::Maximal => {
                if let Some(group) = levels.largest_payable() {
                    groups.insert(group);
                }
            }
        });
    }
    for group in outermost(&groups, payers.len()) {
        report(cx, &payers, &members, group, out);
    }
}

/// The groups no other group of the set contains (sorted). A group that
/// contains another holds each of its members, so only the groups that hold
/// the member in the fewest groups are candidates.
fn outermost(groups: &BTreeSet<Vec<usize>>, members: usize) -> Vec<&Vec<usize>> {
    let groups: Vec<&Vec<usize>> = groups.iter().collect();
    let mut holding: Vec<Vec<usize>> = vec![Vec::new(); members];
    for (g, group) in groups.iter().enumerate() {
        for &m in group.iter() {
            if let Some(list) = holding.get_mut(m) {
                list.push(g);
            }
        }
    }
    let contains = |outer: &[usize], inner: &[usize]| {
        inner.len() < outer.len()
            && inner
                .first()
                .is_some_and(|i| outer.binary_search(i).is_ok())
            && inner.last().is_some_and(|i| outer.binary_search(i).is_ok())
            && inner.iter().all(|i| outer.binary_search(i).is_ok())
    };
    groups
        .iter()
        .filter(|inner| {
            let rarest = inner
                .iter()
                .filter_map(|&m| holding.get(m))
                .min_by_key(|list| list.len());
            !rarest.is_some_and(|list| {
                list.iter()
                    .filter_map(|&g| groups.get(g))
                    .any(|outer| contains(outer, inner))
            })
        })
        .copied()
        .collect()
}

/// At most this many other members get a label on each finding.
const MAX_LABELS: usize = 8;

fn report(
    cx: &ProjectCx,
    payers: &[Payer],
    terms: &[Member],
    group: &[usize],
    out: &mut Vec<(DocRef, Finding)>,
) {
    let Some(total) = sum(terms, group.iter().copied()) else {
        return;
    };
    let members: Vec<&Payer> = group.iter().filter_map(|&i| payers.get(i)).collect();
    let Some(first) = members.first() else {
        return;
    };
    let currency = first.currency;
    let places = first.minor.scale();
    let money = |d: Decimal| shown_money(d, places);
    let mut shared: Vec<&str> = first.base.channels.clone();
    shared.retain(|c| {
        members
            .iter()
            .all(|m| m.base.channels.binary_search(c).is_ok())
    });
    let from = members.iter().map(|m| m.base.start).max_by_key(|s| s.value);
    let to = members.iter().map(|m| m.base.end).min_by_key(|s| s.value);
    let (Some(from), Some(to)) = (from, to) else {
        return;
    };
    let pays = total.spend - total.taken;
    let outcome = if pays.is_zero() {
        "the payer pays nothing".to_string()
    } else {
        format!("the payer pays {} {currency}", money(pays))
    };
    for this in &members {
        let others: Vec<&&Payer> = members
            .iter()
            .filter(|m| !std::ptr::eq(**m, *this))
            .collect();
        let names: Vec<String> = others.iter().map(|m| name(cx, m)).collect();
        let campaign = &this.base.effective.campaign;
        let mut finding = Finding::new(
            &META,
            this.at.loc,
            format!(
                "{} {} stacks with combinable campaign{} {}: at {} {currency}, the smallest \
                 spend that qualifies for {}, they take {} {currency}, so {outcome}; all run on {} \
                 from {} to {}",
                this.path.trim_start_matches("/benefit/"),
                this.shown,
                if others.len() == 1 { "" } else { "s" },
                names.join(", "),
                money(total.spend),
                if members.len() == 2 {
                    "both".to_string()
                } else {
                    format!("all {}", members.len())
                },
                money(total.taken),
                shared.join(", "),
                written(cx, from),
                written(cx, to),
            ),
        )
        .with_campaign(campaign.id())
        .with_path(this.path)
        .with_labels(this.at.provenance());
        for (other, other_name) in others.iter().zip(&names).take(MAX_LABELS) {
            finding = finding.with_label(
                other.at.loc,
                format!("stacks with {} of {other_name}", other.shown),
            );
        }
        out.push((
            campaign.anchor.doc,
            finding.with_help(
                "raise a `min_spend` above what the group takes, lower the amounts or rates, or \
                 set `stacking.combinable: false` on all but one of them",
            ),
        ));
    }
}

/// An amount with at least the currency's places (`60.00`, `-10.00`).
fn shown_money(value: Decimal, places: u32) -> String {
    let mut v = value.normalize();
    if v.scale() < places {
        v.rescale(places);
    }
    v.to_string()
}

/// "`id`", or where the campaign is when it has no readable id.
fn name(cx: &ProjectCx, payer: &Payer) -> String {
    let c = &payer.base.effective.campaign;
    match c.id() {
        Some(id) => format!("`{id}`"),
        None => format!("at {}", position(cx, c.anchor.kind_key)),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::outermost;

    /// Every group against every larger kept one, as before the index.
    fn every_larger(groups: &BTreeSet<Vec<usize>>) -> Vec<&Vec<usize>> {
        let contains = |outer: &[usize], inner: &[usize]| {
            inner.len() < outer.len() && inner.iter().all(|i| outer.binary_search(i).is_ok())
        };
        let mut by_size: Vec<&Vec<usize>> = groups.iter().collect();
        by_size.sort_by_key(|g| std::cmp::Reverse(g.len()));
        let mut kept: Vec<&Vec<usize>> = Vec::new();
        for group in by_size {
            if !kept.iter().any(|outer| contains(outer, group)) {
                kept.push(group);
            }
        }
        kept.sort();
        kept
    }

    #[test]
    fn a_group_inside_another_is_left_out() {
        let groups: BTreeSet<Vec<usize>> = [
            vec![0, 1],
            vec![0, 1, 2],
            vec![1, 2, 3],
            vec![3, 4],
            vec![2, 3],
        ]
        .into_iter()
        .collect();
        assert_eq!(
            outermost(&groups, 5),
            [&vec![0, 1, 2], &vec![1, 2, 3], &vec![3, 4]]
        );
    }

    proptest! {
        #[test]
        fn the_rarest_member_finds_what_every_group_finds(
            groups in proptest::collection::btree_set(
                proptest::collection::btree_set(0..10usize, 2..7)
                    .prop_map(|g| g.into_iter().collect::<Vec<usize>>()),
                0..30,
            ),
        ) {
            prop_assert_eq!(outermost(&groups, 10), every_larger(&groups));
        }
    }
}
