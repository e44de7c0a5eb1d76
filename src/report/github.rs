//! `github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the changed files.

use std::io::{self, Write};

use crate::finding::Severity;

use super::escape as visible;
use super::{Options, Outcome, place, summary_line};

pub(crate) fn write(outcome: &Outcome, _options: &Options, out: &mut dyn Write) -> io::Result<()> {
    for finding in outcome.findings {
        let at = place(outcome.sources, finding.loc);
        // The annotation shows the help on a line of its own.
        let message = match &finding.help {
            Some(help) => format!("{}\nhelp: {help}", finding.message),
            None => finding.message.clone(),
        };
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(at.path),
            at.start.line,
            at.start.column,
            at.end.line,
            at.end.column,
            escape_property(finding.rule),
            escape_data(&message),
        )?;
    }
    for error in outcome.tool_errors {
        writeln!(
            out,
            "::error file={}::{}",
            escape_property(&error.file),
            escape_data(&error.message)
        )?;
    }
    // GitHub turns only the first ten errors and warnings of a step into
    // annotations, so the totals always come last, whatever `--quiet` says.
    writeln!(
        out,
        "::notice title=promolint::{}",
        escape_data(&summary_line(outcome))
    )
}

/// The escaping of a command's message (`toCommandValue` in actions/toolkit).
fn escape_data(text: &str) -> String {
    escape(text, false)
}

/// The escaping of a command property: the message's, plus the separators.
fn escape_property(text: &str) -> String {
    escape(text, true)
}

/// Controls other than line breaks are first written visibly
/// (`escape.rs`): the runner would print them raw in the log.
fn escape(text: &str, property: bool) -> String {
    let text = visible::keeping_line_breaks(text);
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            ':' if property => escaped.push_str("%3A"),
            ',' if property => escaped.push_str("%2C"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use crate::finding::{Finding, Severity};
    use crate::source::{Loc, Sources};

    use super::super::test_support::{Fixture, render};
    use super::super::{Format, Options, Outcome, ToolError};

    #[test]
    fn one_command_per_finding_then_the_notice() {
        let fixture = Fixture::new();
        let options = Options {
            quiet: true,
            ..Options::default()
        };
        let text = render(Format::Github, &fixture.outcome(), &options);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "::warning file=campaigns/spring.yaml,line=5,col=16,endLine=5,endColumn=21,title=ambiguous-scalar::`bonus` follows CJK text",
                "::error file=campaigns/spring.yaml,line=7,col=9,endLine=7,endColumn=14,title=rate-ceiling::rate 20%25 is above the 15%25 ceiling for government funding%0Ahelp: lower the rate or change the policy's limits.rate_ceiling.funding.government",
                "::error file=campaigns/winter.yaml,line=3,col=9,endLine=3,endColumn=14,title=rate-ceiling::rate 25%25 is above the 15%25 ceiling%0Ahelp: lower the rate",
                "::error file=campaigns/winter.yaml,line=5,col=12,endLine=5,endColumn=12,title=yaml-syntax::did not find expected ',' or ']': flow sequence not closed",
                "::error file=campaigns/unreadable.yaml::permission denied (os error 13)",
                "::notice title=promolint::3 errors, 1 warning in 3 files",
            ]
        );
    }

    #[test]
    fn properties_and_message_are_escaped() {
        let mut sources = Sources::default();
        let file = sources.add("odd,dir/a:b%.yaml".into(), "rate: 1\n");
        let findings = [Finding {
            rule: "rate-notation",
            severity: Severity::Error,
            message: "100% off: a, b\r\nsecond line".into(),
            loc: Loc::new(file, 0, 6, 7),
            campaign: None,
            path: None,
            help: None,
            labels: Vec::new(),
            fix: None,
        }];
        let tool_errors = [ToolError {
            file: "x:y,z".into(),
            message: "bad\nthing: 5%".into(),
        }];
        let outcome = Outcome {
            sources: &sources,
            findings: &findings,
            files_checked: 1,
            files_skipped: 0,
            checked_files: &[],
            suppressed: 0,
            suppressed_by_rule: &[],
            tool_errors: &tool_errors,
            base_dir: None,
            baselined: None,
        };
        let text = render(Format::Github, &outcome, &Options::default());
        assert_eq!(
            text,
            "::error file=odd%2Cdir/a%3Ab%25.yaml,line=1,col=7,endLine=1,endColumn=8,title=rate-notation::100%25 off: a, b%0D%0Asecond line\n\
             ::error file=x%3Ay%2Cz::bad%0Athing: 5%25\n\
             ::notice title=promolint::1 error, 0 warnings in 1 file\n"
        );
    }
}
