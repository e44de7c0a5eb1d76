//! Read-only (issue 7): no command but `init` writes anything besides
//! `check`'s cache directory (`.promolint_cache/`, issue 15; none with
//! `--no-cache`), `check` leaves every file it reads as it was, and `init` writes only
//! `.promolint.yaml`, never over an existing one. And nothing in the build
//! can reach the network.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

const NOW: &str = "2026-11-24T00:00:00Z";

/// What is checked of every file and directory: its kind, contents (files
/// and link targets), length, permissions and modification time.
#[derive(Debug, PartialEq, Eq)]
struct State {
    kind: &'static str,
    contents: Vec<u8>,
    len: u64,
    readonly: bool,
    modified: Option<SystemTime>,
}

/// Every entry under `root`, hidden and ignored ones included, links not
/// followed.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, State> {
    let mut out = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(path) = pending.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let kind = if meta.is_symlink() {
            "link"
        } else if meta.is_dir() {
            "dir"
        } else {
            "file"
        };
        let contents = match kind {
            "file" => std::fs::read(&path).unwrap(),
            "link" => std::fs::read_link(&path)
                .unwrap()
                .to_string_lossy()
                .into_owned()
                .into_bytes(),
            _ => {
                for entry in std::fs::read_dir(&path).unwrap() {
                    pending.push(entry.unwrap().path());
                }
                Vec::new()
            }
        };
        out.insert(
            path.strip_prefix(root).unwrap().to_path_buf(),
            State {
                kind,
                contents,
                len: meta.len(),
                readonly: meta.permissions().readonly(),
                modified: meta.modified().ok(),
            },
        );
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn promolint(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        std::io::Write::write_all(&mut input, bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// A project: every rule fixture (each rule's `bad.yaml` and `good.yaml`),
/// a policy file, a template, a `.gitignore`d file, a hidden file, a file
/// that is not YAML, a broken file, and links.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules"),
        &root.join("rules"),
    );
    std::fs::write(
        root.join(".promolint.yaml"),
        "apiVersion: promo/v1\nkind: Policy\nrules:\n  missing-owner: warning\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/base.yaml"),
        "apiVersion: promo/v1\nkind: Template\nid: tmpl-base\nbenefit:\n  type: percent_off\n  rate: 0.2\n",
    )
    .unwrap();
    std::fs::write(root.join(".gitignore"), "ignored.yaml\n").unwrap();
    std::fs::write(root.join("ignored.yaml"), "kind: Campaign\n").unwrap();
    std::fs::write(root.join(".hidden.yaml"), "kind: Campaign\n").unwrap();
    std::fs::write(root.join("notes.txt"), "not YAML\n").unwrap();
    std::fs::write(root.join("broken.yaml"), "a: [1, 2\nb: 3\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("templates/base.yaml", root.join("linked.yaml")).unwrap();
        std::os::unix::fs::symlink("templates", root.join("linked-dir")).unwrap();
    }
    // Some time between the files' creation and the runs, so that a
    // rewrite with the same contents still shows in the modification time
    // on file systems with coarse timestamps.
    std::thread::sleep(std::time::Duration::from_millis(20));
    dir
}

#[test]
fn check_writes_nothing() {
    let dir = project();
    let root = dir.path();
    let before = snapshot(root);
    let stdin = std::fs::read(root.join("rules/missing-field/bad.yaml")).unwrap();

    let mut runs = 0;
    for (i, format) in ["human", "concise", "json", "sarif", "github", "junit"]
        .into_iter()
        .enumerate()
    {
        let mut args = vec!["check", "--now", NOW, "--format", format, "--statistics"];
        if i % 2 == 1 {
            args.push("--no-config");
        }
        let output = promolint(root, &args, None);
        assert_eq!(output.status.code(), Some(1), "{format}: {output:?}");
        runs += 1;
    }
    // Named files and directories, standard input under a project file's
    // name, and the other commands.
    let commands: &[(&[&str], Option<&[u8]>)] = &[
        (
            &[
                "check",
                "--now",
                NOW,
                "rules",
                "templates/base.yaml",
                "linked.yaml",
            ],
            None,
        ),
        (
            &[
                "check",
                "--now",
                NOW,
                "--stdin-filename",
                "rules/missing-field/bad.yaml",
                "-",
            ],
            Some(&stdin),
        ),
        (
            &[
                "check",
                "--now",
                NOW,
                "--config",
                ".promolint.yaml",
                "broken.yaml",
            ],
            None,
        ),
        (&["rules"], None),
        (&["rules", "--format", "json"], None),
        (&["policy"], None),
        (&["schema", "policy"], None),
        (&["explain", "rate-ceiling"], None),
        (&["completions", "bash"], None),
    ];
    for (args, input) in commands {
        let output = promolint(root, args, *input);
        assert!(
            matches!(output.status.code(), Some(0..=1)),
            "{args:?}: {output:?}"
        );
        runs += 1;
    }
    assert_eq!(runs, 15);

    let after = snapshot(root);
    // The project directory gains the cache directory (so its
    // modification time moves); every other entry is as it was.
    let changed: Vec<&PathBuf> = before
        .iter()
        .filter(|(path, state)| after.get(*path) != Some(state))
        .map(|(path, _)| path)
        .filter(|path| !path.as_os_str().is_empty())
        .collect();
    assert!(after.contains_key(Path::new(".promolint_cache")));
    // `check` keeps its per-file cache in `.promolint_cache/` (issue 15),
    // as ruff keeps `.ruff_cache/`: nothing else is added.
    let added: Vec<&PathBuf> = after
        .keys()
        .filter(|p| !before.contains_key(*p) && !p.starts_with(".promolint_cache"))
        .collect();
    assert!(changed.is_empty(), "changed: {changed:?}");
    assert!(added.is_empty(), "new files: {added:?}");
}

#[test]
fn init_writes_only_the_policy_file_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("c.yaml"), "kind: Campaign\n").unwrap();
    let before = snapshot(root);

    let output = promolint(root, &["init"], None);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let after = snapshot(root);
    let added: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert_eq!(added, [Path::new(".promolint.yaml")]);
    for (path, state) in &before {
        if !path.as_os_str().is_empty() {
            assert_eq!(after.get(path), Some(state), "{}", path.display());
        }
    }
    // The starter is a valid policy file.
    let policy = promolint(root, &["policy"], None);
    assert_eq!(policy.status.code(), Some(0), "{policy:?}");

    // A second `init`, and one over a policy someone wrote: exit 2, the file
    // as it was.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let starter = snapshot(root);
    let output = promolint(root, &["init"], None);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("exists already"),
        "{output:?}"
    );
    assert_eq!(snapshot(root), starter);

    let custom = "apiVersion: promo/v1\nkind: Policy\ncurrencies: [CNY]\n";
    std::fs::write(root.join(".promolint.yaml"), custom).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let written = snapshot(root);
    let output = promolint(root, &["init"], None);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(snapshot(root), written);
    assert_eq!(
        std::fs::read_to_string(root.join(".promolint.yaml")).unwrap(),
        custom
    );
}

/// No network: no HTTP, TLS or socket crate in the dependency graph, and no
/// socket in the sources.
#[test]
fn nothing_can_reach_the_network() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lock = std::fs::read_to_string(manifest.join("Cargo.lock")).unwrap();
    let packages: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    for network in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "rustls",
        "native-tls",
        "openssl",
        "tokio",
        "async-std",
        "mio",
        "socket2",
    ] {
        assert!(
            !packages.contains(&network),
            "Cargo.lock has `{network}` (dev-dependencies included): check it is not reachable from the binary"
        );
    }
    let mut pending = vec![manifest.join("src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for needle in ["std::net", "TcpStream", "UdpSocket", "TcpListener"] {
                    assert!(!text.contains(needle), "{} uses {needle}", path.display());
                }
            }
        }
    }
}
