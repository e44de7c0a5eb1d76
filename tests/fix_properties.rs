//! The property of `--fix` (issue 14): for generated campaigns with
//! injected fixable faults, in any mix of line endings, byte-order mark,
//! comments and quoting, fixing gives exactly the text the same campaign
//! has without the faults: so every byte outside the edited ranges is kept;
//! the result parses; the fixed findings are gone and none was added.

mod common;

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use promolint::engine::{self, Settings};
use promolint::fix::{self, Mode};
use promolint::policy::Policy;
use promolint::walk::Target;

/// (clean text, faulty text, fixed text, rule).
const FAULTS: &[(&str, &str, &str, &str)] = &[
    (
        "name: Spring festival cashback",
        "name: no",
        "name: \"no\"",
        "ambiguous-scalar",
    ),
    (
        "label: \"新春立减 最高20元\"",
        "label: \"新春\\u200b立减 最高20元\"",
        "label: \"新春立减 最高20元\"",
        "invisible-characters",
    ),
    (
        "rate: \"10%\"",
        "rate: 0.1",
        "rate: \"10%\"",
        "rate-notation",
    ),
    (
        "  max_discount: \"20.00\"",
        "  max_discout: \"20.00\"",
        "  max_discount: \"20.00\"",
        "unknown-field",
    ),
    (
        "kill_switch: true",
        "kill_switch: \"true\"",
        "kill_switch: true",
        "invalid-value",
    ),
    (
        "currency: CNY\n",
        "currency: CNY  # promolint: disable=budget-ceiling,rate-ceiling -- legacy\n",
        "currency: CNY\n",
        "unused-suppression",
    ),
];

/// Lines a campaign may carry that no fix touches.
const EXTRAS: &[&str] = &[
    "# a comment line",
    "# 中文注释 with \"quotes\" and 'apostrophes'",
    "",
    "#",
];

#[derive(Clone, Debug)]
struct Case {
    faults: Vec<bool>,
    crlf: bool,
    bom: bool,
    /// (line index, extra line) to insert.
    extras: Vec<(usize, usize)>,
    /// Single-quote the segments list's first item.
    single_quotes: bool,
}

fn render(case: &Case, with_faults: bool) -> String {
    let mut text = common::CLEAN.to_string();
    if case.single_quotes {
        text = text.replacen("[new-users,", "['new-users',", 1);
    }
    for ((clean, faulty, fixed, _), on) in FAULTS.iter().zip(&case.faults) {
        if *on {
            text = text.replacen(clean, if with_faults { faulty } else { fixed }, 1);
        }
    }
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut extras = case.extras.clone();
    extras.sort();
    for (at, extra) in extras.into_iter().rev() {
        // After the top-level line `at` (never inside the flow sequences).
        let at = at % lines.len();
        if lines.get(at).is_some_and(|l| !l.starts_with(' ')) {
            lines.insert(at + 1, EXTRAS[extra % EXTRAS.len()].to_string());
        }
    }
    let eol = if case.crlf { "\r\n" } else { "\n" };
    let mut out = if case.bom {
        "\u{feff}".to_string()
    } else {
        String::new()
    };
    for line in lines {
        out.push_str(&line);
        out.push_str(eol);
    }
    out
}

fn settings() -> Settings {
    // An empty project root: the run reads standard input only.
    let root = tempfile::tempdir().unwrap().keep();
    Settings {
        policy: Policy::builtin(),
        root,
        now: time::macros::datetime!(2026-11-24 00:00 UTC),
        select: None,
        ignore: Default::default(),
        compiled: Policy::builtin().compile().unwrap(),
        texts_after_rules: true,
    }
}

fn rules(run: &engine::Run) -> BTreeSet<(String, Option<String>)> {
    run.findings
        .iter()
        .map(|f| (f.rule.to_string(), f.path.clone()))
        .collect()
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(any::<bool>(), FAULTS.len()),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec((0usize..40, 0usize..8), 0..4),
        any::<bool>(),
    )
        .prop_map(|(faults, crlf, bom, extras, single_quotes)| Case {
            faults,
            crlf,
            bom,
            extras,
            single_quotes,
        })
}

#[test]
fn fixing_gives_the_campaign_without_its_faults() {
    let settings = settings();
    let targets = [Target::Stdin {
        name: "case.yaml".into(),
    }];
    let mut runner = TestRunner::new(Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&case(), |case| {
            let bad = render(&case, true);
            let expected = render(&case, false);
            let before = engine::check(&settings, &targets, &mut bad.as_bytes());
            let injected: BTreeSet<&str> = FAULTS
                .iter()
                .zip(&case.faults)
                .filter(|(_, on)| **on)
                .map(|((_, _, _, rule), _)| *rule)
                .collect();
            let found: BTreeSet<&str> = before.findings.iter().map(|f| f.rule).collect();
            prop_assert_eq!(&found, &injected, "{}", bad);

            let fixed = fix::fix(
                &settings,
                &targets,
                &mut bad.as_bytes(),
                Mode { unsafe_fixes: true },
            );
            let after = fixed
                .run
                .sources
                .iter()
                .next()
                .map(|f| f.text.to_string())
                .unwrap_or_default();
            // Every byte outside the edits kept, and the edits are the fixes.
            prop_assert_eq!(&after, &expected);
            // It parses, the fixed findings are gone, none was added.
            let again = engine::check(&settings, &targets, &mut after.as_bytes());
            prop_assert!(again.findings.iter().all(|f| f.rule != "yaml-syntax"));
            prop_assert!(rules(&again).is_subset(&rules(&before)));
            prop_assert_eq!(rules(&again), BTreeSet::new());
            prop_assert_eq!(rules(&fixed.run), BTreeSet::new());
            Ok(())
        })
        .unwrap();
}

#[test]
fn safe_fixes_alone_leave_the_unsafe_findings() {
    let settings = settings();
    let targets = [Target::Stdin {
        name: "case.yaml".into(),
    }];
    let case = Case {
        faults: vec![true; FAULTS.len()],
        crlf: true,
        bom: true,
        extras: vec![(3, 0)],
        single_quotes: true,
    };
    let bad = render(&case, true);
    let fixed = fix::fix(
        &settings,
        &targets,
        &mut bad.as_bytes(),
        Mode {
            unsafe_fixes: false,
        },
    );
    let left: BTreeSet<&str> = fixed.run.findings.iter().map(|f| f.rule).collect();
    assert_eq!(
        left,
        BTreeSet::from(["invalid-value", "rate-notation", "unknown-field"])
    );
    // Two passes: the two ids of the suppression comment collide.
    assert_eq!((fixed.applied, fixed.passes), (4, 2));
}
