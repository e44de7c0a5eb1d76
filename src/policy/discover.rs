//! Which policy file is in effect, and the project root.

use std::path::{Component, Path, PathBuf};

use super::{Policy, PolicyError};

/// The name of a policy file.
pub const POLICY_FILE_NAME: &str = ".promolint.yaml";

/// The policy file for `start_dir`: `.promolint.yaml` in it, else in each
/// parent up to the root of the git repository (a directory containing
/// `.git`, whose own policy file still counts) or of the file system.
/// A relative `start_dir` is taken from the current directory; the path
/// returned is absolute.
pub fn discover(start_dir: &Path) -> Option<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let start = normalize_absolute(start_dir, &cwd);
    for dir in start.ancestors() {
        let candidate = dir.join(POLICY_FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved by the
/// text alone (symbolic links are not followed, so the paths reported are
/// the ones the user wrote).
pub fn normalize_absolute(path: &Path, cwd: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Which policy the command line asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigChoice<'a> {
    /// No `--config` / `--no-config`: look for `.promolint.yaml`.
    Discover,
    /// `--config PATH`.
    File(&'a Path),
    /// `--no-config`: the built-in default.
    Builtin,
}

/// The policy in effect for a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectivePolicy {
    pub policy: Policy,
    /// The policy file read (absolute), if any.
    pub source: Option<PathBuf>,
    /// The project root (absolute): the policy file's directory, else the
    /// git repository or directory named (CLI.md). The globs of `files` and `overrides` are relative to it.
    pub root: PathBuf,
}

impl EffectivePolicy {
    /// `path` (relative to `cwd`, or absolute) relative to the project
    /// root; `None` for a path outside the root.
    pub fn relative_path(&self, path: &Path, cwd: &Path) -> Option<PathBuf> {
        normalize_absolute(path, cwd)
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }
}

/// The effective policy: `choice` as the command line gives it, and the
/// first PATH of `check` (`None` or `-` for the current directory), where
/// discovery starts. Relative paths are relative to `cwd`.
pub fn effective_policy(
    choice: ConfigChoice<'_>,
    first_path: Option<&Path>,
    cwd: &Path,
) -> Result<EffectivePolicy, PolicyError> {
    let cwd = normalize_absolute(Path::new(""), cwd);
    let source = match choice {
        ConfigChoice::Builtin => None,
        ConfigChoice::File(path) => Some((
            normalize_absolute(path, &cwd),
            path.to_string_lossy().into_owned(),
        )),
        ConfigChoice::Discover => {
            let start = match first_path {
                None => cwd.clone(),
                Some(path) if path == Path::new("-") => cwd.clone(),
                Some(path) => {
                    let path = normalize_absolute(path, &cwd);
                    if path.is_dir() {
                        path
                    } else {
                        path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf)
                    }
                }
            };
            discover(&start).map(|path| {
                let name = display_name(&path, &cwd);
                (path, name)
            })
        }
    };
    match source {
        None => Ok(EffectivePolicy {
            policy: Policy::builtin(),
            source: None,
            root: root_without_policy(first_path, &cwd),
        }),
        Some((path, name)) => {
            let policy = Policy::load(&path, &name)?;
            let root = path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
            Ok(EffectivePolicy {
                policy,
                source: Some(path),
                root,
            })
        }
    }
}

/// The project root when no policy file is in effect (CLI.md): the root of
/// the git repository that holds the first PATH (the current directory for
/// `-` or no PATH); outside git, the first PATH when it is a directory, else
/// the current directory. A directory named is never widened to the
/// unrelated folders around it.
fn root_without_policy(first_path: Option<&Path>, cwd: &Path) -> PathBuf {
    let first = first_path
        .filter(|path| *path != Path::new("-"))
        .map(|path| normalize_absolute(path, cwd));
    let start = match &first {
        Some(path) if path.is_dir() => path.clone(),
        Some(path) => path
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf),
        None => cwd.to_path_buf(),
    };
    if let Some(repository) = start.ancestors().find(|dir| dir.join(".git").exists()) {
        return repository.to_path_buf();
    }
    match first {
        Some(path) if path.is_dir() => path,
        _ => cwd.to_path_buf(),
    }
}

/// How diagnostics show a policy file: relative to the current directory
/// when it is inside it, absolute otherwise.
fn display_name(path: &Path, cwd: &Path) -> String {
    let shown = path.strip_prefix(cwd).unwrap_or(path);
    shown.to_string_lossy().into_owned()
}
