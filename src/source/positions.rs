//! The line structure of a text without the text, packed in one buffer: what
//! a file keeps once a run has given its text up (docs/decisions.md,
//! "Memory"). A generated campaign file of 670 bytes keeps about 70.
//!
//! The buffer is a run of LEB128 numbers: the text's length, then one entry
//! per line (the last one ends at the text's end, empty after a final
//! newline). An entry is the line's length in bytes shifted left by one,
//! its low bit set when the line holds characters of more than one byte;
//! such a line goes on with their count and, for each, the bytes from the
//! end of the one before (or the line's start) and its width.

use super::LineCol;

#[derive(Debug)]
pub(super) struct Positions(Box<[u8]>);

/// A line as the buffer records it.
struct Line<'p> {
    index: usize,
    start: u32,
    /// The entries of its wide characters (empty for an ASCII line).
    wide: Wide<'p>,
}

/// The wide characters of one line, read as they are needed.
#[derive(Clone)]
struct Wide<'p> {
    bytes: Reader<'p>,
    left: u32,
    /// Where the previous one ends, in bytes from the line's start.
    end: u32,
}

impl Iterator for Wide<'_> {
    /// Where a character starts in the line, and its width in bytes.
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let start = self.end.saturating_add(self.bytes.number()?);
        let width = self.bytes.number()?;
        self.end = start.saturating_add(width);
        Some((start, width))
    }
}

#[derive(Clone)]
struct Reader<'p>(&'p [u8]);

impl<'p> Reader<'p> {
    fn number(&mut self) -> Option<u32> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        Some(value)
    }

    /// Skips what is left of a line's wide characters.
    fn skip(&mut self, wide: &Wide<'p>) {
        let mut rest = wide.clone();
        while rest.next().is_some() {}
        self.0 = rest.bytes.0;
    }
}

fn push_number(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Positions {
    pub(super) fn of(text: &str) -> Self {
        let mut out = Vec::with_capacity(text.len() / 16 + 8);
        push_number(&mut out, clamp(text.len()));
        let mut wide = Vec::new();
        for line in text.split_inclusive('\n').chain(
            // The line after a final newline (or the one line of an empty
            // text), as the text's line starts count it.
            (text.is_empty() || text.ends_with('\n')).then_some(""),
        ) {
            wide.clear();
            if !line.is_ascii() {
                let mut end = 0;
                for (start, ch) in line.char_indices().filter(|(_, ch)| !ch.is_ascii()) {
                    let start = clamp(start);
                    let width = clamp(ch.len_utf8());
                    wide.push((start.saturating_sub(end), width));
                    end = start + width;
                }
            }
            let flag = u32::from(!wide.is_empty());
            push_number(&mut out, clamp(line.len()).saturating_mul(2) | flag);
            if !wide.is_empty() {
                push_number(&mut out, clamp(wide.len()));
                for &(gap, width) in &wide {
                    push_number(&mut out, gap);
                    push_number(&mut out, width);
                }
            }
        }
        Positions(out.into_boxed_slice())
    }

    fn len(&self) -> u32 {
        Reader(&self.0).number().unwrap_or(0)
    }

    /// The lines in order, each with its start.
    fn lines(&self) -> impl Iterator<Item = (Line<'_>, u32)> {
        let mut bytes = Reader(&self.0);
        let _len = bytes.number();
        let mut start: u32 = 0;
        let mut index = 0;
        std::iter::from_fn(move || {
            let entry = bytes.number()?;
            let length = entry >> 1;
            let left = if entry & 1 == 1 { bytes.number()? } else { 0 };
            let wide = Wide {
                bytes: bytes.clone(),
                left,
                end: 0,
            };
            bytes.skip(&wide);
            let line = Line { index, start, wide };
            index += 1;
            start = start.saturating_add(length);
            Some((line, length))
        })
    }

    /// The line that holds `offset` (at most the text's length): the last
    /// one that starts at or before it.
    fn line_of(&self, offset: u32) -> Option<Line<'_>> {
        let mut lines = self.lines().peekable();
        while let Some((line, length)) = lines.next() {
            if lines.peek().is_none() || offset < line.start.saturating_add(length) {
                return Some(line);
            }
        }
        None
    }

    /// Byte offset of the start of the line at `index` (0-based).
    pub(super) fn line_start(&self, index: usize) -> Option<u32> {
        self.lines().nth(index).map(|(line, _)| line.start)
    }

    /// The offset moved back to a character boundary (and to the end of
    /// the text when past it).
    pub(super) fn floor_char_boundary(&self, offset: u32) -> u32 {
        let offset = offset.min(self.len());
        let Some(line) = self.line_of(offset) else {
            return offset;
        };
        let within = offset - line.start.min(offset);
        for (start, width) in line.wide {
            if start < within && within < start.saturating_add(width) {
                return line.start.saturating_add(start);
            }
        }
        offset
    }

    pub(super) fn line_col(&self, offset: u32) -> LineCol {
        let offset = self.floor_char_boundary(offset);
        let Some(line) = self.line_of(offset) else {
            return LineCol { line: 1, column: 1 };
        };
        let within = offset - line.start.min(offset);
        // A wide character before the offset counts one column for its
        // bytes.
        let extra: u32 = line
            .wide
            .take_while(|&(start, _)| start < within)
            .map(|(_, width)| width.saturating_sub(1))
            .sum();
        LineCol {
            line: line.index + 1,
            column: within.saturating_sub(extra) as usize + 1,
        }
    }
}
