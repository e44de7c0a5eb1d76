//! `ambiguous-scalar`: plain scalars that YAML 1.1 tools read differently.

use super::{Reader, Step, pointer};
use crate::catalog::AMBIGUOUS_SCALAR;
use crate::finding::{Edit, Finding};
use crate::load::{Document, NodeId, NodeKind};

impl<'d> Reader<'d, '_, '_> {
    /// `ambiguous-scalar` over every value of the document as written.
    pub(super) fn ambiguous_scalars(&mut self) {
        let Some(root) = self.doc.root else { return };
        // Depth first, in document order. The path of the node being
        // visited is kept as a list of steps and written out only for a
        // finding: each stacked node has its depth and its own step.
        let mut stack: Vec<(NodeId, usize, Option<Step<'d>>)> = vec![(root, 0, None)];
        let mut steps: Vec<Step<'d>> = Vec::new();
        while let Some((id, depth, step)) = stack.pop() {
            steps.truncate(depth);
            steps.extend(step);
            let Some(node) = self.doc.node(id) else {
                continue;
            };
            match &node.kind {
                NodeKind::Scalar(s) if s.is_plain() && is_ambiguous(&s.value) => {
                    let finding = Finding::new(
                        &AMBIGUOUS_SCALAR,
                        node.loc,
                        format!(
                            "unquoted `{}` is read differently by YAML 1.1 tools",
                            s.value
                        ),
                    )
                    .with_path(pointer(&steps))
                    .with_help(format!(
                        "quote it (\"{}\") so every tool reads the same text",
                        s.value
                    ))
                    .with_fix(format!("quote `{}`", s.value), quote(node.loc));
                    self.push(finding);
                }
                NodeKind::Seq(items) => {
                    let depth = steps.len();
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((*item, depth, Some(Step::Index(i))));
                    }
                }
                NodeKind::Map(map) => {
                    let depth = steps.len();
                    let doc: &'d Document = self.doc;
                    for entry in map.entries.iter().rev() {
                        let key = doc.key_text(entry.key).unwrap_or("");
                        stack.push((entry.value, depth, Some(Step::Key(key))));
                    }
                }
                _ => {}
            }
        }
    }
}

/// Double quotes around a plain scalar: the ambiguous forms hold no
/// character that double quotes would escape.
fn quote(loc: crate::source::Loc) -> Vec<Edit> {
    vec![
        Edit::insert(loc, loc.start, "\""),
        Edit::insert(loc, loc.end, "\""),
    ]
}

/// The YAML 1.1 forms RULES.md lists for `ambiguous-scalar`.
pub fn is_ambiguous(text: &str) -> bool {
    if ["yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|word| text.eq_ignore_ascii_case(word))
    {
        return true;
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // A leading zero: `08`, `0755`, `007.5` (but not `0`, `0.5`).
    let int_part = unsigned.split('.').next().unwrap_or("");
    if int_part.len() > 1
        && int_part.starts_with('0')
        && digits_only(int_part)
        && unsigned.split('.').count() <= 2
        && unsigned.split('.').nth(1).is_none_or(digits_only)
    {
        return true;
    }
    // `1_000`, `1_000.5`
    if unsigned.contains('_')
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'_' || b == b'.')
        && unsigned.bytes().any(|b| b.is_ascii_digit())
    {
        return true;
    }
    // Sexagesimal `1:30`, `190:20:30` (a timestamp has `-` and `T` first).
    if unsigned.contains(':') {
        let mut parts = unsigned.split(':');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let last_ok = |p: &&str| {
            let int = p.split('.').next().unwrap_or("");
            int.len() <= 2 && digits_only(int) && p.split('.').nth(1).is_none_or(digits_only)
        };
        return digits_only(first) && !rest.is_empty() && rest.iter().all(last_ok);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_forms() {
        for t in [
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "N",
            "08",
            "0755",
            "1_000",
            "1:30",
            "190:20:30",
        ] {
            assert!(is_ambiguous(t), "{t}");
        }
        for t in [
            "0",
            "0.5",
            "10",
            "1e6",
            "2025-01-16T14:40:00+08:00",
            "true",
            "none",
            "12.50",
            "a:b",
        ] {
            assert!(!is_ambiguous(t), "{t}");
        }
    }
}
