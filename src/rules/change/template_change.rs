//! `template-change`: a template's value changed in a way an own-change
//! rule would report, for the campaigns that inherit it: one finding at the
//! template, never one per campaign.

use std::collections::HashMap;

use crate::catalog::TEMPLATE_CHANGE as META;
use crate::finding::{Finding, Label, Severity};
use crate::model::DocRef;
use crate::review::{Cause, ChangeCx, Key, Slot, template_loc};
use crate::source::Loc;

/// How many inheriting campaigns the message names.
const NAMED: usize = 5;

struct Group<'a> {
    template: &'a str,
    key: Key,
    message: String,
    consequence: Option<String>,
    loc: Loc,
    doc: DocRef,
    old: Option<Slot>,
    labels: Vec<Label>,
    /// Id, production, and the document of each inheriting campaign.
    campaigns: Vec<(&'a str, bool, DocRef)>,
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<(String, Key, String), usize> = HashMap::new();
    for pair in cx.pairs {
        let campaign = pair.campaign();
        let (Some(id), Some(name)) = (campaign.id(), campaign.template.value()) else {
            continue;
        };
        let Some(template) = cx.templates.get(name.as_str()) else {
            continue;
        };
        for change in pair.changes.iter().filter(|c| c.cause == Cause::Inherited) {
            let Some(verdict) = super::OWN_CHANGE_JUDGES
                .iter()
                .find_map(|judge| judge(cx, pair, change))
            else {
                continue;
            };
            let key = (name.clone(), change.key, verdict.message.clone());
            let group = match index.get(&key) {
                Some(&i) => i,
                None => {
                    index.insert(key, groups.len());
                    groups.push(Group {
                        template: name.as_str(),
                        key: change.key,
                        message: verdict.message,
                        consequence: verdict.consequence,
                        loc: verdict
                            .loc
                            .unwrap_or_else(|| template_loc(template, change)),
                        doc: template.anchor.doc,
                        old: change.old.clone(),
                        labels: verdict.labels,
                        campaigns: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            if let Some(group) = groups.get_mut(group) {
                group
                    .campaigns
                    .push((id, campaign.is_production(), pair.doc()));
            }
        }
    }

    for group in groups {
        let production: Vec<&str> = group
            .campaigns
            .iter()
            .filter(|c| c.1)
            .map(|c| c.0)
            .collect();
        let (severity, names, affects) = if production.is_empty() {
            let all: Vec<&str> = group.campaigns.iter().map(|c| c.0).collect();
            let n = all.len();
            (
                Severity::Warning,
                all,
                format!("affects {n} {}, none in production", plural(n)),
            )
        } else {
            let n = production.len();
            (
                Severity::Error,
                production,
                format!("affects {n} production {}", plural(n)),
            )
        };
        let mut listed: Vec<&str> = names.iter().take(NAMED).copied().collect();
        if names.len() > NAMED {
            listed.push("...");
        }
        let change = match &group.consequence {
            Some(consequence) => format!("{} {}: {consequence}", group.message, cx.since()),
            None => format!("{} {}", group.message, cx.since()),
        };
        let message = format!(
            "template {}: {change}; {affects}: {}",
            group.template,
            listed.join(", ")
        );
        let mut finding = Finding::new(&META, group.loc, message)
            .with_path(group.key.path())
            .with_labels(group.labels)
            .with_help(
                "every campaign built on the template changes with it: check them, or make \
                 a new template for the campaigns that need the new terms",
            );
        finding.severity = severity;
        if let Some(old) = &group.old {
            finding = finding.with_labels([cx.was(old)]);
        }
        // Reported for the template's file; when only campaigns are named
        // (a hook passing the changed files), for the first named campaign
        // that inherits the change.
        let doc = if cx.is_named(group.doc.file) {
            group.doc
        } else {
            group
                .campaigns
                .iter()
                .map(|c| c.2)
                .find(|doc| cx.is_named(doc.file))
                .unwrap_or(group.doc)
        };
        out.push((doc, finding));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "campaign" } else { "campaigns" }
}
