//! `rate-jump`: the campaign's own `benefit.rate` was raised a lot.

use crate::finding::{Finding, Severity};
use crate::model::DocRef;
use crate::review::{Change, ChangeCx, Key, Pair, Verdict, jump, times};
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "rate-jump",
    default_severity: Severity::Error,
    summary: "the campaign's own benefit.rate raised by change.rate_factor times or change.rate_points since the base",
    what: "With `--base REV`, reports a campaign whose own file raised `benefit.rate` to at \
           least `change.rate_factor` times the rate at the base (the merge base of REV and \
           HEAD), or by at least `change.rate_points` percentage points. Only a change the \
           campaign's file made counts: a rate that arrives with a template switch is \
           `template-switch`, one a template edit brings is `template-change`. A rate that is \
           missing on either side is not compared.",
    why: "A one-character edit (`2%` to `20%`) passes every static limit when the ceiling \
          is high enough, and a reviewer of a large diff may not see it. Ten times the \
          discount is ten times the cost per payment; the change needs the attention an \
          approval gives, before it is merged.",
    bad: "# at the base: rate: \"2%\"\n\
          benefit:\n  type: percent_off\n  rate: \"20%\"        # x10 since the base\n  \
          max_discount: \"20.00\"\n",
    good: "# at the base: rate: \"2%\"\n\
           benefit:\n  type: percent_off\n  rate: \"3%\"\n  max_discount: \"20.00\"\n",
    config: "The thresholds are `change.rate_factor` (built-in: 2) and `change.rate_points` \
             (built-in: \"10%\") in .promolint.yaml. An intended raise is recorded on its \
             line: `rate: \"20%\"  # promolint: disable=rate-jump -- approved in MKT-2027-0200`.",
};

/// A raise of at least the factor or the points (the factor is shown when
/// it is met, else the points).
pub fn judge(cx: &ChangeCx, _pair: &Pair, change: &Change) -> Option<Verdict> {
    if change.key != Key::Rate {
        return None;
    }
    let (old, new) = change.both()?;
    let (old_rate, new_rate) = (old.value.percent()?, new.value.percent()?);
    let limits = &cx.policy.change;
    let how = match jump(old_rate.0, new_rate.0, limits.rate_factor) {
        Some(ratio) => times(ratio),
        None => {
            let points = new_rate.0 - old_rate.0;
            if points < limits.rate_points.0 {
                return None;
            }
            format!("+{} percentage points", points.normalize())
        }
    };
    Some(Verdict::new(format!(
        "rate raised from {old_rate} to {new_rate} ({how})"
    )))
}

pub fn check(cx: &ChangeCx, out: &mut Vec<(DocRef, Finding)>) {
    super::own_changes(
        cx,
        &META,
        judge,
        "a raise this large needs its own approval: check that the rate is meant, and record the ticket",
        out,
    );
}
