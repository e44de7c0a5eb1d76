//! The spend levels of one bucket's campaigns for `stacked-payable`, kept
//! up to date while the sweep over time adds and removes campaigns, and the
//! largest level at which the running ones take the whole order.
//!
//! At a spend `s`, the members whose threshold is at most `s` take
//! `total(s) = C(s) + R(s)·s`. `C` adds each `amount`, and each cap that
//! binds at `s`; `R` adds the fraction of each percent whose cap does not
//! bind yet. Both are prefix sums along the spend axis over a member's
//! threshold and, for a capped percent whose cap does not bind at its
//! threshold, its cap point `cap / fraction`, where the fraction leaves `R`
//! and the cap joins `C` (its take `min(fraction·s, cap)` is continuous
//! there, so which side the point itself is on does not matter). The keys
//! of a bucket are sorted once, one leaf per key and member, and a segment
//! tree over the leaves holds what the running members put at each:
//! entering or leaving rewrites a leaf and its ancestors, O(log n), and
//! `total` at a level is a prefix query, O(log n).
//!
//! `total` never falls as `s` grows. The search starts at the largest
//! running level `L`; a level passes when `total(L) >= L` (with two or more
//! members up to it). When `L` fails, a member takes no more at a smaller
//! spend `s` than its term in `C(L) + R(L)·s`, and one whose threshold is
//! above `s` takes nothing, so a level below `L` that passes is at most
//! `C(L) / (1 - R(L))`, which is at most `total(L)`: the search jumps to the
//! largest running level there, O(log n) a jump (one to six on the sets of
//! `scripts/bench-stacking.sh`). Amounts that stay just short, one level
//! apart, make each jump one level, so after [`JUMPS`] jumps the search
//! walks the rest of the running leaves down instead, a subtraction each:
//! at worst O(k + n / 64) for a set of `k`, where the scan this replaces
//! sorted each set and could sum it member by member at every level, O(k²).
//! A level that passes is confirmed with that member-by-member sum, which
//! the finding reports, so both find the same groups. Decimal sums are exact
//! to 28 significant digits; beyond, both round.

use std::collections::HashMap;

use rust_decimal::Decimal;

/// What one campaign takes from an order.
#[derive(Clone, Copy, Debug)]
pub enum Take {
    Amount(Decimal),
    /// A fraction of the spend, capped.
    Rate {
        fraction: Decimal,
        cap: Option<Decimal>,
    },
}

impl Take {
    pub fn at(self, spend: Decimal) -> Option<Decimal> {
        match self {
            Take::Amount(amount) => Some(amount),
            Take::Rate { fraction, cap } => {
                let share = fraction.checked_mul(spend)?;
                Some(cap.map_or(share, |cap| share.min(cap)))
            }
        }
    }
}

/// A campaign as the levels see it: the spend from which it applies, and
/// what it takes.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub threshold: Decimal,
    pub take: Take,
}

/// The spend of a group and what its members take at it.
pub struct Sum {
    pub spend: Decimal,
    pub taken: Decimal,
}

/// The smallest spend that qualifies for every member, and what they take
/// at it, member by member.
pub fn sum(members: &[Member], group: impl Iterator<Item = usize> + Clone) -> Option<Sum> {
    let spend = group
        .clone()
        .filter_map(|i| members.get(i).map(|m| m.threshold))
        .max()?;
    let mut taken = Decimal::ZERO;
    for i in group {
        taken = taken.checked_add(members.get(i)?.take.at(spend)?)?;
    }
    Some(Sum { spend, taken })
}

/// After this many jumps the search walks the rest down.
const JUMPS: usize = 32;

/// What running members put at a leaf or a range of leaves (`None` where a
/// sum overflows).
#[derive(Clone, Copy, Debug)]
struct Sums {
    amounts: Option<Decimal>,
    caps: Option<Decimal>,
    rate: Option<Decimal>,
    /// How many thresholds.
    thresholds: u32,
}

const NOTHING: Sums = Sums {
    amounts: Some(Decimal::ZERO),
    caps: Some(Decimal::ZERO),
    rate: Some(Decimal::ZERO),
    thresholds: 0,
};

impl Sums {
    fn plus(self, other: Sums) -> Sums {
        let add = |a: Option<Decimal>, b: Option<Decimal>| a?.checked_add(b?);
        Sums {
            amounts: add(self.amounts, other.amounts),
            caps: add(self.caps, other.caps),
            rate: add(self.rate, other.rate),
            thresholds: self.thresholds.saturating_add(other.thresholds),
        }
    }

    fn total(&self, spend: Decimal) -> Option<Decimal> {
        total(self.amounts?, self.caps?, self.rate?, spend)
    }

    /// The largest level below a failing one that can still pass, given
    /// what the members take there.
    fn reach(&self, taken: Decimal) -> Decimal {
        let fixed_point = || {
            let fixed = self.amounts?.checked_add(self.caps?)?;
            let rest = Decimal::ONE.checked_sub(self.rate?)?;
            if rest <= Decimal::ZERO {
                return None;
            }
            fixed.checked_div(rest)
        };
        fixed_point().map_or(taken, |bound| bound.min(taken))
    }
}

fn total(amounts: Decimal, caps: Decimal, rate: Decimal, spend: Decimal) -> Option<Decimal> {
    amounts
        .checked_add(caps)?
        .checked_add(rate.checked_mul(spend)?)
}

/// Cap points sort before thresholds of the same key, so a level's prefix
/// holds both, whichever way it is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    CapPoint,
    Threshold,
}

#[derive(Clone, Copy, Debug)]
struct Leaf {
    key: Decimal,
    kind: Kind,
    member: usize,
    /// What the member puts here while it runs.
    puts: Sums,
    /// The same for the walk: amount or cap, and rate.
    fixed: Decimal,
    slope: Decimal,
    /// Which key of the bucket, counted in order: the walk compares these,
    /// cheaper than Decimals.
    key_index: u32,
}

/// The leaves of one member: its threshold and maybe a cap point.
fn leaves_of(member: usize, m: &Member) -> [Option<Leaf>; 2] {
    let leaf = |key: Decimal, kind: Kind, puts: Sums| {
        let zero = |d: Option<Decimal>| d.unwrap_or(Decimal::ZERO);
        Leaf {
            key,
            kind,
            member,
            puts,
            // A leaf holds an amount or a cap, never both.
            fixed: zero(puts.amounts).max(zero(puts.caps)),
            slope: zero(puts.rate),
            key_index: 0,
        }
    };
    let threshold = |puts: Sums| {
        leaf(
            m.threshold,
            Kind::Threshold,
            Sums {
                thresholds: 1,
                ..puts
            },
        )
    };
    match m.take {
        Take::Amount(amount) => [
            Some(threshold(Sums {
                amounts: Some(amount),
                ..NOTHING
            })),
            None,
        ],
        Take::Rate {
            fraction,
            cap: None,
        } => [
            Some(threshold(Sums {
                rate: Some(fraction),
                ..NOTHING
            })),
            None,
        ],
        Take::Rate {
            fraction,
            cap: Some(cap),
        } => {
            // Beyond a Decimal the cap binds at no level there is.
            let point = cap.checked_div(fraction).unwrap_or(Decimal::MAX);
            if point <= m.threshold {
                return [
                    Some(threshold(Sums {
                        caps: Some(cap),
                        ..NOTHING
                    })),
                    None,
                ];
            }
            [
                Some(threshold(Sums {
                    rate: Some(fraction),
                    ..NOTHING
                })),
                Some(leaf(
                    point,
                    Kind::CapPoint,
                    Sums {
                        caps: Some(cap),
                        rate: Some(-fraction),
                        ..NOTHING
                    },
                )),
            ]
        }
    }
}

/// The levels of one bucket, with the members running now.
pub struct Levels<'m> {
    members: &'m [Member],
    /// Sorted by key, kind, member.
    leaves: Vec<Leaf>,
    /// Each member's leaf positions.
    positions: HashMap<usize, [Option<usize>; 2]>,
    /// A segment tree: node 1 is the root, node `n` has children `2n` and
    /// `2n + 1`, leaf `p` is node `width + p`.
    tree: Vec<Sums>,
    width: usize,
    /// The leaves of running members, a bit each.
    running: Vec<u64>,
}

impl<'m> Levels<'m> {
    /// The levels of `bucket` (indices of `members`), none running yet.
    pub fn new(members: &'m [Member], bucket: &[usize]) -> Levels<'m> {
        let mut leaves: Vec<Leaf> = bucket
            .iter()
            .filter_map(|&i| members.get(i).map(|m| leaves_of(i, m)))
            .flatten()
            .flatten()
            .collect();
        leaves.sort_unstable_by_key(|leaf| (leaf.key, leaf.kind, leaf.member));
        let mut key_index = 0u32;
        let mut previous: Option<Decimal> = None;
        for leaf in &mut leaves {
            if previous.is_some_and(|p| p < leaf.key) {
                key_index = key_index.saturating_add(1);
            }
            previous = Some(leaf.key);
            leaf.key_index = key_index;
        }
        let mut positions: HashMap<usize, [Option<usize>; 2]> = HashMap::new();
        for (position, leaf) in leaves.iter().enumerate() {
            let slots = positions.entry(leaf.member).or_default();
            let slot = usize::from(leaf.kind == Kind::CapPoint);
            if let Some(s) = slots.get_mut(slot) {
                *s = Some(position);
            }
        }
        let width = leaves.len().next_power_of_two();
        Levels {
            members,
            running: vec![0; leaves.len().div_ceil(64)],
            tree: vec![NOTHING; 2 * width],
            width,
            leaves,
            positions,
        }
    }

    pub fn enter(&mut self, member: usize) {
        self.set(member, true);
    }

    pub fn leave(&mut self, member: usize) {
        self.set(member, false);
    }

    fn set(&mut self, member: usize, runs: bool) {
        let Some(slots) = self.positions.get(&member).copied() else {
            return;
        };
        for position in slots.into_iter().flatten() {
            let Some(leaf) = self.leaves.get(position) else {
                continue;
            };
            let puts = if runs { leaf.puts } else { NOTHING };
            if let Some(word) = self.running.get_mut(position / 64) {
                let bit = 1u64 << (position % 64);
                if runs {
                    *word |= bit;
                } else {
                    *word &= !bit;
                }
            }
            let mut node = self.width + position;
            if let Some(n) = self.tree.get_mut(node) {
                *n = puts;
            }
            while node > 1 {
                node /= 2;
                let sums = self.node(2 * node).plus(self.node(2 * node + 1));
                if let Some(n) = self.tree.get_mut(node) {
                    *n = sums;
                }
            }
        }
    }

    fn node(&self, n: usize) -> Sums {
        self.tree.get(n).copied().unwrap_or(NOTHING)
    }

    /// What the running members put at leaves `0..end`.
    fn prefix(&self, end: usize) -> Sums {
        let mut sums = NOTHING;
        let (mut lo, mut hi) = (self.width, self.width + end.min(self.leaves.len()));
        while lo < hi {
            if lo % 2 == 1 {
                sums = sums.plus(self.node(lo));
                lo += 1;
            }
            if hi % 2 == 1 {
                hi -= 1;
                sums = sums.plus(self.node(hi));
            }
            lo /= 2;
            hi /= 2;
        }
        sums
    }

    /// How many running thresholds are at leaves `0..end`.
    fn thresholds_before(&self, end: usize) -> u32 {
        let mut count = 0u32;
        let (mut lo, mut hi) = (self.width, self.width + end.min(self.leaves.len()));
        while lo < hi {
            if lo % 2 == 1 {
                count = count.saturating_add(self.node(lo).thresholds);
                lo += 1;
            }
            if hi % 2 == 1 {
                hi -= 1;
                count = count.saturating_add(self.node(hi).thresholds);
            }
            lo /= 2;
            hi /= 2;
        }
        count
    }

    /// The end of the leaves whose key is at most `level`.
    fn end_of(&self, level: Decimal) -> usize {
        self.leaves.partition_point(|leaf| leaf.key <= level)
    }

    /// The running level of the `rank`th running threshold (from 1, in
    /// order of key): the level, the end of its leaves, their sums.
    fn level_of_rank(&self, rank: u32) -> Option<(Decimal, usize, Sums)> {
        if rank == 0 || rank > self.node(1).thresholds {
            return None;
        }
        let (mut node, mut rank) = (1, rank);
        while node < self.width {
            let left = self.node(2 * node).thresholds;
            if rank <= left {
                node *= 2;
            } else {
                rank -= left;
                node = 2 * node + 1;
            }
        }
        let level = self.leaves.get(node - self.width)?.key;
        let end = self.end_of(level);
        Some((level, end, self.prefix(end)))
    }

    /// The group of running members of the largest level at which those
    /// whose threshold is at most it take the whole order (two or more of
    /// them; sorted indices), if any.
    pub fn largest_payable(&self) -> Option<Vec<usize>> {
        self.search(JUMPS)
    }

    /// [`Levels::largest_payable`], walking after `most_jumps` jumps.
    fn search(&self, most_jumps: usize) -> Option<Vec<usize>> {
        let all = self.node(1);
        // As the scan this replaces, a set whose amounts or caps together
        // overflow a Decimal is not judged.
        all.amounts?;
        all.caps?;
        let mut rank = all.thresholds;
        let mut jumps = 0;
        loop {
            if rank < 2 {
                return None;
            }
            let (level, end, sums) = self.level_of_rank(rank)?;
            jumps += 1;
            let Some(taken) = sums.total(level) else {
                // Too much to sum exactly, as at every level above it.
                rank = self.below_overflow(self.thresholds_before(self.end_below(level)));
                continue;
            };
            if jumps > most_jumps {
                return self.walk(end, sums);
            }
            rank = if taken >= level {
                if let Some(group) = self.confirmed(end) {
                    return Some(group);
                }
                self.thresholds_before(self.end_below(level))
            } else {
                self.thresholds_before(self.end_of(sums.reach(taken)))
            };
        }
    }

    /// The end of the leaves whose key is below `level`.
    fn end_below(&self, level: Decimal) -> usize {
        self.leaves.partition_point(|leaf| leaf.key < level)
    }

    /// The largest rank up to `most` whose level's sum does not overflow
    /// (a sum that overflows at a level does at every level above it).
    fn below_overflow(&self, most: u32) -> u32 {
        let fits = |rank: u32| {
            self.level_of_rank(rank)
                .is_some_and(|(level, _, sums)| sums.total(level).is_some())
        };
        let (mut lo, mut hi) = (0, most);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    /// The levels from the one whose leaves end at `end` down, one by one:
    /// each running leaf is subtracted as the walk passes it.
    fn walk(&self, end: usize, sums: Sums) -> Option<Vec<usize>> {
        // Amounts and caps as one sum, and each term only when it is not
        // zero: the walk is the worst case, a few operations a leaf.
        let mut fixed = sums.amounts?.checked_add(sums.caps?)?;
        let mut rate = sums.rate?;
        let mut count = sums.thresholds;
        let mut level: Option<u32> = None;
        for position in self.running_before(end).rev() {
            let leaf = self.leaves.get(position)?;
            if leaf.kind == Kind::Threshold && level.is_none_or(|l| leaf.key_index < l) {
                // The highest running threshold of a new level: every leaf
                // above it is subtracted, every leaf of its key is still in.
                if count < 2 {
                    return None;
                }
                level = Some(leaf.key_index);
                let taken = if rate.is_zero() {
                    Some(fixed)
                } else {
                    rate.checked_mul(leaf.key)
                        .and_then(|r| fixed.checked_add(r))
                };
                if taken.is_some_and(|t| t >= leaf.key)
                    && let Some(group) = self.confirmed(position + 1)
                {
                    return Some(group);
                }
            }
            if !leaf.fixed.is_zero() {
                fixed = fixed.checked_sub(leaf.fixed)?;
            }
            if !leaf.slope.is_zero() {
                rate = rate.checked_sub(leaf.slope)?;
            }
            count = count.saturating_sub(leaf.puts.thresholds);
        }
        None
    }

    /// The running members whose threshold leaf is before `end`, if they
    /// take the whole order at the largest of their thresholds (summed
    /// member by member, in order of threshold): sorted indices.
    fn confirmed(&self, end: usize) -> Option<Vec<usize>> {
        let group: Vec<usize> = self
            .running_before(end)
            .filter_map(|position| self.leaves.get(position))
            .filter(|leaf| leaf.kind == Kind::Threshold)
            .map(|leaf| leaf.member)
            .collect();
        let total = sum(self.members, group.iter().copied())?;
        if total.taken < total.spend {
            return None;
        }
        let mut ids = group;
        ids.sort_unstable();
        Some(ids)
    }

    /// The positions of running leaves before `end`, in order.
    fn running_before(&self, end: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        let end = end.min(self.leaves.len());
        self.running
            .iter()
            .take(end.div_ceil(64))
            .enumerate()
            .flat_map(move |(w, &word)| {
                let base = w * 64;
                let keep = end - base;
                let bits = if keep >= 64 {
                    word
                } else {
                    word & ((1u64 << keep) - 1)
                };
                Bits(bits).map(move |b| base + b)
            })
    }
}

/// The set bits of a word, lowest first or highest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let low = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        usize::try_from(low).ok()
    }
}

impl DoubleEndedIterator for Bits {
    fn next_back(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let high = 63 - self.0.leading_zeros();
        self.0 &= !(1u64 << high);
        usize::try_from(high).ok()
    }
}

#[cfg(test)]
mod tests;
