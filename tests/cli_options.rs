//! Command-line options of CLI.md: warning thresholds, select/ignore,
//! statistics, quiet, colour, completions.

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-24T00:00:00Z";

/// Two warnings (`ambiguous-scalar` on `name: On`, `schedule-expired`) and
/// no error.
const TWO_WARNINGS: &str = r#"apiVersion: promo/v1
kind: Campaign
id: warn-only-2025
name: On
environment: staging
currency: CNY
schedule:
  start: 2025-03-01T00:00:00+08:00
  end: 2025-03-20T00:00:00+08:00
audience:
  segments: [new-users]
channels: [online-checkout]
benefit:
  type: percent_off
  rate: "10%"
  max_discount: "20.00"
  min_spend: "100.00"
funding:
  source: merchant
budget:
  total: "100000.00"
  per_user: "20.00"
display:
  label: "立减10% 最高20元"
"#;

fn scratch(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.yaml"), text).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_promolint"));
    command.current_dir(dir).env_remove("NO_COLOR").args(args);
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

fn check(dir: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", "--no-config", "--now", NOW, "c.yaml"];
    args.extend_from_slice(extra);
    let output = run(dir, &args, &[]);
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn exit_codes_under_every_warning_threshold() {
    let dir = scratch(TWO_WARNINGS);
    let cases: &[(&[&str], i32)] = &[
        (&[], 0),
        (&["--deny-warnings"], 1),
        (&["--max-warnings", "2"], 0),
        (&["--max-warnings", "1"], 1),
        (&["--max-warnings", "0"], 1),
        (
            &[
                "--deny-warnings",
                "--ignore",
                "ambiguous-scalar,schedule-expired",
            ],
            0,
        ),
        (&["--max-warnings", "1", "--select", "ambiguous-scalar"], 0),
    ];
    for (extra, expected) in cases {
        let (code, out) = check(dir.path(), extra);
        assert_eq!(code, *expected, "{extra:?}: {out}");
    }
    let errors = TWO_WARNINGS.replace("rate: \"10%\"", "rate: 0.1");
    std::fs::write(dir.path().join("c.yaml"), errors).unwrap();
    assert_eq!(check(dir.path(), &["--max-warnings", "5"]).0, 1);
    assert_eq!(check(dir.path(), &["--ignore", "rate-notation"]).0, 0);
    assert_eq!(check(dir.path(), &["--max-warnings", "x"]).0, 2);
}

#[test]
fn select_and_ignore_filter_rules() {
    let dir = scratch(TWO_WARNINGS);
    let (_, out) = check(
        dir.path(),
        &["--format", "concise", "--select", "schedule-expired"],
    );
    assert_eq!(
        out.lines().filter(|l| l.contains("warning[")).count(),
        1,
        "{out}"
    );
    assert!(out.contains("[schedule-expired]"));
    let (_, out) = check(
        dir.path(),
        &["--format", "concise", "--ignore", "schedule-expired"],
    );
    assert!(
        out.contains("[ambiguous-scalar]") && !out.contains("[schedule-expired]"),
        "{out}"
    );
    assert_eq!(check(dir.path(), &["--ignore", "no-such-rule"]).0, 2);
}

#[test]
fn statistics_and_quiet() {
    let dir = scratch(TWO_WARNINGS);
    let (_, out) = check(dir.path(), &["--format", "concise", "--statistics"]);
    assert!(
        out.contains("ambiguous-scalar") && out.contains("schedule-expired"),
        "{out}"
    );
    assert!(out.contains("0 errors, 2 warnings in 1 file"), "{out}");
    let (_, out) = check(dir.path(), &["--format", "concise", "--quiet"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    let (_, out) = check(dir.path(), &["--quiet"]);
    assert!(!out.contains("warnings in"), "{out}");
}

#[test]
fn colour_follows_the_option_and_no_color() {
    let dir = scratch(TWO_WARNINGS);
    let args = ["check", "--no-config", "--now", NOW, "c.yaml"];
    let has_escape = |o: &Output| o.stdout.contains(&0x1b);
    let with = |extra: &str, env: &[(&str, &str)]| {
        let mut all = args.to_vec();
        all.extend(["--color", extra]);
        run(dir.path(), &all, env)
    };
    assert!(has_escape(&with("always", &[])));
    assert!(
        has_escape(&with("always", &[("NO_COLOR", "1")])),
        "always overrides NO_COLOR"
    );
    assert!(!has_escape(&with("never", &[])));
    // auto: not a terminal here, so no colour.
    assert!(!has_escape(&with("auto", &[])));
}

#[test]
fn completions_print_for_bash() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["completions", "bash"], &[]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("promolint") && text.contains("--deny-warnings"),
        "{text}"
    );
}
