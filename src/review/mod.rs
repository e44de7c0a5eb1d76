//! Change review (`check --base REV`, REVIEW.md): every campaign is compared,
//! after template resolution on each side, with the campaign of the same id
//! at the merge base, and the rules of the `change` family
//! (`crate::rules::change`) report the risky differences.
//!
//! [`git`] reads the base project; the engine loads, extracts and resolves
//! its texts with the same pipeline as the working tree's and calls
//! [`check`] with both sides.

mod compare;
pub mod git;

use std::collections::HashMap;

use rust_decimal::Decimal;
use time::OffsetDateTime;

pub use compare::{Cause, Change, Key, Section, Slot, Value, changes, show};

use crate::catalog::RuleMeta;
use crate::finding::{Finding, Label};
use crate::model::{Campaign, DocRef, Item, Template};
use crate::policy::Policy;
use crate::resolve::{self, Effective};
use crate::source::{FileId, Loc, Revision};

/// A campaign present at the base and now (same `id`), and what changed.
pub struct Pair<'a> {
    pub old: &'a Effective<'a>,
    pub new: &'a Effective<'a>,
    pub changes: Vec<Change>,
}

impl Pair<'_> {
    pub fn campaign(&self) -> &Campaign {
        &self.new.campaign
    }

    pub fn doc(&self) -> DocRef {
        self.new.campaign.anchor.doc
    }

    /// The change of one compared value, if it changed.
    pub fn change(&self, key: Key) -> Option<&Change> {
        self.changes.iter().find(|c| c.key == key)
    }

    /// Whether both sides have the same currency (amounts compare only then).
    pub fn same_currency(&self) -> bool {
        let old = self.old.campaign.offer.currency.value();
        let new = self.new.campaign.offer.currency.value();
        old.is_some() && old == new
    }
}

/// What a change rule sees.
pub struct ChangeCx<'a> {
    pub pairs: &'a [Pair<'a>],
    pub policy: &'a Policy,
    /// "Now" for `live-change` (`--now`).
    pub now: OffsetDateTime,
    pub revision: &'a Revision,
    /// The templates of the working tree, by id.
    pub templates: &'a HashMap<&'a str, &'a Template>,
    /// Whether each working file's findings are reported.
    pub named: &'a [bool],
}

impl ChangeCx<'_> {
    /// `since origin/main (3f2a91c)`.
    pub fn since(&self) -> String {
        format!("since {} ({})", self.revision.rev, self.revision.short())
    }

    /// A label at the base's value: `was 2% at origin/main`.
    pub fn was(&self, old: &Slot) -> Label {
        Label {
            loc: old.loc(),
            message: format!("was {} at {}", old.value.show(), self.revision.rev),
        }
    }

    pub fn is_named(&self, file: FileId) -> bool {
        self.named.get(file as usize).copied().unwrap_or(false)
    }

    /// A finding about a campaign's change, with its id and path.
    pub fn finding(
        &self,
        meta: &'static RuleMeta,
        pair: &Pair,
        loc: Loc,
        path: &str,
        message: String,
    ) -> Finding {
        Finding::new(meta, loc, message)
            .with_campaign(pair.campaign().id())
            .with_path(path)
    }
}

/// Where an own change is reported: the new value, or for a removal the
/// mapping it was removed from (the document's `kind` when that mapping is
/// gone or comes from a template).
pub fn campaign_loc(campaign: &Campaign, change: &Change) -> Loc {
    if let Some(new) = &change.new {
        return new.loc();
    }
    change
        .key
        .section()
        .and_then(|s| s.at(&campaign.offer))
        .filter(|at| at.template().is_none())
        .map_or(campaign.anchor.kind_key, |at| at.key_or_value())
}

/// Where a template's change is reported: its new value, or the mapping it
/// was removed from in the template (its `kind` when that is gone too).
pub fn template_loc(template: &Template, change: &Change) -> Loc {
    if let Some(new) = &change.new {
        return new.loc();
    }
    change
        .key
        .section()
        .and_then(|s| s.at(&template.offer))
        .map_or(template.anchor.kind_key, |at| at.key_or_value())
}

/// `new / old` when `new` is at least `limit` times a positive `old`.
pub fn jump(old: Decimal, new: Decimal, limit: Decimal) -> Option<Decimal> {
    if old <= Decimal::ZERO || new <= old {
        return None;
    }
    let ratio = new.checked_div(old)?;
    (ratio >= limit).then_some(ratio)
}

/// A ratio as messages show it: `x10`, `x2.5`.
pub fn times(ratio: Decimal) -> String {
    format!("x{}", ratio.round_dp(2).normalize())
}

/// What an own-change rule makes of a change, whatever its cause (so that
/// `template-change` can ask the same question of a template's change).
pub struct Verdict {
    /// `rate raised from 2% to 20% (x10)`, without the base.
    pub message: String,
    /// Where it points when not at the change's new value.
    pub loc: Option<Loc>,
    /// Further places (e.g. each added channel).
    pub labels: Vec<Label>,
    /// What it means, after the base (`platform now pays for the discount`).
    pub consequence: Option<String>,
}

impl Verdict {
    pub fn new(message: String) -> Self {
        Verdict {
            message,
            loc: None,
            labels: Vec::new(),
            consequence: None,
        }
    }

    pub fn meaning(mut self, consequence: impl Into<String>) -> Self {
        self.consequence = Some(consequence.into());
        self
    }

    /// The message with the base named: `rate raised from 2% to 20% (x10)
    /// since origin/main (3f2a91c)`, and what it means.
    pub fn text(&self, since: &str) -> String {
        match &self.consequence {
            Some(consequence) => format!("{} {since}: {consequence}", self.message),
            None => format!("{} {since}", self.message),
        }
    }
}

/// An own-change rule's judgement of one change of a pair.
pub type Judge = fn(&ChangeCx, &Pair, &Change) -> Option<Verdict>;

/// The campaigns of a set of items, by id (the first in path order wins, as
/// for templates).
fn by_id<'e, 'c>(campaigns: &'e [Effective<'c>]) -> HashMap<&'e str, &'e Effective<'c>> {
    let mut index = HashMap::new();
    for effective in campaigns {
        if let Some(id) = effective.campaign.id() {
            index.entry(id).or_insert(effective);
        }
    }
    index
}

/// Everything the engine hands over for a change review.
pub struct Sides<'a> {
    /// The working tree's resolved campaigns.
    pub campaigns: &'a [&'a Effective<'a>],
    pub templates: &'a HashMap<&'a str, &'a Template>,
    /// The base's documents (files that did not parse left out).
    pub base_items: &'a [&'a Item],
    pub revision: &'a Revision,
    pub policy: &'a Policy,
    pub now: OffsetDateTime,
    pub named: &'a [bool],
    /// `--select` / `--ignore`.
    pub enabled: &'a dyn Fn(&str) -> bool,
}

/// A change rule's check (`crate::rules::change`) over the paired campaigns;
/// each finding comes with the document it is reported for.
pub type ChangeCheck = fn(&ChangeCx, &mut Vec<(DocRef, Finding)>);

/// Resolves the base's campaigns with the base's templates, pairs them with
/// the working tree's by id, and runs `checks` (the registry's change
/// rules, handed down since the registry sits above this stage).
pub fn check(
    sides: &Sides,
    checks: impl IntoIterator<Item = (&'static RuleMeta, ChangeCheck)>,
) -> Vec<(DocRef, Finding)> {
    let base_templates =
        resolve::template_index(sides.base_items.iter().filter_map(|item| match item {
            Item::Template(t) => Some(&**t),
            Item::Campaign(_) => None,
        }));
    let nothing_deferred = resolve::Deferred::new();
    let base: Vec<Effective> = sides
        .base_items
        .iter()
        .filter_map(|item| match item {
            Item::Campaign(c) => Some(resolve::resolve(c, &base_templates, &nothing_deferred).0),
            Item::Template(_) => None,
        })
        .collect();
    let base_by_id = by_id(&base);

    let mut seen = std::collections::HashSet::new();
    let pairs: Vec<Pair> = sides
        .campaigns
        .iter()
        .filter_map(|new| {
            let id = new.campaign.id()?;
            // A repeated id (duplicate-id) is compared once, the first.
            if !seen.insert(id) {
                return None;
            }
            let old = *base_by_id.get(id)?;
            let changes = changes(old, new);
            (!changes.is_empty()).then_some(Pair { old, new, changes })
        })
        .collect();

    let cx = ChangeCx {
        pairs: &pairs,
        policy: sides.policy,
        now: sides.now,
        revision: sides.revision,
        templates: sides.templates,
        named: sides.named,
    };
    let mut out = Vec::new();
    for (meta, check) in checks {
        if (sides.enabled)(meta.id) {
            check(&cx, &mut out);
        }
    }
    out
}
