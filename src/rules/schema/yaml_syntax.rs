//! `yaml-syntax`: the file is not well-formed YAML, or not UTF-8.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "yaml-syntax",
    default_severity: Severity::Error,
    summary: "the text is not well-formed YAML (or not UTF-8)",
    what: "Reports a file, or a document of a multi-document stream, that a YAML 1.2 parser \
           rejects: bad indentation, an unclosed quote or bracket, a tab used for indentation, \
           an alias with no anchor. Also a file that is not UTF-8 text (UTF-16, binary), is \
           larger than the policy's `files.max_bytes`, or is too large or deeply nested to read \
           safely (more than 1,000,000 nodes or 10,000 documents), or a symbolic link to a file \
           outside the project root (not read). The documents before the fault are still \
           checked. When a file has more findings than `files.max_findings`, the rest are \
           summed up in one `yaml-syntax` finding where they begin (an error when one of them \
           is).",
    why: "A file that does not parse is not published as written: some tools drop it, others \
          read only part of it. Reviewers must see the syntax fault before anything else.",
    bad: "benefit:\n  type: percent_off\n   rate: \"10%\"   # indented one space too far\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n",
    config: "Cannot be suppressed by a comment in the broken document (its comments are not \
             read reliably); exclude the file with `files.exclude` in the policy instead.",
};
