//! `template-switch`: the campaign's `template` changed, and compared
//! values changed with it (REVIEW.md; the 2025-01-16 incident).

use crate::finding::{Finding, Label, Severity};
use crate::model::DocRef;
use crate::review::{Cause, Change, ChangeCx, Key, show};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "template-switch",
    default_severity: Severity::Error,
    summary: "template changed since the base, and the values it brings changed with it",
    what: "With `--base REV`, reports a campaign whose `template` was added, removed or \
           changed to another id since the base, when at least one compared value \
           (rate, amount, max_discount, min_spend, benefit.type, funding, channels, \
           audience, budget, label, environment) changed with it because it comes, or \
           came, from a template. The message lists every such change, old and new \
           (`(none)` where a side has no value); the finding points at the new `template` \
           value (the document's `kind` when it was removed) with a label at each value \
           the new template sets. Values changed this way are not reported again by \
           `rate-jump`, `amount-jump`, `funding-switch` and the other own-change rules.",
    why: "On 16 January 2025 a routine campaign was switched to the wrong template: a \
          one-line diff (`template: tmpl-gov-subsidy`) that changed the discount and the \
          type of its fund. Every value was within its own limit; only the comparison with \
          the version before shows what the line does.",
    bad: "# at the base: template: tmpl-merchant-qr (merchant-funded, 5 yuan off)\n\
          template: tmpl-platform-boost   # 18% off, platform-funded\n",
    good: "# at the base: template: tmpl-merchant-qr\n\
           template: tmpl-merchant-qr\n",
    config: "An intended switch is recorded on the `template:` line: \
             `template: tmpl-platform-boost  # promolint: disable=template-switch -- MKT-2027-0200`.",
};

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
