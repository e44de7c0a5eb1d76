//! The per-file cache (issue 15): a run that names files reads, of the rest
//! of the project, only what the named files depend on, and says exactly
//! what a run without the cache says, after every kind of change: an edit,
//! a deletion, a rename, a template edit, a policy edit; and with a cache
//! that is corrupt or cannot be written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

mod common;

const NOW: &str = "2026-11-24T00:00:00Z";

/// A combinable campaign on `channels` from `start` to `end` (dates).
fn combinable(id: &str, channels: &str, start: &str, end: &str, rate: &str) -> String {
    common::CLEAN
        .replace("id: spring-cashback-2027", &format!("id: {id}"))
        .replace("combinable: false", "combinable: true")
        .replace(
            "channels: [online-checkout, merchant-qr]",
            &format!("channels: [{channels}]"),
        )
        .replace(
            "2027-01-20T00:00:00+08:00",
            &format!("{start}T00:00:00+08:00"),
        )
        .replace(
            "2027-02-05T23:59:59+08:00",
            &format!("{end}T00:00:00+08:00"),
        )
        .replace("rate: \"10%\"", &format!("rate: \"{rate}\""))
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The example campaigns, plus combinable campaigns that stack, one that
/// stacks with nothing, a duplicate id and a foreign YAML file.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples"),
        root,
    );
    fs::create_dir_all(root.join(".git")).unwrap();
    let stack = root.join("campaigns/stack");
    fs::create_dir_all(&stack).unwrap();
    let files = [
        (
            "a.yaml",
            combinable(
                "stack-a",
                "online-checkout",
                "2027-03-01",
                "2027-03-20",
                "25%",
            ),
        ),
        (
            "b.yaml",
            combinable(
                "stack-b",
                "online-checkout, merchant-qr",
                "2027-03-10",
                "2027-03-30",
                "20%",
            ),
        ),
        (
            "c.yaml",
            combinable("stack-c", "merchant-qr", "2027-03-25", "2027-04-10", "30%"),
        ),
        (
            "far.yaml",
            combinable(
                "stack-far",
                "online-checkout",
                "2028-01-01",
                "2028-01-10",
                "30%",
            ),
        ),
        ("dup.yaml", common::CLEAN.to_string()),
    ];
    for (name, text) in files {
        fs::write(stack.join(name), text).unwrap();
    }
    fs::write(root.join("campaigns/clean.yaml"), common::CLEAN).unwrap();
    fs::create_dir_all(root.join("deploy")).unwrap();
    fs::write(
        root.join("deploy/compose.yaml"),
        "services:\n  web:\n    image: nginx\n",
    )
    .unwrap();
    dir
}

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(root)
        .env_remove("PROMOLINT_CACHE_DIR")
        .args(["check", "--format", "json", "--now", NOW])
        .args(args)
        .output()
        .unwrap()
}

/// Every YAML file of the project, relative to it, sorted.
fn yaml_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if name.ends_with(".yaml") {
                out.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

/// Each file named alone, two files named together, and the whole project:
/// the cached run and the uncached run print the same bytes and exit alike.
fn assert_same(root: &Path, step: &str, extra: &[&str]) {
    let files = yaml_files(root);
    let mut namings: Vec<Vec<String>> = files.iter().map(|f| vec![f.clone()]).collect();
    if let [first, .., last] = files.as_slice() {
        namings.push(vec![first.clone(), last.clone()]);
    }
    namings.push(vec![".".to_string()]);
    for named in &namings {
        let named: Vec<&str> = named.iter().map(String::as_str).collect();
        let mut cached_args = extra.to_vec();
        cached_args.extend(&named);
        let mut uncached_args = vec!["--no-cache"];
        uncached_args.extend(extra);
        uncached_args.extend(&named);
        let cached = run(root, &cached_args);
        let uncached = run(root, &uncached_args);
        let shown = String::from_utf8_lossy(&uncached.stdout);
        assert!(
            cached.stdout == uncached.stdout,
            "{step}: {named:?}: cached output differs\ncached:\n{}\nuncached:\n{shown}",
            String::from_utf8_lossy(&cached.stdout)
        );
        assert_eq!(cached.stderr, uncached.stderr, "{step}: {named:?}: stderr");
        assert_eq!(
            cached.status.code(),
            uncached.status.code(),
            "{step}: {named:?}"
        );
    }
}

/// Sets every file's modification time to `age` ago, so that the next runs
/// trust the stamps the cache recorded (a stamp within two seconds of now
/// is not trusted: its content hash is compared).
fn age_files(root: &Path, age: Duration) {
    let when = SystemTime::now() - age;
    for file in yaml_files(root) {
        let file = fs::File::options()
            .append(true)
            .open(root.join(file))
            .unwrap();
        file.set_modified(when).unwrap();
    }
}

/// After a change: compared at once (the change is newer than the cache),
/// then with every file aged and the cache rebuilt by a full run.
fn check_step(root: &Path, step: &str, age: u64) {
    assert_same(root, step, &[]);
    age_files(root, Duration::from_secs(age));
    assert!(run(root, &["."]).status.code().is_some());
    assert_same(root, &format!("{step} (aged)"), &[]);
}

fn cache_files(root: &Path) -> Vec<PathBuf> {
    match fs::read_dir(root.join(".promolint_cache")) {
        Ok(dir) => dir
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn cached_and_uncached_runs_agree_after_every_kind_of_change() {
    let dir = project();
    let root = dir.path();
    // Findings the cache must not lose: stacking across files and a
    // duplicate id across files.
    let whole =
        String::from_utf8(run(root, &["--no-cache", "campaigns/stack/a.yaml"]).stdout).unwrap();
    assert!(whole.contains("stacking-ceiling"), "{whole}");
    let dup = run(root, &["--no-cache", "campaigns/stack/dup.yaml"]).stdout;
    let dup = String::from_utf8(dup).unwrap();
    assert!(dup.contains("duplicate-id"), "{dup}");

    age_files(root, Duration::from_secs(3600));
    assert!(run(root, &["."]).status.code().is_some());
    assert_eq!(cache_files(root).len(), 1, "one cache file after a run");
    assert_eq!(
        fs::read_to_string(root.join(".promolint_cache/.gitignore")).unwrap(),
        "# Created by promolint.\n*\n"
    );
    assert_same(root, "warm", &[]);

    // An edit of a file not named: a campaign moved to overlap another.
    edit(
        &root.join("campaigns/stack/far.yaml"),
        "2028-01-01",
        "2027-03-05",
    );
    check_step(root, "edit", 3000);

    // An edit that gives a campaign another's id.
    edit(
        &root.join("campaigns/stack/c.yaml"),
        "id: stack-c",
        "id: stack-a",
    );
    check_step(root, "duplicate id", 2900);

    // A deletion.
    fs::remove_file(root.join("campaigns/stack/b.yaml")).unwrap();
    check_step(root, "delete", 2800);

    // A rename.
    fs::rename(
        root.join("campaigns/stack/a.yaml"),
        root.join("campaigns/stack/z.yaml"),
    )
    .unwrap();
    check_step(root, "rename", 2700);

    // A template edit: what every campaign using it inherits changes.
    let template = root.join("templates/tmpl-bank-card-weekend.yaml");
    let text = fs::read_to_string(&template).unwrap();
    fs::write(
        &template,
        text.replace("combinable: false", "combinable: true"),
    )
    .unwrap();
    check_step(root, "template edit", 2600);

    // A policy edit: another cache file.
    fs::write(
        root.join(".promolint.yaml"),
        "limits:\n  stacked_rate_ceiling: \"10%\"\n",
    )
    .unwrap();
    check_step(root, "policy edit", 2500);
    assert_eq!(cache_files(root).len(), 2, "one cache file per policy");
}

#[test]
fn a_corrupt_or_unwritable_cache_is_ignored_silently() {
    let dir = project();
    let root = dir.path();
    age_files(root, Duration::from_secs(3600));
    assert!(run(root, &["."]).status.code().is_some());
    for file in cache_files(root) {
        fs::write(file, b"not a cache").unwrap();
    }
    assert_same(root, "corrupt", &[]);
    // Rebuilt by the runs since.
    for file in cache_files(root) {
        assert_ne!(fs::read(file).unwrap(), b"not a cache");
    }

    // A cache directory under a regular file cannot be made.
    fs::write(root.join("blocker"), "").unwrap();
    assert_same(root, "unwritable", &["--cache-dir", "blocker/cache"]);
    assert!(root.join("blocker").is_file());
}

#[test]
fn the_cache_goes_where_it_is_told_and_nowhere_with_no_cache() {
    let dir = project();
    let root = dir.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(root)
        .env("PROMOLINT_CACHE_DIR", elsewhere.path())
        .args(["check", "--format", "json", "--now", NOW, "."])
        .output()
        .unwrap();
    assert!(out.status.code().is_some());
    assert!(!root.join(".promolint_cache").exists());
    let written: Vec<_> = fs::read_dir(elsewhere.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(written.iter().any(|n| n.ends_with(".bin")), "{written:?}");
    assert!(written.iter().any(|n| n == "CACHEDIR.TAG"), "{written:?}");

    let out = run(root, &["--no-cache", "."]);
    assert!(out.status.code().is_some());
    assert!(!root.join(".promolint_cache").exists());
}
