//! The search against two references: every level with its exact sum, and
//! the scan it replaces (levels top-down, a coarse bound, then the exact
//! sum), on fixed cases and on random sets that change as a sweep would.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{JUMPS, Levels, Member, Take, sum};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn amount(threshold: &str, amount: &str) -> Member {
    Member {
        threshold: d(threshold),
        take: Take::Amount(d(amount)),
    }
}

fn rate(threshold: &str, fraction: &str, cap: Option<&str>) -> Member {
    Member {
        threshold: d(threshold),
        take: Take::Rate {
            fraction: d(fraction),
            cap: cap.map(d),
        },
    }
}

/// Every level from the largest down, each with its exact sum.
fn every_level(members: &[Member], running: &[usize]) -> Option<Vec<usize>> {
    let mut levels: Vec<Decimal> = running.iter().map(|&i| members[i].threshold).collect();
    levels.sort();
    levels.dedup();
    for &level in levels.iter().rev() {
        let mut group: Vec<(Decimal, usize)> = running
            .iter()
            .filter(|&&i| members[i].threshold <= level)
            .map(|&i| (members[i].threshold, i))
            .collect();
        if group.len() < 2 {
            return None;
        }
        group.sort();
        let total = sum(members, group.iter().map(|&(_, i)| i));
        if total.is_some_and(|s| s.taken >= s.spend) {
            let mut ids: Vec<usize> = group.into_iter().map(|(_, i)| i).collect();
            ids.sort_unstable();
            return Some(ids);
        }
    }
    None
}

/// The scan before the index (as it was in `stacked_payable.rs`).
fn old_scan(members: &[Member], clique: &[usize]) -> Option<Vec<usize>> {
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
        fn at(&self, spend: Decimal) -> Option<Decimal> {
            let capped = self.capped.checked_mul(spend)?.min(self.caps);
            self.uncapped
                .checked_mul(spend)?
                .checked_add(capped)?
                .checked_add(self.amounts)
        }
    }
    let mut sorted: Vec<(Decimal, usize)> =
        clique.iter().map(|&i| (members[i].threshold, i)).collect();
    sorted.sort_unstable();
    let mut bound = Bound::default();
    let mut bounds = Vec::new();
    for &(_, i) in &sorted {
        bound = bound.with(members[i].take)?;
        bounds.push(bound);
    }
    let mut end = sorted.len();
    while end >= 2 {
        let level = sorted[end - 1].0;
        if bounds[end - 1].at(level).is_none_or(|b| b >= level) {
            let group = &sorted[..end];
            if sum(members, group.iter().map(|&(_, i)| i)).is_some_and(|s| s.taken >= s.spend) {
                let mut ids: Vec<usize> = group.iter().map(|&(_, i)| i).collect();
                ids.sort_unstable();
                return Some(ids);
            }
        }
        let mut next = end - 1;
        while next > 0 && sorted[next - 1].0 == level {
            next -= 1;
        }
        end = next;
    }
    None
}

/// The index with all of `members` running, searched with at most `jumps`
/// jumps.
fn searched(members: &[Member], jumps: usize) -> Option<Vec<usize>> {
    let all: Vec<usize> = (0..members.len()).collect();
    let mut levels = Levels::new(members, &all);
    for &i in &all {
        levels.enter(i);
    }
    levels.search(jumps)
}

/// The same answer from the index (jumping, and walking at once), every
/// level, and the old scan.
fn agree(members: &[Member]) -> Option<Vec<usize>> {
    let all: Vec<usize> = (0..members.len()).collect();
    let expected = every_level(members, &all);
    assert_eq!(old_scan(members, &all), expected, "old scan");
    assert_eq!(searched(members, JUMPS), expected, "search");
    assert_eq!(searched(members, 0), expected, "walk");
    expected
}

#[test]
fn the_largest_payable_level_wins() {
    // 30 + 30 at 50 takes 60: payable.
    assert_eq!(
        agree(&[amount("50", "30"), amount("50", "30")]),
        Some(vec![0, 1])
    );
    // At 100 the three take 20 + 15 + 33.5 = 68.5; at 40, 20 + 13.4 = 33.4
    // of 40; at 30 alone: nothing.
    let trio = [
        amount("40", "20"),
        amount("100", "15"),
        rate("30", "0.335", Some("65")),
    ];
    assert_eq!(agree(&trio), None);
    // 65% capped at 65: at 100, 20 + 15 + 65 = 100 takes all three; the pair
    // at 40 (20 + 26) is inside it.
    let trio = [
        amount("40", "20"),
        amount("100", "15"),
        rate("30", "0.65", Some("65")),
    ];
    assert_eq!(agree(&trio), Some(vec![0, 1, 2]));
    // One member alone is never a group.
    assert_eq!(agree(&[amount("10", "50")]), None);
}

#[test]
fn a_bound_that_passes_everywhere_is_no_finding() {
    // Half take 99% capped at 0.01, half 0.01% capped at a million: the
    // old bound (every rate times the level, or all caps together) is
    // above each level, but at level s they take 0.01 · 20 + 0.0001 · 20 · s,
    // below s from 1 up: the old scan summed the group at every level.
    let mut members = Vec::new();
    for i in 0..40 {
        let threshold = format!("{}", 100 + i);
        members.push(if i % 2 == 0 {
            rate(&threshold, "0.99", Some("0.01"))
        } else {
            rate(&threshold, "0.0001", Some("1000000"))
        });
    }
    assert_eq!(agree(&members), None);
    // With two 40-off members at 2 and 3, only the level 3 group passes.
    members.push(amount("2", "40"));
    members.push(amount("3", "40"));
    assert_eq!(agree(&members), Some(vec![40, 41]));
}

#[test]
fn a_staircase_just_short_at_every_level_is_walked() {
    // At level s = 1..=200 the members with threshold at most s take
    // s - 0.5: each jump goes down one level, so the walk takes over.
    let mut members = vec![amount("1", "0.5")];
    for s in 2..=200 {
        members.push(amount(&s.to_string(), "1"));
    }
    assert_eq!(agree(&members), None);
    // 0.75 more at threshold 1: at each level s they take s + 0.25, so the
    // largest level passes with all of them.
    members.push(amount("1", "0.75"));
    assert_eq!(agree(&members).map(|g| g.len()), Some(201));
    // Only up to level 40: 0.5 at 41 leaves every level above 0.25 short.
    let mut members = vec![amount("1", "0.5"), amount("1", "0.75")];
    for s in 2..=200 {
        members.push(amount(&s.to_string(), if s == 41 { "0.5" } else { "1" }));
    }
    assert_eq!(agree(&members).map(|g| g.len()), Some(41));
}

#[test]
fn caps_bind_at_their_point_either_side() {
    // 50% capped at 10 binds from 20 on; at 20 the pair takes 10 + 10.
    let pair = [rate("1", "0.5", Some("10")), amount("20", "10")];
    assert_eq!(agree(&pair), Some(vec![0, 1]));
    // A cap that binds at the threshold already.
    let pair = [rate("40", "0.5", Some("10")), amount("20", "30")];
    assert_eq!(agree(&pair), Some(vec![0, 1]));
    let pair = [rate("40", "0.5", Some("10")), amount("20", "29.99")];
    assert_eq!(agree(&pair), None);
    // Uncapped rates that add up to the whole spend.
    let pair = [rate("7", "0.5", None), rate("3", "0.5", None)];
    assert_eq!(agree(&pair), Some(vec![0, 1]));
}

#[test]
fn sums_beyond_a_decimal_are_not_judged_as_before() {
    // Two amounts that together overflow: the old scan judged nothing of
    // the set, even the payable pair at level 1.
    let members = [
        amount("1", "1"),
        amount("1", "1"),
        amount("5", "70000000000000000000000000000"),
        amount("6", "70000000000000000000000000000"),
    ];
    let all = [0, 1, 2, 3];
    assert_eq!(old_scan(&members, &all), None);
    assert_eq!(searched(&members, JUMPS), None);
    // Uncapped 99% rates at levels near the largest Decimal overflow there:
    // the levels above overflow, the pair at 1 pays.
    let big = "60000000000000000000000000000";
    let members = [
        amount("1", "1"),
        amount("1", "1"),
        rate(big, "0.99", None),
        rate(big, "0.99", None),
    ];
    assert_eq!(agree(&members), Some(vec![0, 1]));
}

#[test]
fn members_enter_and_leave() {
    let members = [amount("50", "30"), amount("50", "30"), amount("10", "1")];
    let mut levels = Levels::new(&members, &[0, 1, 2]);
    levels.enter(0);
    assert_eq!(levels.largest_payable(), None);
    levels.enter(2);
    assert_eq!(levels.largest_payable(), None);
    levels.enter(1);
    assert_eq!(levels.largest_payable(), Some(vec![0, 1, 2]));
    levels.leave(0);
    assert_eq!(levels.largest_payable(), None);
    levels.leave(2);
    levels.enter(0);
    assert_eq!(levels.largest_payable(), Some(vec![0, 1]));
    // Not in the bucket: nothing changes.
    levels.enter(7);
    assert_eq!(levels.largest_payable(), Some(vec![0, 1]));
}

fn cents(most: i64) -> impl Strategy<Value = Decimal> {
    (0..=most).prop_map(|c| Decimal::new(c, 2))
}

/// Thresholds up to 100 with repeats, amounts and caps in cents, rates in
/// tenths of a percent, scaled to `n` members so that about as many sets
/// are payable as not, and at levels other than the largest.
fn member(n: usize) -> impl Strategy<Value = Member> {
    let n = i64::try_from(n.max(1)).unwrap_or(1);
    let threshold = prop_oneof![
        1 => Just(Decimal::new(1, 2)),
        3 => (1..=20i64).prop_map(|c| Decimal::new(c * 500, 2)),
        12 => (1..=10_000i64).prop_map(|c| Decimal::new(c, 2)),
    ];
    let take = prop_oneof![
        cents(14_000 / n).prop_map(Take::Amount),
        (
            1..=(1_800 / n).max(1),
            proptest::option::of(cents(14_000 / n))
        )
            .prop_map(|(r, cap)| Take::Rate {
                fraction: Decimal::new(r, 3),
                cap,
            }),
    ];
    (threshold, take).prop_map(|(threshold, take)| Member { threshold, take })
}

fn members(most: usize) -> impl Strategy<Value = Vec<Member>> {
    (2..most).prop_flat_map(|n| proptest::collection::vec(member(n), n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_search_finds_what_every_level_finds(
        members in members(40),
    ) {
        agree(&members);
    }

    #[test]
    fn the_index_follows_a_sweep(
        members in members(24),
        toggles in proptest::collection::vec(0..24usize, 1..60),
    ) {
        let bucket: Vec<usize> = (0..members.len()).collect();
        let mut levels = Levels::new(&members, &bucket);
        let mut running: Vec<usize> = Vec::new();
        for t in toggles {
            let i = t % members.len();
            if let Some(at) = running.iter().position(|&r| r == i) {
                running.remove(at);
                levels.leave(i);
            } else {
                running.push(i);
                levels.enter(i);
            }
            let expected = every_level(&members, &running);
            prop_assert_eq!(&levels.search(JUMPS), &expected);
            prop_assert_eq!(&levels.search(1), &expected);
            prop_assert_eq!(&old_scan(&members, &running), &expected);
        }
    }
}
