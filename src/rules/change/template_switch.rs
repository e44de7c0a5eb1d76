//! `template-switch`: the campaign's `template` changed, and compared
//! values changed with it (REVIEW.md; the 2025-01-16 incident).

use crate::catalog::TEMPLATE_SWITCH as META;
use crate::finding::{Finding, Label};
use crate::model::DocRef;
use crate::review::{Cause, Change, ChangeCx, Key, show};

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    for pair in cx.pairs {
        let Some(template) = pair.change(Key::Template) else {
            continue;
        };
        let switched: Vec<&Change> = pair
            .changes
            .iter()
            .filter(|c| c.cause == Cause::Switch)
            .collect();
        if switched.is_empty() {
            continue;
        }
        let new_template = show(template.new.as_ref());
        let list: Vec<String> = switched
            .iter()
            .map(|c| {
                format!(
                    "{} {} -> {}",
                    c.key.name(),
                    show(c.old.as_ref()),
                    show(c.new.as_ref())
                )
            })
            .collect();
        let message = format!(
            "template {} -> {new_template} changes: {} {}",
            show(template.old.as_ref()),
            list.join(", "),
            cx.since()
        );
        let loc = template
            .new
            .as_ref()
            .map_or(pair.campaign().anchor.kind_key, |s| s.loc());
        let mut finding = cx
            .finding(&META, pair, loc, Key::Template.path(), message)
            .with_help(
                "a template brings every value it sets: check each change above, or set in \
                 the campaign's own file the values it must keep",
            );
        if let Some(old) = &template.old {
            finding = finding.with_labels([cx.was(old)]);
        }
        let labels = switched.iter().filter_map(|c| {
            let new = c.new.as_ref().filter(|s| s.inherited())?;
            Some(Label {
                loc: new.loc(),
                message: format!(
                    "{} {} from template {new_template}",
                    c.key.name(),
                    new.value.show()
                ),
            })
        });
        out.push((pair.doc(), finding.with_labels(labels)));
    }
}
