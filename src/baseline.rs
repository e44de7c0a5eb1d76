//! Baselines: the findings a repository already had when it adopted
//! promolint, recorded so that only new ones fail a run (CLI.md
//! "Baseline").
//!
//! An entry is `{"file", "rule", "campaign", "fingerprint"}`; the
//! fingerprint hashes what identifies a finding regardless of where its
//! lines sit (rule, file, campaign id, JSON Pointer, the flagged text), the
//! same hash SARIF's `partialFingerprints` carry. A finding is covered by an
//! entry with its exact fingerprint; what is left is covered by the entries
//! of its file and rule that matched nothing, as many as there are.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::source::{FileId, Sources};

/// The version of the file's layout; bumped when it or the fingerprint
/// changes, so that an old file is refused rather than misread.
const VERSION: u32 = 1;

/// The path reported for a location whose file has no name.
const UNKNOWN_PATH: &str = "<unknown>";

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The file, relative to the project root, `/`-separated.
    pub file: String,
    pub rule: String,
    pub campaign: Option<String>,
    /// 16 hex digits of [`fingerprint`].
    pub fingerprint: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// A baseline file as read, or as about to be written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// The entries for `findings`, sorted; `file_of` names a finding's file
    /// as the baseline records it.
    pub fn record(
        sources: &Sources,
        findings: &[Finding],
        file_of: &dyn Fn(FileId) -> String,
    ) -> Self {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|finding| entry(sources, finding, file_of))
            .collect();
        entries.sort();
        Baseline { entries }
    }

    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} is not a promolint baseline ({e}); write one with --write-baseline",
                path.display()
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "{} is a baseline of version {}, this promolint reads version {VERSION}; \
                 write it again with --write-baseline",
                path.display(),
                file.version
            ));
        }
        let mut entries = file.entries;
        entries.sort();
        Ok(Baseline { entries })
    }

    /// The JSON text of the file: sorted, one entry per line.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\n  \"version\": {VERSION},\n  \"entries\": [");
        for (index, entry) in self.entries.iter().enumerate() {
            let line = serde_json::to_string(entry).unwrap_or_default();
            out.push_str(if index == 0 { "\n    " } else { ",\n    " });
            out.push_str(&line);
        }
        out.push_str(if self.entries.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        out
    }

    /// Splits `findings` into those still reported and those the baseline
    /// covers; says which entries matched nothing.
    pub fn apply(
        &self,
        sources: &Sources,
        findings: Vec<Finding>,
        file_of: &dyn Fn(FileId) -> String,
    ) -> Applied {
        let mut used = vec![false; self.entries.len()];
        let mut exact: HashMap<&Entry, Vec<usize>> = HashMap::new();
        for (index, entry) in self.entries.iter().enumerate().rev() {
            exact.entry(entry).or_default().push(index);
        }
        let mut covered = vec![false; findings.len()];
        let keys: Vec<Entry> = findings
            .iter()
            .map(|finding| entry(sources, finding, file_of))
            .collect();
        for (index, key) in keys.iter().enumerate() {
            if let Some(slot) = exact.get_mut(key).and_then(Vec::pop) {
                mark(&mut covered, index);
                mark(&mut used, slot);
            }
        }
        // The fallback: the unmatched entries of a file and rule cover as
        // many of its findings of that rule, in path order.
        let mut by_rule: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (index, entry) in self.entries.iter().enumerate().rev() {
            if !used.get(index).copied().unwrap_or(true) {
                by_rule
                    .entry((entry.file.as_str(), entry.rule.as_str()))
                    .or_default()
                    .push(index);
            }
        }
        for (index, key) in keys.iter().enumerate() {
            if covered.get(index).copied().unwrap_or(true) {
                continue;
            }
            if let Some(slot) = by_rule
                .get_mut(&(key.file.as_str(), key.rule.as_str()))
                .and_then(Vec::pop)
            {
                mark(&mut covered, index);
                mark(&mut used, slot);
            }
        }
        let mut applied = Applied::default();
        for (finding, covered) in findings.into_iter().zip(covered) {
            if covered {
                applied.baselined.push(finding);
            } else {
                applied.kept.push(finding);
            }
        }
        for (entry, used) in self.entries.iter().zip(used) {
            if used {
                applied.matched.push(entry.clone());
            } else {
                applied.unused.push(entry.clone());
            }
        }
        applied
    }
}

/// What a baseline did to a run's findings.
#[derive(Debug, Default)]
pub struct Applied {
    /// Findings still reported.
    pub kept: Vec<Finding>,
    /// Findings the baseline covers.
    pub baselined: Vec<Finding>,
    /// Entries that covered a finding (what `--prune-baseline` keeps).
    pub matched: Vec<Entry>,
    /// Entries that covered nothing.
    pub unused: Vec<Entry>,
}

fn mark(flags: &mut [bool], index: usize) {
    if let Some(flag) = flags.get_mut(index) {
        *flag = true;
    }
}

fn entry(sources: &Sources, finding: &Finding, file_of: &dyn Fn(FileId) -> String) -> Entry {
    let file = file_of(finding.loc.file);
    Entry {
        fingerprint: format!("{:016x}", fingerprint(sources, finding, &file)),
        file,
        rule: finding.rule.to_string(),
        campaign: finding.campaign.clone(),
    }
}

/// The hash of a finding's rule, `file` (its file as the caller names it),
/// campaign id, JSON Pointer and flagged text (whitespace collapsed): not
/// its line, so that edits elsewhere in the file leave it as it was.
pub fn fingerprint(sources: &Sources, finding: &Finding, file: &str) -> u64 {
    let flagged = sources
        .get(finding.loc.file)
        .and_then(|source| {
            let start = source.floor_char_boundary(finding.loc.start);
            let end = source.floor_char_boundary(finding.loc.end).max(start);
            source.text.get(start as usize..end as usize)
        })
        .unwrap_or("");
    let flagged = flagged.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut hash = Fnv1a::default();
    for part in [
        finding.rule,
        file,
        finding.campaign.as_deref().unwrap_or(""),
        finding.path.as_deref().unwrap_or(""),
        &flagged,
    ] {
        hash.write(part.as_bytes());
        // A separator that cannot occur in the parts keeps ("ab", "c")
        // and ("a", "bc") apart.
        hash.write(&[0xFF]);
    }
    hash.finish()
}

/// The name a file is reported under, as SARIF's fingerprints hash it.
pub fn reported_path(sources: &Sources, file: FileId) -> &str {
    match sources.path(file) {
        "" => UNKNOWN_PATH,
        path => path,
    }
}

/// 64-bit FNV-1a: fixed by its definition, unlike `std`'s `DefaultHasher`,
/// whose output may change between Rust releases and would re-open every
/// code scanning alert and break every baseline.
struct Fnv1a(u64);

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
    use crate::catalog::RATE_CEILING;
    use crate::source::Loc;

    #[test]
    fn fnv1a_is_the_standard_function() {
        let mut hash = Fnv1a::default();
        hash.write(b"a");
        assert_eq!(hash.finish(), 0xaf63_dc4c_8601_ec8c);
    }

    fn run(text: &str, needle: &str) -> (Sources, Vec<Finding>) {
        let mut sources = Sources::default();
        let file = sources.add("a.yaml".into(), text.to_string());
        let start = text.find(needle).unwrap_or(0);
        let finding = Finding::new(
            &RATE_CEILING,
            Loc::new(file, 0, start, start + needle.len()),
            "rate above the ceiling",
        )
        .with_path("/benefit/rate");
        (sources, vec![finding])
    }

    fn name(_: FileId) -> String {
        "a.yaml".into()
    }

    #[test]
    fn an_entry_survives_lines_inserted_above_and_the_count_covers_a_changed_text() {
        let (sources, findings) = run("benefit:\n  rate: \"20%\"\n", "\"20%\"");
        let baseline = Baseline::record(&sources, &findings, &name);
        let (moved, findings) = run("# note\n\nbenefit:\n  rate: \"20%\"\n", "\"20%\"");
        let applied = baseline.apply(&moved, findings, &name);
        assert_eq!((applied.kept.len(), applied.baselined.len()), (0, 1));

        let (changed, findings) = run("benefit:\n  rate: \"25%\"\n", "\"25%\"");
        let applied = baseline.apply(&changed, findings.clone(), &name);
        assert_eq!((applied.kept.len(), applied.unused.len()), (0, 0));

        let empty = Baseline::default();
        let applied = empty.apply(&changed, findings, &name);
        assert_eq!(applied.kept.len(), 1);
    }

    #[test]
    fn the_file_round_trips_sorted() {
        let (sources, findings) = run("benefit:\n  rate: \"20%\"\n", "\"20%\"");
        let baseline = Baseline::record(&sources, &findings, &name);
        let text = baseline.to_json();
        assert!(
            text.starts_with("{\n  \"version\": 1,\n  \"entries\": [\n    {\"file\":\"a.yaml\"")
        );
        let parsed: BaselineFile = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed.entries, baseline.entries);
        assert_eq!(
            Baseline::default().to_json(),
            "{\n  \"version\": 1,\n  \"entries\": []\n}\n"
        );
    }
}
