//! The JSON Schemas of the file formats.
//!
//! `schemas/*.schema.json` are the checked-in output of `promolint schema`
//! (CLI.md, "Integration"): editors validate and complete campaign files
//! with them, so they must not fall behind the code. Regenerate them with
//!
//! ```text
//! UPDATE_SCHEMAS=1 cargo test --test schemas
//! ```
//!
//! The schemas are also run through an independent validator (the
//! `jsonschema` crate) on small campaigns and templates, valid and not.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const REGENERATE: &str = "UPDATE_SCHEMAS=1 cargo test --test schemas";

fn schema_path(which: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{which}.schema.json"))
}

/// The standard output of `promolint schema WHICH`, or why it failed.
fn promolint_schema(which: &str) -> Result<String, String> {
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["schema", which])
        .output()
        .map_err(|e| format!("cannot run promolint: {e}"))?;
    if output.status.success() {
        String::from_utf8(output.stdout).map_err(|e| format!("output is not UTF-8: {e}"))
    } else {
        Err(format!(
            "`promolint schema {which}` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// Compares `schemas/WHICH.schema.json` with the output of `promolint schema
/// WHICH`; rewrites it when `UPDATE_SCHEMAS=1`. A problem is returned as a
/// message. `optional`: a missing file is no problem (the policy schema is
/// checked once it is checked in).
fn check_schema_file(which: &str, optional: bool) -> Option<String> {
    let path = schema_path(which);
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1");
    let checked_in = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text.replace("\r\n", "\n")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Some(format!("cannot read {}: {e}", path.display())),
    };
    if checked_in.is_none() && optional && !update {
        eprintln!("note: {} is not checked in; not compared", path.display());
        return None;
    }
    let current = match promolint_schema(which) {
        Ok(text) => text,
        // Without the file and without the command there is nothing to
        // compare (the optional policy schema before it is implemented).
        Err(_) if checked_in.is_none() && optional => return None,
        Err(message) => return Some(message),
    };
    if checked_in.as_deref() == Some(current.as_str()) {
        return None;
    }
    if update {
        if let Some(dir) = path.parent()
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            return Some(format!("cannot create {}: {e}", dir.display()));
        }
        return match std::fs::write(&path, &current) {
            Ok(()) => {
                eprintln!("updated {}", path.display());
                None
            }
            Err(e) => Some(format!("cannot write {}: {e}", path.display())),
        };
    }
    let state = if checked_in.is_some() {
        "is out of date"
    } else {
        "is missing"
    };
    Some(format!(
        "schemas/{which}.schema.json {state}: it must equal the output of `promolint schema {which}`; regenerate with `{REGENERATE}`"
    ))
}

#[test]
fn checked_in_schemas_match_promolint_schema() {
    let problems: Vec<String> = [("campaign", false), ("template", false), ("policy", true)]
        .into_iter()
        .filter_map(|(which, optional)| check_schema_file(which, optional))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn schema_output_is_pretty_json_with_a_trailing_newline() {
    for which in ["campaign", "template"] {
        let text = promolint_schema(which).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            text,
            format!("{}\n", serde_json::to_string_pretty(&value).unwrap())
        );
    }
}

// ---------------------------------------------------------------------------
// Validation by an independent implementation.

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

fn campaign_validator() -> jsonschema::Validator {
    validator(&promolint::model::schema::campaign())
}

fn template_validator() -> jsonschema::Validator {
    validator(&promolint::model::schema::template())
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap()
}

/// The errors of `instance`, one line each: `instance path: message`.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, text: &str) {
    let instance = yaml(text);
    let errors = errors(validator, &instance);
    assert!(
        errors.is_empty(),
        "expected valid, got:\n{}\n--- document:\n{text}",
        errors.join("\n")
    );
}

/// Asserts that the document is rejected, with an error mentioning `about`.
#[track_caller]
fn assert_invalid(validator: &jsonschema::Validator, text: &str, about: &str) {
    let instance = yaml(text);
    let errors = errors(validator, &instance);
    assert!(
        !errors.is_empty(),
        "expected invalid ({about}), but it validates:\n{text}"
    );
    assert!(
        errors.iter().any(|e| e.contains(about)),
        "expected an error about {about:?}, got:\n{}\n--- document:\n{text}",
        errors.join("\n")
    );
}

/// `base` with `from` replaced by `to` (which must be there).
#[track_caller]
fn edit(base: &str, from: &str, to: &str) -> String {
    assert!(base.contains(from), "{from:?} is not in the document");
    base.replacen(from, to, 1)
}

/// FORMAT.md's example campaign, with a benefit that is consistent.
const FULL: &str = r#"# yaml-language-server: $schema=../schemas/campaign.schema.json
apiVersion: promo/v1
kind: Campaign
id: spring-cashback-2025
name: Spring festival cashback
environment: production
owner: growth-payments@example.com
approval: MKT-2025-0113
currency: CNY
schedule:
  start: 2025-01-20T00:00:00+08:00
  end: "2025-02-05T23:59:59Z"
audience:
  segments: [new-users, dormant-90d]
  regions: [CN-31, CN-44]
channels: [online-checkout, merchant-qr]
benefit:
  type: percent_off
  rate: "10%"
  max_discount: "20.00"
  min_spend: 50.00
funding:
  source: merchant
budget:
  total: "1000000.00"
  per_user: "100.00"
  expected_redemptions: 50000
display:
  label: "新春立减 最高20元"
  description: "..."
stacking:
  combinable: false
controls:
  kill_switch: true
  rollout_percent: 5
"#;

/// A campaign that takes everything a template can supply from one.
const FROM_TEMPLATE: &str = r#"
apiVersion: promo/v1
kind: Campaign
id: spring-cashback-sh
name: Spring cashback, Shanghai
template: tmpl-merchant-cashback
environment: staging
schedule:
  start: "2025-01-20T00:00:00+08:00"
  end: "2025-02-05T23:59:59+08:00"
"#;

const TEMPLATE: &str = r#"
apiVersion: promo/v1
kind: Template
id: tmpl-merchant-cashback
description: Merchant-funded cashback, 10% up to 20 yuan
currency: CNY
benefit:
  rate: "10%"
  max_discount: "20.00"
funding:
  source: government
channels: [online-checkout]
controls:
  kill_switch: true
"#;

#[test]
fn timestamps_stay_strings_when_yaml_becomes_json() {
    // The validation below relies on this: YAML 1.2 has no timestamp type.
    let value = yaml(FULL);
    assert_eq!(
        value["schedule"]["start"],
        Value::from("2025-01-20T00:00:00+08:00")
    );
}

#[test]
fn the_schemas_are_valid_draft_2020_12() {
    for schema in [
        promolint::model::schema::campaign(),
        promolint::model::schema::template(),
    ] {
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("not a valid schema: {e}");
        }
    }
}

#[test]
fn valid_campaigns_and_templates_are_accepted() {
    let campaign = campaign_validator();
    assert_valid(&campaign, FULL);
    assert_valid(&campaign, FROM_TEMPLATE);
    // Production through a template: owner and approval are the campaign's.
    let production = edit(
        FROM_TEMPLATE,
        "environment: staging",
        "environment: production\nowner: growth@example.com\napproval: MKT-2025-0113",
    );
    assert_valid(&campaign, &production);
    // Parts of sections over a template: the rest is inherited.
    assert_valid(
        &campaign,
        &format!(
            "{FROM_TEMPLATE}benefit:\n  rate: \"15%\"\nfunding:\n  program_id: GOV-TRADEIN-2025-SH\n"
        ),
    );
    let amount_off = edit(
        FULL,
        "  type: percent_off\n  rate: \"10%\"\n",
        "  type: amount_off\n  amount: 5\n",
    );
    assert_valid(&campaign, &amount_off);
    let everyone = edit(FULL, "[new-users, dormant-90d]", "all");
    assert_valid(&campaign, &everyone);
    let government = edit(
        FULL,
        "source: merchant",
        "source: government\n  program_id: GOV-TRADEIN-2025-SH",
    );
    assert_valid(&campaign, &government);
    let staging_minimal = r#"
apiVersion: promo/v1
kind: Campaign
id: minimal-001
name: Minimal
environment: test
currency: JPY
schedule: {start: 2025-01-20T00:00:00Z, end: 2025-01-21T00:00:00.5-05:00}
audience: {segments: all}
channels: [app]
benefit: {type: amount_off, amount: "100"}
funding: {source: platform}
display: {label: 100円引き}
"#;
    assert_valid(&campaign, staging_minimal);

    let template = template_validator();
    assert_valid(&template, TEMPLATE);
    assert_valid(
        &template,
        "apiVersion: promo/v1\nkind: Template\nid: tmpl-empty\n",
    );
}

#[test]
fn malformed_campaigns_are_rejected() {
    let campaign = campaign_validator();
    assert_invalid(
        &campaign,
        &edit(FULL, "max_discount:", "max_discout:"),
        "max_discout",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "rate: \"10%\"", "rate: 0.2"),
        "/benefit/rate",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "rate: \"10%\"", "rate: \"10\""),
        "/benefit/rate",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "environment: production", "environment: prod"),
        "/environment",
    );
    let no_schedule = edit(
        FULL,
        "schedule:\n  start: 2025-01-20T00:00:00+08:00\n  end: \"2025-02-05T23:59:59Z\"\n",
        "",
    );
    assert_invalid(
        &campaign,
        &no_schedule,
        "\"schedule\" is a required property",
    );
    let no_schedule = edit(
        FROM_TEMPLATE,
        "schedule:\n  start: \"2025-01-20T00:00:00+08:00\"\n  end: \"2025-02-05T23:59:59+08:00\"\n",
        "",
    );
    assert_invalid(
        &campaign,
        &no_schedule,
        "\"schedule\" is a required property",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "  rate: \"10%\"\n", ""),
        "\"rate\" is a required property",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "id: spring-cashback-2025", "id: Spring_Cashback"),
        "/id",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "id: spring-cashback-2025", "id: ab"),
        "/id",
    );
}

#[test]
fn conditional_requirements_are_enforced() {
    let campaign = campaign_validator();
    // percent_off forbids amount, amount_off forbids rate, even over a template.
    assert_invalid(
        &campaign,
        &edit(
            FULL,
            "  rate: \"10%\"\n",
            "  rate: \"10%\"\n  amount: \"5.00\"\n",
        ),
        "/benefit/amount",
    );
    assert_invalid(
        &campaign,
        &format!("{FROM_TEMPLATE}benefit:\n  type: amount_off\n  rate: \"15%\"\n"),
        "/benefit/rate",
    );
    assert_invalid(
        &campaign,
        &edit(
            FULL,
            "  type: percent_off\n  rate: \"10%\"\n",
            "  type: amount_off\n",
        ),
        "\"amount\" is a required property",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "source: merchant", "source: government"),
        "\"program_id\" is a required property",
    );
    // Production: owner, approval and the kill switch.
    assert_invalid(
        &campaign,
        &edit(FULL, "approval: MKT-2025-0113\n", ""),
        "\"approval\" is a required property",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "owner: growth-payments@example.com\n", ""),
        "\"owner\" is a required property",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "approval: MKT-2025-0113", "approval: mkt-2025"),
        "/approval",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "kill_switch: true", "kill_switch: false"),
        "/controls/kill_switch",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "  kill_switch: true\n", ""),
        "\"kill_switch\" is a required property",
    );
    assert_valid(
        &campaign,
        &edit(
            &edit(FULL, "environment: production", "environment: staging"),
            "  kill_switch: true\n",
            "",
        ),
    );
    // Without a template, the fields a template could supply are required.
    assert_invalid(
        &campaign,
        &edit(FULL, "currency: CNY\n", ""),
        "\"currency\" is a required property",
    );
    assert_invalid(
        &campaign,
        &edit(FULL, "  segments: [new-users, dormant-90d]\n", ""),
        "\"segments\" is a required property",
    );
}

#[test]
fn malformed_values_are_rejected() {
    let campaign = campaign_validator();
    let cases = [
        (
            "start: 2025-01-20T00:00:00+08:00",
            "start: 2025-01-20T00:00:00",
            "/schedule/start",
        ),
        (
            "start: 2025-01-20T00:00:00+08:00",
            "start: 2025-01-20",
            "/schedule/start",
        ),
        (
            "start: 2025-01-20T00:00:00+08:00",
            "start: 2025-13-20T00:00:00+08:00",
            "/schedule/start",
        ),
        ("currency: CNY", "currency: yuan", "/currency"),
        ("[CN-31, CN-44]", "[Shanghai]", "/audience/regions/0"),
        (
            "regions: [CN-31, CN-44]",
            "regions: []",
            "/audience/regions",
        ),
        ("[new-users, dormant-90d]", "[]", "/audience/segments"),
        ("[new-users, dormant-90d]", "everyone", "/audience/segments"),
        ("[online-checkout, merchant-qr]", "[]", "/channels"),
        ("[online-checkout, merchant-qr]", "all", "/channels"),
        (
            "[online-checkout, merchant-qr]",
            "[Online_Checkout]",
            "/channels/0",
        ),
        (
            "max_discount: \"20.00\"",
            "max_discount: \"-20.00\"",
            "/benefit/max_discount",
        ),
        (
            "max_discount: \"20.00\"",
            "max_discount: -20",
            "/benefit/max_discount",
        ),
        (
            "max_discount: \"20.00\"",
            "max_discount: \"1e3\"",
            "/benefit/max_discount",
        ),
        ("type: percent_off", "type: percent", "/benefit/type"),
        ("source: merchant", "source: brand", "/funding/source"),
        (
            "expected_redemptions: 50000",
            "expected_redemptions: 0",
            "/budget/expected_redemptions",
        ),
        (
            "expected_redemptions: 50000",
            "expected_redemptions: 2.5",
            "/budget/expected_redemptions",
        ),
        (
            "rollout_percent: 5",
            "rollout_percent: 0",
            "/controls/rollout_percent",
        ),
        (
            "rollout_percent: 5",
            "rollout_percent: 101",
            "/controls/rollout_percent",
        ),
        (
            "combinable: false",
            "combinable: \"no\"",
            "/stacking/combinable",
        ),
        (
            "label: \"新春立减 最高20元\"",
            "label: \"  \"",
            "/display/label",
        ),
        ("name: Spring festival cashback", "name: \"\"", "/name"),
        (
            "apiVersion: promo/v1",
            "apiVersion: promo/v2",
            "/apiVersion",
        ),
        ("kind: Campaign", "kind: Template", "/kind"),
        ("benefit:\n", "benefit:\n  cashback: true\n", "cashback"),
        (
            "stacking:\n  combinable: false\n",
            "stacking:\n",
            "/stacking",
        ),
    ];
    for (from, to, about) in cases {
        assert_invalid(&campaign, &edit(FULL, from, to), about);
    }
}

#[test]
fn malformed_templates_are_rejected() {
    let template = template_validator();
    assert_invalid(
        &template,
        &edit(TEMPLATE, "kind: Template", "kind: Campaign"),
        "/kind",
    );
    assert_invalid(
        &template,
        &edit(TEMPLATE, "max_discount:", "max_discout:"),
        "max_discout",
    );
    // Campaign-only fields have no place in a template.
    assert_invalid(
        &template,
        &format!("{TEMPLATE}environment: production\n"),
        "environment",
    );
    assert_invalid(
        &template,
        &format!("{TEMPLATE}template: other-tmpl\n"),
        "template",
    );
    assert_invalid(
        &template,
        &edit(
            TEMPLATE,
            "  rate: \"10%\"\n",
            "  type: amount_off\n  rate: \"10%\"\n",
        ),
        "/benefit/rate",
    );
    assert_invalid(
        &template,
        &edit(TEMPLATE, "id: tmpl-merchant-cashback\n", ""),
        "\"id\" is a required property",
    );
}
