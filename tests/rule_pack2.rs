//! Rule pack 2 through the real binary: `stacked-payable`, `cap-ceiling`,
//! `government-program`, `full-rollout`, `unknown-segment`, the audience
//! `all` written as a list, the new restricted terms and the new figure
//! forms, each with the exact line and column of its findings; the new
//! policy keys in `promolint policy` and as policy errors.

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-24T00:00:00Z";

/// A campaign that is clean under the default policy, with `{...}` slots.
/// Line numbers of the slots: id 3, environment 5, currency 8, start 10,
/// end 11, segments 13, channels 14, benefit from 16, funding after it.
const BASE: &str = "apiVersion: promo/v1
kind: Campaign
id: {ID}
name: Pack two
environment: {ENV}
owner: growth-payments@example.com
approval: MKT-2027-0101
currency: {CUR}
schedule:
  start: {START}
  end: {END}
audience:
  segments: {SEGMENTS}
channels: {CHANNELS}
benefit:
{BENEFIT}
funding:
{FUNDING}
budget:
  total: \"500000.00\"
  per_user: \"1000.00\"
display:
  label: \"{LABEL}\"
stacking:
  combinable: {COMBINABLE}
controls:
  kill_switch: true
  rollout_percent: 5
";

#[derive(Clone)]
struct Campaign {
    id: &'static str,
    env: &'static str,
    currency: &'static str,
    start: &'static str,
    end: &'static str,
    segments: &'static str,
    channels: &'static str,
    benefit: &'static str,
    funding: &'static str,
    label: &'static str,
    combinable: bool,
}

const AMT30_50: &str = "  type: amount_off\n  amount: \"30.00\"\n  min_spend: \"50.00\"";
const PCT10: &str =
    "  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n  min_spend: \"50.00\"";

fn campaign(id: &'static str) -> Campaign {
    Campaign {
        id,
        env: "production",
        currency: "CNY",
        start: "2027-06-01T00:00:00+08:00",
        end: "2027-06-20T23:59:59+08:00",
        segments: "[new-users, dormant-90d]",
        channels: "[online-checkout]",
        benefit: PCT10,
        funding: "  source: merchant",
        label: "立减10% 最高20元",
        combinable: false,
    }
}

impl Campaign {
    fn text(&self) -> String {
        BASE.replace("{ID}", self.id)
            .replace("{ENV}", self.env)
            .replace("{CUR}", self.currency)
            .replace("{START}", self.start)
            .replace("{END}", self.end)
            .replace("{SEGMENTS}", self.segments)
            .replace("{CHANNELS}", self.channels)
            .replace("{BENEFIT}", self.benefit)
            .replace("{FUNDING}", self.funding)
            .replace("{LABEL}", self.label)
            .replace(
                "{COMBINABLE}",
                if self.combinable { "true" } else { "false" },
            )
    }

    fn coupon(mut self, benefit: &'static str, label: &'static str) -> Self {
        self.benefit = benefit;
        self.label = label;
        self.combinable = true;
        self
    }
}

fn scratch(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promolint"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// The concise lines of `rules` (all when empty) for a project of `files`,
/// each without its `; help: ...` (what a rule advises is checked by its
/// fixture's snapshot; these tests are about where and what it reports).
fn lines_of(files: &[(&str, String)], rules: &[&str]) -> Vec<String> {
    let dir = scratch(files);
    let output = run(
        dir.path(),
        &["check", "--now", NOW, "--format", "concise", "--quiet"],
    );
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| rules.is_empty() || rules.iter().any(|r| l.contains(&format!("[{r}]"))))
        .map(|l| {
            l.split_once("; help: ")
                .map_or(l, |(line, _)| line)
                .to_owned()
        })
        .collect()
}

/// `path:line:column` and rule of each finding.
fn positions(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let (at, rest) = l.split_once(": ").unwrap_or((l, ""));
            let rule = rest
                .split_once('[')
                .and_then(|(_, r)| r.split_once(']'))
                .map_or("", |(r, _)| r);
            format!("{at} {rule}")
        })
        .collect()
}

// ---------------------------------------------------------------------------
// stacked-payable

#[test]
fn two_coupons_that_pay_the_payer_are_reported_on_each() {
    let a = campaign("pair-a").coupon(AMT30_50, "满50减30");
    let mut b = campaign("pair-b").coupon(AMT30_50, "满50减30");
    b.start = "2027-06-10T00:00:00+08:00";
    let found = lines_of(
        &[("a.yaml", a.text()), ("b.yaml", b.text())],
        &["stacked-payable"],
    );
    assert_eq!(
        found,
        [
            "a.yaml:17:11: error[stacked-payable] amount 30.00 CNY stacks with combinable campaign `pair-b`: at 50.00 CNY, the smallest spend that qualifies for both, they take 60.00 CNY, so the payer pays -10.00 CNY; all run on online-checkout from 2027-06-10T00:00:00+08:00 to 2027-06-20T23:59:59+08:00",
            "b.yaml:17:11: error[stacked-payable] amount 30.00 CNY stacks with combinable campaign `pair-a`: at 50.00 CNY, the smallest spend that qualifies for both, they take 60.00 CNY, so the payer pays -10.00 CNY; all run on online-checkout from 2027-06-10T00:00:00+08:00 to 2027-06-20T23:59:59+08:00",
        ]
    );
}

#[test]
fn a_group_of_three_is_reported_once_per_member_with_the_exact_sum() {
    // 20 + 15 + 10% of 100 (capped at 20: 10) = 45 of a 100 order: fine as a
    // pair or alone, and 20 + 15 + 40% of 100 capped at 65 = 100 takes all.
    let a = campaign("trio-a").coupon(
        "  type: amount_off\n  amount: \"20.00\"\n  min_spend: \"40.00\"",
        "满40减20",
    );
    let b = campaign("trio-b").coupon(
        "  type: amount_off\n  amount: \"15.00\"\n  min_spend: \"100.00\"",
        "满100减15",
    );
    let c = campaign("trio-c").coupon(
        "  type: percent_off\n  rate: \"33.5%\"\n  max_discount: \"65.00\"\n  min_spend: \"30.00\"",
        "立减33.5% 最高65元",
    );
    let found = lines_of(
        &[
            ("a.yaml", a.text()),
            ("b.yaml", b.text()),
            ("c.yaml", c.text()),
        ],
        &["stacked-payable"],
    );
    // 20 + 15 + 33.5% × 100 = 68.50: not payable.
    assert!(found.is_empty(), "{found:?}");

    let c = campaign("trio-c").coupon(
        "  type: percent_off\n  rate: \"65%\"\n  max_discount: \"65.00\"\n  min_spend: \"30.00\"",
        "立减65% 最高65元",
    );
    let dir = scratch(&[
        ("a.yaml", a.text()),
        ("b.yaml", b.text()),
        ("c.yaml", c.text()),
    ]);
    let output = run(
        dir.path(),
        &[
            "check",
            "--now",
            NOW,
            "--format",
            "json",
            "--select",
            "stacked-payable",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let at: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["file"].as_str().unwrap_or(""),
                d["start"]["line"],
                d["start"]["column"]
            )
        })
        .collect();
    // The group of three, once per member; the pair a + c (20 + 65% of 40
    // = 46 of 40) is inside it and not reported again.
    assert_eq!(at, ["a.yaml:17:11", "b.yaml:17:11", "c.yaml:17:9"]);
    let message = diagnostics[2]["message"].as_str().unwrap_or("");
    assert!(
        message.starts_with(
            "rate 65% stacks with combinable campaigns `trio-a`, `trio-b`: at 100.00 CNY, the \
             smallest spend that qualifies for all 3, they take 100.00 CNY, so the payer pays nothing"
        ),
        "{message}"
    );
    // Each finding labels the other members' values.
    assert_eq!(diagnostics[0]["labels"].as_array().map(Vec::len), Some(2));
}

#[test]
fn rates_capped_short_of_every_level_are_exact_not_bounded() {
    // Three take 99% capped at 0.01 and three 0.01% capped at 1,000,000.00,
    // from 100.00 to 105.00: at every level their rates together (about 3)
    // or their caps together are above the spend, yet at 105.00 they take
    // 0.03 + 3 × 0.0105 = 0.0615. Once a bound that the old scan checked
    // level by level with the exact sum (issue 12).
    let mut files = Vec::new();
    for i in 0..6 {
        let benefit = if i % 2 == 0 {
            "  type: percent_off\n  rate: \"99%\"\n  max_discount: \"0.01\""
        } else {
            "  type: percent_off\n  rate: \"0.01%\"\n  max_discount: \"1000000.00\""
        };
        let benefit = format!("{benefit}\n  min_spend: \"{}.00\"", 100 + i);
        let id: &'static str = format!("capped-{i}").leak();
        let c = campaign(id).coupon(benefit.leak(), "立减");
        files.push((format!("c{i}.yaml"), c.text()));
    }
    let named: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    assert!(lines_of(&named, &["stacked-payable"]).is_empty());

    // 105.00 off from 1.00 makes the seven take 105.0615 at 105.00.
    let fill = campaign("fill").coupon(
        "  type: amount_off\n  amount: \"105.00\"\n  min_spend: \"1.00\"",
        "满1减105",
    );
    let mut filled = named.clone();
    filled.push(("fill.yaml", fill.text()));
    let found = lines_of(&filled, &["stacked-payable"]);
    assert_eq!(found.len(), 7, "{found:?}");
    assert!(
        found[0].contains(
            "at 105.00 CNY, the smallest spend that qualifies for all 7, they take 105.0615 CNY"
        ),
        "{}",
        found[0]
    );

    // Two 40.00 coupons from 2.00 and 3.00: at 100.00 the eight take 80.01,
    // at 3.00 the two take 80.00.
    let a = campaign("forty-a").coupon(
        "  type: amount_off\n  amount: \"40.00\"\n  min_spend: \"2.00\"",
        "满2减40",
    );
    let b = campaign("forty-b").coupon(
        "  type: amount_off\n  amount: \"40.00\"\n  min_spend: \"3.00\"",
        "满3减40",
    );
    let mut named = named;
    named.push(("forty-a.yaml", a.text()));
    named.push(("forty-b.yaml", b.text()));
    let found = lines_of(&named, &["stacked-payable"]);
    assert_eq!(
        found,
        [
            "forty-a.yaml:17:11: error[stacked-payable] amount 40.00 CNY stacks with combinable campaign `forty-b`: at 3.00 CNY, the smallest spend that qualifies for both, they take 80.00 CNY, so the payer pays -77.00 CNY; all run on online-checkout from 2027-06-01T00:00:00+08:00 to 2027-06-20T23:59:59+08:00",
            "forty-b.yaml:17:11: error[stacked-payable] amount 40.00 CNY stacks with combinable campaign `forty-a`: at 3.00 CNY, the smallest spend that qualifies for both, they take 80.00 CNY, so the payer pays -77.00 CNY; all run on online-checkout from 2027-06-01T00:00:00+08:00 to 2027-06-20T23:59:59+08:00",
        ]
    );
}

/// A change that keeps a campaign from stacking.
type Variant = (&'static str, fn(&mut Campaign));

#[test]
fn stacking_needs_one_channel_one_instant_one_currency_and_environment() {
    let a = campaign("apart-a").coupon(AMT30_50, "满50减30");
    let variants: [Variant; 4] = [
        ("touching", |c| {
            c.start = "2027-06-20T23:59:59+08:00";
            c.end = "2027-06-30T00:00:00+08:00";
        }),
        ("channel", |c| c.channels = "[merchant-qr]"),
        ("currency", |c| c.currency = "USD"),
        ("environment", |c| c.env = "staging"),
    ];
    for (what, change) in variants {
        let mut b = campaign("apart-b").coupon(AMT30_50, "满50减30");
        change(&mut b);
        let found = lines_of(
            &[("a.yaml", a.text()), ("b.yaml", b.text())],
            &["stacked-payable"],
        );
        assert!(found.is_empty(), "{what}: {found:?}");
    }
}

#[test]
fn without_min_spend_the_spend_is_one_minor_unit() {
    // Two 1 JPY coupons without a threshold: at 1 JPY they take 2.
    let benefit = "  type: amount_off\n  amount: \"1\"";
    let mut a = campaign("yen-a").coupon(benefit, "1円引き");
    a.currency = "JPY";
    let mut b = a.clone();
    b.id = "yen-b";
    let found = lines_of(
        &[("a.yaml", a.text()), ("b.yaml", b.text())],
        &["stacked-payable"],
    );
    assert_eq!(
        positions(&found),
        [
            "a.yaml:17:11 stacked-payable",
            "b.yaml:17:11 stacked-payable"
        ]
    );
    assert!(
        found[0].contains("at 1 JPY, the smallest spend that qualifies for both, they take 2 JPY, so the payer pays -1 JPY"),
        "{}",
        found[0]
    );
}

// ---------------------------------------------------------------------------
// cap-ceiling

#[test]
fn a_cap_or_an_amount_above_the_ceiling_is_reported_in_its_currency() {
    let mut cap = campaign("cap-high");
    cap.benefit = "  type: percent_off\n  rate: \"10%\"\n  max_discount: \"100000.00\"\n  min_spend: \"50.00\"";
    cap.label = "立减10%";
    let mut amount = campaign("amount-high");
    amount.currency = "USD";
    amount.benefit = "  type: amount_off\n  amount: \"150.00\"\n  min_spend: \"1500.00\"";
    amount.label = "$150 off orders over $1,500";
    let mut unlisted = campaign("sgd-cap");
    unlisted.currency = "SGD";
    unlisted.benefit =
        "  type: percent_off\n  rate: \"10%\"\n  max_discount: \"900.00\"\n  min_spend: \"50.00\"";
    unlisted.label = "10% off";
    let policy = "currencies: [CNY, USD, SGD]\n".to_string();
    let found = lines_of(
        &[
            (".promolint.yaml", policy),
            ("cap.yaml", cap.text()),
            ("amount.yaml", amount.text()),
            ("sgd.yaml", unlisted.text()),
        ],
        &["cap-ceiling"],
    );
    assert_eq!(
        found,
        [
            "amount.yaml:17:11: error[cap-ceiling] benefit.amount 150.00 USD is above the 100.00 USD one payment may take (limits.max_discount.USD)",
            "cap.yaml:18:17: error[cap-ceiling] benefit.max_discount 100000.00 CNY is above the 500.00 CNY one payment may take (limits.max_discount.CNY)",
        ]
    );
}

// ---------------------------------------------------------------------------
// government-program

const PROGRAMS: &str = "programs:
  - id: GOV-TRADEIN-2027-SH
    max_rate: \"15%\"
    max_discount: { CNY: \"20.00\" }
    channels: [online-checkout, offline-pos]
    regions: [CN-31]
    start: 2027-01-01T00:00:00+08:00
    end: 2027-06-15T23:59:59+08:00
";

fn government(id: &'static str, program: &'static str) -> Campaign {
    let mut c = campaign(id);
    c.funding = program;
    c.label = "以旧换新 立减10% 最高20元";
    c
}

#[test]
fn placeholders_and_unlisted_programs_are_reported_at_the_program_id() {
    let files = [
        (
            "tbd.yaml",
            government("gov-tbd", "  source: government\n  program_id: tbd").text(),
        ),
        (
            "na.yaml",
            government("gov-na", "  source: government\n  program_id: \"N/A\"").text(),
        ),
        (
            "dash.yaml",
            government("gov-dash", "  source: government\n  program_id: \"-\"").text(),
        ),
        (
            "typo.yaml",
            government(
                "gov-typo",
                "  source: government\n  program_id: GOV-TRADEIN-2027-SX",
            )
            .text(),
        ),
        // Not government funding: not this rule's.
        (
            "bank.yaml",
            government("bank-tbd", "  source: bank\n  program_id: TBD").text(),
        ),
    ];
    let without_programs = lines_of(&files, &["government-program"]);
    assert_eq!(
        positions(&without_programs),
        [
            "dash.yaml:22:15 government-program",
            "na.yaml:22:15 government-program",
            "tbd.yaml:22:15 government-program",
        ]
    );
    assert!(
        without_programs[1].ends_with(
            "program_id `N/A` is a placeholder: the campaign names no government program"
        )
    );

    let mut with_programs = vec![(".promolint.yaml", PROGRAMS.to_string())];
    with_programs.extend(files.iter().map(|(n, t)| (*n, t.clone())));
    let dir = scratch(&with_programs);
    let output = run(
        dir.path(),
        &[
            "check",
            "--now",
            NOW,
            "--format",
            "human",
            "--color",
            "never",
            "typo.yaml",
        ],
    );
    let human = String::from_utf8_lossy(&output.stdout);
    assert!(
        human.contains(
            "program_id `GOV-TRADEIN-2027-SX` names no government program of the policy (programs)"
        ),
        "{human}"
    );
    assert!(
        human.contains("did you mean `GOV-TRADEIN-2027-SH`?"),
        "{human}"
    );
    let found = lines_of(&with_programs, &["government-program"]);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found[3].starts_with("typo.yaml:22:15: error[government-program]"));
}

#[test]
fn each_exceeded_term_of_a_program_is_one_finding_naming_its_entry() {
    let mut c = government(
        "gov-over",
        "  source: government\n  program_id: GOV-TRADEIN-2027-SH",
    );
    c.benefit =
        "  type: percent_off\n  rate: \"20%\"\n  max_discount: \"50.00\"\n  min_spend: \"50.00\"";
    c.label = "以旧换新 立减20% 最高50元";
    c.channels = "[online-checkout, merchant-qr]";
    c.end = "2027-06-30T23:59:59+08:00";
    let found = lines_of(
        &[
            (".promolint.yaml", PROGRAMS.to_string()),
            ("over.yaml", c.text()),
        ],
        &["government-program"],
    );
    let expected = [
        "rate 20% is above its max_rate 15%",
        "max_discount 50.00 CNY is above its max_discount 20.00 CNY",
        "channel merchant-qr is not among its channels (online-checkout, offline-pos)",
        "the campaign has no audience.regions, so it runs everywhere, not only in its regions (CN-31)",
        "the campaign ends after the program (2027-06-15T23:59:59+08:00)",
    ];
    // Findings at one position are in the order of their messages.
    let mut expected: Vec<String> = expected
        .iter()
        .map(|what| format!(
            "over.yaml:22:15: error[government-program] the campaign exceeds the terms of program GOV-TRADEIN-2027-SH (.promolint.yaml:2:5): {what}"
        ))
        .collect();
    expected.sort();
    assert_eq!(found, expected);
    // Within every term: silent.
    let c = government(
        "gov-within",
        "  source: government\n  program_id: GOV-TRADEIN-2027-SH",
    );
    let text = c.text().replace(
        "  segments: [new-users, dormant-90d]\n",
        "  segments: [new-users, dormant-90d]\n  regions: [CN-31]\n",
    );
    let text = text.replace("2027-06-20T23:59:59+08:00", "2027-06-15T00:00:00+08:00");
    let found = lines_of(
        &[
            (".promolint.yaml", PROGRAMS.to_string()),
            ("within.yaml", text),
        ],
        &[],
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_malformed_program_entry_is_a_policy_error() {
    let c = campaign("any-campaign");
    let cases = [
        (
            "programs:\n  - max_rate: \"15%\"\n",
            ".promolint.yaml:2:5",
            "`programs[0]` needs `id`",
        ),
        (
            "programs:\n  - id: GOV-A\n    max_rate: 0.15\n",
            ".promolint.yaml:3:15",
            "must be a percent",
        ),
        (
            "programs:\n  - id: TBD\n",
            ".promolint.yaml:2:9",
            "`TBD` is a placeholder, not a program id",
        ),
        (
            "programs:\n  - id: GOV-A\n    regions: [shanghai]\n",
            ".promolint.yaml:3:15",
            "not an ISO 3166-2 region code",
        ),
        (
            "programs:\n  - id: GOV-A\n    start: 2027-01-01\n",
            ".promolint.yaml:3:12",
            "RFC 3339 timestamp with a UTC offset",
        ),
        (
            "programs:\n  - id: GOV-A\n    channels: [online-chekout]\n",
            ".promolint.yaml:3:16",
            "did you mean `online-checkout`?",
        ),
        (
            "programs:\n  - id: GOV-A\n    max_discount: { CNX: \"1.00\" }\n",
            ".promolint.yaml:3:21",
            "not in `currencies`",
        ),
        (
            "programs:\n  - id: GOV-A\n    maxrate: \"15%\"\n",
            ".promolint.yaml:3:5",
            "did you mean `max_rate`?",
        ),
        (
            "programs:\n  - id: GOV-A\n  - id: GOV-A\n",
            ".promolint.yaml:3:9",
            "listed twice",
        ),
        (
            "limits:\n  rollout:\n    first_percent: 150\n",
            ".promolint.yaml:3:20",
            "from 1 to 100",
        ),
        (
            "audience:\n  segments: all\n",
            ".promolint.yaml:2:13",
            "must be a list",
        ),
    ];
    for (policy, at, says) in cases {
        let dir = scratch(&[
            (".promolint.yaml", policy.to_string()),
            ("c.yaml", c.text()),
        ]);
        let output = run(dir.path(), &["check", "--color", "never", "c.yaml"]);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{policy}: {err}");
        assert!(
            err.contains(at) && err.contains(says),
            "{policy}: expected {at} {says:?} in\n{err}"
        );
    }
}

// ---------------------------------------------------------------------------
// full-rollout and the audience `all` as a list

fn broad(id: &'static str, segments: &'static str) -> Campaign {
    let mut c = campaign(id);
    c.segments = segments;
    c.benefit =
        "  type: percent_off\n  rate: \"5%\"\n  max_discount: \"20.00\"\n  min_spend: \"50.00\"";
    c.label = "立减5% 最高20元";
    c
}

#[test]
fn a_broad_launch_is_reported_where_its_rollout_is_set_or_missing() {
    let at_100 = broad("launch-100", "[all]")
        .text()
        .replace("rollout_percent: 5", "rollout_percent: 100");
    let no_percent = broad("launch-none", "[everyone]")
        .text()
        .replace("  rollout_percent: 5\n", "");
    let no_controls = broad("launch-bare", "[\"*\"]")
        .text()
        .replace("controls:\n  kill_switch: true\n  rollout_percent: 5\n", "")
        .replace(
            "environment: production",
            "environment: production\n# kill switch elsewhere",
        );
    let started = broad("launch-started", "all")
        .text()
        .replace("2027-06-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00")
        .replace("rollout_percent: 5", "rollout_percent: 100");
    let staging = broad("launch-staging", "all")
        .text()
        .replace("environment: production", "environment: staging")
        .replace("rollout_percent: 5", "rollout_percent: 100");
    let segments = broad("launch-segments", "[new-users]")
        .text()
        .replace("rollout_percent: 5", "rollout_percent: 100");
    let at_limit = broad("launch-10", "all")
        .text()
        .replace("rollout_percent: 5", "rollout_percent: 10");
    let found = lines_of(
        &[
            ("a.yaml", at_100),
            ("b.yaml", no_percent),
            ("c.yaml", no_controls),
            ("d.yaml", started),
            ("e.yaml", staging),
            ("f.yaml", segments),
            ("g.yaml", at_limit),
        ],
        &["full-rollout"],
    );
    assert_eq!(
        found,
        [
            "a.yaml:31:20: warning[full-rollout] a production launch to audience `all` starts at rollout_percent 100: its first minutes reach 100% of all payers at once (limits.rollout.first_percent is 10)",
            "b.yaml:29:1: warning[full-rollout] a production launch to audience `all` has no rollout_percent, so it starts at 100%: its first minutes reach every payer (limits.rollout.first_percent is 10)",
            "c.yaml:5:14: warning[full-rollout] a production launch to audience `all` has no controls.rollout_percent, so it starts at 100%: its first minutes reach every payer (limits.rollout.first_percent is 10)",
        ]
    );
}

#[test]
fn broad_audience_reads_a_list_holding_all_everyone_or_star() {
    for segments in ["[all]", "[new-users, everyone]", "[\"*\"]", "all"] {
        let mut c = campaign("broad-list");
        c.segments = segments;
        let found = lines_of(&[("c.yaml", c.text())], &[]);
        assert_eq!(
            found,
            [
                "c.yaml:13:13: warning[broad-audience] audience `all` gets rate 10%, above the 5% allowed for everyone (policy: limits.broad_audience_rate)"
            ],
            "{segments}"
        );
    }
}

// ---------------------------------------------------------------------------
// unknown-segment

#[test]
fn segments_the_policy_does_not_list_are_reported_with_a_suggestion() {
    let policy = "audience:\n  segments: [new-users, dormant-90d]\n".to_string();
    let mut c = campaign("segment-typo");
    c.segments = "[dormant-90d, new-user, all, vip-gold]";
    c.benefit =
        "  type: percent_off\n  rate: \"5%\"\n  max_discount: \"20.00\"\n  min_spend: \"50.00\"";
    c.label = "立减5% 最高20元";
    let files = [(".promolint.yaml", policy), ("c.yaml", c.text())];
    let found = lines_of(&files, &["unknown-segment"]);
    assert_eq!(
        found,
        [
            "c.yaml:13:27: warning[unknown-segment] segment `new-user` is not in the policy's audience.segments",
            "c.yaml:13:42: warning[unknown-segment] segment `vip-gold` is not in the policy's audience.segments",
        ]
    );
    let dir = scratch(&files);
    let output = run(
        dir.path(),
        &[
            "check",
            "--now",
            NOW,
            "--format",
            "json",
            "--select",
            "unknown-segment",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["help"], "did you mean `new-users`?");
    // Without a list in the policy, nothing is checked.
    assert!(lines_of(&files[1..], &["unknown-segment"]).is_empty());
    // `all`, `everyone` and `"*"` in a list are the audience `all`, not ids.
    for segments in ["[everyone, new-users]", "[\"*\"]", "[all]"] {
        let mut c = campaign("segment-everyone");
        c.segments = segments;
        c.benefit = "  type: percent_off\n  rate: \"5%\"\n  max_discount: \"20.00\"\n  min_spend: \"50.00\"";
        c.label = "立减5% 最高20元";
        let files = [
            (".promolint.yaml", files[0].1.clone()),
            ("c.yaml", c.text()),
        ];
        assert!(lines_of(&files, &[]).is_empty(), "{segments}");
    }
}

// ---------------------------------------------------------------------------
// The policy's new keys

#[test]
fn promolint_policy_prints_the_new_keys_and_they_parse_again() {
    let policy = format!(
        "{PROGRAMS}audience:\n  segments: [new-users]\nlimits:\n  max_discount: {{ USD: \"50.00\" }}\n  rollout:\n    first_percent: 5\n"
    );
    let dir = scratch(&[(".promolint.yaml", policy)]);
    let output = run(dir.path(), &["policy"]);
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8_lossy(&output.stdout).into_owned();
    for expected in [
        "  max_discount:\n    CNY: \"500.00\"\n    EUR: \"100.00\"\n    HKD: \"500.00\"\n    JPY: \"10000\"\n    USD: \"50.00\"\n",
        "  rollout:\n    first_percent: 5\n",
        "programs:\n  - id: GOV-TRADEIN-2027-SH\n    max_rate: \"15%\"\n    max_discount: { CNY: \"20.00\" }\n    channels: [online-checkout, offline-pos]\n    regions: [CN-31]\n    start: 2027-01-01T00:00:00+08:00\n    end: 2027-06-15T23:59:59+08:00\n",
        "audience:\n  segments: [new-users]\n",
        "    - id: bank-subsidy\n      terms: [\"bank subsidy\", \"银行补贴\", \"银行立减\", bank-funded]\n      requires:\n        funding_source: bank\n",
    ] {
        assert!(printed.contains(expected), "{expected:?} not in\n{printed}");
    }
    let reparsed = promolint::policy::Policy::parse("printed.yaml", &printed);
    assert!(reparsed.is_ok(), "{printed}");
    let defaults = run(dir.path(), &["policy", "--no-config"]);
    let defaults = String::from_utf8_lossy(&defaults.stdout);
    assert!(
        defaults.contains("\nprograms: []\n\naudience:\n  segments: []\n"),
        "{defaults}"
    );
}

// ---------------------------------------------------------------------------
// Display text: the new terms and figure forms, with their columns.

#[test]
fn new_restricted_terms_and_figure_forms_are_reported_on_their_characters() {
    // The label is on line 26 (25 after a three-line benefit), its text from column 11.
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "Gov't subsidy 10% off",
            PCT10,
            "  source: merchant",
            "c.yaml:26:11: error[restricted-label]",
        ),
        (
            "zhengfu butie 立减10%",
            PCT10,
            "  source: merchant",
            "c.yaml:26:11: error[restricted-label]",
        ),
        (
            "银行立减10%",
            PCT10,
            "  source: merchant",
            "c.yaml:26:11: error[restricted-label]",
        ),
        (
            "平台补贴 优惠20%",
            PCT10,
            "  source: platform",
            "c.yaml:26:16: error[label-rate-mismatch]",
        ),
        (
            "全场半价",
            PCT10,
            "  source: merchant",
            "c.yaml:26:13: error[label-rate-mismatch]",
        ),
        (
            "新客立减二十元",
            "  type: amount_off\n  amount: \"5.00\"\n  min_spend: \"50.00\"",
            "  source: merchant",
            "c.yaml:25:13: error[label-rate-mismatch]",
        ),
        (
            "满1,000减100",
            "  type: amount_off\n  amount: \"100.00\"\n  min_spend: \"500.00\"",
            "  source: merchant",
            "c.yaml:25:11: error[label-rate-mismatch]",
        ),
        (
            "up to ¥50",
            PCT10,
            "  source: merchant",
            "c.yaml:26:11: error[label-rate-mismatch]",
        ),
        (
            "2割引",
            PCT10,
            "  source: merchant",
            "c.yaml:26:11: error[label-rate-mismatch]",
        ),
    ];
    for &(label, benefit, funding, expected) in cases {
        let mut c = campaign("label-case");
        c.label = label;
        c.benefit = benefit;
        c.funding = funding;
        let found = lines_of(&[("c.yaml", c.text())], &[]);
        assert_eq!(found.len(), 1, "{label}: {found:?}");
        assert!(found[0].starts_with(expected), "{label}: {}", found[0]);
    }
    // And these advertise nothing that contradicts a 10% benefit.
    for label in [
        "满2件9折",
        "2025新年 立减10%",
        "618大促",
        "24小时 10% off",
        "100%正品",
        "优惠10% 最高20元",
        "满50元可用 立减10%",
    ] {
        let mut c = campaign("label-honest");
        c.label = label;
        let found = lines_of(&[("c.yaml", c.text())], &[]);
        assert!(found.is_empty(), "{label}: {found:?}");
    }
}
