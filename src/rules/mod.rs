//! Stage 5: the rules. Each semantic rule is one file holding a pure check
//! over a resolved campaign or over all of them; what each rule is (its
//! [`RuleMeta`]: id, severity, summary, documentation) lives below every
//! stage, in [`crate::catalog`]. `REGISTRY` pairs each rule's metadata with
//! how it runs; the rules reported while reading have no check here.

pub mod benefit;
pub mod budget;
pub mod change;
pub mod channels;
mod context;
pub mod display;
pub mod exposure;
pub mod production;
pub mod project;
pub mod schedule;
pub mod schema;
pub mod suppression;

pub use crate::catalog::{RuleMeta, docs};
pub use context::{CampaignCx, DocEntry, ProjectCx};

use crate::catalog;
use crate::finding::Finding;
use crate::model::DocRef;

/// A check over one resolved campaign.
pub type CampaignCheck = fn(&CampaignCx, &mut Vec<Finding>);

/// A check over every document of the run; each finding comes with the
/// document it is reported for (whose file decides whether it is shown).
pub type ProjectCheck = fn(&ProjectCx, &mut Vec<(DocRef, Finding)>);

/// A change-review check (`check --base`) over the campaigns paired with
/// their versions at the base.
pub use crate::review::ChangeCheck;

/// How a rule finds its findings.
#[derive(Clone, Copy)]
pub enum Check {
    /// Reported while the YAML is read and the model extracted (or, for the
    /// suppression rules, while suppressions are applied).
    Reader,
    Campaign(CampaignCheck),
    Project(ProjectCheck),
    /// Run only with `--base` ([`crate::review`]).
    Change(ChangeCheck),
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

/// The change-review checks, in registry order.
pub fn change_checks() -> impl Iterator<Item = (&'static RuleMeta, ChangeCheck)> {
    REGISTRY.iter().filter_map(|r| match r.check {
        Check::Change(check) => Some((r.meta, check)),
        _ => None,
    })
}

const fn change(meta: &'static RuleMeta, check: ChangeCheck) -> Rule {
    Rule {
        meta,
        check: Check::Change(check),
    }
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
    reader(&catalog::YAML_SYNTAX),
    reader(&catalog::DUPLICATE_KEY),
    reader(&catalog::UNKNOWN_FIELD),
    campaign(&catalog::MISSING_FIELD, schema::missing_field::check),
    campaign(&catalog::INVALID_VALUE, schema::invalid_value::check),
    reader(&catalog::AMBIGUOUS_SCALAR),
    reader(&catalog::INVALID_DECIMAL),
    reader(&catalog::RATE_NOTATION),
    campaign(&catalog::RATE_CEILING, benefit::rate_ceiling::check),
    campaign(&catalog::UNCAPPED_PERCENT, benefit::uncapped_percent::check),
    campaign(
        &catalog::NO_THRESHOLD_COUPON,
        benefit::no_threshold_coupon::check,
    ),
    campaign(
        &catalog::AMOUNT_EXCEEDS_SPEND,
        benefit::amount_exceeds_spend::check,
    ),
    campaign(&catalog::FUNDING_PROGRAM, benefit::funding_program::check),
    campaign(&catalog::UNKNOWN_CURRENCY, benefit::unknown_currency::check),
    campaign(
        &catalog::FORBIDDEN_CHANNEL,
        channels::forbidden_channel::check,
    ),
    campaign(&catalog::UNKNOWN_CHANNEL, channels::unknown_channel::check),
    reader(&catalog::WILDCARD_CHANNEL),
    campaign(&catalog::BROAD_AUDIENCE, channels::broad_audience::check),
    campaign(&catalog::RESTRICTED_LABEL, display::restricted_label::check),
    campaign(
        &catalog::FORBIDDEN_WORDING,
        display::forbidden_wording::check,
    ),
    campaign(
        &catalog::INVISIBLE_CHARACTERS,
        display::invisible_characters::check,
    ),
    campaign(
        &catalog::LABEL_RATE_MISMATCH,
        display::label_rate_mismatch::check,
    ),
    campaign(&catalog::MISSING_BUDGET, budget::missing_budget::check),
    campaign(&catalog::MISSING_USER_CAP, budget::missing_user_cap::check),
    campaign(&catalog::BUDGET_CEILING, budget::budget_ceiling::check),
    campaign(
        &catalog::BUDGET_INCONSISTENT,
        budget::budget_inconsistent::check,
    ),
    campaign(
        &catalog::BUDGET_EXHAUSTION,
        budget::budget_exhaustion::check,
    ),
    campaign(&catalog::SCHEDULE_ORDER, schedule::schedule_order::check),
    reader(&catalog::SCHEDULE_TIMEZONE),
    campaign(
        &catalog::SCHEDULE_DURATION,
        schedule::schedule_duration::check,
    ),
    campaign(
        &catalog::SCHEDULE_EXPIRED,
        schedule::schedule_expired::check,
    ),
    campaign(&catalog::MISSING_OWNER, production::missing_owner::check),
    campaign(
        &catalog::MISSING_APPROVAL,
        production::missing_approval::check,
    ),
    campaign(
        &catalog::MISSING_KILL_SWITCH,
        production::missing_kill_switch::check,
    ),
    project(&catalog::DUPLICATE_ID, project::duplicate_id::check),
    project(&catalog::UNKNOWN_TEMPLATE, project::unknown_template::check),
    project(&catalog::STACKING_CEILING, project::stacking_ceiling::check),
    project(&catalog::STACKED_PAYABLE, exposure::stacked_payable::check),
    campaign(&catalog::CAP_CEILING, exposure::cap_ceiling::check),
    campaign(
        &catalog::GOVERNMENT_PROGRAM,
        exposure::government_program::check,
    ),
    campaign(&catalog::FULL_ROLLOUT, exposure::full_rollout::check),
    campaign(&catalog::UNKNOWN_SEGMENT, exposure::unknown_segment::check),
    reader(&catalog::SUPPRESSION_REASON),
    reader(&catalog::UNUSED_SUPPRESSION),
    change(&catalog::TEMPLATE_SWITCH, change::template_switch::check),
    change(&catalog::RATE_JUMP, change::rate_jump::check),
    change(&catalog::AMOUNT_JUMP, change::amount_jump::check),
    change(&catalog::FUNDING_SWITCH, change::funding_switch::check),
    change(&catalog::AUDIENCE_WIDENED, change::audience_widened::check),
    change(&catalog::CHANNEL_ADDED, change::channel_added::check),
    change(&catalog::BUDGET_JUMP, change::budget_jump::check),
    change(&catalog::STALE_APPROVAL, change::stale_approval::check),
    change(&catalog::TEMPLATE_CHANGE, change::template_change::check),
    change(&catalog::LIVE_CHANGE, change::live_change::check),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_lists_the_catalog_in_its_order() {
        let registered: Vec<&str> = all().map(|r| r.id).collect();
        let declared: Vec<&str> = catalog::all().map(|r| r.id).collect();
        assert_eq!(registered, declared);
        assert!(all().zip(catalog::all()).all(|(a, b)| std::ptr::eq(a, b)));
    }
}
