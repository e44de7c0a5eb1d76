//! Every rule in the registry has `fixtures/rules/<id>/bad.yaml`, which
//! triggers it, and `good.yaml`, which triggers nothing. The real binary runs
//! on each (alone in a scratch directory, so no fixture is another's
//! project), and the concise output of `bad.yaml` is a reviewed snapshot.
//! A rule that only a policy setting turns on (`unknown-segment`) has a
//! `policy.yaml` beside its fixtures, used for both (as the scratch
//! project's `.promolint.yaml`); the others run with `--no-config`.

use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "2026-11-24T00:00:00Z";

fn fixture_dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules")
        .join(id)
}

/// Runs `promolint check` on one fixture copied alone into a scratch
/// directory; returns (exit code, stdout).
pub fn run_fixture(path: &Path, format: &str) -> (i32, String) {
    let scratch = tempfile::tempdir().unwrap();
    let name = path.file_name().unwrap();
    std::fs::copy(path, scratch.path().join(name)).unwrap();
    let policy = path.with_file_name("policy.yaml");
    let config: &[&str] = if policy.is_file() {
        // Found as the project's policy, in the scratch directory.
        std::fs::copy(&policy, scratch.path().join(".promolint.yaml")).unwrap();
        &[]
    } else {
        &["--no-config"]
    };
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(scratch.path())
        .arg("check")
        .args(config)
        .args(["--color", "never", "--now", NOW, "--format", format])
        .arg(name)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn every_rule_has_both_fixtures() {
    let missing: Vec<String> = promolint::rules::all()
        .flat_map(|rule| {
            ["bad.yaml", "good.yaml"]
                .into_iter()
                .map(move |f| fixture_dir(rule.id).join(f))
        })
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "fixtures missing:\n{}",
        missing.join("\n")
    );
}

#[test]
fn bad_fixtures_trigger_their_rule() {
    let mut failures = Vec::new();
    for rule in promolint::rules::all() {
        let path = fixture_dir(rule.id).join("bad.yaml");
        if !path.is_file() {
            continue;
        }
        let (code, concise) = run_fixture(&path, "concise");
        if !concise.contains(&format!("[{}]", rule.id)) {
            failures.push(format!(
                "{}: not triggered (exit {code}):\n{concise}",
                rule.id
            ));
            continue;
        }
        let expected_code = if rule.default_severity == promolint::finding::Severity::Error {
            1
        } else {
            0
        };
        if rule.default_severity == promolint::finding::Severity::Error && code != expected_code {
            failures.push(format!(
                "{}: exit {code}, expected {expected_code}",
                rule.id
            ));
        }
        insta::with_settings!({snapshot_suffix => rule.id.to_string(), prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!("bad", concise);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn good_fixtures_are_clean() {
    let mut failures = Vec::new();
    for rule in promolint::rules::all() {
        let path = fixture_dir(rule.id).join("good.yaml");
        if !path.is_file() {
            continue;
        }
        let (code, concise) = run_fixture(&path, "concise");
        let findings: Vec<&str> = concise
            .lines()
            .filter(|l| l.contains(": error[") || l.contains(": warning["))
            .collect();
        if code != 0 || !findings.is_empty() {
            failures.push(format!(
                "{}: good.yaml is not clean (exit {code}):\n{}",
                rule.id,
                findings.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
