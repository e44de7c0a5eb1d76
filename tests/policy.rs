//! The policy layer through the library's public API.

use std::fs;
use std::path::Path;

use promolint::model::Percent;
use promolint::policy::{
    ConfigChoice, InitError, POLICY_FILE_NAME, Policy, PolicyError, RuleLevel, STARTER, discover,
    effective_policy, policy_schema, write_starter,
};

fn pct(text: &str) -> Percent {
    Percent::parse(text).expect("a percent")
}

fn parse_err(text: &str) -> PolicyError {
    Policy::parse(".promolint.yaml", text).expect_err("the policy is invalid")
}

#[test]
fn a_mapping_merges_key_by_key() {
    let text = "\
limits:
  rate_ceiling:
    funding:
      government: \"10%\"
  schedule:
    max_duration_days: 90
rules:
  schedule-expired: off
";
    let policy = Policy::parse("p.yaml", text).expect("valid");
    let builtin = Policy::builtin();
    let ceiling = &policy.limits.rate_ceiling;
    assert_eq!(ceiling.funding["government"], pct("10%"));
    // The other funding entries, and the rest of `limits`, keep the default.
    assert_eq!(ceiling.funding["merchant"], pct("50%"));
    assert_eq!(ceiling.funding.len(), 4);
    assert_eq!(ceiling.default, builtin.limits.rate_ceiling.default);
    assert_eq!(ceiling.channels, builtin.limits.rate_ceiling.channels);
    assert_eq!(policy.limits.budget, builtin.limits.budget);
    assert_eq!(policy.limits.schedule.max_duration_days, 90);
    assert_eq!(policy.rules["schedule-expired"], RuleLevel::Off);
    assert_eq!(policy.channels, builtin.channels);
    assert_eq!(policy.labels, builtin.labels);
}

#[test]
fn a_list_replaces_the_default_whole() {
    let text = "\
channels:
  allowed: [online-checkout]
currencies: [SGD]
labels:
  forbidden:
    - terms: [\"free lunch\"]
";
    let policy = Policy::parse("p.yaml", text).expect("valid");
    let builtin = Policy::builtin();
    assert_eq!(policy.channels.allowed, ["online-checkout"]);
    assert_eq!(policy.channels.forbidden, builtin.channels.forbidden);
    assert_eq!(policy.currencies, ["SGD"]);
    assert_eq!(policy.labels.forbidden.len(), 1);
    assert_eq!(policy.labels.forbidden[0].terms, ["free lunch"]);
    assert_eq!(policy.labels.restricted, builtin.labels.restricted);
}

#[test]
fn an_unknown_key_points_at_its_line_with_did_you_mean() {
    let text = "\
apiVersion: promo/v1
kind: Policy
limits:
  schedule:
    max_duraton_days: 10
";
    let error = parse_err(text);
    let [problem] = error.problems() else {
        panic!("one problem expected: {:#?}", error.problems());
    };
    assert!(problem.message.contains("unknown key `max_duraton_days`"));
    assert_eq!(problem.start.map(|p| (p.line, p.column)), Some((5, 5)));
    let span = problem.span.clone().expect("a span");
    assert_eq!(&text[span], "max_duraton_days");
    assert_eq!(
        problem.help.as_deref(),
        Some("did you mean `max_duration_days`?")
    );
}

#[test]
fn a_bad_percent_is_rejected() {
    let error = parse_err("limits:\n  broad_audience_rate: \"5 percent\"\n");
    assert_eq!(error.problems().len(), 1);
    let problem = &error.problems()[0];
    assert!(
        problem.message.contains("must be a percent"),
        "{}",
        problem.message
    );
    assert_eq!(problem.start.map(|p| p.line), Some(2));

    let error = parse_err("limits:\n  rate_ceiling:\n    default: \"0%\"\n");
    assert!(error.problems()[0].message.contains("more than 0%"));
}

#[test]
fn broken_yaml_is_a_problem_not_a_fallback() {
    let error = parse_err("rules:\n  missing-owner: [off\nlimits: {}\n");
    assert!(!error.problems().is_empty());
    assert!(error.problems()[0].span.is_some());

    let error = parse_err("rules: {}\nrules: {}\n");
    assert!(error.problems()[0].message.contains("repeated"));
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = "\
apiVersion: promo/v2
files:
  max_byte: 10
rules:
  missing-ownr: off
limits:
  stacked_rate_ceiling: 0.4
";
    let error = parse_err(text);
    let lines: Vec<usize> = error
        .problems()
        .iter()
        .filter_map(|p| p.start.map(|s| s.line))
        .collect();
    assert_eq!(lines, [1, 3, 5, 7]);
    assert!(error.to_string().contains("4 problems"), "{error}");
}

#[test]
fn the_error_renders_with_miette() {
    let error = parse_err("limits:\n  schedule:\n    max_duraton_days: 10\n");
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(80);
    let mut out = String::new();
    handler.render_report(&mut out, &error).expect("renders");
    assert!(out.contains("[.promolint.yaml:3:5]"), "{out}");
    assert!(out.contains("max_duraton_days"), "{out}");
    assert!(out.contains("did you mean `max_duration_days`?"), "{out}");
}

#[test]
fn rules_and_overrides_resolve_in_order_with_globs() {
    let text = "\
rules:
  missing-owner: warning
  schedule-expired: error
overrides:
  - files: [\"campaigns/legacy/**\"]
    rules: { missing-owner: off, rate-ceiling: warning }
  - files: [\"campaigns/legacy/keep/*.yaml\", \"other/**\"]
    rules: { missing-owner: error }
";
    let policy = Policy::parse("p.yaml", text).expect("valid");
    let compiled = policy.compile().expect("globs compile");
    let level = |rule: &str, path: &str| compiled.level(rule, Path::new(path));

    // The rule's own default, then `rules:`.
    assert_eq!(level("rate-ceiling", "campaigns/a.yaml"), RuleLevel::Error);
    assert_eq!(
        level("schedule-expired", "campaigns/a.yaml"),
        RuleLevel::Error
    );
    assert_eq!(
        level("ambiguous-scalar", "campaigns/a.yaml"),
        RuleLevel::Warning
    );
    assert_eq!(
        level("missing-owner", "campaigns/a.yaml"),
        RuleLevel::Warning
    );
    // Overrides whose globs match, in order: the later wins.
    assert_eq!(
        level("missing-owner", "campaigns/legacy/x.yaml"),
        RuleLevel::Off
    );
    assert_eq!(
        level("rate-ceiling", "campaigns/legacy/x.yaml"),
        RuleLevel::Warning
    );
    assert_eq!(
        level("missing-owner", "campaigns/legacy/keep/y.yaml"),
        RuleLevel::Error
    );
    assert_eq!(
        level("rate-ceiling", "campaigns/legacy/keep/y.yaml"),
        RuleLevel::Warning
    );
    // `*` does not cross a directory.
    assert_eq!(
        level("missing-owner", "campaigns/legacy/keep/deep/z.yaml"),
        RuleLevel::Off
    );
    // A leading `./` is ignored.
    assert_eq!(
        level("missing-owner", "./campaigns/legacy/x.yaml"),
        RuleLevel::Off
    );
    assert_eq!(level("missing-owner", "other/x.yaml"), RuleLevel::Error);

    // Many rules of one file share one glob match.
    let file = compiled
        .severities
        .for_path(Path::new("campaigns/legacy/x.yaml"));
    assert_eq!(file.level("missing-owner"), RuleLevel::Off);
    assert_eq!(file.level("schedule-expired"), RuleLevel::Error);
    assert_eq!(
        compiled.severities.base_level("missing-owner"),
        RuleLevel::Warning
    );
}

#[test]
fn files_include_and_exclude_select_files() {
    let text =
        "files:\n  include: [\"campaigns/**/*.yaml\"]\n  exclude: [\"campaigns/drafts/**\"]\n";
    let compiled = Policy::parse("p.yaml", text)
        .expect("valid")
        .compile()
        .expect("globs compile");
    assert!(compiled.is_selected(Path::new("campaigns/a.yaml")));
    assert!(compiled.is_selected(Path::new("./campaigns/x/b.yaml")));
    assert!(!compiled.is_selected(Path::new("campaigns/a.yml")));
    assert!(!compiled.is_selected(Path::new("other/a.yaml")));
    assert!(!compiled.is_selected(Path::new("campaigns/drafts/c.yaml")));
    assert!(
        compiled
            .files
            .is_excluded(Path::new("campaigns/drafts/sub"))
    );

    let default = Policy::builtin().compile().expect("globs compile");
    assert!(default.is_selected(Path::new("top.yaml")));
    assert!(default.is_selected(Path::new("a/b/c.yml")));
    assert!(!default.is_selected(Path::new("a/b/c.json")));
}

#[test]
fn discovery_walks_up_and_stops_at_the_git_root() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let outside = tmp.path();
    let repo = outside.join("repo");
    let nested = repo.join("campaigns/spring");
    fs::create_dir_all(&nested).expect("mkdir");
    fs::create_dir(repo.join(".git")).expect("mkdir .git");

    // A policy above the repository is not the repository's.
    fs::write(outside.join(POLICY_FILE_NAME), "rules: {}\n").expect("write");
    assert_eq!(discover(&nested), None);

    // The repository root's own policy counts.
    fs::write(repo.join(POLICY_FILE_NAME), "rules: {}\n").expect("write");
    assert_eq!(discover(&nested), Some(repo.join(POLICY_FILE_NAME)));

    // The nearest one wins.
    let campaigns = repo.join("campaigns");
    fs::write(campaigns.join(POLICY_FILE_NAME), "rules: {}\n").expect("write");
    assert_eq!(discover(&nested), Some(campaigns.join(POLICY_FILE_NAME)));
    assert_eq!(discover(&campaigns), Some(campaigns.join(POLICY_FILE_NAME)));
}

#[test]
fn effective_policy_from_the_command_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("proj");
    fs::create_dir_all(root.join(".git")).expect("mkdir");
    fs::create_dir_all(root.join("campaigns")).expect("mkdir");
    fs::write(
        root.join(POLICY_FILE_NAME),
        "limits:\n  schedule:\n    max_duration_days: 60\n",
    )
    .expect("write");
    fs::write(root.join("campaigns/a.yaml"), "kind: Campaign\n").expect("write");
    fs::write(tmp.path().join("other.yaml"), "currencies: [SGD]\n").expect("write");

    // Discovery from the first PATH (a file: its directory).
    let found = effective_policy(
        ConfigChoice::Discover,
        Some(Path::new("campaigns/a.yaml")),
        &root,
    )
    .expect("valid");
    assert_eq!(found.source, Some(root.join(POLICY_FILE_NAME)));
    assert_eq!(found.root, root);
    assert_eq!(found.policy.limits.schedule.max_duration_days, 60);
    assert_eq!(
        found.relative_path(Path::new("campaigns/../campaigns/a.yaml"), &root),
        Some(Path::new("campaigns/a.yaml").to_path_buf())
    );
    assert_eq!(found.relative_path(Path::new("../other.yaml"), &root), None);

    // No PATH or `-`: the current directory.
    let from_cwd =
        effective_policy(ConfigChoice::Discover, Some(Path::new("-")), &root).expect("valid");
    assert_eq!(from_cwd.source, found.source);

    // --config: that file, and its directory is the root.
    let named = effective_policy(
        ConfigChoice::File(Path::new("../../other.yaml")),
        None,
        &root.join("campaigns"),
    )
    .expect("valid");
    assert_eq!(
        named.root,
        root.parent().map(Path::to_path_buf).unwrap_or_default()
    );
    assert_eq!(named.policy.currencies, ["SGD"]);

    // --no-config: the built-in default, rooted at the current directory.
    let builtin = effective_policy(ConfigChoice::Builtin, None, &root).expect("valid");
    assert_eq!(builtin.policy, Policy::builtin());
    assert_eq!(builtin.source, None);
    assert_eq!(builtin.root, root);

    // A missing --config file is an error, never the default.
    let missing = effective_policy(ConfigChoice::File(Path::new("nope.yaml")), None, &root);
    let error = missing.expect_err("missing file");
    assert_eq!(error.name(), "nope.yaml", "shown as given");
    assert!(error.to_string().contains("cannot read"), "{error}");

    // An invalid discovered policy is an error too.
    fs::write(root.join(POLICY_FILE_NAME), "limits:\n  schedul: {}\n").expect("write");
    let invalid = effective_policy(ConfigChoice::Discover, None, &root).expect_err("invalid");
    assert_eq!(invalid.name(), POLICY_FILE_NAME);
}

#[test]
fn to_yaml_round_trips_the_default() {
    let builtin = Policy::builtin();
    let yaml = builtin.to_yaml();
    let parsed = Policy::parse("printed.yaml", &yaml).expect("the printed policy parses");
    assert_eq!(parsed, builtin);
    assert!(yaml.contains("default: \"30%\""), "{yaml}");
    assert!(
        yaml.contains("include: [\"**/*.yaml\", \"**/*.yml\"]"),
        "{yaml}"
    );
}

#[test]
fn to_yaml_round_trips_a_modified_policy() {
    let text = "\
rules:
  missing-owner: off
  yaml-syntax: warning
overrides:
  - files: [\"campaigns/legacy/**\", \"a b/*.yml\"]
    rules: { rate-ceiling: warning }
  - files: [x/**]
    rules: {}
currencies: [CNY, SGD]
channels:
  allowed: [online-checkout, \"yes\", true-pay]
  forbidden: []
limits:
  rate_ceiling:
    default: \"12.50%\"
    channels: {online-checkout: \"7.5%\"}
  budget:
    require_total: false
    max_total: {SGD: 1000, CNY: \"0.10\"}
labels:
  restricted:
    - id: state-aid
      terms: [\"say \\\"free\\\" \\\\ now\", \"政府\\u200b补贴\", \"tab\\there\", \"#hash: colon\"]
      requires: { program_id: true }
  forbidden: []
";
    let policy = Policy::parse("p.yaml", text).expect("valid");
    let yaml = policy.to_yaml();
    let parsed = Policy::parse("printed.yaml", &yaml)
        .unwrap_or_else(|e| panic!("{yaml}\n{:#?}", e.problems()));
    assert_eq!(parsed, policy, "{yaml}");
    assert!(
        yaml.contains("\\u200B"),
        "invisible characters are escaped: {yaml}"
    );
    assert!(yaml.contains("\"yes\""), "{yaml}");
}

#[test]
fn the_starter_parses_and_is_never_overwritten() {
    assert!(Policy::parse("starter.yaml", STARTER).is_ok());

    let tmp = tempfile::tempdir().expect("tempdir");
    let path = write_starter(tmp.path()).expect("written");
    assert_eq!(path, tmp.path().join(POLICY_FILE_NAME));
    assert_eq!(fs::read_to_string(&path).expect("read"), STARTER);

    fs::write(&path, "rules: {}\n").expect("write");
    match write_starter(tmp.path()) {
        Err(InitError::Exists(existing)) => assert_eq!(existing, path),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).expect("read"), "rules: {}\n");
}

#[test]
fn the_schema_describes_the_file_format() {
    let schema = policy_schema();
    assert!(jsonschema::meta::is_valid(&schema), "a valid JSON Schema");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema.get("required").is_none(), "every key is optional");
    let validator = jsonschema::validator_for(&schema).expect("compiles");

    // The whole default, as JSON, is a valid policy file; so is a subset.
    let full = serde_json::to_value(Policy::builtin()).expect("serializes");
    assert!(validator.is_valid(&full), "{full}");
    let valid = [
        serde_json::json!({}),
        serde_json::json!({ "limits": { "rate_ceiling": { "funding": { "government": "10%" } } } }),
        serde_json::json!({ "rules": { "missing-owner": "off" } }),
        serde_json::json!({ "limits": { "budget": { "max_total": { "CNY": 100 } } } }),
    ];
    for instance in valid {
        assert!(validator.is_valid(&instance), "{instance}");
    }
    let invalid = [
        serde_json::json!({ "bogus": 1 }),
        serde_json::json!({ "apiVersion": "promo/v2" }),
        serde_json::json!({ "rules": { "missing-ownr": "off" } }),
        serde_json::json!({ "rules": { "missing-owner": "warn" } }),
        serde_json::json!({ "limits": { "rate_ceiling": { "default": "0.3" } } }),
        serde_json::json!({ "limits": { "rate_ceiling": { "funding": { "charity": "1%" } } } }),
        serde_json::json!({ "limits": { "budget": { "max_total": { "CNY": "1e6" } } } }),
        serde_json::json!({ "limits": { "schedule": { "max_duration_days": 0 } } }),
        serde_json::json!({ "files": { "include": null } }),
        serde_json::json!({ "overrides": [{ "files": ["a/**"] }] }),
    ];
    for instance in invalid {
        assert!(!validator.is_valid(&instance), "{instance}");
    }
}
