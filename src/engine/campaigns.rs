//! The campaign rules, run as early as a campaign can be resolved, and what
//! the run keeps of each campaign afterwards (docs/decisions.md, "Memory"):
//! a campaign that names no template is checked on the worker that read its
//! file, one that names a template once every template is known: on its
//! worker too when its file was read after every file that may hold a
//! template ([`Known`]), at the end of the reading otherwise; past its
//! checks only its [`DocEntry`] is kept, and the whole model only when a
//! cross-file rule reads it ([`rules::project::reads`]) or the change rules
//! run (`--base`).

use std::collections::{HashMap, HashSet};

use super::{Settings, rule_enabled};
use crate::finding::Finding;
use crate::model::{Campaign, DocRef, Item, Template};
use crate::resolve::{self, CampaignRef, Deferred, Effective, Resolution};
use crate::rules::{self, CampaignCx, DocEntry, display::Prepared};
use crate::source::{FileId, Loc, SourceFile, Texts};

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

/// Every template of the run, once the files that may hold one are read.
pub(super) struct Known<'t> {
    pub(super) templates: HashMap<&'t str, &'t Template>,
    pub(super) deferred: &'t Deferred,
    /// The files holding the templates, by id (what the checks read).
    pub(super) texts: HashMap<FileId, &'t SourceFile>,
}

impl<'t> Known<'t> {
    /// From the files read so far, in path order (the first template of an
    /// id wins).
    pub(super) fn new(
        files: impl IntoIterator<Item = (&'t SourceFile, &'t [Item])>,
        deferred: &'t Deferred,
    ) -> Self {
        let mut texts = HashMap::new();
        let mut templates = Vec::new();
        for (source, items) in files {
            for item in items {
                if let Item::Template(template) = item {
                    texts.insert(source.id, source);
                    templates.push(&**template);
                }
            }
        }
        Known {
            templates: resolve::template_index(templates),
            deferred,
            texts,
        }
    }

    /// The text of the template file a campaign takes values from.
    fn template_text(&self, campaign: &Campaign) -> Option<&'t SourceFile> {
        let name = campaign.template.value()?;
        let template = self.templates.get(name.as_str())?;
        self.texts.get(&template.anchor.doc.file).copied()
    }
}

/// One file's documents after the campaigns that could be were checked.
#[derive(Default)]
pub(super) struct Early {
    /// The templates, and the campaigns that wait for theirs (checked once
    /// every template is known).
    pub(super) items: Vec<Item>,
    /// Every document, in document order.
    pub(super) docs: Vec<DocEntry>,
    pub(super) kept: Vec<Checked>,
    pub(super) findings: Vec<Finding>,
    /// The findings of each campaign that names a template, checked here
    /// with [`Known`]: capped with the run's stage, as if checked there.
    pub(super) late: Vec<Vec<Finding>>,
}

/// Checks the campaigns of `file` that take nothing from a template (no
/// `template:`, or one that cannot be read: its fields are then unknown),
/// and with `known` the others too.
pub(super) fn check_early(
    stage: &Stage,
    file: &SourceFile,
    items: Vec<Item>,
    known: Option<&Known>,
) -> Early {
    let no_templates = HashMap::new();
    let no_deferred = resolve::Deferred::new();
    let mut early = Early {
        docs: items.iter().map(DocEntry::of).collect(),
        ..Early::default()
    };
    for item in items {
        match (item, known) {
            (Item::Campaign(mut campaign), _) if campaign.template.get().is_none() => {
                let resolution =
                    resolve::resolve_in_place(&mut campaign, &no_templates, &no_deferred);
                let (mut findings, kept) = stage.check(Texts::File(file), campaign, resolution);
                early.findings.append(&mut findings);
                early.kept.extend(kept);
            }
            (Item::Campaign(mut campaign), Some(known)) => {
                let texts = Texts::WithTemplate(file, known.template_text(&campaign));
                let resolution =
                    resolve::resolve_in_place(&mut campaign, &known.templates, known.deferred);
                let (findings, kept) = stage.check(texts, campaign, resolution);
                early.late.push(findings);
                early.kept.extend(kept);
            }
            (item, _) => early.items.push(item),
        }
    }
    early
}

/// A template gets only the syntax and schema rules on its own (FORMAT.md);
/// what else reading it found (a template's `rate: 0.2`) is reported for
/// each campaign that inherits the value: moved from the findings of
/// `file` (whose documents are `items`) to `deferred`.
pub(super) fn defer_findings(
    deferred: &mut Deferred,
    file: FileId,
    items: &[Item],
    findings: &mut Vec<Finding>,
) {
    let template_docs: HashSet<u32> = items
        .iter()
        .filter(|item| matches!(item, Item::Template(_)))
        .map(|item| item.anchor().doc.index)
        .collect();
    if template_docs.is_empty() {
        return;
    }
    let (moved, kept): (Vec<Finding>, Vec<Finding>) =
        std::mem::take(findings).into_iter().partition(|f| {
            template_docs.contains(&f.loc.doc) && !rules::schema::is_schema_rule(f.rule)
        });
    *findings = kept;
    for finding in moved {
        let doc = DocRef {
            file,
            index: finding.loc.doc,
        };
        deferred.entry(doc).or_default().push(finding);
    }
}
