//! `duplicate-id`: two documents of the run share an `id`.

use crate::catalog::DUPLICATE_ID as META;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::{kind, position};
use crate::finding::Finding;
use crate::model::DocRef;
use crate::rules::{DocEntry, ProjectCx};

/// Reports every document whose id an earlier document has.
pub fn check(cx: &ProjectCx, out: &mut Vec<(DocRef, Finding)>) {
    let mut first: HashMap<&str, &DocEntry> = HashMap::new();
    for &item in cx.docs {
        let Some(id) = &item.id else {
            continue;
        };
        let earlier = match first.entry(id.value.as_str()) {
            Entry::Vacant(slot) => {
                slot.insert(item);
                continue;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        let Some(earlier_id) = &earlier.id else {
            continue;
        };
        let campaign = (!item.template).then_some(id.value.as_str());
        let finding = Finding::new(
            &META,
            id.at.loc,
            format!(
                "id `{}` of this {} is already the id of the {} at {}",
                id.value,
                kind(item),
                kind(earlier),
                position(cx, earlier_id.at.loc)
            ),
        )
        .with_campaign(campaign)
        .with_path("/id")
        .with_labels(id.at.provenance())
        .with_label(earlier_id.at.loc, format!("`{}` first used here", id.value))
        .with_help(
            "give this document an id of its own: ids are unique across every file checked \
             together",
        );
        out.push((item.doc, finding));
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::project::test_support::{at, run};

    const CAMPAIGN: &str = "apiVersion: promo/v1\nkind: Campaign\nid: shared-id\n";
    const TEMPLATE: &str = "apiVersion: promo/v1\nkind: Template\nid: shared-id\n";

    #[test]
    fn later_documents_are_reported_in_path_then_document_order() {
        let (sources, found) = run(
            check,
            &[
                ("a.yaml", CAMPAIGN),
                ("b.yaml", &format!("{TEMPLATE}---\n{CAMPAIGN}")),
            ],
        );
        let reported: Vec<String> = found.iter().map(|(_, f)| at(&sources, f)).collect();
        assert_eq!(reported, ["b.yaml:3:5", "b.yaml:7:5"]);
        for (doc, finding) in &found {
            assert_eq!(doc.file, 1);
            assert_eq!(finding.labels.len(), 1);
            assert_eq!(
                finding.labels[0].loc.file, 0,
                "label on the first, in a.yaml"
            );
            assert!(
                finding.message.contains("a.yaml:3:5"),
                "{}",
                finding.message
            );
        }
        assert_eq!(found[0].0.index, 0);
        assert_eq!(found[1].0.index, 1);
        // A template is not a campaign: its finding has no campaign id.
        assert_eq!(found[0].1.campaign, None);
        assert_eq!(found[1].1.campaign.as_deref(), Some("shared-id"));
    }

    #[test]
    fn distinct_and_unreadable_ids_are_not_reported() {
        let (_, found) = run(
            check,
            &[
                ("a.yaml", CAMPAIGN),
                (
                    "b.yaml",
                    "apiVersion: promo/v1\nkind: Campaign\nid: other-id\n---\n\
                     apiVersion: promo/v1\nkind: Campaign\nid: Shared-Id\n",
                ),
            ],
        );
        assert!(found.is_empty());
    }
}
