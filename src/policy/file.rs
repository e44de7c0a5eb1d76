//! The policy *file*: the same shape as [`Policy`](super::Policy) with every
//! key optional, since a file sets any subset of the keys and the rest keeps
//! the built-in default. The parser produces these; [`Policy::apply`]
//! merges them; the JSON Schema of `promolint schema policy` is derived
//! from them.
//!
//! [`Policy::apply`]: super::Policy::apply

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::programs::{AudienceFile, Program, RolloutFile};
use super::schema::{
    ApiVersion, CurrencyCode, Factor, MaxDiscounts, MaxTotals, PercentText, PolicyKind, RuleLevels,
};
use super::{ForbiddenTerms, Override, RestrictedTerms, RuleLevel};
use crate::model::Percent;

/// A promolint policy file (`.promolint.yaml`). Every key is optional: what
/// the file leaves out keeps the built-in default (`promolint policy` prints
/// the policy in effect). A mapping merges into the default key by key; a
/// list or scalar replaces the default's value whole.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "promolint policy")]
pub struct PolicyFile {
    #[schemars(with = "Option<ApiVersion>")]
    pub api_version: Option<String>,
    #[schemars(with = "Option<PolicyKind>")]
    pub kind: Option<String>,
    /// Which files are campaigns and templates (globset, relative to the project root).
    pub files: Option<FilesFile>,
    /// Rule id -> error | warning | off (default: each rule's own).
    #[schemars(with = "Option<RuleLevels>")]
    pub rules: Option<BTreeMap<String, RuleLevel>>,
    /// Severities for some files only, applied in order after `rules`.
    pub overrides: Option<Vec<Override>>,
    /// The currencies a campaign may use (ISO 4217 codes).
    #[schemars(with = "Option<Vec<CurrencyCode>>")]
    pub currencies: Option<Vec<String>>,
    pub channels: Option<ChannelsFile>,
    pub limits: Option<LimitsFile>,
    /// Thresholds of change review (`check --base`).
    pub change: Option<ChangeFile>,
    /// Government programs; when set, government-program checks `funding.program_id` and the campaign's terms against them (replaces the default list).
    pub programs: Option<Vec<Program>>,
    pub audience: Option<AudienceFile>,
    pub labels: Option<LabelsFile>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilesFile {
    /// Globs of the files to check.
    pub include: Option<Vec<String>>,
    /// A larger file is a yaml-syntax finding, not read.
    #[schemars(range(min = 1))]
    pub max_bytes: Option<u64>,
    /// Findings reported per file; past it, one finding says how many more there were.
    #[schemars(range(min = 1))]
    pub max_findings: Option<u64>,
    /// Globs of files not to check (.gitignore'd and hidden files are skipped as well).
    pub exclude: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelsFile {
    /// Every channel a campaign may use (replaces the default list).
    pub allowed: Option<Vec<String>>,
    /// Channels a campaign must never use (replaces the default list).
    pub forbidden: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitsFile {
    pub rate_ceiling: Option<RateCeilingFile>,
    /// Audience "all" above this rate: broad-audience.
    #[schemars(with = "Option<PercentText>")]
    pub broad_audience_rate: Option<Percent>,
    /// Audience "all", amount_off above this share of min_spend: broad-audience.
    #[schemars(with = "Option<PercentText>")]
    pub broad_audience_amount_share: Option<Percent>,
    /// Two combinable campaigns together: stacking-ceiling.
    #[schemars(with = "Option<PercentText>")]
    pub stacked_rate_ceiling: Option<Percent>,
    pub budget: Option<BudgetFile>,
    pub schedule: Option<ScheduleFile>,
    /// cap-ceiling: the most one payment may take (`max_discount`, or an `amount_off` amount), per currency.
    #[schemars(with = "Option<MaxDiscounts>")]
    pub max_discount: Option<BTreeMap<String, Decimal>>,
    pub rollout: Option<RolloutFile>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateCeilingFile {
    /// Applies when no funding or channel entry does.
    #[schemars(with = "Option<PercentText>")]
    pub default: Option<Percent>,
    /// By `funding.source`.
    #[schemars(with = "Option<FundingCeilings>")]
    pub funding: Option<BTreeMap<String, Percent>>,
    /// By channel: the lowest of all that apply wins.
    #[schemars(with = "Option<BTreeMap<String, PercentText>>")]
    pub channels: Option<BTreeMap<String, Percent>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetFile {
    /// missing-budget: a campaign must have `budget.total`.
    pub require_total: Option<bool>,
    /// missing-user-cap: a campaign must have `budget.per_user`.
    pub require_per_user: Option<bool>,
    /// The largest `budget.total`, per currency.
    #[schemars(with = "Option<MaxTotals>")]
    pub max_total: Option<BTreeMap<String, Decimal>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleFile {
    /// schedule-duration: longer campaigns are reported.
    #[schemars(range(min = 1))]
    pub max_duration_days: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeFile {
    /// rate-jump: the new rate is at least this many times the old.
    #[schemars(with = "Option<Factor>")]
    pub rate_factor: Option<Decimal>,
    /// rate-jump: ... or at least this many percentage points higher.
    #[schemars(with = "Option<PercentText>")]
    pub rate_points: Option<Percent>,
    /// amount-jump: `amount` or `max_discount` at least this many times the old.
    #[schemars(with = "Option<Factor>")]
    pub amount_factor: Option<Decimal>,
    /// budget-jump: `budget.total` or `budget.per_user` at least this many times the old.
    #[schemars(with = "Option<Factor>")]
    pub budget_factor: Option<Decimal>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelsFile {
    /// Terms display text may use only when their `requires` is met (replaces the default list).
    pub restricted: Option<Vec<RestrictedTerms>>,
    /// Terms display text must never use (replaces the default list).
    pub forbidden: Option<Vec<ForbiddenTerms>>,
}

/// `limits.rate_ceiling.funding`: a ceiling per funding source.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)] // only its schema is used
struct FundingCeilings {
    #[schemars(with = "Option<PercentText>")]
    platform: Option<Percent>,
    #[schemars(with = "Option<PercentText>")]
    merchant: Option<Percent>,
    #[schemars(with = "Option<PercentText>")]
    bank: Option<Percent>,
    #[schemars(with = "Option<PercentText>")]
    government: Option<Percent>,
}
