//! `promolint init`: a commented starter `.promolint.yaml`.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use miette::Diagnostic;

use super::POLICY_FILE_NAME;

/// The starter policy: the commonest settings at their default values, with
/// comments, so it changes nothing until it is edited.
pub const STARTER: &str = include_str!("starter.yaml");

/// Why `promolint init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    /// The directory has a policy file already; it is never overwritten.
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for InitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InitError::Exists(path) => write!(f, "{} exists already", path.display()),
            InitError::Io(path, error) => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for InitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InitError::Exists(_) => None,
            InitError::Io(_, error) => Some(error),
        }
    }
}

impl Diagnostic for InitError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self {
            InitError::Exists(_) => Some(Box::new(
                "promolint init never overwrites a policy file: edit it, or remove it first",
            )),
            InitError::Io(..) => None,
        }
    }
}

/// Writes [`STARTER`] to `.promolint.yaml` in `dir` and returns its path;
/// refuses when the file exists (checked and created in one step).
pub fn write_starter(dir: &Path) -> Result<PathBuf, InitError> {
    let path = dir.join(POLICY_FILE_NAME);
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(InitError::Exists(path));
        }
        Err(e) => return Err(InitError::Io(path, e)),
    };
    match file
        .write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all())
    {
        Ok(()) => Ok(path),
        Err(e) => Err(InitError::Io(path, e)),
    }
}
