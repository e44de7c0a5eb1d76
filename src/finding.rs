//! The one diagnostic type every stage produces and every output format reads.

use crate::catalog::{self, RuleMeta};
pub use crate::catalog::{FixApplicability, Severity};
use crate::source::Loc;

/// A secondary location shown beside the primary span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub loc: Loc,
    pub message: String,
}

/// One problem found in the checked files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Rule id from the catalog (`crate::catalog`).
    pub rule: &'static str,
    /// The rule's default until the policy's severities are applied.
    pub severity: Severity,
    pub message: String,
    /// The primary span; its file and document are the finding's.
    pub loc: Loc,
    /// The campaign whose check produced the finding, if any.
    pub campaign: Option<String>,
    /// JSON Pointer into the effective campaign, if the finding is about a value.
    pub path: Option<String>,
    pub help: Option<String>,
    pub labels: Vec<Label>,
    /// The automatic repair, when the rule has one for this finding.
    pub fix: Option<Fix>,
}

/// Replace the bytes of `loc` (in its file) with `replacement`; an empty
/// `loc` inserts. Edits are made on the spans the loader gave, never on a
/// re-serialized document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub loc: Loc,
    pub replacement: String,
}

impl Edit {
    pub fn replace(loc: Loc, replacement: impl Into<String>) -> Self {
        Edit {
            loc,
            replacement: replacement.into(),
        }
    }

    pub fn delete(loc: Loc) -> Self {
        Edit::replace(loc, "")
    }

    pub fn insert(loc: Loc, at: u32, text: impl Into<String>) -> Self {
        Edit::replace(
            Loc {
                start: at,
                end: at,
                ..loc
            },
            text,
        )
    }
}

/// A finding's repair: byte-range edits and what they do, with the
/// applicability its rule declares in the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: FixApplicability,
    /// What the fix does, for people: "quote `no`".
    pub message: String,
    /// Non-overlapping edits, in any order.
    pub edits: Vec<Edit>,
}

impl Finding {
    /// A finding with the rule's default severity; refine it with the builder methods.
    pub fn new(rule: &RuleMeta, loc: Loc, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.id,
            severity: rule.default_severity,
            message: message.into(),
            loc,
            campaign: None,
            path: None,
            help: None,
            labels: Vec::new(),
            fix: None,
        }
    }

    /// Attaches a fix with the applicability the rule declares; a rule
    /// without one in the catalog gets none (the catalog is the one place
    /// that says which rules fix).
    pub fn with_fix(mut self, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        let applicability = catalog::get(self.rule).and_then(|meta| meta.fix);
        if let Some(applicability) = applicability
            && !edits.is_empty()
        {
            self.fix = Some(Fix {
                applicability,
                message: message.into(),
                edits,
            });
        }
        self
    }

    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, loc: Loc, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            loc,
            message: message.into(),
        });
        self
    }

    pub fn with_labels(mut self, labels: impl IntoIterator<Item = Label>) -> Self {
        self.labels.extend(labels);
        self
    }

    pub fn with_campaign(mut self, campaign: Option<&str>) -> Self {
        self.campaign = campaign.map(str::to_owned);
        self
    }
}
