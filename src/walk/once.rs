//! Each file of a run once: two paths found for one file (a named file
//! the walk finds again, a link to a file of the project) are one entry.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Entry, rest_of};

/// The files found, in the order found, before each is kept once.
#[derive(Default)]
pub(super) struct Found {
    pub(super) walks: Vec<Walk>,
    /// Each file with the walk that found it, or `None` for a named file
    /// or a link to a file, whose canonical path is asked of the system.
    pub(super) files: Vec<(Entry, Option<usize>)>,
}

pub(super) struct Walk {
    pub(super) dir: PathBuf,
    pub(super) canonical: Option<PathBuf>,
    /// Where its files are in [`Found::files`], in the order read.
    pub(super) files: std::ops::Range<usize>,
}

impl Found {
    /// One entry per file (two paths of one file are told apart by their
    /// canonical paths); the first found is kept, and it is named if any of
    /// them is.
    pub(super) fn each_file_once(self) -> Vec<Entry> {
        // Within one walk, which follows no link to a directory, two regular
        // files are two files: there is nothing to compare.
        if self.walks.len() <= 1 && self.files.iter().all(|(_, walk)| walk.is_some()) {
            return self.files.into_iter().map(|(entry, _)| entry).collect();
        }
        if let [walk] = self.walks.as_slice()
            && self
                .files
                .iter()
                .enumerate()
                .all(|(index, (_, found_by))| found_by.is_some() == walk.files.contains(&index))
        {
            return self.one_walk_and_named_files();
        }
        // Which path stands for a file is the first in the order of a
        // sorted walk (each directory's entries by name, depth first): the
        // order of their components. Two files of one walk are two files
        // unless one is a link (`None`): only such walks need the order.
        let mut files = self.files;
        for walk in &self.walks {
            if let Some(found) = files.get_mut(walk.files.clone())
                && found.iter().any(|(_, w)| w.is_none())
            {
                found.sort_by(|(a, _), (b, _)| a.path.cmp(&b.path));
            }
        }
        // Keyed by the canonical path's bytes: hashing a `Path` hashes its
        // components, each found by a parse.
        let mut first: HashMap<std::ffi::OsString, usize> = HashMap::with_capacity(files.len());
        let mut entries: Vec<Entry> = Vec::with_capacity(files.len());
        for (entry, walk) in files {
            let key = walk
                .and_then(|walk| self.walks.get(walk))
                .and_then(|walk| walk.key(entry.path.as_deref()?))
                .or_else(|| entry.path.as_deref().map(canonical))
                .unwrap_or_default()
                .into_os_string();
            match first.get(&key).and_then(|&index| entries.get_mut(index)) {
                Some(existing) => existing.named |= entry.named,
                None => {
                    first.insert(key, entries.len());
                    entries.push(entry);
                }
            }
        }
        entries
    }
}

impl Found {
    /// [`Found::each_file_once`] for one walk that met no link, and files
    /// named: the walk's regular files are two by two distinct, so only a
    /// named file can be another path of one of them. Each is told by its
    /// path below the walked directory, without a canonical path made for
    /// every file of the walk (an allocation and a hash each, most of this
    /// step's time on a warm run that names one file).
    fn one_walk_and_named_files(self) -> Vec<Entry> {
        let Some(walk) = self.walks.first() else {
            return self.files.into_iter().map(|(entry, _)| entry).collect();
        };
        let named_keys: Vec<(usize, FileKey)> = self
            .files
            .iter()
            .enumerate()
            .filter(|(_, (_, found_by))| found_by.is_none())
            .map(|(index, (entry, _))| {
                let full = entry.path.as_deref().map(canonical).unwrap_or_default();
                (
                    index,
                    walk.file_key(full.into_os_string().into_encoded_bytes()),
                )
            })
            .collect();
        let wanted: HashSet<(bool, &[u8])> =
            named_keys.iter().map(|(_, key)| key.as_ref()).collect();
        // Where each file goes: kept (at that place of the result), or into
        // the kept file of an earlier path of it.
        let mut fates: Vec<Option<usize>> = Vec::with_capacity(self.files.len());
        let mut first: HashMap<(bool, &[u8]), usize> = HashMap::new();
        let mut named = named_keys.iter().peekable();
        let mut kept = 0usize;
        for (index, (entry, found_by)) in self.files.iter().enumerate() {
            let key = if found_by.is_none() {
                named
                    .next_if(|(at, _)| *at == index)
                    .map(|(_, key)| key.as_ref())
            } else if wanted.is_empty() {
                None
            } else {
                match entry.path.as_deref().and_then(|p| walk.rest(p)) {
                    Some(rest) => wanted.get(&(true, rest.as_bytes())).copied(),
                    None => {
                        let full = entry.path.as_deref().map(canonical).unwrap_or_default();
                        let key = walk.file_key(full.into_os_string().into_encoded_bytes());
                        wanted.iter().copied().find(|k| *k == key.as_ref())
                    }
                }
            };
            match key.map(|key| first.get(&key).copied().ok_or(key)) {
                Some(Ok(at)) => fates.push(Some(at)),
                Some(Err(key)) => {
                    first.insert(key, kept);
                    fates.push(None);
                    kept += 1;
                }
                None => {
                    fates.push(None);
                    kept += 1;
                }
            }
        }
        let mut entries: Vec<Entry> = Vec::with_capacity(kept);
        for ((entry, _), fate) in self.files.into_iter().zip(fates) {
            match fate.and_then(|at| entries.get_mut(at)) {
                Some(existing) => existing.named |= entry.named,
                None => entries.push(entry),
            }
        }
        entries
    }
}

/// What tells two paths of one file apart in [`Found::one_walk_and_named_files`]:
/// the canonical path, written as the part below the walked directory's
/// canonical path when it lies there (as the walk's own files are).
enum FileKey {
    Below(Vec<u8>),
    Full(Vec<u8>),
}

impl FileKey {
    fn as_ref(&self) -> (bool, &[u8]) {
        match self {
            FileKey::Below(rest) => (true, rest),
            FileKey::Full(path) => (false, path),
        }
    }
}

impl Walk {
    /// The rest of the path of a file this walk found, below the walked
    /// directory, when its canonical path is that directory's joined with it.
    fn rest<'p>(&self, path: &'p Path) -> Option<&'p str> {
        self.canonical.as_ref()?;
        rest_of(self.dir.to_str()?, path)
    }

    /// [`FileKey`] of a canonical path.
    fn file_key(&self, full: Vec<u8>) -> FileKey {
        let below = self.canonical.as_ref().and_then(|base| {
            let base = base.as_os_str().as_encoded_bytes();
            let after = full.strip_prefix(base)?;
            let rest = if base.ends_with(b"/") {
                after
            } else {
                after.strip_prefix(b"/")?
            };
            (!rest.is_empty()).then(|| rest.to_vec())
        });
        match below {
            Some(rest) => FileKey::Below(rest),
            None => FileKey::Full(full),
        }
    }

    /// The canonical path of a regular file this walk found: the walk does
    /// not follow links to directories, so there is no link on its way from
    /// the walked directory, and it is the directory's canonical path,
    /// resolved once, joined with the rest (a `realpath` per file was a
    /// large part of the walk's time).
    fn key(&self, path: &Path) -> Option<PathBuf> {
        let rest = rest_of(self.dir.to_str()?, path)?;
        Some(self.canonical.as_ref()?.join(rest))
    }
}

/// What tells two paths of one file from two files: the canonical path.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
