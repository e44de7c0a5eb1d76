//! Between load and model: which documents are promolint's (FORMAT.md,
//! "Which documents are promolint's"). A repository holds far more YAML than
//! campaigns; every other document is foreign, and no rule runs on it.
//!
//! Two levels: [`may_hold_campaign`], a byte scan that rules a file out
//! before it is decoded or parsed (only where parsing could not find a
//! campaign document), and [`is_campaign_document`] on the loaded tree.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::load::{Document, NodeKind};

/// The top-level keys that make a headerless mapping a campaign whose
/// `apiVersion` and `kind` were lost (two of them are needed).
pub const HEADERLESS_KEYS: &[&str] = &[
    "template", "benefit", "funding", "channels", "audience", "budget", "display", "schedule",
];

/// What a file's text must contain for one of its documents to be a
/// campaign document, or for an unreadable file to be reported: the
/// `apiVersion` prefix, the two kinds, the headerless keys, and `\`, since
/// a double-quoted scalar can spell any of them with escapes (`"\x6bind"`).
/// Multi-line scalars fold line breaks into spaces, so no needle can be
/// split across lines without a `\`.
const KIND_NEEDLES: &[&str] = &["promo/", "Campaign", "Template", "\\"];

static NEEDLES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(KIND_NEEDLES.iter().chain(HEADERLESS_KEYS)).ok());

/// What a file's text must contain to hold a template (`kind: Template`,
/// or the kind spelled with escapes), and what it must contain for one of
/// its campaigns to name one (`template:`).
const TEMPLATE_NEEDLES: &[&str] = &["Template", "\\", "template"];

static TEMPLATES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(TEMPLATE_NEEDLES).ok());

static PROMO_V1: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(["promo/v1"]).ok());

/// Whether parsing `bytes` could find a campaign document. `false` is a
/// proof that it cannot: the file is foreign without being parsed.
pub fn may_hold_campaign(bytes: &[u8]) -> bool {
    let Some(needles) = NEEDLES.as_ref() else {
        return true;
    };
    let mut headerless_seen = 0u16;
    for found in needles.find_overlapping_iter(bytes) {
        let index = found.pattern().as_usize();
        if index < KIND_NEEDLES.len() {
            return true;
        }
        headerless_seen |= 1 << (index - KIND_NEEDLES.len());
        if headerless_seen.count_ones() >= 2 {
            return true;
        }
    }
    false
}

/// Whether a campaign of the file may name a template while the file
/// holds none: its text has `template` but neither `Template` nor `\\`.
/// `true` is a proof that no document of the file is a template (a run
/// reads such a file once the templates are known).
pub fn may_wait_for_template(bytes: &[u8]) -> bool {
    let Some(needles) = TEMPLATES.as_ref() else {
        return false;
    };
    let mut names_one = false;
    for found in needles.find_iter(bytes) {
        match found.pattern().as_usize() {
            2 => names_one = true,
            _ => return false,
        }
    }
    names_one
}

/// Whether the text of a file contains `promo/v1`: an unreadable file that
/// does is reported as a campaign file.
pub fn mentions_promo_v1(bytes: &[u8]) -> bool {
    PROMO_V1.as_ref().is_none_or(|ac| ac.is_match(bytes))
}

/// [`mentions_promo_v1`] for a reader too large to hold (a file over
/// `files.max_bytes`), read in chunks.
pub fn reader_mentions_promo_v1(reader: impl std::io::Read) -> bool {
    let Some(ac) = PROMO_V1.as_ref() else {
        return true;
    };
    ac.stream_find_iter(reader).next().is_some()
}

/// Whether a loaded document is a campaign document: a mapping whose
/// `apiVersion` is a string starting with `promo/`, whose `kind` is
/// `Campaign` or `Template`, or that has neither and at least two of the
/// [`HEADERLESS_KEYS`]. Merge keys count: the effective entries are read.
pub fn is_campaign_document(doc: &Document) -> bool {
    let Some(root) = doc.root() else {
        return false;
    };
    if !matches!(root.node.kind, NodeKind::Map(_)) {
        return false;
    }
    let scalar = |key: &str| {
        let entry = doc.get(root.id, key)?;
        match &doc.resolve(entry.value)?.node.kind {
            NodeKind::Scalar(s) => Some(&*s.value),
            _ => None,
        }
    };
    if scalar("apiVersion").is_some_and(|v| v.starts_with("promo/")) {
        return true;
    }
    if matches!(scalar("kind"), Some("Campaign" | "Template")) {
        return true;
    }
    if doc.get(root.id, "apiVersion").is_some() || doc.get(root.id, "kind").is_some() {
        return false;
    }
    HEADERLESS_KEYS
        .iter()
        .filter(|key| doc.get(root.id, key).is_some())
        .nth(1)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Limits, load};

    fn campaign_documents(text: &str) -> Vec<bool> {
        let loaded = load(0, text, Limits::default());
        loaded.documents.iter().map(is_campaign_document).collect()
    }

    #[test]
    fn documents_are_recognized_by_header_or_campaign_keys() {
        let cases = [
            ("apiVersion: promo/v1\nkind: Campaign\n", true),
            ("apiVersion: promo/v2\n", true),
            ("kind: Template\n", true),
            (
                "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: {}\n",
                false,
            ),
            ("services:\n  web:\n    image: nginx\n", false),
            ("benefit: {}\nbudget: {}\n", true),
            ("benefit: {}\n", false),
            ("kind: Deployment\nbenefit: {}\nbudget: {}\n", false),
            ("- benefit: 1\n  budget: 2\n", false),
            ("base: &b {kind: Campaign}\n<<: *b\n", true),
            ("\"\\x6bind\": Campaign\n", true),
            ("just a scalar\n", false),
        ];
        for (text, expected) in cases {
            assert_eq!(campaign_documents(text), [expected], "{text}");
        }
        assert_eq!(
            campaign_documents("jobs: {}\n---\nkind: Campaign\n"),
            [false, true]
        );
    }

    #[test]
    fn the_byte_scan_never_rules_out_a_campaign_document() {
        for text in [
            "apiVersion: promo/v1\n",
            "kind: Campaign\n",
            "kind: Template\n",
            "benefit: {}\nbudget: {}\n",
            "\"\\x6bind\": \"Camp\\x61ign\"\n",
        ] {
            assert!(may_hold_campaign(text.as_bytes()), "{text}");
        }
        for text in [
            "services:\n  web:\n    image: nginx\n",
            "budget: 1\nbudget: 2\n",
            "jobs:\n  test:\n    runs-on: ubuntu-latest\n",
        ] {
            assert!(!may_hold_campaign(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn a_file_waits_for_templates_only_when_it_can_hold_none() {
        for text in [
            "kind: Template\n",
            "\"kind\": \"Templ\\x61te\"\ntemplate: a\n",
            "template: a\n---\nkind: Template\n",
            "kind: Campaign\n",
        ] {
            assert!(!may_wait_for_template(text.as_bytes()), "{text}");
        }
        assert!(may_wait_for_template(b"kind: Campaign\ntemplate: base\n"));
    }

    #[test]
    fn promo_v1_is_found_in_text_and_streams() {
        assert!(mentions_promo_v1(b"x: [\napiVersion: promo/v1"));
        assert!(!mentions_promo_v1(b"apiVersion: promo/v2"));
        assert!(reader_mentions_promo_v1(&b"a: promo/v1"[..]));
        assert!(!reader_mentions_promo_v1(&b"a: b"[..]));
    }
}
