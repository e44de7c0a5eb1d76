//! `fixes` and `baselineState`: a finding's repair as SARIF's artifact
//! changes, and whether a baseline had the result already.

use serde::Serialize;

use super::locations::{CharOffsets, physical_location};
use super::{ArtifactLocation, Message, Region};
use crate::finding::Finding;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Fix {
    description: Message,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Content,
}

#[derive(Serialize)]
struct Content {
    text: String,
}

/// A result's `suppressions` entry for a finding the baseline covers.
#[derive(Serialize)]
pub(super) struct Suppression {
    kind: &'static str,
    justification: &'static str,
}

pub(super) fn baseline_suppression() -> Suppression {
    Suppression {
        kind: "external",
        justification: "recorded in the promolint baseline",
    }
}

/// The finding's fix, as one SARIF fix with a change per file it edits
/// (in edit order within each file). Unsafe fixes are listed too: the
/// description says which applicability a fix has.
pub(super) fn fixes(char_offsets: &mut CharOffsets, finding: &Finding) -> Vec<Fix> {
    let Some(fix) = &finding.fix else {
        return Vec::new();
    };
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|edit| (edit.loc.file, edit.loc.start, edit.loc.end));
    let mut changes: Vec<(u32, ArtifactChange)> = Vec::new();
    for edit in edits {
        let location = physical_location(char_offsets, edit.loc);
        let Some(region) = location.region else {
            continue;
        };
        let replacement = Replacement {
            deleted_region: region,
            inserted_content: Content {
                text: edit.replacement.clone(),
            },
        };
        match changes.last_mut() {
            Some((file, change)) if *file == edit.loc.file => change.replacements.push(replacement),
            _ => changes.push((
                edit.loc.file,
                ArtifactChange {
                    artifact_location: location.artifact_location,
                    replacements: vec![replacement],
                },
            )),
        }
    }
    vec![Fix {
        description: Message::new(format!(
            "{} ({} fix)",
            fix.message,
            fix.applicability.as_str()
        )),
        artifact_changes: changes.into_iter().map(|(_, change)| change).collect(),
    }]
}
