//! Every input in `fuzz/regressions/` (crashes, hangs and slow inputs the
//! fuzz target found, after they were fixed) goes through the fuzz target's
//! checks again: in process through `fuzz/harness.rs`, and through the real
//! binary, which must exit 0, 1 or 2 and print JSON. README.md ("Fuzzing")
//! says how an artifact becomes one of these files.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../fuzz/harness.rs"]
mod harness;

fn regressions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && path.extension().is_none_or(|e| e != "md"))
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn regressions_pass_the_fuzz_target_checks() {
    let dir = tempfile::tempdir().unwrap();
    harness::write_project(dir.path()).unwrap();
    let settings = harness::settings(dir.path());
    let inputs = regressions();
    assert!(!inputs.is_empty(), "fuzz/regressions/ holds no input");
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let outcome = std::panic::catch_unwind(|| harness::check(&settings, &bytes));
        assert!(
            outcome.is_ok(),
            "{name} fails the fuzz target's checks again"
        );
    }
}

#[test]
fn regressions_through_the_binary() {
    for input in regressions() {
        let dir = tempfile::tempdir().unwrap();
        harness::write_project(dir.path()).unwrap();
        std::fs::copy(&input, dir.path().join(harness::CHECKED)).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
            .current_dir(dir.path())
            .args([
                "check",
                "--no-config",
                "--format",
                "json",
                "--now",
                "2026-11-24T00:00:00Z",
                harness::CHECKED,
            ])
            .output()
            .unwrap();
        let name = input.display();
        assert!(
            matches!(output.status.code(), Some(0..=2)),
            "{name}: {output:?}"
        );
        let value: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{name}: not JSON ({e})"));
        // Checked, or skipped as foreign (FORMAT.md): never lost.
        let seen =
            value["files_checked"].as_u64().unwrap() + value["files_skipped"].as_u64().unwrap();
        assert_eq!(seen, 1, "{name}");
    }
}
