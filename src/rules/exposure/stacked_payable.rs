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
//! largest payable level of each set is kept, and of the groups found, only
//! those that no other payable group contains are reported: every payable
//! group is inside a reported one. See docs/decisions.md.

use crate::catalog::STACKED_PAYABLE as META;
use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::finding::Finding;
use crate::model::value::minor_unit;
use crate::model::{At, BenefitType, DocRef, Field, rate_fraction};
use crate::rules::ProjectCx;
use crate::rules::project::combinable::{self, Combinable};
use crate::rules::project::{position, written};

/// What one campaign takes from an order.
#[derive(Clone, Copy)]
enum Take {
    Amount(Decimal),
    /// A fraction of the spend, capped.
    Rate {
        fraction: Decimal,
        cap: Option<Decimal>,
    },
}

/// A combinable campaign whose benefit was read whole.
struct Payer<'a> {
    base: Combinable<'a>,
    currency: &'a str,
    /// One minor unit of the currency: the smallest spend there is.
    minor: Decimal,
    /// The spend from which it applies (at least one minor unit).
    threshold: Decimal,
    take: Take,
    /// The `amount` or `rate` value, where findings point.
    at: &'a At,
    shown: String,
    path: &'static str,
}

impl Payer<'_> {
    fn takes_at(&self, spend: Decimal) -> Option<Decimal> {
        match self.take {
            Take::Amount(amount) => Some(amount),
            Take::Rate { fraction, cap } => {
                let share = fraction.checked_mul(spend)?;
                Some(cap.map_or(share, |cap| share.min(cap)))
            }
        }
    }
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
        threshold: min_spend.unwrap_or(minor).max(minor),
        take,
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
        combinable::maximal_overlaps(&bucket, window, |clique| {
            if let Some(group) = largest_payable(&payers, clique) {
                groups.insert(group);
            }
        });
    }
    for group in outermost(&groups) {
        report(cx, &payers, group, out);
    }
}

/// The spend of a group and what its members take at it.
struct Sum {
    spend: Decimal,
    taken: Decimal,
}

/// The group of the largest spend level at which the members of `clique`
/// that qualify take the whole order (sorted indices), if any.
fn largest_payable(payers: &[Payer], clique: &[usize]) -> Option<Vec<usize>> {
    let mut members: Vec<(Decimal, usize)> = clique
        .iter()
        .filter_map(|&i| payers.get(i).map(|p| (p.threshold, i)))
        .collect();
    members.sort_unstable();
    // Upper bounds per prefix, so most levels are dismissed without
    // evaluating every member: the amounts, the uncapped rates times the
    // level, and the capped rates times the level but at most their caps
    // together (each takes at most its rate and at most its cap).
    let mut bound = Bound::default();
    let mut bounds = Vec::with_capacity(members.len());
    for &(_, i) in &members {
        if let Some(p) = payers.get(i) {
            bound = bound.with(p.take)?;
        }
        bounds.push(bound);
    }
    // Levels from the largest down; a level is the last member of equal threshold.
    let mut end = members.len();
    while end >= 2 {
        let level = members.get(end - 1)?.0;
        let most = bounds.get(end - 1)?.at(level);
        if most.is_none_or(|b| b >= level) {
            let group = members.get(..end)?;
            if sum(payers, group.iter().map(|&(_, i)| i)).is_some_and(|s| s.taken >= s.spend) {
                let mut ids: Vec<usize> = group.iter().map(|&(_, i)| i).collect();
                ids.sort_unstable();
                return Some(ids);
            }
        }
        // The next level down: skip members of the same threshold.
        let mut next = end - 1;
        while next > 0 && members.get(next - 1).is_some_and(|m| m.0 == level) {
            next -= 1;
        }
        end = next;
    }
    None
}

/// An upper bound of what a set of members takes at a spend.
#[derive(Clone, Copy, Default)]
struct Bound {
    amounts: Decimal,
    uncapped: Decimal,
    capped: Decimal,
    caps: Decimal,
}

impl Bound {
    fn with(self, take: Take) -> Option<Bound> {
        let mut b = self;
        match take {
            Take::Amount(a) => b.amounts = b.amounts.checked_add(a)?,
            Take::Rate {
                fraction,
                cap: None,
            } => b.uncapped = b.uncapped.checked_add(fraction)?,
            Take::Rate {
                fraction,
                cap: Some(cap),
            } => {
                b.capped = b.capped.checked_add(fraction)?;
                b.caps = b.caps.checked_add(cap)?;
            }
        }
        Some(b)
    }

    /// At most what the members take at `spend` (`None` on overflow).
    fn at(&self, spend: Decimal) -> Option<Decimal> {
        let capped = self.capped.checked_mul(spend)?.min(self.caps);
        self.uncapped
            .checked_mul(spend)?
            .checked_add(capped)?
            .checked_add(self.amounts)
    }
}

/// The smallest spend that qualifies for every member, and what they take at it.
fn sum(payers: &[Payer], group: impl Iterator<Item = usize> + Clone) -> Option<Sum> {
    let spend = group
        .clone()
        .filter_map(|i| payers.get(i).map(|p| p.threshold))
        .max()?;
    let mut taken = Decimal::ZERO;
    for i in group {
        taken = taken.checked_add(payers.get(i)?.takes_at(spend)?)?;
    }
    Some(Sum { spend, taken })
}

/// The groups no other group of the set contains.
fn outermost(groups: &BTreeSet<Vec<usize>>) -> Vec<&Vec<usize>> {
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

/// At most this many other members get a label on each finding.
const MAX_LABELS: usize = 8;

fn report(cx: &ProjectCx, payers: &[Payer], group: &[usize], out: &mut Vec<(DocRef, Finding)>) {
    let Some(total) = sum(payers, group.iter().copied()) else {
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
