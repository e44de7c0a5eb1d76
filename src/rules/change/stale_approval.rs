//! `stale-approval`: a production campaign's terms changed under the same
//! approval ticket.

use crate::catalog::STALE_APPROVAL as META;
use crate::finding::{Finding, Label};
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, campaign_loc, show};

/// The terms an approval is for.
const TERMS: [Key; 10] = [
    Key::Rate,
    Key::Amount,
    Key::MaxDiscount,
    Key::FundingSource,
    Key::ProgramId,
    Key::Channels,
    Key::Segments,
    Key::Regions,
    Key::BudgetTotal,
    Key::PerUser,
];

/// The changes of `terms`: a value changed, added or removed. When a side's
/// template is unknown its values are unknown, not absent, so only values
/// both sides have count then.
pub(super) fn changed_terms<'c>(pair: &'c Pair, terms: &[Key]) -> Vec<&'c Change> {
    let unknown = pair.old.template_unknown || pair.new.template_unknown;
    pair.changes
        .iter()
        .filter(|c| terms.contains(&c.key))
        .filter(|c| !unknown || c.both().is_some())
        .collect()
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    for pair in cx.pairs {
        let campaign = pair.campaign();
        if !campaign.is_production() {
            continue;
        }
        let (Some(old), Some(new)) = (pair.old.campaign.approval.get(), campaign.approval.get())
        else {
            continue;
        };
        if old.value != new.value {
            continue;
        }
        let changed = changed_terms(pair, &TERMS);
        if changed.is_empty() {
            continue;
        }
        let list: Vec<String> = changed
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
            "approval {} is the same ticket as at {} ({}) while the terms changed: {}; the \
             ticket approved other terms",
            new.value,
            cx.revision.rev,
            cx.revision.short(),
            list.join(", ")
        );
        let labels = changed.iter().map(|c| Label {
            loc: campaign_loc(campaign, c),
            message: format!("{} changed", c.key.name()),
        });
        let finding = cx
            .finding(&META, pair, new.at.loc, Key::Approval.path(), message)
            .with_labels(labels)
            .with_help("get the new terms approved and write the new ticket in `approval`");
        out.push((pair.doc(), finding));
    }
}
