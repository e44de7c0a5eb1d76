//! What a check sees.

use time::OffsetDateTime;

use super::RuleMeta;
use super::display::Prepared;
use crate::finding::Finding;
use crate::model::{At, Campaign, DocRef, Item, Sp};
use crate::policy::Policy;
use crate::resolve::Effective;
use crate::source::{Loc, Sources, Texts};

/// One resolved campaign, the policy, and the run's settings.
pub struct CampaignCx<'a> {
    pub effective: &'a Effective<'a>,
    pub policy: &'a Policy,
    /// The texts of the campaign's own file and of its template's.
    pub sources: Texts<'a>,
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

/// What the cross-file rules read of every document of the run: which
/// kind it is and its id. Small, so that a run need not hold every model
/// until the cross-file rules are done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocEntry {
    pub doc: DocRef,
    pub template: bool,
    pub id: Option<Sp<String>>,
}

impl DocEntry {
    pub fn of(item: &Item) -> Self {
        DocEntry {
            doc: item.anchor().doc,
            template: matches!(item, Item::Template(_)),
            id: item.id_field().get().cloned(),
        }
    }
}

/// Every document of the run, for the cross-file rules.
pub struct ProjectCx<'a> {
    /// Every campaign and template, in path order then document order.
    pub docs: &'a [&'a DocEntry],
    /// The resolved campaigns that a cross-file rule reads
    /// ([`crate::rules::project::reads`]), in the same order; others may be
    /// there too.
    pub campaigns: &'a [&'a Effective<'a>],
    pub policy: &'a Policy,
    pub sources: &'a Sources,
}
