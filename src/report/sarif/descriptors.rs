//! `tool.driver.rules`: a reporting descriptor for each rule of the run,
//! from the rule's own documentation.

use super::{Configuration, Message, MultiformatMessage, ReportingDescriptor, level};
use crate::finding::Finding;
use crate::rules::RuleMeta;

/// The package's repository or homepage, when Cargo.toml names one.
pub(super) fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

/// Every registered rule, then (so that every result has a `ruleIndex`) a
/// bare descriptor for any rule id a finding has and the registry lacks.
pub(super) fn rule_descriptors<'a>(
    registry: &[&'static RuleMeta],
    findings: impl IntoIterator<Item = &'a Finding>,
) -> Vec<ReportingDescriptor<'static>> {
    let mut descriptors: Vec<ReportingDescriptor<'static>> =
        registry.iter().map(|rule| describe(rule)).collect();
    for finding in findings {
        if !descriptors
            .iter()
            .any(|descriptor| descriptor.id == finding.rule)
        {
            descriptors.push(ReportingDescriptor {
                id: finding.rule,
                short_description: None,
                full_description: None,
                help: None,
                default_configuration: None,
            });
        }
    }
    descriptors
}

pub(super) fn describe(rule: &'static RuleMeta) -> ReportingDescriptor<'static> {
    let non_empty = |text: &'static str| (!text.trim().is_empty()).then_some(text.trim());
    let mut help_text = String::new();
    let mut help_markdown = String::new();
    if let Some(why) = non_empty(rule.why) {
        help_text.push_str(why);
        help_markdown.push_str(why);
    }
    if let (Some(bad), Some(good)) = (non_empty(rule.bad), non_empty(rule.good)) {
        help_markdown.push_str(&format!(
            "\n\n## Example\n\n```yaml\n{bad}\n```\n\nUse instead:\n\n```yaml\n{good}\n```"
        ));
    }
    if let Some(config) = non_empty(rule.config) {
        help_text.push_str(&format!("\n\n{config}"));
        help_markdown.push_str(&format!("\n\n## Configuration\n\n{config}"));
    }
    ReportingDescriptor {
        id: rule.id,
        short_description: non_empty(rule.summary).map(Message::new),
        full_description: non_empty(rule.what).map(Message::new),
        help: (!help_text.is_empty()).then(|| MultiformatMessage {
            text: help_text.trim_start().to_owned(),
            markdown: help_markdown.trim_start().to_owned(),
        }),
        default_configuration: Some(Configuration {
            level: level(rule.default_severity),
        }),
    }
}
