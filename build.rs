//! Sets `PROMOLINT_VERSION` for `promolint --version`: the package version
//! and, in parentheses, the short hash and
//! date of the commit this crate is built from, when it is built from a git
//! checkout of promolint itself (`cargo build`, `pip install .`, a wheel built
//! by the release workflow), or from `.cargo_vcs_info.json` in a crate that
//! `cargo package` made from one (`cargo install promolint`). Anywhere else
//! (an unpacked sdist, no git on the PATH, a copy inside another project's
//! repository) the version is the bare package version.
//! `PROMOLINT_COMMIT` set in the environment wins: a packager building from a
//! tarball can say where it came from.
//!
//! Rebuilds: cargo reruns this script only when build.rs, the checkout's
//! HEAD, the branch HEAD points to, packed-refs or the override change, not
//! on every edit of the sources (the commit does not say "dirty" for that
//! reason).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PROMOLINT_COMMIT");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = std::env::var("PROMOLINT_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| from_git(&manifest_dir))
        .or_else(|| from_vcs_info(&manifest_dir));
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    match commit {
        Some(commit) => println!(
            "cargo:rustc-env=PROMOLINT_VERSION={version} ({})",
            commit.trim()
        ),
        None => println!("cargo:rustc-env=PROMOLINT_VERSION={version}"),
    }
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// `abc1234 2026-12-03`, when `dir` is the top of a git work tree.
fn from_git(dir: &Path) -> Option<String> {
    // Only promolint's own checkout: a crate vendored into another
    // repository must not report that repository's commit.
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(dir).ok()? {
        return None;
    }
    let git_dir = absolute(dir, &git(dir, &["rev-parse", "--git-dir"])?);
    let common_dir = absolute(dir, &git(dir, &["rev-parse", "--git-common-dir"])?);
    watch(&git_dir.join("HEAD"));
    watch(&common_dir.join("packed-refs"));
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watch(&common_dir.join(branch));
    }
    git(
        dir,
        &[
            "log",
            "-1",
            "--no-show-signature",
            "--abbrev=9",
            "--format=%h %cs",
            "HEAD",
        ],
    )
}

/// Reruns this script when `path` changes. Only a file that exists: cargo
/// would rerun the script on every build for one that does not.
fn watch(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn absolute(base: &Path, path: &str) -> PathBuf {
    let path = Path::new(path);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

/// The commit `cargo package` recorded: `{"git": {"sha1": "..."}, ...}`.
fn from_vcs_info(dir: &Path) -> Option<String> {
    let path = dir.join(".cargo_vcs_info.json");
    watch(&path);
    let text = std::fs::read_to_string(path).ok()?;
    let after = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let hash: String = after
        .trim_start_matches([' ', ':', '"', '\t', '\n'])
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .take(9)
        .collect();
    (hash.len() >= 7).then_some(hash)
}
