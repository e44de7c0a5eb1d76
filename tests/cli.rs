//! End-to-end: the real binary, its exit codes and its JSON contract.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::CLEAN;

const NOW: &str = "2026-11-24T00:00:00Z";

fn promolint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn output_schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/output.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): CI keeps shared/ beside the clone",
            path.display()
        )
    });
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn check_json(dir: &Path, paths: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["check", "--no-config", "--now", NOW, "--format", "json"];
    args.extend_from_slice(paths);
    let output = promolint(dir, &args);
    let value = json(&output);
    let schema = output_schema();
    let errors: Vec<String> = schema.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "output does not match output.schema.json: {errors:?}"
    );
    (output.status.code().unwrap(), value)
}

fn rules_of(value: &serde_json::Value) -> Vec<String> {
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn clean_campaign_exits_zero() {
    let dir = scratch(&[("campaigns/spring.yaml", CLEAN)]);
    let (code, value) = check_json(dir.path(), &["campaigns/spring.yaml"]);
    assert_eq!(rules_of(&value), Vec::<String>::new());
    assert_eq!(code, 0);
    assert_eq!(value["files_checked"], 1);
    assert_eq!(value["summary"]["errors"], 0);
}

#[test]
fn faulty_campaign_exits_one_with_exact_positions() {
    let faulty = CLEAN.replace("  max_discount: \"20.00\"", "  max_discout: \"20.00\"");
    let dir = scratch(&[("c.yaml", &faulty)]);
    let (code, value) = check_json(dir.path(), &["c.yaml"]);
    assert_eq!(code, 1);
    let d = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unknown-field")
        .expect("unknown-field reported");
    assert_eq!(d["file"], "c.yaml");
    assert_eq!(d["campaign"], "spring-cashback-2027");
    assert_eq!(d["document"], 0);
    assert_eq!(d["path"], "/benefit/max_discout");
    assert_eq!(d["start"]["line"], 19);
    assert_eq!(d["start"]["column"], 3);
    assert_eq!(d["end"]["column"], 14);
    assert_eq!(d["span"]["length"], 11);
    assert_eq!(d["help"], "did you mean `max_discount`?");
}

#[test]
fn columns_count_characters_in_cjk_text() {
    let faulty = CLEAN.replace(
        "  label: \"新春立减 最高20元\"",
        "  label: \"新春立减\"\n  lable: x",
    );
    let dir = scratch(&[("c.yaml", &faulty)]);
    let (_, value) = check_json(dir.path(), &["c.yaml"]);
    let d = &value["diagnostics"][0];
    assert_eq!(d["rule"], "unknown-field");
    assert_eq!(d["start"]["column"], 3);
}

#[test]
fn missing_path_exits_two() {
    let dir = scratch(&[("c.yaml", CLEAN)]);
    let (code, value) = check_json(dir.path(), &["c.yaml", "nope.yaml"]);
    assert_eq!(code, 2);
    assert_eq!(value["errors"][0]["file"], "nope.yaml");
}

#[test]
fn bad_flag_exits_two() {
    let dir = scratch(&[]);
    let output = promolint(dir.path(), &["check", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
    let output = promolint(dir.path(), &["check", "--select", "unknown-feild"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `unknown-field`"));
    let output = promolint(dir.path(), &["check", "--now", "yesterday"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn syntax_errors_are_findings_not_failures() {
    // A campaign file (its text names promo/v1) that is not valid YAML is a
    // finding; a foreign file with a syntax error is skipped (FORMAT.md).
    let dir = scratch(&[
        (
            "bad.yaml",
            "apiVersion: promo/v1\nkind: Campaign\nchannels: [1, 2\nb: 3\n",
        ),
        ("foreign.yaml", "a: [1, 2\nb: 3\n"),
        ("c.yaml", CLEAN),
    ]);
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&value), ["yaml-syntax"]);
    assert_eq!(value["diagnostics"][0]["file"], "bad.yaml");
    assert_eq!(value["diagnostics"][0]["campaign"], serde_json::Value::Null);
    assert_eq!(value["diagnostics"][0]["path"], serde_json::Value::Null);
    assert_eq!(value["files_checked"], 2);
    assert_eq!(value["files_skipped"], 1);
}

#[test]
fn not_utf8_is_a_yaml_syntax_finding() {
    let dir = scratch(&[("c.yaml", CLEAN)]);
    std::fs::write(
        dir.path().join("utf16.yaml"),
        [0xFF, 0xFE, b'a', 0, b':', 0],
    )
    .unwrap();
    let mut latin1 = CLEAN.replace("新春立减", "X").into_bytes();
    let pos = latin1.iter().position(|&b| b == b'X').unwrap();
    latin1[pos] = 0xE9;
    std::fs::write(dir.path().join("latin1.yaml"), latin1).unwrap();
    // The Latin-1 file names promo/v1, so it is a campaign file; the UTF-16
    // one shows nothing promolint can recognize and is skipped as foreign.
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&value), ["yaml-syntax"]);
    assert_eq!(value["diagnostics"][0]["file"], "latin1.yaml");
    assert_eq!(value["diagnostics"][0]["start"]["line"], 28);
    assert_eq!(value["files_skipped"], 1);
    // A policy whose own files.include selects it claims the UTF-16 file.
    std::fs::write(
        dir.path().join(".promolint.yaml"),
        "files:\n  include: [\"*.yaml\"]\n",
    )
    .unwrap();
    let output = promolint(
        dir.path(),
        &["check", "--now", NOW, "--format", "json", "."],
    );
    let value = json(&output);
    assert_eq!(rules_of(&value), ["yaml-syntax", "yaml-syntax"], "{value}");
    assert_eq!(value["diagnostics"][1]["file"], "utf16.yaml");
}

#[test]
fn named_files_are_reported_in_the_project_context() {
    let other = CLEAN
        .replace("spring-cashback-2027", "other-campaign")
        .replace("max_discount", "max_discout");
    let dir = scratch(&[("a.yaml", CLEAN), ("b.yaml", &other)]);
    let (code, value) = check_json(dir.path(), &["a.yaml"]);
    assert_eq!(code, 0, "{value}");
    assert_eq!(value["files_checked"], 1);
    let (code, _) = check_json(dir.path(), &["b.yaml", "./b.yaml"]);
    assert_eq!(code, 1);
}

#[test]
fn stdin_is_read_and_named() {
    let dir = scratch(&[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--now",
            NOW,
            "--format",
            "concise",
            "--stdin-filename",
            "campaigns/x.yaml",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(CLEAN.replace("rate: \"10%\"", "rate: 0.1").as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("campaigns/x.yaml:18:9: error[rate-notation]"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn templates_resolve_and_inherited_values_point_into_the_template() {
    let template = "apiVersion: promo/v1\nkind: Template\nid: tmpl-base\nbenefit:\n  type: percent_off\n  rate: 0.2\n  max_discount: \"20.00\"\n";
    let campaign = CLEAN
        .replace("benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n  min_spend: \"50.00\"\n", "template: tmpl-base\n");
    let dir = scratch(&[
        ("campaigns/c.yaml", &campaign),
        ("templates/t.yaml", template),
    ]);
    let (code, value) = check_json(dir.path(), &["campaigns/c.yaml"]);
    assert_eq!(code, 1);
    let d = &value["diagnostics"][0];
    assert_eq!(d["rule"], "rate-notation");
    assert_eq!(d["file"], "templates/t.yaml");
    assert_eq!(d["campaign"], "spring-cashback-2027");
    assert_eq!(d["start"]["line"], 6);
    assert_eq!(d["labels"][0]["file"], "campaigns/c.yaml");
    assert_eq!(d["labels"][0]["message"], "inherited from this template");
}

#[test]
fn a_campaign_read_before_the_templates_is_checked_as_one_read_beside_them() {
    // `a/` holds no `Template`: its campaign is loaded once the templates
    // are known; `b/` mentions one, so its campaign waits until the end.
    let template = "apiVersion: promo/v1\nkind: Template\nid: tmpl-base\nbenefit:\n  type: percent_off\n  rate: 0.2\n  max_discount: \"20.00\"\ndisplay:\n  label: \"最高30元\"\n";
    let campaign = CLEAN
        .replace("benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n  min_spend: \"50.00\"\n", "template: tmpl-base\n")
        .replace("display:\n  label: \"新春立减 最高20元\"\n", "");
    let beside = format!(
        "{}# see the Template\n",
        campaign.replace("spring-cashback-2027", "other-2027")
    );
    let dir = scratch(&[
        ("a/c.yaml", &campaign),
        ("b/c.yaml", &beside),
        ("t/t.yaml", template),
    ]);
    for extra in [&[][..], &["--no-cache"][..]] {
        let mut paths = extra.to_vec();
        paths.push(".");
        let (_, value) = check_json(dir.path(), &paths);
        let of = |campaign: &str| -> Vec<(String, String, String)> {
            value["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["campaign"] == campaign)
                .map(|d| {
                    (
                        d["rule"].to_string(),
                        d["file"].to_string(),
                        d["start"].to_string(),
                    )
                })
                .collect()
        };
        let read_first = of("spring-cashback-2027");
        assert!(!read_first.is_empty(), "{value}");
        assert!(
            read_first.iter().any(|(_, file, _)| file == "\"t/t.yaml\""),
            "{read_first:?}"
        );
        assert_eq!(read_first, of("other-2027"), "{value}");
    }
}

#[test]
fn missing_fields_point_at_the_kind_key() {
    let text = "apiVersion: promo/v1\nkind: Campaign\nid: no-fields\nname: x\nenvironment: test\n";
    let dir = scratch(&[("c.yaml", text)]);
    let (_, value) = check_json(dir.path(), &["c.yaml"]);
    let missing: Vec<&serde_json::Value> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "missing-field")
        .collect();
    let paths: Vec<&str> = missing
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "/audience",
            "/benefit",
            "/channels",
            "/currency",
            "/display",
            "/funding",
            "/schedule"
        ]
    );
    assert!(
        missing
            .iter()
            .all(|d| d["start"]["line"] == 2 && d["start"]["column"] == 1)
    );
}

#[test]
fn alias_values_point_at_the_anchor_with_a_label_on_the_alias() {
    let text = CLEAN
        .replace("  rate: \"10%\"", "  rate: *r")
        .replace("name: Spring festival cashback", "name: &r 0.1");
    let dir = scratch(&[("c.yaml", &text)]);
    let (_, value) = check_json(dir.path(), &["c.yaml"]);
    let d = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "rate-notation")
        .expect("rate-notation");
    assert_eq!(d["start"]["line"], 4);
    assert_eq!(d["labels"][0]["start"]["line"], 18);
    assert_eq!(d["labels"][0]["message"], "reached through this alias");
}

#[test]
fn named_hidden_files_in_the_project_are_skipped_like_walked_ones() {
    let dir = scratch(&[
        ("c.yaml", CLEAN),
        (".pre-commit-config.yaml", "repos: []\n"),
        (".github/workflows/ci.yml", "on: push\n"),
    ]);
    let (code, value) = check_json(
        dir.path(),
        &[
            "c.yaml",
            ".pre-commit-config.yaml",
            ".github/workflows/ci.yml",
        ],
    );
    assert_eq!(code, 0, "{value}");
    assert_eq!(value["files_checked"], 1);
}
