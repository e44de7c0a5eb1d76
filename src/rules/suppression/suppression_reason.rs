//! `suppression-reason`: a suppression comment that does not say why.

use crate::catalog::SUPPRESSION_REASON as META;
use crate::finding::Finding;
use crate::source::Loc;

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
