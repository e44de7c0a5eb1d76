//! Suppression comments, reported by the suppression stage (`suppress`).

use super::{FixApplicability, RuleMeta, Severity};

pub static SUPPRESSION_REASON: RuleMeta = RuleMeta {
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
    fix: None,
};

pub static UNUSED_SUPPRESSION: RuleMeta = RuleMeta {
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
    fix: Some(FixApplicability::Safe),
};
