//! A policy file that cannot be used: a usage error (exit code 2), with every
//! problem found pointing into the file.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::source::{LineCol, SourceFile};

/// A secondary location of a problem (e.g. the first of two repeated keys).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemLabel {
    /// Byte range in the policy file.
    pub span: Range<usize>,
    pub message: String,
}

/// One problem of a policy file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyProblem {
    pub message: String,
    /// Byte range in the policy file of the offending key or value (`None`
    /// when the file could not be read at all).
    pub span: Option<Range<usize>>,
    /// 1-based line and column of `span`'s start.
    pub start: Option<LineCol>,
    /// The text of the primary label.
    pub label: String,
    pub labels: Vec<ProblemLabel>,
    /// What to do about it: "did you mean", the accepted values.
    pub help: Option<String>,
}

impl PolicyProblem {
    pub(super) fn at(span: Range<usize>, message: String) -> Self {
        PolicyProblem {
            message,
            span: Some(span),
            start: None,
            label: "here".into(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub(super) fn without_span(message: String) -> Self {
        PolicyProblem {
            message,
            span: None,
            start: None,
            label: String::new(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub(super) fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub(super) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(super) fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub(super) fn with_secondary(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(ProblemLabel {
            span,
            message: message.into(),
        });
        self
    }
}

impl fmt::Display for PolicyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PolicyProblem {}

impl Diagnostic for PolicyProblem {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = self
            .span
            .clone()
            .map(|span| LabeledSpan::new_primary_with_span(Some(self.label.clone()), span));
        let secondary = self
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span.clone()));
        let all: Vec<LabeledSpan> = primary.into_iter().chain(secondary).collect();
        if all.is_empty() {
            None
        } else {
            Some(Box::new(all.into_iter()))
        }
    }
}

/// A policy file that cannot be used. It carries every problem found; as a
/// [`miette::Diagnostic`] each problem is a related diagnostic with its
/// labelled span in the policy file. The caller prints it and exits with 2.
#[derive(Debug)]
pub struct PolicyError {
    name: String,
    source: Option<NamedSource<Arc<str>>>,
    problems: Vec<PolicyProblem>,
}

impl PolicyError {
    /// An error about the policy file `name` whose text is `text`; the
    /// problems' line and column are computed here.
    pub(super) fn new(name: &str, text: Arc<str>, mut problems: Vec<PolicyProblem>) -> Self {
        let file = SourceFile::new(0, name.to_string(), Arc::clone(&text));
        problems.sort_by_key(|p| p.span.as_ref().map(|s| s.start));
        for problem in &mut problems {
            problem.start = problem
                .span
                .as_ref()
                .map(|s| file.line_col(u32::try_from(s.start).unwrap_or(u32::MAX)));
        }
        PolicyError {
            name: name.to_string(),
            source: Some(NamedSource::new(name, text).with_language("yaml")),
            problems,
        }
    }

    /// An error about a policy file that could not be read.
    pub(super) fn unreadable(name: &str, message: String) -> Self {
        PolicyError {
            name: name.to_string(),
            source: None,
            problems: vec![PolicyProblem::without_span(message)],
        }
    }

    /// The policy file's path as shown.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every problem found, in file order.
    pub fn problems(&self) -> &[PolicyProblem] {
        &self.problems
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [only] if only.span.is_none() => {
                write!(
                    f,
                    "cannot use the policy file {}: {}",
                    self.name, only.message
                )
            }
            [_] => write!(f, "invalid policy file {}", self.name),
            problems => write!(
                f,
                "invalid policy file {} ({} problems)",
                self.name,
                problems.len()
            ),
        }
    }
}

impl std::error::Error for PolicyError {}

impl Diagnostic for PolicyError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        // The problems carry their own help; this one says what else to do
        // about a file that was read (an unreadable one says why already).
        self.source.as_ref()?;
        Some(Box::new(
            "fix the policy file, or run with --no-config to use the built-in default \
             (`promolint schema policy` prints the format)",
        ))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        let with_span = self.problems.iter().filter(|p| p.span.is_some());
        Some(Box::new(with_span.map(|p| p as &dyn Diagnostic)))
    }
}
