//! `junit`: JUnit XML for CI test dashboards. One `<testsuite>` per file
//! checked or with a tool error; one failed `<testcase>` per finding, one
//! `<testcase>` with an `<error>` per tool error, and one passing
//! `<testcase>` for a checked file with neither (so a clean run still shows
//! what was checked).

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::finding::Finding;

use super::{Options, Outcome, ToolError, place};

enum Case<'a> {
    Finding(&'a Finding),
    ToolError(&'a ToolError),
    Passed(&'a str),
}

struct Suite<'a> {
    path: &'a str,
    cases: Vec<Case<'a>>,
}

impl Suite<'_> {
    fn errors(&self) -> usize {
        self.cases
            .iter()
            .filter(|case| matches!(case, Case::ToolError(_)))
            .count()
    }

    fn failures(&self) -> usize {
        self.cases
            .iter()
            .filter(|case| matches!(case, Case::Finding(_)))
            .count()
    }
}

/// Suites in the order their files first appear: findings come sorted by
/// path, tool errors after them.
fn suites<'a>(outcome: &'a Outcome) -> Vec<Suite<'a>> {
    let mut suites: Vec<Suite<'a>> = Vec::new();
    let mut add =
        |path: &'a str, case: Case<'a>| match suites.iter_mut().find(|suite| suite.path == path) {
            Some(suite) => suite.cases.push(case),
            None => suites.push(Suite {
                path,
                cases: vec![case],
            }),
        };
    for finding in outcome.findings {
        add(
            place(outcome.sources, finding.loc).path,
            Case::Finding(finding),
        );
    }
    for error in outcome.tool_errors {
        add(&error.file, Case::ToolError(error));
    }
    for path in outcome.checked_files {
        if !suites.iter().any(|suite| suite.path == path.as_str()) {
            suites.push(Suite {
                path,
                cases: vec![Case::Passed(path)],
            });
        }
    }
    suites.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
    suites
}

pub(crate) fn write(outcome: &Outcome, _options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let suites = suites(outcome);
    let tests: usize = suites.iter().map(|suite| suite.cases.len()).sum();
    let failures: usize = suites.iter().map(Suite::failures).sum();
    let errors: usize = suites.iter().map(Suite::errors).sum();

    // Built in memory: `fmt::Write` into a String cannot fail, and one write
    // at the end keeps I/O errors in one place.
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"promolint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
    );
    for suite in &suites {
        let path = escape_attribute(suite.path);
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            suite.cases.len(),
            suite.failures(),
            suite.errors()
        );
        for case in &suite.cases {
            match case {
                Case::Finding(finding) => write_finding(&mut xml, outcome, finding),
                Case::ToolError(error) => write_tool_error(&mut xml, error),
                Case::Passed(path) => {
                    let path = escape_attribute(path);
                    let _ = writeln!(
                        xml,
                        "    <testcase name=\"promolint\" classname=\"{path}\" file=\"{path}\"/>"
                    );
                }
            }
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    out.write_all(xml.as_bytes())
}

fn write_finding(xml: &mut String, outcome: &Outcome, finding: &Finding) {
    let at = place(outcome.sources, finding.loc);
    let path = escape_attribute(at.path);
    let _ = writeln!(
        xml,
        "    <testcase name=\"{} ({}:{})\" classname=\"{path}\" file=\"{path}\" line=\"{}\">",
        escape_attribute(finding.rule),
        at.start.line,
        at.start.column,
        at.start.line,
    );
    let mut details = format!(
        "{}:{}:{}: {}[{}] {}",
        at.path,
        at.start.line,
        at.start.column,
        finding.severity.as_str(),
        finding.rule,
        finding.message
    );
    if let Some(campaign) = &finding.campaign {
        let _ = write!(details, "\ncampaign: {campaign}");
    }
    if let Some(pointer) = finding.path.as_deref().filter(|p| !p.is_empty()) {
        let _ = write!(details, "\npath: {pointer}");
    }
    for label in &finding.labels {
        let label_at = place(outcome.sources, label.loc);
        let _ = write!(
            details,
            "\n{}:{}:{}: {}",
            label_at.path, label_at.start.line, label_at.start.column, label.message
        );
    }
    if let Some(help) = &finding.help {
        let _ = write!(details, "\nhelp: {help}");
    }
    let _ = writeln!(
        xml,
        "      <failure message=\"{}\" type=\"{}\">{}</failure>",
        escape_attribute(&finding.message),
        escape_attribute(finding.rule),
        escape_text(&details)
    );
    xml.push_str("    </testcase>\n");
}

fn write_tool_error(xml: &mut String, error: &ToolError) {
    let path = escape_attribute(&error.file);
    let _ = writeln!(
        xml,
        "    <testcase name=\"read\" classname=\"{path}\" file=\"{path}\">\n      <error message=\"{}\" type=\"tool-error\">{}: {}</error>\n    </testcase>",
        escape_attribute(&error.message),
        escape_text(&error.file),
        escape_text(&error.message)
    );
}

fn escape_attribute(text: &str) -> String {
    escape(text, true)
}

fn escape_text(text: &str) -> String {
    escape(text, false)
}

/// Escapes markup, and replaces the characters XML 1.0 does not allow at all
/// (most C0 controls, U+FFFE, U+FFFF: not even as character references)
/// with U+FFFD. Inside attributes, line breaks and tabs become character
/// references because parsers normalise literal ones to spaces.
fn escape(text: &str, attribute: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' if attribute => escaped.push_str("&quot;"),
            '\'' if attribute => escaped.push_str("&apos;"),
            '\n' if attribute => escaped.push_str("&#10;"),
            '\t' if attribute => escaped.push_str("&#9;"),
            // A literal CR would be normalised away in text as well.
            '\r' => escaped.push_str("&#13;"),
            '\n' | '\t' => escaped.push(c),
            c if is_forbidden_in_xml(c) => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use crate::finding::{Finding, Severity};
    use crate::source::{Loc, Sources};

    use super::super::test_support::{Fixture, render};
    use super::super::{Format, Options, Outcome};

    fn parse(xml: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(xml)
            .unwrap_or_else(|error| panic!("not well-formed ({error}):\n{xml}"))
    }

    #[test]
    fn one_failure_per_finding_in_a_suite_per_file() {
        let fixture = Fixture::new();
        let xml = render(Format::Junit, &fixture.outcome(), &Options::default());
        let document = parse(&xml);
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        assert_eq!(root.attribute("tests"), Some("5"));
        assert_eq!(root.attribute("failures"), Some("4"));
        assert_eq!(root.attribute("errors"), Some("1"));

        let suites: Vec<(&str, usize)> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .map(|suite| {
                let failures = suite
                    .descendants()
                    .filter(|n| n.has_tag_name("failure"))
                    .count();
                (suite.attribute("name").unwrap_or(""), failures)
            })
            .collect();
        assert_eq!(
            suites,
            [
                ("campaigns/spring.yaml", 2),
                ("campaigns/unreadable.yaml", 0),
                ("campaigns/winter.yaml", 2),
            ]
        );
        assert_eq!(xml.matches("<failure ").count(), fixture.findings.len());

        let failure = document
            .descendants()
            .find(|n| n.has_tag_name("failure") && n.attribute("type") == Some("rate-ceiling"))
            .expect("a rate-ceiling failure");
        assert_eq!(
            failure.attribute("message"),
            Some("rate 20% is above the 15% ceiling for government funding")
        );
        let text = failure.text().unwrap_or("");
        assert!(
            text.starts_with("campaigns/spring.yaml:7:9: error[rate-ceiling] rate 20%"),
            "{text}"
        );
        assert!(
            text.contains("templates/base.yaml:4:17: ceiling inherited from this template"),
            "{text}"
        );
        assert!(text.contains("help: lower the rate"), "{text}");
    }

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        let mut sources = Sources::default();
        let file = sources.add("a&b<c>\".yaml".into(), "x: 1\n");
        let message = "<tag> & \"quote\" 'apos'\u{0}\u{1b}\r\nnext\tline \u{FFFF} 新";
        let findings = [Finding {
            rule: "invalid-value",
            severity: Severity::Warning,
            message: message.into(),
            loc: Loc::new(file, 0, 3, 4),
            campaign: None,
            path: None,
            help: None,
            labels: Vec::new(),
            fix: None,
        }];
        let outcome = Outcome {
            sources: &sources,
            findings: &findings,
            files_checked: 1,
            files_skipped: 0,
            checked_files: &[],
            suppressed: 0,
            suppressed_by_rule: &[],
            tool_errors: &[],
            base_dir: None,
            baselined: None,
        };
        let xml = render(Format::Junit, &outcome, &Options::default());
        let document = parse(&xml);
        let failure = document
            .descendants()
            .find(|n| n.has_tag_name("failure"))
            .expect("one failure");
        let expected = "<tag> & \"quote\" 'apos'\u{FFFD}\u{FFFD}\r\nnext\tline \u{FFFD} 新";
        assert_eq!(failure.attribute("message"), Some(expected));
        assert!(failure.text().unwrap_or("").ends_with(expected));
        let suite = document
            .descendants()
            .find(|n| n.has_tag_name("testsuite"))
            .expect("one suite");
        assert_eq!(suite.attribute("name"), Some("a&b<c>\".yaml"));
    }

    #[test]
    fn no_findings_is_an_empty_but_valid_document() {
        let sources = Sources::default();
        let outcome = Outcome {
            sources: &sources,
            findings: &[],
            files_checked: 0,
            files_skipped: 0,
            checked_files: &[],
            suppressed: 0,
            suppressed_by_rule: &[],
            tool_errors: &[],
            base_dir: None,
            baselined: None,
        };
        let xml = render(Format::Junit, &outcome, &Options::default());
        let document = parse(&xml);
        assert_eq!(document.root_element().attribute("tests"), Some("0"));
    }

    #[test]
    fn a_clean_checked_file_is_one_passing_case() {
        let sources = Sources::default();
        let checked = ["b.yaml".to_string(), "a.yaml".to_string()];
        let outcome = Outcome {
            sources: &sources,
            findings: &[],
            files_checked: 2,
            files_skipped: 0,
            checked_files: &checked,
            suppressed: 0,
            suppressed_by_rule: &[],
            tool_errors: &[],
            base_dir: None,
            baselined: None,
        };
        let xml = render(Format::Junit, &outcome, &Options::default());
        let document = parse(&xml);
        let root = document.root_element();
        assert_eq!(
            (
                root.attribute("tests"),
                root.attribute("failures"),
                root.attribute("errors")
            ),
            (Some("2"), Some("0"), Some("0"))
        );
        let suites: Vec<&str> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .filter_map(|n| n.attribute("name"))
            .collect();
        assert_eq!(suites, ["a.yaml", "b.yaml"]);
        assert_eq!(xml.matches("<testcase ").count(), 2);
        assert!(!xml.contains("<failure") && !xml.contains("<error"));
    }
}
