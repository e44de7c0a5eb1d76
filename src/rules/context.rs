//! What a check sees.

use time::OffsetDateTime;

use super::RuleMeta;
use super::display::Prepared;
use crate::finding::Finding;
use crate::model::{At, Campaign, Item};
use crate::policy::Policy;
use crate::resolve::Effective;
use crate::source::{Loc, Sources};

/// One resolved campaign, the policy, and the run's settings.
pub struct CampaignCx<'a> {
    pub effective: &'a Effective<'a>,
    pub policy: &'a Policy,
    pub sources: &'a Sources,
    /// "Now" for `schedule-expired` (`--now`).
    pub now: OffsetDateTime,
    /// The policy's label terms, compiled once per run.
    pub display: &'a Prepared,
}

impl CampaignCx<'_> {
    pub fn campaign(&self) -> &Campaign {
        &self.effective.campaign
    }

    /// A finding about a value: pointed at its text, with the campaign's id,
    /// the JSON Pointer path, and labels saying how the value got there.
    pub fn finding(
        &self,
        meta: &'static RuleMeta,
        at: &At,
        path: &str,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(meta, at.loc, message)
            .with_campaign(self.campaign().id())
            .with_path(path)
            .with_labels(at.provenance())
    }

    /// A finding pointed at a location that is not a value (a key).
    pub fn finding_at(
        &self,
        meta: &'static RuleMeta,
        loc: Loc,
        path: &str,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(meta, loc, message)
            .with_campaign(self.campaign().id())
            .with_path(path)
    }
}

/// Every document of the run, for the cross-file rules.
pub struct ProjectCx<'a> {
    /// Every campaign and template, in path order then document order.
    pub items: &'a [&'a Item],
    /// The resolved campaigns, in the same order.
    pub campaigns: &'a [&'a Effective<'a>],
    pub policy: &'a Policy,
    pub sources: &'a Sources,
}
