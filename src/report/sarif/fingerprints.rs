//! `partialFingerprints`: a stable hash of each finding, so code scanning
//! follows it across commits.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::report::place;
use crate::source::Sources;

/// `partialFingerprints`: a hash of what identifies a finding regardless of
/// where its file's lines sit (rule, file, campaign, JSON Pointer and the
/// flagged text with its whitespace collapsed), then `:N` counting repeats
/// of the same hash in the run, as GitHub's own line hashes do.
#[derive(Default)]
pub(super) struct Fingerprints {
    seen: HashMap<u64, usize>,
}

impl Fingerprints {
    pub(super) fn next(&mut self, sources: &Sources, finding: &Finding) -> String {
        let at = place(sources, finding.loc);
        let flagged = sources
            .get(finding.loc.file)
            .and_then(|file| {
                file.text
                    .get(at.start_offset as usize..at.end_offset as usize)
            })
            .unwrap_or("");
        let flagged = flagged.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut hash = Fnv1a::default();
        for part in [
            finding.rule,
            at.path,
            finding.campaign.as_deref().unwrap_or(""),
            finding.path.as_deref().unwrap_or(""),
            &flagged,
        ] {
            hash.write(part.as_bytes());
            // A separator that cannot occur in the parts keeps ("ab", "c")
            // and ("a", "bc") apart.
            hash.write(&[0xFF]);
        }
        let hash = hash.finish();
        let occurrence = self.seen.entry(hash).or_insert(0);
        *occurrence += 1;
        format!("{hash:016x}:{occurrence}")
    }
}

/// 64-bit FNV-1a: fixed by its definition, unlike `std`'s `DefaultHasher`,
/// whose output may change between Rust releases and would re-open every
/// code scanning alert.
pub(super) struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_standard_function() {
        let mut hash = Fnv1a::default();
        hash.write(b"a");
        assert_eq!(hash.finish(), 0xaf63_dc4c_8601_ec8c);
    }
}
