//! The policy file through the command line: discovery, merging,
//! severities, overrides, `--stdin-filename`, and a broken policy.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const NOW: &str = "2026-11-24T00:00:00Z";

/// A campaign that is clean except for the 25% platform-funded rate (the
/// default ceiling for platform funding is 20%).
const RATE_25: &str = r#"apiVersion: promo/v1
kind: Campaign
id: platform-boost-2027
name: Platform boost
environment: staging
currency: CNY
schedule:
  start: 2027-03-01T00:00:00+08:00
  end: 2027-03-20T00:00:00+08:00
audience:
  segments: [new-users]
channels: [online-checkout]
benefit:
  type: percent_off
  rate: "25%"
  max_discount: "20.00"
  min_spend: "100.00"
funding:
  source: platform
budget:
  total: "100000.00"
  per_user: "20.00"
display:
  label: "立减25% 最高20元"
"#;

fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn concise(dir: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", "--now", NOW, "--format", "concise", "--quiet"];
    args.extend_from_slice(extra);
    let output = run(dir, &args);
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn default_policy_applies_without_a_file() {
    let dir = scratch(&[("campaigns/c.yaml", RATE_25)]);
    let (code, out) = concise(dir.path(), &["campaigns/c.yaml"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "campaigns/c.yaml:15:9: error[rate-ceiling] rate 25% is above the 20% ceiling"
        ),
        "{out}"
    );
}

#[test]
fn a_discovered_policy_merges_into_the_default() {
    let policy = "limits:\n  rate_ceiling:\n    funding:\n      platform: \"30%\"\n";
    let dir = scratch(&[(".promolint.yaml", policy), ("campaigns/c.yaml", RATE_25)]);
    // Discovered from the first PATH's directory upwards.
    let (code, out) = concise(dir.path(), &["campaigns/c.yaml"]);
    assert_eq!((code, out.as_str()), (0, ""));
    // The rest of the default stays: bill-payment keeps its 5% ceiling.
    let bill = RATE_25.replace("[online-checkout]", "[bill-payment]");
    std::fs::write(dir.path().join("campaigns/c.yaml"), bill).unwrap();
    let (code, out) = concise(dir.path(), &["campaigns/c.yaml"]);
    assert_eq!(code, 1);
    assert!(out.contains("5% ceiling for channel bill-payment"), "{out}");
}

#[test]
fn severities_and_overrides_take_effect() {
    let policy = "rules:\n  rate-ceiling: warning\noverrides:\n  - files: [\"campaigns/legacy/**\"]\n    rules: { rate-ceiling: off }\n";
    let dir = scratch(&[
        (".promolint.yaml", policy),
        ("campaigns/c.yaml", RATE_25),
        (
            "campaigns/legacy/old.yaml",
            &RATE_25.replace("platform-boost-2027", "legacy-boost"),
        ),
    ]);
    let (code, out) = concise(dir.path(), &[]);
    assert_eq!(code, 0, "warnings only: {out}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "campaigns/c.yaml:15:9: warning[rate-ceiling] rate 25% is above the 20% ceiling for platform funding (policy: limits.rate_ceiling.funding.platform); help: lower `rate` to 20% or less; a higher rate needs funding whose ceiling allows it, or an approval recorded in a suppression (`# promolint: disable=rate-ceiling -- TICKET`)"
        ]
    );
    let (code, _) = concise(dir.path(), &["--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn stdin_filename_picks_overrides() {
    let policy =
        "overrides:\n  - files: [\"campaigns/legacy/**\"]\n    rules: { rate-ceiling: off }\n";
    let dir = scratch(&[(".promolint.yaml", policy)]);
    for (name, expected) in [("campaigns/legacy/x.yaml", 0), ("campaigns/x.yaml", 1)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_promolint"))
            .current_dir(dir.path())
            .args([
                "check",
                "--now",
                NOW,
                "--format",
                "concise",
                "--stdin-filename",
                name,
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(RATE_25.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{name}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn include_and_exclude_select_the_files() {
    let policy = "files:\n  exclude: [\"drafts/**\"]\n";
    // Campaign files (their text names promo/v1) that are not valid YAML.
    let broken = "apiVersion: promo/v1\na: [1\n";
    let dir = scratch(&[
        (".promolint.yaml", policy),
        ("drafts/x.yaml", broken),
        ("c.yaml", broken),
    ]);
    let (code, out) = concise(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("c.yaml:") && !out.contains("drafts/"),
        "{out}"
    );
    // A named file inside the root is filtered like a walked one.
    let (code, out) = concise(dir.path(), &["drafts/x.yaml"]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn a_broken_policy_is_exit_two_naming_the_key() {
    let policy = "limits:\n  schedule:\n    max_duraton_days: 10\n";
    let dir = scratch(&[(".promolint.yaml", policy), ("c.yaml", RATE_25)]);
    let output = run(dir.path(), &["check", "c.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("max_duraton_days") && err.contains("did you mean `max_duration_days`?"),
        "{err}"
    );
    assert!(err.contains(".promolint.yaml:3:5"), "{err}");
    // Not YAML at all.
    std::fs::write(dir.path().join(".promolint.yaml"), "limits: [\n").unwrap();
    assert_eq!(run(dir.path(), &["check", "c.yaml"]).status.code(), Some(2));
    // --no-config ignores it.
    assert_eq!(
        run(
            dir.path(),
            &["check", "--no-config", "--now", NOW, "c.yaml"]
        )
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn printed_policy_round_trips_as_config() {
    let policy = "rules:\n  broad-audience: error\nlimits:\n  rate_ceiling:\n    funding:\n      platform: \"30%\"\n";
    let dir = scratch(&[(".promolint.yaml", policy), ("c.yaml", RATE_25)]);
    let printed = run(dir.path(), &["policy"]);
    assert_eq!(printed.status.code(), Some(0));
    let text = String::from_utf8(printed.stdout).unwrap();
    assert!(text.contains("broad-audience: error"), "{text}");
    std::fs::write(dir.path().join("printed.policy"), &text).unwrap();
    let again = run(dir.path(), &["policy", "--config", "printed.policy"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), text);
    let (code, _) = concise(dir.path(), &["--config", "printed.policy", "c.yaml"]);
    assert_eq!(code, 0);
}

#[test]
fn init_writes_a_starter_that_parses_and_never_overwrites() {
    let dir = scratch(&[]);
    assert_eq!(run(dir.path(), &["init"]).status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join(".promolint.yaml")).unwrap();
    assert_eq!(run(dir.path(), &["policy"]).status.code(), Some(0));
    assert_eq!(run(dir.path(), &["init"]).status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".promolint.yaml")).unwrap(),
        written
    );
}
