//! `promolint mangen DIR`: the man pages, generated from the command line's
//! definition by clap_mangen, one for `promolint` and one per command.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use super::{Cli, Failure};

/// Writes the pages into `dir` (created if missing) and lists them on `out`.
///
/// The pages carry the bare package version, not the commit of
/// `--version`: the pages the wheel ships are checked in (a test keeps them
/// current), and must not change with every commit.
pub fn write(dir: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let fail =
        |e: std::io::Error| Failure(format!("cannot write man pages to {}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let command = Cli::command().version(env!("CARGO_PKG_VERSION"));
    clap_mangen::generate_to(command, dir).map_err(fail)?;
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .map_err(fail)?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("promolint") && name.ends_with(".1"))
        .collect();
    pages.sort();
    for page in pages {
        writeln!(out, "{}", dir.join(page).display())
            .map_err(|e| Failure(format!("cannot write output: {e}")))?;
    }
    Ok(())
}
