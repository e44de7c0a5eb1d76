//! Byte offsets (what every promolint span is) to LSP positions and back.
//!
//! An LSP position is a line and a character offset counted in the code
//! units of the encoding agreed at `initialize`: UTF-16 unless the client
//! offers UTF-8. A line ends at `\n`, `\r\n` or a lone `\r`, as the protocol
//! says.

use lsp_types::{Position, PositionEncodingKind, Range};

/// The position encoding of a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it, else UTF-16 (the protocol's default,
    /// which every client supports).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let utf8 = offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, to convert offsets both ways.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// The byte range of a 0-based line, its line break excluded.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = text.get(start..next).unwrap_or("");
        let end = next - (content.len() - content.trim_end_matches(['\n', '\r']).len());
        start..end.max(start)
    }

    /// The position of byte `offset` (moved back to a character boundary,
    /// and to the end of the text when past it).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character: usize = text
            .get(start..offset)
            .map_or(0, |s| s.chars().map(|c| encoding.units(c)).sum());
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, text: &str, span: std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end, encoding),
        )
    }

    /// The byte offset of a position. A line past the end is the end of the
    /// text; a character past the end of its line is the line's end; one
    /// inside a character (half of a UTF-16 surrogate pair) is that
    /// character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let line = self.line_range(text, position.line as usize);
        let content = text.get(line.clone()).unwrap_or("");
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let next = units + encoding.units(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        line.end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_counts_differently_in_each_encoding() {
        let text = "a: 1\nlabel: \"新春立减\" # x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        // "label: \"" is 8 units in both; each Han character is 1 UTF-16
        // unit and 3 UTF-8 bytes.
        assert_eq!(
            index.position(text, x, Encoding::Utf16),
            Position::new(1, 16)
        );
        assert_eq!(
            index.position(text, x, Encoding::Utf8),
            Position::new(1, 24)
        );
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let position = index.position(text, x, encoding);
            assert_eq!(index.offset(text, position, encoding), x);
        }
    }

    #[test]
    fn surrogate_pairs_and_line_ends() {
        let text = "😀b\r\nc\rd";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(
            index.position(text, b, Encoding::Utf16),
            Position::new(0, 2)
        );
        // Half a surrogate pair is the character's start.
        assert_eq!(index.offset(text, Position::new(0, 1), Encoding::Utf16), 0);
        // Past the line's end: the end of the line, before `\r\n`.
        assert_eq!(
            index.offset(text, Position::new(0, 99), Encoding::Utf16),
            b + 1
        );
        // A lone `\r` ends a line too.
        let d = text.find('d').unwrap();
        assert_eq!(index.position(text, d, Encoding::Utf8), Position::new(2, 0));
        assert_eq!(
            index.offset(text, Position::new(9, 0), Encoding::Utf8),
            text.len()
        );
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
    }
}
