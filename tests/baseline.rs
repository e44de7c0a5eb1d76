//! Baselines through the binary (CLI.md "Baseline"): write, use, prune;
//! fingerprints that survive lines inserted above; a new finding fails the
//! run; SARIF's `baselineState`, valid against the OASIS schema.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::CLEAN;
use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

fn promolint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir)
        .args(["check", "--now", NOW, "--no-config", "--color", "never"])
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The clean campaign with two legacy findings: `unknown-field` and
/// `ambiguous-scalar`.
fn legacy() -> String {
    CLEAN
        .replacen(
            "  max_discount: \"20.00\"",
            "  max_discout: \"20.00\"\n  max_discount: \"20.00\"",
            1,
        )
        .replacen("name: Spring festival cashback", "name: no", 1)
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&output.stdout)))
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.yaml"), legacy()).unwrap();
    let output = promolint(dir.path(), &["--write-baseline", "base.json", "c.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(text(&output.stdout), "");
    assert_eq!(text(&output.stderr), "recorded 2 findings in base.json\n");
    dir
}

#[test]
fn the_baseline_file_is_sorted_json_one_entry_per_finding() {
    let dir = setup();
    let written = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    let value: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(value["version"], 1);
    let entries = value["entries"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap(),
                e["rule"].as_str().unwrap(),
                e["campaign"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("c.yaml", "ambiguous-scalar", "spring-cashback-2027"),
            ("c.yaml", "unknown-field", "spring-cashback-2027"),
        ]
    );
    for entry in entries {
        let fingerprint = entry["fingerprint"].as_str().unwrap();
        assert_eq!(fingerprint.len(), 16, "{fingerprint}");
        assert!(fingerprint.chars().all(|c| c.is_ascii_hexdigit()));
    }
}

#[test]
fn baselined_findings_are_not_reported_and_are_counted() {
    let dir = setup();
    let output = promolint(
        dir.path(),
        &["--baseline", "base.json", "--format", "json", "c.yaml"],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let value = json(&output);
    assert_eq!(value["diagnostics"], serde_json::json!([]));
    assert_eq!(
        value["summary"],
        serde_json::json!({"errors": 0, "warnings": 0, "suppressed": 0, "baselined": 2})
    );
    assert_eq!(text(&output.stderr), "");
    let human = promolint(dir.path(), &["--baseline", "base.json", "c.yaml"]);
    assert_eq!(
        text(&human.stdout),
        "0 errors, 0 warnings in 1 file (2 baselined)\n"
    );
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = setup();
    let before = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    let moved = format!(
        "# Legacy campaign, moved down.\n\n# (two more lines)\n{}",
        legacy()
    );
    std::fs::write(dir.path().join("c.yaml"), moved).unwrap();
    // The same entries, fingerprints included: not only the count fallback.
    let output = promolint(dir.path(), &["--write-baseline", "again.json", "c.yaml"]);
    assert_eq!(output.status.code(), Some(0));
    let again = std::fs::read_to_string(dir.path().join("again.json")).unwrap();
    assert_eq!(again, before);
    let output = promolint(dir.path(), &["--baseline", "base.json", "c.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(text(&output.stderr), "");
}

#[test]
fn a_new_finding_fails_the_run() {
    let dir = setup();
    let newer = legacy().replacen("kill_switch: true", "kill_switch: maybe", 1);
    std::fs::write(dir.path().join("c.yaml"), newer).unwrap();
    let output = promolint(
        dir.path(),
        &["--baseline", "base.json", "--format", "json", "c.yaml"],
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let value = json(&output);
    let rules: Vec<&str> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["invalid-value"]);
    assert_eq!(value["summary"]["baselined"], 2);
    // --exit-zero reports it and exits 0.
    let zero = promolint(
        dir.path(),
        &["--baseline", "base.json", "--exit-zero", "c.yaml"],
    );
    assert_eq!(zero.status.code(), Some(0));
    assert!(text(&zero.stdout).contains("invalid-value"));
}

#[test]
fn unused_entries_are_reported_and_pruned() {
    let dir = setup();
    // The unknown field is fixed by hand: its entry matches nothing.
    let fixed = legacy().replacen("  max_discout: \"20.00\"\n", "", 1);
    std::fs::write(dir.path().join("c.yaml"), fixed).unwrap();
    let output = promolint(dir.path(), &["--baseline", "base.json", "c.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        text(&output.stderr),
        "warning: baseline entry matched no finding: c.yaml [unknown-field] (campaign spring-cashback-2027)\n\
         1 baseline entry matched nothing; --prune-baseline removes them\n"
    );
    let pruned = promolint(
        dir.path(),
        &["--baseline", "base.json", "--prune-baseline", "c.yaml"],
    );
    assert_eq!(pruned.status.code(), Some(0));
    assert!(text(&pruned.stderr).ends_with("pruned 1 entry from base.json\n"));
    let value: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap())
            .unwrap();
    let rules: Vec<&str> = value["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["ambiguous-scalar"]);
    let after = promolint(dir.path(), &["--baseline", "base.json", "c.yaml"]);
    assert_eq!(text(&after.stderr), "");
}

#[test]
fn a_changed_flagged_text_is_still_covered_by_the_count() {
    let dir = setup();
    let changed = legacy().replacen("max_discout", "max_discnt", 1);
    std::fs::write(dir.path().join("c.yaml"), changed).unwrap();
    let output = promolint(dir.path(), &["--baseline", "base.json", "c.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[test]
fn a_bad_baseline_file_is_a_tool_error() {
    let dir = setup();
    std::fs::write(dir.path().join("bad.json"), "[]").unwrap();
    let output = promolint(dir.path(), &["--baseline", "bad.json", "c.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).starts_with("error: bad.json is not a promolint baseline"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn sarif_carries_baseline_state_and_is_valid() {
    let dir = setup();
    let newer = legacy().replacen("kill_switch: true", "kill_switch: maybe", 1);
    std::fs::write(dir.path().join("c.yaml"), newer).unwrap();
    let output = promolint(
        dir.path(),
        &["--baseline", "base.json", "--format", "sarif", "c.yaml"],
    );
    assert_eq!(output.status.code(), Some(1));
    let log = json(&output);
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/sarif-schema-2.1.0.json");
    let schema = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): CI keeps shared/ beside the clone",
            path.display()
        )
    });
    let validator = jsonschema::validator_for(&serde_json::from_str(&schema).unwrap()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
    let states: Vec<(&str, &str, bool)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap(),
                r["baselineState"].as_str().unwrap(),
                r.get("suppressions").is_some(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            ("invalid-value", "new", false),
            ("ambiguous-scalar", "unchanged", true),
            ("unknown-field", "unchanged", true),
        ]
    );
    // The fix of a finding is a SARIF fix.
    let fixes = &log["runs"][0]["results"][1]["fixes"][0];
    assert_eq!(fixes["description"]["text"], "quote `no` (safe fix)");
    assert_eq!(
        fixes["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "\""
    );
}

#[test]
fn output_file_gets_the_report_and_the_summary_goes_to_standard_error() {
    let dir = setup();
    let output = promolint(
        dir.path(),
        &["--format", "json", "--output-file", "report.json", "c.yaml"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(text(&output.stderr), "1 error, 1 warning in 1 file\n");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 2);
}
