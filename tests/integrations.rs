//! Where users run promolint: the machine-readable formats that CI services
//! read, checked end to end with the real binary on a copy of the example
//! repository, and the copy-paste setups of `docs/ci.md`, whose YAML must
//! load and whose `promolint check` commands must write what the service
//! expects. (`scripts/test-pre-commit.sh` proves the pre-commit hook with the
//! real pre-commit.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The example repository to run on: `fixtures/examples`, or, on a branch
/// that does not have it yet, the per-rule fixtures (findings of every rule).
fn corpus_source() -> PathBuf {
    let examples = manifest_dir().join("fixtures/examples");
    if examples.is_dir() {
        return examples;
    }
    let rules = manifest_dir().join("fixtures/rules");
    assert!(
        rules.is_dir(),
        "neither fixtures/examples nor fixtures/rules exists"
    );
    eprintln!("note: fixtures/examples is missing; running on fixtures/rules instead");
    rules
}

/// A copy of the example repository in a temporary directory, made the root
/// of a checkout (`.git`) so that no policy file above it is picked up.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&corpus_source(), dir.path());
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn promolint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// `check` on the whole directory, reproducibly.
fn check(dir: &Path, format: &str, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--no-config", "--now", NOW, "--format", format];
    args.extend_from_slice(extra);
    promolint(dir, &args)
}

/// What `--format json` says about a run: the reference every other format
/// is compared with.
struct Reference {
    code: Option<i32>,
    diagnostics: Vec<Value>,
    files_checked: u64,
    /// False when "now" is the clock's: `schedule-expired` messages quote it.
    exact_messages: bool,
}

impl Reference {
    fn of(output: &Output) -> Reference {
        let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}):\n{}",
                String::from_utf8_lossy(&output.stdout)
            )
        });
        assert_eq!(json["errors"], serde_json::json!([]), "tool errors: {json}");
        Reference {
            code: output.status.code(),
            diagnostics: json["diagnostics"].as_array().unwrap().clone(),
            files_checked: json["files_checked"].as_u64().unwrap(),
            exact_messages: true,
        }
    }

    /// Diagnostics per reported file.
    fn per_file(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for diagnostic in &self.diagnostics {
            *counts.entry(text(&diagnostic["file"])).or_insert(0) += 1;
        }
        counts
    }
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
        .to_string()
}

fn sarif_validator() -> jsonschema::Validator {
    let path = manifest_dir().join("../shared/testdata/sarif-schema-2.1.0.json");
    let schema = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): CI keeps shared/ beside the clone",
            path.display()
        )
    });
    jsonschema::validator_for(&serde_json::from_str(&schema).unwrap()).unwrap()
}

/// SARIF 2.1.0, valid against the OASIS schema, one result per finding at
/// the finding's place, every rule described in `tool.driver.rules`.
fn assert_sarif(output: &str, reference: &Reference) {
    let log: Value = serde_json::from_str(output)
        .unwrap_or_else(|e| panic!("SARIF is not JSON ({e}):\n{output}"));
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules: Vec<String> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| text(&rule["id"]))
        .collect();
    let results = run["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        reference.diagnostics.len(),
        "one result per finding"
    );
    for (result, diagnostic) in results.iter().zip(&reference.diagnostics) {
        let rule = text(&diagnostic["rule"]);
        assert_eq!(result["ruleId"], diagnostic["rule"]);
        assert!(rules.contains(&rule), "{rule} is not in tool.driver.rules");
        assert_eq!(result["level"], diagnostic["severity"]);
        if reference.exact_messages {
            assert_eq!(result["message"]["text"], diagnostic["message"]);
        }
        let location = &result["locations"][0]["physicalLocation"];
        // The example paths are ASCII: the URI is the path itself.
        assert_eq!(location["artifactLocation"]["uri"], diagnostic["file"]);
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        assert_eq!(region["startLine"], diagnostic["start"]["line"]);
        assert_eq!(region["startColumn"], diagnostic["start"]["column"]);
        assert_eq!(region["endLine"], diagnostic["end"]["line"]);
        assert_eq!(region["endColumn"], diagnostic["end"]["column"]);
        let fingerprints = result["partialFingerprints"].as_object().unwrap();
        assert!(!fingerprints.is_empty(), "no partialFingerprints: {result}");
        let labels = diagnostic["labels"].as_array().unwrap();
        let related = result["relatedLocations"]
            .as_array()
            .map_or(0, |related| related.len());
        assert_eq!(related, labels.len(), "related locations: {result}");
    }
}

/// True when `line` matches `^::(error|warning|notice) [^:]*::`.
fn is_workflow_command(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("::") else {
        return false;
    };
    let Some(rest) = ["error ", "warning ", "notice "]
        .iter()
        .find_map(|command| rest.strip_prefix(command))
    else {
        return false;
    };
    let properties_end = rest.find(':').unwrap_or(rest.len());
    rest[properties_end..].starts_with("::")
}

/// GitHub workflow commands: every line one, one error or warning per
/// finding in order, then the notice with the totals, `summary`.
fn assert_github(output: &str, reference: &Reference, summary: &str) {
    let lines: Vec<&str> = output.lines().collect();
    for line in &lines {
        assert!(
            is_workflow_command(line),
            "not a workflow command: {line:?}"
        );
    }
    let (notice, findings) = lines.split_last().expect("at least the notice");
    assert_eq!(*notice, format!("::notice title=promolint::{summary}"));
    assert_eq!(
        findings.len(),
        reference.diagnostics.len(),
        "one line per finding"
    );
    for (line, diagnostic) in findings.iter().zip(&reference.diagnostics) {
        let expected = format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::",
            text(&diagnostic["severity"]),
            text(&diagnostic["file"]),
            diagnostic["start"]["line"],
            diagnostic["start"]["column"],
            diagnostic["end"]["line"],
            diagnostic["end"]["column"],
            text(&diagnostic["rule"]),
        );
        assert!(line.starts_with(&expected), "{line:?} is not {expected:?}");
    }
}

/// JUnit XML: one failed test case per finding, one suite per file with
/// findings.
fn assert_junit(output: &str, reference: &Reference) {
    let document = roxmltree::Document::parse(output)
        .unwrap_or_else(|e| panic!("JUnit is not XML ({e}):\n{output}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let failures = document
        .descendants()
        .filter(|node| node.has_tag_name("failure"))
        .count();
    assert_eq!(
        failures,
        reference.diagnostics.len(),
        "one <failure> per finding"
    );
    let mut per_suite = BTreeMap::new();
    let mut suites = 0;
    for suite in root.children().filter(|n| n.has_tag_name("testsuite")) {
        suites += 1;
        let name = suite.attribute("name").expect("a suite has a name");
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        // A checked file without findings is one passing test case.
        if suite.attribute("failures") == Some("0") {
            assert_eq!(cases.len(), 1, "one passing case for {name}");
            assert_eq!(cases[0].children().filter(|n| n.is_element()).count(), 0);
            continue;
        }
        for case in &cases {
            let failures = case
                .children()
                .filter(|n| n.has_tag_name("failure"))
                .count();
            assert_eq!(failures, 1, "one failure per test case");
        }
        assert_eq!(
            suite.attribute("failures"),
            Some(cases.len().to_string().as_str())
        );
        assert!(
            per_suite.insert(name.to_string(), cases.len()).is_none(),
            "two suites for {name}"
        );
    }
    assert_eq!(per_suite, reference.per_file(), "failures per file");
    // Every checked file has a suite; a finding inherited from a template
    // adds the template's file.
    assert!(
        suites >= reference.files_checked,
        "one suite per checked file"
    );
    assert_eq!(
        root.attribute("failures"),
        Some(reference.diagnostics.len().to_string().as_str())
    );
}

/// Concise: one `path:line:col: severity[rule] message` line per finding.
fn assert_concise_lines(lines: &[&str], reference: &Reference) {
    assert_eq!(
        lines.len(),
        reference.diagnostics.len(),
        "one line per finding"
    );
    for (line, diagnostic) in lines.iter().zip(&reference.diagnostics) {
        let mut expected = format!(
            "{}:{}:{}: {}[{}] ",
            text(&diagnostic["file"]),
            diagnostic["start"]["line"],
            diagnostic["start"]["column"],
            text(&diagnostic["severity"]),
            text(&diagnostic["rule"]),
        );
        if reference.exact_messages {
            expected.push_str(&one_line(&text(&diagnostic["message"])));
            if let Some(help) = diagnostic["help"].as_str() {
                expected.push_str(&format!("; help: {}", one_line(help)));
            }
            assert_eq!(*line, expected);
        } else {
            assert!(line.starts_with(&expected), "{line:?} is not {expected:?}");
        }
    }
}

/// A message on one line, as concise prints it.
fn one_line(message: &str) -> String {
    message
        .split(['\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The reference run of the example repository; it has planted faults.
fn reference(dir: &Path) -> Reference {
    let reference = Reference::of(&check(dir, "json", &[]));
    assert_eq!(reference.code, Some(1), "the examples have error findings");
    assert!(
        reference.diagnostics.len() >= 5,
        "too few findings to test with: {}",
        reference.diagnostics.len()
    );
    assert!(reference.files_checked > 1);
    reference
}

/// The summary line, as the concise format ends with it.
fn summary(dir: &Path) -> String {
    let concise = stdout(&check(dir, "concise", &[]));
    concise.lines().last().unwrap().to_string()
}

#[test]
fn sarif_has_one_valid_result_per_finding() {
    let dir = corpus();
    let reference = reference(dir.path());
    let output = check(dir.path(), "sarif", &[]);
    assert_eq!(output.status.code(), reference.code);
    let text = stdout(&output);
    assert_sarif(&text, &reference);
    // The URIs are relative to the directory of the run.
    let log: Value = serde_json::from_str(&text).unwrap();
    let root = text_of_root(&log);
    let expected = dir.path().canonicalize().unwrap();
    assert!(
        root.trim_end_matches('/')
            .ends_with(expected.to_str().unwrap().trim_end_matches('/')),
        "%SRCROOT% is {root}, the run was in {}",
        expected.display()
    );
}

fn text_of_root(log: &Value) -> String {
    text(&log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"])
}

/// Every YAML file under `dir`, relative to it.
fn yaml_files(dir: &Path, under: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir.join(under)).unwrap() {
        let entry = entry.unwrap();
        let relative = under.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                yaml_files(dir, &relative, out);
            }
        } else if relative
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml")
        {
            out.push(relative);
        }
    }
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    // Code scanning matches alerts across commits by partialFingerprints:
    // a line added above a finding must not make it a new alert.
    let dir = corpus();
    let results = |dir: &Path| -> Vec<(Value, String, u64)> {
        let log: Value = serde_json::from_str(&stdout(&check(dir, "sarif", &[]))).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|result| {
                let location = &result["locations"][0]["physicalLocation"];
                (
                    result["partialFingerprints"].clone(),
                    text(&location["artifactLocation"]["uri"]),
                    location["region"]["startLine"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let before = results(dir.path());
    let mut files = Vec::new();
    yaml_files(dir.path(), Path::new(""), &mut files);
    let mut shifted = Vec::new();
    for file in files {
        let path = dir.path().join(&file);
        let text = std::fs::read_to_string(&path).unwrap();
        // Not in front of a byte-order mark or a directive.
        if text.starts_with("apiVersion") || text.starts_with('#') {
            std::fs::write(&path, format!("# reviewed by the pricing team\n{text}")).unwrap();
            shifted.push(file.to_str().unwrap().to_string());
        }
    }
    assert!(!shifted.is_empty());
    let after = results(dir.path());
    assert_eq!(before.len(), after.len());
    for ((print, uri, line), (print_after, uri_after, line_after)) in before.iter().zip(&after) {
        assert_eq!(uri, uri_after);
        assert_eq!(print, print_after, "{uri}:{line}");
        let shift = u64::from(shifted.contains(uri));
        assert_eq!(line + shift, *line_after, "{uri}:{line}");
    }
}

#[test]
fn github_lines_are_workflow_commands() {
    let dir = corpus();
    let reference = reference(dir.path());
    let summary = summary(dir.path());
    let output = check(dir.path(), "github", &[]);
    assert_eq!(output.status.code(), reference.code);
    assert_github(&stdout(&output), &reference, &summary);
    // `--quiet` drops no finding and keeps the notice: it is the only
    // complete count GitHub shows.
    let quiet = check(dir.path(), "github", &["--quiet"]);
    assert_github(&stdout(&quiet), &reference, &summary);
}

#[test]
fn the_workflow_command_syntax() {
    assert!(is_workflow_command(
        "::error file=a.yaml,line=1,col=2,endLine=1,endColumn=3,title=r::m: x"
    ));
    assert!(is_workflow_command("::notice title=promolint::1 error"));
    assert!(!is_workflow_command("::error file=C:/a.yaml::m"));
    assert!(!is_workflow_command("::debug ::m"));
    assert!(!is_workflow_command("error: a.yaml: not found"));
    assert!(!is_workflow_command("::warning title=r"));
}

#[test]
fn junit_has_one_failure_per_finding() {
    let dir = corpus();
    let reference = reference(dir.path());
    let output = check(dir.path(), "junit", &[]);
    assert_eq!(output.status.code(), reference.code);
    assert_junit(&stdout(&output), &reference);
}

#[test]
fn concise_has_one_line_per_finding() {
    let dir = corpus();
    let reference = reference(dir.path());
    let output = check(dir.path(), "concise", &[]);
    assert_eq!(output.status.code(), reference.code);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let (summary, findings) = lines.split_last().unwrap();
    assert_concise_lines(findings, &reference);
    let errors = reference
        .diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert!(
        summary.starts_with(&format!("{errors} error")),
        "{summary:?}"
    );
    let quiet = stdout(&check(dir.path(), "concise", &["--quiet"]));
    assert_concise_lines(&quiet.lines().collect::<Vec<_>>(), &reference);
}

#[test]
fn named_files_are_reported_with_the_project_as_context() {
    // What the pre-commit hook does: name the changed files only. Findings
    // of the named file's campaigns are reported wherever their primary
    // span lies (a value inherited from a template points into the
    // template's file), and nothing else.
    let dir = corpus();
    let all = reference(dir.path());
    let expected_for = |file: &str| -> Vec<Value> {
        let campaigns: Vec<&Value> = all
            .diagnostics
            .iter()
            .filter(|d| d["file"] == file && !d["campaign"].is_null())
            .map(|d| &d["campaign"])
            .collect();
        all.diagnostics
            .iter()
            .filter(|d| d["file"] == file || campaigns.contains(&&d["campaign"]))
            .cloned()
            .collect()
    };
    // The campaign file with the most findings: in the examples, the
    // incident, half of whose findings lie in its template.
    let (file, expected) = all
        .per_file()
        .into_keys()
        .filter(|file| !file.starts_with("templates/"))
        .map(|file| {
            let expected = expected_for(&file);
            (file, expected)
        })
        .max_by_key(|(_, expected)| expected.len())
        .unwrap();
    let output = check(dir.path(), "json", &[&file]);
    assert_eq!(output.status.code(), Some(1));
    let named = Reference::of(&output);
    assert_eq!(named.diagnostics, expected, "naming {file}");
    if corpus_source().ends_with("examples") {
        assert!(
            named
                .per_file()
                .contains_key("templates/tmpl-gov-subsidy.yaml"),
            "the template's findings are reported for {file}"
        );
    }
    for format in ["sarif", "github", "junit"] {
        let output = check(dir.path(), format, &[&file]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let text = stdout(&output);
        match format {
            "sarif" => assert_sarif(&text, &named),
            "junit" => assert_junit(&text, &named),
            _ => {
                let summary = stdout(&check(dir.path(), "concise", &[&file]));
                assert_github(&text, &named, summary.lines().last().unwrap());
            }
        }
    }
}

// ---- docs/ci.md ----

fn ci_md() -> String {
    std::fs::read_to_string(manifest_dir().join("docs/ci.md")).expect("docs/ci.md")
}

/// The ```yaml blocks of a Markdown text.
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_end() == "```yaml" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.push(current.take().unwrap()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    assert!(current.is_none(), "an unclosed ```yaml block");
    blocks
}

/// The file a snippet is for: its first line, `# FILE`.
fn file_of(block: &str) -> &str {
    block
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("# "))
        .unwrap_or_else(|| panic!("a snippet starts with `# FILE`:\n{block}"))
}

/// Loads YAML with promolint's own loader: no `yaml-syntax` or
/// `duplicate-key` finding, one document; then as a value.
fn load_yaml(name: &str, text: &str) -> Value {
    let loaded = promolint::load::load(0, text, promolint::load::Limits::default());
    let findings: Vec<String> = loaded
        .findings
        .iter()
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(findings.is_empty(), "{name}: {findings:?}\n{text}");
    assert_eq!(loaded.documents.len(), 1, "{name}: one document");
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"))
}

/// Every string under the keys `run` and `script` (GitHub steps, GitLab
/// jobs), split into lines.
fn commands(value: &Value, under_command: bool, out: &mut Vec<String>) {
    match value {
        Value::String(s) if under_command => {
            out.extend(s.lines().map(|line| line.trim().to_string()))
        }
        Value::Array(items) => {
            for item in items {
                commands(item, under_command, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                commands(item, key == "run" || key == "script", out);
            }
        }
        _ => {}
    }
}

/// Runs one `promolint check` command line of a snippet, as the CI service
/// would, in a fresh copy of the example repository; returns the format and
/// what it wrote (the redirect's file, or standard output).
fn run_snippet_command(line: &str) -> (String, String, Reference, String) {
    let dir = corpus();
    // The service runs it with promolint on the PATH, without --now or
    // --no-config: compare with JSON from the same conditions.
    let mut reference = Reference::of(&promolint(dir.path(), &["check", "--format", "json"]));
    reference.exact_messages = false;
    let summary = stdout(&promolint(dir.path(), &["check", "--format", "concise"]))
        .lines()
        .last()
        .unwrap()
        .to_string();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_promolint")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let output = Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(dir.path())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        reference.code,
        "`{line}`: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let words: Vec<&str> = line.split_whitespace().collect();
    let format = words
        .iter()
        .position(|w| *w == "--format")
        .map_or("human", |i| words[i + 1])
        .to_string();
    let written = match words.iter().position(|w| *w == ">") {
        Some(i) => std::fs::read_to_string(dir.path().join(words[i + 1]))
            .unwrap_or_else(|e| panic!("`{line}` wrote no {} ({e})", words[i + 1])),
        None => stdout(&output),
    };
    (format, written, reference, summary)
}

/// Checks what a snippet's command wrote; returns the format.
fn exercise(line: &str) -> String {
    let (format, written, reference, summary) = run_snippet_command(line);
    match format.as_str() {
        "sarif" => assert_sarif(&written, &reference),
        "github" => assert_github(&written, &reference, &summary),
        "junit" => assert_junit(&written, &reference),
        "concise" => {
            let lines: Vec<&str> = written.lines().collect();
            assert_concise_lines(&lines[..lines.len() - 1], &reference);
        }
        other => panic!("`{line}`: no check for --format {other}"),
    }
    format
}

/// The `promolint check` lines of a snippet.
fn promolint_commands(snippet: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    commands(snippet, false, &mut lines);
    lines.retain(|line| line.starts_with("promolint "));
    lines
}

/// The redirect target of a command line (`... > FILE`).
fn redirect_target(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    let i = words
        .iter()
        .position(|w| *w == ">")
        .unwrap_or_else(|| panic!("`{line}` writes no file"));
    words[i + 1].to_string()
}

fn steps(workflow: &Value) -> Vec<&Value> {
    workflow["jobs"]
        .as_object()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_array().expect("steps"))
        .collect()
}

/// An install step of a snippet: the wheel with pip or pipx, or a build with
/// Cargo.
fn installs_promolint(run: &str) -> bool {
    run.lines().any(|line| {
        let line = line.trim();
        line.starts_with("cargo install --locked")
            || ((line.starts_with("pipx install") || line.starts_with("pip install"))
                && line.contains(" promolint"))
    })
}

/// The inputs of the composite action (action.yml).
fn action_inputs() -> Vec<String> {
    let text = std::fs::read_to_string(manifest_dir().join("action.yml")).expect("action.yml");
    let action = load_yaml("action.yml", &text);
    assert_eq!(action["runs"]["using"], "composite");
    action["inputs"]
        .as_object()
        .expect("inputs")
        .keys()
        .cloned()
        .collect()
}

/// A workflow that uses promolint's action: its inputs exist, and the job
/// may upload SARIF.
fn check_action_workflow(workflow: &Value, step: &Value) {
    let inputs = action_inputs();
    for key in step["with"].as_object().into_iter().flat_map(|w| w.keys()) {
        assert!(inputs.contains(key), "action.yml has no input {key}");
    }
    let jobs = workflow["jobs"].as_object().unwrap();
    assert!(
        jobs.values()
            .any(|job| job["permissions"]["security-events"] == "write"),
        "the action uploads SARIF: security-events: write"
    );
}

fn check_github_workflow(workflow: &Value) -> Vec<String> {
    assert!(workflow.get("on").is_some(), "a trigger: {workflow}");
    let steps = steps(workflow);
    assert!(
        steps.iter().any(|s| s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/checkout@"))),
        "a checkout step"
    );
    if let Some(step) = steps.iter().find(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.contains("/promolint@"))
    }) {
        check_action_workflow(workflow, step);
        return Vec::new();
    }
    assert!(
        steps
            .iter()
            .any(|s| s["run"].as_str().is_some_and(installs_promolint)),
        "an install step"
    );
    let lines = promolint_commands(workflow);
    assert_eq!(lines.len(), 1, "one promolint command: {lines:?}");
    let upload = steps.iter().find(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
    });
    if let Some(upload) = upload {
        assert!(lines[0].contains("--format sarif"), "{}", lines[0]);
        assert_eq!(
            upload["with"]["sarif_file"].as_str(),
            Some(redirect_target(&lines[0]).as_str()),
            "uploads what the lint step writes"
        );
        let condition = text(&upload["if"]);
        assert!(
            condition.contains("!cancelled()") || condition.contains("always()"),
            "the upload runs when the lint step fails: {condition}"
        );
        let jobs = workflow["jobs"].as_object().unwrap();
        assert!(
            jobs.values()
                .any(|job| job["permissions"]["security-events"] == "write"),
            "upload-sarif needs security-events: write"
        );
    } else {
        assert!(lines[0].contains("--format github"), "{}", lines[0]);
    }
    lines
}

fn check_gitlab_ci(config: &Value) -> Vec<String> {
    let jobs: Vec<&Value> = config
        .as_object()
        .unwrap()
        .values()
        .filter(|job| job.get("script").is_some())
        .collect();
    assert!(!jobs.is_empty(), "a job with a script");
    let mut lines = Vec::new();
    for job in jobs {
        let job_lines = promolint_commands(job);
        for line in &job_lines {
            if line.contains("--format junit") {
                assert_eq!(
                    job["artifacts"]["reports"]["junit"].as_str(),
                    Some(redirect_target(line).as_str()),
                    "the JUnit report is the job's artifacts:reports:junit"
                );
                assert_eq!(job["artifacts"]["when"], "always");
            }
        }
        lines.extend(job_lines);
    }
    lines
}

/// The hook definitions of `.pre-commit-hooks.yaml`: `promolint` as CLI.md
/// fixes it, and `promolint-wheel`, the same hook installed as the Python
/// wheel (`language: python`).
fn hook_definitions() -> Vec<Value> {
    let path = manifest_dir().join(".pre-commit-hooks.yaml");
    let text = std::fs::read_to_string(&path).expect(".pre-commit-hooks.yaml");
    let hooks = load_yaml(".pre-commit-hooks.yaml", &text);
    let hooks = hooks.as_array().expect("a list of hooks").clone();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["promolint", "promolint-wheel"]);
    for (hook, language) in hooks.iter().zip(["rust", "python"]) {
        assert_eq!(hook["language"], language, "{hook}");
        assert_eq!(hook["entry"], "promolint check");
        assert_eq!(hook["files"], r"\.(ya?ml)$");
        assert_eq!(hook["exclude"], r"(^|/)\.");
        assert_eq!(hook["require_serial"], true);
        assert!(hook["name"].is_string() && hook["description"].is_string());
    }
    assert_ne!(
        hooks[0]["name"], hooks[1]["name"],
        "pre-commit's output tells them apart"
    );
    hooks
}

#[test]
fn pre_commit_hook_definitions() {
    hook_definitions();
}

fn check_pre_commit_config(config: &Value) {
    let repos = config["repos"].as_array().expect("repos");
    let repo = &repos[0];
    if repo["repo"] == "local" {
        // The wheel on the PATH: the hook of .pre-commit-hooks.yaml, run
        // as a system command.
        let hook = &repo["hooks"][0];
        let defined = &hook_definitions()[0];
        assert_eq!(hook["language"], "system");
        for key in ["entry", "files", "exclude", "require_serial"] {
            assert_eq!(hook[key], defined[key], "{key}");
        }
        return;
    }
    assert!(
        repo["repo"]
            .as_str()
            .is_some_and(|r| r.contains("promolint"))
    );
    assert!(repo["rev"].as_str().is_some_and(|r| !r.is_empty()), "rev");
    let ids: Vec<Value> = hook_definitions().iter().map(|h| h["id"].clone()).collect();
    assert!(
        ids.contains(&repo["hooks"][0]["id"]),
        "{}",
        repo["hooks"][0]
    );
}

fn check_policy(name: &str, text: &str) {
    // The policy the docs suggest is valid and selects the same files of
    // the example layout (campaigns/, templates/).
    let dir = corpus();
    let without = Reference::of(&check(dir.path(), "json", &[]));
    std::fs::write(dir.path().join(".promolint.yaml"), text).unwrap();
    let output = promolint(dir.path(), &["check", "--now", NOW, "--format", "json"]);
    assert_ne!(
        output.status.code(),
        Some(2),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let with = Reference::of(&output);
    if corpus_source().ends_with("examples") {
        assert_eq!(with.diagnostics, without.diagnostics, "{name}");
    }
}

#[test]
fn docs_ci_md_snippets_load_and_their_commands_write_what_the_services_read() {
    let markdown = ci_md();
    let blocks = yaml_blocks(&markdown);
    let mut formats = Vec::new();
    let mut files = Vec::new();
    for block in &blocks {
        let file = file_of(block).to_string();
        let value = load_yaml(&file, block);
        let lines = if file.starts_with(".github/workflows/") {
            check_github_workflow(&value)
        } else if file == ".gitlab-ci.yml" {
            check_gitlab_ci(&value)
        } else if file == ".pre-commit-config.yaml" {
            check_pre_commit_config(&value);
            Vec::new()
        } else if file == ".promolint.yaml" {
            check_policy(&file, block);
            Vec::new()
        } else {
            panic!("docs/ci.md: a snippet for an unknown file {file}")
        };
        for line in lines {
            formats.push(exercise(&line));
        }
        files.push(file);
    }
    for format in ["sarif", "github", "junit"] {
        assert!(
            formats.iter().any(|f| f == format),
            "no snippet runs --format {format}"
        );
    }
    for file in [
        ".github/workflows/promolint.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
    ] {
        assert!(files.iter().any(|f| f == file), "no snippet for {file}");
    }
}

#[test]
fn yaml_blocks_are_found() {
    let blocks = yaml_blocks("text\n```yaml\na: 1\n```\n```sh\nx\n```\n```yaml\nb: 2\n```\n");
    assert_eq!(blocks, vec!["a: 1\n".to_string(), "b: 2\n".to_string()]);
}

#[test]
fn readme_shows_the_editor_and_pre_commit_setup() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    for needle in [
        "## Editor integration",
        "# yaml-language-server: $schema=../schemas/campaign.schema.json",
        "# yaml-language-server: $schema=../schemas/template.schema.json",
        "\"yaml.schemas\"",
        "\"campaigns/**/*.yaml\"",
        "\"templates/**/*.yaml\"",
        "## Pre-commit",
        "## CI",
        "docs/ci.md",
    ] {
        assert!(readme.contains(needle), "README.md lacks {needle:?}");
    }
    for block in yaml_blocks(&readme) {
        // Other sections may show YAML without a `# FILE` line.
        let file = block
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("# "))
            .unwrap_or("a YAML block of README.md")
            .to_string();
        let value = load_yaml(&file, &block);
        if file == ".pre-commit-config.yaml" {
            check_pre_commit_config(&value);
        }
    }
    // The schemas the README points editors at exist (tests/schemas.rs keeps
    // them current).
    for schema in ["campaign", "template", "policy"] {
        let path = manifest_dir().join(format!("schemas/{schema}.schema.json"));
        let text = std::fs::read_to_string(&path).unwrap();
        serde_json::from_str::<Value>(&text).unwrap();
    }
}

#[test]
fn readme_maps_the_schemas_for_vs_code() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let settings = readme
        .split("```json\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .find(|block| block.contains("yaml.schemas"))
        .expect("a ```json block with yaml.schemas");
    let settings: Value = serde_json::from_str(settings).unwrap();
    let schemas = settings["yaml.schemas"].as_object().unwrap();
    for (schema, glob) in [
        ("campaign", "campaigns/**/*.yaml"),
        ("template", "templates/**/*.yaml"),
    ] {
        let key = format!("./schemas/{schema}.schema.json");
        assert!(manifest_dir().join(&key).is_file(), "{key} does not exist");
        assert!(
            schemas[&key]
                .as_array()
                .is_some_and(|globs| globs.iter().any(|g| g == glob)),
            "{key} is not mapped to {glob}"
        );
    }
}
