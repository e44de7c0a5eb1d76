//! The documents open in the editor: their text as the editor has it, kept
//! in step with full or incremental changes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, LineIndex};

/// One open document.
#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    /// The file it is, absolute and normalized; `None` for a document that
    /// is not a file (`untitled:`), which is never checked.
    pub path: Option<PathBuf>,
    pub version: i32,
    pub text: Arc<str>,
}

/// The open documents, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: BTreeMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let path = uri_to_path(&uri);
        let key = uri.as_str().to_owned();
        self.open.insert(
            key,
            Document {
                uri,
                path,
                version,
                text: text.into(),
            },
        );
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri.as_str())
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.open.values()
    }

    /// The open document of a file.
    pub fn by_path(&self, path: &Path) -> Option<&Document> {
        self.open.values().find(|d| d.path.as_deref() == Some(path))
    }

    /// Applies the changes of one `didChange` in order. A change with a
    /// range replaces that range; one without replaces the whole text.
    /// Returns false for a document that is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> bool {
        let Some(document) = self.open.get_mut(uri.as_str()) else {
            return false;
        };
        let mut text = String::from(&*document.text);
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let index = LineIndex::new(&text);
                    let start = index.offset(&text, range.start, encoding);
                    let end = index.offset(&text, range.end, encoding).max(start);
                    text.replace_range(start..end, &change.text);
                }
            }
        }
        document.text = text.into();
        document.version = version;
        true
    }
}

/// The file a `file:` URI names, absolute and lexically normalized.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    let path = url.to_file_path().ok()?;
    Some(crate::walk::absolute(&path))
}

/// The `file:` URI of a path (made absolute first).
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let url = url::Url::from_file_path(crate::walk::absolute(path)).ok()?;
    Uri::from_str(url.as_str()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn uri(text: &str) -> Uri {
        Uri::from_str(text).unwrap()
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut docs = Documents::default();
        let u = uri("file:///p/a.yaml");
        docs.open(u.clone(), 1, "label: \"新春\"\nb: 2\n".into());
        let change = |line, from, to, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, from),
                Position::new(line, to),
            )),
            range_length: None,
            text: text.into(),
        };
        // After the two Han characters (UTF-16 units 8 and 9).
        let changes = vec![change(0, 10, 10, "立减"), change(1, 3, 4, "3")];
        assert!(docs.change(&u, 2, changes, Encoding::Utf16));
        let doc = docs.get(&u).unwrap();
        assert_eq!(&*doc.text, "label: \"新春立减\"\nb: 3\n");
        assert_eq!(doc.version, 2);
        assert_eq!(doc.path.as_deref(), Some(Path::new("/p/a.yaml")));
    }

    #[test]
    fn uris_and_paths_round_trip() {
        let path = Path::new("/p/活动 1.yaml");
        let u = path_to_uri(path).unwrap();
        assert_eq!(u.as_str(), "file:///p/%E6%B4%BB%E5%8A%A8%201.yaml");
        assert_eq!(uri_to_path(&u).as_deref(), Some(path));
        assert_eq!(uri_to_path(&uri("untitled:Untitled-1")), None);
    }
}
