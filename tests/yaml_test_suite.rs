//! The official YAML test suite through the loader: every case that a
//! conforming parser must reject yields `yaml-syntax`, no valid case does,
//! and nothing panics. Through the binary, the suite is a repository with no
//! campaign in it: walked without a policy it is all foreign (FORMAT.md);
//! with a policy whose own `files.include` selects its files, every error
//! case is `yaml-syntax` as the loader says.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use promolint::load::{Limits, decode, load};

fn suite_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/yaml-test-suite");
    assert!(
        dir.is_dir(),
        "the YAML test suite is missing at {}: CI keeps shared/ beside the clone",
        dir.display()
    );
    dir
}

/// Every case folder holding an `in.yaml` (sub-cases are numbered folders).
fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for case in entries {
        if case.join("in.yaml").is_file() {
            out.push(case.clone());
        }
        let mut subs: Vec<PathBuf> = std::fs::read_dir(&case)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() && p.join("in.yaml").is_file())
            .collect();
        subs.sort();
        out.extend(subs);
    }
    out
}

#[test]
fn loader_agrees_with_the_yaml_test_suite() {
    let cases = cases(&suite_dir());
    let (mut valid, mut invalid) = (0, 0);
    let mut wrong = Vec::new();
    for case in &cases {
        let bytes = std::fs::read(case.join("in.yaml")).unwrap();
        let must_fail = case.join("error").exists();
        let syntax_error = match decode(bytes) {
            Err(_) => true,
            Ok(text) => load(0, &text, Limits::default())
                .findings
                .iter()
                .any(|f| f.rule == "yaml-syntax"),
        };
        if must_fail {
            invalid += 1;
        } else {
            valid += 1;
        }
        if syntax_error != must_fail {
            wrong.push(format!(
                "{} (expected {})",
                case.display(),
                if must_fail {
                    "yaml-syntax"
                } else {
                    "no yaml-syntax"
                }
            ));
        }
    }
    assert_eq!(
        (valid, invalid),
        (308, 94),
        "the suite should have 308 valid and 94 error cases"
    );
    assert!(
        wrong.is_empty(),
        "{} cases disagree:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn walked_without_a_policy_the_suite_is_all_foreign() {
    let dir = suite_dir();
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(&dir)
        .args(["check", "--no-config", "--format", "json", "."])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["diagnostics"], serde_json::json!([]), "{value}");
    assert_eq!(value["files_checked"], 0);
    assert_eq!(value["files_skipped"], 402);
    // The walk found no campaign document: a usage error, never green.
    assert_eq!(output.status.code(), Some(2));
    let message = value["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("no campaign documents found under .; files.include is"),
        "{message}"
    );
}

#[test]
fn with_files_include_set_the_error_cases_are_yaml_syntax() {
    // A copy of the suite as a project whose policy claims its files.
    let project = tempfile::tempdir().unwrap();
    let mut must_fail = BTreeSet::new();
    for case in cases(&suite_dir()) {
        let relative = case.strip_prefix(suite_dir()).unwrap();
        let target = project.path().join(relative);
        std::fs::create_dir_all(&target).unwrap();
        std::fs::copy(case.join("in.yaml"), target.join("in.yaml")).unwrap();
        if case.join("error").exists() {
            must_fail.insert(format!("{}/in.yaml", relative.to_string_lossy()));
        }
    }
    std::fs::write(
        project.path().join(".promolint.yaml"),
        "files:\n  include: [\"**/in.yaml\"]\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(project.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let syntax: BTreeSet<String> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "yaml-syntax")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(must_fail.len(), 94);
    assert_eq!(syntax, must_fail);
    assert_eq!(output.status.code(), Some(1));
}
