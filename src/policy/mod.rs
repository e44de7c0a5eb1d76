//! The policy: thresholds and lists the rules read (POLICY.md).
//!
//! - [`Policy`]: the effective policy the rules read, always complete.
//! - [`file`](mod@file): the policy *file* format, where every key is optional; a file
//!   is parsed from our span-aware YAML tree (`parse/`, never a second
//!   YAML parser) and merged into the built-in default ([`Policy::apply`]).
//! - [`discover`](discover::discover) and [`effective_policy`]: which file is
//!   in effect, and the project root.
//! - [`CompiledPolicy`]: severities and file selection with the globs
//!   compiled once per run.
//! - [`Policy::to_yaml`] (`promolint policy`), [`write_starter`]
//!   (`promolint init`), [`policy_schema`] (`promolint schema policy`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use crate::finding::Severity;
use crate::model::Percent;

mod discover;
mod emit;
mod error;
pub mod file;
mod parse;
pub mod programs;
mod rule_ids;
mod schema;
mod severity;
mod starter;

pub use discover::{
    ConfigChoice, EffectivePolicy, POLICY_FILE_NAME, discover, effective_policy, normalize_absolute,
};
pub use error::{PolicyError, PolicyProblem, ProblemLabel};
pub use file::PolicyFile;
pub use parse::MAX_POLICY_BYTES;
pub use programs::{AudiencePolicy, Program, RolloutLimits, is_placeholder_program};
pub use rule_ids::{default_severity, is_known_rule, known_rule_ids};
pub use schema::policy_schema;
pub use severity::{CompiledPolicy, FileSelector, PathSeverities, Severities, build_glob};
pub use starter::{InitError, STARTER, write_starter};

/// The text of the built-in default, exactly the default of POLICY.md.
pub const DEFAULT_POLICY_YAML: &str = include_str!("default.yaml");

/// A rule's severity as a policy sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Off,
}

impl RuleLevel {
    pub const NAMES: [&'static str; 3] = ["error", "warning", "off"];

    pub fn parse(text: &str) -> Option<RuleLevel> {
        match text {
            "error" => Some(RuleLevel::Error),
            "warning" => Some(RuleLevel::Warning),
            "off" => Some(RuleLevel::Off),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RuleLevel::Error => "error",
            RuleLevel::Warning => "warning",
            RuleLevel::Off => "off",
        }
    }

    /// The severity findings get at this level; `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Off => None,
        }
    }
}

impl From<Severity> for RuleLevel {
    fn from(severity: Severity) -> Self {
        match severity {
            Severity::Error => RuleLevel::Error,
            Severity::Warning => RuleLevel::Warning,
        }
    }
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
    pub change: ChangeLimits,
    /// Government programs (rule pack 2): `government-program` checks against them.
    pub programs: Vec<Program>,
    pub audience: AudiencePolicy,
    pub labels: Labels,
}

#[derive(Clone, Debug, Eq, Serialize, JsonSchema)]
pub struct Files {
    pub include: Vec<String>,
    pub max_bytes: u64,
    /// Findings reported per file; past it, one finding says how many more.
    pub max_findings: u64,
    pub exclude: Vec<String>,
    /// Whether a policy file set `include` (not the built-in default): a
    /// file it selects is then a campaign file even when it cannot be read
    /// (FORMAT.md, "Which documents are promolint's").
    #[serde(skip)]
    #[schemars(skip)]
    pub include_set_by_file: bool,
}

/// Two policies are equal when they select the same files, however `include`
/// came to be set.
impl PartialEq for Files {
    fn eq(&self, other: &Self) -> bool {
        (&self.include, self.max_bytes, &self.exclude)
            == (&other.include, other.max_bytes, &other.exclude)
    }
}

/// Severities for the files some globs select; later entries win.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Globs relative to the project root.
    #[schemars(length(min = 1))]
    pub files: Vec<String>,
    /// Rule id -> error | warning | off.
    #[schemars(with = "schema::RuleLevels")]
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
    #[schemars(with = "schema::PercentText")]
    pub broad_audience_rate: Percent,
    #[schemars(with = "schema::PercentText")]
    pub broad_audience_amount_share: Percent,
    #[schemars(with = "schema::PercentText")]
    pub stacked_rate_ceiling: Percent,
    pub budget: BudgetLimits,
    pub schedule: ScheduleLimits,
    /// cap-ceiling: the most one payment may take, per currency.
    #[schemars(with = "schema::MaxDiscounts")]
    pub max_discount: BTreeMap<String, Decimal>,
    pub rollout: RolloutLimits,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RateCeiling {
    #[schemars(with = "schema::PercentText")]
    pub default: Percent,
    /// By `funding.source`.
    #[schemars(with = "BTreeMap<String, schema::PercentText>")]
    pub funding: BTreeMap<String, Percent>,
    /// By channel: the lowest of all that apply wins.
    #[schemars(with = "BTreeMap<String, schema::PercentText>")]
    pub channels: BTreeMap<String, Percent>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BudgetLimits {
    pub require_total: bool,
    pub require_per_user: bool,
    /// Per currency.
    #[schemars(with = "schema::MaxTotals")]
    pub max_total: BTreeMap<String, Decimal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ScheduleLimits {
    pub max_duration_days: u32,
}

/// The thresholds of change review (`check --base`, REVIEW.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ChangeLimits {
    /// rate-jump: the new rate is at least this many times the old.
    #[schemars(with = "schema::Factor")]
    #[serde(serialize_with = "factor_number")]
    pub rate_factor: Decimal,
    /// rate-jump: ... or at least this many percentage points higher.
    #[schemars(with = "schema::PercentText")]
    pub rate_points: Percent,
    /// amount-jump: `amount` or `max_discount` at least this many times the old.
    #[schemars(with = "schema::Factor")]
    #[serde(serialize_with = "factor_number")]
    pub amount_factor: Decimal,
    /// budget-jump: `budget.total` or `budget.per_user` at least this many times the old.
    #[schemars(with = "schema::Factor")]
    #[serde(serialize_with = "factor_number")]
    pub budget_factor: Decimal,
}

/// A factor as the number a policy file writes (`2`, `1.5`); it is a
/// threshold of a ratio, never an amount of money, so a float is exact
/// enough.
fn factor_number<S: serde::Serializer>(factor: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    use rust_decimal::prelude::ToPrimitive;
    match factor.normalize().to_u64() {
        Some(whole) if factor.fract().is_zero() => s.serialize_u64(whole),
        _ => s.serialize_f64(factor.to_f64().unwrap_or(f64::MAX)),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Labels {
    pub restricted: Vec<RestrictedTerms>,
    pub forbidden: Vec<ForbiddenTerms>,
}

/// Terms that display text may use only when `requires` is met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RestrictedTerms {
    /// Names the entry in diagnostics.
    pub id: String,
    #[schemars(length(min = 1))]
    pub terms: Vec<String>,
    pub requires: Requires,
}

/// What a campaign must have for a restricted term to be allowed; at least
/// one of the two.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1))]
pub struct Requires {
    /// The `funding.source` the campaign must have.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<schema::FundingSourceName>")]
    pub funding_source: Option<String>,
    /// Whether the campaign must have a `funding.program_id`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub program_id: bool,
}

/// Terms display text must never use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForbiddenTerms {
    #[schemars(length(min = 1))]
    pub terms: Vec<String>,
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The values of `funding.source` (FORMAT.md), which `limits.rate_ceiling.funding`
/// and `requires.funding_source` name.
pub const FUNDING_SOURCES: [&str; 4] = ["platform", "merchant", "bank", "government"];

impl Policy {
    /// The built-in default of POLICY.md, parsed once from
    /// [`DEFAULT_POLICY_YAML`] by the policy file parser.
    pub fn builtin() -> Policy {
        static BUILTIN: OnceLock<Policy> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // The default sets every key (a unit test checks it, and that
                // it parses without problems), so the skeleton's placeholder
                // values never survive.
                let mut policy = Policy::skeleton();
                policy.apply(parse::parse_patch(DEFAULT_POLICY_YAML).file);
                policy.files.include_set_by_file = false;
                policy
            })
            .clone()
    }

    /// Every value empty or zero: the base the default is merged into.
    fn skeleton() -> Policy {
        let zero = Percent(Decimal::ZERO);
        Policy {
            api_version: String::new(),
            kind: String::new(),
            files: Files {
                include: Vec::new(),
                max_bytes: 0,
                max_findings: 0,
                exclude: Vec::new(),
                include_set_by_file: false,
            },
            rules: BTreeMap::new(),
            overrides: Vec::new(),
            currencies: Vec::new(),
            channels: Channels {
                allowed: Vec::new(),
                forbidden: Vec::new(),
            },
            limits: Limits {
                rate_ceiling: RateCeiling {
                    default: zero,
                    funding: BTreeMap::new(),
                    channels: BTreeMap::new(),
                },
                broad_audience_rate: zero,
                broad_audience_amount_share: zero,
                stacked_rate_ceiling: zero,
                budget: BudgetLimits {
                    require_total: false,
                    require_per_user: false,
                    max_total: BTreeMap::new(),
                },
                schedule: ScheduleLimits {
                    max_duration_days: 0,
                },
                max_discount: BTreeMap::new(),
                rollout: RolloutLimits { first_percent: 0 },
            },
            change: ChangeLimits {
                rate_factor: Decimal::ZERO,
                rate_points: zero,
                amount_factor: Decimal::ZERO,
                budget_factor: Decimal::ZERO,
            },
            programs: Vec::new(),
            audience: AudiencePolicy::default(),
            labels: Labels {
                restricted: Vec::new(),
                forbidden: Vec::new(),
            },
        }
    }

    /// The built-in default with the policy file `text` merged in; `name`
    /// is the file's path as shown in diagnostics.
    pub fn parse(name: &str, text: &str) -> Result<Policy, PolicyError> {
        parse::parse_onto(&Policy::builtin(), name, text)
    }

    /// Reads and parses the policy file at `path` (at most
    /// [`MAX_POLICY_BYTES`]); `name` is how diagnostics show its path.
    pub fn load(path: &std::path::Path, name: &str) -> Result<Policy, PolicyError> {
        let text = parse::read_policy_text(path, name)?;
        Policy::parse(name, &text)
    }

    /// Merges a policy file into this policy: a mapping the file sets merges
    /// key by key, a list or scalar replaces the whole value.
    pub fn apply(&mut self, file: PolicyFile) {
        fn set<T>(slot: &mut T, value: Option<T>) {
            if let Some(value) = value {
                *slot = value;
            }
        }
        fn merge_map<V>(slot: &mut BTreeMap<String, V>, value: Option<BTreeMap<String, V>>) {
            slot.extend(value.into_iter().flatten());
        }
        set(&mut self.api_version, file.api_version);
        set(&mut self.kind, file.kind);
        if let Some(files) = file.files {
            self.files.include_set_by_file |= files.include.is_some();
            set(&mut self.files.include, files.include);
            set(&mut self.files.max_bytes, files.max_bytes);
            set(&mut self.files.max_findings, files.max_findings);
            set(&mut self.files.exclude, files.exclude);
        }
        merge_map(&mut self.rules, file.rules);
        set(&mut self.overrides, file.overrides);
        set(&mut self.currencies, file.currencies);
        if let Some(channels) = file.channels {
            set(&mut self.channels.allowed, channels.allowed);
            set(&mut self.channels.forbidden, channels.forbidden);
        }
        if let Some(limits) = file.limits {
            let own = &mut self.limits;
            if let Some(ceiling) = limits.rate_ceiling {
                set(&mut own.rate_ceiling.default, ceiling.default);
                merge_map(&mut own.rate_ceiling.funding, ceiling.funding);
                merge_map(&mut own.rate_ceiling.channels, ceiling.channels);
            }
            set(&mut own.broad_audience_rate, limits.broad_audience_rate);
            set(
                &mut own.broad_audience_amount_share,
                limits.broad_audience_amount_share,
            );
            set(&mut own.stacked_rate_ceiling, limits.stacked_rate_ceiling);
            if let Some(budget) = limits.budget {
                set(&mut own.budget.require_total, budget.require_total);
                set(&mut own.budget.require_per_user, budget.require_per_user);
                merge_map(&mut own.budget.max_total, budget.max_total);
            }
            if let Some(schedule) = limits.schedule {
                set(
                    &mut own.schedule.max_duration_days,
                    schedule.max_duration_days,
                );
            }
            merge_map(&mut own.max_discount, limits.max_discount);
            if let Some(rollout) = limits.rollout {
                set(&mut own.rollout.first_percent, rollout.first_percent);
            }
        }
        set(&mut self.programs, file.programs);
        if let Some(audience) = file.audience {
            set(&mut self.audience.segments, audience.segments);
        }
        if let Some(change) = file.change {
            set(&mut self.change.rate_factor, change.rate_factor);
            set(&mut self.change.rate_points, change.rate_points);
            set(&mut self.change.amount_factor, change.amount_factor);
            set(&mut self.change.budget_factor, change.budget_factor);
        }
        if let Some(labels) = file.labels {
            set(&mut self.labels.restricted, labels.restricted);
            set(&mut self.labels.forbidden, labels.forbidden);
        }
    }

    /// The globs compiled for one run: severities per file and the
    /// `files.include` / `files.exclude` selection.
    pub fn compile(&self) -> Result<CompiledPolicy, globset::Error> {
        CompiledPolicy::new(self)
    }
}

#[cfg(test)]
mod tests;
