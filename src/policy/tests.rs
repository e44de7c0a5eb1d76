//! Unit tests of the policy parser's internals; the public API is tested in
//! `tests/policy.rs`.

use super::*;

fn problems(text: &str) -> Vec<PolicyProblem> {
    match Policy::parse("p.yaml", text) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().to_vec(),
    }
}

#[test]
fn default_parses_without_problems() {
    let parsed = parse::parse_patch(DEFAULT_POLICY_YAML);
    assert!(parsed.problems.is_empty(), "{:#?}", parsed.problems);
    let policy = Policy::parse("default.yaml", DEFAULT_POLICY_YAML);
    assert_eq!(policy.ok(), Some(Policy::builtin()));
}

#[test]
fn default_sets_every_key() {
    // The built-in default is the skeleton with the default file merged in:
    // a key the file missed would keep a placeholder value.
    fn nulls(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Null => out.push(path.to_string()),
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    nulls(child, &format!("{path}.{key}"), out);
                }
            }
            _ => {}
        }
    }
    let file = parse::parse_patch(DEFAULT_POLICY_YAML).file;
    let json = serde_json::to_value(&file).unwrap_or_default();
    let mut missing = Vec::new();
    nulls(&json, "", &mut missing);
    assert!(missing.is_empty(), "not set by default.yaml: {missing:?}");
}

#[test]
fn builtin_holds_the_values_of_policy_md() {
    let p = Policy::builtin();
    assert_eq!(p.api_version, "promo/v1");
    assert_eq!(p.kind, "Policy");
    assert_eq!(p.files.include, ["**/*.yaml", "**/*.yml"]);
    assert_eq!(p.files.max_bytes, 10_485_760);
    assert_eq!(p.files.max_findings, 1_000);
    assert!(p.rules.is_empty() && p.overrides.is_empty());
    assert_eq!(p.currencies, ["CNY", "USD", "EUR", "HKD", "JPY"]);
    assert_eq!(p.channels.allowed.len(), 6);
    assert_eq!(p.channels.forbidden.len(), 4);
    let pct = |s: &str| Percent::parse(s).ok();
    let ceiling = &p.limits.rate_ceiling;
    assert_eq!(Some(ceiling.default), pct("30%"));
    assert_eq!(ceiling.funding.get("government").copied(), pct("15%"));
    assert_eq!(ceiling.funding.get("merchant").copied(), pct("50%"));
    assert_eq!(ceiling.channels.get("bill-payment").copied(), pct("5%"));
    assert_eq!(Some(p.limits.broad_audience_rate), pct("5%"));
    assert_eq!(Some(p.limits.broad_audience_amount_share), pct("10%"));
    assert_eq!(Some(p.limits.stacked_rate_ceiling), pct("40%"));
    assert!(p.limits.budget.require_total && p.limits.budget.require_per_user);
    assert_eq!(
        p.limits.budget.max_total.get("JPY").map(Decimal::to_string),
        Some("200000000".to_string())
    );
    assert_eq!(p.limits.schedule.max_duration_days, 31);
    assert_eq!(
        p.limits.max_discount.get("CNY").map(Decimal::to_string),
        Some("500.00".to_string())
    );
    assert_eq!(
        p.limits.max_discount.get("JPY").map(Decimal::to_string),
        Some("10000".to_string())
    );
    assert_eq!(p.limits.rollout.first_percent, 10);
    assert!(p.programs.is_empty() && p.audience.segments.is_empty());
    let restricted = &p.labels.restricted;
    let ids: Vec<&str> = restricted.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "government-subsidy",
            "bank-subsidy",
            "merchant-subsidy",
            "platform-subsidy"
        ]
    );
    assert!(restricted[0].terms.iter().any(|t| t == "国补"));
    assert!(restricted[0].terms.iter().any(|t| t == "govt subsidy"));
    assert!(restricted[0].terms.iter().any(|t| t == "zhengfu butie"));
    assert_eq!(
        restricted[1].requires,
        Requires {
            funding_source: Some("bank".into()),
            program_id: false
        }
    );
    assert_eq!(
        restricted[0].requires,
        Requires {
            funding_source: Some("government".into()),
            program_id: true
        }
    );
    assert_eq!(p.labels.forbidden[0].terms.len(), 4);
}

#[test]
fn empty_and_comment_only_files_are_the_default() {
    for text in [
        "",
        "# nothing yet\n",
        "---\n",
        "apiVersion: promo/v1\nkind: Policy\n",
    ] {
        assert_eq!(
            Policy::parse("p.yaml", text).ok(),
            Some(Policy::builtin()),
            "{text:?}"
        );
    }
}

#[test]
fn references_are_checked_against_the_merged_policy() {
    // A ceiling for a channel the file adds to the allowed list is fine...
    let ok = "channels:\n  allowed: [online-checkout, new-pay]\nlimits:\n  rate_ceiling:\n    channels: {new-pay: \"3%\"}\n";
    assert!(problems(ok).is_empty(), "{:#?}", problems(ok));
    // ...and a currency added to `currencies` may get a max_total.
    let ok = "currencies: [CNY, SGD]\nlimits:\n  budget:\n    max_total: {SGD: \"100.00\"}\n";
    assert!(problems(ok).is_empty());
    let bad = "limits:\n  budget:\n    max_total: {SGD: \"100.00\"}\n";
    assert_eq!(problems(bad).len(), 1);
}

#[test]
fn a_channel_both_allowed_and_forbidden_is_reported_once() {
    let text =
        "channels:\n  allowed: [online-checkout, p2p-transfer]\n  forbidden: [p2p-transfer]\n";
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("both allowed and forbidden"));
}

#[test]
fn a_second_document_is_a_problem() {
    let found = problems("rules: {}\n---\nrules: {}\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("one YAML document"));
    // A trailing `---` with nothing after it is harmless.
    assert!(problems("rules: {}\n---\n").is_empty());
}

#[test]
fn aliases_and_merge_keys_are_followed() {
    let text =
        "limits:\n  rate_ceiling:\n    default: &ceiling \"25%\"\n    funding: {bank: *ceiling}\n";
    let policy = Policy::parse("p.yaml", text);
    let ceiling = policy.map(|p| p.limits.rate_ceiling.funding.get("bank").copied());
    assert_eq!(ceiling.ok().flatten(), Percent::parse("25%").ok());

    let bad = "limits:\n  rate_ceiling:\n    default: &c \"0.25\"\n    funding: {bank: *c}\n";
    let found = problems(bad);
    assert_eq!(found.len(), 2);
    assert!(found[1].labels.iter().any(|l| l.message.contains("alias")));
}

#[test]
fn values_of_the_wrong_type() {
    let cases = [
        ("files:\n  max_bytes: 0\n", "positive whole number"),
        ("files:\n  max_findings: 0\n", "positive whole number"),
        ("files:\n  max_bytes: -5\n", "positive whole number"),
        ("files:\n  max_bytes: 1e6\n", "positive whole number"),
        ("files:\n  max_bytes: 010\n", "positive whole number"),
        ("files:\n  max_bytes: \"10\"\n", "a number, not a string"),
        ("files:\n  include: \"**/*.yaml\"\n", "must be a list"),
        ("files:\n  include: [\"a/[b\"]\n", "not a valid glob"),
        ("files: [a]\n", "must be a mapping"),
        ("rules: ~\n", "must be a mapping, not nothing"),
        ("rules:\n  missing-owner: false\n", "error, warning or off"),
        (
            "limits:\n  budget:\n    require_total: \"yes\"\n",
            "true or false",
        ),
        (
            "limits:\n  budget:\n    require_total: yes\n",
            "true or false",
        ),
        (
            "limits:\n  budget:\n    max_total: {CNY: \"1.005\"}\n",
            "decimal places",
        ),
        (
            "limits:\n  budget:\n    max_total: {CNY: -5}\n",
            "exact amount",
        ),
        (
            "limits:\n  budget:\n    max_total: {cny: \"5\"}\n",
            "not a currency code",
        ),
        (
            "limits:\n  schedule:\n    max_duration_days: 4294967296\n",
            "positive whole number",
        ),
        (
            "limits:\n  stacked_rate_ceiling: \"100%\"\n",
            "less than 100%",
        ),
        (
            "limits:\n  rate_ceiling:\n    funding: {charity: \"5%\"}\n",
            "unknown funding source",
        ),
        ("currencies: [CNY, usd]\n", "not a currency code"),
        (
            "channels:\n  allowed: [\"online checkout\"]\n",
            "not a channel id",
        ),
        ("overrides:\n  - files: [\"a/**\"]\n", "needs `rules`"),
        (
            "overrides:\n  - files: []\n    rules: {}\n",
            "must not be empty",
        ),
        ("overrides: {}\n", "must be a list"),
        (
            "labels:\n  forbidden:\n    - terms: [\"\"]\n",
            "must not be empty",
        ),
        (
            "labels:\n  restricted:\n    - id: gov\n      terms: [a]\n      requires: {}\n",
            "requires nothing",
        ),
        (
            "labels:\n  restricted:\n    - id: gov\n      terms: [a]\n      requires: {funding_source: state}\n",
            "must be one of",
        ),
        (
            "labels:\n  restricted:\n    - {id: gov, terms: [a], requires: {program_id: true}}\n    - {id: gov, terms: [b], requires: {program_id: true}}\n",
            "used twice",
        ),
        ("kind: Campaign\n", "must be `Policy`"),
        ("- a\n- b\n", "the policy file must be a mapping"),
        ("? [a]\n: b\n", "a key must be a string"),
    ];
    for (text, expected) in cases {
        let found = problems(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:#?}");
        assert!(
            found[0].message.contains(expected),
            "{text:?}: {:?} lacks {expected:?}",
            found[0].message
        );
        let span = found[0].span.clone().unwrap_or_default();
        assert!(text.get(span).is_some_and(|s| !s.is_empty()), "{text:?}");
    }
}

#[test]
fn helps_say_what_was_meant() {
    let help = |text: &str| problems(text).first().and_then(|p| p.help.clone());
    assert_eq!(
        help("limits:\n  rate_ceiling:\n    default: 0.3\n").as_deref(),
        Some("write a percent string: \"30%\"")
    );
    assert_eq!(
        help("rules:\n  schedule-expired: warn\n").as_deref(),
        Some("did you mean `warning`?")
    );
    assert_eq!(
        help("rules:\n  schedule-expired: no\n").as_deref(),
        Some("did you mean `off`?")
    );
    assert_eq!(help("rule: {}\n").as_deref(), Some("did you mean `rules`?"));
    assert_eq!(
        help("overrides:\n  - files: [a]\n    rules: {missing-ownr: off}\n").as_deref(),
        Some("did you mean `missing-owner`?")
    );
    let unrelated = help("colour: blue\n").unwrap_or_default();
    assert!(unrelated.contains("apiVersion, kind, files"), "{unrelated}");
}

#[test]
fn change_keys_default_and_merge() {
    let p = Policy::builtin();
    assert_eq!(p.change.rate_factor, Decimal::from(2));
    assert_eq!(Some(p.change.rate_points), Percent::parse("10%").ok());
    assert_eq!(p.change.amount_factor, Decimal::from(2));
    assert_eq!(p.change.budget_factor, Decimal::from(5));

    let merged = Policy::parse("p.yaml", "change:\n  rate_factor: 1.5\n").expect("valid");
    assert_eq!(merged.change.rate_factor, Decimal::new(15, 1));
    assert_eq!(
        merged.change.budget_factor,
        Decimal::from(5),
        "the rest kept"
    );
    let printed = merged.to_yaml();
    assert!(printed.contains("  rate_factor: 1.5\n"), "{printed}");
    assert_eq!(Policy::parse("printed.yaml", &printed).ok(), Some(merged));
}

#[test]
fn change_factors_are_plain_numbers_of_at_least_one() {
    for (text, expected) in [
        (
            "change:\n  rate_factor: \"2\"\n",
            "must be a number, not a string",
        ),
        (
            "change:\n  amount_factor: 0.5\n",
            "must be a number of at least 1",
        ),
        (
            "change:\n  budget_factor: many\n",
            "must be a number of at least 1",
        ),
        ("change:\n  rate_points: 10\n", "must be a percent"),
        ("change:\n  rate_jump: 2\n", "unknown key `rate_jump`"),
    ] {
        let found = problems(text);
        assert!(
            found.iter().any(|p| p.message.contains(expected)),
            "{text}: {found:#?}"
        );
    }
}
