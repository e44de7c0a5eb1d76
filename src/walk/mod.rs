//! Stage 1: which files a run reads, and which of them it reports on.
//!
//! The project is the context (CLI.md): every selected file under the
//! project root is read so templates resolve and cross-file rules see every
//! document, but findings are reported only for the files the user named.

use std::path::{Component, Path, PathBuf};

mod once;

use crate::policy::FileSelector;
use crate::report::ToolError;
use once::{Found, Walk};

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
    /// A symbolic link found by the walk whose target lies outside the
    /// project: it is reported, never read (its target may be any file of
    /// the machine, `/etc/passwd` or a CI secret).
    pub link_outside: bool,
    /// Its size and modification time, when the run asked the walk for them
    /// (the cache's: [`Stamps::Taken`]).
    pub stamp: Option<Stamp>,
}

/// Whether [`collect`] takes each file's [`Stamp`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stamps {
    Taken,
    NotTaken,
}

/// A file's size and modification time, as `stat` gives them (through a
/// link, the target's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub modified: u128,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Stamp {
            size: meta.len(),
            modified: modified.as_nanos(),
        })
    }
}

/// How many paths the walk hands to the thread that stats them at a time.
const STAMP_BATCH: usize = 256;

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
    stamps: Stamps,
) -> (Vec<Entry>, Vec<ToolError>) {
    let mut errors = Vec::new();
    let mut found = Found::default();
    let mut stdin_entries = Vec::new();
    // Read once: every path of the run is made absolute against it (a
    // `getcwd` per file was a large part of the walk's time).
    let places = Places::new(root);

    for target in targets {
        match target {
            Target::Stdin { name } => stdin_entries.push(Entry {
                display: clean_display(Path::new(name)),
                path: None,
                relative: places
                    .relative(Path::new(name))
                    .unwrap_or_else(|| clean_display(Path::new(name))),
                named: true,
                link_outside: false,
                stamp: None,
            }),
            Target::Path(path) => {
                // Whatever stops the path from being looked at (a parent
                // that cannot be searched, a link loop) is said as it is.
                if let Err(error) = std::fs::metadata(path) {
                    errors.push(ToolError {
                        file: clean_display(path),
                        message: unreachable_path(&error),
                    });
                    continue;
                }
                if path.is_dir() {
                    let walked = Walked {
                        places: &places,
                        dir: path,
                        selection,
                        named: true,
                        stamps,
                    };
                    walk_dir(&walked, &mut found, &mut errors);
                } else {
                    // Named files inside the project are filtered like
                    // walked ones, so a hook may pass every changed YAML
                    // file (`.pre-commit-config.yaml` included).
                    let relative = places.relative(path);
                    if relative
                        .as_deref()
                        .is_some_and(|r| is_hidden(r) || !selection.is_selected(Path::new(r)))
                    {
                        continue;
                    }
                    // A path inside the project that leads out of it (a
                    // link, or a linked directory on the way) is not read.
                    if relative.is_some() && !places.leads_inside(path, None) {
                        errors.push(ToolError {
                            file: clean_display(path),
                            message: OUTSIDE_MESSAGE.into(),
                        });
                        continue;
                    }
                    let mut entry = places.entry(path.clone(), relative, true);
                    if stamps == Stamps::Taken {
                        entry.stamp = Stamp::of(path);
                    }
                    found.files.push((entry, None));
                }
            }
        }
    }
    // Walking the root for context is needed unless a named directory
    // already covered it.
    let root_walked = targets.iter().any(|t| match t {
        Target::Path(p) => p.is_dir() && places.absolute(p) == places.root,
        Target::Stdin { .. } => false,
    });
    if !root_walked {
        let walked = Walked {
            places: &places,
            dir: root,
            selection,
            named: false,
            stamps,
        };
        walk_dir(&walked, &mut found, &mut errors);
    }

    let mut entries = found.each_file_once();
    // The standard input replaces a project file of the same name: it is
    // that file's new content.
    for stdin in stdin_entries {
        entries.retain(|e| e.relative != stdin.relative);
        entries.push(stdin);
    }
    // The walks do not sort directories (a sort by file name re-parses
    // each path for every comparison); the run's order is made here.
    entries.sort_by(|a, b| a.display.as_bytes().cmp(b.display.as_bytes()));
    errors.sort_by(|a, b| a.file.cmp(&b.file));
    (entries, errors)
}

/// Why a named path cannot be checked, in the words of the system
/// ("permission denied", "too many levels of symbolic links"), without
/// the `(os error N)` tail for the common case.
fn unreachable_path(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        // `stat` needs no permission on the file itself, only on the
        // directories leading to it.
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: a directory on its path cannot be searched".into()
        }
        #[cfg(unix)]
        _ if error.raw_os_error() == Some(libc::ELOOP) => {
            "too many levels of symbolic links: a link loop on its path".into()
        }
        _ => error.to_string(),
    }
}

/// Why a link (or a path through a linked directory) is not read.
pub const OUTSIDE_MESSAGE: &str =
    "a symbolic link to a file outside the project root; it was not read";

/// The current directory and the project root, made absolute once per run.
struct Places {
    cwd: PathBuf,
    /// The project root, absolute and lexically normalized.
    root: PathBuf,
    /// The project root with every link resolved, once.
    canonical_root: Option<PathBuf>,
}

impl Places {
    fn new(root: &Path) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = absolute_from(&cwd, root);
        let canonical_root = std::fs::canonicalize(&root).ok();
        Places {
            cwd,
            root,
            canonical_root,
        }
    }

    /// Whether `path`, links resolved, lies inside the project root (or
    /// inside `walked`, the canonical directory a walk outside the root
    /// started from).
    fn leads_inside(&self, path: &Path, walked: Option<&Path>) -> bool {
        let Ok(target) = std::fs::canonicalize(path) else {
            // A dangling link or a loop: nothing is read through it anyway.
            return true;
        };
        self.canonical_root
            .iter()
            .map(PathBuf::as_path)
            .chain(walked)
            .any(|base| target.starts_with(base))
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        absolute_from(&self.cwd, path)
    }

    /// `path` relative to the project root, if it lies inside it.
    fn relative(&self, path: &Path) -> Option<String> {
        relative_from(&self.root, &self.absolute(path))
    }

    fn entry(&self, path: PathBuf, relative: Option<String>, named: bool) -> Entry {
        // A walk from an absolute project root (a policy found above the
        // current directory) still reports paths relative to where the user
        // is.
        let shown = if path.is_absolute() {
            path.strip_prefix(&self.cwd).unwrap_or(&path)
        } else {
            &path
        };
        let display = clean_display(shown);
        Entry {
            display,
            relative: relative.unwrap_or_else(|| clean_display(&path)),
            path: Some(path),
            named,
            link_outside: false,
            stamp: None,
        }
    }
}

/// One directory to walk, and how.
struct Walked<'w> {
    places: &'w Places,
    dir: &'w Path,
    selection: &'w Selection,
    named: bool,
    stamps: Stamps,
}

fn walk_dir(walked: &Walked, found: &mut Found, errors: &mut Vec<ToolError>) {
    if walked.stamps == Stamps::NotTaken {
        walk_files(walked, found, errors, &mut |_| {});
        return;
    }
    // A `stat` per file costs as much as the walk: another thread takes
    // them as the walk goes, and this one helps once the walk is done.
    let first = found.files.len();
    let stamps = std::thread::scope(|scope| {
        let (send, receive) = crossbeam_channel::unbounded::<(usize, Vec<PathBuf>)>();
        let mine = receive.clone();
        let stamper =
            std::thread::Builder::new().spawn_scoped(scope, move || stamp_batches(&receive));
        let Ok(stamper) = stamper else {
            walk_files(walked, found, errors, &mut |_| {});
            return Vec::new();
        };
        let mut batch = Vec::with_capacity(STAMP_BATCH);
        let mut batches = 0usize;
        walk_files(walked, found, errors, &mut |path| {
            batch.push(path.to_path_buf());
            if batch.len() == STAMP_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(STAMP_BATCH));
                let _ = send.send((batches, full));
                batches += 1;
            }
        });
        let _ = send.send((batches, batch));
        drop(send);
        let mut stamped = stamp_batches(&mine);
        // A thread that failed leaves the walk's files unstamped: the
        // per-file stage then stats them itself.
        let Ok(theirs) = stamper.join() else {
            return Vec::new();
        };
        stamped.extend(theirs);
        stamped.sort_unstable_by_key(|(index, _)| *index);
        stamped.into_iter().flat_map(|(_, stamps)| stamps).collect()
    });
    if let Some(files) = found.files.get_mut(first..) {
        for ((entry, _), stamp) in files.iter_mut().zip(stamps) {
            entry.stamp = stamp;
        }
    }
}

/// The stamps of each batch of paths received, with the batch's number.
fn stamp_batches(
    receive: &crossbeam_channel::Receiver<(usize, Vec<PathBuf>)>,
) -> Vec<(usize, Vec<Option<Stamp>>)> {
    receive
        .iter()
        .map(|(index, paths)| (index, paths.iter().map(|path| Stamp::of(path)).collect()))
        .collect()
}

/// Walks one directory, adding its files to `found`; `each` is given the
/// path of each file added, in order.
fn walk_files(
    walked: &Walked,
    found: &mut Found,
    errors: &mut Vec<ToolError>,
    each: &mut dyn FnMut(&Path),
) {
    let Walked {
        places,
        dir,
        selection,
        named,
        ..
    } = *walked;
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .build();
    let walk = found.walks.len();
    found.walks.push(Walk {
        dir: dir.to_path_buf(),
        canonical: std::fs::canonicalize(dir).ok(),
        files: found.files.len()..found.files.len(),
    });
    // A file's path relative to the root is the directory's, made once, and
    // the rest of the file's path as the walk wrote it (only plain names).
    let dir_relative = places.relative(dir);
    let dir_text = dir.to_str();
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
        let is_link = dirent.path_is_symlink();
        let is_file =
            dirent.file_type().is_some_and(|t| t.is_file()) || (is_link && path.is_file());
        if !is_file {
            continue;
        }
        let rest = dir_text.and_then(|d| rest_of(d, path));
        let relative = match (&dir_relative, rest) {
            (Some(base), Some(rest)) if base.is_empty() => Some(rest.to_owned()),
            (Some(base), Some(rest)) => Some(format!("{base}/{rest}")),
            _ => places.relative(path),
        };
        let selected = match &relative {
            Some(relative) => selection.is_selected(Path::new(relative)),
            // Outside the project: only named directories get here.
            None => {
                let within = path.strip_prefix(dir).unwrap_or(path);
                selection.is_selected(within)
            }
        };
        if selected {
            let link_outside = is_link && {
                let walked = found.walks.get(walk).and_then(|w| w.canonical.as_deref());
                !places.leads_inside(path, walked)
            };
            each(path);
            // The walk's path moves into the entry: no copy per file.
            let mut entry = places.entry(dirent.into_path(), relative, named);
            entry.link_outside = link_outside;
            found.files.push((entry, (!is_link).then_some(walk)));
        }
    }
    let end = found.files.len();
    if let Some(w) = found.walks.get_mut(walk) {
        w.files.end = end;
    }
}

/// The part of `path` after the walked directory `dir`, when it is plain
/// names joined by `/` (as the walk writes them on Unix); `None` otherwise,
/// and the path is then taken apart the general way.
fn rest_of<'p>(dir: &str, path: &'p Path) -> Option<&'p str> {
    if std::path::MAIN_SEPARATOR != '/' {
        return None;
    }
    let after = path.to_str()?.strip_prefix(dir)?;
    let rest = if dir.ends_with('/') {
        after
    } else {
        after.strip_prefix('/')?
    };
    let plain = !rest.is_empty() && rest.split('/').all(|name| !matches!(name, "" | "." | ".."));
    plain.then_some(rest)
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
    relative_from(&absolute(root), &absolute(path))
}

/// [`relative_to`] for paths already absolute and normalized.
fn relative_from(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
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
    if path.is_absolute() {
        absolute_from(Path::new("/"), path)
    } else {
        absolute_from(&std::env::current_dir().unwrap_or_default(), path)
    }
}

/// [`absolute`] against a current directory read once.
fn absolute_from(cwd: &Path, path: &Path) -> PathBuf {
    crate::policy::normalize_absolute(path, cwd)
}

/// The path as reported: `/` separators, no leading `./`.
pub fn clean_display(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = if text.contains('\\') {
        std::borrow::Cow::Owned(text.replace('\\', "/"))
    } else {
        text
    };
    let mut rest = &*text;
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

    fn selection() -> Selection {
        crate::policy::Policy::builtin()
            .compile()
            .expect("the built-in policy compiles")
            .files
    }

    fn summary(entries: &[Entry]) -> Vec<(String, bool)> {
        entries
            .iter()
            .map(|e| (e.relative.clone(), e.named))
            .collect()
    }

    #[test]
    fn each_file_once_named_wins_over_context() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let root = dir.path();
        std::fs::create_dir_all(root.join("campaigns/sub")).expect("directories");
        for name in ["campaigns/a.yaml", "campaigns/sub/b.yaml", "t.yaml"] {
            std::fs::write(root.join(name), "kind: Campaign\n").expect("file");
        }
        let targets = [
            Target::Path(root.join("campaigns/a.yaml")),
            // The same file again, through another spelling of its path.
            Target::Path(root.join("campaigns/sub/../a.yaml")),
            Target::Path(root.join("campaigns/sub")),
        ];
        let (entries, errors) = collect(root, &targets, &selection(), Stamps::NotTaken);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            summary(&entries),
            [
                ("campaigns/a.yaml".to_string(), true),
                ("campaigns/sub/b.yaml".to_string(), true),
                ("t.yaml".to_string(), false),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_project_file_is_that_file() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let root = dir.path();
        std::fs::create_dir_all(root.join("campaigns")).expect("directory");
        std::fs::write(root.join("campaigns/a.yaml"), "kind: Campaign\n").expect("file");
        std::os::unix::fs::symlink("campaigns/a.yaml", root.join("b.yaml")).expect("link");
        // A link to a directory is not followed: nothing under it is listed.
        std::os::unix::fs::symlink("campaigns", root.join("linked")).expect("link");
        let (entries, errors) = collect(
            root,
            &[Target::Path(root.to_path_buf())],
            &selection(),
            Stamps::NotTaken,
        );
        assert!(errors.is_empty(), "{errors:?}");
        // The walk is sorted by name: `b.yaml` comes first and stands for
        // the file.
        assert_eq!(summary(&entries), [("b.yaml".to_string(), true)]);
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_are_two_paths_in_one_walk_or_two() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub")).expect("directory");
        std::fs::write(root.join("a.yaml"), "kind: Campaign\n").expect("file");
        std::fs::hard_link(root.join("a.yaml"), root.join("sub/b.yaml")).expect("link");
        let expected = [
            ("a.yaml".to_string(), true),
            ("sub/b.yaml".to_string(), true),
        ];
        let (entries, _) = collect(
            root,
            &[Target::Path(root.to_path_buf())],
            &selection(),
            Stamps::NotTaken,
        );
        assert_eq!(summary(&entries), expected);
        let targets = [
            Target::Path(root.join("sub")),
            Target::Path(root.to_path_buf()),
        ];
        let (entries, _) = collect(root, &targets, &selection(), Stamps::NotTaken);
        assert_eq!(summary(&entries), expected);
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
