//! `unknown-template`: `template:` names no Template document.

use crate::catalog::UNKNOWN_TEMPLATE as META;
use std::collections::HashMap;

use super::kind;
use crate::finding::Finding;
use crate::model::{DocRef, did_you_mean};
use crate::rules::{DocEntry, ProjectCx};

/// Reports every campaign whose template was not found.
pub fn check(cx: &ProjectCx, out: &mut Vec<(DocRef, Finding)>) {
    if !cx.campaigns.iter().any(|e| e.template_unknown) {
        return;
    }
    let mut templates: Vec<&str> = cx
        .docs
        .iter()
        .filter(|doc| doc.template)
        .filter_map(|doc| Some(doc.id.as_ref()?.value.as_str()))
        .collect();
    templates.sort_unstable();
    templates.dedup();
    // The first document with each id, for the campaigns that name one that
    // is not a template: one pass over the items, not one per campaign.
    let mut by_id: HashMap<&str, &DocEntry> = HashMap::new();
    for &doc in cx.docs {
        if let Some(id) = &doc.id {
            by_id.entry(id.value.as_str()).or_insert(doc);
        }
    }

    for effective in cx.campaigns {
        if !effective.template_unknown {
            continue;
        }
        let campaign = &effective.campaign;
        // An unreadable `template:` is `invalid-value` already.
        let Some(name) = campaign.template.get() else {
            continue;
        };
        let name_text = name.value.as_str();
        // Not a template, but perhaps another kind of document.
        let other = by_id.get(name_text);
        let message = match other {
            Some(item) => format!(
                "template `{name_text}` is not a Template: that id belongs to a {}",
                kind(item)
            ),
            None => format!("template `{name_text}` is not defined by any Template document"),
        };
        let help = match did_you_mean(name_text, &templates) {
            Some(close) => format!("did you mean `{close}`?"),
            None if templates.is_empty() => {
                "no file checked defines a Template (`kind: Template`); add it, or remove \
                 `template:`"
                    .to_string()
            }
            None => format!(
                "name one of the templates defined ({}), or add the template",
                list(&templates)
            ),
        };
        out.push((
            campaign.anchor.doc,
            Finding::new(&META, name.at.loc, message)
                .with_campaign(campaign.id())
                .with_path("/template")
                .with_labels(name.at.provenance())
                .with_help(help),
        ));
    }
}

/// At most a few ids, for a help line.
fn list(ids: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut text = ids
        .iter()
        .take(SHOWN)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::project::test_support::{at, run};

    const TEMPLATE: &str = "apiVersion: promo/v1\nkind: Template\nid: tmpl-autumn-sale\n";

    fn campaign(template: &str) -> String {
        format!("apiVersion: promo/v1\nkind: Campaign\nid: autumn-a\ntemplate: {template}\n")
    }

    #[test]
    fn suggests_a_close_template() {
        let (sources, found) = run(
            check,
            &[
                ("c.yaml", &campaign("tmpl-autum-sale")),
                ("t.yaml", TEMPLATE),
            ],
        );
        assert_eq!(found.len(), 1);
        let finding = &found[0].1;
        assert_eq!(at(&sources, finding), "c.yaml:4:11");
        assert_eq!(
            finding.help.as_deref(),
            Some("did you mean `tmpl-autumn-sale`?")
        );
        assert_eq!(finding.campaign.as_deref(), Some("autumn-a"));
    }

    #[test]
    fn a_found_template_is_fine() {
        let (_, found) = run(
            check,
            &[
                ("c.yaml", &campaign("tmpl-autumn-sale")),
                ("t.yaml", TEMPLATE),
            ],
        );
        assert!(found.is_empty());
    }

    #[test]
    fn a_campaign_id_is_not_a_template() {
        let (_, found) = run(check, &[("c.yaml", &campaign("autumn-a"))]);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.message.contains("belongs to a campaign"));
    }
}
