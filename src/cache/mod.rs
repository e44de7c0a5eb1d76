//! The per-file cache (`.promolint_cache/`): for each file of a project,
//! what the project context of a run needs of it ([`summary`]), keyed by
//! its path, size, modification time and content hash. A run that names a
//! few files reads, of the rest, only those the named ones depend on
//! ([`select`]); the others are looked up here by a `stat`.
//!
//! One cache file per project and policy: its name is a hash of the tool
//! version, the project root and the policy in effect, so another version
//! or a policy edit starts from nothing. A cache file that is missing,
//! corrupt or from another version is ignored, and one that cannot be
//! written is not written: the cache changes how fast a run is, never what
//! it reports.

pub mod select;
pub mod summary;

use std::collections::HashMap;
use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::policy::Policy;
pub use crate::walk::Stamp;
pub use summary::FileSummary;

/// The directory name used under the project root by default.
pub const DEFAULT_DIR: &str = ".promolint_cache";

/// The environment variable that moves the cache directory.
pub const DIR_VARIABLE: &str = "PROMOLINT_CACHE_DIR";

/// What is kept of one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub size: u64,
    /// Nanoseconds since the epoch; 0 when the file was written so close
    /// to the cache that a change within the clock's resolution could hide
    /// (then only the content hash is trusted).
    pub modified: u128,
    pub hash: u64,
    pub summary: FileSummary,
}

/// The content hash of a file's bytes.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The cache file: postcard (compact, and read without a parse of text)
/// of the tool version and the entries.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: String,
    entries: Entries,
}

/// [`Stored`] as written, borrowing the cache.
#[derive(Serialize)]
struct StoredRef<'c> {
    version: &'c str,
    entries: &'c Entries,
}

/// The entries by path relative to the project root.
type Entries = HashMap<String, Entry, FastHash>;

/// The hash of the cache's maps and the selection's sets, whose keys are
/// the project's own paths and ids: the resistance to chosen keys of the
/// standard hasher buys nothing here, and it was a twentieth of a warm run.
/// (The multiply-and-rotate of `rustc-hash`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHash;

impl BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = self
            .0
            .wrapping_add(word)
            .wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(<[u8; 8]>::try_from(word).map_or(0, u64::from_le_bytes));
        }
        let mut tail = [0u8; 8];
        let rest = words.remainder();
        if let Some(slot) = tail.get_mut(..rest.len()) {
            slot.copy_from_slice(rest);
        }
        self.add(u64::from_le_bytes(tail) ^ (bytes.len() as u64).rotate_left(56));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// The cache of one project and policy, in memory.
#[derive(Debug, Default)]
pub struct Cache {
    /// By path relative to the project root.
    entries: Entries,
    changed: bool,
}

impl Cache {
    /// The entry of `relative` when `stamp` says the file is unchanged.
    pub fn fresh(&self, relative: &str, stamp: Stamp) -> Option<&Entry> {
        self.entries
            .get(relative)
            .filter(|e| e.size == stamp.size && e.modified != 0 && e.modified == stamp.modified)
    }

    /// The entry of `relative` whatever its stamp (its hash tells).
    pub fn get(&self, relative: &str) -> Option<&Entry> {
        self.entries.get(relative)
    }

    pub fn insert(&mut self, relative: String, mut entry: Entry) {
        // A file modified within the clock's resolution of now could change
        // again with the same stamp: its hash decides next time.
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        if now.saturating_sub(entry.modified) < RACY_NANOS {
            entry.modified = 0;
        }
        if self.entries.get(&relative) != Some(&entry) {
            self.entries.insert(relative, entry);
            self.changed = true;
        }
    }

    /// Records a new stamp for an entry whose content is unchanged.
    pub fn restamp(&mut self, relative: &str, stamp: Stamp) {
        if let Some(entry) = self.entries.get(relative) {
            let entry = Entry {
                size: stamp.size,
                modified: stamp.modified,
                ..entry.clone()
            };
            self.insert(relative.to_string(), entry);
        }
    }

    /// Forgets the files not in `present` (deleted or renamed since).
    pub fn retain(&mut self, present: &dyn Fn(&str) -> bool) {
        let before = self.entries.len();
        self.entries.retain(|path, _| present(path));
        self.changed |= self.entries.len() != before;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What a cache is for: the tool version, the project root and the policy.
fn key(root: &Path, policy: &Policy) -> u64 {
    let policy_text = serde_json::to_string(policy).unwrap_or_default();
    let mut key = Vec::new();
    for part in [
        env!("CARGO_PKG_VERSION").as_bytes(),
        root.as_os_str().as_encoded_bytes(),
        policy_text.as_bytes(),
    ] {
        key.extend_from_slice(&(part.len() as u64).to_le_bytes());
        key.extend_from_slice(part);
    }
    xxhash_rust::xxh3::xxh3_64(&key)
}

/// Caches kept in memory between runs (the language server, which writes
/// no file): one per project root, started afresh when the policy changes.
#[derive(Debug, Default)]
pub struct InMemory {
    by_root: HashMap<PathBuf, (u64, Cache)>,
}

impl InMemory {
    pub fn of(&mut self, root: &Path, policy: &Policy) -> &mut Cache {
        let key = key(root, policy);
        let slot = self
            .by_root
            .entry(root.to_path_buf())
            .or_insert_with(|| (key, Cache::default()));
        if slot.0 != key {
            *slot = (key, Cache::default());
        }
        &mut slot.1
    }
}

/// Where a project's cache lives on disk.
#[derive(Clone, Debug)]
pub struct Location {
    file: PathBuf,
    dir: PathBuf,
}

impl Location {
    /// The cache file of `root` under `dir` (default: `root/.promolint_cache`).
    pub fn new(dir: Option<&Path>, root: &Path, policy: &Policy) -> Location {
        let dir = dir.map_or_else(|| root.join(DEFAULT_DIR), Path::to_path_buf);
        let name = format!("{:016x}.bin", key(root, policy));
        Location {
            file: dir.join(name),
            dir,
        }
    }

    /// The cache on disk, or an empty one when it cannot be read.
    pub fn load(&self) -> Cache {
        let stored = fs::read(&self.file)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Stored>(&bytes).ok())
            .filter(|s| s.version == env!("CARGO_PKG_VERSION"));
        Cache {
            entries: stored.map(|s| s.entries).unwrap_or_default(),
            changed: false,
        }
    }

    /// Writes the cache when it changed; a failure is ignored.
    pub fn save(&self, cache: &Cache) {
        if cache.changed {
            let _ = self.write(&cache.entries);
        }
    }

    fn write(&self, entries: &Entries) -> std::io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        // Marks the directory as a cache (backup tools skip it) and keeps it
        // out of git, as ruff and cargo do.
        let ignore = self.dir.join(".gitignore");
        if !ignore.exists() {
            fs::write(&ignore, "# Created by promolint.\n*\n")?;
        }
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            fs::write(
                &tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n# promolint's cache: see https://bford.info/cachedir/\n",
            )?;
        }
        let stored = StoredRef {
            version: env!("CARGO_PKG_VERSION"),
            entries,
        };
        let bytes = postcard::to_stdvec(&stored).map_err(std::io::Error::other)?;
        let mut temp = tempfile::NamedTempFile::new_in(&self.dir)?;
        temp.as_file_mut().write_all(&bytes)?;
        temp.persist(&self.file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Two seconds: coarser than any file system's modification times.
const RACY_NANOS: u128 = 2_000_000_000;
