//! Every rule in the registry has `fixtures/rules/<id>/bad.yaml`, which
//! triggers it, and `good.yaml`, which triggers nothing. The real binary runs
//! on each (alone in a scratch directory, so no fixture is another's
//! project), and the concise output of `bad.yaml` is a reviewed snapshot.
//! The change rules' fixtures have a third file, `base.yaml`, the version
//! at the base of `--base` (see [`run_fixture`]).
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
/// directory; returns (exit code, stdout). A change rule's fixture
/// directory also holds `base.yaml`: it is committed under the fixture's
/// name in a git repository made in the scratch directory, the fixture is
/// written over it, and the check runs with `--base HEAD`.
pub fn run_fixture(path: &Path, format: &str) -> (i32, String) {
    let scratch = tempfile::tempdir().unwrap();
    let name = path.file_name().unwrap();
    let base = path.with_file_name("base.yaml");
    let mut command = Command::new(env!("CARGO_BIN_EXE_promolint"));
    if base.is_file() {
        std::fs::copy(&base, scratch.path().join(name)).unwrap();
        for args in [
            &["init", "-q"][..],
            &["add", "-A"],
            &["commit", "-q", "-m", "base"],
        ] {
            let status = Command::new("git")
                .current_dir(scratch.path())
                .args(args)
                .envs(GIT_ENV)
                .status()
                .unwrap();
            assert!(status.success(), "git {args:?}");
        }
        command.args(["check", "--base", "HEAD"]).envs(GIT_ENV);
    } else {
        command.arg("check");
    }
    std::fs::copy(path, scratch.path().join(name)).unwrap();
    let policy = path.with_file_name("policy.yaml");
    let config: &[&str] = if policy.is_file() {
        // Found as the project's policy, in the scratch directory.
        std::fs::copy(&policy, scratch.path().join(".promolint.yaml")).unwrap();
        &[]
    } else {
        &["--no-config"]
    };
    let output = command
        .current_dir(scratch.path())
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

/// A git that reads no configuration of the machine and needs none.
/// The commit dates are fixed, so the base's commit id in the snapshots is
/// the same on every run.
const GIT_ENV: [(&str, &str); 8] = [
    ("GIT_AUTHOR_DATE", "2026-11-01T00:00:00Z"),
    ("GIT_COMMITTER_DATE", "2026-11-01T00:00:00Z"),
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "promolint-test"),
    ("GIT_AUTHOR_EMAIL", "promolint-test@example.com"),
    ("GIT_COMMITTER_NAME", "promolint-test"),
    ("GIT_COMMITTER_EMAIL", "promolint-test@example.com"),
];

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
