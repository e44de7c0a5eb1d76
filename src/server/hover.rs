//! Hover: on a diagnostic's range, the documentation of its rule, as
//! `promolint explain` prints it.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};

use super::actions::meets;
use super::check::Published;
use crate::rules;

/// The hover at `position`: every rule with a diagnostic there, explained.
pub fn hover(published: &Published, position: Position, markdown: bool) -> Option<Hover> {
    let at = Range::new(position, position);
    let mut rules_here: Vec<&'static str> = Vec::new();
    let mut range: Option<Range> = None;
    for item in &published.items {
        if !meets(item.diagnostic.range, at) {
            continue;
        }
        let Some(rule) = item.rule else { continue };
        if !rules_here.contains(&rule) {
            rules_here.push(rule);
        }
        range.get_or_insert(item.diagnostic.range);
    }
    let explained: Vec<String> = rules_here
        .iter()
        .filter_map(|id| rules::get(id))
        .map(|rule| {
            let text = rules::docs::render(rule);
            if markdown {
                format!("**promolint `{}`**\n\n```text\n{text}```", rule.id)
            } else {
                text
            }
        })
        .collect();
    if explained.is_empty() {
        return None;
    }
    let separator = if markdown { "\n\n---\n\n" } else { "\n\n" };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: explained.join(separator),
        }),
        range,
    })
}
