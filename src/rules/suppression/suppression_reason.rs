//! `suppression-reason`: a suppression comment that does not say why.

use crate::finding::{Finding, Severity};
use crate::rules::RuleMeta;
use crate::source::Loc;

pub static META: RuleMeta = RuleMeta {
    id: "suppression-reason",
    default_severity: Severity::Error,
    summary: "a suppression comment without `-- reason`",
    what: "Reports a `# promolint: disable=...`, `disable-next-line=...` or `disable-file=...` \
           comment that gives no reason after `--`, or an empty one. The comment still \
           suppresses what it names: this finding asks for the reason, it does not bring the \
           suppressed finding back.",
    why: "A suppression outlives the people who wrote it. Without a reason (the approval \
          ticket, the agreement, the date it can go), a reviewer cannot tell an approved \
          exception from a finding that was silenced to get a release through, and nobody \
          knows when the exception may be removed.",
    bad: "benefit:\n  type: percent_off\n  rate: \"25%\"  # promolint: disable=rate-ceiling\n",
    good: "benefit:\n  type: percent_off\n  rate: \"25%\"  # promolint: disable=rate-ceiling -- approved in MKT-2025-0200\n",
    config: "The reason is any text after `--`; spaces around `=`, `,` and `--` are optional. \
             A comment cannot suppress the finding about itself, but another comment can: \
             `# promolint: disable-file=suppression-reason -- <why>` covers the other \
             suppression comments of its file. To stop requiring reasons, set \
             `rules: { suppression-reason: off }`.",
};

/// The finding for the suppression comment at `comment`, which has no
/// reason; `directive` is what it says (`disable=rate-ceiling`), for the
/// help; `unmarked` when text follows the ids without `--` before it.
pub fn finding(comment: Loc, directive: &str, unmarked: bool) -> Finding {
    let message = if unmarked {
        "suppression without a reason: the text after the rule ids needs `--` before it"
    } else {
        "suppression without a reason"
    };
    Finding::new(&META, comment, message).with_help(format!(
        "say why after `--`: `# promolint: {directive} -- <reason>` (an approval ticket, an agreement)"
    ))
}
