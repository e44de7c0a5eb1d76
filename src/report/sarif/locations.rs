//! `locations`: artifact URIs relative to the source root, and regions in
//! the character offsets SARIF counts.

use std::collections::HashMap;
use std::path::{MAIN_SEPARATOR, Path};

use super::{ArtifactLocation, Message, PhysicalLocation, Region, SRCROOT};
use crate::report::{Place, place};
use crate::source::{FileId, LineCol, Loc, Sources};

pub(super) fn physical_location(char_offsets: &mut CharOffsets, loc: Loc) -> PhysicalLocation {
    let at = place(char_offsets.sources, loc);
    PhysicalLocation {
        artifact_location: artifact_location(at.path),
        region: Some(char_offsets.region(loc.file, &at)),
    }
}

/// A reported path as a URI: relative paths against `%SRCROOT%`, absolute
/// ones (named outside the project) as `file:` URIs.
pub(super) fn artifact_location(path: &str) -> ArtifactLocation {
    if Path::new(path).is_absolute() {
        ArtifactLocation {
            uri: Some(file_uri(path)),
            uri_base_id: None,
            description: None,
        }
    } else {
        let relative = path.strip_prefix("./").unwrap_or(path);
        ArtifactLocation {
            uri: Some(percent_encode(&forward_slashes(relative), false)),
            uri_base_id: Some(SRCROOT),
            description: None,
        }
    }
}

pub(super) fn source_root(base_dir: Option<&Path>) -> ArtifactLocation {
    let absolute = base_dir
        .filter(|dir| dir.is_absolute())
        .and_then(|dir| dir.to_str());
    match absolute {
        Some(dir) => {
            let mut uri = file_uri(dir);
            if !uri.ends_with('/') {
                uri.push('/');
            }
            ArtifactLocation {
                uri: Some(uri),
                uri_base_id: None,
                description: None,
            }
        }
        None => ArtifactLocation {
            uri: None,
            uri_base_id: None,
            description: Some(Message::new("the directory promolint was run in")),
        },
    }
}

pub(super) fn file_uri(absolute: &str) -> String {
    let path = forward_slashes(absolute);
    // A Windows path (`C:/x`) needs the slash that a Unix path starts with.
    let separator = if path.starts_with('/') { "" } else { "/" };
    format!("file://{separator}{}", percent_encode(&path, true))
}

pub(super) fn forward_slashes(path: &str) -> String {
    if MAIN_SEPARATOR == '/' {
        path.to_owned()
    } else {
        path.replace(MAIN_SEPARATOR, "/")
    }
}

/// Percent-encodes all but unreserved characters and `/`. A colon is kept
/// only in absolute paths (a drive letter): in a relative reference it would
/// read as a scheme.
pub(super) fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(char::from(byte));
            }
            b':' if keep_colon => encoded.push(':'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// Character offsets for SARIF regions, from line/column: the number of
/// characters before each line is counted once per file, not per finding.
pub(super) struct CharOffsets<'a> {
    sources: &'a Sources,
    line_starts: HashMap<FileId, Vec<usize>>,
}

impl<'a> CharOffsets<'a> {
    pub(super) fn new(sources: &'a Sources) -> Self {
        CharOffsets {
            sources,
            line_starts: HashMap::new(),
        }
    }

    fn region(&mut self, file: FileId, at: &Place) -> Region {
        let char_offset = self.offset(file, at.start);
        let char_end = self.offset(file, at.end);
        Region {
            start_line: at.start.line,
            start_column: at.start.column,
            end_line: at.end.line,
            end_column: at.end.column,
            char_offset,
            char_length: char_end.saturating_sub(char_offset),
        }
    }

    fn offset(&mut self, file: FileId, at: LineCol) -> usize {
        let sources = self.sources;
        let starts = self.line_starts.entry(file).or_insert_with(|| {
            sources
                .get(file)
                .map_or_else(|| vec![0], |source| line_char_starts(&source.text))
        });
        let line_start = at
            .line
            .checked_sub(1)
            .and_then(|index| starts.get(index))
            .copied()
            .unwrap_or(0);
        line_start + at.column.saturating_sub(1)
    }
}

/// Lines end at `\n`, as in [`crate::source::SourceFile`].
pub(super) fn line_char_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (index, c) in text.chars().enumerate() {
        if c == '\n' {
            starts.push(index + 1);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(percent_encode("a b/新.yaml", false), "a%20b/%E6%96%B0.yaml");
        assert_eq!(percent_encode("c:x", false), "c%3Ax");
        assert_eq!(percent_encode("C:/x", true), "C:/x");
    }
}
