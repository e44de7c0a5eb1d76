//! `partialFingerprints`: a stable hash of each finding, so code scanning
//! follows it across commits.

use std::collections::HashMap;

use crate::baseline::{fingerprint, reported_path};
use crate::finding::Finding;
use crate::source::Sources;

/// `partialFingerprints`: the baseline's hash of what identifies a finding
/// regardless of where its file's lines sit (rule, file, campaign, JSON
/// Pointer and the flagged text with its whitespace collapsed), then `:N`
/// counting repeats of the same hash in the run, as GitHub's own line
/// hashes do.
#[derive(Default)]
pub(super) struct Fingerprints {
    seen: HashMap<u64, usize>,
}

impl Fingerprints {
    pub(super) fn next(&mut self, sources: &Sources, finding: &Finding) -> String {
        let hash = fingerprint(sources, finding, reported_path(sources, finding.loc.file));
        let occurrence = self.seen.entry(hash).or_insert(0);
        *occurrence += 1;
        format!("{hash:016x}:{occurrence}")
    }
}
