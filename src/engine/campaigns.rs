//! The campaign rules, run as early as a campaign can be resolved, and what
//! the run keeps of each campaign afterwards (docs/decisions.md, "Memory"):
//! a campaign that names no template is checked on the worker that read its
//! file, one that names a template once every template is known; past its
//! checks only its [`DocEntry`] is kept, and the whole model only when a
//! cross-file rule reads it ([`rules::project::reads`]) or the change rules
//! run (`--base`).

use std::collections::HashMap;

use super::{Settings, rule_enabled};
use crate::finding::Finding;
use crate::model::{Campaign, Item};
use crate::resolve::{self, CampaignRef, Effective, Resolution};
use crate::rules::{self, CampaignCx, DocEntry, display::Prepared};
use crate::source::{Loc, SourceFile, Texts};

/// A campaign resolved and checked, kept for the rules across campaigns.
pub(super) struct Checked {
    pub(super) campaign: Box<Campaign>,
    /// The campaign's `template:` value, when the template was found.
    pub(super) template: Option<Loc>,
    pub(super) template_unknown: bool,
}

impl Checked {
    pub(super) fn effective(&self) -> Effective<'_> {
        Effective {
            campaign: CampaignRef::new(&self.campaign),
            template: self.template,
            template_unknown: self.template_unknown,
        }
    }

    /// The position of the campaign in the run: file, then document.
    pub(super) fn order(&self) -> (u32, u32) {
        let doc = self.campaign.anchor.doc;
        (doc.file, doc.index)
    }
}

/// What the campaign stage needs besides the campaign.
#[derive(Clone, Copy)]
pub(super) struct Stage<'r> {
    pub(super) settings: &'r Settings,
    pub(super) display: &'r Prepared,
    /// The change rules run: every campaign is kept whole.
    pub(super) keep_all: bool,
}

impl Stage<'_> {
    /// The campaign rules on a campaign that [`resolve::resolve_in_place`]
    /// made effective, and what is kept of it.
    pub(super) fn check(
        &self,
        texts: Texts,
        campaign: Box<Campaign>,
        mut resolution: Resolution,
    ) -> (Vec<Finding>, Option<Checked>) {
        let mut findings = std::mem::take(&mut resolution.findings);
        let effective = resolution.effective(&campaign);
        let cx = CampaignCx {
            effective: &effective,
            policy: &self.settings.policy,
            sources: texts,
            now: self.settings.now,
            display: self.display,
        };
        for (meta, check) in rules::campaign_checks() {
            if rule_enabled(self.settings, meta.id) {
                check(&cx, &mut findings);
            }
        }
        let kept = (self.keep_all || rules::project::reads(&effective)).then_some(Checked {
            campaign,
            template: resolution.template,
            template_unknown: resolution.template_unknown,
        });
        (findings, kept)
    }
}

/// One file's documents after the campaigns that need no template were
/// checked.
#[derive(Default)]
pub(super) struct Early {
    /// The templates, and the campaigns that name one (checked once every
    /// template is known).
    pub(super) items: Vec<Item>,
    /// Every document, in document order.
    pub(super) docs: Vec<DocEntry>,
    pub(super) kept: Vec<Checked>,
    pub(super) findings: Vec<Finding>,
}

/// Checks the campaigns of `file` that take nothing from a template: no
/// `template:`, or one that cannot be read (its fields are then unknown).
pub(super) fn check_early(stage: &Stage, file: &SourceFile, items: Vec<Item>) -> Early {
    let no_templates = HashMap::new();
    let no_deferred = resolve::Deferred::new();
    let mut early = Early {
        docs: items.iter().map(DocEntry::of).collect(),
        ..Early::default()
    };
    for item in items {
        match item {
            Item::Campaign(mut campaign) if campaign.template.get().is_none() => {
                let resolution =
                    resolve::resolve_in_place(&mut campaign, &no_templates, &no_deferred);
                let (mut findings, kept) = stage.check(Texts::File(file), campaign, resolution);
                early.findings.append(&mut findings);
                early.kept.extend(kept);
            }
            item => early.items.push(item),
        }
    }
    early
}
