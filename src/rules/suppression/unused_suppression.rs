//! `unused-suppression`: a suppression that matched no finding, or names an
//! unknown rule.

use crate::catalog::UNUSED_SUPPRESSION as META;
use crate::finding::{Edit, Finding};
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

/// The fix of an unused id: the id and its comma when the directive names
/// other rules too, else the whole comment (its line when nothing else is on
/// it). `ids` are the locations of the directive's ids in `text`, `index`
/// the one to remove; `None` when the ids could not be placed in the text.
pub fn removal(
    text: &str,
    comment: Loc,
    own_line: bool,
    ids: &[Loc],
    index: usize,
) -> Option<(String, Vec<Edit>)> {
    let target = ids.get(index)?;
    let id = text.get(target.range())?;
    if ids.contains(&comment) {
        return None;
    }
    if ids.len() > 1 {
        // `a, b`: the first id goes with the separator after it, any other
        // with the separator before it.
        let range = match index.checked_sub(1).and_then(|i| ids.get(i)) {
            Some(previous) => Loc {
                start: previous.end,
                ..*target
            },
            None => Loc {
                end: ids.get(1)?.start,
                ..*target
            },
        };
        return Some((
            format!("remove `{id}` from the comment"),
            vec![Edit::delete(range)],
        ));
    }
    let start = comment.start as usize;
    let end = comment.end as usize;
    let before = text.get(..start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let range = if own_line {
        let rest = text.get(end..)?;
        let line_end = if rest.starts_with("\r\n") {
            end + 2
        } else if rest.starts_with('\n') {
            end + 1
        } else {
            end
        };
        line_start..line_end
    } else {
        let kept = before.trim_end_matches([' ', '\t']).len();
        kept..end
    };
    let loc = Loc::new(comment.file, comment.doc, range.start, range.end);
    Some(("remove the comment".to_string(), vec![Edit::delete(loc)]))
}
