//! Source files and positions: every span in promolint is a byte range into
//! one of these texts, and line/column are derived from it only when a report
//! is written.

use std::sync::{Arc, OnceLock};

mod positions;

use positions::Positions;

/// Index of a file in [`Sources`].
pub type FileId = u32;

/// Marks a [`Loc`] that belongs to no particular YAML document of its file.
pub const NO_DOC: u32 = u32::MAX;

/// A byte range in one file, together with the YAML document it lies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
    /// 0-based index of the YAML document, or [`NO_DOC`].
    pub doc: u32,
}

impl Loc {
    pub fn new(file: FileId, doc: u32, start: usize, end: usize) -> Self {
        Loc {
            file,
            doc,
            start: clamp_u32(start),
            end: clamp_u32(end.max(start)),
        }
    }

    pub fn len(&self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The document index, `None` for file-level locations.
    pub fn document(&self) -> Option<u32> {
        (self.doc != NO_DOC).then_some(self.doc)
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One file's text as read, and the path it is reported under.
#[derive(Debug)]
pub struct SourceFile {
    pub id: FileId,
    /// The path as given on the command line or found by the walk, with a
    /// leading `./` removed.
    pub path: String,
    pub text: Arc<str>,
    /// Where each line starts, built the first time a report asks: most
    /// files of a large project are read for context and never reported.
    line_starts: OnceLock<Vec<u32>>,
    /// What is left of the text once a run has given it up for its
    /// positions ([`SourceFile::keep_positions_only`]).
    positions: Option<Positions>,
}

impl SourceFile {
    pub fn new(id: FileId, path: String, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            id,
            path,
            text: text.into(),
            line_starts: OnceLock::new(),
            positions: None,
        }
    }

    /// Gives the text up (for `empty`, one shared empty text) and keeps
    /// only what [`SourceFile::line_col`] and
    /// [`SourceFile::floor_char_boundary`] read: for a run whose report
    /// shows no source and that reads no text past its rules.
    pub fn keep_positions_only(&mut self, empty: &Arc<str>) {
        if self.positions.is_some() {
            return;
        }
        self.positions = Some(Positions::of(&self.text));
        self.text = Arc::clone(empty);
        self.line_starts = OnceLock::new();
    }

    /// Whether the text was given up ([`SourceFile::keep_positions_only`]).
    pub fn positions_only(&self) -> bool {
        self.positions.is_some()
    }

    /// A byte offset moved back to the nearest character boundary (and to
    /// the end of the text when past it).
    pub fn floor_char_boundary(&self, offset: u32) -> u32 {
        if let Some(positions) = &self.positions {
            return positions.floor_char_boundary(offset);
        }
        let mut offset = (offset as usize).min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        clamp_u32(offset)
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            starts.extend(
                self.text
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| clamp_u32(i + 1)),
            );
            starts
        })
    }

    /// Line and column of a byte offset. Offsets inside a character or past
    /// the end are moved back to the nearest character boundary.
    pub fn line_col(&self, offset: u32) -> LineCol {
        if let Some(positions) = &self.positions {
            return positions.line_col(offset);
        }
        let offset = self.floor_char_boundary(offset) as usize;
        let line_starts = self.line_starts();
        let line_index = match line_starts.binary_search(&clamp_u32(offset)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = line_starts.get(line_index).copied().unwrap_or(0) as usize;
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count());
        LineCol {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// Byte offset of the start of a 1-based line, if the file has it.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        if let Some(positions) = &self.positions {
            return positions.line_start(line.checked_sub(1)?);
        }
        self.line_starts().get(line.checked_sub(1)?).copied()
    }

    /// The text a location covers (empty when the location is not valid here).
    pub fn slice(&self, loc: Loc) -> &str {
        self.text.get(loc.range()).unwrap_or("")
    }
}

/// The git revision a change review compares with (`check --base`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    /// As the user wrote it (`origin/main`).
    pub rev: String,
    /// The full id of the merge base.
    pub commit: String,
}

impl Revision {
    /// The commit's abbreviated id, as messages show it.
    pub fn short(&self) -> &str {
        self.commit.get(..7).unwrap_or(&self.commit)
    }
}

/// Every file of one run, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    /// With `--base`: the revision, and the first id of its files (the
    /// texts read from git, whose paths are written `REV:path`).
    revision: Option<(Revision, FileId)>,
}

impl Sources {
    pub fn add(&mut self, path: String, text: impl Into<Arc<str>>) -> FileId {
        let id = clamp_u32(self.files.len());
        self.files.push(SourceFile::new(id, path, text));
        id
    }

    /// Adds a file built already (e.g. on a worker thread); it gets the
    /// next id.
    pub fn push(&mut self, mut file: SourceFile) -> FileId {
        let id = clamp_u32(self.files.len());
        file.id = id;
        self.files.push(file);
        id
    }

    /// The files built already (e.g. on worker threads), in id order.
    pub fn from_files(mut files: Vec<SourceFile>) -> Self {
        for (index, file) in files.iter_mut().enumerate() {
            file.id = clamp_u32(index);
        }
        Sources {
            files,
            revision: None,
        }
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Frees the texts of the files `keep` does not name (a report reads
    /// only the files its findings point into); their paths stay.
    pub fn release_texts(&mut self, keep: impl Fn(FileId) -> bool) {
        for file in &mut self.files {
            if !keep(file.id) && (!file.text.is_empty() || file.positions_only()) {
                *file = SourceFile::new(file.id, std::mem::take(&mut file.path), "");
            }
        }
    }

    /// Files added from now on are texts of `revision`, not of the checkout.
    pub fn start_revision(&mut self, revision: Revision) {
        self.revision = Some((revision, clamp_u32(self.files.len())));
    }

    /// The revision of a change review, if the run has one.
    pub fn revision(&self) -> Option<&Revision> {
        self.revision.as_ref().map(|(revision, _)| revision)
    }

    /// Whether a file is a text of the revision (no artifact of the checkout).
    pub fn is_revision_file(&self, id: FileId) -> bool {
        self.revision
            .as_ref()
            .is_some_and(|(_, first)| id >= *first)
    }

    /// The path a location is reported under.
    pub fn path(&self, id: FileId) -> &str {
        self.get(id).map_or("", |f| f.path.as_str())
    }
}

/// The texts a campaign check reads: every file of the run, or only the
/// file being checked (a campaign that takes nothing from a template is
/// checked as soon as its file is read, before the run's sources exist).
#[derive(Clone, Copy, Debug)]
pub enum Texts<'a> {
    Run(&'a Sources),
    File(&'a SourceFile),
    /// The file being checked and the file of the template its campaign
    /// takes values from (checked on the worker once every template is
    /// known).
    WithTemplate(&'a SourceFile, Option<&'a SourceFile>),
}

impl<'a> Texts<'a> {
    pub fn get(self, id: FileId) -> Option<&'a SourceFile> {
        match self {
            Texts::Run(sources) => sources.get(id),
            Texts::File(file) => (file.id == id).then_some(file),
            Texts::WithTemplate(file, template) => (file.id == id)
                .then_some(file)
                .or(template.filter(|t| t.id == id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_only_answers_as_the_text_does() {
        let texts = [
            "a: 1\nlabel: \"新春立减\"\nb: 2\n",
            "kind: Campaign\r\nname: x\r\n",
            "label: 😀 é\nno newline at end",
            "",
            "\n\n春\n",
            "é",
        ];
        // Lines and gaps past what one byte of the packed form holds.
        let long = format!(
            "{}é{}\n春{}😀\n",
            "a".repeat(200),
            "b".repeat(20_000),
            "c".repeat(130)
        );
        let texts = texts.iter().copied().chain([long.as_str()]);
        let empty: Arc<str> = Arc::from("");
        for text in texts {
            let full = SourceFile::new(0, "a.yaml".into(), text);
            let mut slim = SourceFile::new(0, "a.yaml".into(), text);
            slim.keep_positions_only(&empty);
            assert!(slim.positions_only());
            assert!(slim.text.is_empty());
            for offset in 0..=(text.len() as u32 + 3) {
                assert_eq!(
                    slim.line_col(offset),
                    full.line_col(offset),
                    "{text:?} at {offset}"
                );
                assert_eq!(
                    slim.floor_char_boundary(offset),
                    full.floor_char_boundary(offset),
                    "{text:?} at {offset}"
                );
            }
            for line in 0..6 {
                assert_eq!(
                    slim.line_start(line),
                    full.line_start(line),
                    "{text:?} line {line}"
                );
            }
        }
    }

    #[test]
    fn columns_count_characters() {
        let f = SourceFile::new(0, "a.yaml".into(), "a: 1\nlabel: \"新春立减\"\n");
        let off = f.text.find('立').unwrap() as u32;
        assert_eq!(
            f.line_col(off),
            LineCol {
                line: 2,
                column: 11
            }
        );
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn crlf_lines() {
        let f = SourceFile::new(0, "a.yaml".into(), "a: 1\r\nb: 2\r\n");
        assert_eq!(f.line_col(6), LineCol { line: 2, column: 1 });
    }
}
