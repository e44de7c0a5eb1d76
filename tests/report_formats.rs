//! The report module through the library's public API, as `main` uses it.

use std::path::Path;

use promolint::finding::{Finding, Severity};
use promolint::report::{self, Format, Options, Outcome, ToolError};
use promolint::rules::RuleMeta;
use promolint::source::{Loc, Sources};

static RATE_CEILING: RuleMeta = RuleMeta {
    id: "rate-ceiling",
    default_severity: Severity::Error,
    summary: "the rate is above the lowest applicable ceiling",
    what: "Compares benefit.rate with the ceilings of the policy.",
    why: "A rate above the ceiling breaks the funding agreement.",
    bad: "rate: \"20%\"",
    good: "rate: \"10%\"",
    config: "limits.rate_ceiling",
    fix: None,
};

const ALL_FORMATS: [Format; 6] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::Sarif,
    Format::Github,
    Format::Junit,
];

fn render(format: Format, outcome: &Outcome, options: &Options) -> String {
    let mut out = Vec::new();
    report::write(format, outcome, options, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("UTF-8 output")
}

fn find(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in fixture");
    (start, start + needle.len())
}

#[test]
fn a_crlf_file_with_cjk_text_in_every_format() {
    let text = "id: 春季\r\nbenefit:\r\n  label: \"新春\"\r\n  rate: \"20%\"\r\n";
    let mut sources = Sources::default();
    let file = sources.add("春/spring.yaml".into(), text);
    let (rate_start, rate_end) = find(text, "\"20%\"");
    let (label_start, label_end) = find(text, "\"新春\"");
    let findings = [
        Finding::new(
            &RATE_CEILING,
            Loc::new(file, 0, label_start, label_end),
            "label and rate disagree",
        ),
        Finding::new(
            &RATE_CEILING,
            Loc::new(file, 0, rate_start, rate_end),
            "rate 20% is above the 15% ceiling",
        )
        .with_campaign(Some("春季"))
        .with_path("/benefit/rate")
        .with_help("lower the rate")
        .with_label(Loc::new(file, 0, label_start, label_end), "labelled here"),
    ];
    let tool_errors = [ToolError {
        file: "gone.yaml".into(),
        message: "not found".into(),
    }];
    let outcome = Outcome {
        sources: &sources,
        findings: &findings,
        files_checked: 2,
        files_skipped: 0,
        checked_files: &[],
        suppressed: 0,
        suppressed_by_rule: &[],
        tool_errors: &tool_errors,
        base_dir: Some(Path::new("/repo")),
        baselined: None,
    };
    let options = Options::default();

    assert_eq!(
        render(Format::Concise, &outcome, &options),
        "春/spring.yaml:3:10: error[rate-ceiling] label and rate disagree\n\
         春/spring.yaml:4:9: error[rate-ceiling] rate 20% is above the 15% ceiling; help: lower the rate\n\
         error: gone.yaml: not found\n\
         2 errors, 0 warnings in 2 files\n"
    );

    let json: serde_json::Value =
        serde_json::from_str(&render(Format::Json, &outcome, &options)).expect("JSON");
    assert_eq!(json["diagnostics"][1]["campaign"], "春季");
    assert_eq!(json["diagnostics"][1]["labels"][0]["start"]["column"], 10);
    assert_eq!(json["diagnostics"][1]["labels"][0]["end"]["column"], 14);

    let sarif: serde_json::Value =
        serde_json::from_str(&render(Format::Sarif, &outcome, &options)).expect("SARIF is JSON");
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "%E6%98%A5/spring.yaml");
    assert_eq!(location["region"]["startColumn"], 10);
    assert_eq!(
        location["region"]["charOffset"],
        text[..label_start].chars().count()
    );
    assert_eq!(
        sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///repo/"
    );

    let github = render(Format::Github, &outcome, &options);
    assert!(github.contains(
        "::error file=春/spring.yaml,line=4,col=9,endLine=4,endColumn=14,title=rate-ceiling::rate 20%25 is above"
    ));

    let junit = render(Format::Junit, &outcome, &options);
    assert_eq!(junit.matches("<failure ").count(), 2);

    let human = render(Format::Human, &outcome, &options);
    assert!(human.contains("[春/spring.yaml:4:9]"), "{human}");
    assert!(human.contains("labelled here"), "{human}");
}

#[test]
fn an_empty_run_in_every_format() {
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
    let options = Options::default();
    for format in ALL_FORMATS {
        let text = render(format, &outcome, &options);
        assert!(text.ends_with('\n'), "{format:?}: {text:?}");
    }
    assert_eq!(
        render(Format::Human, &outcome, &options),
        "0 errors, 0 warnings in 0 files\n"
    );
    assert_eq!(
        render(Format::Github, &outcome, &options),
        "::notice title=promolint::0 errors, 0 warnings in 0 files\n"
    );
    let quiet = Options {
        quiet: true,
        ..Options::default()
    };
    assert_eq!(render(Format::Concise, &outcome, &quiet), "");
    let json: serde_json::Value =
        serde_json::from_str(&render(Format::Json, &outcome, &options)).expect("JSON");
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    assert_eq!(json["errors"], serde_json::json!([]));
}

mod never_panics {
    use proptest::prelude::*;

    use super::*;
    use promolint::finding::Label;

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("key: value"),
                Just("\n"),
                Just("\r\n"),
                Just("\r"),
                Just("\t"),
                Just("新春"),
                Just("🎉"),
                Just("e\u{301}"),
                Just("\u{0}"),
                Just("%,:<&>\""),
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn any_text_and_any_span(
            text in text(),
            other in text(),
            (start, end) in (0usize..300, 0usize..300),
            (label_start, label_len) in (0usize..300, 0usize..40),
            label_file in 0u32..3,
            message in "[a-z%\n\r:,<>&\"\u{1}新]{1,20}",
            width in 0usize..120,
        ) {
            let mut sources = Sources::default();
            let file = sources.add("a,b:c.yaml".into(), text);
            sources.add("other.yaml".into(), other);
            let findings = [Finding::new(&RATE_CEILING, Loc::new(file, 0, start, end), message.clone())
                .with_help(message.clone())
                .with_labels([Label {
                    loc: Loc::new(label_file, 1, label_start, label_start + label_len),
                    message: message.clone(),
                }])];
            let outcome = Outcome {
                sources: &sources,
                findings: &findings,
                files_checked: 2,
                files_skipped: 0,
                checked_files: &[],
                suppressed: 0,
                suppressed_by_rule: &[],
                tool_errors: &[],
                base_dir: None,
                baselined: None,
            };
            let options = Options { width, statistics: true, ..Options::default() };
            for format in ALL_FORMATS {
                render(format, &outcome, &options);
            }
            let json: serde_json::Value =
                serde_json::from_str(&render(Format::Json, &outcome, &options)).expect("JSON");
            let start = &json["diagnostics"][0]["start"];
            let end = &json["diagnostics"][0]["end"];
            let position = |p: &serde_json::Value| (p["line"].as_u64(), p["column"].as_u64());
            prop_assert!(position(start) <= position(end));
            prop_assert!(start["line"].as_u64() >= Some(1) && start["column"].as_u64() >= Some(1));
        }
    }
}
