//! The policy: thresholds and lists the rules read (POLICY.md).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Percent;

/// A rule's severity as a policy sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Off,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub api_version: String,
    pub kind: String,
    pub files: Files,
    pub rules: BTreeMap<String, RuleLevel>,
    pub overrides: Vec<Override>,
    pub currencies: Vec<String>,
    pub channels: Channels,
    pub limits: Limits,
    pub labels: Labels,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Files {
    pub include: Vec<String>,
    pub max_bytes: u64,
    pub exclude: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Override {
    pub files: Vec<String>,
    pub rules: BTreeMap<String, RuleLevel>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Channels {
    pub allowed: Vec<String>,
    pub forbidden: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Limits {
    pub rate_ceiling: RateCeiling,
    #[schemars(with = "String")]
    pub broad_audience_rate: Percent,
    #[schemars(with = "String")]
    pub broad_audience_amount_share: Percent,
    #[schemars(with = "String")]
    pub stacked_rate_ceiling: Percent,
    pub budget: BudgetLimits,
    pub schedule: ScheduleLimits,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RateCeiling {
    #[schemars(with = "String")]
    pub default: Percent,
    /// By `funding.source`.
    #[schemars(with = "BTreeMap<String, String>")]
    pub funding: BTreeMap<String, Percent>,
    /// By channel: the lowest of all that apply wins.
    #[schemars(with = "BTreeMap<String, String>")]
    pub channels: BTreeMap<String, Percent>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BudgetLimits {
    pub require_total: bool,
    pub require_per_user: bool,
    /// Per currency.
    #[schemars(with = "BTreeMap<String, String>")]
    pub max_total: BTreeMap<String, Decimal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ScheduleLimits {
    pub max_duration_days: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Labels {
    pub restricted: Vec<RestrictedTerms>,
    pub forbidden: Vec<ForbiddenTerms>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RestrictedTerms {
    pub id: String,
    pub terms: Vec<String>,
    pub requires: Requires,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Requires {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funding_source: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub program_id: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ForbiddenTerms {
    pub terms: Vec<String>,
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn pct(text: &str) -> Percent {
    Percent::parse(text).unwrap_or(Percent(Decimal::ONE))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Policy {
    /// The built-in default of POLICY.md.
    pub fn builtin() -> Policy {
        let money = |s: &str| s.parse::<Decimal>().unwrap_or(Decimal::ZERO);
        Policy {
            api_version: "promo/v1".into(),
            kind: "Policy".into(),
            files: Files {
                include: strings(&["**/*.yaml", "**/*.yml"]),
                max_bytes: 10_485_760,
                exclude: Vec::new(),
            },
            rules: BTreeMap::new(),
            overrides: Vec::new(),
            currencies: strings(&["CNY", "USD", "EUR", "HKD", "JPY"]),
            channels: Channels {
                allowed: strings(&[
                    "online-checkout",
                    "merchant-qr",
                    "in-app-purchase",
                    "bill-payment",
                    "mobile-top-up",
                    "offline-pos",
                ]),
                forbidden: strings(&[
                    "p2p-transfer",
                    "credit-card-repayment",
                    "cash-withdrawal",
                    "wallet-top-up",
                ]),
            },
            limits: Limits {
                rate_ceiling: RateCeiling {
                    default: pct("30%"),
                    funding: [
                        ("government", "15%"),
                        ("platform", "20%"),
                        ("bank", "20%"),
                        ("merchant", "50%"),
                    ]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), pct(v)))
                    .collect(),
                    channels: [("bill-payment".to_string(), pct("5%"))]
                        .into_iter()
                        .collect(),
                },
                broad_audience_rate: pct("5%"),
                broad_audience_amount_share: pct("10%"),
                stacked_rate_ceiling: pct("40%"),
                budget: BudgetLimits {
                    require_total: true,
                    require_per_user: true,
                    max_total: [
                        ("CNY", "10000000.00"),
                        ("USD", "1500000.00"),
                        ("EUR", "1400000.00"),
                        ("HKD", "11000000.00"),
                        ("JPY", "200000000"),
                    ]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), money(v)))
                    .collect(),
                },
                schedule: ScheduleLimits {
                    max_duration_days: 31,
                },
            },
            labels: Labels {
                restricted: vec![RestrictedTerms {
                    id: "government-subsidy".into(),
                    terms: strings(&[
                        "government subsidy",
                        "state subsidy",
                        "national subsidy",
                        "gov subsidy",
                        "政府补贴",
                        "国家补贴",
                        "国补",
                        "政府补助",
                        "以旧换新补贴",
                    ]),
                    requires: Requires {
                        funding_source: Some("government".into()),
                        program_id: true,
                    },
                }],
                forbidden: vec![ForbiddenTerms {
                    terms: strings(&["free money", "零元购", "0元购", "guaranteed refund"]),
                }],
            },
        }
    }
}

/// The level the policy gives a rule for a file (relative to the project
/// root), or `None` to keep the rule's default.
pub fn level(policy: &Policy, rule: &str, _relative: &str) -> Option<RuleLevel> {
    policy.rules.get(rule).copied()
}
