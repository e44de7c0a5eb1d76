//! `unused-suppression`: a suppression that matched no finding, or names an
//! unknown rule.

use crate::catalog::UNUSED_SUPPRESSION as META;
use crate::finding::Finding;
use crate::source::Loc;

/// A known rule named at `id_loc` whose suppression matched no finding;
/// `coverage` says where it looked (`on this line`).
pub fn unused(id_loc: Loc, id: &str, coverage: &str, help: Option<&str>) -> Finding {
    let finding = Finding::new(
        &META,
        id_loc,
        format!("unused suppression: no `{id}` finding {coverage}"),
    );
    match help {
        Some(help) => finding.with_help(help),
        None => finding.with_help(format!("remove `{id}` from the comment")),
    }
}

/// An id at `id_loc` that names no rule, with the closest known id if any.
pub fn unknown_rule(id_loc: Loc, id: &str, suggestion: Option<&str>) -> Finding {
    let hint = suggestion
        .map(|known| format!(" (did you mean `{known}`?)"))
        .unwrap_or_default();
    Finding::new(
        &META,
        id_loc,
        format!("unknown rule `{id}` in suppression{hint}"),
    )
    .with_help("`promolint rules` lists the rule ids")
}

/// A comment at `comment` that starts with `promolint:` but is not a
/// directive; `problem` says what is wrong with it.
pub fn malformed(comment: Loc, problem: &str) -> Finding {
    Finding::new(
        &META,
        comment,
        format!("malformed suppression comment: {problem}; it suppresses nothing"),
    )
    .with_help(
        "write `# promolint: disable=RULE[,RULE...] -- reason` (or `disable-next-line=`, `disable-file=`)",
    )
}
