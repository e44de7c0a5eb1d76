//! `concise`: one line per finding, `path:line:col: severity[rule] message`,
//! for editors' error matchers and grep.

use std::io::{self, Write};

use crate::finding::Finding;

use super::{Options, Outcome, escape, fix_note, place, summary_line, write_statistics};

/// One finding as one line: `path:line:col: error[rule] message`, and
/// `; help: ...` when the finding says what to do.
pub(crate) fn line(outcome: &Outcome, finding: &Finding) -> String {
    let at = place(outcome.sources, finding.loc);
    let help = finding
        .help
        .as_deref()
        .map(|help| format!("; help: {}", escape::line(help)))
        .unwrap_or_default();
    format!(
        "{}:{}:{}: {}[{}] {}{help}",
        escape::line(at.path),
        at.start.line,
        at.start.column,
        finding.severity.as_str(),
        finding.rule,
        escape::line(&finding.message)
    )
}

/// [`line`], and the fix note in brackets when there is one to offer.
fn line_with_fix(outcome: &Outcome, options: &Options, finding: &Finding) -> String {
    let line = line(outcome, finding);
    match fix_note(finding, options) {
        Some(note) => format!("{line} [{}]", escape::line(&note)),
        None => line,
    }
}

pub(crate) fn write(outcome: &Outcome, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    for finding in outcome.findings {
        writeln!(out, "{}", line_with_fix(outcome, options, finding))?;
    }
    write_tool_errors(outcome, out)?;
    if options.statistics {
        write_statistics(outcome, out)?;
    }
    if !options.quiet {
        writeln!(out, "{}", summary_line(outcome))?;
    }
    Ok(())
}

/// `error: PATH: MESSAGE`, shared with the human format.
pub(crate) fn write_tool_errors(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for error in outcome.tool_errors {
        writeln!(
            out,
            "error: {}: {}",
            escape::line(&error.file),
            escape::line(&error.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Fixture, render};
    use super::super::{Format, Options};

    #[test]
    fn one_line_per_finding_with_character_columns() {
        let fixture = Fixture::new();
        let text = render(Format::Concise, &fixture.outcome(), &Options::default());
        assert_eq!(
            text,
            "\
campaigns/spring.yaml:5:16: warning[ambiguous-scalar] `bonus` follows CJK text
campaigns/spring.yaml:7:9: error[rate-ceiling] rate 20% is above the 15% ceiling for government funding; help: lower the rate or change the policy's limits.rate_ceiling.funding.government
campaigns/winter.yaml:3:9: error[rate-ceiling] rate 25% is above the 15% ceiling; help: lower the rate
campaigns/winter.yaml:5:12: error[yaml-syntax] did not find expected ',' or ']': flow sequence not closed
error: campaigns/unreadable.yaml: permission denied (os error 13)
3 errors, 1 warning in 3 files
"
        );
    }

    #[test]
    fn quiet_drops_the_summary_and_statistics_follow_the_findings() {
        let fixture = Fixture::new();
        let options = Options {
            quiet: true,
            statistics: true,
            ..Options::default()
        };
        let text = render(Format::Concise, &fixture.outcome(), &options);
        let tail: Vec<&str> = text.lines().skip(5).collect();
        assert_eq!(
            tail,
            [
                "count  suppressed  rule",
                "    2           1  rate-ceiling",
                "    1           0  ambiguous-scalar",
                "    1           0  yaml-syntax",
                "    0           2  unknown-channel",
            ]
        );
    }

    #[test]
    fn messages_stay_on_one_line() {
        let mut fixture = Fixture::new();
        if let Some(first) = fixture.findings.first_mut() {
            first.message = "two\r\nlines".into();
        }
        let text = render(Format::Concise, &fixture.outcome(), &Options::default());
        assert!(text.starts_with(
            "campaigns/spring.yaml:5:16: warning[ambiguous-scalar] two\\u{d}\\u{a}lines\n"
        ));
    }
}
