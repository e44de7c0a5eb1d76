//! One small run shared by the format tests: a campaign with CJK text before
//! a flagged value, a CRLF file with two documents, a template that a label
//! points into, a tool error and some suppressed findings.

use std::path::Path;

use crate::finding::{Finding, Label, Severity};
use crate::source::{FileId, LineCol, Loc, NO_DOC, Sources};

use super::{Outcome, ToolError};

pub(crate) const SPRING: &str = "\
apiVersion: promolint/v1
kind: Campaign
id: spring-cashback-2025
display:
  label: \"新春立减 bonus\"
benefit:
  rate: \"20%\"
funding:
  source: government
";

pub(crate) const TEMPLATE: &str = "\
kind: Template
id: base
limits:
  rate_ceiling: \"15%\"
";

pub(crate) const WINTER: &str =
    "id: winter-sale\r\nbenefit:\r\n  rate: \"25%\"\r\n---\r\nid: [broken\r\n";

pub(crate) struct Fixture {
    pub sources: Sources,
    /// The file whose columns differ from its byte offsets.
    pub cjk: FileId,
    pub findings: Vec<Finding>,
    pub suppressed_by_rule: Vec<(&'static str, usize)>,
    pub tool_errors: Vec<ToolError>,
}

impl Fixture {
    pub fn new() -> Self {
        let mut sources = Sources::default();
        let spring = sources.add("campaigns/spring.yaml".into(), SPRING);
        let template = sources.add("templates/base.yaml".into(), TEMPLATE);
        let winter = sources.add("campaigns/winter.yaml".into(), WINTER);

        let ambiguous = Finding {
            rule: "ambiguous-scalar",
            severity: Severity::Warning,
            message: "`bonus` follows CJK text".into(),
            loc: find(SPRING, spring, 0, "bonus"),
            campaign: Some("spring-cashback-2025".into()),
            path: Some("/display/label".into()),
            help: None,
            labels: Vec::new(),
            fix: None,
        };
        let spring_ceiling = Finding {
            rule: "rate-ceiling",
            severity: Severity::Error,
            message: "rate 20% is above the 15% ceiling for government funding".into(),
            loc: find(SPRING, spring, 0, "\"20%\""),
            campaign: Some("spring-cashback-2025".into()),
            path: Some("/benefit/rate".into()),
            help: Some(
                "lower the rate or change the policy's limits.rate_ceiling.funding.government"
                    .into(),
            ),
            labels: vec![
                Label {
                    loc: find(SPRING, spring, 0, "government"),
                    message: "ceiling set by this funding source".into(),
                },
                Label {
                    loc: find(TEMPLATE, template, 0, "\"15%\""),
                    message: "ceiling inherited from this template".into(),
                },
            ],
            fix: None,
        };
        let winter_ceiling = Finding {
            rule: "rate-ceiling",
            severity: Severity::Error,
            message: "rate 25% is above the 15% ceiling".into(),
            loc: find(WINTER, winter, 0, "\"25%\""),
            campaign: Some("winter-sale".into()),
            path: Some("/benefit/rate".into()),
            help: Some("lower the rate".into()),
            labels: Vec::new(),
            fix: None,
        };
        let broken_at = WINTER.find("[broken").map_or(0, |i| i + "[broken".len());
        let syntax = Finding {
            rule: "yaml-syntax",
            severity: Severity::Error,
            message: "did not find expected ',' or ']': flow sequence not closed".into(),
            loc: Loc::new(winter, NO_DOC, broken_at, broken_at),
            campaign: None,
            path: None,
            help: None,
            labels: Vec::new(),
            fix: None,
        };

        Fixture {
            sources,
            cjk: spring,
            findings: vec![ambiguous, spring_ceiling, winter_ceiling, syntax],
            suppressed_by_rule: vec![("rate-ceiling", 1), ("unknown-channel", 2)],
            tool_errors: vec![ToolError {
                file: "campaigns/unreadable.yaml".into(),
                message: "permission denied (os error 13)".into(),
            }],
        }
    }

    pub fn outcome(&self) -> Outcome<'_> {
        Outcome {
            sources: &self.sources,
            findings: &self.findings,
            files_checked: 3,
            files_skipped: 0,
            checked_files: &[],
            suppressed: 3,
            suppressed_by_rule: &self.suppressed_by_rule,
            tool_errors: &self.tool_errors,
            base_dir: None,
            baselined: None,
        }
    }

    pub fn outcome_in<'a>(&'a self, base_dir: &'a Path) -> Outcome<'a> {
        Outcome {
            base_dir: Some(base_dir),
            ..self.outcome()
        }
    }

    pub fn line_col(&self, file: FileId, offset: usize) -> LineCol {
        self.sources
            .get(file)
            .map(|f| f.line_col(offset as u32))
            .unwrap_or(LineCol { line: 0, column: 0 })
    }
}

/// The location of the first occurrence of `needle` in `text`.
pub(crate) fn find(text: &str, file: FileId, doc: u32, needle: &str) -> Loc {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("fixture text has no {needle:?}"));
    Loc::new(file, doc, start, start + needle.len())
}

pub(crate) fn render(format: super::Format, outcome: &Outcome, options: &super::Options) -> String {
    let mut out = Vec::new();
    super::write(format, outcome, options, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// A JSON Schema validator for a file of `shared/` beside the project; a
/// missing file fails the test with the path that was looked for.
pub(crate) fn validator(relative: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read {} ({error}); the tests need the project's shared/ folder beside the clone",
            path.display()
        )
    });
    let schema: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
    jsonschema::validator_for(&schema)
        .unwrap_or_else(|error| panic!("{} is not a usable schema: {error}", path.display()))
}

pub(crate) fn assert_valid(validator: &jsonschema::Validator, instance: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );
}
