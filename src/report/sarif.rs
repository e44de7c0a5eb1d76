//! `sarif`: SARIF 2.1.0 for code scanning (GitHub's upload among others).
//!
//! Hand-written serde structs rather than the `serde-sarif` crate: promolint
//! writes a small, fixed subset of the format, and that crate generates its
//! types from the schema at build time (syn, prettyplease, schemafy) and
//! brings builder and enum macros on top. The tests validate the output
//! against the OASIS schema instead.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{MAIN_SEPARATOR, Path};

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::rules::{self, RuleMeta};
use crate::source::{FileId, LineCol, Loc, Sources};

use super::{Options, Outcome, Place, place};

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
    let descriptors = rule_descriptors(registry, outcome.findings);
    let rule_index: HashMap<&str, usize> = descriptors
        .iter()
        .enumerate()
        .map(|(index, descriptor)| (descriptor.id, index))
        .collect();

    let mut char_offsets = CharOffsets::new(outcome.sources);
    let mut fingerprints = Fingerprints::default();
    let results = outcome
        .findings
        .iter()
        .map(|finding| SarifResult {
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

/// The package's repository or homepage, when Cargo.toml names one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

/// Every registered rule, then (so that every result has a `ruleIndex`) a
/// bare descriptor for any rule id a finding has and the registry lacks.
fn rule_descriptors<'a>(
    registry: &[&'static RuleMeta],
    findings: &'a [Finding],
) -> Vec<ReportingDescriptor<'a>> {
    let mut descriptors: Vec<ReportingDescriptor<'a>> =
        registry.iter().map(|rule| describe(rule)).collect();
    for finding in findings {
        if !descriptors
            .iter()
            .any(|descriptor| descriptor.id == finding.rule)
        {
            descriptors.push(ReportingDescriptor {
                id: finding.rule,
                short_description: None,
                full_description: None,
                help: None,
                default_configuration: None,
            });
        }
    }
    descriptors
}

fn describe(rule: &'static RuleMeta) -> ReportingDescriptor<'static> {
    let non_empty = |text: &'static str| (!text.trim().is_empty()).then_some(text.trim());
    let mut help_text = String::new();
    let mut help_markdown = String::new();
    if let Some(why) = non_empty(rule.why) {
        help_text.push_str(why);
        help_markdown.push_str(why);
    }
    if let (Some(bad), Some(good)) = (non_empty(rule.bad), non_empty(rule.good)) {
        help_markdown.push_str(&format!(
            "\n\n## Example\n\n```yaml\n{bad}\n```\n\nUse instead:\n\n```yaml\n{good}\n```"
        ));
    }
    if let Some(config) = non_empty(rule.config) {
        help_text.push_str(&format!("\n\n{config}"));
        help_markdown.push_str(&format!("\n\n## Configuration\n\n{config}"));
    }
    ReportingDescriptor {
        id: rule.id,
        short_description: non_empty(rule.summary).map(Message::new),
        full_description: non_empty(rule.what).map(Message::new),
        help: (!help_text.is_empty()).then(|| MultiformatMessage {
            text: help_text.trim_start().to_owned(),
            markdown: help_markdown.trim_start().to_owned(),
        }),
        default_configuration: Some(Configuration {
            level: level(rule.default_severity),
        }),
    }
}

fn physical_location(char_offsets: &mut CharOffsets, loc: Loc) -> PhysicalLocation {
    let at = place(char_offsets.sources, loc);
    PhysicalLocation {
        artifact_location: artifact_location(at.path),
        region: Some(char_offsets.region(loc.file, &at)),
    }
}

/// A reported path as a URI: relative paths against `%SRCROOT%`, absolute
/// ones (named outside the project) as `file:` URIs.
fn artifact_location(path: &str) -> ArtifactLocation {
    if Path::new(path).is_absolute() {
        ArtifactLocation {
            uri: Some(file_uri(path)),
            uri_base_id: None,
            description: None,
        }
    } else {
        let relative = path.strip_prefix("./").unwrap_or(path);
        ArtifactLocation {
            uri: Some(percent_encode(&forward_slashes(relative), false)),
            uri_base_id: Some(SRCROOT),
            description: None,
        }
    }
}

fn source_root(base_dir: Option<&Path>) -> ArtifactLocation {
    let absolute = base_dir
        .filter(|dir| dir.is_absolute())
        .and_then(|dir| dir.to_str());
    match absolute {
        Some(dir) => {
            let mut uri = file_uri(dir);
            if !uri.ends_with('/') {
                uri.push('/');
            }
            ArtifactLocation {
                uri: Some(uri),
                uri_base_id: None,
                description: None,
            }
        }
        None => ArtifactLocation {
            uri: None,
            uri_base_id: None,
            description: Some(Message::new("the directory promolint was run in")),
        },
    }
}

fn file_uri(absolute: &str) -> String {
    let path = forward_slashes(absolute);
    // A Windows path (`C:/x`) needs the slash that a Unix path starts with.
    let separator = if path.starts_with('/') { "" } else { "/" };
    format!("file://{separator}{}", percent_encode(&path, true))
}

fn forward_slashes(path: &str) -> String {
    if MAIN_SEPARATOR == '/' {
        path.to_owned()
    } else {
        path.replace(MAIN_SEPARATOR, "/")
    }
}

/// Percent-encodes all but unreserved characters and `/`. A colon is kept
/// only in absolute paths (a drive letter): in a relative reference it would
/// read as a scheme.
fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(char::from(byte));
            }
            b':' if keep_colon => encoded.push(':'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// Character offsets for SARIF regions, from line/column: the number of
/// characters before each line is counted once per file, not per finding.
struct CharOffsets<'a> {
    sources: &'a Sources,
    line_starts: HashMap<FileId, Vec<usize>>,
}

impl<'a> CharOffsets<'a> {
    fn new(sources: &'a Sources) -> Self {
        CharOffsets {
            sources,
            line_starts: HashMap::new(),
        }
    }

    fn region(&mut self, file: FileId, at: &Place) -> Region {
        let char_offset = self.offset(file, at.start);
        let char_end = self.offset(file, at.end);
        Region {
            start_line: at.start.line,
            start_column: at.start.column,
            end_line: at.end.line,
            end_column: at.end.column,
            char_offset,
            char_length: char_end.saturating_sub(char_offset),
        }
    }

    fn offset(&mut self, file: FileId, at: LineCol) -> usize {
        let sources = self.sources;
        let starts = self.line_starts.entry(file).or_insert_with(|| {
            sources
                .get(file)
                .map_or_else(|| vec![0], |source| line_char_starts(&source.text))
        });
        let line_start = at
            .line
            .checked_sub(1)
            .and_then(|index| starts.get(index))
            .copied()
            .unwrap_or(0);
        line_start + at.column.saturating_sub(1)
    }
}

/// Lines end at `\n`, as in [`crate::source::SourceFile`].
fn line_char_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (index, c) in text.chars().enumerate() {
        if c == '\n' {
            starts.push(index + 1);
        }
    }
    starts
}

/// `partialFingerprints`: a hash of what identifies a finding regardless of
/// where its file's lines sit (rule, file, campaign, JSON Pointer and the
/// flagged text with its whitespace collapsed), then `:N` counting repeats
/// of the same hash in the run, as GitHub's own line hashes do.
#[derive(Default)]
struct Fingerprints {
    seen: HashMap<u64, usize>,
}

impl Fingerprints {
    fn next(&mut self, sources: &Sources, finding: &Finding) -> String {
        let at = place(sources, finding.loc);
        let flagged = sources
            .get(finding.loc.file)
            .and_then(|file| {
                file.text
                    .get(at.start_offset as usize..at.end_offset as usize)
            })
            .unwrap_or("");
        let flagged = flagged.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut hash = Fnv1a::default();
        for part in [
            finding.rule,
            at.path,
            finding.campaign.as_deref().unwrap_or(""),
            finding.path.as_deref().unwrap_or(""),
            &flagged,
        ] {
            hash.write(part.as_bytes());
            // A separator that cannot occur in the parts keeps ("ab", "c")
            // and ("a", "bc") apart.
            hash.write(&[0xFF]);
        }
        let hash = hash.finish();
        let occurrence = self.seen.entry(hash).or_insert(0);
        *occurrence += 1;
        format!("{hash:016x}:{occurrence}")
    }
}

/// 64-bit FNV-1a: fixed by its definition, unlike `std`'s `DefaultHasher`,
/// whose output may change between Rust releases and would re-open every
/// code scanning alert.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
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
    use super::{Fnv1a, log, percent_encode};
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

    #[test]
    fn uris_are_encoded() {
        assert_eq!(percent_encode("a b/新.yaml", false), "a%20b/%E6%96%B0.yaml");
        assert_eq!(percent_encode("c:x", false), "c%3Ax");
        assert_eq!(percent_encode("C:/x", true), "C:/x");
    }

    #[test]
    fn fnv1a_is_the_standard_function() {
        let mut hash = Fnv1a::default();
        hash.write(b"a");
        assert_eq!(hash.finish(), 0xaf63_dc4c_8601_ec8c);
    }
}
