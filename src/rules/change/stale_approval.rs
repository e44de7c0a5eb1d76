//! `stale-approval`: a production campaign's terms changed under the same
//! approval ticket.

use crate::finding::{Finding, Label, Severity};
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, campaign_loc, show};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "stale-approval",
    default_severity: Severity::Error,
    summary: "a production campaign's terms changed since the base under the same approval ticket",
    what: "With `--base REV`, reports a production campaign whose `approval` is the same \
           ticket as at the base while its rate, amount, max_discount, funding, channels, \
           audience or budget changed, by any cause (its own file, a template switch or a \
           template edit), or was added or removed. The finding points at the `approval` \
           value with a label at each changed value. It stands beside the findings of the \
           other change rules.",
    why: "An approval is for terms: the ticket that approved 10% off for new users did not \
          approve 20% off for everyone. A changed campaign that keeps its ticket looks \
          approved to every later reader, and the audit trail no longer matches what runs.",
    bad: "# at the base: approval: MKT-2027-0113, rate: \"10%\"\n\
          approval: MKT-2027-0113\n\
          benefit:\n  rate: \"15%\"\n",
    good: "# at the base: approval: MKT-2027-0113, rate: \"10%\"\n\
           approval: MKT-2027-0140       # the ticket that approved 15%\n\
           benefit:\n  rate: \"15%\"\n",
    config: "",
};

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
