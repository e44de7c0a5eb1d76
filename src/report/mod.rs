//! Output formats. Every format reads the same [`Outcome`]; none computes
//! positions on its own beyond turning a [`crate::source::Loc`] into line and
//! column through [`crate::source::SourceFile::line_col`].

mod concise;
mod escape;
mod github;
mod human;
mod json;
mod junit;
mod sarif;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use crate::finding::{Finding, FixApplicability, Severity};
use crate::source::{LineCol, Loc, Sources};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Junit,
}

impl Format {
    /// Whether the output is read by a program (CI), which needs a valid
    /// document even when the tool fails.
    pub fn is_machine(self) -> bool {
        matches!(
            self,
            Format::Json | Format::Sarif | Format::Github | Format::Junit
        )
    }

    /// Whether the report prints source text (the human snippets, SARIF's
    /// regions counted in UTF-16 from the lines); the other formats need
    /// only the line and column of each location.
    pub fn shows_source(self) -> bool {
        matches!(self, Format::Human | Format::Sarif)
    }
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
    /// Named files with no campaign document (FORMAT.md): not checked.
    pub files_skipped: usize,
    /// The reported paths of the files checked (a clean one is a passing
    /// JUnit test case).
    pub checked_files: &'a [String],
    pub suppressed: usize,
    /// Findings removed by suppressions, per rule id (for `--statistics`).
    pub suppressed_by_rule: &'a [(&'static str, usize)],
    pub tool_errors: &'a [ToolError],
    /// The directory relative reported paths are relative to (the current
    /// directory of the run). SARIF names it as `%SRCROOT%`; `None` leaves
    /// the base unresolved, which keeps test output free of machine paths.
    pub base_dir: Option<&'a Path>,
    /// With `--baseline`: the findings the baseline covered (not reported;
    /// SARIF lists them as `unchanged`). `None` without a baseline.
    pub baselined: Option<&'a [Finding]>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub color: bool,
    pub quiet: bool,
    pub statistics: bool,
    /// Render width for the human format (tests pin it).
    pub width: usize,
    /// `--unsafe-fixes`: the text formats mark unsafe fixes as available
    /// too (JSON and SARIF always carry every fix with its applicability).
    pub unsafe_fixes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            color: false,
            quiet: false,
            statistics: false,
            width: 100,
            unsafe_fixes: false,
        }
    }
}

/// Writes the outcome in one format.
pub fn write(
    format: Format,
    outcome: &Outcome,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(outcome, options, out),
        Format::Concise => concise::write(outcome, options, out),
        Format::Json => json::write(outcome, options, out),
        Format::Sarif => sarif::write(outcome, options, out),
        Format::Github => github::write(outcome, options, out),
        Format::Junit => junit::write(outcome, options, out),
    }
}

/// The note the text formats add to a finding that has a fix they may
/// offer: safe fixes always, unsafe ones with `--unsafe-fixes`.
pub(crate) fn fix_note(finding: &Finding, options: &Options) -> Option<String> {
    let fix = finding.fix.as_ref()?;
    match fix.applicability {
        FixApplicability::Safe => Some(format!("fix available (--fix): {}", fix.message)),
        FixApplicability::Unsafe if options.unsafe_fixes => Some(format!(
            "unsafe fix available (--fix --unsafe-fixes): {}",
            fix.message
        )),
        FixApplicability::Unsafe => None,
    }
}

/// Error and warning findings, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Self {
        findings
            .iter()
            .fold(Counts::default(), |mut counts, finding| {
                match finding.severity {
                    Severity::Error => counts.errors += 1,
                    Severity::Warning => counts.warnings += 1,
                }
                counts
            })
    }
}

/// `N errors, M warnings in K files`, the last line of the human, concise and
/// github formats.
pub fn summary_line(outcome: &Outcome) -> String {
    let counts = Counts::of(outcome.findings);
    let line = format!(
        "{}, {} in {}",
        plural(counts.errors, "error", "errors"),
        plural(counts.warnings, "warning", "warnings"),
        plural(outcome.files_checked, "file", "files"),
    );
    match outcome.baselined {
        Some(baselined) if !baselined.is_empty() => {
            format!("{line} ({} baselined)", baselined.len())
        }
        _ => line,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A location made ready for printing: the reported path, the byte range
/// moved onto character boundaries inside the text, and its line/column
/// positions (`end` exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place<'a> {
    pub path: &'a str,
    pub start_offset: u32,
    pub end_offset: u32,
    pub start: LineCol,
    pub end: LineCol,
}

impl Place<'_> {
    pub fn length(&self) -> u32 {
        self.end_offset.saturating_sub(self.start_offset)
    }
}

/// Reported for a location whose file is not in [`Sources`]; every format
/// needs some non-empty name.
const UNKNOWN_PATH: &str = "<unknown>";

pub(crate) fn place<'a>(sources: &'a Sources, loc: Loc) -> Place<'a> {
    let Some(file) = sources.get(loc.file) else {
        let origin = LineCol { line: 1, column: 1 };
        return Place {
            path: UNKNOWN_PATH,
            start_offset: 0,
            end_offset: 0,
            start: origin,
            end: origin,
        };
    };
    // The same rounding `line_col` applies, so that offsets and
    // line/column always agree.
    let start_offset = file.floor_char_boundary(loc.start);
    let end_offset = file.floor_char_boundary(loc.end).max(start_offset);
    Place {
        path: if file.path.is_empty() {
            UNKNOWN_PATH
        } else {
            &file.path
        },
        start_offset,
        end_offset,
        start: file.line_col(start_offset),
        end: file.line_col(end_offset),
    }
}

/// One row of `--statistics`: findings reported and suppressed for a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleCount {
    pub rule: &'static str,
    pub count: usize,
    pub suppressed: usize,
}

/// Per-rule counts, the most frequent rule first, ties by rule id. Rules
/// whose findings were all suppressed are listed with a count of zero.
pub fn rule_counts(outcome: &Outcome) -> Vec<RuleCount> {
    let mut by_rule: BTreeMap<&'static str, RuleCount> = BTreeMap::new();
    fn row<'m>(
        by_rule: &'m mut BTreeMap<&'static str, RuleCount>,
        rule: &'static str,
    ) -> &'m mut RuleCount {
        by_rule.entry(rule).or_insert(RuleCount {
            rule,
            count: 0,
            suppressed: 0,
        })
    }
    for finding in outcome.findings {
        row(&mut by_rule, finding.rule).count += 1;
    }
    for &(rule, suppressed) in outcome.suppressed_by_rule {
        row(&mut by_rule, rule).suppressed += suppressed;
    }
    let mut rows: Vec<RuleCount> = by_rule.into_values().collect();
    // Stable after the map's id order, so ties stay sorted by id.
    rows.sort_by_key(|row| std::cmp::Reverse(row.count));
    rows
}

/// The `--statistics` table of the text formats:
///
/// ```text
/// count  suppressed  rule
///     3           1  rate-ceiling
/// ```
pub(crate) fn write_statistics(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    const COUNT: &str = "count";
    const SUPPRESSED: &str = "suppressed";
    let rows = rule_counts(outcome);
    let count_width = rows
        .iter()
        .map(|row| row.count.to_string().len())
        .chain([COUNT.len()])
        .max()
        .unwrap_or(COUNT.len());
    let suppressed_width = rows
        .iter()
        .map(|row| row.suppressed.to_string().len())
        .chain([SUPPRESSED.len()])
        .max()
        .unwrap_or(SUPPRESSED.len());
    writeln!(
        out,
        "{COUNT:>count_width$}  {SUPPRESSED:>suppressed_width$}  rule"
    )?;
    for row in &rows {
        writeln!(
            out,
            "{:>count_width$}  {:>suppressed_width$}  {}",
            row.count, row.suppressed, row.rule
        )?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests {
    use super::test_support::Fixture;
    use super::*;

    #[test]
    fn summary_uses_singular_and_plural() {
        let fixture = Fixture::new();
        let outcome = fixture.outcome();
        assert_eq!(summary_line(&outcome), "3 errors, 1 warning in 3 files");

        let one = &fixture.findings[1..2];
        let outcome = Outcome {
            findings: one,
            files_checked: 1,
            files_skipped: 0,
            checked_files: &[],
            ..fixture.outcome()
        };
        assert_eq!(summary_line(&outcome), "1 error, 0 warnings in 1 file");
    }

    #[test]
    fn rule_counts_sort_by_count_then_id_and_keep_suppressed_only_rules() {
        let fixture = Fixture::new();
        let rows = rule_counts(&fixture.outcome());
        let summary: Vec<_> = rows
            .iter()
            .map(|r| (r.rule, r.count, r.suppressed))
            .collect();
        assert_eq!(
            summary,
            [
                ("rate-ceiling", 2, 1),
                ("ambiguous-scalar", 1, 0),
                ("yaml-syntax", 1, 0),
                ("unknown-channel", 0, 2),
            ]
        );
    }

    #[test]
    fn place_moves_offsets_onto_character_boundaries() {
        let fixture = Fixture::new();
        let cjk = fixture
            .sources
            .get(fixture.cjk)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        let inside_char = cjk.find('春').map(|i| i + 1).unwrap_or(0);
        let loc = Loc::new(fixture.cjk, 0, inside_char, inside_char + 1);
        let place = place(&fixture.sources, loc);
        assert_eq!(place.start_offset as usize, inside_char - 1);
        assert_eq!(place.start, fixture.line_col(fixture.cjk, inside_char - 1));

        let beyond = place_of(&fixture, Loc::new(fixture.cjk, 0, 10_000, 20_000));
        assert_eq!(beyond.start_offset as usize, cjk.len());
        assert_eq!(beyond.length(), 0);

        let unknown = place_of(&fixture, Loc::new(99, 0, 3, 5));
        assert_eq!(unknown.path, UNKNOWN_PATH);
    }

    fn place_of(fixture: &Fixture, loc: Loc) -> Place<'_> {
        place(&fixture.sources, loc)
    }
}
