//! `human`: miette's graphical report for each finding, then the totals.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
    SourceSpan,
};

use crate::finding::{Finding, Severity};
use crate::source::{FileId, Loc, Sources};

use super::concise::write_tool_errors;
use super::escape::{self, EscapedSource};
use super::{Options, Outcome, fix_note, place, summary_line, write_statistics};

/// Below this, miette's wrapping has no room left for text beside its gutter.
const MIN_WIDTH: usize = 40;

pub(crate) fn write(outcome: &Outcome, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width.max(MIN_WIDTH))
        .with_links(false)
        // miette counts columns in bytes; the position goes into the source
        // name instead, from `SourceFile::line_col` like every other format.
        .without_primary_span_start()
        .with_show_related_as_nested(true);

    let mut texts = SafeTexts {
        sources: outcome.sources,
        escaped: HashMap::new(),
    };
    for finding in outcome.findings {
        let report = FindingReport::new(&mut texts, finding, fix_note(finding, options));
        let mut rendered = String::new();
        if handler.render_report(&mut rendered, &report).is_ok() {
            write!(out, "{rendered}")?;
        } else {
            // miette gave up on this finding's source; the one-line form
            // still says everything but the excerpt.
            writeln!(out, "{}", super::concise::line(outcome, finding))?;
        }
        writeln!(out)?;
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

/// One finding as a miette diagnostic: the primary file's excerpt with the
/// primary and same-file labels, and one related diagnostic per other file
/// a label points into (miette shows one source per diagnostic).
#[derive(Debug)]
struct FindingReport {
    code: Option<&'static str>,
    severity: miette::Severity,
    message: String,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<FindingReport>,
}

/// The source texts as miette may echo them: a file with control or bidi
/// characters is escaped once (`escape.rs`), the others are shown as read.
struct SafeTexts<'a> {
    sources: &'a Sources,
    escaped: HashMap<FileId, Option<EscapedSource>>,
}

impl SafeTexts<'_> {
    fn escaped(&mut self, file: FileId) -> Option<&EscapedSource> {
        let sources = self.sources;
        self.escaped
            .entry(file)
            .or_insert_with(|| sources.get(file).and_then(|f| EscapedSource::new(&f.text)))
            .as_ref()
    }

    fn text(&mut self, file: FileId) -> Option<Arc<str>> {
        if let Some(escaped) = self.escaped(file) {
            return Some(Arc::clone(&escaped.text));
        }
        self.sources.get(file).map(|f| Arc::clone(&f.text))
    }

    /// The span of `loc` in the text [`SafeTexts::text`] gives.
    fn span(&mut self, loc: Loc) -> SourceSpan {
        let span = span(self.sources, loc);
        match self.escaped(loc.file) {
            Some(escaped) => {
                let start = escaped.map(span.offset());
                let end = escaped.map(span.offset() + span.len());
                SourceSpan::new(start.into(), end.saturating_sub(start))
            }
            None => span,
        }
    }
}

fn safe(text: &str) -> String {
    escape::line(text).into_owned()
}

impl FindingReport {
    fn new(texts: &mut SafeTexts, finding: &Finding, fix: Option<String>) -> Self {
        let sources = texts.sources;
        let primary_file = finding.loc.file;
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(safe(&short_label(finding))),
            texts.span(finding.loc),
        )];
        let mut related: Vec<(FileId, FindingReport)> = Vec::new();
        for label in &finding.labels {
            let labeled =
                LabeledSpan::new_with_span(Some(safe(&label.message)), texts.span(label.loc));
            if label.loc.file == primary_file {
                labels.push(labeled);
                continue;
            }
            match related.iter_mut().find(|(file, _)| *file == label.loc.file) {
                Some((_, report)) => report.labels.push(labeled),
                None => related.push((
                    label.loc.file,
                    FindingReport {
                        code: None,
                        severity: miette::Severity::Advice,
                        message: format!("see also {}", safe(place(sources, label.loc).path)),
                        help: None,
                        source: named_source(texts, label.loc),
                        labels: vec![labeled],
                        related: Vec::new(),
                    },
                )),
            }
        }
        FindingReport {
            code: Some(finding.rule),
            severity: match finding.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            message: safe(&finding.message),
            help: match (finding.help.as_deref().map(safe), fix.as_deref().map(safe)) {
                (Some(help), Some(fix)) => Some(format!("{help}\n{fix}")),
                (help, fix) => help.or(fix),
            },
            source: named_source(texts, finding.loc),
            labels,
            related: related.into_iter().map(|(_, report)| report).collect(),
        }
    }
}

/// The primary label: the message is the header already, so the label only
/// names the value (`benefit.rate`, `channels[3]`, from the JSON Pointer),
/// or the rule for a finding about the document or file as such.
fn short_label(finding: &Finding) -> String {
    match finding.path.as_deref().filter(|p| !p.is_empty()) {
        Some(pointer) => {
            let mut label = String::new();
            for part in pointer.trim_start_matches('/').split('/') {
                let part = part.replace("~1", "/").replace("~0", "~");
                if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                    label.push_str(&format!("[{part}]"));
                } else {
                    if !label.is_empty() {
                        label.push('.');
                    }
                    label.push_str(&part);
                }
            }
            label
        }
        None => finding.rule.to_string(),
    }
}

/// The file of `loc`, named `path:line:col` after the location.
fn named_source(texts: &mut SafeTexts, loc: Loc) -> Option<NamedSource<Arc<str>>> {
    let at = place(texts.sources, loc);
    let name = format!("{}:{}:{}", safe(at.path), at.start.line, at.start.column);
    texts
        .text(loc.file)
        .map(|text| NamedSource::new(name, text))
}

/// The location's byte range on character boundaries, so that miette never
/// slices inside a character.
fn span(sources: &Sources, loc: Loc) -> SourceSpan {
    let at = place(sources, loc);
    let mut start = at.start_offset as usize;
    if at.length() == 0
        && let Some(text) = sources.get(loc.file).map(|file| &*file.text)
        && start == text.len()
    {
        // miette draws no line for an empty span after the final line break,
        // where parsers report an unexpected end of input: mark the end of
        // the last line instead.
        start = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .map_or(start, str::len);
    }
    SourceSpan::new(start.into(), at.length() as usize)
}

impl fmt::Display for FindingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingReport {}

impl Diagnostic for FindingReport {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .map(|code| Box::new(code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|report| report as &dyn Diagnostic),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::{Finding, Severity};
    use crate::source::{Loc, Sources};

    use super::super::test_support::{Fixture, render};
    use super::super::{Format, Options, Outcome};

    fn options() -> Options {
        Options {
            color: false,
            quiet: false,
            statistics: false,
            width: 80,
            unsafe_fixes: false,
        }
    }

    #[test]
    fn snapshot_without_colour() {
        let fixture = Fixture::new();
        let text = render(Format::Human, &fixture.outcome(), &options());
        insta::assert_snapshot!(text);
    }

    #[test]
    fn shows_rule_message_help_labels_and_summary() {
        let fixture = Fixture::new();
        let text = render(Format::Human, &fixture.outcome(), &options());
        for expected in [
            "rate-ceiling",
            "rate 20% is above the 15% ceiling for government funding",
            "help: lower the rate or change the policy's",
            "ceiling set by this funding source",
            "ceiling inherited from this template",
            "[templates/base.yaml:4:17]",
            "[campaigns/spring.yaml:5:16]",
            "[campaigns/winter.yaml:3:9]",
            "error: campaigns/unreadable.yaml: permission denied (os error 13)",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
        assert!(
            text.ends_with("\n3 errors, 1 warning in 3 files\n"),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'), "colour was off:\n{text}");
    }

    #[test]
    fn colour_on_request_and_quiet_statistics() {
        let fixture = Fixture::new();
        let options = Options {
            color: true,
            quiet: true,
            statistics: true,
            ..options()
        };
        let text = render(Format::Human, &fixture.outcome(), &options);
        assert!(text.contains('\u{1b}'), "{text}");
        assert!(
            text.ends_with("    0           2  unknown-channel\n"),
            "{text}"
        );
        assert!(!text.contains("3 errors"), "{text}");
    }

    #[test]
    fn end_of_input_is_marked_at_the_end_of_the_last_line() {
        let mut sources = Sources::default();
        let text = "a: [1\r\n";
        let file = sources.add("eof.yaml".into(), text);
        let findings = [Finding {
            rule: "yaml-syntax",
            severity: Severity::Error,
            message: "unexpected end of input".into(),
            loc: Loc::new(file, 0, text.len(), text.len()),
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
        let rendered = render(
            Format::Human,
            &outcome,
            &Options {
                quiet: true,
                ..options()
            },
        );
        assert!(rendered.contains("[eof.yaml:2:1]"), "{rendered}");
        assert!(rendered.contains(" 1 │ a: [1\n   ·      ▲\n"), "{rendered}");
    }

    #[test]
    fn odd_spans_do_not_break_rendering() {
        let mut sources = Sources::default();
        let empty = sources.add("empty.yaml".into(), "");
        let cjk = sources.add("cjk.yaml".into(), "名: 值\n");
        let finding = |loc: Loc| Finding {
            rule: "yaml-syntax",
            severity: Severity::Error,
            message: "odd span".into(),
            loc,
            campaign: None,
            path: None,
            help: None,
            labels: Vec::new(),
            fix: None,
        };
        let findings = [
            finding(Loc::new(empty, 0, 0, 0)),
            finding(Loc::new(empty, 0, 5, 9)),
            finding(Loc::new(cjk, 0, 1, 2)),
            finding(Loc::new(cjk, 0, 4, 100)),
            finding(Loc::new(77, 0, 1, 2)),
        ];
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
        let text = render(
            Format::Human,
            &outcome,
            &Options {
                width: 0,
                ..options()
            },
        );
        assert!(text.matches("odd span").count() >= findings.len(), "{text}");
        assert!(
            text.ends_with("5 errors, 0 warnings in 2 files\n"),
            "{text}"
        );
    }
}
