//! The base project of a change review, read from git's object store: a few
//! short `git` commands to find the merge base and list its tree, and one
//! `git cat-file --batch` process that streams every selected blob (never a
//! process per file).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::policy::FileSelector;
use crate::source::Revision;

/// One selected file of the base commit.
#[derive(Debug)]
pub struct BaseFile {
    /// Path relative to the project root, as the working side's entries.
    pub relative: String,
    /// How reports name it: `REV:path`, the path from the repository's top,
    /// the way git names a blob.
    pub display: String,
    /// The blob's bytes, or why they could not be read.
    pub bytes: Result<Vec<u8>, String>,
}

/// The base revision and its selected files.
#[derive(Debug)]
pub struct BaseProject {
    pub revision: Revision,
    pub files: Vec<BaseFile>,
}

/// Why the base could not be read: a tool error (exit code 2), one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseError(pub String);

impl std::fmt::Display for BaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads the project at `root` as of `git merge-base REV HEAD`: the files
/// of that commit under `root` that `selection` selects (hidden ones
/// skipped, as the walk skips them).
pub fn load_base(
    root: &Path,
    rev: &str,
    selection: &FileSelector,
) -> Result<BaseProject, BaseError> {
    let prefix = repository_prefix(root)?;
    let commit = merge_base(root, rev)?;
    let listed = list_tree(root, &commit)?;
    let chosen: Vec<(String, String)> = listed
        .into_iter()
        .filter(|(relative, _)| !is_hidden(relative) && selection.is_selected(Path::new(relative)))
        .collect();
    let ids: Vec<&str> = chosen.iter().map(|(_, id)| id.as_str()).collect();
    let blobs = read_blobs(root, &ids)?;
    let files = chosen
        .into_iter()
        .zip(blobs)
        .map(|((relative, _), bytes)| BaseFile {
            display: format!("{rev}:{prefix}{relative}"),
            relative,
            bytes,
        })
        .collect();
    Ok(BaseProject {
        revision: Revision {
            rev: rev.to_string(),
            commit,
        },
        files,
    })
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        // Output meant for programs, whatever the user's configuration.
        .args(["-c", "core.quotePath=false"])
        .stdin(Stdio::null());
    command
}

/// Runs a short git command; its standard output, or its exit status and
/// first line of standard error.
fn run(root: &Path, args: &[&str]) -> Result<Result<String, String>, BaseError> {
    let output = git(root).args(args).output().map_err(|e| {
        BaseError(format!(
            "--base needs git, which could not be run ({e}); install git or leave out --base"
        ))
    })?;
    if output.status.success() {
        Ok(Ok(String::from_utf8_lossy(&output.stdout).into_owned()))
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("").trim().to_string();
        Ok(Err(first))
    }
}

/// The path of `root` inside its repository (`""` at the top, else
/// `dir/sub/`); fails when `root` is in no git repository.
fn repository_prefix(root: &Path) -> Result<String, BaseError> {
    match run(root, &["rev-parse", "--show-prefix"])? {
        Ok(out) => Ok(out.trim_end_matches(['\n', '\r']).to_string()),
        Err(_) => Err(BaseError(format!(
            "--base: {} is not in a git repository (change review reads the base from git)",
            shown(root)
        ))),
    }
}

fn shown(root: &Path) -> String {
    let text = root.display().to_string();
    if text.is_empty() { ".".into() } else { text }
}

/// `git merge-base REV HEAD`, with the three failures told apart.
fn merge_base(root: &Path, rev: &str) -> Result<String, BaseError> {
    // HEAD first: in a repository with no commit yet (the first commit's
    // pre-commit hook) `--base HEAD` names nothing, and saying why is more
    // use than "unknown revision".
    let head = run(root, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])?
        .ok()
        .map(|h| h.trim().to_string());
    let Some(head) = head else {
        return Err(BaseError(format!(
            "--base: no merge base of `{rev}` and HEAD: HEAD has no commit yet"
        )));
    };
    // A revision that looks like an option would be read as one.
    let target = if rev.starts_with('-') || rev.is_empty() {
        None
    } else {
        run(
            root,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )?
        .ok()
    };
    let Some(target) = target.map(|t| t.trim().to_string()) else {
        return Err(BaseError(format!(
            "--base: unknown revision `{rev}`: it is not in this repository; a shallow clone \
             lacks it: fetch it with `{}` (or `fetch-depth: 0` for actions/checkout)",
            fetch_hint(rev)
        )));
    };
    match run(root, &["merge-base", &target, &head])? {
        Ok(out) if !out.trim().is_empty() => Ok(out.trim().to_string()),
        _ => Err(BaseError(format!(
            "--base: no merge base of `{rev}` and HEAD: unrelated histories, or a shallow clone \
             that stops before the branch point (fetch more with `git fetch --deepen=50`, or \
             `fetch-depth: 0` for actions/checkout)"
        ))),
    }
}

/// The command that fetches `rev` into a shallow clone.
fn fetch_hint(rev: &str) -> String {
    match rev.split_once('/') {
        Some((remote, branch)) if !remote.is_empty() && !branch.is_empty() => {
            format!("git fetch {remote} {branch} --depth=50")
        }
        _ => format!("git fetch origin {rev} --depth=50"),
    }
}

/// Every regular file of `commit` under `root`: (path relative to `root`,
/// blob id). Symbolic links and submodules are left out.
fn list_tree(root: &Path, commit: &str) -> Result<Vec<(String, String)>, BaseError> {
    let output = git(root)
        .args(["ls-tree", "-r", "-z", commit])
        .output()
        .map_err(|e| BaseError(format!("--base: cannot run git ls-tree: {e}")))?;
    if !output.status.success() {
        return Err(BaseError(format!(
            "--base: git ls-tree {commit} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let mut files = Vec::new();
    for record in output.stdout.split(|b| *b == 0) {
        // `<mode> SP <type> SP <id> TAB <path>`
        let Ok(record) = std::str::from_utf8(record) else {
            continue;
        };
        let Some((meta, path)) = record.split_once('\t') else {
            continue;
        };
        let mut parts = meta.split(' ');
        let (Some(mode), Some(kind), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if kind == "blob" && (mode == "100644" || mode == "100755") {
            files.push((path.to_string(), id.to_string()));
        }
    }
    Ok(files)
}

/// Reads the blobs with one `git cat-file --batch`: the ids are written
/// from a thread of their own while the contents are read, so neither pipe
/// can fill up and stall the other side.
fn read_blobs(root: &Path, ids: &[&str]) -> Result<Vec<Result<Vec<u8>, String>>, BaseError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let failed = |e: std::io::Error| BaseError(format!("--base: cannot run git cat-file: {e}"));
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(failed)?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        return Err(BaseError("--base: git cat-file has no pipes".into()));
    };
    let request: String = ids.iter().map(|id| format!("{id}\n")).collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
        // Dropping stdin ends the batch.
    });
    let mut reader = BufReader::with_capacity(1 << 16, stdout);
    let mut out = Vec::with_capacity(ids.len());
    let mut header = String::new();
    for id in ids {
        header.clear();
        let read = reader.read_line(&mut header).map_err(failed)?;
        if read == 0 {
            out.push(Err(format!("git cat-file stopped before {id}")));
            continue;
        }
        // `<id> SP <type> SP <size> LF`, or `<id> SP missing LF`.
        let fields: Vec<&str> = header.trim_end().split(' ').collect();
        let size = match fields.as_slice() {
            [_, "blob", size] => size.parse::<usize>().ok(),
            _ => None,
        };
        let Some(size) = size else {
            out.push(Err(format!("git cat-file: {}", header.trim_end())));
            continue;
        };
        let mut bytes = vec![0; size];
        reader.read_exact(&mut bytes).map_err(failed)?;
        let mut newline = [0u8; 1];
        reader.read_exact(&mut newline).map_err(failed)?;
        out.push(Ok(bytes));
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(out)
}

/// Whether a path relative to the project root lies in a hidden file or
/// directory, which the walk skips.
fn is_hidden(relative: &str) -> bool {
    relative.split('/').any(|part| part.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_hints_name_the_remote_and_branch() {
        assert_eq!(
            fetch_hint("origin/main"),
            "git fetch origin main --depth=50"
        );
        assert_eq!(fetch_hint("main"), "git fetch origin main --depth=50");
        assert_eq!(
            fetch_hint("upstream/release/2027"),
            "git fetch upstream release/2027 --depth=50"
        );
    }

    #[test]
    fn hidden_paths() {
        assert!(is_hidden(".github/x.yaml"));
        assert!(is_hidden("a/.b.yaml"));
        assert!(!is_hidden("campaigns/a.yaml"));
    }
}
