//! `json`: the object CLI.md fixes, validated in tests against
//! `shared/spec/output.schema.json`.

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Finding, FixApplicability, Label, Severity};
use crate::source::{LineCol, Loc, Sources};

use super::{Counts, Options, Outcome, RuleCount, place, rule_counts};

const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    /// `check --base`: the revision as written and its merge base; null without.
    base: Option<BaseJson<'a>>,
    files_checked: usize,
    files_skipped: usize,
    summary: Summary,
    errors: Vec<ToolErrorJson<'a>>,
    diagnostics: Vec<Diagnostic<'a>>,
    /// Present only with `--statistics`.
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Vec<RuleCountJson>>,
}

#[derive(Serialize)]
struct BaseJson<'a> {
    rev: &'a str,
    commit: &'a str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    suppressed: usize,
    /// Findings a `--baseline` file covered (0 without one).
    baselined: usize,
}

#[derive(Serialize)]
struct ToolErrorJson<'a> {
    file: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    document: Option<u32>,
    campaign: Option<&'a str>,
    path: Option<&'a str>,
    span: Span,
    start: Position,
    end: Position,
    help: Option<&'a str>,
    labels: Vec<LabelJson<'a>>,
    /// The finding's fix, null without one.
    fix: Option<FixJson<'a>>,
}

#[derive(Serialize)]
struct FixJson<'a> {
    applicability: FixApplicability,
    message: &'a str,
}

#[derive(Serialize)]
struct LabelJson<'a> {
    file: &'a str,
    message: &'a str,
    span: Span,
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Span {
    offset: u32,
    length: u32,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

impl From<LineCol> for Position {
    fn from(at: LineCol) -> Self {
        Position {
            line: at.line,
            column: at.column,
        }
    }
}

#[derive(Serialize)]
struct RuleCountJson {
    rule: &'static str,
    count: usize,
    suppressed: usize,
}

impl From<RuleCount> for RuleCountJson {
    fn from(row: RuleCount) -> Self {
        RuleCountJson {
            rule: row.rule,
            count: row.count,
            suppressed: row.suppressed,
        }
    }
}

/// The position keys shared by a diagnostic and its labels.
struct Located<'a> {
    file: &'a str,
    span: Span,
    start: Position,
    end: Position,
}

fn locate(sources: &Sources, loc: Loc) -> Located<'_> {
    let at = place(sources, loc);
    Located {
        file: at.path,
        span: Span {
            offset: at.start_offset,
            length: at.length(),
        },
        start: at.start.into(),
        end: at.end.into(),
    }
}

fn diagnostic<'a>(sources: &'a Sources, finding: &'a Finding) -> Diagnostic<'a> {
    let Located {
        file,
        span,
        start,
        end,
    } = locate(sources, finding.loc);
    Diagnostic {
        rule: finding.rule,
        severity: finding.severity,
        message: &finding.message,
        file,
        document: finding.loc.document(),
        campaign: finding.campaign.as_deref(),
        path: finding.path.as_deref(),
        span,
        start,
        end,
        help: finding.help.as_deref(),
        labels: finding
            .labels
            .iter()
            .map(|label| label_json(sources, label))
            .collect(),
        fix: finding.fix.as_ref().map(|fix| FixJson {
            applicability: fix.applicability,
            message: &fix.message,
        }),
    }
}

fn label_json<'a>(sources: &'a Sources, label: &'a Label) -> LabelJson<'a> {
    let Located {
        file,
        span,
        start,
        end,
    } = locate(sources, label.loc);
    LabelJson {
        file,
        message: &label.message,
        span,
        start,
        end,
    }
}

pub(crate) fn write(outcome: &Outcome, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let counts = Counts::of(outcome.findings);
    let report = Report {
        version: FORMAT_VERSION,
        base: outcome.sources.revision().map(|r| BaseJson {
            rev: &r.rev,
            commit: &r.commit,
        }),
        files_checked: outcome.files_checked,
        files_skipped: outcome.files_skipped,
        summary: Summary {
            errors: counts.errors,
            warnings: counts.warnings,
            suppressed: outcome.suppressed,
            baselined: outcome.baselined.map_or(0, <[_]>::len),
        },
        errors: outcome
            .tool_errors
            .iter()
            .map(|error| ToolErrorJson {
                file: &error.file,
                message: &error.message,
            })
            .collect(),
        diagnostics: outcome
            .findings
            .iter()
            .map(|finding| diagnostic(outcome.sources, finding))
            .collect(),
        statistics: options.statistics.then(|| {
            rule_counts(outcome)
                .into_iter()
                .map(RuleCountJson::from)
                .collect()
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::test_support::{Fixture, SPRING, TEMPLATE, assert_valid, render, validator};
    use super::super::{Format, Options};

    const OUTPUT_SCHEMA: &str = "../shared/spec/output.schema.json";

    fn report(fixture: &Fixture, options: &Options) -> Value {
        let text = render(Format::Json, &fixture.outcome(), options);
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON ({error}):\n{text}"))
    }

    #[test]
    fn validates_against_the_output_schema() {
        let fixture = Fixture::new();
        let schema = validator(OUTPUT_SCHEMA);
        assert_valid(&schema, &report(&fixture, &Options::default()));
        let with_statistics = Options {
            statistics: true,
            ..Options::default()
        };
        assert_valid(&schema, &report(&fixture, &with_statistics));
    }

    #[test]
    fn the_schema_rejects_a_broken_report() {
        let schema = validator(OUTPUT_SCHEMA);
        let mut broken = report(&Fixture::new(), &Options::default());
        if let Some(first) = broken.pointer_mut("/diagnostics/0") {
            first["start"]["line"] = json!(0);
        }
        assert!(!schema.is_valid(&broken));
    }

    #[test]
    fn a_fix_is_its_applicability_and_message() {
        let mut fixture = Fixture::new();
        let loc = fixture.findings[0].loc;
        fixture.findings[0].fix = Some(crate::finding::Fix {
            applicability: crate::finding::FixApplicability::Safe,
            message: "quote `bonus`".into(),
            edits: vec![crate::finding::Edit::insert(loc, loc.start, "\"")],
        });
        let value = report(&fixture, &Options::default());
        assert_eq!(
            value["diagnostics"][0]["fix"],
            json!({"applicability": "safe", "message": "quote `bonus`"})
        );
        assert_eq!(value["diagnostics"][1]["fix"], json!(null));
    }

    #[test]
    fn header_and_totals() {
        let value = report(&Fixture::new(), &Options::default());
        assert_eq!(value["version"], 1);
        assert_eq!(value["files_checked"], 3);
        assert_eq!(
            value["summary"],
            json!({"errors": 3, "warnings": 1, "suppressed": 3, "baselined": 0})
        );
        assert_eq!(
            value["errors"],
            json!([{"file": "campaigns/unreadable.yaml", "message": "permission denied (os error 13)"}])
        );
        assert!(value.get("statistics").is_none());
    }

    #[test]
    fn a_diagnostic_with_labels_in_two_files() {
        let fixture = Fixture::new();
        let value = report(&fixture, &Options::default());
        let rate = fixture.findings[1].loc;
        assert_eq!(
            value["diagnostics"][1],
            json!({
                "rule": "rate-ceiling",
                "severity": "error",
                "message": "rate 20% is above the 15% ceiling for government funding",
                "file": "campaigns/spring.yaml",
                "document": 0,
                "campaign": "spring-cashback-2025",
                "path": "/benefit/rate",
                "span": {"offset": rate.start, "length": 5},
                "start": {"line": 7, "column": 9},
                "end": {"line": 7, "column": 14},
                "help": "lower the rate or change the policy's limits.rate_ceiling.funding.government",
                "labels": [
                    {
                        "file": "campaigns/spring.yaml",
                        "message": "ceiling set by this funding source",
                        "span": {"offset": fixture_offset(SPRING, "government"), "length": 10},
                        "start": {"line": 9, "column": 11},
                        "end": {"line": 9, "column": 21}
                    },
                    {
                        "file": "templates/base.yaml",
                        "message": "ceiling inherited from this template",
                        "span": {"offset": fixture_offset(TEMPLATE, "\"15%\""), "length": 5},
                        "start": {"line": 4, "column": 17},
                        "end": {"line": 4, "column": 22}
                    }
                ],
                "fix": null
            })
        );
    }

    #[test]
    fn columns_count_characters_and_spans_count_bytes() {
        let value = report(&Fixture::new(), &Options::default());
        let cjk = &value["diagnostics"][0];
        assert_eq!(cjk["start"], json!({"line": 5, "column": 16}));
        assert_eq!(cjk["end"], json!({"line": 5, "column": 21}));
        let offset = fixture_offset(SPRING, "bonus");
        assert_eq!(cjk["span"], json!({"offset": offset, "length": 5}));
        assert_eq!(cjk["help"], Value::Null);
    }

    #[test]
    fn crlf_file_and_null_keys() {
        let value = report(&Fixture::new(), &Options::default());
        let winter = &value["diagnostics"][2];
        assert_eq!(winter["start"], json!({"line": 3, "column": 9}));
        assert_eq!(winter["end"], json!({"line": 3, "column": 14}));

        let syntax = &value["diagnostics"][3];
        assert_eq!(syntax["rule"], "yaml-syntax");
        assert_eq!(syntax["document"], Value::Null);
        assert_eq!(syntax["campaign"], Value::Null);
        assert_eq!(syntax["path"], Value::Null);
        assert_eq!(syntax["help"], Value::Null);
        assert_eq!(syntax["labels"], json!([]));
        assert_eq!(syntax["start"], json!({"line": 5, "column": 12}));
        assert_eq!(syntax["end"], syntax["start"]);
        assert_eq!(syntax["span"]["length"], 0);
    }

    #[test]
    fn statistics_on_request() {
        let options = Options {
            statistics: true,
            ..Options::default()
        };
        let value = report(&Fixture::new(), &options);
        assert_eq!(
            value["statistics"][0],
            json!({"rule": "rate-ceiling", "count": 2, "suppressed": 1})
        );
        assert_eq!(value["statistics"].as_array().map(Vec::len), Some(4));
    }

    fn fixture_offset(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap_or(usize::MAX)
    }
}
