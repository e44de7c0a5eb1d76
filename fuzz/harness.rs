//! The in-process check that the fuzz target, the property tests and the
//! fuzz regression tests share (`#[path = "../fuzz/harness.rs"] mod harness;`
//! from `tests/`): the whole pipeline of `promolint check` (walk, bounded
//! read, decode, load, model, resolve, every rule, severities) on one file
//! given as bytes, in a small project beside a template and a second
//! campaign, then every output format written; and the invariants that must
//! hold for any input.

#![allow(dead_code)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use promolint::engine::{self, Run, Settings};
use promolint::finding::Severity;
use promolint::policy::Policy;
use promolint::report::{self, Format, Outcome};
use promolint::source::{Loc, Sources};
use promolint::walk::Target;

/// The file the bytes are checked as (relative to the project root).
pub const CHECKED: &str = "campaigns/fuzzed.yaml";

/// A template the checked campaign can name (`template: tmpl-base`).
pub const TEMPLATE: &str = "apiVersion: promo/v1
kind: Template
id: tmpl-base
currency: CNY
benefit:
  type: percent_off
  rate: 0.2
  max_discount: \"20.00\"
funding:
  source: government
display:
  label: \"政府补贴 立减\"
";

/// A second campaign, for the cross-file rules (`duplicate-id`,
/// `stacking-ceiling`). Its path sorts before [`CHECKED`], so a repeated id
/// is reported in the checked file, with a label in this one.
pub const OTHER: &str = "apiVersion: promo/v1
kind: Campaign
id: spring-cashback-2027
name: Other
environment: production
owner: growth-payments@example.com
approval: MKT-2027-0114
currency: CNY
schedule:
  start: 2027-01-25T00:00:00+08:00
  end: 2027-02-10T23:59:59+08:00
audience:
  segments: [new-users]
  regions: [CN-31]
channels: [online-checkout]
benefit: &b
  type: percent_off
  rate: \"12%\"
  max_discount: \"30.00\"
funding:
  source: platform
  <<: *b
budget:
  total: \"500000.00\"
  per_user: \"50.00\"
display:
  label: \"新春立减\"
stacking:
  combinable: true
controls:
  kill_switch: true
  rollout_percent: 5
";

/// Writes the context files into `root` (which must exist).
pub fn write_project(root: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(root.join("templates"))?;
    std::fs::create_dir_all(root.join("campaigns"))?;
    std::fs::write(root.join("templates/base.yaml"), TEMPLATE)?;
    std::fs::write(root.join("campaigns/another.yaml"), OTHER)?;
    Ok(())
}

/// Settings as `promolint check --no-config --now 2026-11-24T00:00:00Z`
/// builds them, with `root` as the project root.
pub fn settings(root: &Path) -> Settings {
    let policy = Policy::builtin();
    let compiled = match policy.compile() {
        Ok(compiled) => compiled,
        Err(e) => panic!("the built-in policy does not compile: {e}"),
    };
    Settings {
        compiled,
        policy,
        root: root.to_path_buf(),
        now: time::macros::datetime!(2026-11-24 00:00:00 UTC),
        select: None,
        ignore: HashSet::new(),
        texts_after_rules: true,
    }
}

/// What one check produced, for tests that look further.
pub struct Checked {
    pub run: Run,
    pub json: serde_json::Value,
    pub exit_code: u8,
}

/// Checks `bytes` as the file [`CHECKED`] of the project at `settings.root`
/// (read as standard input named with its absolute path, so nothing is
/// written per input), writes every format, and asserts the invariants.
pub fn check(settings: &Settings, bytes: &[u8]) -> Checked {
    let name: PathBuf = settings.root.join(CHECKED);
    let targets = [Target::Stdin {
        name: name.to_string_lossy().into_owned(),
    }];
    let run = engine::check(settings, &targets, &mut &bytes[..]);
    assert_spans(&run.sources, &run);
    assert_same_without_texts(settings, &targets, bytes, &run);
    // Checked, or skipped as foreign (FORMAT.md): never lost.
    assert!(
        run.files_checked + run.skipped.len() == 1,
        "files_checked {}, skipped {}",
        run.files_checked,
        run.skipped.len()
    );

    let outcome = Outcome {
        sources: &run.sources,
        findings: &run.findings,
        files_checked: run.files_checked,
        files_skipped: run.skipped.len(),
        checked_files: &run.checked,
        suppressed: run.suppressed,
        suppressed_by_rule: &run.suppressed_by_rule,
        tool_errors: &run.tool_errors,
        base_dir: None,
        baselined: None,
    };
    let mut json = None;
    for format in [
        Format::Json,
        Format::Human,
        Format::Concise,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ] {
        let options = report::Options {
            statistics: format == Format::Json,
            ..report::Options::default()
        };
        let mut out = Vec::new();
        if let Err(e) = report::write(format, &outcome, &options, &mut out) {
            panic!("{format:?} output failed: {e}");
        }
        match format {
            Format::Json => json = Some(parse_json(&out, "json")),
            _ => {
                if let Err(e) = std::str::from_utf8(&out) {
                    panic!("{format:?} output is not UTF-8: {e}");
                }
            }
        }
    }
    let json = json.unwrap_or_default();
    let exit_code = exit_code(&run);
    assert!(matches!(exit_code, 0..=2));
    // The JSON agrees with the run, and so with the exit code.
    let diagnostics = json["diagnostics"].as_array().map_or(0, Vec::len);
    assert_eq!(diagnostics, run.findings.len(), "diagnostics in the JSON");
    let errors = json["errors"].as_array().map_or(0, Vec::len);
    assert_eq!(
        errors > 0,
        exit_code == 2,
        "errors in the JSON vs exit code"
    );
    if exit_code != 2 {
        let summary_errors = json["summary"]["errors"].as_u64().unwrap_or(0);
        assert_eq!(summary_errors > 0, exit_code == 1, "summary vs exit code");
    }
    Checked {
        run,
        json,
        exit_code,
    }
}

/// The formats that print no source give the same bytes when the run
/// keeps only the line structure of the files nothing reads after the
/// rules (`Settings::texts_after_rules`).
fn assert_same_without_texts(settings: &Settings, targets: &[Target], bytes: &[u8], run: &Run) {
    let compiled = match settings.policy.compile() {
        Ok(compiled) => compiled,
        Err(e) => panic!("the policy does not compile: {e}"),
    };
    let lean_settings = Settings {
        compiled,
        policy: settings.policy.clone(),
        root: settings.root.clone(),
        now: settings.now,
        select: settings.select.clone(),
        ignore: settings.ignore.clone(),
        texts_after_rules: false,
    };
    let lean = engine::check(&lean_settings, targets, &mut &bytes[..]);
    for format in [Format::Json, Format::Concise, Format::Github, Format::Junit] {
        assert_eq!(
            String::from_utf8_lossy(&render(&lean, format)),
            String::from_utf8_lossy(&render(run, format)),
            "{format:?} output without the texts"
        );
    }
}

fn render(run: &Run, format: Format) -> Vec<u8> {
    let outcome = Outcome {
        sources: &run.sources,
        findings: &run.findings,
        files_checked: run.files_checked,
        files_skipped: run.skipped.len(),
        checked_files: &run.checked,
        suppressed: run.suppressed,
        suppressed_by_rule: &run.suppressed_by_rule,
        tool_errors: &run.tool_errors,
        base_dir: None,
        baselined: None,
    };
    let mut out = Vec::new();
    if let Err(e) = report::write(format, &outcome, &report::Options::default(), &mut out) {
        panic!("{format:?} output failed: {e}");
    }
    out
}

/// The exit code `promolint check` returns for a run (without
/// `--deny-warnings` / `--max-warnings`), as `cli::check` computes it.
pub fn exit_code(run: &Run) -> u8 {
    if !run.tool_errors.is_empty() {
        2
    } else if run.findings.iter().any(|f| f.severity == Severity::Error) {
        1
    } else {
        0
    }
}

fn parse_json(out: &[u8], what: &str) -> serde_json::Value {
    match serde_json::from_slice(out) {
        Ok(value) => value,
        Err(e) => panic!(
            "{what} output does not parse ({e}): {}",
            String::from_utf8_lossy(out)
        ),
    }
}

/// Every span, primary and label, lies inside its file and on character
/// boundaries.
pub fn assert_spans(sources: &Sources, run: &Run) {
    for finding in &run.findings {
        assert_loc(sources, finding.loc, finding.rule, "primary span");
        for label in &finding.labels {
            assert_loc(sources, label.loc, finding.rule, &label.message);
        }
    }
}

fn assert_loc(sources: &Sources, loc: Loc, rule: &str, what: &str) {
    let Some(file) = sources.get(loc.file) else {
        panic!(
            "{rule}: {what} names file {} of {}",
            loc.file,
            sources.len()
        );
    };
    let text = &file.text;
    assert!(
        loc.start <= loc.end && loc.end as usize <= text.len(),
        "{rule}: {what} {}..{} outside {} ({} bytes)",
        loc.start,
        loc.end,
        file.path,
        text.len()
    );
    assert!(
        text.is_char_boundary(loc.start as usize) && text.is_char_boundary(loc.end as usize),
        "{rule}: {what} {}..{} not on character boundaries in {}",
        loc.start,
        loc.end,
        file.path
    );
}
