//! Issue 10 through the real binary: only promolint's own documents are
//! checked (FORMAT.md, "Which documents are promolint's"), the project root
//! without a policy file (CLI.md), a walk that finds no campaign, machine
//! formats on tool errors, the output polish and the red-team cases.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::CLEAN;
use serde_json::Value;

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
    write_files(dir.path(), files);
    dir
}

fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// `check --format json` with the built-in policy; exit code and JSON.
fn check_json(dir: &Path, paths: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--no-config", "--now", NOW, "--format", "json"];
    args.extend_from_slice(paths);
    let output = promolint(dir, &args);
    (output.status.code().unwrap(), json(&output))
}

fn files_of(value: &Value) -> Vec<String> {
    let mut files: Vec<String> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    files.dedup();
    files
}

fn rules_of(value: &Value) -> Vec<String> {
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// A clean campaign under another id.
fn campaign(id: &str) -> String {
    CLEAN.replace("spring-cashback-2027", id)
}

/// The YAML a real repository holds beside its campaigns; none of it is a
/// campaign document.
const FOREIGN: &[(&str, &str)] = &[
    (
        "docker-compose.yml",
        "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n",
    ),
    (
        "k8s/app.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    \
         spec:\n      containers: [{name: web, image: nginx}]\n---\napiVersion: v1\nkind: Service\n\
         metadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: \
         ConfigMap\ndata:\n  budget: \"100\"\n  schedule: daily\n",
    ),
    (
        ".gitlab-ci.yml",
        "stages: [test]\ntest:\n  stage: test\n  script:\n    - cargo test \\\n      --all\n",
    ),
    (
        "gitlab-ci.yml",
        "stages: [test]\ntest:\n  stage: test\n  script: [\"echo \\\"budget: 1\\\"\"]\n",
    ),
    (
        "api/openapi.yaml",
        "openapi: 3.0.0\ninfo: {title: Promotions, version: 1.0.0}\npaths:\n  /campaigns:\n    \
         get:\n      responses:\n        '200':\n          description: ok\ncomponents:\n  \
         schemas:\n    Campaign:\n      properties:\n        benefit: {type: object}\n        \
         budget: {type: object}\n        schedule: {type: object}\n",
    ),
    (
        "charts/promo/values.yaml",
        "replicaCount: 2\nimage:\n  repository: promo\nschedule: \"0 * * * *\"\nresources: {}\n",
    ),
    (
        "ansible/site.yml",
        "- hosts: all\n  tasks:\n    - name: budget\n      debug: {msg: channels}\n",
    ),
    (
        "cloudformation.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: \
         AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${AWS::StackName}-budget'\n\
         Outputs:\n  Name:\n    Value: !Ref Bucket\n",
    ),
    ("broken.yaml", "services: [web\n  image: \"unclosed\n"),
    (
        "mkdocs.yml",
        "site_name: Promotions\nnav:\n  - Home: index.md\ntheme: {name: material}\n\
         markdown_extensions:\n  - pymdownx.superfences\n",
    ),
];

#[test]
fn a_mixed_repository_reports_only_its_campaigns() {
    let mut files: Vec<(&str, String)> = FOREIGN
        .iter()
        .map(|(name, text)| (*name, text.to_string()))
        .collect();
    files.push(("campaigns/a.yaml", campaign("campaign-a")));
    // A campaign with a fault, and a foreign document in the same file.
    files.push((
        "campaigns/b.yaml",
        format!(
            "{}---\napiVersion: apps/v1\nkind: Deployment\nspec: {{}}\n",
            campaign("campaign-b").replace("  max_discount:", "  max_discout:")
        ),
    ));
    // A headerless campaign: missing-field for apiVersion and kind.
    files.push((
        "campaigns/headerless.yaml",
        campaign("campaign-c")
            .replace("apiVersion: promo/v1\n", "")
            .replace("kind: Campaign\n", ""),
    ));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = scratch(&borrowed);

    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{value}");
    assert_eq!(
        files_of(&value),
        ["campaigns/b.yaml", "campaigns/headerless.yaml"],
        "{value}"
    );
    assert_eq!(
        rules_of(&value),
        ["unknown-field", "missing-field", "missing-field"]
    );
    assert_eq!(value["errors"], serde_json::json!([]));
    assert_eq!(value["files_checked"], 3);
    // Every foreign file but the hidden .gitlab-ci.yml, which the walk skips.
    assert_eq!(value["files_skipped"], FOREIGN.len() - 1);

    // --verbose names each skipped file on standard error.
    let output = promolint(
        dir.path(),
        &["check", "--no-config", "--now", NOW, "--verbose"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (name, _) in FOREIGN.iter().filter(|(name, _)| !name.starts_with('.')) {
        assert!(
            stderr.contains(&format!("skipped {name}: no campaign document")),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("checked 3 files, skipped 9 in "),
        "{stderr}"
    );
    assert!(!stderr.contains("campaigns/"), "{stderr}");
}

#[test]
fn a_named_foreign_file_is_skipped_with_exit_zero() {
    // The pre-commit case: the hook names every changed YAML file.
    let dir = scratch(&[("docker-compose.yml", FOREIGN[0].1), ("c.yaml", CLEAN)]);
    let (code, value) = check_json(dir.path(), &["docker-compose.yml"]);
    assert_eq!(code, 0, "{value}");
    assert_eq!(
        (
            value["files_checked"].as_u64(),
            value["files_skipped"].as_u64()
        ),
        (Some(0), Some(1))
    );
    let output = promolint(
        dir.path(),
        &["check", "--no-config", "broken.yaml", "docker-compose.yml"],
    );
    // A named path that does not exist is still an error.
    assert_eq!(output.status.code(), Some(2));
    // Standard input is recognized the same way.
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "json", "-"])
        .stdin(std::fs::File::open(dir.path().join("docker-compose.yml")).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["files_skipped"], 1);
}

#[test]
fn promo_v2_is_an_invalid_value() {
    let text = CLEAN.replace("apiVersion: promo/v1", "apiVersion: promo/v2");
    let dir = scratch(&[("c.yaml", &text)]);
    let (code, value) = check_json(dir.path(), &["c.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&value), ["invalid-value"]);
    assert_eq!(value["diagnostics"][0]["path"], "/apiVersion");
    let message = value["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("promolint reads promo/v1"), "{message}");
}

#[test]
fn unreadable_files_are_ours_only_under_the_three_conditions() {
    let dir = scratch(&[
        ("c.yaml", CLEAN),
        // Foreign: no campaign document before the error, no promo/v1.
        ("foreign.yaml", "jobs: [a\n"),
        // Its text names promo/v1.
        (
            "named.yaml",
            "apiVersion: promo/v1\nkind: Campaign\nid: [x\n",
        ),
        // A campaign document read before the error.
        (
            "second.yaml",
            "kind: Template\nid: tmpl-a\n---\nchannels: [a\n",
        ),
    ]);
    std::fs::write(dir.path().join("latin1.yaml"), b"label: caf\xe9\n").unwrap();
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{value}");
    let syntax: Vec<&str> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "yaml-syntax")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(syntax, ["named.yaml", "second.yaml"]);
    assert_eq!(value["files_skipped"], 2);

    // A policy file that sets files.include claims every file it selects.
    std::fs::write(
        dir.path().join(".promolint.yaml"),
        "files:\n  include: [\"*.yaml\"]\n",
    )
    .unwrap();
    let output = promolint(dir.path(), &["check", "--now", NOW, "--format", "json"]);
    let value = json(&output);
    let syntax: Vec<&str> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "yaml-syntax")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        syntax,
        ["foreign.yaml", "latin1.yaml", "named.yaml", "second.yaml"]
    );
    assert_eq!(value["files_skipped"], 0);
}

#[test]
fn a_file_over_max_bytes_is_ours_when_it_names_promo_v1() {
    let policy = "files:\n  max_bytes: 100\n";
    let big_foreign = format!("a: \"{}\"\n", "x".repeat(200));
    let big_campaign = format!("{}# {}\n", CLEAN, "x".repeat(200));
    let dir = scratch(&[
        (".promolint.yaml", policy),
        ("big-foreign.yaml", &big_foreign),
        ("big-campaign.yaml", &big_campaign),
    ]);
    let output = promolint(dir.path(), &["check", "--format", "json", "--now", NOW]);
    let value = json(&output);
    assert_eq!(files_of(&value), ["big-campaign.yaml"], "{value}");
    assert_eq!(rules_of(&value), ["yaml-syntax"]);
    assert_eq!(value["files_skipped"], 1);
}

#[test]
fn a_walk_that_finds_no_campaign_is_a_usage_error() {
    let dir = scratch(&[
        ("docker-compose.yml", FOREIGN[0].1),
        ("docs/mkdocs.yml", "site_name: x\n"),
        ("campaigns/c.yaml", CLEAN),
    ]);
    for paths in [&["docs"][..], &["docs", "docker-compose.yml"][..]] {
        let (code, value) = check_json(dir.path(), paths);
        if paths.len() == 1 {
            assert_eq!(code, 2, "{value}");
            let message = value["errors"][0]["message"].as_str().unwrap();
            assert!(
                message.starts_with("no campaign documents found under docs; files.include is [\"**/*.yaml\", \"**/*.yml\"]"),
                "{message}"
            );
            assert_eq!(value["errors"][0]["file"], "docs");
        } else {
            // A named file is not a walk: all foreign is fine.
            assert_eq!(code, 0, "{value}");
        }
    }
    // Nothing named walks the current directory.
    let empty = scratch(&[("a.yml", "x: 1\n")]);
    let output = promolint(empty.path(), &["check", "--no-config"]);
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("error: .: no campaign documents found under ."),
        "{stdout}"
    );
    // Named foreign files only: exit 0.
    let output = promolint(empty.path(), &["check", "--no-config", "a.yml"]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn without_a_policy_the_project_is_the_git_repository_or_the_directory_named() {
    // Outside git, `check n1` reads n1 only: the other folder's campaign
    // with the same id is not part of the project.
    let dir = scratch(&[("n1/c.yaml", CLEAN), ("elsewhere/c.yaml", CLEAN)]);
    let (code, value) = check_json(dir.path(), &["n1"]);
    assert_eq!(code, 0, "{value}");
    assert_eq!(value["files_checked"], 1);
    // Inside a git repository the repository is the project: the duplicate
    // id beside it is found.
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let (code, value) = check_json(dir.path(), &["n1"]);
    assert_eq!(code, 1, "{value}");
    assert_eq!(rules_of(&value), ["duplicate-id"]);
    // From a subdirectory with no PATH, the repository root is found too.
    let output = promolint(
        &dir.path().join("n1"),
        &[
            "check",
            "--no-config",
            "--now",
            NOW,
            "--format",
            "json",
            "--verbose",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let root = dir.path().canonicalize().unwrap();
    assert!(
        stderr.contains(&format!("project root {}", root.display()))
            || stderr.contains(&format!("project root {}", dir.path().display())),
        "{stderr}"
    );
}

#[test]
fn machine_formats_write_a_valid_document_for_an_invalid_policy() {
    let dir = scratch(&[
        (".promolint.yaml", "files:\n  includ: []\n"),
        ("c.yaml", CLEAN),
    ]);
    let run = |format: &str| {
        let output = promolint(dir.path(), &["check", "--format", format]);
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("includ"),
            "{format}: the message is on standard error too"
        );
        String::from_utf8(output.stdout).unwrap()
    };

    let value: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(value["errors"][0]["file"], ".promolint.yaml");
    let message = value["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("2:3: unknown key `includ`"),
        "{message}"
    );
    assert!(message.contains("did you mean `include`?"), "{message}");
    assert_eq!(value["diagnostics"], serde_json::json!([]));

    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert!(
        notification["message"]["text"]
            .as_str()
            .unwrap()
            .contains("includ")
    );

    let xml = run("junit");
    let document = roxmltree::Document::parse(&xml).unwrap();
    let error = document
        .descendants()
        .find(|n| n.has_tag_name("error"))
        .expect("a JUnit <error>");
    assert!(error.attribute("message").unwrap().contains("includ"));
    assert_eq!(document.root_element().attribute("errors"), Some("1"));

    let github = run("github");
    assert!(
        github.starts_with("::error file=.promolint.yaml::2%3A3: unknown key `includ`")
            || github.starts_with("::error file=.promolint.yaml::2:3: unknown key `includ`"),
        "{github}"
    );

    // People get the rendered report, with no stray `Error:` lines.
    let output = promolint(dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown key `includ`"), "{stderr}");
    assert!(!stderr.contains("Error:"), "{stderr}");
}

#[test]
fn help_text_reaches_concise_and_github() {
    let text = CLEAN.replace("  min_spend:", "  min_spnd:");
    let dir = scratch(&[("c.yaml", &text)]);
    for (format, expected) in [
        (
            "concise",
            "unknown field `min_spnd` in `benefit`; help: did you mean `min_spend`?",
        ),
        (
            "github",
            "unknown field `min_spnd` in `benefit`%0Ahelp: did you mean `min_spend`?",
        ),
    ] {
        let output = promolint(
            dir.path(),
            &["check", "--no-config", "--now", NOW, "--format", format],
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains(expected), "{format}: {stdout}");
    }
}

#[test]
fn the_human_label_does_not_repeat_the_message() {
    let text = CLEAN.replace("rate: \"10%\"", "rate: \"0.1\"");
    let dir = scratch(&[("c.yaml", &text)]);
    let output = promolint(dir.path(), &["check", "--no-config", "--now", NOW]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.matches("is not a percent string").count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("╰── benefit.rate"), "{stdout}");
}

#[test]
fn schedule_expired_prints_now_in_whole_seconds_in_the_campaign_offset() {
    let text = CLEAN
        .replace("2027-01-20T00:00:00+08:00", "2025-01-20T00:00:00+08:00")
        .replace("2027-02-05T23:59:59+08:00", "2025-02-05T23:59:59+08:00");
    let dir = scratch(&[("c.yaml", &text)]);
    let output = promolint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--now",
            "2026-11-24T00:00:00.123456789Z",
        ],
    );
    let value = json(&output);
    let message = value["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("before now (2026-11-24T08:00:00+08:00)"),
        "{message}"
    );
    // Without --now: still whole seconds.
    let output = promolint(dir.path(), &["check", "--no-config", "--format", "json"]);
    let value = json(&output);
    let message = value["diagnostics"][0]["message"].as_str().unwrap();
    let now = message.rsplit('(').next().unwrap();
    assert!(now.ends_with("+08:00)") && !now.contains('.'), "{message}");
}

#[test]
fn a_clean_junit_run_has_one_passing_case_per_checked_file() {
    let dir = scratch(&[
        ("a.yaml", &campaign("campaign-a")),
        ("b.yaml", &campaign("campaign-b")),
        ("compose.yaml", FOREIGN[0].1),
    ]);
    let output = promolint(
        dir.path(),
        &["check", "--no-config", "--now", NOW, "--format", "junit"],
    );
    assert_eq!(output.status.code(), Some(0));
    let xml = String::from_utf8(output.stdout).unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap();
    let cases: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("file"))
        .collect();
    assert_eq!(cases, ["a.yaml", "b.yaml"]);
    assert_eq!(document.root_element().attribute("tests"), Some("2"));
    assert_eq!(document.root_element().attribute("failures"), Some("0"));
}

#[test]
fn money_beyond_28_digits_is_compared_exactly() {
    let text = CLEAN.replace(
        "total: \"1000000.00\"",
        "total: \"99999999999999999999999999999.99\"",
    );
    let dir = scratch(&[("c.yaml", &text)]);
    let (code, value) = check_json(dir.path(), &["c.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&value), ["budget-ceiling"], "{value}");
    let message = value["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("budget.total 99999999999999999999999999999.99 CNY is above"),
        "{message}"
    );
    // Bare, and just above a ceiling the policy sets with as many digits.
    let policy =
        "limits:\n  budget:\n    max_total:\n      CNY: \"79228162514264337593543950335\"\n";
    let text = CLEAN.replace(
        "total: \"1000000.00\"",
        "total: 79228162514264337593543950335.01",
    );
    let dir = scratch(&[(".promolint.yaml", policy), ("c.yaml", &text)]);
    let output = promolint(dir.path(), &["check", "--now", NOW, "--format", "json"]);
    let value = json(&output);
    assert_eq!(rules_of(&value), ["budget-ceiling"], "{value}");
    let equal = CLEAN.replace(
        "total: \"1000000.00\"",
        "total: 79228162514264337593543950335.00",
    );
    std::fs::write(dir.path().join("c.yaml"), equal).unwrap();
    let output = promolint(dir.path(), &["check", "--now", NOW, "--format", "json"]);
    assert_eq!(rules_of(&json(&output)), Vec::<String>::new());
}

#[test]
fn loose_percent_strings_are_rate_notation() {
    for rate in ["\" 20%\"", "\"20 %\"", "\"020%\"", "\"20% \""] {
        let text = CLEAN.replace("rate: \"10%\"", &format!("rate: {rate}"));
        let dir = scratch(&[("c.yaml", &text)]);
        let (code, value) = check_json(dir.path(), &["c.yaml"]);
        assert_eq!(code, 1, "{rate}");
        assert_eq!(rules_of(&value), ["rate-notation"], "{rate}: {value}");
    }
}
