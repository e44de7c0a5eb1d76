//! Within one scalar: which source bytes each decoded character came from.
//!
//! Display-text rules find terms in the decoded value (escapes processed,
//! lines folded) and must underline the original text. The map is built from
//! the scalar's own source slice only, never from a second parse.

use std::ops::Range;

use super::tree::{Scalar, Style};
use crate::source::Loc;

/// Per decoded character: its byte offset in the value and its source range.
#[derive(Clone, Debug)]
pub struct ScalarMap {
    chars: Vec<MappedChar>,
    /// Source offset just past the scalar's content.
    end: u32,
}

#[derive(Clone, Copy, Debug)]
struct MappedChar {
    value_offset: u32,
    source_start: u32,
    source_end: u32,
}

impl ScalarMap {
    /// Maps `scalar`, whose node covers `loc` in `file_text`.
    pub fn new(file_text: &str, loc: Loc, scalar: &Scalar) -> ScalarMap {
        Self::from_parts(file_text, loc, &scalar.value, scalar.style)
    }

    /// Maps a decoded `value` of `style` whose node covers `loc` in `file_text`.
    pub fn from_parts(file_text: &str, loc: Loc, value: &str, style: Style) -> ScalarMap {
        let base = loc.start as usize;
        let source = file_text.get(loc.range()).unwrap_or("");
        if matches!(style, Style::Literal | Style::Folded)
            && let Some(chars) = block_chars(source, base, value)
        {
            return ScalarMap {
                chars,
                end: to_u32(base + source.len()),
            };
        }
        let (content_start, content) = strip_quotes(source, style);
        let mut chars = Vec::with_capacity(value.len());
        let mut aligner = Aligner {
            source: content,
            pos: 0,
            style,
        };
        for (value_offset, c) in value.char_indices() {
            let range = aligner.next(c);
            chars.push(MappedChar {
                value_offset: to_u32(value_offset),
                source_start: to_u32(base + content_start + range.start),
                source_end: to_u32(base + content_start + range.end),
            });
        }
        ScalarMap {
            chars,
            end: to_u32(base + content_start + content.len()),
        }
    }

    /// The source byte range of the decoded bytes `value_range` (which
    /// should lie on character boundaries of the value).
    pub fn source_range(&self, value_range: Range<usize>) -> Range<usize> {
        let first = self
            .chars
            .partition_point(|c| (c.value_offset as usize) < value_range.start);
        let last = self
            .chars
            .partition_point(|c| (c.value_offset as usize) < value_range.end);
        match (
            self.chars.get(first),
            last.checked_sub(1).and_then(|i| self.chars.get(i)),
        ) {
            (Some(a), Some(b)) if last > first => a.source_start as usize..b.source_end as usize,
            (Some(a), _) => a.source_start as usize..a.source_start as usize,
            _ => self.end as usize..self.end as usize,
        }
    }
}

/// A block scalar (`|`, `>`) holds no escapes: every character of its
/// value that is not white space is written as it is, in order, so those are
/// paired one to one. White space (indentation, folding, chomping, blank
/// leading lines) maps to an empty range where it falls. `None` if the
/// source does not hold the characters in order.
fn block_chars(source: &str, base: usize, value: &str) -> Option<Vec<MappedChar>> {
    let mut written = source.char_indices().filter(|(_, c)| !c.is_whitespace());
    let mut chars = Vec::with_capacity(value.len());
    let mut last_end = base;
    for (offset, ch) in value.char_indices() {
        let range = if ch.is_whitespace() {
            last_end..last_end
        } else {
            let (at, found) = written.next()?;
            if found != ch {
                return None;
            }
            base + at..base + at + ch.len_utf8()
        };
        last_end = range.end;
        chars.push(MappedChar {
            value_offset: to_u32(offset),
            source_start: to_u32(range.start),
            source_end: to_u32(range.end),
        });
    }
    Some(chars)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn strip_quotes(source: &str, style: Style) -> (usize, &str) {
    let quote = match style {
        Style::SingleQuoted => '\'',
        Style::DoubleQuoted => '"',
        _ => return (0, source),
    };
    let inner = source.strip_prefix(quote).unwrap_or(source);
    let start = source.len() - inner.len();
    (start, inner.strip_suffix(quote).unwrap_or(inner))
}

/// Walks the source once, matching each decoded character in turn.
struct Aligner<'s> {
    source: &'s str,
    pos: usize,
    style: Style,
}

impl Aligner<'_> {
    fn next(&mut self, decoded: char) -> Range<usize> {
        loop {
            let rest = self.source.get(self.pos..).unwrap_or("");
            let Some(c) = rest.chars().next() else {
                return self.pos..self.pos;
            };
            let start = self.pos;
            if self.style == Style::DoubleQuoted && c == '\\' {
                let (value, len) = escape(rest);
                self.pos += len;
                match value {
                    Escape::Char => return start..self.pos,
                    Escape::LineContinuation => {
                        self.skip_indentation();
                        continue;
                    }
                }
            }
            if self.style == Style::SingleQuoted && decoded == '\'' && rest.starts_with("''") {
                self.pos += 2;
                return start..self.pos;
            }
            if c == decoded && !(is_break(c) && decoded == '\n' && self.folds()) {
                self.pos += c.len_utf8();
                if c == '\n' || c == '\r' {
                    self.finish_break(c);
                }
                return start..self.pos;
            }
            if is_break(c) && (decoded == ' ' || decoded == '\n') {
                // A folded or joined line: the break and the next line's
                // indentation become one decoded character.
                self.pos += c.len_utf8();
                self.finish_break(c);
                return start..self.pos;
            }
            if c == ' ' || c == '\t' || is_break(c) {
                // Indentation and trailing white space the value drops.
                self.pos += c.len_utf8();
                if is_break(c) {
                    self.finish_break(c);
                }
                continue;
            }
            // Out of step (should not happen): take one source character so
            // the walk always moves on.
            self.pos += c.len_utf8();
            return start..self.pos;
        }
    }

    fn folds(&self) -> bool {
        !matches!(self.style, Style::Literal)
    }

    fn finish_break(&mut self, c: char) {
        if c == '\r'
            && self
                .source
                .get(self.pos..)
                .is_some_and(|r| r.starts_with('\n'))
        {
            self.pos += 1;
        }
        if self.style != Style::Literal {
            self.skip_indentation();
        }
    }

    fn skip_indentation(&mut self) {
        while let Some(c) = self.source.get(self.pos..).and_then(|r| r.chars().next()) {
            if c == ' ' || c == '\t' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }
}

fn is_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

enum Escape {
    Char,
    LineContinuation,
}

/// A double-quoted escape at the start of `rest` (which starts with `\`):
/// what it decodes to and how many source bytes it takes.
fn escape(rest: &str) -> (Escape, usize) {
    let mut chars = rest.chars();
    chars.next();
    let Some(kind) = chars.next() else {
        return (Escape::Char, 1);
    };
    let hex_len = match kind {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        '\r' | '\n' => {
            let mut len = 1 + kind.len_utf8();
            if kind == '\r' && rest.get(len..).is_some_and(|r| r.starts_with('\n')) {
                len += 1;
            }
            return (Escape::LineContinuation, len);
        }
        other => return (Escape::Char, 1 + other.len_utf8()),
    };
    (Escape::Char, (2 + hex_len).min(rest.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Limits, NodeKind, load};

    /// The source text each decoded character of `key`'s value maps to.
    fn mapped(text: &str, key: &str) -> Vec<String> {
        let loaded = load(0, text, Limits::default());
        let doc = &loaded.documents[0];
        let root = doc.root.unwrap();
        let entry = doc.get(root, key).unwrap();
        let node = doc.node(entry.value).unwrap();
        let NodeKind::Scalar(s) = &node.kind else {
            panic!("not a scalar")
        };
        let map = ScalarMap::new(text, node.loc, s);
        s.value
            .char_indices()
            .map(|(i, c)| text[map.source_range(i..i + c.len_utf8())].to_string())
            .collect()
    }

    #[test]
    fn double_quoted_escapes_map_to_the_escape() {
        let m = mapped("label: \"政\\u200b府\\t补贴\"\n", "label");
        assert_eq!(m, ["政", "\\u200b", "府", "\\t", "补", "贴"]);
    }

    #[test]
    fn single_quotes_doubled() {
        let m = mapped("label: 'it''s'\n", "label");
        assert_eq!(m, ["i", "t", "''", "s"]);
    }

    #[test]
    fn folded_plain_lines_map_the_break() {
        let m = mapped("label: ab\r\n  cd\r\n", "label");
        assert_eq!(m, ["a", "b", "\r\n  ", "c", "d"]);
    }

    #[test]
    fn block_scalars_pair_their_visible_characters() {
        let m = mapped("label: |\n  ab\n  c\n", "label");
        assert_eq!(m, ["a", "b", "", "c", ""]);
        let m = mapped("label: >\n\n  ab\n    more\n  c\n", "label");
        let visible: Vec<&String> = m.iter().filter(|s| !s.is_empty()).collect();
        assert_eq!(visible, ["a", "b", "m", "o", "r", "e", "c"]);
    }

    #[test]
    fn range_covers_inner_characters() {
        let text = "label: \"政\\u200b府补贴\"\n";
        let loaded = load(0, text, Limits::default());
        let doc = &loaded.documents[0];
        let entry = doc.get(doc.root.unwrap(), "label").unwrap();
        let node = doc.node(entry.value).unwrap();
        let NodeKind::Scalar(s) = &node.kind else {
            panic!()
        };
        let map = ScalarMap::new(text, node.loc, s);
        let r = map.source_range(0..s.value.len());
        assert_eq!(&text[r], "政\\u200b府补贴");
    }
}
