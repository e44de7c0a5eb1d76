//! `unused-suppression`: a suppression that matched no finding, or names an
//! unknown rule.

use crate::finding::{Finding, Severity};
use crate::rules::RuleMeta;
use crate::source::Loc;

pub static META: RuleMeta = RuleMeta {
    id: "unused-suppression",
    default_severity: Severity::Warning,
    summary: "a suppression that matched no finding, or names an unknown rule",
    what: "Reports a rule id in a `# promolint: disable...` comment that suppressed nothing: no \
           finding of that rule starts on the comment's line (`disable`), on the line after it \
           (`disable-next-line`) or anywhere in the file (`disable-file`). It also reports an id \
           that names no rule, with a \"did you mean\" hint, and a comment that starts with \
           `promolint:` but is not a well-formed directive. It points at the id in the comment \
           (at the whole comment when the directive is malformed). An id whose rule is off for \
           the file, or left out by `--select` or `--ignore`, is not reported: it could not \
           have matched in this run.",
    why: "A suppression that no longer matches is left over from a fix or from a line that \
          moved, and it waits to hide the next, unrelated finding on its line. A misspelt id \
          (`rate-cieling`) suppresses nothing while it looks as if it did.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"  # promolint: disable=rate-ceiling -- approved in MKT-2025-0200\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n",
    config: "Remove the id, or the whole comment. A suppression is used when it matches a \
             finding of any campaign checked in the run, so a comment in a template is used \
             when a campaign inheriting the value has the finding; only comments in the files \
             named on the command line are reported. \
             `# promolint: disable-file=unused-suppression -- <why>` silences this rule for the \
             other suppression comments of its file (a comment cannot silence the finding about \
             itself); if it silences nothing, it is reported itself, and that report cannot be \
             suppressed. To turn the rule off, set `rules: { unused-suppression: off }`.",
};

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
