//! The policy's globs, compiled once per run: each rule's level for a file
//! (`rules:` then `overrides`), and which files are checked
//! (`files.include` / `files.exclude`).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use super::rule_ids::default_severity;
use super::{Policy, RuleLevel};

/// A glob of a policy, as every part of promolint compiles it: `*` and `?`
/// do not cross `/` (`**` does), so `campaigns/*.yaml` means the files
/// directly in `campaigns/`, as in `.gitignore` and most linters.
pub fn build_glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

fn glob_set<'a>(patterns: impl IntoIterator<Item = &'a String>) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(build_glob(pattern)?);
    }
    builder.build()
}

/// A path relative to the project root as the globs see it: `./` and
/// other `.` components dropped.
fn clean(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// Everything of a policy that is matched against paths, compiled.
#[derive(Debug)]
pub struct CompiledPolicy {
    pub severities: Severities,
    pub files: FileSelector,
}

impl CompiledPolicy {
    pub fn new(policy: &Policy) -> Result<Self, globset::Error> {
        Ok(CompiledPolicy {
            severities: Severities::new(policy)?,
            files: FileSelector::new(policy)?,
        })
    }

    /// The level of `rule` for the file at `path` (relative to the project root).
    pub fn level(&self, rule: &str, path: &Path) -> RuleLevel {
        self.severities.level(rule, path)
    }

    /// Whether the file at `path` (relative to the project root) is checked.
    pub fn is_selected(&self, path: &Path) -> bool {
        self.files.is_selected(path)
    }
}

/// Rule levels: each rule's default, then the policy's `rules:`, then each
/// `overrides` entry whose globs match the file, in order.
#[derive(Debug)]
pub struct Severities {
    rules: HashMap<String, RuleLevel>,
    /// Every glob of every override, in one set.
    override_globs: GlobSet,
    /// For each glob of `override_globs`, the index of its override.
    glob_override: Vec<usize>,
    override_rules: Vec<HashMap<String, RuleLevel>>,
}

impl Severities {
    pub fn new(policy: &Policy) -> Result<Self, globset::Error> {
        let mut glob_override = Vec::new();
        for (index, entry) in policy.overrides.iter().enumerate() {
            glob_override.extend(std::iter::repeat_n(index, entry.files.len()));
        }
        Ok(Severities {
            rules: policy
                .rules
                .iter()
                .map(|(id, level)| (id.clone(), *level))
                .collect(),
            override_globs: glob_set(policy.overrides.iter().flat_map(|o| &o.files))?,
            glob_override,
            override_rules: policy
                .overrides
                .iter()
                .map(|o| o.rules.iter().map(|(id, l)| (id.clone(), *l)).collect())
                .collect(),
        })
    }

    /// The levels of a file without matching its path: for a file a run
    /// does not read, which has no finding to take a level.
    pub fn unmatched(&self) -> PathSeverities<'_> {
        PathSeverities {
            severities: self,
            overrides: Vec::new(),
        }
    }

    /// The levels for one file: the overrides that apply are found once, so
    /// asking for many rules of the same file costs one glob match.
    pub fn for_path(&self, path: &Path) -> PathSeverities<'_> {
        let mut matched: Vec<usize> = self
            .override_globs
            .matches(clean(path))
            .into_iter()
            .filter_map(|glob| self.glob_override.get(glob).copied())
            .collect();
        // Overrides apply in the policy's order; an override with several
        // matching globs applies once.
        matched.sort_unstable();
        matched.dedup();
        PathSeverities {
            severities: self,
            overrides: matched,
        }
    }

    /// The level of `rule` for the file at `path` (relative to the project root).
    pub fn level(&self, rule: &str, path: &Path) -> RuleLevel {
        self.for_path(path).level(rule)
    }

    /// The level of `rule` from its default and `rules:` alone, for what no
    /// file selects (`promolint rules`' effective severity).
    pub fn base_level(&self, rule: &str) -> RuleLevel {
        match self.rules.get(rule) {
            Some(level) => *level,
            // A rule with no known default is one promolint does not know:
            // report it rather than hide it.
            None => default_severity(rule).map_or(RuleLevel::Error, RuleLevel::from),
        }
    }
}

/// The rule levels for one file.
#[derive(Debug)]
pub struct PathSeverities<'a> {
    severities: &'a Severities,
    /// Indexes of the overrides that match the file, in order.
    overrides: Vec<usize>,
}

impl PathSeverities<'_> {
    pub fn level(&self, rule: &str) -> RuleLevel {
        let from_overrides = self
            .overrides
            .iter()
            .filter_map(|&index| self.severities.override_rules.get(index)?.get(rule))
            .next_back();
        match from_overrides {
            Some(level) => *level,
            None => self.severities.base_level(rule),
        }
    }
}

/// `files.include` / `files.exclude`.
#[derive(Debug)]
pub struct FileSelector {
    include: GlobSet,
    exclude: GlobSet,
}

impl FileSelector {
    pub fn new(policy: &Policy) -> Result<Self, globset::Error> {
        Ok(FileSelector {
            include: glob_set(&policy.files.include)?,
            exclude: glob_set(&policy.files.exclude)?,
        })
    }

    /// Whether a file at `path` (relative to the project root) is checked:
    /// an `include` glob matches it and no `exclude` glob does.
    pub fn is_selected(&self, path: &Path) -> bool {
        let path = clean(path);
        self.include.is_match(&path) && !self.exclude.is_match(&path)
    }

    /// Whether `path` (a file or a directory, relative to the project root)
    /// is excluded; a walk need not enter an excluded directory.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.is_match(clean(path))
    }
}
