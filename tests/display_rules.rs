//! The display-text rules through the real pipeline (`engine::check` with
//! the built-in policy): a campaign is written from a template with the
//! label, benefit and funding of each case, and the findings of the four
//! display rules are compared with the expected rule and the exact source
//! text it underlines.

use promolint::engine::{self, Run, Settings};
use promolint::policy::Policy;
use promolint::walk::Target;
use proptest::prelude::*;

const DISPLAY_RULES: [&str; 4] = [
    "restricted-label",
    "forbidden-wording",
    "invisible-characters",
    "label-rate-mismatch",
];

/// A campaign that every rule of RULES.md finds clean with the default
/// policy, but for what the case substitutes.
const CAMPAIGN: &str = "apiVersion: promo/v1
kind: Campaign
id: display-case
name: Display case
environment: production
owner: growth-payments@example.com
approval: MKT-2027-0101
currency: CNY
schedule:
  start: 2027-03-01T00:00:00+08:00
  end: 2027-03-20T23:59:59+08:00
audience:
  segments: [new-users, dormant-90d]
channels: [online-checkout, merchant-qr]
benefit:
{BENEFIT}
funding:
{FUNDING}
budget:
  total: \"500000.00\"
  per_user: \"1000.00\"
display:
  label: {LABEL}
controls:
  kill_switch: true
";

// Benefits.
const PCT10: &str =
    "  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n  min_spend: \"50.00\"";
const PCT15: &str =
    "  type: percent_off\n  rate: \"15%\"\n  max_discount: \"20.00\"\n  min_spend: \"50.00\"";
const PCT20: &str = "  type: percent_off\n  rate: \"20%\"\n  max_discount: \"20.00\"";
const PCT10_NO_CAP: &str = "  type: percent_off\n  rate: \"10%\"\n  min_spend: \"50.00\"";
const PCT10_NO_MIN: &str = "  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"";
const AMT5: &str = "  type: amount_off\n  amount: \"5.00\"\n  min_spend: \"50.00\"";
const AMT20: &str = "  type: amount_off\n  amount: \"20\"\n  min_spend: \"100\"";
const AMT30_CAP90: &str =
    "  type: amount_off\n  amount: \"30.00\"\n  max_discount: \"90.00\"\n  min_spend: \"200.00\"";
const AMT500: &str = "  type: amount_off\n  amount: \"500\"\n  min_spend: \"3000\"";
const AMT5_NO_MIN: &str = "  type: amount_off\n  amount: \"5.00\"";
const AMT100_1000: &str = "  type: amount_off\n  amount: \"100.00\"\n  min_spend: \"1000.00\"";
/// A rate that is present but invalid: unknown, never compared.
const PCT_INVALID: &str = "  type: percent_off\n  rate: \"abc\"\n  max_discount: \"20.00\"";

// Funding.
const MERCHANT: &str = "  source: merchant";
const PLATFORM: &str = "  source: platform";
const GOV: &str = "  source: government\n  program_id: GOV-TRADEIN-2025-SH";
const GOV_NO_ID: &str = "  source: government";
const SOURCE_INVALID: &str = "  source: state";

/// The syntax and schema rules: none fires unless a case makes a value
/// invalid on purpose (the other semantic rules may, e.g. `uncapped-percent`).
const SCHEMA_RULES: [&str; 7] = [
    "yaml-syntax",
    "duplicate-key",
    "unknown-field",
    "missing-field",
    "invalid-value",
    "ambiguous-scalar",
    "invalid-decimal",
];

const R: &str = "restricted-label";
const F: &str = "forbidden-wording";
const I: &str = "invisible-characters";
const M: &str = "label-rate-mismatch";

/// The label as written in YAML, the benefit, the funding, and the
/// expected findings: rule and the exact source text underlined.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

#[rustfmt::skip]
const FLAGGED: &[Case] = &[
    // The incident, and its disguises (simplified, traditional, spaced,
    // hidden, full-width, look-alike letters, punctuation, soft hyphen).
    ("\"政府补贴 立减10%\"", PCT10, PLATFORM, &[(R, "政府补贴")]),
    ("\"政府補貼 立減10%\"", PCT10, MERCHANT, &[(R, "政府補貼")]),
    ("\"政 府 补 贴 立减10%\"", PCT10, PLATFORM, &[(R, "政 府 补 贴")]),
    ("\"政\\u200b府补贴 立减10%\"", PCT10, PLATFORM, &[(R, "政\\u200b府补贴"), (I, "\\u200b")]),
    ("\"政\u{200B}府补贴 立减10%\"", PCT10, PLATFORM, &[(R, "政\u{200B}府补贴"), (I, "\u{200B}")]),
    ("政、府、补、贴 立减10%", PCT10, PLATFORM, &[(R, "政、府、补、贴")]),
    ("\"Government Subsidy: 10% off\"", PCT10, PLATFORM, &[(R, "Government Subsidy")]),
    ("\"Ｇovernment Subsidy 10% off\"", PCT10, PLATFORM, &[(R, "Ｇovernment Subsidy")]),
    ("\"G\u{043E}vernment subsidy, 10% off\"", PCT10, MERCHANT, &[(R, "G\u{043E}vernment subsidy")]),
    ("'Gov. Subsidy: save ¥5'", AMT5, MERCHANT, &[(R, "Gov. Subsidy")]),
    ("\"national\\u00ad subsidy 10% off\"", PCT10, PLATFORM, &[(R, "national\\u00ad subsidy"), (I, "\\u00ad")]),
    ("\"国补 立减10%\"", PCT10, GOV_NO_ID, &[(R, "国补")]),
    ("\"國家補貼 九折\"", PCT10, PLATFORM, &[(R, "國家補貼")]),
    ("\"以舊換新補貼 满50减5\"", AMT5, MERCHANT, &[(R, "以舊換新補貼")]),
    ("\"政府補助金で500円引き\"", AMT500, PLATFORM, &[(R, "政府補助")]),
    ("\"State subsidy 10% off\"", PCT10, "  program_id: GOV-TRADEIN-2025-SH\n  source: bank", &[(R, "State subsidy")]),
    // Forbidden wording.
    ("\"新客零元购\"", PCT10, MERCHANT, &[(F, "零元购")]),
    ("\"0元購 限时\"", PCT10, MERCHANT, &[(F, "0元購")]),
    ("\"ＦＲＥＥ ＭＯＮＥＹ, 10% off\"", PCT10, MERCHANT, &[(F, "ＦＲＥＥ ＭＯＮＥＹ")]),
    ("\"Guaranteed refund on 10% off\"", PCT10, MERCHANT, &[(F, "Guaranteed refund")]),
    // Invisible characters that hide nothing from a term list still hide.
    ("\"立减10%\\u202e 最高20元\"", PCT10, MERCHANT, &[(I, "\\u202e")]),
    ("\"新客\u{2066}\u{2069}立减10%\"", PCT10, MERCHANT, &[(I, "\u{2066}\u{2069}")]),
    ("\"\\ufeff立减10%\"", PCT10, MERCHANT, &[(I, "\\ufeff")]),
    // Advertised figures that contradict the benefit.
    ("\"新客立减20% 最高20元\"", PCT10, MERCHANT, &[(M, "立减20%")]),
    ("\"20% OFF everything\"", PCT10, MERCHANT, &[(M, "20% OFF")]),
    ("\"全场8折\"", PCT10, MERCHANT, &[(M, "8折")]),
    ("\"会员八五折\"", PCT10, MERCHANT, &[(M, "八五折")]),
    ("\"全場8折優惠\"", PCT10, MERCHANT, &[(M, "8折")]),
    ("\"最高减50元\"", PCT10, MERCHANT, &[(M, "最高减50元")]),
    ("\"up to $50 off\"", PCT10, MERCHANT, &[(M, "up to $50 off")]),
    ("\"最高20元\"", PCT10_NO_CAP, MERCHANT, &[(M, "最高20元")]),
    ("\"满100减20\"", AMT5, MERCHANT, &[(M, "满100"), (M, "减20")]),
    ("\"滿200減20\"", AMT20, MERCHANT, &[(M, "滿200")]),
    ("\"Save $10 today\"", AMT5, MERCHANT, &[(M, "Save $10")]),
    ("\"€4 off\"", AMT5, MERCHANT, &[(M, "€4 off")]),
    ("\"1000円引き\"", AMT500, MERCHANT, &[(M, "1000円引き")]),
    ("\"orders over $100\"", PCT10, MERCHANT, &[(M, "orders over $100")]),
    ("\"满50减5\"", AMT5_NO_MIN, MERCHANT, &[(M, "满50")]),
    ("\"满50可用 立减10%\"", PCT10_NO_MIN, MERCHANT, &[(M, "满50")]),
    ("\"立减10%\"", AMT5, MERCHANT, &[(M, "立减10%")]),
    ("\"下单减5元\"", PCT10, MERCHANT, &[(M, "减5元")]),
    ("\"打8折\"", AMT5, MERCHANT, &[(M, "打8折")]),
    ("\"１５％ＯＦＦ\"", PCT10, MERCHANT, &[(M, "１５％ＯＦＦ")]),
    // Several rules at once.
    ("\"政府补贴 立减20%\"", PCT10, PLATFORM, &[(R, "政府补贴"), (M, "立减20%")]),
    // Rule pack 2: the new terms, an apostrophe, pinyin, other funders.
    ("\"Gov't subsidy 10% off\"", PCT10, MERCHANT, &[(R, "Gov't subsidy")]),
    ("\"GOV\u{2019}T SUBSIDY, 10% off\"", PCT10, PLATFORM, &[(R, "GOV\u{2019}T SUBSIDY")]),
    ("\"Govt. subsidy 10% off\"", PCT10, PLATFORM, &[(R, "Govt. subsidy")]),
    ("\"zhengfu butie 立减10%\"", PCT10, PLATFORM, &[(R, "zhengfu butie")]),
    ("\"Guojia Butie: 10% off\"", PCT10, MERCHANT, &[(R, "Guojia Butie")]),
    ("\"银行立减10%\"", PCT10, MERCHANT, &[(R, "银行立减")]),
    ("\"Bank-funded: 10% off\"", PCT10, PLATFORM, &[(R, "Bank-funded")]),
    ("\"商家补贴 立减10%\"", PCT10, PLATFORM, &[(R, "商家补贴")]),
    ("\"平台補貼 立减10%\"", PCT10, MERCHANT, &[(R, "平台補貼")]),
    // Rule pack 2: percent off.
    ("\"优惠20%\"", PCT10, MERCHANT, &[(M, "优惠20%")]),
    ("\"20% discount\"", PCT10, MERCHANT, &[(M, "20% discount")]),
    ("\"Save 20% today\"", PCT10, MERCHANT, &[(M, "Save 20%")]),
    ("\"20 percent off\"", PCT10, MERCHANT, &[(M, "20 percent off")]),
    ("\"全场 -20%\"", PCT10, MERCHANT, &[(M, "-20%")]),
    ("\"百分之二十\"", PCT10, MERCHANT, &[(M, "百分之二十")]),
    ("\"20%オフ\"", PCT10, MERCHANT, &[(M, "20%オフ")]),
    ("\"20%引き\"", PCT10, MERCHANT, &[(M, "20%引き")]),
    ("\"2割引\"", PCT10, MERCHANT, &[(M, "2割引")]),
    ("\"第二件半价\"", PCT10, MERCHANT, &[(M, "半价")]),
    ("\"半額セール\"", PCT10, MERCHANT, &[(M, "半額")]),
    ("\"优惠10%\"", AMT5, MERCHANT, &[(M, "优惠10%")]),
    // Rule pack 2: amount off.
    ("\"立减二十元\"", AMT5, MERCHANT, &[(M, "立减二十元")]),
    ("\"下单减五十元\"", AMT5, MERCHANT, &[(M, "减五十元")]),
    ("\"立减金10元\"", AMT5, MERCHANT, &[(M, "立减金10元")]),
    ("\"领10元立减金\"", AMT5, MERCHANT, &[(M, "10元立减金")]),
    ("\"10元优惠券\"", AMT5, MERCHANT, &[(M, "10元优惠券")]),
    ("\"立减五元\"", PCT10, MERCHANT, &[(M, "立减五元")]),
    // Rule pack 2: cap.
    ("\"最高优惠50元\"", PCT10, MERCHANT, &[(M, "最高优惠50元")]),
    ("\"最高可减50元\"", PCT10, MERCHANT, &[(M, "最高可减50元")]),
    ("\"最多减50元\"", PCT10, MERCHANT, &[(M, "最多减50元")]),
    ("\"up to ¥50\"", PCT10, MERCHANT, &[(M, "up to ¥50")]),
    // Rule pack 2: threshold, with thousands separators.
    ("\"满1,000减100\"", AMT5, MERCHANT, &[(M, "满1,000"), (M, "减100")]),
    ("\"满１，０００减５\"", AMT5, MERCHANT, &[(M, "满１，０００")]),
    ("\"orders over $1,000\"", PCT10, MERCHANT, &[(M, "orders over $1,000")]),
    ("\"满100元可用 立减10%\"", PCT10, MERCHANT, &[(M, "满100元可用")]),
];

#[rustfmt::skip]
const HONEST: &[Case] = &[
    ("\"平台补贴 立减10%\"", PCT10, PLATFORM, &[]),
    ("\"Government-approved merchants: 10% off\"", PCT10, MERCHANT, &[]),
    ("\"双11狂欢\"", PCT10, MERCHANT, &[]),
    ("\"Top 10 商户\"", PCT10, MERCHANT, &[]),
    ("\"¥10 起\"", PCT10, MERCHANT, &[]),
    ("\"2025年度大促\"", PCT10, MERCHANT, &[]),
    ("\"政府补贴 立减10%\"", PCT10, GOV, &[]),
    ("\"国补 8.5折\"", PCT15, GOV, &[]),
    ("\"State subsidy: 15% off\"", PCT15, GOV, &[]),
    ("\"政府補貼 八五折\"", PCT15, GOV, &[]),
    ("\"商家补贴 满50减5\"", AMT5, MERCHANT, &[]),
    ("\"新春立减 最高20元\"", PCT10, MERCHANT, &[]),
    ("\"立减10% 最高减20元 满50可用\"", PCT10, MERCHANT, &[]),
    ("\"全场9折\"", PCT10, MERCHANT, &[]),
    ("\"会员九折\"", PCT10, MERCHANT, &[]),
    ("\"打九折\"", PCT10, MERCHANT, &[]),
    ("\"全場立減10%\"", PCT10, MERCHANT, &[]),
    ("\"10% OFF, up to ¥20 off\"", PCT10, MERCHANT, &[]),
    ("\"Save ¥5 on orders over ¥50\"", AMT5, MERCHANT, &[]),
    ("\"$5 off orders over $50\"", AMT5, MERCHANT, &[]),
    ("\"满100减20\"", AMT20, MERCHANT, &[]),
    ("\"滿100減20\"", AMT20, MERCHANT, &[]),
    ("\"每满200减30，最高减90元\"", AMT30_CAP90, MERCHANT, &[]),
    ("\"新客最高减5元\"", AMT5, MERCHANT, &[]),
    ("\"500円引きクーポン\"", AMT500, MERCHANT, &[]),
    ("\"10%オフ 新規会員\"", PCT10, MERCHANT, &[]),
    ("\"\u{2764}\u{FE0F} 立减10%\"", PCT10, MERCHANT, &[]),
    ("\"\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} 家庭日 立减10%\"", PCT10, MERCHANT, &[]),
    ("\"三折叠手机 立减10%\"", PCT10, MERCHANT, &[]),
    ("\"一波三折的故事\"", PCT10, MERCHANT, &[]),
    ("\"满2件8折\"", PCT20, MERCHANT, &[]),
    ("\"Top 10 merchants, 10% off\"", PCT10, MERCHANT, &[]),
    ("\"100% cotton, 10% off\"", PCT10, MERCHANT, &[]),
    ("\"real estate subsidy day\"", PCT10, MERCHANT, &[]),
    ("\"政府发放消费券 立减10%\"", PCT10, MERCHANT, &[]),
    ("\"地方補助 立減10%\"", PCT10, MERCHANT, &[]),
    ("\"国家队 补给站\"", PCT10, MERCHANT, &[]),
    ("\"Freedom Money Week, 10% off\"", PCT10, MERCHANT, &[]),
    ("\"满1000积分 立减10%\"", PCT10, MERCHANT, &[]),
    ("\"立减20.00元\"", AMT20, MERCHANT, &[]),
    ("\"立减10% 满50.00元可用\"", PCT10, MERCHANT, &[]),
    ("\"新客\\u00a0立减10%\"", PCT10, MERCHANT, &[]),
    // A bad value is present but unknown: not compared, no requirement.
    ("\"立减20%\"", PCT_INVALID, MERCHANT, &[]),
    ("\"政府补贴\"", PCT10, SOURCE_INVALID, &[]),
    ("\"政府补贴\"", PCT10, "  source: government\n  program_id: \"\"", &[]),
    // Rule pack 2: the new terms where their requirement is met.
    ("\"Gov't subsidy: 10% off\"", PCT10, GOV, &[]),
    ("\"银行立减10%\"", PCT10, "  source: bank", &[]),
    ("\"商家补贴 立减10%\"", PCT10, MERCHANT, &[]),
    ("\"Gov't-approved merchants, 10% off\"", PCT10, MERCHANT, &[]),
    // Rule pack 2: figures that agree with the benefit.
    ("\"优惠10%\"", PCT10, MERCHANT, &[]),
    ("\"10% discount\"", PCT10, MERCHANT, &[]),
    ("\"save 10%\"", PCT10, MERCHANT, &[]),
    ("\"10 percent off\"", PCT10, MERCHANT, &[]),
    ("\"-10%\"", PCT10, MERCHANT, &[]),
    ("\"百分之十\"", PCT10, MERCHANT, &[]),
    ("\"10%引き\"", PCT10, MERCHANT, &[]),
    ("\"1割引\"", PCT10, MERCHANT, &[]),
    ("\"立减五元\"", AMT5, MERCHANT, &[]),
    ("\"5元立减金\"", AMT5, MERCHANT, &[]),
    ("\"立减金5元 满50可用\"", AMT5, MERCHANT, &[]),
    ("\"5元优惠券\"", AMT5, MERCHANT, &[]),
    ("\"满100减二十元\"", AMT20, MERCHANT, &[]),
    ("\"最高优惠20元\"", PCT10, MERCHANT, &[]),
    ("\"最多减20元\"", PCT10, MERCHANT, &[]),
    ("\"10% off, up to ¥20\"", PCT10, MERCHANT, &[]),
    ("\"满50元可用 立减10%\"", PCT10, MERCHANT, &[]),
    ("\"满1,000减100\"", AMT100_1000, MERCHANT, &[]),
    ("\"满１，０００减１００\"", AMT100_1000, MERCHANT, &[]),
    ("\"$100 off orders over $1,000\"", AMT100_1000, MERCHANT, &[]),
    // Rule pack 2: numbers that are no figure stay silent.
    ("\"满2件9折\"", PCT10, MERCHANT, &[]),
    ("\"2025新年 立减10%\"", PCT10, MERCHANT, &[]),
    ("\"618大促\"", PCT10, MERCHANT, &[]),
    ("\"24小时发货\"", PCT10, MERCHANT, &[]),
    ("\"100%正品\"", PCT10, MERCHANT, &[]),
    ("\"半年卡 百分百好评\"", PCT10, MERCHANT, &[]),
    ("\"满3件可用\"", PCT10, MERCHANT, &[]),
    ("\"Save 10% today\"", PCT10, MERCHANT, &[]),
    ("\"10%オフ\"", PCT10, MERCHANT, &[]),
    ("\"最高可减20元\"", PCT10, MERCHANT, &[]),
    ("\"满1,000元可用\"", AMT100_1000, MERCHANT, &[]),
    ("\"over ¥1,000\"", AMT100_1000, MERCHANT, &[]),
];

/// An empty project root, so each case is checked alone (not in the
/// context of this repository's own YAML files).
static EMPTY_ROOT: std::sync::LazyLock<tempfile::TempDir> =
    std::sync::LazyLock::new(|| tempfile::tempdir().unwrap());

fn settings() -> Settings {
    Settings {
        policy: Policy::builtin(),
        root: EMPTY_ROOT.path().to_path_buf(),
        now: time::macros::datetime!(2026-11-24 00:00 UTC),
        select: None,
        ignore: Default::default(),
        compiled: Policy::builtin().compile().unwrap(),
        texts_after_rules: true,
    }
}

fn campaign(label: &str, benefit: &str, funding: &str) -> String {
    CAMPAIGN
        .replace("{BENEFIT}", benefit)
        .replace("{FUNDING}", funding)
        .replace("{LABEL}", label)
}

fn lint(text: &str) -> Run {
    let targets = [Target::Stdin {
        name: "case.yaml".into(),
    }];
    engine::check(&settings(), &targets, &mut text.as_bytes())
}

/// (rule, underlined source text) of every finding of the display rules,
/// and the syntax and schema rules' findings.
fn display_findings(run: &Run) -> (Vec<(String, String)>, Vec<String>) {
    let mut display = Vec::new();
    let mut other = Vec::new();
    for finding in &run.findings {
        let text = run
            .sources
            .get(finding.loc.file)
            .map(|f| {
                f.text
                    .get(finding.loc.range())
                    .unwrap_or("<not on a boundary>")
                    .to_owned()
            })
            .unwrap_or_default();
        if DISPLAY_RULES.contains(&finding.rule) {
            display.push((finding.rule.to_owned(), text));
        } else if SCHEMA_RULES.contains(&finding.rule) {
            other.push(format!("{}: {}", finding.rule, finding.message));
        }
    }
    (display, other)
}

fn check_cases(cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for &(label, benefit, funding, expected) in cases {
        let text = campaign(label, benefit, funding);
        let run = lint(&text);
        let (mut found, other) = display_findings(&run);
        let mut expected: Vec<(String, String)> = expected
            .iter()
            .map(|&(rule, text)| (rule.to_owned(), text.to_owned()))
            .collect();
        found.sort();
        expected.sort();
        if found != expected {
            failures.push(format!(
                "label {label} ({}, {}): expected {expected:?}, found {found:?}",
                benefit.replace('\n', " "),
                funding.replace('\n', " ")
            ));
        }
        // The template is well-formed, except for what a case makes
        // invalid on purpose.
        let invalid_on_purpose = funding == SOURCE_INVALID || funding.contains("\"\"");
        if !other.is_empty() && !invalid_on_purpose {
            failures.push(format!("label {label}: other findings {other:?}"));
        }
    }
    failures
}

#[test]
fn at_least_sixty_cases_half_of_them_honest() {
    let total = FLAGGED.len() + HONEST.len();
    assert!(total >= 60, "{total} cases");
    assert!(
        HONEST.len() * 2 >= total,
        "{} honest of {total}",
        HONEST.len()
    );
    assert!(HONEST.iter().all(|case| case.3.is_empty()));
}

#[test]
fn flagged_labels_are_reported_on_the_exact_characters() {
    let failures = check_cases(FLAGGED);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn honest_labels_are_not_flagged() {
    let failures = check_cases(HONEST);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn messages_name_the_term_list_and_what_is_missing() {
    let run = lint(&campaign("\"政府补贴 立减10%\"", PCT10, PLATFORM));
    let messages: Vec<&str> = run
        .findings
        .iter()
        .filter(|f| f.rule == "restricted-label")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "label says \"政府补贴\" (restricted term government-subsidy) but funding.source is platform and funding.program_id is missing"
        ]
    );
    let finding = run.findings.iter().find(|f| f.rule == "restricted-label");
    let label = finding.and_then(|f| f.labels.first());
    let labelled = label.and_then(|l| {
        run.sources
            .get(l.loc.file)
            .and_then(|f| f.text.get(l.loc.range()))
    });
    assert_eq!(labelled, Some("platform"));

    let run = lint(&campaign("\"满100减20 8.5折\"", PCT10, MERCHANT));
    let messages: Vec<&str> = run.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "label advertises 满100 but benefit.min_spend is 50.00",
            "label advertises 减20 but the benefit is percent_off (rate 10%)",
            "label advertises 8.5折 (15% off) but benefit.rate is 10%",
        ]
    );

    let run = lint(&campaign("\"立\\u200b\\u202e减\"", PCT10, MERCHANT));
    let messages: Vec<&str> = run.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "label contains 2 invisible characters: U+200B ZERO WIDTH SPACE, U+202E RIGHT-TO-LEFT OVERRIDE"
        ]
    );
}

#[test]
fn descriptions_are_checked_like_labels() {
    let text = campaign(
        "\"立减10%\"\n  description: |\n    活动说明：\n    国补\n    立减20%\n",
        PCT10,
        MERCHANT,
    );
    let run = lint(&text);
    let (found, other) = display_findings(&run);
    assert!(other.is_empty(), "{other:?}");
    assert_eq!(
        found,
        [
            ("restricted-label".to_owned(), "国补".to_owned()),
            ("label-rate-mismatch".to_owned(), "立减20%".to_owned()),
        ]
    );
    assert!(
        run.findings
            .iter()
            .all(|f| f.path.as_deref() == Some("/display/description"))
    );
}

/// Scalar text for arbitrary label content, in one YAML style.
fn scalar(style: u8, parts: &[String]) -> String {
    let content: String = parts.concat();
    match style % 4 {
        0 => {
            // Double-quoted: the parts may be escapes already; escape the
            // rest that YAML requires.
            let mut out = String::from("\"");
            for part in parts {
                if ESCAPES.contains(&part.as_str()) {
                    out.push_str(part);
                } else {
                    for ch in part.chars() {
                        match ch {
                            '"' => out.push_str("\\\""),
                            '\n' => out.push_str("\n    "),
                            '\\' => out.push_str("\\\\"),
                            c if c.is_control() => {
                                out.push_str(&format!("\\u{:04x}", u32::from(c)))
                            }
                            c => out.push(c),
                        }
                    }
                }
            }
            out.push('"');
            out
        }
        1 => {
            let inner: String = content
                .chars()
                .filter(|&c| c == '\n' || !c.is_control())
                .collect::<String>()
                .replace('\'', "''")
                .replace('\n', "\n    ");
            format!("'{inner}'")
        }
        2 => {
            let lines: Vec<String> = content
                .split('\n')
                .map(|l| {
                    format!(
                        "    {}",
                        l.chars().filter(|c| !c.is_control()).collect::<String>()
                    )
                })
                .collect();
            format!("|\n{}", lines.join("\n"))
        }
        _ => {
            let lines: Vec<String> = content
                .split('\n')
                .map(|l| {
                    format!(
                        "    {}",
                        l.chars().filter(|c| !c.is_control()).collect::<String>()
                    )
                })
                .collect();
            format!(">-\n{}", lines.join("\n"))
        }
    }
}

/// Double-quoted escapes, written as they are in that style.
const ESCAPES: &[&str] = &[
    "\\u200b",
    "\\u202E",
    "\\t",
    "\\x41",
    "\\U0001F600",
    "\\\"",
    "\\\\",
    "\\n",
    "\\uff10",
    "\\\n    ",
];

fn part() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("政府补贴".to_owned()),
        Just("政府補貼".to_owned()),
        Just("国补".to_owned()),
        Just("零元购".to_owned()),
        Just("Gov. Subsidy".to_owned()),
        Just("立减20%".to_owned()),
        Just("8.5折".to_owned()),
        Just("八五折".to_owned()),
        Just("满100减20".to_owned()),
        Just("最高减50元".to_owned()),
        Just("$5 off".to_owned()),
        Just("up to ¥20 off".to_owned()),
        Just("500円引き".to_owned()),
        Just("\u{200B}".to_owned()),
        Just("\u{202E}".to_owned()),
        Just("\u{FE0F}".to_owned()),
        Just("\u{1F468}\u{200D}\u{1F469}".to_owned()),
        Just("㍿".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        prop::sample::select(ESCAPES).prop_map(str::to_owned),
        "\\PC{0,6}",
        any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every span of every finding (primary and labels) lies inside its
    /// file on character boundaries, whatever the label holds and however
    /// it is written.
    #[test]
    fn spans_lie_inside_the_file_on_character_boundaries(
        style in 0u8..4,
        parts in prop::collection::vec(part(), 0..12),
        benefit in prop_oneof![Just(PCT10), Just(AMT5), Just(PCT10_NO_CAP)],
        funding in prop_oneof![Just(PLATFORM), Just(GOV), Just(GOV_NO_ID)],
    ) {
        let label = scalar(style, &parts);
        let text = campaign(&label, benefit, funding);
        let run = lint(&text);
        for finding in &run.findings {
            let locs = std::iter::once(finding.loc).chain(finding.labels.iter().map(|l| l.loc));
            for loc in locs {
                let file = run.sources.get(loc.file);
                prop_assert!(file.is_some());
                let file_text = file.map(|f| f.text.clone()).unwrap_or_default();
                prop_assert!(loc.start <= loc.end, "{finding:?}");
                prop_assert!((loc.end as usize) <= file_text.len(), "{finding:?}");
                prop_assert!(file_text.is_char_boundary(loc.start as usize), "{finding:?}");
                prop_assert!(file_text.is_char_boundary(loc.end as usize), "{finding:?}");
            }
            if DISPLAY_RULES.contains(&finding.rule) {
                // Display findings point into the label's own text.
                let value_start = text.find("  label: ").map(|i| i + "  label: ".len()).unwrap_or(0);
                let value_end = text.find("\ncontrols:").unwrap_or(text.len());
                let in_label = (finding.loc.start as usize) >= value_start && (finding.loc.end as usize) <= value_end;
                prop_assert!(in_label, "{finding:?} outside the label in\n{text}");
                prop_assert!(!finding.loc.is_empty(), "{finding:?}");
            }
        }
    }
}

/// Label content without escapes, line breaks or quotes: the same in every
/// style, so every style must underline the same characters.
fn plain_part() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        &[
            "政府补贴",
            "政 府 补 贴",
            "國補",
            "零元购",
            "Gov. Subsidy",
            "free money",
            "立减20%",
            "8.5折",
            "八五折",
            "满100减20",
            "最高减50元",
            "$5 off",
            "up to ¥20 off",
            "orders over $50",
            "500円引き",
            "\u{200B}",
            "\u{202E}\u{2066}",
            "\u{2764}\u{FE0F}",
            "㍿",
            " ",
            "新客",
            "Top 10",
            "双11",
            "x",
            "1",
            "%",
        ][..],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn every_style_underlines_the_same_characters(
        parts in prop::collection::vec(plain_part(), 1..8),
    ) {
        let content = parts.concat();
        prop_assume!(!content.starts_with(' ') && !content.ends_with(' '));
        let parts: Vec<String> = vec![content];
        let mut seen: Option<Vec<(String, String)>> = None;
        for style in 0..4 {
            let text = campaign(&scalar(style, &parts), PCT10, PLATFORM);
            let (mut found, _) = display_findings(&lint(&text));
            found.sort();
            if let Some(previous) = &seen {
                prop_assert_eq!(previous, &found, "style {} of {:?}", style, parts);
            }
            seen = Some(found);
        }
    }
}
