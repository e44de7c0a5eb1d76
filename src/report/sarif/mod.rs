//! `sarif`: SARIF 2.1.0 for code scanning (GitHub's upload among others).
//!
//! Hand-written serde structs rather than the `serde-sarif` crate: promolint
//! writes a small, fixed subset of the format, and that crate generates its
//! types from the schema at build time (syn, prettyplease, schemafy) and
//! brings builder and enum macros on top. The tests validate the output
//! against the OASIS schema instead.

mod descriptors;
mod fingerprints;
mod fixes;
mod locations;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::rules::{self, RuleMeta};
use crate::source::Sources;

use super::{Options, Outcome};
use descriptors::{information_uri, rule_descriptors};
use fingerprints::Fingerprints;
use fixes::{Fix, Suppression, baseline_suppression, fixes};
use locations::{CharOffsets, artifact_location, physical_location, source_root};

const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SARIF_VERSION: &str = "2.1.0";
const SRCROOT: &str = "%SRCROOT%";
/// Key of promolint's own partial fingerprint; bump the version when what
/// goes into the hash changes, so that old and new alerts are not confused.
const FINGERPRINT_KEY: &str = "promolint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<MultiformatMessage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_configuration: Option<Configuration>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: impl Into<String>) -> Self {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// `new` or `unchanged`, only when the run had a baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
    properties: ResultProperties<'a>,
}

/// What JSON output carries and SARIF has no field for.
#[derive(Serialize)]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    campaign: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    char_offset: usize,
    char_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    locations: [Location; 1],
}

pub(crate) fn write(outcome: &Outcome, _options: &Options, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(outcome, &rules::all().collect::<Vec<_>>()))?;
    writeln!(out)
}

fn log<'a>(outcome: &Outcome<'a>, registry: &[&'static RuleMeta]) -> Log<'a> {
    let baselined = outcome.baselined.unwrap_or(&[]);
    let descriptors = rule_descriptors(registry, outcome.findings.iter().chain(baselined));
    let rule_index: HashMap<&str, usize> = descriptors
        .iter()
        .enumerate()
        .map(|(index, descriptor)| (descriptor.id, index))
        .collect();

    let mut char_offsets = CharOffsets::new(outcome.sources);
    let mut fingerprints = Fingerprints::default();
    // A baseline's findings are listed after the new ones, `unchanged`
    // and suppressed, so that code scanning keeps their alerts closed.
    let reported = outcome.findings.iter().map(|finding| (finding, false));
    let unchanged = baselined.iter().map(|finding| (finding, true));
    let baseline_on = outcome.baselined.is_some();
    let results = reported
        .chain(unchanged)
        .map(|(finding, is_baselined)| SarifResult {
            rule_id: finding.rule,
            rule_index: rule_index.get(finding.rule).copied(),
            level: level(finding.severity),
            message: Message::new(with_revision_labels(outcome.sources, finding)),
            locations: [Location {
                id: None,
                physical_location: physical_location(&mut char_offsets, finding.loc),
                message: None,
            }],
            // Labels in a base revision's text (`REV:path`) are no artifact
            // of the checkout: they stay in the message only.
            related_locations: finding
                .labels
                .iter()
                .filter(|label| !outcome.sources.is_revision_file(label.loc.file))
                .enumerate()
                .map(|(index, label)| Location {
                    id: Some(index),
                    physical_location: physical_location(&mut char_offsets, label.loc),
                    message: Some(Message::new(label.message.as_str())),
                })
                .collect(),
            partial_fingerprints: BTreeMap::from([(
                FINGERPRINT_KEY,
                fingerprints.next(outcome.sources, finding),
            )]),
            baseline_state: baseline_on.then_some(if is_baselined { "unchanged" } else { "new" }),
            suppressions: if is_baselined {
                vec![baseline_suppression()]
            } else {
                Vec::new()
            },
            fixes: fixes(&mut char_offsets, finding),
            properties: ResultProperties {
                document: finding.loc.document(),
                campaign: finding.campaign.as_deref(),
                path: finding.path.as_deref(),
                help: finding.help.as_deref(),
            },
        })
        .collect();

    let notifications = outcome
        .tool_errors
        .iter()
        .map(|error| Notification {
            level: "error",
            message: Message::new(error.message.as_str()),
            locations: [Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: artifact_location(&error.file),
                    region: None,
                },
                message: None,
            }],
        })
        .collect::<Vec<_>>();

    Log {
        schema: SCHEMA_URI,
        version: SARIF_VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "promolint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules: descriptors,
                },
            },
            invocations: [Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: BTreeMap::from([(SRCROOT, source_root(outcome.base_dir))]),
            results,
            column_kind: "unicodeCodePoints",
        }],
    }
}

/// The message, with each label that points into a base revision's text
/// written out (`was 2% at origin/main (origin/main:a.yaml:12)`).
fn with_revision_labels(sources: &Sources, finding: &Finding) -> String {
    let mut text = finding.message.clone();
    for label in &finding.labels {
        if sources.is_revision_file(label.loc.file) {
            let at = super::place(sources, label.loc);
            text.push_str(&format!(
                "; {} ({}:{})",
                label.message, at.path, at.start.line
            ));
        }
    }
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{Value, json};

    use crate::source::Sources;

    use super::super::test_support::{
        Fixture, SPRING, TEMPLATE, WINTER, assert_valid, render, validator,
    };
    use super::super::{Format, Options, Outcome};
    use super::log;
    use crate::finding::Severity;
    use crate::rules::RuleMeta;

    static RATE_CEILING: RuleMeta = RuleMeta {
        id: "rate-ceiling",
        default_severity: Severity::Error,
        summary: "the rate is above the lowest applicable ceiling",
        what: "Compares `benefit.rate` with every ceiling that applies.",
        why: "A rate above the ceiling breaks the funding agreement.",
        bad: "rate: \"20%\"",
        good: "rate: \"10%\"",
        config: "Set `limits.rate_ceiling` in the policy.",
        fix: None,
    };

    static UNUSED: RuleMeta = RuleMeta {
        id: "unused-suppression",
        default_severity: Severity::Warning,
        summary: "a suppression that matched no finding",
        what: "",
        why: "",
        bad: "",
        good: "",
        config: "",
        fix: None,
    };

    const SARIF_SCHEMA: &str = "../shared/testdata/sarif-schema-2.1.0.json";

    fn sarif(outcome: &Outcome) -> Value {
        let text = render(Format::Sarif, outcome, &Options::default());
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON ({error}):\n{text}"))
    }

    #[test]
    fn validates_against_the_oasis_schema() {
        let fixture = Fixture::new();
        let schema = validator(SARIF_SCHEMA);
        assert_valid(&schema, &sarif(&fixture.outcome()));
        assert_valid(
            &schema,
            &sarif(&fixture.outcome_in(Path::new("/work/project dir"))),
        );
    }

    #[test]
    fn the_schema_is_enforced() {
        let schema = validator(SARIF_SCHEMA);
        let mut broken = sarif(&Fixture::new().outcome());
        broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            json!(0);
        assert!(!schema.is_valid(&broken));
    }

    #[test]
    fn run_shape() {
        let fixture = Fixture::new();
        let log = sarif(&fixture.outcome_in(Path::new("/work/project dir")));
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["tool"]["driver"]["name"], "promolint");
        assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///work/project%20dir/"
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
        assert_eq!(
            run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
            "permission denied (os error 13)"
        );
        assert_eq!(
            run["results"].as_array().map(Vec::len),
            Some(fixture.findings.len())
        );

        let rules = run["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for result in run["results"].as_array().into_iter().flatten() {
            let index = result["ruleIndex"]
                .as_u64()
                .expect("every result has a ruleIndex") as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
    }

    #[test]
    fn registered_rules_are_described_and_indexed() {
        let fixture = Fixture::new();
        let log = serde_json::to_value(log(&fixture.outcome(), &[&UNUSED, &RATE_CEILING]))
            .expect("serializable");
        assert_valid(&validator(SARIF_SCHEMA), &log);
        let rules = &log["runs"][0]["tool"]["driver"]["rules"];
        assert_eq!(
            rules[0],
            json!({
                "id": "unused-suppression",
                "shortDescription": {"text": "a suppression that matched no finding"},
                "defaultConfiguration": {"level": "warning"}
            })
        );
        assert_eq!(rules[1]["id"], "rate-ceiling");
        assert_eq!(
            rules[1]["fullDescription"]["text"],
            "Compares `benefit.rate` with every ceiling that applies."
        );
        assert_eq!(
            rules[1]["help"]["text"],
            "A rate above the ceiling breaks the funding agreement.\n\nSet `limits.rate_ceiling` in the policy."
        );
        assert!(
            rules[1]["help"]["markdown"]
                .as_str()
                .is_some_and(|markdown| markdown.contains("```yaml\nrate: \"10%\"\n```"))
        );
        assert_eq!(rules[1]["defaultConfiguration"]["level"], "error");
        // The fixture's other rules are not registered: bare descriptors follow.
        assert_eq!(rules[2], json!({"id": "ambiguous-scalar"}));
        assert_eq!(rules[3], json!({"id": "yaml-syntax"}));
        assert_eq!(rules.as_array().map(Vec::len), Some(4));

        let results = &log["runs"][0]["results"];
        assert_eq!(results[1]["ruleId"], "rate-ceiling");
        assert_eq!(results[1]["ruleIndex"], 1);
        assert_eq!(results[3]["ruleIndex"], 3);
    }

    #[test]
    fn regions_count_characters() {
        let fixture = Fixture::new();
        let log = sarif(&fixture.outcome());
        let results = &log["runs"][0]["results"];

        let cjk = &results[0]["locations"][0]["physicalLocation"];
        assert_eq!(
            cjk["artifactLocation"],
            json!({"uri": "campaigns/spring.yaml", "uriBaseId": "%SRCROOT%"})
        );
        let chars_before = SPRING[..SPRING.find("bonus").unwrap_or(0)].chars().count();
        assert!(
            chars_before < SPRING.find("bonus").unwrap_or(0),
            "the fixture has multi-byte text first"
        );
        assert_eq!(
            cjk["region"],
            json!({"startLine": 5, "startColumn": 16, "endLine": 5, "endColumn": 21,
                   "charOffset": chars_before, "charLength": 5})
        );
        assert_eq!(results[0]["level"], "warning");

        let crlf = &results[2]["locations"][0]["physicalLocation"]["region"];
        let offset = WINTER.find("\"25%\"").unwrap_or(0);
        assert_eq!(
            crlf,
            &json!({"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 14,
                    "charOffset": offset, "charLength": 5})
        );
    }

    #[test]
    fn labels_become_related_locations() {
        let log = sarif(&Fixture::new().outcome());
        let related = &log["runs"][0]["results"][1]["relatedLocations"];
        assert_eq!(related[0]["id"], 0);
        assert_eq!(
            related[0]["message"]["text"],
            "ceiling set by this funding source"
        );
        assert_eq!(
            related[1]["message"]["text"],
            "ceiling inherited from this template"
        );
        assert_eq!(
            related[1]["physicalLocation"]["artifactLocation"]["uri"],
            "templates/base.yaml"
        );
        assert_eq!(related[1]["physicalLocation"]["region"]["startLine"], 4);
        assert_eq!(
            related[1]["physicalLocation"]["region"]["charOffset"],
            TEMPLATE.find("\"15%\"").unwrap_or(0)
        );
        assert!(
            log["runs"][0]["results"][0]
                .get("relatedLocations")
                .is_none()
        );
    }

    fn fingerprints(log: &Value) -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|result| {
                result["partialFingerprints"]["promolint/v1"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn fingerprints_survive_moved_lines_and_tell_findings_apart() {
        let fixture = Fixture::new();
        let before = fingerprints(&sarif(&fixture.outcome()));
        assert!(
            before.iter().all(|f| f.len() == 18 && f.ends_with(":1")),
            "{before:?}"
        );
        let mut unique = before.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), before.len());

        let mut moved = Fixture::new();
        let shift = "# a comment added above\n\n";
        let mut sources = Sources::default();
        for file in fixture.sources.iter() {
            sources.add(file.path.clone(), format!("{shift}{}", file.text));
        }
        moved.sources = sources;
        for finding in &mut moved.findings {
            finding.loc.start += shift.len() as u32;
            finding.loc.end += shift.len() as u32;
        }
        let after = fingerprints(&sarif(&moved.outcome()));
        assert_eq!(before, after);
    }

    #[test]
    fn repeated_findings_are_numbered() {
        let mut fixture = Fixture::new();
        let copy = fixture.findings[1].clone();
        fixture.findings.insert(2, copy);
        let prints = fingerprints(&sarif(&fixture.outcome()));
        assert_eq!(prints[1].replace(":1", ":2"), prints[2]);
    }
}
