//! Change review (`check --base REV`, REVIEW.md) through the real binary,
//! on git repositories built in temporary directories: each change rule
//! firing and not, the causes of a change (own, template switch, template
//! edit), merge-base semantics, new, deleted and renamed files, the tool
//! errors, and what the reports say about the base.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";
const CAMPAIGN: &str = "campaigns/spring.yaml";

/// A git that reads no configuration of the machine and needs none.
const GIT_ENV: [(&str, &str); 6] = [
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "promolint-test"),
    ("GIT_AUTHOR_EMAIL", "promolint-test@example.com"),
    ("GIT_COMMITTER_NAME", "promolint-test"),
    ("GIT_COMMITTER_EMAIL", "promolint-test@example.com"),
];

struct Repo {
    dir: tempfile::TempDir,
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Output {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }

    /// The rule ids of the diagnostics, in output order.
    fn rules(&self) -> Vec<String> {
        self.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    }

    /// The diagnostics of one rule.
    fn of(&self, rule: &str) -> Vec<Value> {
        self.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == rule)
            .cloned()
            .collect()
    }
}

impl Repo {
    /// An empty repository on branch `main`.
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .current_dir(self.path())
            .args(args)
            .envs(GIT_ENV)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// `promolint check --no-config --now NOW --format json ARGS...` in the
    /// repository (ARGS may set another `--now` or `--format`).
    fn check(&self, args: &[&str]) -> Output {
        self.check_with(args, None)
    }

    fn check_with(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_promolint"));
        command.current_dir(self.path()).envs(GIT_ENV).args([
            "check",
            "--no-config",
            "--color",
            "never",
        ]);
        // The defaults, unless the test sets its own.
        if !args.contains(&"--now") {
            command.args(["--now", NOW]);
        }
        if !args.contains(&"--format") {
            command.args(["--format", "json"]);
        }
        command.args(args);
        let output = match stdin {
            None => command.output().unwrap(),
            Some(text) => {
                use std::io::Write;
                let mut child = command
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap();
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(text.as_bytes())
                    .unwrap();
                child.wait_with_output().unwrap()
            }
        };
        Output {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// `text` with each `(from, to)` replaced once (each must be there).
fn edit(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (from, to) in pairs {
        assert!(out.contains(from), "{from} not in the text");
        out = out.replacen(from, to, 1);
    }
    out
}

const NEW_TICKET: (&str, &str) = ("approval: MKT-2027-0113", "approval: MKT-2027-0140");

/// A repository whose base commit holds the clean campaign; the working
/// tree holds `now`.
fn clean_then(now: &str) -> Repo {
    let repo = Repo::new();
    repo.write(CAMPAIGN, common::CLEAN);
    repo.commit("base");
    repo.write(CAMPAIGN, now);
    repo
}

/// Runs `--base HEAD` on a change of the clean campaign (with a new
/// approval ticket, so that only the rule under test speaks).
fn review(pairs: &[(&str, &str)]) -> Output {
    let mut all = vec![NEW_TICKET];
    all.extend_from_slice(pairs);
    let repo = clean_then(&edit(common::CLEAN, &all));
    repo.check(&["--base", "HEAD"])
}

fn only(output: &Output, rules: &[&str]) {
    assert_eq!(output.rules(), rules, "{}", output.stdout);
}

#[test]
fn rate_jump_by_factor_or_points() {
    let fired = review(&[("rate: \"10%\"", "rate: \"25%\"")]);
    only(&fired, &["rate-jump"]);
    assert_eq!(fired.code, 1);
    let message = fired.of("rate-jump")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.starts_with("rate raised from 10% to 25% (x2.5) since HEAD ("),
        "{message}"
    );
    // 15% to 25%: under twice, but 10 points.
    let base = edit(common::CLEAN, &[("rate: \"10%\"", "rate: \"15%\"")]);
    let repo = Repo::new();
    repo.write(CAMPAIGN, &base);
    repo.commit("base");
    repo.write(
        CAMPAIGN,
        &edit(&base, &[NEW_TICKET, ("rate: \"15%\"", "rate: \"25%\"")]),
    );
    let points = repo.check(&["--base", "HEAD"]);
    only(&points, &["rate-jump"]);
    let message = points.of("rate-jump")[0]["message"].clone();
    assert!(
        message
            .as_str()
            .unwrap()
            .starts_with("rate raised from 15% to 25% (+10 percentage points) since HEAD"),
        "{message}"
    );
    only(&review(&[("rate: \"10%\"", "rate: \"15%\"")]), &[]);
    // A lower rate is no jump.
    only(&review(&[("rate: \"10%\"", "rate: \"2%\"")]), &[]);
}

#[test]
fn rate_jump_reads_change_rate_factor_from_the_policy() {
    let repo = clean_then(&edit(
        common::CLEAN,
        &[NEW_TICKET, ("rate: \"10%\"", "rate: \"25%\"")],
    ));
    repo.write(
        ".promolint.yaml",
        "change:\n  rate_factor: 3\n  rate_points: \"20%\"\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(repo.path())
        .envs(GIT_ENV)
        .args(["check", "--now", NOW, "--format", "json", "--base", "HEAD"])
        .output()
        .unwrap();
    let out = Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    only(&out, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn amount_jump_raise_and_removed_cap() {
    let raised = review(&[
        ("max_discount: \"20.00\"", "max_discount: \"50.00\""),
        ("最高20元", "最高50元"),
        ("expected_redemptions: 40000", "expected_redemptions: 10000"),
    ]);
    only(&raised, &["amount-jump"]);
    let message = raised.of("amount-jump")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.starts_with("max_discount raised from 20.00 to 50.00 (x2.5) since HEAD"),
        "{message}"
    );
    let removed = review(&[("  max_discount: \"20.00\"\n", "")]);
    let jumps = removed.of("amount-jump");
    assert_eq!(jumps.len(), 1, "{}", removed.stdout);
    assert!(jumps[0]["message"].as_str().unwrap().contains("no cap"));
    // Pointed at the `benefit` key.
    assert_eq!(jumps[0]["start"]["column"], 1);
    assert_eq!(
        jumps[0]["start"]["line"],
        common::CLEAN.lines().position(|l| l == "benefit:").unwrap() + 1
    );
    only(
        &review(&[
            ("max_discount: \"20.00\"", "max_discount: \"30.00\""),
            ("最高20元", "最高30元"),
            ("expected_redemptions: 40000", "expected_redemptions: 10000"),
        ]),
        &[],
    );
}

#[test]
fn funding_switch_fires_on_another_source() {
    let fired = review(&[("source: merchant", "source: platform")]);
    only(&fired, &["funding-switch"]);
    assert!(
        fired.of("funding-switch")[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("platform now pays for the discount")
    );
    only(
        &review(&[("name: Spring festival cashback", "name: Spring")]),
        &[],
    );
}

#[test]
fn audience_widened_segments_all_and_regions_removed() {
    let all = review(&[("segments: [new-users, dormant-90d]", "segments: all")]);
    assert!(
        all.rules().contains(&"audience-widened".to_string()),
        "{}",
        all.stdout
    );
    // A list holding `all`, `everyone` or `"*"` is the audience `all`.
    for everyone in ["[all]", "[new-users, everyone]", "[\"*\"]"] {
        let widened = review(&[(
            "segments: [new-users, dormant-90d]",
            &format!("segments: {everyone}"),
        )]);
        assert!(
            widened.rules().contains(&"audience-widened".to_string()),
            "{everyone}: {}",
            widened.stdout
        );
    }
    let regions = review(&[("  regions: [CN-31, CN-44]\n", "")]);
    only(&regions, &["audience-widened"]);
    // `regions: []` is itself invalid (invalid-value), so not compared.
    only(
        &review(&[(
            "segments: [new-users, dormant-90d]",
            "segments: [new-users]",
        )]),
        &[],
    );
}

#[test]
fn channel_added_names_the_new_channels() {
    let fired = review(&[(
        "channels: [online-checkout, merchant-qr]",
        "channels: [online-checkout, merchant-qr, offline-pos, in-app-purchase]",
    )]);
    only(&fired, &["channel-added"]);
    assert_eq!(fired.code, 0, "a warning");
    let finding = &fired.of("channel-added")[0];
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .starts_with("channels gained offline-pos, in-app-purchase since HEAD")
    );
    assert_eq!(finding["labels"][0]["message"], "in-app-purchase added");
    only(
        &review(&[(
            "channels: [online-checkout, merchant-qr]",
            "channels: [merchant-qr, online-checkout]",
        )]),
        &[],
    );
}

#[test]
fn budget_jump_raise_and_removal() {
    only(
        &review(&[("per_user: \"100.00\"", "per_user: \"600.00\"")]),
        &["budget-jump"],
    );
    let removed = review(&[("  per_user: \"100.00\"\n", "")]);
    assert!(
        removed.rules().contains(&"budget-jump".to_string()),
        "{}",
        removed.stdout
    );
    only(
        &review(&[("per_user: \"100.00\"", "per_user: \"200.00\"")]),
        &[],
    );
}

#[test]
fn stale_approval_when_the_ticket_did_not_change() {
    let repo = clean_then(&edit(common::CLEAN, &[("rate: \"10%\"", "rate: \"12%\"")]));
    let out = repo.check(&["--base", "HEAD"]);
    only(&out, &["stale-approval"]);
    let finding = &out.of("stale-approval")[0];
    assert_eq!(finding["path"], "/approval");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("MKT-2027-0113 is the same ticket")
    );
    // A new ticket: the change is approved.
    only(&review(&[("rate: \"10%\"", "rate: \"12%\"")]), &[]);
    // A staging campaign has no approval to go stale.
    let staging = edit(
        common::CLEAN,
        &[("environment: production", "environment: staging")],
    );
    let repo = Repo::new();
    repo.write(CAMPAIGN, &staging);
    repo.commit("base");
    repo.write(
        CAMPAIGN,
        &edit(&staging, &[("rate: \"10%\"", "rate: \"12%\"")]),
    );
    only(&repo.check(&["--base", "HEAD"]), &[]);
}

#[test]
fn live_change_depends_on_now() {
    let repo = clean_then(&edit(
        common::CLEAN,
        &[NEW_TICKET, ("rate: \"10%\"", "rate: \"12%\"")],
    ));
    // NOW (2026-11-24) is before the schedule.
    only(&repo.check(&["--base", "HEAD"]), &[]);
    let live = repo.check(&["--base", "HEAD", "--now", "2027-01-25T00:00:00Z"]);
    only(&live, &["live-change"]);
    assert!(
        live.of("live-change")[0]["message"]
            .as_str()
            .unwrap()
            .contains("while the campaign is live")
    );
    let over = repo.check(&["--base", "HEAD", "--now", "2027-03-01T00:00:00Z"]);
    assert!(!over.rules().contains(&"live-change".to_string()));
}

const TEMPLATE_QR: &str = r#"apiVersion: promo/v1
kind: Template
id: tmpl-merchant-qr
description: Merchant-funded QR payment discount
currency: CNY
channels: [merchant-qr]
benefit:
  type: amount_off
  amount: "5.00"
  min_spend: "30.00"
funding:
  source: merchant
display:
  label: "扫码支付 满30减5元"
"#;

const TEMPLATE_BOOST: &str = r#"apiVersion: promo/v1
kind: Template
id: tmpl-platform-boost
description: Platform-funded boost
currency: CNY
channels: [merchant-qr]
benefit:
  type: percent_off
  rate: "18%"
  max_discount: "50.00"
funding:
  source: platform
display:
  label: "平台立减18% 最高50元"
"#;

/// A production campaign on a template, clean under every rule.
fn templated(id: &str, template: &str, environment: &str) -> String {
    format!(
        r#"apiVersion: promo/v1
kind: Campaign
id: {id}
name: Weekly QR discount
template: {template}
environment: {environment}
owner: growth-payments@example.com
approval: MKT-2027-0113
schedule:
  start: 2027-01-20T00:00:00+08:00
  end: 2027-02-05T23:59:59+08:00
audience:
  segments: [new-users]
  regions: [CN-31]
budget:
  total: "100000.00"
  per_user: "50.00"
stacking:
  combinable: false
controls:
  kill_switch: true
  rollout_percent: 5
"#
    )
}

#[test]
fn a_template_switch_within_every_static_limit() {
    let repo = Repo::new();
    repo.write("templates/tmpl-merchant-qr.yaml", TEMPLATE_QR);
    repo.write("templates/tmpl-platform-boost.yaml", TEMPLATE_BOOST);
    repo.write(
        CAMPAIGN,
        &templated("cn-qr-weekly", "tmpl-merchant-qr", "production"),
    );
    repo.commit("base");
    let switched = edit(
        &templated("cn-qr-weekly", "tmpl-platform-boost", "production"),
        &[NEW_TICKET],
    );
    repo.write(CAMPAIGN, &switched);

    // Every value is within its own limit: without --base, nothing.
    let plain = repo.check(&[]);
    only(&plain, &[]);
    assert_eq!(plain.code, 0);

    let out = repo.check(&["--base", "HEAD"]);
    only(&out, &["template-switch"]);
    assert_eq!(out.code, 1);
    let finding = &out.of("template-switch")[0];
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "template tmpl-merchant-qr -> tmpl-platform-boost changes: rate (none) -> 18%, \
             amount 5.00 -> (none), max_discount (none) -> 50.00, min_spend 30.00 -> (none), \
             benefit.type amount_off -> percent_off, funding.source merchant -> platform, \
             label \"扫码支付 满30减5元\" -> \"平台立减18% 最高50元\" since HEAD ("
        ),
        "{message}"
    );
    assert_eq!(finding["file"], CAMPAIGN);
    assert_eq!(finding["path"], "/template");
    // Labels: the old template at the base, and each value the new template sets.
    let labels = finding["labels"].as_array().unwrap();
    assert_eq!(labels[0]["file"], format!("HEAD:{CAMPAIGN}"));
    assert_eq!(labels[0]["message"], "was tmpl-merchant-qr at HEAD");
    assert!(
        labels[1..]
            .iter()
            .all(|l| l["file"] == "templates/tmpl-platform-boost.yaml"),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|l| l["message"] == "funding.source platform from template tmpl-platform-boost")
    );
    // The own-change rules do not report the same values again.
    assert!(out.of("funding-switch").is_empty() && out.of("rate-jump").is_empty());
}

#[test]
fn a_template_edit_is_reported_once_at_the_template() {
    let repo = Repo::new();
    let template = edit(
        TEMPLATE_BOOST,
        &[
            ("rate: \"18%\"", "rate: \"2%\""),
            ("平台立减18%", "平台立减2%"),
        ],
    );
    repo.write("templates/tmpl-platform-boost.yaml", &template);
    let ids = ["qr-a", "qr-b", "qr-c", "qr-d", "qr-e", "qr-f"];
    for id in ids {
        repo.write(
            &format!("campaigns/{id}.yaml"),
            &templated(id, "tmpl-platform-boost", "production"),
        );
    }
    repo.write(
        "campaigns/qr-staging.yaml",
        &templated("qr-staging", "tmpl-platform-boost", "staging"),
    );
    repo.commit("base");
    repo.write(
        "templates/tmpl-platform-boost.yaml",
        &edit(
            &template,
            &[("rate: \"2%\"", "rate: \"20%\""), ("立减2%", "立减20%")],
        ),
    );
    let out = repo.check(&["--base", "HEAD", "--ignore", "stale-approval"]);
    only(&out, &["template-change"]);
    let finding = &out.of("template-change")[0];
    assert_eq!(finding["file"], "templates/tmpl-platform-boost.yaml");
    assert_eq!(finding["severity"], "error");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "template tmpl-platform-boost: rate raised from 2% to 20% (x10) since HEAD ("
        ),
        "{message}"
    );
    assert!(
        message.ends_with("; affects 6 production campaigns: qr-a, qr-b, qr-c, qr-d, qr-e, ..."),
        "{message}"
    );
    assert_eq!(
        finding["labels"][0]["file"],
        "HEAD:templates/tmpl-platform-boost.yaml"
    );

    // With stale-approval: beside template-change, one per production
    // campaign whose ticket stayed.
    let all = repo.check(&["--base", "HEAD"]);
    assert_eq!(all.of("template-change").len(), 1);
    assert_eq!(all.of("stale-approval").len(), 6);
}

#[test]
fn a_template_edit_only_staging_inherits_is_a_warning() {
    let repo = Repo::new();
    let template = edit(
        TEMPLATE_BOOST,
        &[("rate: \"18%\"", "rate: \"2%\""), ("18%", "2%")],
    );
    repo.write("templates/tmpl-platform-boost.yaml", &template);
    repo.write(
        CAMPAIGN,
        &templated("qr-staging", "tmpl-platform-boost", "staging"),
    );
    repo.commit("base");
    repo.write(
        "templates/tmpl-platform-boost.yaml",
        &edit(&template, &[("source: platform", "source: merchant")]),
    );
    let out = repo.check(&["--base", "HEAD"]);
    only(&out, &["template-change"]);
    let finding = &out.of("template-change")[0];
    assert_eq!(finding["severity"], "warning");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .ends_with("affects 1 campaign, none in production: qr-staging")
    );
    assert_eq!(out.code, 0);
}

#[test]
fn the_target_branch_moving_on_is_not_blamed() {
    let repo = Repo::new();
    repo.write(CAMPAIGN, common::CLEAN);
    let branch_point = repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        CAMPAIGN,
        &edit(
            common::CLEAN,
            &[("name: Spring festival cashback", "name: Spring")],
        ),
    );
    repo.commit("feature: rename");
    // main moves on: a big rate raise lands there after the branch point.
    repo.git(&["checkout", "-q", "main"]);
    repo.write(
        CAMPAIGN,
        &edit(
            common::CLEAN,
            &[NEW_TICKET, ("rate: \"10%\"", "rate: \"40%\"")],
        ),
    );
    repo.commit("main: raise");
    repo.git(&["checkout", "-q", "feature"]);

    let out = repo.check(&["--base", "main"]);
    only(&out, &[]);
    let json = out.json();
    assert_eq!(json["base"]["rev"], "main");
    assert_eq!(json["base"]["commit"], branch_point.as_str());

    // The same raise made on the branch is blamed, named by the rev given.
    repo.write(
        CAMPAIGN,
        &edit(
            common::CLEAN,
            &[NEW_TICKET, ("rate: \"10%\"", "rate: \"40%\"")],
        ),
    );
    let out = repo.check(&["--base", "main"]);
    only(&out, &["rate-jump"]);
    let short = &branch_point[..7];
    assert_eq!(
        out.of("rate-jump")[0]["message"],
        format!("rate raised from 10% to 40% (x4) since main ({short})")
    );
}

#[test]
fn new_and_deleted_campaigns_get_no_change_finding() {
    let repo = Repo::new();
    repo.write(CAMPAIGN, common::CLEAN);
    repo.write(
        "campaigns/old.yaml",
        &edit(
            common::CLEAN,
            &[("id: spring-cashback-2027", "id: old-cashback")],
        ),
    );
    repo.commit("base");
    std::fs::remove_file(repo.path().join("campaigns/old.yaml")).unwrap();
    repo.write(
        "campaigns/new.yaml",
        &edit(
            common::CLEAN,
            &[
                ("id: spring-cashback-2027", "id: new-cashback"),
                ("rate: \"10%\"", "rate: \"40%\""),
                ("source: merchant", "source: merchant"),
            ],
        ),
    );
    let out = repo.check(&["--base", "HEAD"]);
    only(&out, &[]);
    assert_eq!(out.json()["files_checked"], 2);
}

#[test]
fn a_renamed_file_keeps_its_campaign() {
    let repo = Repo::new();
    repo.write(CAMPAIGN, common::CLEAN);
    repo.commit("base");
    repo.git(&["mv", CAMPAIGN, "campaigns/renamed.yaml"]);
    repo.write(
        "campaigns/renamed.yaml",
        &edit(
            common::CLEAN,
            &[NEW_TICKET, ("rate: \"10%\"", "rate: \"30%\"")],
        ),
    );
    let out = repo.check(&["--base", "HEAD"]);
    only(&out, &["rate-jump"]);
    let finding = &out.of("rate-jump")[0];
    assert_eq!(finding["file"], "campaigns/renamed.yaml");
    assert_eq!(finding["labels"][0]["file"], format!("HEAD:{CAMPAIGN}"));
    assert_eq!(finding["labels"][0]["message"], "was 10% at HEAD");
}

#[test]
fn a_base_document_that_does_not_parse_gives_no_change_findings() {
    let repo = Repo::new();
    repo.write(CAMPAIGN, &format!("{}  bad: [\n", common::CLEAN));
    repo.commit("base: broken");
    repo.write(
        CAMPAIGN,
        &edit(
            common::CLEAN,
            &[NEW_TICKET, ("rate: \"10%\"", "rate: \"40%\"")],
        ),
    );
    let out = repo.check(&["--base", "HEAD"]);
    only(&out, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn standard_input_is_the_new_version() {
    let repo = Repo::new();
    repo.write(CAMPAIGN, common::CLEAN);
    repo.commit("base");
    let now = edit(
        common::CLEAN,
        &[NEW_TICKET, ("rate: \"10%\"", "rate: \"30%\"")],
    );
    let out = repo.check_with(
        &["--base", "HEAD", "--stdin-filename", CAMPAIGN, "-"],
        Some(&now),
    );
    only(&out, &["rate-jump"]);
    assert_eq!(out.of("rate-jump")[0]["file"], CAMPAIGN);
}

#[test]
fn tool_errors_are_one_line_and_exit_2() {
    // Not a git repository.
    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join("a.yaml"), common::CLEAN).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(plain.path())
        .env("GIT_CEILING_DIRECTORIES", plain.path().parent().unwrap())
        .envs(GIT_ENV)
        .args(["check", "--no-config", "--base", "origin/main"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("is not in a git repository"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing checked");

    // An unknown revision: how a shallow clone fetches it.
    let repo = Repo::new();
    repo.write(CAMPAIGN, common::CLEAN);
    repo.commit("base");
    let out = repo.check(&["--base", "origin/main"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("unknown revision `origin/main`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("git fetch origin main --depth=50"));
    assert!(out.stderr.contains("fetch-depth: 0"));
    // The machine formats still give a valid document, the error in it.
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["files_checked"], 0);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("unknown revision `origin/main`")),
        "{report}"
    );

    // No merge base: an unrelated history.
    repo.git(&["checkout", "-q", "--orphan", "other"]);
    repo.commit("unrelated");
    let out = repo.check(&["--base", "main"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("no merge base of `main` and HEAD"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_repository_without_a_commit_says_so() {
    // The first commit's pre-commit hook runs `--base HEAD` before HEAD
    // exists: the error names that, not an unknown revision.
    let repo = Repo::new();
    repo.write(CAMPAIGN, common::CLEAN);
    let out = repo.check(&["--base", "HEAD", "--format", "concise"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("HEAD has no commit yet"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("unknown revision"), "{}", out.stderr);
}

#[test]
fn the_reports_name_the_base() {
    let repo = clean_then(&edit(
        common::CLEAN,
        &[NEW_TICKET, ("rate: \"10%\"", "rate: \"30%\"")],
    ));
    let head = repo.git(&["rev-parse", "HEAD"]);
    // JSON: `base` null without --base, the rev and commit with it.
    assert_eq!(repo.check(&[]).json()["base"], Value::Null);
    let json = repo.check(&["--base", "HEAD"]).json();
    assert_eq!(json["base"]["rev"], "HEAD");
    assert_eq!(json["base"]["commit"], head.as_str());

    // Human: the base version's lines are shown.
    let human = repo.check(&["--base", "HEAD", "--format", "human"]);
    assert!(
        human.stdout.contains(&format!("HEAD:{CAMPAIGN}")),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("rate: \"10%\""), "{}", human.stdout);
    assert!(human.stdout.contains("rate: \"30%\""));

    // SARIF: the base's label is in the message, not a related location.
    let sarif: Value =
        serde_json::from_str(&repo.check(&["--base", "HEAD", "--format", "sarif"]).stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "rate-jump");
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("was 10% at HEAD (HEAD:{CAMPAIGN}:")),
        "{result}"
    );
    assert!(
        result
            .get("relatedLocations")
            .and_then(Value::as_array)
            .is_none_or(|r| r.is_empty()),
        "{result}"
    );
}

#[test]
fn the_base_is_the_same_project_in_a_subdirectory() {
    // The project root is a subdirectory of the repository (its policy's
    // directory); the base is read from the same place, and files outside
    // the project are not part of it.
    let repo = Repo::new();
    repo.write(
        "promo/.promolint.yaml",
        "files:\n  exclude: [\"drafts/**\"]\n",
    );
    repo.write("promo/campaigns/spring.yaml", common::CLEAN);
    repo.write("promo/drafts/spring.yaml", common::CLEAN);
    repo.write("other/spring.yaml", common::CLEAN);
    repo.commit("base");
    repo.write(
        "promo/campaigns/spring.yaml",
        &edit(
            common::CLEAN,
            &[NEW_TICKET, ("rate: \"10%\"", "rate: \"30%\"")],
        ),
    );
    let output = Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(repo.path().join("promo"))
        .envs(GIT_ENV)
        .args(["check", "--now", NOW, "--format", "json", "--base", "HEAD"])
        .output()
        .unwrap();
    let out = Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    only(&out, &["rate-jump"]);
    assert_eq!(
        out.of("rate-jump")[0]["labels"][0]["file"],
        "HEAD:promo/campaigns/spring.yaml"
    );
}

// ---- docs/review.md ----

/// The ```yaml blocks of docs/review.md, each loaded as a value after
/// promolint's own loader found no syntax fault in it.
fn review_md_blocks() -> Vec<Value> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/review.md"))
            .unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
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
    blocks
        .iter()
        .map(|block| {
            let loaded = promolint::load::load(0, block, promolint::load::Limits::default());
            assert!(loaded.findings.is_empty(), "{block}");
            serde_saphyr::from_str(block).unwrap_or_else(|e| panic!("{e}\n{block}"))
        })
        .collect()
}

/// Every line under `run` and `script` keys.
fn script_lines(value: &Value, under: bool, out: &mut Vec<String>) {
    match value {
        Value::String(s) if under => out.extend(s.lines().map(|l| l.trim().to_string())),
        Value::Array(items) => items.iter().for_each(|i| script_lines(i, under, out)),
        Value::Object(map) => {
            for (key, item) in map {
                script_lines(item, key == "run" || key == "script", out);
            }
        }
        _ => {}
    }
}

/// A clone of a repository whose `main` holds the clean campaign, on a
/// branch `feature` that raises its rate: a pull request's checkout.
fn pull_request_clone() -> (Repo, tempfile::TempDir) {
    let upstream = Repo::new();
    upstream.write(CAMPAIGN, common::CLEAN);
    upstream.commit("base");
    upstream.git(&["checkout", "-q", "-b", "feature"]);
    upstream.write(
        CAMPAIGN,
        &edit(
            common::CLEAN,
            &[NEW_TICKET, ("rate: \"10%\"", "rate: \"30%\"")],
        ),
    );
    upstream.commit("raise the rate");
    // main moves on after the branch point.
    upstream.git(&["checkout", "-q", "main"]);
    upstream.write(
        "campaigns/other.yaml",
        &edit(common::CLEAN, &[("id: spring-cashback-2027", "id: other")]),
    );
    upstream.commit("another campaign");
    let clone = tempfile::tempdir().unwrap();
    let status = Command::new("git")
        .envs(GIT_ENV)
        .args(["clone", "-q", "--branch", "feature"])
        .arg(upstream.path())
        .arg(clone.path().join("checkout"))
        .status()
        .unwrap();
    assert!(status.success());
    (upstream, clone)
}

/// Runs a snippet's command lines (git and promolint) as the service
/// would, with `vars` set; returns the last one's output.
fn run_lines(dir: &Path, lines: &[String], vars: &[(&str, &str)]) -> std::process::Output {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_promolint")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let mut last = None;
    for line in lines {
        let output = Command::new("sh")
            .arg("-c")
            .arg(line)
            .current_dir(dir)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .envs(GIT_ENV)
            .envs(vars.iter().copied())
            .output()
            .unwrap();
        last = Some(output);
    }
    last.expect("a command")
}

#[test]
fn the_setups_of_docs_review_md_work() {
    let blocks = review_md_blocks();
    let policy = &blocks[0];
    assert_eq!(policy["change"]["rate_factor"], 2);
    let parsed =
        promolint::policy::Policy::parse("review.md", &serde_json::to_string(policy).unwrap())
            .ok()
            .map(|p| p.change);
    assert_eq!(
        parsed,
        Some(promolint::policy::Policy::builtin().change),
        "the documented keys are the defaults"
    );

    let pre_commit = &blocks[1];
    assert_eq!(
        pre_commit["repos"][0]["hooks"][0]["args"],
        serde_json::json!(["--base", "HEAD"])
    );

    // GitHub Actions: the whole history, and the check on the PR's base.
    let github = &blocks[2];
    let steps = github["jobs"]["review"]["steps"].as_array().unwrap();
    assert_eq!(steps[0]["with"]["fetch-depth"], 0);
    let env = &steps.iter().find(|s| s.get("env").is_some()).unwrap()["env"];
    assert_eq!(env["BASE_BRANCH"], "${{ github.base_ref }}");
    let mut lines = Vec::new();
    script_lines(github, false, &mut lines);
    lines.retain(|l| l.starts_with("promolint "));
    assert_eq!(lines.len(), 1, "{lines:?}");
    let (_upstream, clone) = pull_request_clone();
    let checkout = clone.path().join("checkout");
    let output = run_lines(&checkout, &lines, &[("BASE_BRANCH", "main")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("rate-jump"), "{stdout}");
    assert!(stdout.contains("since origin/main"), "{stdout}");

    // GitLab CI: the target branch fetched, a JUnit report written.
    let gitlab = &blocks[3];
    let job = &gitlab["promolint-review"];
    assert_eq!(job["variables"]["GIT_DEPTH"], 0);
    let mut lines = Vec::new();
    script_lines(gitlab, false, &mut lines);
    lines.retain(|l| !l.starts_with("cargo install"));
    let output = run_lines(
        &checkout,
        &lines,
        &[("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")],
    );
    assert_eq!(output.status.code(), Some(1));
    let report_name = job["artifacts"]["reports"]["junit"].as_str().unwrap();
    let report = std::fs::read_to_string(checkout.join(report_name)).unwrap();
    assert!(report.contains("rate-jump"), "{report}");
}
