//! `funding-switch`: the campaign's own `funding.source` changed.

use crate::finding::{Finding, Severity};
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "funding-switch",
    default_severity: Severity::Error,
    summary: "the campaign's own funding.source changed since the base: someone else pays",
    what: "With `--base REV`, reports a campaign whose own file changed `funding.source` \
           (who pays for the discount) from its value at the base. A source that changes \
           with a template switch is `template-switch`; one a template edit changes is \
           `template-change`.",
    why: "In the 2025-01-16 incident the type of the fund changed with the template, and \
          the platform paid for a discount a merchant was meant to fund. Who pays is decided \
          by contracts and budgets outside the file: a change of it needs their owners.",
    bad: "# at the base: source: merchant\n\
          funding:\n  source: platform\n",
    good: "# at the base: source: merchant\n\
           funding:\n  source: merchant\n",
    config: "",
};

pub fn judge(_cx: &ChangeCx, _pair: &Pair, change: &Change) -> Option<Verdict> {
    if change.key != Key::FundingSource {
        return None;
    }
    let (old, new) = change.both()?;
    let new = new.value.show();
    Some(
        Verdict::new(format!(
            "funding.source changed from {} to {new}",
            old.value.show()
        ))
        .meaning(format!("{new} now pays for the discount")),
    )
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    super::own_changes(
        cx,
        &META,
        judge,
        "a new funder must agree to pay: get the change approved by the budget's owner",
        out,
    );
}
