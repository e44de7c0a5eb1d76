//! Code actions: what the editor offers for a diagnostic.
//!
//! Each finding is offered the actions of every [`PROVIDERS`] entry, in
//! order: the finding's fix (CLI.md, "Fixes"; its byte-range edits turned
//! into text edits when it was published), then "suppress with a reason".
//! An unsafe fix is offered too, named so, and never as the preferred one.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Position, Range, TextEdit,
    WorkspaceEdit,
};
use serde_json::json;

use super::check::{Published, Reported};
use crate::catalog::{SUPPRESSION_REASON, UNUSED_SUPPRESSION};

/// The command that puts the cursor where the user types next (after an
/// edit), through `window/showDocument`.
pub const PLACE_CURSOR: &str = "promolint.placeCursor";

/// What a provider is given: one finding in the file it was published for.
pub struct ActionCx<'a> {
    pub published: &'a Published,
    pub item: &'a Reported,
    pub rule: &'static str,
    /// Whether the client can be asked to move the cursor
    /// (`window/showDocument` with a selection).
    pub can_place_cursor: bool,
}

type Provider = fn(&ActionCx) -> Option<CodeAction>;

/// The action providers, in the order their actions are listed.
const PROVIDERS: &[Provider] = &[apply_fix, suppress_with_reason];

/// The quick fixes for the findings of `published` whose range meets `range`.
pub fn code_actions(
    published: &Published,
    range: Range,
    only: Option<&[CodeActionKind]>,
    can_place_cursor: bool,
) -> Vec<CodeActionOrCommand> {
    let wanted = only.is_none_or(|kinds| {
        kinds
            .iter()
            .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
    });
    if !wanted {
        return Vec::new();
    }
    let mut actions = Vec::new();
    for item in published
        .items
        .iter()
        .filter(|item| meets(item.diagnostic.range, range))
    {
        let Some(rule) = item.rule else { continue };
        let cx = ActionCx {
            published,
            item,
            rule,
            can_place_cursor,
        };
        actions.extend(
            PROVIDERS
                .iter()
                .filter_map(|provider| provider(&cx))
                .map(CodeActionOrCommand::CodeAction),
        );
    }
    actions
}

/// Whether two ranges overlap or touch (a cursor at either end of a
/// diagnostic is on it).
pub fn meets(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The finding's own fix.
fn apply_fix(cx: &ActionCx) -> Option<CodeAction> {
    let fix = cx.item.fix.as_ref()?;
    let title = if fix.safe {
        format!("Fix `{}`: {}", cx.rule, fix.message)
    } else {
        format!(
            "Fix `{}` (unsafe: changes what it means): {}",
            cx.rule, fix.message
        )
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![cx.item.diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(
                cx.published.uri.clone(),
                fix.edits.clone(),
            )])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(fix.safe),
        ..CodeAction::default()
    })
}

/// `# promolint: disable-next-line=RULE -- ` on a new line above the
/// finding's, indented as that line is, with the cursor after `-- ` for the
/// reason.
fn suppress_with_reason(cx: &ActionCx) -> Option<CodeAction> {
    // A comment about a suppression comment is answered by editing that
    // comment, not by another one.
    if [SUPPRESSION_REASON.id, UNUSED_SUPPRESSION.id].contains(&cx.rule) {
        return None;
    }
    let published = cx.published;
    let text = &*published.text;
    let line = published.lines.line_of(cx.item.span.start.min(text.len()));
    let line_range = published.lines.line_range(text, line);
    let content = text.get(line_range.clone()).unwrap_or("");
    let indent_len = content.len() - content.trim_start_matches([' ', '\t']).len();
    let indent = content.get(..indent_len).unwrap_or("");
    let after_line = text.get(line_range.end..).unwrap_or("");
    let newline = if after_line.starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let comment = format!("{indent}# promolint: disable-next-line={} -- ", cx.rule);
    let line_number = u32::try_from(line).unwrap_or(u32::MAX);
    let at = Position::new(line_number, 0);
    let edit = TextEdit::new(Range::new(at, at), format!("{comment}{newline}"));
    // The comment is ASCII after the indentation (spaces and tabs), so its
    // length in bytes is its length in either encoding's units.
    let cursor = Position::new(line_number, u32::try_from(comment.len()).unwrap_or(0));
    let command = cx.can_place_cursor.then(|| Command {
        title: "Place the cursor for the reason".into(),
        command: PLACE_CURSOR.into(),
        arguments: Some(vec![json!({
            "uri": published.uri.as_str(),
            "position": cursor,
        })]),
    });
    Some(CodeAction {
        title: format!("Suppress `{}` on this line with a reason", cx.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![cx.item.diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(published.uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        command,
        ..CodeAction::default()
    })
}
