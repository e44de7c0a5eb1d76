//! Rule documentation: `docs/rules.md` is generated from the rules' own
//! data, `promolint explain` prints it, `promolint rules` lists every rule
//! id of RULES.md.

use std::path::Path;
use std::process::Command;

fn promolint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_promolint"))
        .args(args)
        .output()
        .unwrap()
}

/// The rule ids a spec file defines: the first cell of each rule table row.
fn spec_rule_ids(file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/spec")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): CI keeps shared/ beside the clone",
            path.display()
        )
    });
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let id = cells.get(1)?;
            let sev = cells.get(2)?;
            (matches!(*sev, "E" | "W") && id.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
                .then(|| id.to_string())
        })
        .collect()
}

/// Every rule id of the contract: RULES.md's catalog and REVIEW.md's change
/// rules.
fn all_spec_rule_ids() -> Vec<String> {
    let mut ids = spec_rule_ids("RULES.md");
    ids.extend(spec_rule_ids("REVIEW.md"));
    ids
}

#[test]
fn docs_rules_md_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let expected = promolint::rules::docs::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: regenerate it with `UPDATE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn explain_prints_every_rule_and_refuses_unknown_ids() {
    for rule in promolint::rules::all() {
        let output = promolint(&["explain", rule.id]);
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.lines().count() >= 8, "{}: too short:\n{text}", rule.id);
        assert!(text.contains("Example that fails") && text.contains("Fixed"));
        assert!(
            !rule.what.is_empty()
                && !rule.why.is_empty()
                && !rule.bad.is_empty()
                && !rule.good.is_empty()
        );
    }
    let output = promolint(&["explain", "unknown-feild"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `unknown-field`"));
}

#[test]
fn the_registry_is_the_spec() {
    let spec = all_spec_rule_ids();
    assert_eq!(
        spec.len(),
        54,
        "RULES.md and REVIEW.md define 54 rules: {spec:?}"
    );
    let registered: Vec<&str> = promolint::rules::all().map(|r| r.id).collect();
    let spec: Vec<&str> = spec.iter().map(String::as_str).collect();
    assert_eq!(
        registered, spec,
        "the registry must hold every rule of RULES.md and REVIEW.md, in their order"
    );
}

#[test]
fn rules_json_lists_ids_and_severities() {
    let output = promolint(&["rules", "--format", "json", "--no-config"]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules = value["rules"].as_array().unwrap();
    assert_eq!(rules.len(), promolint::rules::all().len());
    for rule in rules {
        for key in ["id", "default_severity", "severity", "summary"] {
            assert!(rule[key].is_string(), "{key} missing in {rule}");
        }
    }
}

#[test]
fn readme_policy_example_is_a_valid_policy() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Policy")
        .nth(1)
        .expect("README has a Policy section");
    let example = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the Policy section has a YAML example");
    let policy = promolint::policy::Policy::parse("README.md", example)
        .unwrap_or_else(|e| panic!("the README's policy example is invalid: {:?}", e.problems()));
    assert_eq!(policy.limits.schedule.max_duration_days, 45);
    assert!(
        policy
            .limits
            .rate_ceiling
            .funding
            .contains_key("government"),
        "mappings merge"
    );
}
