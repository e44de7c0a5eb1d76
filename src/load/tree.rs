//! The span-carrying YAML tree that every later stage reads.
//!
//! One tree per document, nodes in an arena. Aliases stay references to the
//! anchored node (never copies), and each mapping's merge keys (`<<`) are
//! resolved once, when the mapping is complete, into [`Map::resolved`].

use compact_str::CompactString;

use crate::source::Loc;

pub type NodeId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug)]
pub struct Scalar {
    /// The decoded value (escapes processed, lines folded). Most values are
    /// short keys, numbers and dates, which this keeps inline without an
    /// allocation of their own (sixty or so per campaign file otherwise).
    pub value: CompactString,
    pub style: Style,
    /// The explicit tag's suffix in the core schema (`str` for `!!str`), or
    /// the whole tag for any other tag.
    pub tag: Option<Box<str>>,
}

impl Scalar {
    /// YAML 1.2 core schema null: `~`, `null`, `Null`, `NULL` or nothing, plain.
    pub fn is_null(&self) -> bool {
        self.style == Style::Plain
            && self.tag.is_none()
            && matches!(&*self.value, "" | "~" | "null" | "Null" | "NULL")
    }

    pub fn is_plain(&self) -> bool {
        self.style == Style::Plain && self.tag.is_none()
    }
}

/// One `key: value` pair as written.
#[derive(Clone, Copy, Debug)]
pub struct MapEntry {
    pub key: NodeId,
    pub value: NodeId,
}

/// A key of the mapping after merge keys and repeated keys are applied.
#[derive(Clone, Debug)]
pub struct ResolvedEntry {
    pub key: NodeId,
    pub value: NodeId,
    /// The alias of the `<<` merge that brought this entry, if it was merged.
    pub merged_via: Option<Loc>,
}

#[derive(Debug, Default)]
pub struct Map {
    /// Every entry as written, repeated keys and `<<` included.
    pub entries: Vec<MapEntry>,
    /// The effective entries: explicit keys (the last of repeated ones) and
    /// then the merged ones not written explicitly.
    pub resolved: Vec<ResolvedEntry>,
}

#[derive(Debug)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Vec<NodeId>),
    Map(Map),
    /// An alias: the anchored node it names.
    Alias(NodeId),
}

#[derive(Debug)]
pub struct Node {
    pub loc: Loc,
    pub kind: NodeKind,
}

/// One YAML document of a stream.
#[derive(Debug)]
pub struct Document {
    pub index: u32,
    pub nodes: Vec<Node>,
    pub root: Option<NodeId>,
    /// Where the document starts (for findings about the document itself).
    pub loc: Loc,
}

/// A node reached from a value position, aliases followed.
#[derive(Clone, Copy, Debug)]
pub struct Resolved<'d> {
    pub id: NodeId,
    pub node: &'d Node,
    /// The alias that led here, if the value was written as `*name`.
    pub alias: Option<Loc>,
}

impl Document {
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// The node a value position holds, following an alias to its anchor.
    pub fn resolve(&self, id: NodeId) -> Option<Resolved<'_>> {
        let node = self.node(id)?;
        match node.kind {
            NodeKind::Alias(target) => Some(Resolved {
                id: target,
                node: self.node(target)?,
                alias: Some(node.loc),
            }),
            _ => Some(Resolved {
                id,
                node,
                alias: None,
            }),
        }
    }

    pub fn root(&self) -> Option<Resolved<'_>> {
        self.resolve(self.root?)
    }

    /// The scalar text of a key node (aliases followed); `None` for a
    /// collection used as a key.
    pub fn key_text(&self, key: NodeId) -> Option<&str> {
        match &self.resolve(key)?.node.kind {
            NodeKind::Scalar(s) => Some(&s.value),
            _ => None,
        }
    }

    /// The effective entries of a mapping node (empty for anything else).
    pub fn entries(&self, map: NodeId) -> &[ResolvedEntry] {
        match self.node(map).map(|n| &n.kind) {
            Some(NodeKind::Map(m)) => &m.resolved,
            _ => &[],
        }
    }

    /// The effective value of `key` in a mapping node.
    pub fn get(&self, map: NodeId, key: &str) -> Option<&ResolvedEntry> {
        self.entries(map)
            .iter()
            .find(|e| self.key_text(e.key) == Some(key))
    }
}

/// A `#` comment, for suppressions.
#[derive(Clone, Debug)]
pub struct Comment {
    /// The whole comment, `#` included.
    pub loc: Loc,
    /// The text after `#`.
    pub text: String,
}
