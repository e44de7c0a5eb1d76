//! The 16 January 2025 incident, reconstructed in `fixtures/examples`: a
//! routine campaign switched to a "government subsidy" template. Every rule
//! it must trip is asserted, at the place RULES.md says.

use std::path::Path;
use std::process::Command;

#[test]
fn the_incident_trips_every_rule_that_would_have_stopped_it() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples");
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(&examples)
        .args([
            "check",
            "--no-config",
            "--now",
            "2026-11-24T00:00:00Z",
            "--format",
            "json",
        ])
        .arg("campaigns/incident-2025-01-16.yaml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, String, u64)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["campaign"], "routine-merchant-promo-0116");
            (
                d["rule"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let template = "templates/tmpl-gov-subsidy.yaml";
    let campaign = "campaigns/incident-2025-01-16.yaml";
    let expected = [
        ("schedule-expired", campaign, 21),
        ("broad-audience", campaign, 23),
        ("forbidden-channel", campaign, 28),
        ("forbidden-channel", campaign, 29),
        ("uncapped-percent", template, 9),
        ("rate-ceiling", template, 11),
        ("funding-program", template, 13),
        ("restricted-label", template, 15),
    ];
    let expected: Vec<(String, String, u64)> = expected
        .iter()
        .map(|(r, f, l)| (r.to_string(), f.to_string(), *l))
        .collect();
    assert_eq!(found, expected);
    // Inherited values carry a second label on the campaign's `template:`.
    for d in value["diagnostics"].as_array().unwrap() {
        if d["file"] == template {
            assert!(
                d["labels"].as_array().unwrap().iter().any(
                    |l| l["file"] == campaign && l["message"] == "inherited from this template"
                ),
                "{d}"
            );
        }
    }
}
