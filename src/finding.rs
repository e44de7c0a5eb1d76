//! The one diagnostic type every stage produces and every output format reads.

use crate::catalog::RuleMeta;
pub use crate::catalog::Severity;
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
        }
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
