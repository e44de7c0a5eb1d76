//! Stage 1: which files a run reads, and which of them it reports on.
//!
//! The project is the context (CLI.md): every selected file under the
//! project root is read so templates resolve and cross-file rules see every
//! document, but findings are reported only for the files the user named.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::policy::FileSelector;
use crate::report::ToolError;

/// Which files of the project root are campaign and template files.
pub type Selection = FileSelector;

/// One file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The path as reported: as named or as found by the walk, `./` removed.
    pub display: String,
    /// Where to read it (`None` for standard input).
    pub path: Option<PathBuf>,
    /// Path relative to the project root, for globs (`overrides`).
    pub relative: String,
    /// Whether its findings are reported.
    pub named: bool,
}

/// What the user asked to check.
pub enum Target {
    Path(PathBuf),
    Stdin { name: String },
}

/// Lists the files of a run, sorted by display path, each once.
pub fn collect(
    root: &Path,
    targets: &[Target],
    selection: &Selection,
) -> (Vec<Entry>, Vec<ToolError>) {
    let mut errors = Vec::new();
    let mut by_key: HashMap<PathBuf, Entry> = HashMap::new();
    let mut stdin_entries = Vec::new();

    for target in targets {
        match target {
            Target::Stdin { name } => stdin_entries.push(Entry {
                display: clean_display(Path::new(name)),
                path: None,
                relative: relative_to(root, Path::new(name))
                    .unwrap_or_else(|| clean_display(Path::new(name))),
                named: true,
            }),
            Target::Path(path) => {
                if !path.exists() {
                    errors.push(ToolError {
                        file: clean_display(path),
                        message: "no such file or directory".into(),
                    });
                    continue;
                }
                if path.is_dir() {
                    walk_dir(root, path, selection, true, &mut by_key, &mut errors);
                } else {
                    // Named files inside the project are filtered like
                    // walked ones, so a hook may pass every changed YAML
                    // file (`.pre-commit-config.yaml` included).
                    let relative = relative_to(root, path);
                    if relative
                        .as_deref()
                        .is_some_and(|r| is_hidden(r) || !selection.is_selected(Path::new(r)))
                    {
                        continue;
                    }
                    insert(&mut by_key, entry(root, path, true));
                }
            }
        }
    }
    // Walking the root for context is needed unless a named directory
    // already covered it.
    let root_walked = targets.iter().any(|t| match t {
        Target::Path(p) => p.is_dir() && absolute(p) == absolute(root),
        Target::Stdin { .. } => false,
    });
    if !root_walked {
        walk_dir(root, root, selection, false, &mut by_key, &mut errors);
    }

    let mut entries: Vec<Entry> = by_key.into_values().collect();
    // The standard input replaces a project file of the same name: it is
    // that file's new content.
    for stdin in stdin_entries {
        entries.retain(|e| e.relative != stdin.relative);
        entries.push(stdin);
    }
    entries.sort_by(|a, b| a.display.as_bytes().cmp(b.display.as_bytes()));
    (entries, errors)
}

fn walk_dir(
    root: &Path,
    dir: &Path,
    selection: &Selection,
    named: bool,
    by_key: &mut HashMap<PathBuf, Entry>,
    errors: &mut Vec<ToolError>,
) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for result in walker {
        let dirent = match result {
            Ok(d) => d,
            Err(error) => {
                errors.push(ToolError {
                    file: clean_display(dir),
                    message: error.to_string(),
                });
                continue;
            }
        };
        let path = dirent.path();
        // A symbolic link is read when it points at a file; links to
        // directories are not followed, so a link loop cannot trap the walk.
        let is_file = dirent.file_type().is_some_and(|t| t.is_file())
            || (dirent.path_is_symlink() && path.is_file());
        if !is_file {
            continue;
        }
        let selected = match relative_to(root, path) {
            Some(relative) => selection.is_selected(Path::new(&relative)),
            // Outside the project: only named directories get here.
            None => {
                let within = path.strip_prefix(dir).unwrap_or(path);
                selection.is_selected(within)
            }
        };
        if selected {
            insert(by_key, entry(root, path, named));
        }
    }
}

fn entry(root: &Path, path: &Path, named: bool) -> Entry {
    // A walk from an absolute project root (a policy found above the current
    // directory) still reports paths relative to where the user is.
    let shown = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path.strip_prefix(&cwd).unwrap_or(path).to_path_buf(),
        _ => path.to_path_buf(),
    };
    Entry {
        display: clean_display(&shown),
        path: Some(path.to_path_buf()),
        relative: relative_to(root, path).unwrap_or_else(|| clean_display(path)),
        named,
    }
}

/// One entry per file; named wins over context.
fn insert(by_key: &mut HashMap<PathBuf, Entry>, new: Entry) {
    let key = new
        .path
        .as_deref()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()))
        .unwrap_or_default();
    match by_key.get_mut(&key) {
        Some(existing) => existing.named |= new.named,
        None => {
            by_key.insert(key, new);
        }
    }
}

/// Whether a path relative to the project root lies in a hidden file or
/// directory, which the walk skips.
fn is_hidden(relative: &str) -> bool {
    relative
        .split('/')
        .any(|part| part.starts_with('.') && part != "." && part != "..")
}

/// `path` relative to `root` with `/` separators, if it lies inside it.
pub fn relative_to(root: &Path, path: &Path) -> Option<String> {
    let root = absolute(root);
    let path = absolute(path);
    let rel = path.strip_prefix(&root).ok()?;
    Some(
        rel.components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// An absolute, lexically normalized path (no file system access beyond the
/// current directory).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
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

/// The path as reported: `/` separators, no leading `./`.
pub fn clean_display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut rest = text.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    if rest.is_empty() {
        ".".to_string()
    } else {
        rest.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_drop_dot_slash() {
        assert_eq!(clean_display(Path::new("./a/b.yaml")), "a/b.yaml");
        assert_eq!(clean_display(Path::new("a/b.yaml")), "a/b.yaml");
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_to(Path::new("/x/y"), Path::new("/x/y/a/b.yaml")).as_deref(),
            Some("a/b.yaml")
        );
        assert_eq!(relative_to(Path::new("/x/y"), Path::new("/x/z.yaml")), None);
    }
}
