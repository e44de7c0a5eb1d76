//! `--fix`, `--unsafe-fixes`, `--diff` and `--fix -` through the binary
//! (CLI.md "Fixes"): each fix of CLI.md turns a campaign with one fault back
//! into the clean one, byte for byte; unsafe fixes wait for
//! `--unsafe-fixes`; a file that cannot be replaced is left as it was.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::CLEAN;

const NOW: &str = "2026-11-24T00:00:00Z";

fn promolint(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_promolint"));
    command
        .current_dir(dir)
        .args(["check", "--now", NOW, "--no-config", "--color", "never"])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One fault per fix of CLI.md: (rule, whether the fix is unsafe, the
/// clean text, the faulty text). Each fix gives the clean text back, but for
/// `ambiguous-scalar`, which quotes (see [`fixed`]).
const FAULTS: &[(&str, bool, &str, &str)] = &[
    (
        "ambiguous-scalar",
        false,
        "name: Spring festival cashback",
        "name: no",
    ),
    (
        "invisible-characters",
        false,
        "label: \"新春立减 最高20元\"",
        "label: \"新春\\u200b立减 最高20元\"",
    ),
    (
        "unused-suppression",
        false,
        "currency: CNY\n",
        "currency: CNY  # promolint: disable=rate-ceiling -- legacy\n",
    ),
    ("rate-notation", true, "rate: \"10%\"", "rate: 0.1"),
    (
        "unknown-field",
        true,
        "  max_discount: \"20.00\"",
        "  max_discout: \"20.00\"",
    ),
    (
        "invalid-value",
        true,
        "kill_switch: true",
        "kill_switch: \"true\"",
    ),
];

fn faulty(clean: &str, faulty: &str) -> String {
    assert!(CLEAN.contains(clean), "{clean}");
    CLEAN.replacen(clean, faulty, 1)
}

/// What `--fix` makes of a campaign with one fault.
fn fixed(rule: &str) -> String {
    if rule == "ambiguous-scalar" {
        faulty("name: Spring festival cashback", "name: \"no\"")
    } else {
        CLEAN.to_string()
    }
}

fn rules_of(output: &Output) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_fix_restores_the_clean_campaign() {
    for (rule, is_unsafe, clean, fault) in FAULTS {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.yaml");
        let bad = faulty(clean, fault);
        std::fs::write(&file, &bad).unwrap();

        let before = promolint(dir.path(), &["--format", "json", "c.yaml"], None);
        assert_eq!(
            rules_of(&before),
            [*rule],
            "{rule}: {}",
            text(&before.stdout)
        );
        let value: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
        let applicability = if *is_unsafe { "unsafe" } else { "safe" };
        assert_eq!(
            value["diagnostics"][0]["fix"]["applicability"], applicability,
            "{rule}"
        );

        let safe = promolint(dir.path(), &["--fix", "--format", "json", "c.yaml"], None);
        if *is_unsafe {
            // Never applied without --unsafe-fixes.
            assert_eq!(std::fs::read_to_string(&file).unwrap(), bad, "{rule}");
            assert_eq!(rules_of(&safe), [*rule], "{rule}");
            assert_eq!(safe.status.code(), Some(1), "{rule}");
            let unsafe_fix = promolint(
                dir.path(),
                &["--fix", "--unsafe-fixes", "--format", "json", "c.yaml"],
                None,
            );
            assert_eq!(unsafe_fix.status.code(), Some(0), "{rule}: {unsafe_fix:?}");
            assert_eq!(
                text(&unsafe_fix.stderr),
                "fixed 1 finding in 1 file\n",
                "{rule}"
            );
        } else {
            assert_eq!(safe.status.code(), Some(0), "{rule}: {safe:?}");
            assert!(rules_of(&safe).is_empty(), "{rule}");
            assert_eq!(text(&safe.stderr), "fixed 1 finding in 1 file\n", "{rule}");
        }
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            fixed(rule),
            "{rule}"
        );
    }
}

#[test]
fn the_text_formats_mark_safe_fixes_and_unsafe_ones_with_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let bad = faulty("name: Spring festival cashback", "name: no");
    let bad = bad.replacen("rate: \"10%\"", "rate: 0.1", 1);
    std::fs::write(dir.path().join("c.yaml"), &bad).unwrap();
    let plain = text(&promolint(dir.path(), &["--format", "concise", "c.yaml"], None).stdout);
    assert!(
        plain.contains("[fix available (--fix): quote `no`]"),
        "{plain}"
    );
    assert!(!plain.contains("unsafe fix"), "{plain}");
    let with = promolint(
        dir.path(),
        &["--format", "concise", "--unsafe-fixes", "c.yaml"],
        None,
    );
    assert!(
        text(&with.stdout)
            .contains("[unsafe fix available (--fix --unsafe-fixes): write the rate as \"10%\"]"),
        "{}",
        text(&with.stdout)
    );
    let human = text(&promolint(dir.path(), &["c.yaml"], None).stdout);
    assert!(
        human.contains("fix available (--fix): quote `no`"),
        "{human}"
    );
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.yaml");
    let bad = faulty("name: Spring festival cashback", "name: no");
    std::fs::write(&file, &bad).unwrap();
    let output = promolint(dir.path(), &["--diff", "c.yaml"], None);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        text(&output.stdout),
        "--- a/c.yaml\n+++ b/c.yaml\n@@ -1,7 +1,7 @@\n apiVersion: promo/v1\n kind: Campaign\n \
         id: spring-cashback-2027\n-name: no\n+name: \"no\"\n environment: production\n \
         owner: growth-payments@example.com\n approval: MKT-2027-0113\n"
    );
    assert_eq!(text(&output.stderr), "would fix 1 finding in 1 file\n");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), bad);

    // Unsafe fixes are in the diff only with --unsafe-fixes.
    std::fs::write(&file, faulty("rate: \"10%\"", "rate: 0.1")).unwrap();
    let safe_only = promolint(dir.path(), &["--diff", "c.yaml"], None);
    assert_eq!(safe_only.status.code(), Some(0), "{safe_only:?}");
    assert_eq!(text(&safe_only.stdout), "");
    assert_eq!(text(&safe_only.stderr), "no fixes to apply\n");
    let with = promolint(dir.path(), &["--diff", "--unsafe-fixes", "c.yaml"], None);
    assert_eq!(with.status.code(), Some(1));
    assert!(text(&with.stdout).contains("-  rate: 0.1\n+  rate: \"10%\"\n"));
    // --exit-zero: a diff does not fail the run.
    let zero = promolint(
        dir.path(),
        &["--diff", "--unsafe-fixes", "--exit-zero", "c.yaml"],
        None,
    );
    assert_eq!(zero.status.code(), Some(0));
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text_keeping_bom_crlf_and_comments() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = |text: &str| format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let bad = faulty(
        "name: Spring festival cashback",
        "name: no # the name\n# a comment",
    )
    .replacen("controls:", "'controls':", 1);
    let output = promolint(
        dir.path(),
        &[
            "--fix",
            "--format",
            "concise",
            "--stdin-filename",
            "c.yaml",
            "-",
        ],
        Some(crlf(&bad).as_bytes()),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let expected = crlf(&faulty(
        "name: Spring festival cashback",
        "name: \"no\" # the name\n# a comment",
    ))
    .replacen("controls:", "'controls':", 1);
    assert_eq!(text(&output.stdout), expected);
    // The report goes to standard error.
    assert_eq!(
        text(&output.stderr),
        "fixed 1 finding in 1 file\n0 errors, 0 warnings in 1 file\n"
    );
}

#[test]
fn fixes_repeat_until_none_is_left() {
    // Two unused ids of one comment: the first pass removes one id (the
    // other collides with it and waits), the second pass the comment.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.yaml");
    let bad = faulty(
        "currency: CNY\n",
        "currency: CNY\n# promolint: disable-next-line=rate-ceiling,budget-ceiling -- old\n",
    );
    std::fs::write(&file, &bad).unwrap();
    let output = promolint(dir.path(), &["--fix", "c.yaml"], None);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(text(&output.stderr), "fixed 2 findings in 1 file\n");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), CLEAN);
}

#[cfg(unix)]
#[test]
fn the_new_file_keeps_the_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.yaml");
    std::fs::write(&file, faulty("name: Spring festival cashback", "name: no")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let output = promolint(dir.path(), &["--fix", "c.yaml"], None);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        fixed("ambiguous-scalar")
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_and_left_intact() {
    // promolint checks the mode itself, so this holds when tests run as
    // root too.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.yaml");
    let bad = faulty("name: Spring festival cashback", "name: no");
    std::fs::write(&file, &bad).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = promolint(
        dir.path(),
        &["--fix", "--format", "concise", "c.yaml"],
        None,
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        text(&output.stdout).contains(
            "error: c.yaml: cannot write the fixes: the file is read-only; the file was left as it was"
        ),
        "{}",
        text(&output.stdout)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), bad);
}

/// A directory the process may not write: the temporary file cannot be
/// made, so nothing is written. Root ignores directory permissions, so a
/// root run drops to `nobody` for the command (the check is then real).
#[cfg(unix)]
#[test]
fn a_read_only_directory_gives_a_clear_error_and_leaves_the_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let outer = tempfile::tempdir().unwrap();
    std::fs::set_permissions(outer.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = outer.path().join("campaigns");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("c.yaml");
    let bad = faulty("name: Spring festival cashback", "name: no");
    std::fs::write(&file, &bad).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();

    let mut command = Command::new(env!("CARGO_BIN_EXE_promolint"));
    command.current_dir(outer.path()).args([
        "check",
        "--now",
        NOW,
        "--no-config",
        "--format",
        "concise",
        "--fix",
        "campaigns/c.yaml",
    ]);
    let is_root = std::fs::metadata("/proc/self").map(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    if is_root.unwrap_or(false) {
        command.uid(65534).gid(65534);
    }
    let output = command.output().unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains(
            "error: campaigns/c.yaml: cannot write the fixes: cannot create a temporary file in campaigns: Permission denied"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("the file was left as it was"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), bad);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}
