//! Output formats. Every format reads the same [`Outcome`]; none computes
//! positions on its own beyond turning a [`crate::source::Loc`] into line and
//! column through [`crate::source::SourceFile::line_col`].

use std::io::{self, Write};

use crate::finding::Finding;
use crate::source::Sources;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Junit,
}

/// Something that stopped the tool from checking a file (exit code 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolError {
    pub file: String,
    pub message: String,
}

/// Everything a report needs: the findings to print (sorted, severities
/// applied, suppressed ones removed) and the run's totals.
pub struct Outcome<'a> {
    pub sources: &'a Sources,
    pub findings: &'a [Finding],
    pub files_checked: usize,
    pub suppressed: usize,
    /// Findings removed by suppressions, per rule id (for `--statistics`).
    pub suppressed_by_rule: &'a [(&'static str, usize)],
    pub tool_errors: &'a [ToolError],
}

pub struct Options {
    pub color: bool,
    pub quiet: bool,
    pub statistics: bool,
    /// Render width for the human format (tests pin it).
    pub width: usize,
}

pub fn write(
    format: Format,
    outcome: &Outcome,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let _ = (format, outcome, options, out);
    Ok(())
}
