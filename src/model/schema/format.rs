//! The `promo/v1` file formats as plain serde types: the source of the JSON
//! Schemas that `promolint schema` prints.
//!
//! They mirror FORMAT.md for a campaign that stands on its own (one without
//! `template`): a field required there is a plain field here, an optional one
//! an `Option`. What schemars cannot say (a campaign naming a template may
//! leave out what the template supplies; `percent_off` needs `rate`; ...) is
//! added by the post-processing in [`super`]. The rules never read these
//! types: they read the span-carrying model of [`crate::model`].

use schemars::JsonSchema;
use serde::Deserialize;

/// `id`: lowercase letters, digits and `-`, 3 to 64 characters.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{2,63}$";
/// A segment id, or `*`: a list holding `*` (or `all`, `everyone`) is everyone.
pub const SEGMENT_PATTERN: &str = "^([a-z0-9][a-z0-9-]{2,63}|\\*)$";
/// `approval`: a change ticket such as `MKT-2025-0113`.
pub const APPROVAL_PATTERN: &str = "^[A-Z][A-Z0-9]+(-[0-9]+)+$";
/// Money written as a string: digits with an optional fraction.
pub const MONEY_PATTERN: &str = r"^[0-9]+(\.[0-9]+)?$";
/// A percent: a decimal followed by `%`.
pub const PERCENT_PATTERN: &str = r"^(0|[1-9][0-9]*)(\.[0-9]+)?%$";
/// RFC 3339 date-time with an explicit UTC offset (`Z` allowed).
pub const TIMESTAMP_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";
/// ISO 4217 currency code.
pub const CURRENCY_PATTERN: &str = "^[A-Z]{3}$";
/// ISO 3166-2 subdivision code.
pub const REGION_PATTERN: &str = "^[A-Z]{2}-[A-Z0-9]{1,3}$";
/// A kebab-case channel id.
pub const CHANNEL_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// Text that is not blank.
pub const NOT_BLANK_PATTERN: &str = r"\S";

/// One campaign document (`kind: Campaign`) of a `promo/v1` file.
///
/// A campaign that names a `template` is checked as the deep merge of the
/// template and the campaign, so it may leave out any field the template
/// supplies.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "promolint campaign (promo/v1)")]
pub struct CampaignFile {
    /// Format version: always `promo/v1`.
    #[serde(rename = "apiVersion")]
    pub api_version: ApiVersion,
    /// Document kind: `Campaign`.
    pub kind: CampaignKind,
    /// Campaign id: lowercase letters, digits and `-`, 3 to 64 characters, starting with a letter or digit; unique across every file checked together.
    pub id: Id,
    /// Human-readable campaign name; must not be empty.
    pub name: NotBlank,
    /// Id of a Template whose fields this campaign inherits (deep merge: mappings merge key by key, the campaign's value wins, a list or scalar replaces the template's whole).
    pub template: Option<Id>,
    /// Where the campaign runs: `production`, `staging` or `test`. Production requires `owner`, `approval` and `controls.kill_switch: true`.
    pub environment: Environment,
    /// Who answers for the campaign, e.g. a team mailbox; required in production (rule missing-owner).
    pub owner: Option<NotBlank>,
    /// Change ticket approving the campaign, e.g. `MKT-2025-0113` (`^[A-Z][A-Z0-9]+(-[0-9]+)+$`); required in production (rule missing-approval).
    pub approval: Option<Approval>,
    /// ISO 4217 code of the currency of every money field, e.g. `CNY`; must be in the policy's currency list.
    pub currency: Currency,
    /// When the campaign runs: `start` and `end` (after `start`).
    pub schedule: Schedule,
    /// Who can get the benefit.
    pub audience: Audience,
    /// Payment channels the campaign applies to: a non-empty list of channel ids (the known ids come from the policy).
    pub channels: Channels,
    /// What the payer gets: a percentage or a fixed amount off.
    pub benefit: Benefit,
    /// Who pays for the discount.
    pub funding: Funding,
    /// Spending limits (rules missing-budget and missing-user-cap).
    pub budget: Option<Budget>,
    /// What the payer sees at checkout.
    pub display: Display,
    /// Whether the campaign combines with others.
    pub stacking: Option<Stacking>,
    /// Operational controls: kill switch and gradual rollout.
    pub controls: Option<Controls>,
}

/// One template document (`kind: Template`) of a `promo/v1` file: defaults
/// that campaigns naming it with `template:` inherit. Any subset of the
/// campaign fields below may be given, each of them partially.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "promolint template (promo/v1)")]
pub struct TemplateFile {
    /// Format version: always `promo/v1`.
    #[serde(rename = "apiVersion")]
    pub api_version: ApiVersion,
    /// Document kind: `Template`.
    pub kind: TemplateKind,
    /// Template id, named by campaigns in `template:`: lowercase letters, digits and `-`, 3 to 64 characters; unique across every file checked together.
    pub id: Id,
    /// What the template is for.
    pub description: Option<String>,
    /// ISO 4217 code of the currency of every money field, e.g. `CNY`; must be in the policy's currency list.
    pub currency: Option<Currency>,
    /// Who can get the benefit.
    pub audience: Option<Audience>,
    /// Payment channels the campaign applies to: a non-empty list of channel ids (the known ids come from the policy).
    pub channels: Option<Channels>,
    /// What the payer gets: a percentage or a fixed amount off.
    pub benefit: Option<Benefit>,
    /// Who pays for the discount.
    pub funding: Option<Funding>,
    /// Spending limits (rules missing-budget and missing-user-cap).
    pub budget: Option<Budget>,
    /// What the payer sees at checkout.
    pub display: Option<Display>,
    /// Whether the campaign combines with others.
    pub stacking: Option<Stacking>,
    /// Operational controls: kill switch and gradual rollout.
    pub controls: Option<Controls>,
}

/// `schedule`: when the campaign runs.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// First moment of the campaign: RFC 3339 with an explicit UTC offset, e.g. `2025-01-20T00:00:00+08:00`.
    pub start: Timestamp,
    /// Last moment of the campaign, after `start`: RFC 3339 with an explicit UTC offset, e.g. `2025-02-05T23:59:59+08:00`.
    pub end: Timestamp,
}

/// `audience`: who can get the benefit.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// Segment ids that can get the benefit (a non-empty list), or the string `all` for everyone.
    pub segments: Segments,
    /// ISO 3166-2 region codes, e.g. `CN-31`; absent means everywhere.
    pub regions: Option<Regions>,
}

/// `benefit`: what the payer gets. `percent_off` takes `rate` and no
/// `amount`; `amount_off` takes `amount` and no `rate`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("allOf" = [
    {
        "$comment": "percent_off: a rate, never an amount",
        "if": { "properties": { "type": { "const": "percent_off" } }, "required": ["type"] },
        "then": { "properties": { "amount": false } }
    },
    {
        "$comment": "amount_off: an amount, never a rate",
        "if": { "properties": { "type": { "const": "amount_off" } }, "required": ["type"] },
        "then": { "properties": { "rate": false } }
    }
]))]
pub struct Benefit {
    /// Kind of benefit: `percent_off` (takes `rate`) or `amount_off` (takes `amount`).
    #[serde(rename = "type")]
    pub kind: BenefitType,
    /// Percentage off, a quoted string such as `"10%"`: greater than 0 and less than 100. Required for `percent_off`, forbidden for `amount_off`.
    pub rate: Option<Percent>,
    /// Fixed amount off, e.g. `"5.00"`. Required for `amount_off`, forbidden for `percent_off`.
    pub amount: Option<Money>,
    /// Cap on the discount per transaction, e.g. `"20.00"` (rule uncapped-percent).
    pub max_discount: Option<Money>,
    /// Order threshold: the smallest spend that gets the benefit, e.g. `"50.00"`.
    pub min_spend: Option<Money>,
}

/// `funding`: who pays for the discount.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Who pays: `platform`, `merchant`, `bank` or `government`.
    pub source: FundingSource,
    /// Id of the subsidy programme, e.g. `GOV-TRADEIN-2025-SH`; required when `source` is `government` (rule funding-program).
    pub program_id: Option<NotBlank>,
}

/// `budget`: spending limits.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Total budget of the campaign, e.g. `"1000000.00"` (rule missing-budget).
    pub total: Option<Money>,
    /// Most one user can get over the campaign, e.g. `"100.00"` (rule missing-user-cap).
    pub per_user: Option<Money>,
    /// Expected number of redemptions, a positive integer, for the exposure estimate.
    #[schemars(range(min = 1))]
    pub expected_redemptions: Option<u64>,
}

/// `display`: what the payer sees.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Display {
    /// The text a payer sees at checkout, e.g. `新春立减 最高20元`; must not be empty.
    pub label: NotBlank,
    /// Optional longer text, checked like the label.
    pub description: Option<String>,
}

/// `stacking`: combining with other campaigns.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stacking {
    /// Whether the benefit combines with other campaigns' benefits; default `false`.
    #[schemars(extend("default" = false))]
    pub combinable: Option<bool>,
}

/// `controls`: operational controls.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Controls {
    /// Whether the campaign can be switched off at once; must be `true` in production (rule missing-kill-switch).
    pub kill_switch: Option<bool>,
    /// Share of traffic that sees the campaign: an integer from 1 to 100; default 100.
    #[schemars(range(min = 1, max = 100), extend("default" = 100))]
    pub rollout_percent: Option<u8>,
}

/// `apiVersion: promo/v1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(inline)]
pub enum ApiVersion {
    #[serde(rename = "promo/v1")]
    V1,
}

/// `kind: Campaign`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(inline)]
pub enum CampaignKind {
    Campaign,
}

/// `kind: Template`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(inline)]
pub enum TemplateKind {
    Template,
}

/// `environment`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub enum Environment {
    Production,
    Staging,
    Test,
}

/// `benefit.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum BenefitType {
    PercentOff,
    AmountOff,
}

/// `funding.source`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub enum FundingSource {
    Platform,
    Merchant,
    Bank,
    Government,
}

/// An id: `^[a-z0-9][a-z0-9-]{2,63}$`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Id(#[schemars(pattern(ID_PATTERN))] pub String);

/// A change ticket: `^[A-Z][A-Z0-9]+(-[0-9]+)+$`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Approval(#[schemars(pattern(APPROVAL_PATTERN))] pub String);

/// Text that is not empty or blank.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct NotBlank(#[schemars(length(min = 1), pattern(NOT_BLANK_PATTERN))] pub String);

/// An ISO 4217 currency code.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Currency(#[schemars(pattern(CURRENCY_PATTERN))] pub String);

/// An RFC 3339 timestamp with an explicit UTC offset, quoted or bare.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline, extend("format" = "date-time"))]
pub struct Timestamp(#[schemars(pattern(TIMESTAMP_PATTERN))] pub String);

/// A percent string such as `"12.5%"`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Percent(#[schemars(pattern(PERCENT_PATTERN))] pub String);

/// An amount of money: `"12.50"` or bare `12.50`, no sign and no exponent,
/// at most as many decimal places as the currency's minor unit.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(inline)]
pub enum Money {
    /// Digits with an optional fraction, quoted: `"12.50"`.
    Text(#[schemars(pattern(MONEY_PATTERN))] String),
    /// A bare non-negative number: `12.50`.
    Number(#[schemars(range(min = 0))] f64),
}

/// `audience.segments`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(inline)]
pub enum Segments {
    /// Everyone.
    All(AllSegments),
    /// These segments: a non-empty list of segment ids; a list holding `all`, `everyone` or `*` is everyone.
    List(#[schemars(length(min = 1))] Vec<SegmentId>),
}

/// A segment id (`^[a-z0-9][a-z0-9-]{2,63}$`), or `*` for everyone.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct SegmentId(#[schemars(pattern(SEGMENT_PATTERN))] pub String);

/// The string `all`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(inline)]
pub enum AllSegments {
    #[serde(rename = "all")]
    All,
}

/// A non-empty list of channel ids.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Channels(#[schemars(length(min = 1))] pub Vec<Channel>);

/// A kebab-case channel id, e.g. `online-checkout`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Channel(#[schemars(pattern(CHANNEL_PATTERN))] pub String);

/// A non-empty list of ISO 3166-2 region codes.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Regions(#[schemars(length(min = 1))] pub Vec<Region>);

/// An ISO 3166-2 region code, e.g. `CN-31`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Region(#[schemars(pattern(REGION_PATTERN))] pub String);
