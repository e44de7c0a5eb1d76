//! Builds the [`Document`] trees of one file from granit-parser's events.

use std::collections::{HashMap, HashSet};

use granit_parser::{Event, Options, Parser, ScalarStyle, Span};

use super::tree::{
    Comment, Document, Map, MapEntry, Node, NodeId, NodeKind, ResolvedEntry, Scalar, Style,
};
use crate::catalog::{DUPLICATE_KEY, INVALID_VALUE, YAML_SYNTAX};
use crate::finding::Finding;
use crate::source::{FileId, Loc, NO_DOC};

/// Limits that keep hostile input cheap.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Nodes (aliases included) in one file.
    pub max_nodes: usize,
    /// YAML documents in one file: many tiny documents cost far more to
    /// check than their bytes suggest (a model and the missing-field
    /// findings of each).
    pub max_documents: u32,
    /// Effective mapping entries produced by merge keys in one document.
    pub max_merged_entries: usize,
    /// Syntax errors reported for one file before giving up on it.
    pub max_syntax_errors: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_nodes: 1_000_000,
            max_documents: 10_000,
            max_merged_entries: 2_000_000,
            max_syntax_errors: 16,
        }
    }
}

/// The documents and comments of one file, and the findings made while
/// reading it (`yaml-syntax`, `duplicate-key`, malformed merge keys).
#[derive(Debug, Default)]
pub struct LoadedFile {
    pub documents: Vec<Document>,
    pub comments: Vec<Comment>,
    pub findings: Vec<Finding>,
}

/// Parses one file's text into its documents.
pub fn load(file: FileId, text: &str, limits: Limits) -> LoadedFile {
    let mut options = Options::default();
    options.strict_indentation = true;
    // The default (96) rejects valid files with long comment blocks; this
    // bound still caps the memory a hostile file can make it buffer.
    options.max_buffered_comment_events = 100_000;
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut builder = Builder::new(file, text.len(), limits);
    let mut syntax_errors = 0usize;

    while let Some(event) = parser.next_event() {
        match event {
            Ok((event, span)) => {
                if let Err(message) = builder.event(event, span) {
                    let loc = builder.loc(span);
                    builder.fail_document(loc, message);
                    break;
                }
            }
            Err(error) => {
                let offset = error.marker().byte_offset().unwrap_or(0);
                let loc = Loc::new(file, builder.doc_index(), offset, offset);
                builder.fail_document(loc, error.info());
                syntax_errors += 1;
                if syntax_errors >= limits.max_syntax_errors {
                    break;
                }
                match parser.proceed_next_document() {
                    Ok(true) => builder.next_document_after_recovery(),
                    Ok(false) | Err(_) => break,
                }
            }
        }
    }
    builder.finish()
}

struct Open {
    node: NodeId,
    is_map: bool,
    /// For a mapping: the key read, waiting for its value.
    pending_key: Option<NodeId>,
    /// Where this collection's children start in [`Builder::children`].
    first_child: usize,
}

struct Builder {
    file: FileId,
    text_len: usize,
    limits: Limits,
    out: LoadedFile,
    doc: Option<Document>,
    next_doc_index: u32,
    stack: Vec<Open>,
    /// The children of every open collection, innermost last: a
    /// collection's list is allocated once, at its exact size, when it
    /// closes, rather than grown as its children arrive.
    children: Vec<NodeId>,
    anchors: HashMap<usize, NodeId>,
    node_count: usize,
    merged_entries: usize,
}

impl Builder {
    fn new(file: FileId, text_len: usize, limits: Limits) -> Self {
        Builder {
            file,
            text_len,
            limits,
            out: LoadedFile::default(),
            doc: None,
            next_doc_index: 0,
            stack: Vec::new(),
            children: Vec::new(),
            anchors: HashMap::new(),
            node_count: 0,
            merged_entries: 0,
        }
    }

    fn doc_index(&self) -> u32 {
        self.doc.as_ref().map_or(NO_DOC, |d| d.index)
    }

    fn loc(&self, span: Span) -> Loc {
        let range = span.byte_range().unwrap_or(0..0);
        Loc::new(self.file, self.doc_index(), range.start, range.end)
    }

    /// Reports a syntax error and drops the document it is in: a document
    /// that is not well-formed YAML gets no other finding.
    fn fail_document(&mut self, loc: Loc, message: String) {
        self.out
            .findings
            .push(Finding::new(&YAML_SYNTAX, loc, message));
        self.doc = None;
        self.stack.clear();
        self.children.clear();
        self.anchors.clear();
    }

    fn next_document_after_recovery(&mut self) {
        self.stack.clear();
        self.children.clear();
        self.anchors.clear();
    }

    fn finish(self) -> LoadedFile {
        self.out
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), String> {
        match event {
            Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(..) => {
                let index = self.next_doc_index;
                if index >= self.limits.max_documents {
                    return Err(format!(
                        "the file has more than {} YAML documents; promolint does not read it further",
                        self.limits.max_documents
                    ));
                }
                self.next_doc_index = self.next_doc_index.saturating_add(1);
                let range = span.byte_range().unwrap_or(0..0);
                self.doc = Some(Document {
                    index,
                    nodes: Vec::with_capacity(self.expected_nodes(range.start)),
                    root: None,
                    loc: Loc::new(self.file, index, range.start, range.end),
                });
                self.anchors.clear();
                self.merged_entries = 0;
            }
            Event::DocumentEnd => {
                if let Some(mut doc) = self.doc.take() {
                    doc.nodes.shrink_to_fit();
                    self.out.documents.push(doc);
                }
                self.stack.clear();
                self.children.clear();
            }
            Event::Comment(text, _) => {
                let loc = self.loc(span);
                self.out.comments.push(Comment {
                    loc: Loc { doc: NO_DOC, ..loc },
                    text: text.into_owned(),
                });
            }
            Event::Scalar(value, style, anchor, tag) => {
                let scalar = Scalar {
                    value: value.into(),
                    style: match style {
                        ScalarStyle::Plain => Style::Plain,
                        ScalarStyle::SingleQuoted => Style::SingleQuoted,
                        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                        ScalarStyle::Literal => Style::Literal,
                        ScalarStyle::Folded => Style::Folded,
                    },
                    tag: tag.map(|t| {
                        t.core_suffix()
                            .map_or_else(|| t.original().into_boxed_str(), Into::into)
                    }),
                };
                let loc = self.loc(span);
                let id = self.push_node(loc, NodeKind::Scalar(scalar))?;
                self.anchor(anchor, id);
                self.attach(id)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                let loc = self.loc(span);
                let id = self.push_node(loc, NodeKind::Seq(Vec::new()))?;
                self.anchor(anchor, id);
                self.attach(id)?;
                self.stack.push(Open {
                    node: id,
                    is_map: false,
                    pending_key: None,
                    first_child: self.children.len(),
                });
            }
            Event::MappingStart(_, anchor, _) => {
                let loc = self.loc(span);
                let id = self.push_node(loc, NodeKind::Map(Map::default()))?;
                self.anchor(anchor, id);
                self.attach(id)?;
                self.stack.push(Open {
                    node: id,
                    is_map: true,
                    pending_key: None,
                    first_child: self.children.len(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end = span.byte_range().map_or(0, |r| r.end);
                if let Some(open) = self.stack.pop() {
                    self.close(&open, end)?;
                    if matches!(event, Event::MappingEnd) {
                        self.resolve_map(open.node)?;
                    }
                }
            }
            Event::Alias(anchor) => {
                let loc = self.loc(span);
                let Some(&target) = self.anchors.get(&anchor) else {
                    return Err("alias names no anchor defined before it".into());
                };
                if self.stack.iter().any(|open| open.node == target) {
                    return Err(
                        "alias refers to a node that contains it (a recursive structure)".into(),
                    );
                }
                let id = self.push_node(loc, NodeKind::Alias(target))?;
                self.attach(id)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.doc.as_mut()?.nodes.get_mut(id as usize)
    }

    fn push_node(&mut self, loc: Loc, kind: NodeKind) -> Result<NodeId, String> {
        self.node_count += 1;
        if self.node_count > self.limits.max_nodes {
            return Err(format!(
                "the file has more than {} YAML nodes; promolint does not read it further",
                self.limits.max_nodes
            ));
        }
        let doc = self
            .doc
            .as_mut()
            .ok_or_else(|| "content outside a document".to_string())?;
        let id = NodeId::try_from(doc.nodes.len()).map_err(|_| "too many nodes".to_string())?;
        doc.nodes.push(Node { loc, kind });
        Ok(id)
    }

    fn anchor(&mut self, anchor: usize, id: NodeId) {
        if anchor != 0 {
            self.anchors.insert(anchor, id);
        }
    }

    /// Places a new node in the collection being read (or as the root).
    fn attach(&mut self, id: NodeId) -> Result<(), String> {
        let Some(open) = self.stack.last_mut() else {
            if let Some(doc) = self.doc.as_mut() {
                doc.root = Some(id);
            }
            return Ok(());
        };
        if open.is_map {
            match open.pending_key.take() {
                None => open.pending_key = Some(id),
                Some(key) => self.children.extend([key, id]),
            }
        } else {
            self.children.push(id);
        }
        Ok(())
    }

    /// Moves a closing collection's children from the shared list into the
    /// node, and extends its end to the closing event.
    fn close(&mut self, open: &Open, end: usize) -> Result<(), String> {
        let children = self.children.get(open.first_child..).unwrap_or_default();
        let Some(node) = self
            .doc
            .as_mut()
            .and_then(|d| d.nodes.get_mut(open.node as usize))
        else {
            return Ok(());
        };
        node.loc.end = node.loc.end.max(u32::try_from(end).unwrap_or(u32::MAX));
        match &mut node.kind {
            NodeKind::Seq(items) => items.extend_from_slice(children),
            NodeKind::Map(map) => {
                map.entries = children
                    .chunks_exact(2)
                    .filter_map(|pair| match *pair {
                        [key, value] => Some(MapEntry { key, value }),
                        _ => None,
                    })
                    .collect();
            }
            _ => return Err("malformed collection".into()),
        }
        self.children.truncate(open.first_child);
        Ok(())
    }

    /// Node lists sized from the text still to read (about one node per
    /// dozen bytes in campaign files), so that most documents need no
    /// regrowth; the list is shrunk to its length when the document ends.
    fn expected_nodes(&self, from: usize) -> usize {
        let rest = self.text_len.saturating_sub(from);
        (rest / 12).clamp(16, 4096).min(self.limits.max_nodes)
    }

    /// Computes a completed mapping's effective entries: its own keys (the
    /// last of repeated ones, each repetition reported), then the keys of
    /// `<<` merges in order, earlier merges winning. Merged mappings are
    /// complete already (an anchor precedes its aliases), so their resolved
    /// entries are reused rather than walked again.
    fn resolve_map(&mut self, map_id: NodeId) -> Result<(), String> {
        let Some(doc) = self.doc.as_ref() else {
            return Ok(());
        };
        let Some(Node {
            kind: NodeKind::Map(map),
            ..
        }) = doc.node(map_id)
        else {
            return Ok(());
        };

        let mut resolved: Vec<ResolvedEntry> = Vec::with_capacity(map.entries.len());
        let mut first_seen = KeyIndex::new(map.entries.len());
        let mut merges: Vec<(NodeId, Option<Loc>)> = Vec::new();
        let mut findings = Vec::new();

        for entry in &map.entries {
            let key_node = doc.resolve(entry.key);
            let key_scalar = match key_node.map(|k| &k.node.kind) {
                Some(NodeKind::Scalar(s)) => Some(s),
                _ => None,
            };
            if let Some(s) = key_scalar.filter(|s| s.is_plain() && &*s.value == "<<") {
                let _ = s;
                collect_merge_sources(doc, entry.value, &mut merges, &mut findings);
                continue;
            }
            let Some(text) = key_scalar.map(|s| &*s.value) else {
                resolved.push(ResolvedEntry {
                    key: entry.key,
                    value: entry.value,
                    merged_via: None,
                });
                continue;
            };
            match first_seen.get(text) {
                Some(&index) => {
                    if let (Some(first), Some(repeat)) = (
                        resolved.get(index).and_then(|e| doc.node(e.key)),
                        doc.node(entry.key),
                    ) {
                        findings.push(
                            Finding::new(
                                &DUPLICATE_KEY,
                                repeat.loc,
                                format!("key `{text}` is repeated; the last value is the one used"),
                            )
                            .with_label(first.loc, "first written here")
                            .with_help("remove one of the two entries"),
                        );
                    }
                    if let Some(slot) = resolved.get_mut(index) {
                        *slot = ResolvedEntry {
                            key: entry.key,
                            value: entry.value,
                            merged_via: None,
                        };
                    }
                }
                None => {
                    first_seen.insert(text, resolved.len());
                    resolved.push(ResolvedEntry {
                        key: entry.key,
                        value: entry.value,
                        merged_via: None,
                    });
                }
            }
        }

        let mut seen = first_seen.into_set(!merges.is_empty());
        for (source, via) in merges {
            for merged in doc.entries(source) {
                let Some(text) = doc.key_text(merged.key) else {
                    continue;
                };
                if seen.insert(text) {
                    self.merged_entries += 1;
                    resolved.push(ResolvedEntry {
                        key: merged.key,
                        value: merged.value,
                        merged_via: via.or(merged.merged_via),
                    });
                }
            }
        }
        drop(seen);

        if self.merged_entries > self.limits.max_merged_entries {
            return Err(format!(
                "merge keys produce more than {} entries; promolint does not read the file further",
                self.limits.max_merged_entries
            ));
        }
        self.out.findings.extend(findings);
        if let Some(Node {
            kind: NodeKind::Map(map),
            ..
        }) = self.node_mut(map_id)
        {
            map.resolved = resolved;
        }
        Ok(())
    }
}

/// The keys of one mapping, each with the index of its resolved entry. Most
/// mappings have a handful of keys: a list searched in order costs less
/// than hashing them; a large mapping gets a hash map.
enum KeyIndex<'a> {
    Few(Vec<(&'a str, usize)>),
    Many(HashMap<&'a str, usize>),
}

impl<'a> KeyIndex<'a> {
    const FEW: usize = 16;

    fn new(entries: usize) -> Self {
        if entries <= Self::FEW {
            KeyIndex::Few(Vec::with_capacity(entries))
        } else {
            KeyIndex::Many(HashMap::with_capacity(entries))
        }
    }

    fn get(&self, key: &str) -> Option<&usize> {
        match self {
            KeyIndex::Few(list) => list.iter().find(|(k, _)| *k == key).map(|(_, i)| i),
            KeyIndex::Many(map) => map.get(key),
        }
    }

    fn insert(&mut self, key: &'a str, index: usize) {
        match self {
            KeyIndex::Few(list) => list.push((key, index)),
            KeyIndex::Many(map) => {
                map.insert(key, index);
            }
        }
    }

    /// The keys as a set, for the merges (empty when there are none).
    fn into_set(self, needed: bool) -> HashSet<&'a str> {
        if !needed {
            return HashSet::new();
        }
        match self {
            KeyIndex::Few(list) => list.into_iter().map(|(k, _)| k).collect(),
            KeyIndex::Many(map) => map.into_keys().collect(),
        }
    }
}

/// The mappings a `<<` value names: an alias, a list of aliases, or a
/// mapping written in place.
fn collect_merge_sources(
    doc: &Document,
    value: NodeId,
    merges: &mut Vec<(NodeId, Option<Loc>)>,
    findings: &mut Vec<Finding>,
) {
    let Some(resolved) = doc.resolve(value) else {
        return;
    };
    match &resolved.node.kind {
        NodeKind::Map(_) => merges.push((resolved.id, resolved.alias)),
        NodeKind::Seq(items) if resolved.alias.is_none() => {
            for &item in items {
                match doc.resolve(item) {
                    Some(r) if matches!(r.node.kind, NodeKind::Map(_)) => {
                        merges.push((r.id, r.alias))
                    }
                    Some(r) => findings.push(merge_not_mapping(r.alias.unwrap_or(r.node.loc))),
                    None => {}
                }
            }
        }
        _ => findings.push(merge_not_mapping(
            resolved.alias.unwrap_or(resolved.node.loc),
        )),
    }
}

fn merge_not_mapping(loc: Loc) -> Finding {
    Finding::new(
        &INVALID_VALUE,
        loc,
        "a merge key `<<` takes a mapping, an alias of one, or a list of aliases of mappings",
    )
}
