//! Which of the files not named a run must read for the findings of the
//! named ones to be what a run over every file gives (docs/decisions.md,
//! "The per-file cache"):
//!
//! - every file holding a template (resolution, `unknown-template`'s "did
//!   you mean", `duplicate-id` among templates);
//! - every file holding a document whose id a named document or a seed has
//!   (`duplicate-id`);
//! - every file holding a campaign that can stack with a seed: one bucket
//!   (environment, a shared channel) and overlapping windows
//!   (`stacking-ceiling`, `stacked-payable`; a group that holds a seed
//!   holds only campaigns that overlap it).
//!
//! The seeds are the campaigns of the named files and the campaigns that
//! use a template of a named file (their findings in the template decide
//! whether a suppression there is used). What could not be read is taken to
//! match: the selection may include too much, never too little.

use std::collections::{HashMap, HashSet};

use super::FastHash;
use super::summary::{DocSummary, FileSummary, Own, Window};

/// One file of the run as the selection sees it.
pub struct Candidate<'a> {
    pub summary: &'a FileSummary,
    /// Its findings are reported.
    pub named: bool,
    /// Read already: it is in the run whatever the selection says.
    pub read: bool,
}

/// Whether each file is needed (`true` for every file already read).
pub fn select(files: &[Candidate]) -> Vec<bool> {
    let mut needed: Vec<bool> = files.iter().map(|f| f.read).collect();
    let templates = Templates::new(files);
    let named_templates: HashSet<&str, FastHash> = files
        .iter()
        .filter(|f| f.named)
        .flat_map(|f| &f.summary.docs)
        .filter(|d| d.template_doc)
        .filter_map(|d| d.id.as_deref())
        .collect();

    let mut ids: HashSet<&str, FastHash> = HashSet::default();
    let mut seeds: Vec<Stack> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let mut holds_seed = false;
        for doc in &file.summary.docs {
            if doc.template_doc {
                if let Some(slot) = needed.get_mut(index) {
                    *slot = true;
                }
                if file.named {
                    ids.extend(doc.id.as_deref());
                }
                continue;
            }
            let seed = file.named
                || doc
                    .uses
                    .as_deref()
                    .is_some_and(|t| named_templates.contains(t));
            if seed {
                holds_seed = true;
                ids.extend(doc.id.as_deref());
                seeds.extend(templates.stack(doc));
            }
        }
        if holds_seed && let Some(slot) = needed.get_mut(index) {
            *slot = true;
        }
    }

    for (index, file) in files.iter().enumerate() {
        if needed.get(index) == Some(&true) {
            continue;
        }
        let wanted = file.summary.docs.iter().any(|doc| {
            doc.id.as_deref().is_some_and(|id| ids.contains(id))
                || (!doc.template_doc
                    && templates
                        .stack(doc)
                        .is_some_and(|stack| seeds.iter().any(|seed| seed.stacks_with(&stack))))
        });
        if wanted && let Some(slot) = needed.get_mut(index) {
            *slot = true;
        }
    }
    needed
}

/// The templates of the run by id (every one of an id: which wins is
/// decided by the path order the run sees, so each is taken into account).
struct Templates<'a> {
    by_id: HashMap<&'a str, Vec<&'a DocSummary>, FastHash>,
}

/// A campaign that may be combinable: its window and the channels it may
/// run on (`None`: any).
struct Stack<'a> {
    window: &'a Window,
    channels: Option<Vec<&'a str>>,
}

impl Stack<'_> {
    fn stacks_with(&self, other: &Stack) -> bool {
        if !self.window.overlaps(other.window) {
            return false;
        }
        match (&self.channels, &other.channels) {
            (Some(mine), Some(theirs)) => mine.iter().any(|c| theirs.contains(c)),
            _ => true,
        }
    }
}

impl<'a> Templates<'a> {
    fn new(files: &[Candidate<'a>]) -> Self {
        let mut by_id: HashMap<&str, Vec<&DocSummary>, FastHash> = HashMap::default();
        for doc in files.iter().flat_map(|f| &f.summary.docs) {
            if doc.template_doc
                && let Some(id) = doc.id.as_deref()
            {
                by_id.entry(id).or_default().push(doc);
            }
        }
        Templates { by_id }
    }

    /// The templates a campaign may take inherited values from.
    fn of(&self, doc: &DocSummary) -> &[&'a DocSummary] {
        doc.uses
            .as_deref()
            .and_then(|t| self.by_id.get(t))
            .map_or(&[], Vec::as_slice)
    }

    /// The campaign as the stacking rules may see it after resolution, when
    /// it may be combinable.
    fn stack(&self, doc: &'a DocSummary) -> Option<Stack<'a>> {
        let window = doc.window.as_ref()?;
        let combinable = match &doc.combinable {
            Own::Is(b) => *b,
            Own::Unknown => true,
            Own::Inherited => self
                .of(doc)
                .iter()
                .any(|t| matches!(t.combinable, Own::Is(true) | Own::Unknown)),
        };
        if !combinable {
            return None;
        }
        let channels = match &doc.channels {
            Own::Is(list) => Some(list.iter().map(String::as_str).collect()),
            Own::Unknown => None,
            Own::Inherited => {
                let mut union: Vec<&str> = Vec::new();
                let mut any_channel = false;
                for t in self.of(doc) {
                    match &t.channels {
                        Own::Is(list) => union.extend(list.iter().map(String::as_str)),
                        Own::Unknown => any_channel = true,
                        Own::Inherited => {}
                    }
                }
                if any_channel {
                    None
                } else if union.is_empty() {
                    return None;
                } else {
                    Some(union)
                }
            }
        };
        Some(Stack { window, channels })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign(id: &str, channels: &[&str], window: Option<(i64, i64)>) -> DocSummary {
        DocSummary {
            template_doc: false,
            id: Some(id.to_string()),
            uses: None,
            combinable: Own::Is(true),
            channels: Own::Is(channels.iter().map(|c| c.to_string()).collect()),
            window: window.map(|(start, end)| Window {
                environment: "production".into(),
                start,
                end,
            }),
        }
    }

    fn file(docs: Vec<DocSummary>) -> FileSummary {
        FileSummary { docs }
    }

    fn run(files: &[(FileSummary, bool)]) -> Vec<bool> {
        let candidates: Vec<Candidate> = files
            .iter()
            .map(|(summary, named)| Candidate {
                summary,
                named: *named,
                read: *named,
            })
            .collect();
        select(&candidates)
    }

    #[test]
    fn includes_overlapping_combinable_campaigns_on_a_shared_channel_only() {
        let files = [
            (file(vec![campaign("a", &["card"], Some((0, 100)))]), true),
            (
                file(vec![campaign("b", &["card", "qr"], Some((50, 150)))]),
                false,
            ),
            (
                file(vec![campaign("c", &["card"], Some((100, 200)))]),
                false,
            ),
            (file(vec![campaign("d", &["qr"], Some((0, 100)))]), false),
            (file(vec![campaign("e", &["card"], None)]), false),
        ];
        assert_eq!(run(&files), vec![true, true, false, false, false]);
    }

    #[test]
    fn includes_every_template_and_every_document_sharing_a_named_id() {
        let mut template = campaign("tmpl", &[], None);
        template.template_doc = true;
        let files = [
            (file(vec![campaign("a", &["card"], None)]), true),
            (file(vec![template]), false),
            (file(vec![campaign("a", &["qr"], None)]), false),
            (file(vec![campaign("z", &["qr"], None)]), false),
        ];
        assert_eq!(run(&files), vec![true, true, true, false]);
    }

    #[test]
    fn a_named_template_seeds_the_campaigns_that_use_it() {
        let mut template = campaign("tmpl", &["card"], None);
        template.template_doc = true;
        template.combinable = Own::Is(true);
        let mut user = campaign("user", &[], Some((0, 100)));
        user.uses = Some("tmpl".into());
        user.combinable = Own::Inherited;
        user.channels = Own::Inherited;
        let files = [
            (file(vec![template]), true),
            (file(vec![user]), false),
            (file(vec![campaign("n", &["card"], Some((10, 20)))]), false),
            (
                file(vec![campaign("far", &["card"], Some((500, 600)))]),
                false,
            ),
        ];
        assert_eq!(run(&files), vec![true, true, true, false]);
    }

    #[test]
    fn unreadable_values_match_anything() {
        let mut unknown = campaign("u", &[], Some((0, 100)));
        unknown.channels = Own::Unknown;
        unknown.combinable = Own::Unknown;
        let files = [
            (file(vec![campaign("a", &["card"], Some((0, 100)))]), true),
            (file(vec![unknown]), false),
        ];
        assert_eq!(run(&files), vec![true, true]);
    }
}
