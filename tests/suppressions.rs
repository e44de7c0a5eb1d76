//! Suppression comments end to end: the real binary over small campaign
//! files in a scratch directory, JSON output.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

/// A campaign that is clean under the default policy, with `benefit` lines
/// (each ending in a newline) and any `extra` top-level lines after them.
fn campaign(id: &str, benefit: &str, extra: &str) -> String {
    format!(
        "apiVersion: promo/v1\n\
         kind: Campaign\n\
         id: {id}\n\
         name: Spring test\n\
         environment: test\n\
         currency: CNY\n\
         schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-03-20T23:59:59+08:00\n\
         audience:\n  segments: [new-users]\n\
         channels: [online-checkout]\n\
         benefit:\n{benefit}\
         funding:\n  source: merchant\n\
         budget:\n  total: \"1000.00\"\n  per_user: \"50.00\"\n\
         display:\n  label: \"Spring 20% off\"\n\
         {extra}"
    )
}

const CLEAN_BENEFIT: &str = "  type: percent_off\n  rate: \"20%\"\n  max_discount: \"20.00\"\n";

/// The result of one run.
struct Checked {
    code: i32,
    json: Value,
}

impl Checked {
    fn diagnostics(&self) -> &[Value] {
        self.json["diagnostics"]
            .as_array()
            .map_or(&[], Vec::as_slice)
    }

    /// The rules of the reported findings, in report order.
    fn rules(&self) -> Vec<&str> {
        self.diagnostics()
            .iter()
            .filter_map(|d| d["rule"].as_str())
            .collect()
    }

    fn only(&self, rule: &str) -> &Value {
        let found: Vec<&Value> = self
            .diagnostics()
            .iter()
            .filter(|d| d["rule"] == rule)
            .collect();
        assert_eq!(found.len(), 1, "one {rule} expected: {:#}", self.json);
        found[0]
    }

    fn suppressed(&self) -> u64 {
        self.json["summary"]["suppressed"].as_u64().unwrap()
    }
}

/// Writes `files` into a scratch directory and runs `check` there with
/// `args` (the paths to check, and any options).
fn check(files: &[(&str, &str)], args: &[&str]) -> Checked {
    let scratch = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = scratch.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    run_in(scratch.path(), args)
}

fn run_in(dir: &Path, args: &[&str]) -> Checked {
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir)
        .args([
            "check",
            "--no-config",
            "--now",
            NOW,
            "--format",
            "json",
            "--color",
            "never",
        ])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{stdout}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    Checked {
        code: output.status.code().unwrap_or(-1),
        json,
    }
}

/// 1-based line and column (in characters) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (u64, u64) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

fn start(diagnostic: &Value) -> (u64, u64) {
    (
        diagnostic["start"]["line"].as_u64().unwrap(),
        diagnostic["start"]["column"].as_u64().unwrap(),
    )
}

#[test]
fn the_unsuppressed_campaigns_have_the_findings() {
    // The baseline the other tests suppress.
    let text = campaign(
        "spring-base",
        "  type: percent_off\n  rate: 0.2\n  max_discount: \"20.00\"\n",
        "promo_code: SPRING\n",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(run.rules(), ["rate-notation", "unknown-field"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.suppressed(), 0);
    let clean = campaign("spring-clean", CLEAN_BENEFIT, "");
    let run = check(&[("c.yaml", &clean)], &["c.yaml"]);
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
}

#[test]
fn disable_covers_its_own_line_and_the_exit_code_becomes_zero() {
    let text = campaign(
        "spring-line",
        "  type: percent_off\n  rate: 0.2  # promolint: disable=rate-notation -- approved in MKT-2027-0001\n  max_discount: \"20.00\"\n",
        "",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
    assert_eq!(run.suppressed(), 1);
    assert_eq!(run.json["summary"]["errors"], 0);
    assert_eq!(run.code, 0);
}

#[test]
fn disable_covers_only_the_rules_it_names() {
    // `yes` is both an invalid boolean and an ambiguous scalar.
    let text = campaign(
        "spring-named",
        CLEAN_BENEFIT,
        "stacking:\n  combinable: yes  # promolint: disable=ambiguous-scalar -- read as YAML 1.2 only\n",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(run.rules(), ["invalid-value"], "{:#}", run.json);
    assert_eq!(run.suppressed(), 1);
    assert_eq!(run.code, 1);
}

#[test]
fn disable_next_line_covers_the_line_after_the_comment_only() {
    let text = campaign(
        "spring-next",
        CLEAN_BENEFIT,
        "# promolint: disable-next-line=unknown-field -- read by the coupon exporter\n\
         promo_code: SPRING\n\
         promo_channel: app\n",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    let left = run.only("unknown-field");
    assert_eq!(start(left), position(&text, "promo_channel"));
    assert_eq!(run.suppressed(), 1);
    assert_eq!(run.code, 1);
}

#[test]
fn disable_file_covers_the_whole_file_from_anywhere() {
    let text = campaign(
        "spring-file",
        "  type: percent_off\n  rate: 0.2\n  max_discount: \"20.00\"\n",
        "promo_code: SPRING\n\
         promo_channel: app\n\
         # promolint: disable-file=unknown-field, rate-notation -- legacy export format\n",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml", "--statistics"]);
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
    assert_eq!(run.suppressed(), 3);
    assert_eq!(run.code, 0);
    let statistics = &run.json["statistics"];
    assert!(
        statistics
            .as_array()
            .unwrap()
            .contains(&serde_json::json!({"rule": "unknown-field", "count": 0, "suppressed": 2})),
        "{statistics:#}"
    );
    assert!(
        statistics
            .as_array()
            .unwrap()
            .contains(&serde_json::json!({"rule": "rate-notation", "count": 0, "suppressed": 1})),
        "{statistics:#}"
    );
}

#[test]
fn a_missing_reason_is_reported_and_still_suppresses() {
    for comment in [
        "# promolint: disable=rate-notation",
        "# promolint: disable=rate-notation --",
        "# promolint: disable=rate-notation approved by finance",
    ] {
        let text = campaign(
            "spring-reason",
            &format!("  type: percent_off\n  rate: 0.2  {comment}\n  max_discount: \"20.00\"\n"),
            "",
        );
        let run = check(&[("c.yaml", &text)], &["c.yaml"]);
        assert_eq!(
            run.rules(),
            ["suppression-reason"],
            "{comment}: {:#}",
            run.json
        );
        let finding = run.only("suppression-reason");
        assert_eq!(start(finding), position(&text, "# promolint"));
        assert_eq!(finding["severity"], "error");
        assert_eq!(
            finding["span"]["length"].as_u64().unwrap() as usize,
            comment.len(),
            "it points at the whole comment"
        );
        assert_eq!(run.suppressed(), 1);
        assert_eq!(run.code, 1);
    }
}

#[test]
fn an_unused_suppression_points_at_the_rule_id() {
    let text = campaign(
        "spring-unused",
        "  type: percent_off\n  rate: \"20%\"  # promolint: disable = rate-notation , unknown-field -- old\n  max_discount: \"20.00\"\n",
        "",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(
        run.rules(),
        ["unused-suppression", "unused-suppression"],
        "{:#}",
        run.json
    );
    let diagnostics = run.diagnostics();
    assert_eq!(start(&diagnostics[0]), position(&text, "rate-notation ,"));
    assert_eq!(diagnostics[0]["span"]["length"], "rate-notation".len());
    assert_eq!(start(&diagnostics[1]), position(&text, "unknown-field --"));
    assert_eq!(diagnostics[1]["span"]["length"], "unknown-field".len());
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("`rate-notation`"),
        "{:#}",
        diagnostics[0]
    );
    assert_eq!(run.suppressed(), 0);
    assert_eq!(run.code, 0, "a warning does not fail the run");
}

#[test]
fn a_disable_comment_alone_on_its_line_hints_at_next_line() {
    let text = campaign(
        "spring-own-line",
        "  type: percent_off\n  # promolint: disable=rate-notation -- approved\n  rate: 0.2\n  max_discount: \"20.00\"\n",
        "",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(run.rules(), ["unused-suppression", "rate-notation"]);
    let unused = run.only("unused-suppression");
    assert!(
        unused["help"]
            .as_str()
            .unwrap()
            .contains("disable-next-line"),
        "{unused:#}"
    );
}

#[test]
fn an_unknown_rule_id_is_reported_with_did_you_mean() {
    let text = campaign(
        "spring-unknown",
        "  type: percent_off\n  rate: 0.2  # promolint: disable=rate-notaton -- approved\n  max_discount: \"20.00\"\n",
        "",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(run.rules(), ["rate-notation", "unused-suppression"]);
    let unknown = run.only("unused-suppression");
    assert_eq!(start(unknown), position(&text, "rate-notaton"));
    let message = unknown["message"].as_str().unwrap();
    assert!(message.contains("unknown rule `rate-notaton`"), "{message}");
    assert!(
        message.contains("did you mean `rate-notation`?"),
        "{message}"
    );
    assert_eq!(run.suppressed(), 0);
    assert_eq!(run.code, 1);
}

#[test]
fn a_malformed_directive_is_reported() {
    let text = campaign(
        "spring-malformed",
        "  type: percent_off\n  rate: 0.2  # promolint: disabel=rate-notation -- approved\n  max_discount: \"20.00\"\n",
        "",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(run.rules(), ["rate-notation", "unused-suppression"]);
    let malformed = run.only("unused-suppression");
    assert_eq!(start(malformed), position(&text, "# promolint"));
    assert!(
        malformed["message"].as_str().unwrap().contains("`disabel`"),
        "{malformed:#}"
    );
}

#[test]
fn comments_that_are_not_directives_do_nothing() {
    let text = campaign(
        "spring-not-directive",
        "  type: percent_off\n  rate: 0.2  # see promolint docs: disable=rate-notation\n  max_discount: \"20.00\"\n",
        // A `#` inside a quoted string is no comment.
        "description_note: \"# promolint: disable-file=unknown-field -- no\"\n",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(run.rules(), ["rate-notation", "unknown-field"]);
    assert_eq!(run.suppressed(), 0);
}

#[test]
fn a_suppression_in_a_template_covers_the_inherited_value() {
    let template = "apiVersion: promo/v1\nkind: Template\nid: tmpl-spring\nbenefit:\n  type: percent_off\n  rate: \"20%\"\n  max_discount: \"20.005\"  # promolint: disable=invalid-decimal -- settled in fen upstream, MKT-2027-0002\n";
    let derived = campaign("spring-derived", "  type: percent_off\n", "").replace(
        "kind: Campaign\n",
        "kind: Campaign\ntemplate: tmpl-spring\n",
    );
    let files = [
        ("templates/spring.yaml", template),
        ("campaigns/derived.yaml", derived.as_str()),
    ];

    // The finding lies in the template's file, reported for the named
    // campaign, and the template's comment suppresses it.
    let run = check(&files, &["campaigns/derived.yaml"]);
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
    assert_eq!(run.suppressed(), 1);
    assert_eq!(run.code, 0);

    // Without the comment, the finding is there, in the template's file.
    let bare_template = template.replace(
        "  # promolint: disable=invalid-decimal -- settled in fen upstream, MKT-2027-0002",
        "",
    );
    let bare = [
        ("templates/spring.yaml", bare_template.as_str()),
        ("campaigns/derived.yaml", derived.as_str()),
    ];
    let run = check(&bare, &["campaigns/derived.yaml"]);
    assert_eq!(run.rules(), ["invalid-decimal"], "{:#}", run.json);
    assert_eq!(run.diagnostics()[0]["file"], "templates/spring.yaml");

    // Named alone, the template's comment is used by the campaign that
    // inherits the value, though that campaign is not reported.
    let run = check(&files, &["templates/spring.yaml"]);
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
    assert_eq!(run.suppressed(), 0, "nothing reported was suppressed");
}

#[test]
fn a_suppression_in_a_template_covers_its_own_findings() {
    let template = "apiVersion: promo/v1\nkind: Template\nid: tmpl-legacy\nbenefit:\n  type: percent_off\n  rate: 0.2  # promolint: disable=rate-notation -- legacy template, MKT-2027-0003\n  max_discount: \"20.00\"\n";
    let derived = campaign("spring-legacy", "  type: percent_off\n", "").replace(
        "kind: Campaign\n",
        "kind: Campaign\ntemplate: tmpl-legacy\n",
    );
    let run = check(
        &[
            ("templates/legacy.yaml", template),
            ("campaigns/legacy.yaml", derived.as_str()),
        ],
        &["."],
    );
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
    assert_eq!(run.suppressed(), 1);
    assert_eq!(run.code, 0);
}

#[test]
fn a_rule_that_is_off_is_neither_suppressed_nor_unused() {
    let text = campaign(
        "spring-off",
        "  type: percent_off\n  rate: 0.2  # promolint: disable=rate-notation -- approved\n  max_discount: \"20.00\"\n",
        "",
    );
    for args in [
        ["c.yaml", "--ignore", "rate-notation"],
        ["c.yaml", "--select", "unknown-field,unused-suppression"],
    ] {
        let run = check(&[("c.yaml", &text)], &args);
        assert_eq!(run.rules(), Vec::<&str>::new(), "{args:?}: {:#}", run.json);
        assert_eq!(run.suppressed(), 0, "{args:?}");
        assert_eq!(run.code, 0);
    }
}

#[test]
fn the_rules_about_comments_follow_select_and_ignore() {
    let text = campaign(
        "spring-meta-off",
        "  type: percent_off\n  rate: 0.2  # promolint: disable=rate-notation,unknown-field\n  max_discount: \"20.00\"\n",
        "",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(run.rules(), ["suppression-reason", "unused-suppression"]);
    let run = check(
        &[("c.yaml", &text)],
        &[
            "c.yaml",
            "--ignore",
            "suppression-reason,unused-suppression",
        ],
    );
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
    assert_eq!(run.suppressed(), 1);
    assert_eq!(run.code, 0);
}

#[test]
fn a_comment_cannot_suppress_the_finding_about_itself() {
    let text = campaign(
        "spring-self",
        "  type: percent_off\n  rate: 0.2  # promolint: disable=rate-notation,suppression-reason,unused-suppression\n  max_discount: \"20.00\"\n",
        "",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    assert_eq!(
        run.rules(),
        [
            "suppression-reason",
            "unused-suppression",
            "unused-suppression"
        ],
        "{:#}",
        run.json
    );
    assert_eq!(run.suppressed(), 1);
}

#[test]
fn other_comments_can_suppress_the_findings_about_comments() {
    let text = campaign(
        "spring-others",
        "  type: percent_off\n  rate: 0.2  # promolint: disable=rate-notation\n  max_discount: \"20.00\"  # promolint: disable=invalid-decimal -- stale\n",
        "# promolint: disable-file=suppression-reason,unused-suppression -- reasons live in MKT-2027-0004\n",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml", "--statistics"]);
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
    assert_eq!(run.suppressed(), 3);
    assert_eq!(run.code, 0);
}

#[test]
fn a_disable_of_unused_suppression_that_silences_nothing_is_reported() {
    let text = campaign(
        "spring-stale-meta",
        CLEAN_BENEFIT,
        "# promolint: disable-file=unused-suppression -- kept while rules roll out\n",
    );
    let run = check(&[("c.yaml", &text)], &["c.yaml"]);
    let unused = run.only("unused-suppression");
    assert_eq!(start(unused), position(&text, "unused-suppression --"));
    assert!(
        unused["message"].as_str().unwrap().contains("in this file"),
        "{unused:#}"
    );
}

#[test]
fn only_named_files_get_findings_about_their_comments() {
    let stale = campaign(
        "spring-stale",
        "  type: percent_off\n  rate: \"20%\"  # promolint: disable=rate-notation\n  max_discount: \"20.00\"\n",
        "",
    );
    let clean = campaign("spring-named-clean", CLEAN_BENEFIT, "");
    let files = [("a.yaml", stale.as_str()), ("b.yaml", clean.as_str())];
    let run = check(&files, &["b.yaml"]);
    assert_eq!(run.rules(), Vec::<&str>::new(), "{:#}", run.json);
    let run = check(&files, &["a.yaml"]);
    assert_eq!(run.rules(), ["suppression-reason", "unused-suppression"]);
}
