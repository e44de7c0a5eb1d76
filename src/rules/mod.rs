//! Stage 5: the rules. Each rule is one file declaring its [`RuleMeta`]
//! (id, severity, summary and documentation as data) and, for semantic
//! rules, a pure check over a resolved campaign or over all of them.
//! [`all`] is the one registry the CLI, the docs and the reports read.

pub mod benefit;
pub mod budget;
pub mod channels;
mod context;
pub mod display;
pub mod docs;
pub mod exposure;
mod meta;
pub mod production;
pub mod project;
pub mod schedule;
pub mod schema;
pub mod suppression;

pub use context::{CampaignCx, ProjectCx};
pub use meta::RuleMeta;

use crate::finding::Finding;
use crate::model::DocRef;

/// A check over one resolved campaign.
pub type CampaignCheck = fn(&CampaignCx, &mut Vec<Finding>);

/// A check over every document of the run; each finding comes with the
/// document it is reported for (whose file decides whether it is shown).
pub type ProjectCheck = fn(&ProjectCx, &mut Vec<(DocRef, Finding)>);

/// How a rule finds its findings.
#[derive(Clone, Copy)]
pub enum Check {
    /// Reported while the YAML is read and the model extracted (or, for the
    /// suppression rules, while suppressions are applied).
    Reader,
    Campaign(CampaignCheck),
    Project(ProjectCheck),
}

/// A rule: what it declares, and how it runs.
#[derive(Clone, Copy)]
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: Check,
}

/// Every rule, in the order of RULES.md.
pub fn rules() -> &'static [Rule] {
    REGISTRY
}

/// Every rule's metadata, in the order of RULES.md.
pub fn all() -> impl ExactSizeIterator<Item = &'static RuleMeta> {
    REGISTRY.iter().map(|r| r.meta)
}

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static RuleMeta> {
    all().find(|r| r.id == id)
}

/// The campaign checks, in registry order.
pub fn campaign_checks() -> impl Iterator<Item = (&'static RuleMeta, CampaignCheck)> {
    REGISTRY.iter().filter_map(|r| match r.check {
        Check::Campaign(check) => Some((r.meta, check)),
        _ => None,
    })
}

/// The project checks, in registry order.
pub fn project_checks() -> impl Iterator<Item = (&'static RuleMeta, ProjectCheck)> {
    REGISTRY.iter().filter_map(|r| match r.check {
        Check::Project(check) => Some((r.meta, check)),
        _ => None,
    })
}

const fn reader(meta: &'static RuleMeta) -> Rule {
    Rule {
        meta,
        check: Check::Reader,
    }
}

const fn campaign(meta: &'static RuleMeta, check: CampaignCheck) -> Rule {
    Rule {
        meta,
        check: Check::Campaign(check),
    }
}

const fn project(meta: &'static RuleMeta, check: ProjectCheck) -> Rule {
    Rule {
        meta,
        check: Check::Project(check),
    }
}

static REGISTRY: &[Rule] = &[
    reader(&schema::yaml_syntax::META),
    reader(&schema::duplicate_key::META),
    reader(&schema::unknown_field::META),
    campaign(&schema::missing_field::META, schema::missing_field::check),
    campaign(&schema::invalid_value::META, schema::invalid_value::check),
    reader(&schema::ambiguous_scalar::META),
    reader(&schema::invalid_decimal::META),
    reader(&benefit::rate_notation::META),
    campaign(&benefit::rate_ceiling::META, benefit::rate_ceiling::check),
    campaign(
        &benefit::uncapped_percent::META,
        benefit::uncapped_percent::check,
    ),
    campaign(
        &benefit::no_threshold_coupon::META,
        benefit::no_threshold_coupon::check,
    ),
    campaign(
        &benefit::amount_exceeds_spend::META,
        benefit::amount_exceeds_spend::check,
    ),
    campaign(
        &benefit::funding_program::META,
        benefit::funding_program::check,
    ),
    campaign(
        &benefit::unknown_currency::META,
        benefit::unknown_currency::check,
    ),
    campaign(
        &channels::forbidden_channel::META,
        channels::forbidden_channel::check,
    ),
    campaign(
        &channels::unknown_channel::META,
        channels::unknown_channel::check,
    ),
    reader(&channels::wildcard_channel::META),
    campaign(
        &channels::broad_audience::META,
        channels::broad_audience::check,
    ),
    campaign(
        &display::restricted_label::META,
        display::restricted_label::check,
    ),
    campaign(
        &display::forbidden_wording::META,
        display::forbidden_wording::check,
    ),
    campaign(
        &display::invisible_characters::META,
        display::invisible_characters::check,
    ),
    campaign(
        &display::label_rate_mismatch::META,
        display::label_rate_mismatch::check,
    ),
    campaign(&budget::missing_budget::META, budget::missing_budget::check),
    campaign(
        &budget::missing_user_cap::META,
        budget::missing_user_cap::check,
    ),
    campaign(&budget::budget_ceiling::META, budget::budget_ceiling::check),
    campaign(
        &budget::budget_inconsistent::META,
        budget::budget_inconsistent::check,
    ),
    campaign(
        &budget::budget_exhaustion::META,
        budget::budget_exhaustion::check,
    ),
    campaign(
        &schedule::schedule_order::META,
        schedule::schedule_order::check,
    ),
    reader(&schedule::schedule_timezone::META),
    campaign(
        &schedule::schedule_duration::META,
        schedule::schedule_duration::check,
    ),
    campaign(
        &schedule::schedule_expired::META,
        schedule::schedule_expired::check,
    ),
    campaign(
        &production::missing_owner::META,
        production::missing_owner::check,
    ),
    campaign(
        &production::missing_approval::META,
        production::missing_approval::check,
    ),
    campaign(
        &production::missing_kill_switch::META,
        production::missing_kill_switch::check,
    ),
    project(&project::duplicate_id::META, project::duplicate_id::check),
    project(
        &project::unknown_template::META,
        project::unknown_template::check,
    ),
    project(
        &project::stacking_ceiling::META,
        project::stacking_ceiling::check,
    ),
    project(
        &exposure::stacked_payable::META,
        exposure::stacked_payable::check,
    ),
    campaign(&exposure::cap_ceiling::META, exposure::cap_ceiling::check),
    campaign(
        &exposure::government_program::META,
        exposure::government_program::check,
    ),
    campaign(&exposure::full_rollout::META, exposure::full_rollout::check),
    campaign(
        &exposure::unknown_segment::META,
        exposure::unknown_segment::check,
    ),
    reader(&suppression::suppression_reason::META),
    reader(&suppression::unused_suppression::META),
];
