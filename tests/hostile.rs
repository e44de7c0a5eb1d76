//! Hostile and broken input (issue 7): each case runs the real binary on a
//! directory holding the hostile file beside a campaign with a known fault.
//! The process must not panic, must print JSON, must give the hostile file
//! a finding (or a tool error where CLI.md says so), and must still check the
//! other file. No wall-clock assertions: time and memory are measured with
//! `/usr/bin/time -v` on a release build instead.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::CLEAN;
use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

/// The shared clean campaign (tests/common) with one fault: `max_discout` (an
/// `unknown-field` on line 19).
fn faulty_campaign() -> String {
    CLEAN.replace("  max_discount:", "  max_discout:")
}

/// The same campaign under another id (so the two are not `duplicate-id`).
fn campaign_with_id(id: &str) -> String {
    faulty_campaign().replace("spring-cashback-2027", id)
}

/// A directory with the faulty campaign as `ok.yaml`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.yaml"), faulty_campaign()).unwrap();
    dir
}

/// The policy of every case: it sets `files.include` itself, so a hostile
/// file that cannot be read is a campaign file (FORMAT.md) and gets its
/// `yaml-syntax` finding; without it, one with no `promo/v1` in its text
/// would be skipped as foreign.
const POLICY: &str = "apiVersion: promo/v1\nkind: Policy\nfiles:\n  include: [\"**/*.yaml\"]\n";

fn run(dir: &Path, paths: &[&str]) -> Output {
    let policy = dir.join(".promolint.yaml");
    if !policy.exists() {
        std::fs::write(&policy, POLICY).unwrap();
    }
    let mut args = vec!["check", "--format", "json", "--now", NOW];
    args.extend_from_slice(paths);
    let binary = env!("CARGO_BIN_EXE_promolint");
    // PROMOLINT_MEASURE=1 runs each case under `/usr/bin/time -v` and prints
    // its wall time and peak memory (README: measured, never asserted).
    let measure = std::env::var_os("PROMOLINT_MEASURE").is_some();
    let times = tempfile::NamedTempFile::new().unwrap();
    let mut command = if measure {
        let mut command = Command::new("/usr/bin/time");
        command.arg("-v").arg("-o").arg(times.path()).arg(binary);
        command
    } else {
        Command::new(binary)
    };
    let output = command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(&args)
        .output()
        .unwrap();
    if measure {
        let report = std::fs::read_to_string(times.path()).unwrap();
        let field = |name: &str| {
            report
                .lines()
                .find_map(|l| l.trim().strip_prefix(name))
                .unwrap_or("?")
                .trim()
                .to_string()
        };
        eprintln!(
            "measure {}: wall {}, peak RSS {} KB, input {} bytes",
            std::thread::current().name().unwrap_or("?"),
            field("Elapsed (wall clock) time (h:mm:ss or m:ss):"),
            field("Maximum resident set size (kbytes):"),
            input_bytes(dir),
        );
    }
    output
}

/// Bytes of the files in `dir` (apparent sizes, links not followed).
fn input_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        match entry.file_type() {
            Ok(t) if t.is_dir() => total += input_bytes(&entry.path()),
            Ok(t) if t.is_file() => total += entry.metadata().map_or(0, |m| m.len()),
            _ => {}
        }
    }
    total
}

/// Runs `check .`, and asserts what every case shares: an exit code of
/// CLI.md (no panic, no signal), JSON on stdout, nothing panicking on
/// stderr, and the faulty campaign's `unknown-field` still reported.
fn check_dir(dir: &Path, expected_code: i32) -> Value {
    let output = run(dir, &["."]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert_eq!(
        output.status.code(),
        Some(expected_code),
        "stderr: {stderr}\nstdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let value: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    let ok = findings_in(&value, "ok.yaml");
    assert!(
        ok.iter()
            .any(|d| d["rule"] == "unknown-field" && d["start"]["line"] == 19),
        "the other file's finding is missing: {ok:?}"
    );
    value
}

fn findings_in<'v>(value: &'v Value, file: &str) -> Vec<&'v Value> {
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .collect()
}

fn rules_in(value: &Value, file: &str) -> Vec<String> {
    findings_in(value, file)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// The hostile file's one `yaml-syntax` finding.
fn syntax_finding<'v>(value: &'v Value, file: &str) -> &'v Value {
    let found = findings_in(value, file);
    let syntax: Vec<&&Value> = found
        .iter()
        .filter(|d| d["rule"] == "yaml-syntax")
        .collect();
    assert!(
        !syntax.is_empty(),
        "no yaml-syntax finding for {file}: {found:?}"
    );
    syntax[0]
}

/// A deterministic xorshift stream, so a failure can be reproduced.
fn pseudo_random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[test]
fn alias_bomb() {
    // Nine levels of ten aliases: 10^9 leaves if expanded. Used as values the
    // model reads (segments, label, budget) and under an unknown key.
    let mut bomb = String::from("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let previous = format!("*a{}", level - 1);
        let list = [previous.as_str(); 10].join(", ");
        bomb.push_str(&format!("x{level}: &a{level} [{list}]\n"));
    }
    let campaign = campaign_with_id("alias-bomb")
        .replace("  segments: [new-users, dormant-90d]", "  segments: *a9")
        .replace("  label: \"新春立减 最高20元\"", "  label: *a9")
        .replace("  total: \"1000000.00\"", "  total: *a9")
        .replace(
            "kind: Campaign\n",
            &format!("kind: Campaign\nlol:\n{}", indent(&bomb)),
        );
    let dir = project();
    std::fs::write(dir.path().join("bomb.yaml"), &campaign).unwrap();
    // A document that is only the bomb.
    std::fs::write(dir.path().join("bare-bomb.yaml"), &bomb).unwrap();
    let value = check_dir(dir.path(), 1);
    let rules = rules_in(&value, "bomb.yaml");
    assert!(rules.contains(&"unknown-field".to_string()), "{rules:?}");
    assert!(rules.contains(&"invalid-value".to_string()), "{rules:?}");
    // Only the bomb: well-formed YAML and no campaign document, so foreign.
    assert!(rules_in(&value, "bare-bomb.yaml").is_empty());
    assert_eq!(value["files_skipped"], 1);
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

#[test]
fn merge_key_bomb() {
    // Nine levels of `<<: [*m x10]`: 10^9 lookups if followed lazily.
    let mut bomb = String::from("m0: &m0 {k0: 0}\n");
    for level in 1..=9 {
        let previous = format!("*m{}", level - 1);
        let list = [previous.as_str(); 10].join(", ");
        bomb.push_str(&format!(
            "m{level}: &m{level} {{k{level}: {level}, <<: [{list}]}}\n"
        ));
    }
    let campaign = campaign_with_id("merge-bomb")
        .replace(
            "kind: Campaign\n",
            &format!("kind: Campaign\nlol:\n{}", indent(&bomb)),
        )
        .replace(
            "funding:\n",
            "funding:\n  <<: [*m9, *m9, *m9, *m9, *m9, *m9, *m9, *m9, *m9, *m9]\n",
        );
    let dir = project();
    std::fs::write(dir.path().join("bomb.yaml"), &campaign).unwrap();
    std::fs::write(dir.path().join("bare-bomb.yaml"), &bomb).unwrap();
    let value = check_dir(dir.path(), 1);
    let found = findings_in(&value, "bomb.yaml");
    // The merged keys k0..k9 are unknown in `funding`, each reported once.
    let merged: Vec<&str> = found
        .iter()
        .filter(|d| d["rule"] == "unknown-field")
        .filter_map(|d| d["path"].as_str())
        .filter(|p| p.starts_with("/funding/"))
        .collect();
    assert_eq!(merged.len(), 10, "{merged:?}");
    assert!(rules_in(&value, "bare-bomb.yaml").is_empty());
    assert_eq!(value["files_skipped"], 1);
}

#[test]
fn deep_flow_nesting() {
    let dir = project();
    std::fs::write(dir.path().join("flow.yaml"), "[".repeat(100_000)).unwrap();
    let closed = format!("{}x{}", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.path().join("closed.yaml"), closed).unwrap();
    let nested_maps = format!("{}x{}", "{a: ".repeat(100_000), "}".repeat(100_000));
    std::fs::write(dir.path().join("maps.yaml"), nested_maps).unwrap();
    let value = check_dir(dir.path(), 1);
    for file in ["flow.yaml", "closed.yaml", "maps.yaml"] {
        syntax_finding(&value, file);
    }
}

#[test]
fn deep_block_nesting() {
    let dir = project();
    // Block mappings with growing indentation, one space a level: 4,000
    // levels is 8 MB, under files.max_bytes, so the parser must refuse it.
    let mut indented = String::with_capacity(8_100_000);
    for level in 0..4_000 {
        indented.push_str(&" ".repeat(level));
        indented.push_str("k:\n");
    }
    std::fs::write(dir.path().join("indented.yaml"), indented).unwrap();
    // 100,000 levels without the indentation: explicit keys and compact
    // sequences nest block collections on one line.
    std::fs::write(dir.path().join("keys.yaml"), "? ".repeat(100_000) + "x\n").unwrap();
    std::fs::write(dir.path().join("seqs.yaml"), "- ".repeat(100_000) + "x\n").unwrap();
    let value = check_dir(dir.path(), 1);
    for file in ["indented.yaml", "keys.yaml", "seqs.yaml"] {
        let d = syntax_finding(&value, file);
        assert!(
            d["message"].as_str().unwrap().contains("recursion limit"),
            "{d}"
        );
    }
}

#[test]
fn file_over_the_size_limit_is_not_read() {
    let dir = project();
    // Sparse: 100 MB long without writing 100 MB. The limit is checked from
    // the metadata before reading.
    let file = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    drop(file);
    let value = check_dir(dir.path(), 1);
    let d = syntax_finding(&value, "huge.yaml");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("files.max_bytes"), "{message}");
    assert_eq!(d["start"]["line"], 1);
    assert_eq!(value["files_checked"], 2);
}

#[test]
fn random_binary_bytes() {
    let dir = project();
    for (i, seed) in [0x9E37_79B9_7F4A_7C15u64, 1, 0xDEAD_BEEF]
        .iter()
        .enumerate()
    {
        let bytes = pseudo_random_bytes(64 * 1024, *seed);
        std::fs::write(dir.path().join(format!("binary{i}.yaml")), bytes).unwrap();
    }
    // Printable noise that is valid UTF-8 but not YAML a campaign would be.
    let alphabet = b"{}[]:,-?&*!|>'\"%@` #\n\t abc";
    let noise: Vec<u8> = pseudo_random_bytes(64 * 1024, 7)
        .into_iter()
        .map(|b| alphabet[b as usize % alphabet.len()])
        .collect();
    std::fs::write(dir.path().join("noise.yaml"), noise).unwrap();
    let value = check_dir(dir.path(), 1);
    for i in 0..3 {
        syntax_finding(&value, &format!("binary{i}.yaml"));
    }
    assert!(!findings_in(&value, "noise.yaml").is_empty());
    assert_eq!(value["files_checked"], 5);
}

#[test]
fn utf16_text_with_and_without_bom() {
    let text = faulty_campaign();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let dir = project();
    let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
    std::fs::write(dir.path().join("le-bom.yaml"), with_bom(&[0xFF, 0xFE], &le)).unwrap();
    std::fs::write(dir.path().join("be-bom.yaml"), with_bom(&[0xFE, 0xFF], &be)).unwrap();
    std::fs::write(dir.path().join("le.yaml"), &le).unwrap();
    std::fs::write(dir.path().join("be.yaml"), &be).unwrap();
    let value = check_dir(dir.path(), 1);
    for file in ["le-bom.yaml", "be-bom.yaml", "le.yaml", "be.yaml"] {
        let d = syntax_finding(&value, file);
        let message = d["message"].as_str().unwrap();
        assert!(message.contains("UTF-16"), "{file}: {message}");
        assert_eq!(rules_in(&value, file), ["yaml-syntax"]);
    }
}

#[test]
fn invalid_utf8_in_the_middle_of_a_label() {
    let mut bytes = campaign_with_id("latin").into_bytes();
    // `  label: "新春立减 最高20元"` is line 28: a stray byte between 春 and 立.
    let label = "新春".as_bytes();
    let at = bytes.windows(label.len()).position(|w| w == label).unwrap() + label.len();
    bytes.insert(at, 0xFF);
    let dir = project();
    std::fs::write(dir.path().join("bad-utf8.yaml"), &bytes).unwrap();
    let value = check_dir(dir.path(), 1);
    assert_eq!(rules_in(&value, "bad-utf8.yaml"), ["yaml-syntax"]);
    let d = syntax_finding(&value, "bad-utf8.yaml");
    assert_eq!(d["start"]["line"], 28);
    // `  label: "新春` is 12 characters.
    assert_eq!(d["start"]["column"], 13);
    assert_eq!(d["span"]["offset"].as_u64().unwrap() as usize, at);
}

#[test]
fn key_of_one_megabyte() {
    let key = "k".repeat(1024 * 1024);
    let dir = project();
    // A plain implicit key longer than YAML's 1024-character limit.
    let plain = campaign_with_id("plain-key")
        .replace("kind: Campaign\n", &format!("kind: Campaign\n{key}: 1\n"));
    std::fs::write(dir.path().join("plain.yaml"), plain).unwrap();
    // The same key written as an explicit key (`? key`), which YAML allows.
    let explicit = campaign_with_id("explicit-key").replace(
        "kind: Campaign\n",
        &format!("kind: Campaign\n? {key}\n: 1\n"),
    );
    std::fs::write(dir.path().join("explicit.yaml"), explicit).unwrap();
    // And as a key inside `benefit`, quoted.
    let quoted = campaign_with_id("quoted-key").replace(
        "  type: percent_off\n",
        &format!("  type: percent_off\n  ? \"{key}\"\n  : 1\n"),
    );
    std::fs::write(dir.path().join("quoted.yaml"), quoted).unwrap();
    let value = check_dir(dir.path(), 1);
    // Messages may quote the key: the output stays bounded all the same.
    let printed = value.to_string().len();
    assert!(printed < 16 * 1024 * 1024, "{printed} bytes of output");
    syntax_finding(&value, "plain.yaml");
    for file in ["explicit.yaml", "quoted.yaml"] {
        let found = findings_in(&value, file);
        assert!(
            found.iter().any(|d| d["rule"] == "unknown-field"),
            "{file}: {:?}",
            rules_in(&value, file)
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_a_walked_directory() {
    use std::os::unix::fs::symlink;
    let dir = project();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("inner.yaml"), campaign_with_id("inner-campaign")).unwrap();
    // A directory link back up, a directory link to itself, and two file
    // links pointing at each other.
    symlink("..", sub.join("up")).unwrap();
    symlink(".", sub.join("self")).unwrap();
    symlink("b.yaml", sub.join("a.yaml")).unwrap();
    symlink("a.yaml", sub.join("b.yaml")).unwrap();
    symlink("loop-dir", dir.path().join("loop-dir")).unwrap();
    let value = check_dir(dir.path(), 1);
    assert_eq!(value["errors"], serde_json::json!([]), "{value}");
    // Each real file once.
    assert_eq!(value["files_checked"], 2);
    // Each finding once (the file was not reached twice through a link).
    assert_eq!(
        rules_in(&value, "sub/inner.yaml"),
        rules_in(&value, "ok.yaml"),
        "{value}"
    );
}

/// `check --format json` as a user whom permissions bind: as root (CI in a
/// container), the child drops to `nobody` before it runs, so that a file
/// of mode 000 is unreadable there too.
#[cfg(unix)]
fn run_unprivileged(dir: &Path, paths: &[&str]) -> Output {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_promolint"));
    command
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "json", "--now", NOW])
        .args(paths);
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        // `nobody` must be able to enter the project.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        const NOBODY: libc::uid_t = 65534;
        // SAFETY: only async-signal-safe calls between fork and exec; the
        // group list, then the group, then the user, so none is kept.
        unsafe {
            command.pre_exec(|| {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(NOBODY) != 0
                    || libc::setuid(NOBODY) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    command.output().unwrap()
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_tool_error_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project();
    let locked = dir.path().join("locked.yaml");
    std::fs::write(&locked, campaign_with_id("locked")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = run_unprivileged(dir.path(), &["."]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = value["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["file"], "locked.yaml");
    assert!(findings_in(&value, "locked.yaml").is_empty());
    assert!(
        findings_in(&value, "ok.yaml")
            .iter()
            .any(|d| d["rule"] == "unknown-field"),
        "the other file is still checked: {value}"
    );
}

/// A named file under a directory that cannot be searched: "permission
/// denied", not "no such file or directory".
#[cfg(unix)]
#[test]
fn a_parent_directory_that_cannot_be_searched_is_said_as_such() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project();
    let closed = dir.path().join("closed");
    std::fs::create_dir(&closed).unwrap();
    std::fs::write(closed.join("x.yaml"), campaign_with_id("closed")).unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = run_unprivileged(dir.path(), &["closed/x.yaml", "ok.yaml"]);
    // Let the temporary directory be removed.
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let named: Vec<&Value> = value["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["file"] == "closed/x.yaml")
        .collect();
    assert_eq!(named.len(), 1, "{value}");
    let message = named[0]["message"].as_str().unwrap();
    assert!(message.contains("permission denied"), "{message}");
}

/// Unreadable even for root: `/proc/self/mem` has a length of 0 in its
/// metadata and fails on the first read (address 0 is not mapped).
#[cfg(target_os = "linux")]
#[test]
fn read_error_is_a_tool_error_and_the_run_goes_on() {
    let dir = project();
    let output = run(dir.path(), &["ok.yaml", "/proc/self/mem"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["errors"][0]["file"], "/proc/self/mem");
    assert!(
        findings_in(&value, "ok.yaml")
            .iter()
            .any(|d| d["rule"] == "unknown-field")
    );
}

#[test]
fn five_thousand_documents_are_all_checked() {
    const DOCS: usize = 5_000;
    let mut text = String::with_capacity(DOCS * 800);
    for i in 0..DOCS {
        text.push_str("---\n");
        text.push_str(&campaign_with_id(&format!("campaign-{i:04}")));
    }
    let dir = project();
    std::fs::write(dir.path().join("many.yaml"), &text).unwrap();
    // 5,000 findings in one file: more than `files.max_findings` allows by
    // default, so the policy raises it.
    std::fs::write(
        dir.path().join("policy.yaml"),
        "files:\n  max_findings: 10000\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir.path())
        .args([
            "check",
            "--config",
            "policy.yaml",
            "--format",
            "json",
            "--now",
            NOW,
        ])
        .args(["many.yaml", "ok.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = findings_in(&value, "many.yaml");
    let mut documents: Vec<u64> = found
        .iter()
        .filter(|d| d["rule"] == "unknown-field")
        .map(|d| d["document"].as_u64().unwrap())
        .collect();
    documents.sort_unstable();
    let expected: Vec<u64> = (0..DOCS as u64).collect();
    assert_eq!(documents, expected, "one unknown-field per document");
    // Each on its own document's line 19 (20 with the `---` line).
    let lines_per_doc = faulty_campaign().lines().count() + 1;
    for d in found.iter().filter(|d| d["rule"] == "unknown-field") {
        let doc = d["document"].as_u64().unwrap() as usize;
        assert_eq!(d["start"]["line"], (doc * lines_per_doc + 20) as u64);
        assert_eq!(d["campaign"], format!("campaign-{doc:04}"));
    }
}

// ---- Issue 18: hostile repositories ------------------------------------

/// Runs the binary in `dir` with `args` under `/usr/bin/time`, which
/// reports the peak resident memory of that process alone (in KB). The
/// kernel's figure for a child of the test process itself would include the
/// test process's own memory, which the child had until it ran the binary.
#[cfg(target_os = "linux")]
fn run_measured(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String, u64) {
    const TIME: &str = "/usr/bin/time";
    assert!(
        Path::new(TIME).exists(),
        "{TIME} is needed to measure peak memory (apt-get install time; .ci/run does)"
    );
    let report = tempfile::NamedTempFile::new().unwrap();
    let output = Command::new(TIME)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(report.path())
        .arg(env!("CARGO_BIN_EXE_promolint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let peak = std::fs::read_to_string(report.path()).unwrap();
    let peak_kb = peak
        .lines()
        .filter_map(|l| l.trim().parse::<u64>().ok())
        .next_back()
        .unwrap_or_else(|| panic!("no peak memory in {peak:?}"));
    (
        output.status.code().unwrap_or(-1),
        output.stdout,
        String::from_utf8_lossy(&output.stderr).into_owned(),
        peak_kb,
    )
}

/// A file of 100,000 one-line documents, each of which is a campaign with
/// every field missing: 17 findings each, 1.7 million in all (821 MB of
/// JSON and 1.58 GB of memory before `files.max_findings`).
#[cfg(target_os = "linux")]
#[test]
fn many_tiny_documents_cost_what_a_clean_file_does() {
    let dir = project();
    std::fs::write(
        dir.path().join("tiny.yaml"),
        "---\nkind: Campaign\na: 1\n".repeat(100_000),
    )
    .unwrap();
    // A clean file of about the same size, for the comparison.
    let clean_dir = tempfile::tempdir().unwrap();
    let mut clean = String::new();
    let mut i = 0;
    while clean.len() < 900_000 {
        clean.push_str("---\n");
        clean.push_str(&common::CLEAN.replace("spring-cashback-2027", &format!("c-{i:05}")));
        i += 1;
    }
    std::fs::write(clean_dir.path().join("clean.yaml"), &clean).unwrap();

    let args = ["check", "--no-config", "--format", "json", "--now", NOW];
    let (code, stdout, stderr, peak_kb) = run_measured(dir.path(), &args);
    let (clean_code, _, _, clean_peak_kb) = run_measured(clean_dir.path(), &args);
    eprintln!(
        "tiny documents: {} bytes of JSON, peak {peak_kb} KB; clean file: peak {clean_peak_kb} KB",
        stdout.len()
    );
    assert_eq!(clean_code, 0);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Generous bounds: a thousand findings and a few notes.
    assert!(stdout.len() < 2 * 1024 * 1024, "{} bytes", stdout.len());
    assert!(
        peak_kb < 3 * clean_peak_kb + 64 * 1024,
        "peak {peak_kb} KB against {clean_peak_kb} KB for a clean file"
    );
    let value: Value = serde_json::from_slice(&stdout).unwrap();
    let found = findings_in(&value, "tiny.yaml");
    assert_eq!(
        found.len(),
        1_002,
        "1,000 findings, the document budget's and the note"
    );
    let budget = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("more than 10000 YAML documents"))
        })
        .unwrap_or_else(|| panic!("no document budget finding"));
    assert_eq!(budget["rule"], "yaml-syntax");
    let note = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("files.max_findings"))
        })
        .unwrap_or_else(|| panic!("no note"));
    assert_eq!(note["rule"], "yaml-syntax");
    assert_eq!(note["severity"], "error");
    // The other file is still checked in full.
    assert!(
        findings_in(&value, "ok.yaml")
            .iter()
            .any(|d| d["rule"] == "unknown-field")
    );
}

/// `files.max_findings` caps each file; the note says how many more.
#[test]
fn max_findings_caps_each_file_and_says_how_many_more() {
    let dir = project();
    // Four unknown fields (`max_discout` included) and a warning.
    let campaign = campaign_with_id("capped")
        .replace("kind: Campaign\n", "kind: Campaign\nx1: 1\nx2: 2\n")
        .replace(
            "  rollout_percent: 5\n",
            "  rollout_percent: 5\n  x3: 010\n",
        );
    std::fs::write(dir.path().join("capped.yaml"), campaign).unwrap();
    std::fs::write(
        dir.path().join("policy.yaml"),
        "files:\n  max_findings: 2\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir.path())
        .args([
            "check",
            "--config",
            "policy.yaml",
            "--format",
            "json",
            "--now",
            NOW,
        ])
        .args(["capped.yaml", "ok.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = findings_in(&value, "capped.yaml");
    let lines: Vec<(String, u64)> = found
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // The first two in report order, then the note where the rest begin.
    assert_eq!(
        lines,
        [
            ("unknown-field".to_string(), 3),
            ("unknown-field".to_string(), 4),
            ("yaml-syntax".to_string(), 21),
        ],
        "{found:?}"
    );
    let note = found[2]["message"].as_str().unwrap();
    assert!(note.starts_with("3 more findings"), "{note}");
    assert_eq!(found[2]["severity"], "error", "two of the three are errors");
    // One finding in ok.yaml: under the cap, untouched.
    assert_eq!(rules_in(&value, "ok.yaml"), ["unknown-field"]);
}

/// Waits for a child at most `limit`, killing it then: a hang fails the
/// test instead of stalling the suite.
fn wait_at_most(mut child: std::process::Child, limit: std::time::Duration) -> Output {
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {limit:?}: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn a_named_fifo_is_an_error_not_a_hang() {
    let dir = project();
    let fifo = dir.path().join("p.yaml");
    let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    for args in [
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "p.yaml",
            "ok.yaml",
        ][..],
        &["check", "--config", "p.yaml", "--format", "json", "ok.yaml"][..],
    ] {
        let child = Command::new(env!("CARGO_BIN_EXE_promolint"))
            .current_dir(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let output = wait_at_most(child, std::time::Duration::from_secs(60));
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            all.contains("not a regular file (a FIFO)"),
            "{args:?}: {all}"
        );
        assert!(!all.contains("panicked"), "{all}");
    }
    // The walk, which skipped FIFOs already, still does.
    let value = check_dir(dir.path(), 1);
    assert_eq!(value["errors"], serde_json::json!([]));
}

#[cfg(target_os = "linux")]
#[test]
fn completions_to_a_full_device_exit_2_with_one_line() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    for command in [&["completions", "bash"][..], &["rules"][..]] {
        let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
            .args(command)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: cannot write output"), "{stderr}");
    }
}

/// Whether `text` holds a character no terminal should get raw: a C0
/// control other than tab and line feed, DEL, a C1 control, or a bidi
/// control.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// Removes the colour codes miette writes (`ESC [ ... m`), so that any ESC
/// left came from the input.
fn without_colour(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(end) if after[end..].starts_with('m') => rest = &after[end + 1..],
            _ => {
                out.push('\u{1b}');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(unix)]
#[test]
fn control_characters_never_reach_text_output_raw() {
    let dir = project();
    let hostile_name = "x\n::error file=y::pwned\u{1b}]0;title\u{7}.yaml";
    // A key and values with ESC/OSC, BEL, NUL-free C0, C1, a bidi override,
    // and an OSC 8 link; YAML double quotes spell them as escapes, so the
    // decoded values hold the raw characters.
    let campaign = campaign_with_id("hostile-text")
        .replace(
            "kind: Campaign\n",
            "kind: Campaign\n\"k\\e[2J\\a\\x9b\\u202e\": 1\n",
        )
        .replace(
            "  label: \"新春立减 最高20元\"",
            "  label: \"\\e]8;;http://evil\\e\\\\click\\e]8;;\\e\\\\ \\u202egnp.exe \\x85 \\0\"",
        )
        .replace("currency: CNY", "currency: \"C\\eNY\"");
    std::fs::write(dir.path().join(hostile_name), &campaign).unwrap();
    // Raw control bytes in the source text itself (a comment and a plain
    // scalar), which the human format echoes.
    std::fs::write(
        dir.path().join("raw.yaml"),
        campaign_with_id("raw-text").replace(
            "kind: Campaign\n",
            "kind: Campaign\nzz\u{1b}[31m: \u{7}x # \u{1b}]0;t\u{7}\u{202e}\n",
        ),
    )
    .unwrap();
    let binary = env!("CARGO_BIN_EXE_promolint");
    for (format, color) in [
        ("human", "never"),
        ("human", "always"),
        ("concise", "never"),
        ("github", "never"),
    ] {
        let output = Command::new(binary)
            .current_dir(dir.path())
            .args(["check", "--no-config", "--now", NOW, "--format", format])
            .args(["--color", color])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}: {output:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let text = if color == "always" {
            without_colour(&stdout)
        } else {
            stdout.clone()
        };
        assert_eq!(
            raw_controls(&text),
            Vec::<char>::new(),
            "{format} {color}:\n{text}"
        );
        for line in text.lines() {
            assert!(
                !line.starts_with("::error file=y"),
                "{format}: injected command: {line}"
            );
        }
        // The hostile file was checked and is named, visibly escaped.
        assert!(text.contains("pwned\\u{1b}]0;title"), "{format}: {text}");
        assert!(text.contains("\\u{1b}"), "{format}: {text}");
    }
    // JSON keeps the text exact (its own escapes).
    let value = run(dir.path(), &["."]);
    let value: Value = serde_json::from_slice(&value.stdout).unwrap();
    assert!(!findings_in(&value, hostile_name).is_empty(), "{value}");
}

#[cfg(unix)]
#[test]
fn links_to_files_outside_the_project_are_never_read() {
    use std::os::unix::fs::symlink;
    const SECRET: &str = "SECRET-6a1f0c: do not print me";
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, format!("{SECRET}\n{SECRET}: [\n")).unwrap();
    let other_secret = outside.path().join("other.yaml");
    std::fs::write(&other_secret, format!("{SECRET}: 1\n")).unwrap();
    std::fs::create_dir(outside.path().join("dir")).unwrap();
    std::fs::write(outside.path().join("dir/inner.yaml"), format!("{SECRET}\n")).unwrap();

    let dir = project();
    symlink(&secret, dir.path().join("p.yaml")).unwrap();
    // A relative link that climbs out.
    let up = "../".repeat(dir.path().components().count() - 1);
    let climb = format!(
        "{up}{}",
        other_secret.to_str().unwrap().trim_start_matches('/')
    );
    symlink(&climb, dir.path().join("climb.yaml")).unwrap();
    // A linked directory leading out, and a link inside the project.
    symlink(outside.path().join("dir"), dir.path().join("linked")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/inner.yaml"), campaign_with_id("inner")).unwrap();
    symlink("sub/inner.yaml", dir.path().join("a-link.yaml")).unwrap();

    // Walked: a finding on each outside link, nothing of the target.
    let output = run(dir.path(), &["."]);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(!stdout.contains("SECRET-6a1f0c"), "{stdout}");
    let value: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["errors"], serde_json::json!([]), "{value}");
    for link in ["p.yaml", "climb.yaml"] {
        let d = syntax_finding(&value, link);
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .contains("outside the project root"),
            "{d}"
        );
        assert_eq!(rules_in(&value, link), ["yaml-syntax"]);
    }
    // The link inside works: the campaign it points at is checked once,
    // under the name the walk met first.
    assert!(rules_in(&value, "a-link.yaml").contains(&"unknown-field".to_string()));
    for format in ["human", "concise", "github"] {
        let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", format])
            .output()
            .unwrap();
        let all = String::from_utf8_lossy(&output.stdout);
        assert!(!all.contains("SECRET-6a1f0c"), "{format}: {all}");
    }

    // Named: a tool error, exit 2, and still nothing of the target.
    for named in ["p.yaml", "climb.yaml", "linked/inner.yaml"] {
        let output = run(dir.path(), &[named, "ok.yaml"]);
        assert_eq!(output.status.code(), Some(2), "{named}: {output:?}");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(!stdout.contains("SECRET-6a1f0c"), "{stdout}");
        let value: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(value["errors"][0]["file"], named, "{value}");
        assert!(
            value["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("outside the project root")
        );
    }
    // Named links inside the project are read.
    let output = run(dir.path(), &["a-link.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
}

#[cfg(unix)]
#[test]
fn a_link_loop_on_a_named_path_is_said_as_such() {
    use std::os::unix::fs::symlink;
    let dir = project();
    symlink("loop", dir.path().join("loop")).unwrap();
    let output = run(dir.path(), &["loop/x.yaml", "ok.yaml"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let message = value["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("symbolic links"), "{message}");
    assert!(!message.contains("no such file"), "{message}");
}

/// A policy of `n` overrides, `files: ["c{i}/**", "**/x{i}*.yaml"]`, the
/// last of which turns `unknown-field` off.
fn many_overrides(n: usize) -> String {
    let mut policy = String::from("apiVersion: promo/v1\nkind: Policy\noverrides:\n");
    for i in 0..n {
        let rule = if i + 1 == n {
            "unknown-field"
        } else {
            "missing-owner"
        };
        policy.push_str(&format!(
            "  - files: [\"c{i}/**\", \"**/x{i}*.yaml\"]\n    rules: {{ {rule}: off }}\n"
        ));
    }
    policy
}

/// Many overrides, alone and beside other large policies that are read as
/// campaigns (each with a finding per override): the override that matches
/// applies, the others do not. 2,000 keep the debug build quick; the time
/// of 10,000 is measured on a release build, never asserted.
#[test]
fn many_overrides_in_both_layouts() {
    const N: usize = 2_000;
    for beside in [false, true] {
        let dir = project();
        std::fs::write(dir.path().join("policy.yaml"), many_overrides(N)).unwrap();
        if beside {
            for n in [500, 1_000] {
                std::fs::write(dir.path().join(format!("p{n}.yaml")), many_overrides(n)).unwrap();
            }
        }
        let last = format!("x{}-campaign.yaml", N - 1);
        std::fs::write(dir.path().join(&last), campaign_with_id("last")).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
            .current_dir(dir.path())
            .args([
                "check",
                "--config",
                "policy.yaml",
                "--format",
                "json",
                "--now",
                NOW,
            ])
            .args([last.as_str(), "ok.yaml"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let value: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(
            rules_in(&value, &last).is_empty(),
            "beside {beside}: {value}"
        );
        assert_eq!(rules_in(&value, "ok.yaml"), ["unknown-field"]);
    }
}
