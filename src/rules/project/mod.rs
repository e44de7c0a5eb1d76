//! Rules across files: they compare the documents of the whole run (every
//! file of the project, CLI.md), and report each finding for one document.

pub mod combinable;
pub mod duplicate_id;
pub mod stacking_ceiling;
pub mod unknown_template;

use crate::resolve::Effective;
use crate::rules::{DocEntry, ProjectCx};
use time::OffsetDateTime;

use crate::model::Sp;
use crate::source::Loc;

/// `campaign` or `template`, for messages.
fn kind(doc: &DocEntry) -> &'static str {
    if doc.template { "template" } else { "campaign" }
}

/// Whether a cross-file rule reads this campaign beyond its id: only these
/// need to be kept whole until the cross-file rules run (the others are in
/// [`ProjectCx::docs`]).
pub fn reads(effective: &Effective) -> bool {
    effective.template_unknown || combinable::combinable(effective).is_some()
}

/// `path:line:column` of a location, for messages that name another file.
pub(crate) fn position(cx: &ProjectCx, loc: Loc) -> String {
    match cx.sources.get(loc.file) {
        Some(file) => {
            let at = file.line_col(loc.start);
            format!("{}:{}:{}", file.path, at.line, at.column)
        }
        None => String::from("another file"),
    }
}

/// A timestamp as the file writes it.
pub(crate) fn written<'a>(cx: &'a ProjectCx, at: &Sp<OffsetDateTime>) -> &'a str {
    cx.sources
        .get(at.at.loc.file)
        .map_or("", |f| f.slice(at.at.loc))
        .trim_matches(|c| c == '"' || c == '\'')
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs a project check on YAML files given as text.

    use crate::finding::Finding;
    use crate::load::{self, Limits};
    use crate::model::{self, DocRef, Item};
    use crate::policy::Policy;
    use crate::resolve::{self, Effective};
    use crate::rules::{DocEntry, ProjectCheck, ProjectCx};
    use crate::source::{FileId, Sources};

    /// The findings of `check` over `files` (path, text), already in path
    /// order, with the default policy.
    pub fn run(check: ProjectCheck, files: &[(&str, &str)]) -> (Sources, Vec<(DocRef, Finding)>) {
        let mut sources = Sources::default();
        let mut items: Vec<Item> = Vec::new();
        for (index, (path, text)) in files.iter().enumerate() {
            let id = FileId::try_from(index).unwrap();
            sources.add((*path).to_string(), *text);
            let loaded = load::load(id, text, Limits::default());
            items.extend(model::extract(id, &loaded).items);
        }
        let templates = resolve::template_index(items.iter().filter_map(|item| match item {
            Item::Template(t) => Some(&**t),
            Item::Campaign(_) => None,
        }));
        let resolved: Vec<Effective> = items
            .iter()
            .filter_map(|item| match item {
                Item::Campaign(c) => {
                    Some(resolve::resolve(c, &templates, &resolve::Deferred::new()).0)
                }
                Item::Template(_) => None,
            })
            .collect();
        let docs: Vec<DocEntry> = items.iter().map(DocEntry::of).collect();
        let doc_refs: Vec<&DocEntry> = docs.iter().collect();
        let campaigns: Vec<&Effective> = resolved.iter().collect();
        let policy = Policy::builtin();
        let cx = ProjectCx {
            docs: &doc_refs,
            campaigns: &campaigns,
            policy: &policy,
            sources: &sources,
        };
        let mut out = Vec::new();
        check(&cx, &mut out);
        (sources, out)
    }

    /// `path:line:col` of a finding's primary span.
    pub fn at(sources: &Sources, finding: &Finding) -> String {
        let file = sources.get(finding.loc.file).unwrap();
        let lc = file.line_col(finding.loc.start);
        format!("{}:{}:{}", file.path, lc.line, lc.column)
    }
}
