//! Terminal-safe text for the formats people and CI logs read (human,
//! concise, github). A repository is its author's input: a file name, a key
//! or a value may hold ESC/OSC sequences (clear the screen, retitle the
//! window, hide a link), BEL, NUL, C1 controls, a bidi override that
//! reorders what a reviewer sees, or a line break that starts a GitHub
//! workflow command (`::error file=...`). Each such character is written as
//! `\u{1b}`, visibly, the way Rust's `escape_unicode` writes it. JSON,
//! SARIF and JUnit escape by their own grammar and are left alone.

use std::borrow::Cow;
use std::sync::Arc;

/// Whether a character must not reach a terminal raw: C0 controls (the
/// tab aside), DEL, C1 controls, the bidi embeddings, overrides, isolates
/// and marks, and the Unicode line and paragraph separators.
pub(crate) fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{a}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` for one line of output: every unsafe character escaped, line
/// breaks included.
pub(crate) fn line(text: &str) -> Cow<'_, str> {
    escape(text, |_| false)
}

/// `text` with its line breaks (`\n`, `\r`) kept, for a format that encodes
/// them its own way (the github format's `%0A`).
pub(crate) fn keeping_line_breaks(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\n' || c == '\r')
}

fn escape(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) && !keep(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A source text made safe for miette to echo: unsafe characters escaped,
/// the line structure (`\n`, and `\r` before it) kept, and each byte offset
/// of the original mapped into the escaped text so spans still cover what
/// they covered.
#[derive(Debug)]
pub(crate) struct EscapedSource {
    pub text: Arc<str>,
    /// For each escaped character: its offset in the original and the bytes
    /// the escapes up to and including it added.
    shifts: Vec<(u32, u32)>,
}

impl EscapedSource {
    /// `None` when the text has nothing to escape (the common case, which
    /// then costs one scan).
    pub(crate) fn new(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let keep = |i: usize, c: char| c == '\n' || (c == '\r' && bytes.get(i + 1) == Some(&b'\n'));
        if !text
            .char_indices()
            .any(|(i, c)| is_unsafe(c) && !keep(i, c))
        {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut shifts = Vec::new();
        let mut added: u32 = 0;
        for (i, c) in text.char_indices() {
            if is_unsafe(c) && !keep(i, c) {
                let before = out.len();
                out.extend(c.escape_unicode());
                let grown = (out.len() - before).saturating_sub(c.len_utf8());
                added = added.saturating_add(u32::try_from(grown).unwrap_or(u32::MAX));
                shifts.push((u32::try_from(i).unwrap_or(u32::MAX), added));
            } else {
                out.push(c);
            }
        }
        Some(EscapedSource {
            text: Arc::from(out),
            shifts,
        })
    }

    /// Where an offset of the original text lies in the escaped one: moved
    /// by what the escapes before it added.
    pub(crate) fn map(&self, offset: usize) -> usize {
        let offset32 = u32::try_from(offset).unwrap_or(u32::MAX);
        let before = self.shifts.partition_point(|&(at, _)| at < offset32);
        let added = match before.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            Some(&(_, added)) => added as usize,
            None => 0,
        };
        offset + added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_plain_text_is_borrowed() {
        assert!(matches!(line("plain 新春 tab\there"), Cow::Borrowed(_)));
        assert_eq!(
            line("x\n::error file=y::pwned\u{1b}]0;t\u{7}\u{0}\u{9b}\u{202e}"),
            "x\\u{a}::error file=y::pwned\\u{1b}]0;t\\u{7}\\u{0}\\u{9b}\\u{202e}"
        );
        assert_eq!(keeping_line_breaks("a\r\nb\u{1b}"), "a\r\nb\\u{1b}");
    }

    #[test]
    fn source_offsets_follow_the_escapes() {
        assert!(EscapedSource::new("a: 1\r\nb: 2\n").is_none());
        let text = "a: \u{1b}[2J\nb: x\u{202e}y\n";
        let escaped = EscapedSource::new(text).expect("something to escape");
        assert_eq!(&*escaped.text, "a: \\u{1b}[2J\nb: x\\u{202e}y\n");
        let at = |needle: &str| text.find(needle).expect("in the text");
        let mapped = |needle: &str| escaped.text.find(needle).expect("in the escaped text");
        assert_eq!(escaped.map(at("[2J")), mapped("[2J"));
        assert_eq!(escaped.map(at("b:")), mapped("b:"));
        assert_eq!(escaped.map(at("y")), mapped("y"));
        // A span over the control covers its whole escape.
        let esc = at("\u{1b}");
        assert_eq!(escaped.map(esc), mapped("\\u{1b}"));
        assert_eq!(escaped.map(esc + 1), mapped("[2J"));
        assert_eq!(escaped.map(text.len()), escaped.text.len());
    }
}
