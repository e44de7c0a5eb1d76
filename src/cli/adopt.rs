//! What `check` does for adopting promolint on an existing repository:
//! writing fixes (`--fix`), showing them (`--diff`), and baselines
//! (`--write-baseline`, `--baseline`, `--prune-baseline`).

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use super::{ExitCode, Failure, io_failure};
use crate::baseline::{Applied, Baseline, Entry};
use crate::engine::Run;
use crate::finding::Finding;
use crate::fix::{self, Changed};
use crate::report::ToolError;

/// `--diff`: each changed file's unified diff on `out`, what it would fix
/// on `err`; exit 1 when there is a diff.
pub(super) fn diff(
    changed: &[Changed],
    applied: usize,
    run: &Run,
    quiet: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    for file in changed {
        write!(
            out,
            "{}",
            fix::diff::unified(&file.display, &file.before, &file.after)
        )
        .map_err(io_failure)?;
    }
    write_tool_errors(&run.tool_errors, err)?;
    if !quiet {
        let line = if changed.is_empty() {
            "no fixes to apply".to_string()
        } else {
            format!(
                "would fix {} in {}",
                plural(applied, "finding", "findings"),
                plural(changed.len(), "file", "files")
            )
        };
        writeln!(err, "{line}").map_err(io_failure)?;
    }
    Ok(if !run.tool_errors.is_empty() {
        ExitCode::Failure
    } else if changed.is_empty() {
        ExitCode::Clean
    } else {
        ExitCode::Findings
    })
}

/// `--fix`: each changed file on disk replaced (standard input's text is
/// printed by the caller); a file that cannot be written is a tool error
/// and is left as it was.
pub(super) fn write_fixes(
    changed: &[Changed],
    applied: usize,
    quiet: bool,
    tool_errors: &mut Vec<ToolError>,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let mut failed = 0;
    for file in changed {
        let Some(path) = &file.path else { continue };
        if let Err(problem) = fix::write::replace(path, &file.after) {
            failed += 1;
            tool_errors.push(ToolError {
                file: file.display.clone(),
                message: format!("cannot write the fixes: {problem}; the file was left as it was"),
            });
        }
    }
    if !quiet && applied > 0 {
        writeln!(
            err,
            "fixed {} in {}",
            plural(applied, "finding", "findings"),
            plural(changed.len() - failed, "file", "files")
        )
        .map_err(io_failure)?;
    }
    Ok(())
}

/// `--write-baseline FILE`: every finding of the run recorded; refused when
/// a file could not be read (the baseline would miss its findings).
pub(super) fn write_baseline(
    run: &Run,
    path: &Path,
    err: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    if !run.tool_errors.is_empty() {
        write_tool_errors(&run.tool_errors, err)?;
        return Err(Failure(format!(
            "the baseline {} was not written: a file could not be checked",
            path.display()
        )));
    }
    let baseline = Baseline::record(&run.sources, &run.findings, &|file| relative(run, file));
    std::fs::write(path, baseline.to_json())
        .map_err(|e| Failure(format!("cannot write the baseline {}: {e}", path.display())))?;
    writeln!(
        err,
        "recorded {} in {}",
        plural(baseline.entries.len(), "finding", "findings"),
        path.display()
    )
    .map_err(io_failure)?;
    Ok(ExitCode::Clean)
}

/// `--baseline FILE`: the findings it covers taken out of the run (and
/// returned); its entries for the files checked that matched nothing are
/// reported on `err`, and removed from FILE with `--prune-baseline`.
pub(super) fn apply_baseline(
    run: &mut Run,
    path: &Path,
    prune: bool,
    err: &mut dyn Write,
) -> Result<Vec<Finding>, Failure> {
    let baseline = Baseline::read(path).map_err(Failure)?;
    let findings = std::mem::take(&mut run.findings);
    let Applied {
        kept,
        baselined,
        matched,
        unused,
    } = baseline.apply(&run.sources, findings, &|file| relative(run, file));
    run.findings = kept;
    // Entries of files this run did not check are neither unused nor
    // pruned: a hook that names two files keeps the rest of the baseline.
    let checked: HashSet<&str> = run
        .files
        .iter()
        .filter(|f| f.named)
        .map(|f| f.relative.as_str())
        .collect();
    let (unused, elsewhere): (Vec<Entry>, Vec<Entry>) = unused
        .into_iter()
        .partition(|entry| checked.contains(entry.file.as_str()));
    for entry in &unused {
        let campaign = entry
            .campaign
            .as_deref()
            .map(|c| format!(" (campaign {c})"))
            .unwrap_or_default();
        writeln!(
            err,
            "warning: baseline entry matched no finding: {} [{}]{campaign}",
            entry.file, entry.rule
        )
        .map_err(io_failure)?;
    }
    if prune && !unused.is_empty() {
        let mut entries = matched;
        entries.extend(elsewhere);
        entries.sort();
        let pruned = Baseline { entries };
        std::fs::write(path, pruned.to_json())
            .map_err(|e| Failure(format!("cannot write the baseline {}: {e}", path.display())))?;
        writeln!(
            err,
            "pruned {} from {}",
            plural(unused.len(), "entry", "entries"),
            path.display()
        )
        .map_err(io_failure)?;
    } else if !unused.is_empty() {
        writeln!(
            err,
            "{} matched nothing; --prune-baseline removes them",
            plural(unused.len(), "baseline entry", "baseline entries")
        )
        .map_err(io_failure)?;
    }
    Ok(baselined)
}

/// A file of the run as a baseline records it: relative to the project
/// root, `/`-separated.
fn relative(run: &Run, file: crate::source::FileId) -> String {
    let path = run.files.get(file as usize).map_or_else(
        || run.sources.path(file).to_string(),
        |f| f.relative.clone(),
    );
    if std::path::MAIN_SEPARATOR == '\\' {
        path.replace('\\', "/")
    } else {
        path
    }
}

fn write_tool_errors(errors: &[ToolError], err: &mut dyn Write) -> Result<(), Failure> {
    for error in errors {
        writeln!(err, "error: {}: {}", error.file, error.message).map_err(io_failure)?;
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
