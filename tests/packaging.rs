//! The packaging of promolint that does not need a build of the wheel:
//! `--version`, the man pages the wheel ships (kept current here), the
//! pyproject.toml and Cargo.toml settings it relies on, the composite action
//! and the release workflow. (`scripts/test-wheel.sh` builds the wheel,
//! installs it and runs it, the pre-commit hook and the action's steps.)

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(name: &str) -> String {
    std::fs::read_to_string(manifest_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn promolint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_promolint"))
        .args(args)
        .output()
        .unwrap()
}

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(manifest_dir())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

#[test]
fn version_is_the_package_version_and_the_commit_of_the_checkout() {
    let output = promolint(&["--version"]);
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    let printed = printed.trim_end();
    let bare = format!("promolint {}", env!("CARGO_PKG_VERSION"));
    assert_eq!(
        String::from_utf8(promolint(&["-V"]).stdout)
            .unwrap()
            .trim_end(),
        printed
    );
    let is_own_checkout = git(&["rev-parse", "--show-toplevel"])
        .and_then(|top| std::fs::canonicalize(top).ok())
        .is_some_and(|top| top == std::fs::canonicalize(manifest_dir()).unwrap());
    match std::env::var("PROMOLINT_COMMIT") {
        Ok(commit) if !commit.trim().is_empty() => {
            assert_eq!(printed, format!("{bare} ({})", commit.trim()))
        }
        _ if is_own_checkout => {
            // build.rs reruns when HEAD moves, so this is the commit checked out.
            let commit = git(&["log", "-1", "--abbrev=9", "--format=%h %cs", "HEAD"]).unwrap();
            assert_eq!(printed, format!("{bare} ({commit})"));
        }
        _ => assert!(printed.starts_with(&bare), "{printed}"),
    }
}

const MAN_DIR: &str = "packaging/wheel-data/data/share/man/man1";

#[test]
fn man_pages_of_the_wheel_are_the_output_of_mangen() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("man1");
    let output = promolint(&["mangen", out_dir.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let listed = String::from_utf8(output.stdout).unwrap();
    let mut generated: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    generated.sort();
    assert_eq!(listed.lines().count(), generated.len(), "{listed}");
    for page in [
        "promolint.1",
        "promolint-check.1",
        "promolint-rules.1",
        "promolint-explain.1",
    ] {
        assert!(generated.iter().any(|g| g == page), "{page}: {generated:?}");
    }
    // Hidden: the packaging step is not a page of its own.
    assert!(!generated.iter().any(|g| g.contains("mangen")));
    let root = std::fs::read_to_string(out_dir.join("promolint.1")).unwrap();
    assert!(root.contains("promolint\\-check(1)"), "{root}");
    assert!(!root.contains("mangen"));

    let checked_in = manifest_dir().join(MAN_DIR);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let _ = std::fs::remove_dir_all(&checked_in);
        std::fs::create_dir_all(&checked_in).unwrap();
        for page in &generated {
            std::fs::copy(out_dir.join(page), checked_in.join(page)).unwrap();
        }
    }
    let mut shipped: Vec<String> = std::fs::read_dir(&checked_in)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    shipped.sort();
    assert_eq!(
        shipped, generated,
        "{MAN_DIR} is out of date: UPDATE_DOCS=1 cargo test --test packaging"
    );
    for page in &generated {
        assert_eq!(
            std::fs::read_to_string(checked_in.join(page)).unwrap(),
            std::fs::read_to_string(out_dir.join(page)).unwrap(),
            "{MAN_DIR}/{page} is out of date: UPDATE_DOCS=1 cargo test --test packaging"
        );
    }
}

#[test]
fn mangen_is_hidden_from_the_help() {
    let help = String::from_utf8(promolint(&["--help"]).stdout).unwrap();
    assert!(help.contains("check"), "{help}");
    assert!(!help.contains("mangen"), "{help}");
}

#[test]
fn mangen_into_an_unwritable_place_fails_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let output = promolint(&["mangen", file.join("man1").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot write man pages"), "{stderr}");
}

/// The values of `key = ...` lines of a TOML table (no TOML parser among
/// the dependencies; these files are simple).
fn toml_value(text: &str, table: &str, key: &str) -> Option<String> {
    let mut in_table = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_table = line == format!("[{table}]");
        } else if in_table
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().to_string());
        }
    }
    None
}

#[test]
fn pyproject_builds_the_binary_with_the_cargo_version() {
    let pyproject = read("pyproject.toml");
    assert_eq!(
        toml_value(&pyproject, "build-system", "build-backend").as_deref(),
        Some("\"maturin\"")
    );
    assert_eq!(
        toml_value(&pyproject, "tool.maturin", "bindings").as_deref(),
        Some("\"bin\"")
    );
    assert_eq!(
        toml_value(&pyproject, "project", "name").as_deref(),
        Some("\"promolint\"")
    );
    // The version is Cargo.toml's, not written twice.
    assert!(toml_value(&pyproject, "project", "version").is_none());
    let dynamic = toml_value(&pyproject, "project", "dynamic").unwrap();
    assert!(dynamic.contains("\"version\""), "{dynamic}");
    assert_eq!(
        toml_value(&pyproject, "tool.maturin", "data").as_deref(),
        Some("\"packaging/wheel-data\"")
    );
}

#[test]
fn release_builds_carry_no_debug_info_and_profiling_builds_do() {
    let cargo = read("Cargo.toml");
    assert_eq!(toml_value(&cargo, "profile.release", "debug"), None);
    assert_eq!(
        toml_value(&cargo, "profile.profiling", "inherits").as_deref(),
        Some("\"release\"")
    );
    assert_eq!(
        toml_value(&cargo, "profile.profiling", "debug").as_deref(),
        Some("1")
    );
}

fn yaml(name: &str) -> Value {
    serde_saphyr::from_str(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every `${{ ... }}` expression of a text.
fn expressions(text: &str) -> Vec<String> {
    text.split("${{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(e, _)| e.trim().to_string()))
        .collect()
}

#[test]
fn the_action_passes_inputs_through_env_and_uploads_what_it_writes() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().unwrap();
    let steps = action["runs"]["steps"].as_array().unwrap();
    let ids: Vec<&str> = steps.iter().filter_map(|s| s["id"].as_str()).collect();
    for step in steps {
        if let Some(script) = step["run"].as_str() {
            assert!(
                expressions(script).is_empty(),
                "{}: no expression inside run:, only in env:",
                step["name"]
            );
            assert_eq!(step["shell"], "bash");
        }
    }
    // Every expression names a declared input or an earlier step's output.
    let text = read("action.yml");
    for expression in expressions(&text) {
        for word in expression.split(|c: char| !(c.is_alphanumeric() || "._-".contains(c))) {
            if let Some(input) = word.strip_prefix("inputs.") {
                assert!(inputs.contains_key(input), "no input {input}");
            } else if let Some(rest) = word.strip_prefix("steps.") {
                let id = rest.split('.').next().unwrap();
                assert!(ids.contains(&id), "no step {id}");
            }
        }
    }
    let check = steps.iter().find(|s| s["id"] == "check").unwrap();
    let script = check["run"].as_str().unwrap();
    assert!(script.contains("--format sarif --output-file"), "{script}");
    assert!(
        script.contains("--format sarif \"${words[@]}\" >"),
        "{script}"
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .unwrap();
    assert_eq!(
        upload["with"]["sarif_file"],
        "${{ steps.check.outputs.sarif-file }}"
    );
    assert!(upload["if"].as_str().unwrap().contains("!cancelled()"));
}

#[test]
fn the_release_workflow_builds_wheels_for_linux_macos_and_windows() {
    let workflow = yaml(".github/workflows/release.yml");
    let jobs = workflow["jobs"].as_object().unwrap();
    let platforms = workflow["jobs"]["wheels"]["strategy"]["matrix"]["platform"]
        .as_array()
        .unwrap();
    for os in ["linux", "macos", "windows"] {
        assert!(platforms.iter().any(|p| p["os"] == os), "no {os} wheel");
    }
    let uses: Vec<&str> = jobs
        .values()
        .flat_map(|job| job["steps"].as_array().unwrap())
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses.iter().any(|u| u.starts_with("PyO3/maturin-action@")));
    assert!(
        uses.iter()
            .any(|u| u.starts_with("pypa/gh-action-pypi-publish@"))
    );
    assert_eq!(jobs["publish"]["permissions"]["id-token"], "write");
    let build = jobs["wheels"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("PyO3/maturin-action@"))
        })
        .unwrap();
    assert!(
        build["with"]["args"]
            .as_str()
            .unwrap()
            .contains("--release --locked")
    );
}
