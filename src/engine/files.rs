//! The per-file stage of a run: every file of the walk read, loaded and
//! modelled on the worker threads, or, with the cache, only the files the
//! named ones depend on (`crate::cache`): the others keep their id as an
//! empty, unread slot, so ids stay in path order.
//!
//! Two passes, each file parsed once: the files whose campaigns may name a
//! template they cannot hold ([`recognize::may_wait_for_template`]) are
//! read first but loaded last, once every template is known, so that their
//! campaigns are checked on their worker rather than kept until the end.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::campaigns::defer_findings;
use super::campaigns::{Known, Stage, check_early};
use super::read::{FileInput, FileResult, not_read, process_file, read_bounded, read_file};
use super::{Dropped, Overlay, RunFile, Settings, cap_per_file, rule_enabled, with_level};
use crate::cache::select::{self, Candidate};
use crate::cache::summary::{self, FileSummary};
use crate::cache::{self, Cache, Stamp};
use crate::finding::Finding;
use crate::model;
use crate::policy::PathSeverities;
use crate::recognize;
use crate::resolve::Deferred;
use crate::source::{FileId, SourceFile};
use crate::walk::{self, Entry};

/// The largest text given up for its line structure: finding a line in
/// the packed form reads the lines before it, which a large file should not
/// pay for each of its findings (and large files are few).
const POSITIONS_ONLY_MAX_BYTES: usize = 64 * 1024;

/// What every file of a run shares.
pub(super) struct ReadContext<'r> {
    pub(super) settings: &'r Settings,
    pub(super) overlay: &'r Overlay,
    pub(super) stdin_bytes: Option<&'r Result<Vec<u8>, String>>,
    pub(super) max_bytes: u64,
    pub(super) max_findings: usize,
    pub(super) include_set_by_file: bool,
    pub(super) stage: Stage<'r>,
    /// Whether a checked file that no later stage reads gives up its text
    /// for its line structure ([`SourceFile::keep_positions_only`]).
    pub(super) positions_suffice: bool,
    /// One empty text shared by every file without one (an allocation
    /// each was a tenth of a warm run's per-file stage).
    pub(super) no_text: Arc<str>,
}

/// One file after the per-file stage: where it lives (and whether it was
/// named), its source, what reading it found, its severities and its
/// findings past the cap.
pub(super) type Loaded<'s> = (RunFile, SourceFile, FileResult, PathSeverities<'s>, Dropped);

/// A file the cache says is unchanged: read only if the selection needs it.
struct Unread {
    entry: Entry,
    /// Its stamp, when it differs from the cached one (same content).
    restamped: Option<Stamp>,
}

enum Slot<'s> {
    Read {
        relative: String,
        loaded: Box<Loaded<'s>>,
        /// What the cache keeps of it, when it came from disk whole; its
        /// summary is filled in once made.
        kept: Option<cache::Entry>,
    },
    Unread(Unread),
    /// Read, and loaded once the templates are known (taken out then).
    Waiting(Option<Box<Waiting>>),
}

/// A file read whose campaigns may wait for a template it cannot hold.
struct Waiting {
    entry: Entry,
    bytes: Vec<u8>,
    /// Its stamp and hash, when the cache may keep it.
    stamp: Option<Stamp>,
    hash: Option<u64>,
}

/// Whether a file's reading waits until the templates are known: it may
/// name one (and hold a campaign) but holds none.
fn waits(bytes: &[u8]) -> bool {
    recognize::may_wait_for_template(bytes) && recognize::may_hold_campaign(bytes)
}

/// The files read so far, with the texts and documents the second pass
/// resolves against.
fn known_of<'t>(slots: &'t [Slot], deferred: &'t Deferred) -> Known<'t> {
    Known::new(
        slots.iter().filter_map(|slot| match slot {
            Slot::Read { loaded, .. } => Some((&loaded.1, loaded.2.items.as_slice())),
            Slot::Unread(_) | Slot::Waiting(_) => None,
        }),
        deferred,
    )
}

/// Moves the reader's findings of each template document read so far to
/// `deferred` (they are reported for the campaigns inheriting the value).
fn defer_read(slots: &mut [Slot]) -> Deferred {
    let mut deferred = Deferred::new();
    for slot in slots {
        if let Slot::Read { loaded, .. } = slot {
            let (_, source, result, _, _) = &mut **loaded;
            defer_findings(
                &mut deferred,
                source.id,
                &result.items,
                &mut result.findings,
            );
        }
    }
    deferred
}

/// The second pass: the waiting files loaded, and their campaigns checked
/// against `known` (at the end of the reading without it).
fn read_waiting<'s>(
    cx: &ReadContext<'s>,
    slots: &mut [Slot<'s>],
    deferred: &Deferred,
    summarize: bool,
    with_known: bool,
) {
    let waiting: Vec<(usize, Waiting)> = slots
        .iter_mut()
        .enumerate()
        .filter_map(|(index, slot)| match slot {
            Slot::Waiting(waiting) => Some((index, *waiting.take()?)),
            _ => None,
        })
        .collect();
    if waiting.is_empty() {
        return;
    }
    let read: Vec<(usize, Slot)> = {
        let known = with_known.then(|| known_of(slots, deferred));
        waiting
            .into_par_iter()
            .map(|(index, waiting)| {
                let relative = waiting.entry.relative.clone();
                let (loaded, complete) = read_one(
                    cx,
                    index,
                    waiting.entry,
                    Some(Ok(waiting.bytes)),
                    summarize,
                    known.as_ref(),
                );
                let kept = match (waiting.stamp, waiting.hash) {
                    (Some(stamp), Some(hash)) if complete => Some(cache::Entry {
                        size: stamp.size,
                        modified: stamp.modified,
                        hash,
                        summary: FileSummary::default(),
                    }),
                    _ => None,
                };
                let slot = Slot::Read {
                    relative,
                    loaded: Box::new(loaded),
                    kept,
                };
                (index, slot)
            })
            .collect()
    };
    for (index, read) in read {
        if let Some(slot) = slots.get_mut(index) {
            *slot = read;
        }
    }
}

/// Reads the files of the walk (all of them, or with `cache` the ones the
/// named files need), in path order, and updates the cache; with them, the
/// reader's findings of the templates read before the waiting files.
pub(super) fn read_files<'s>(
    cx: &ReadContext<'s>,
    entries: Vec<Entry>,
    cache: Option<&mut Cache>,
) -> (Vec<Box<Loaded<'s>>>, Deferred) {
    let Some(cache) = cache else {
        // Each entry is consumed by its worker: its strings move into the
        // results rather than being copied.
        let mut slots: Vec<Slot> = entries
            .into_par_iter()
            .enumerate()
            .map(|(index, entry)| {
                let bytes = bytes_of(cx, &entry);
                match bytes {
                    Ok(bytes) if waits(&bytes) => Slot::Waiting(Some(Box::new(Waiting {
                        entry,
                        bytes,
                        stamp: None,
                        hash: None,
                    }))),
                    bytes => Slot::Read {
                        relative: String::new(),
                        loaded: Box::new(read_one(cx, index, entry, Some(bytes), false, None).0),
                        kept: None,
                    },
                }
            })
            .collect();
        let deferred = defer_read(&mut slots);
        read_waiting(cx, &mut slots, &deferred, false, true);
        let loaded = slots
            .into_iter()
            .filter_map(|slot| match slot {
                Slot::Read { loaded, .. } => Some(loaded),
                Slot::Unread(_) | Slot::Waiting(_) => None,
            })
            .collect();
        return (loaded, deferred);
    };
    let mut slots: Vec<Slot> = {
        let cache = &*cache;
        entries
            .into_par_iter()
            .enumerate()
            .map(|(index, entry)| plan_one(cx, cache, index, entry))
            .collect()
    };
    // A template in a file the cache spares is read only after the
    // selection: the waiting files then wait as before.
    let unread_template = slots.iter().any(|slot| match slot {
        Slot::Unread(unread) => cache
            .get(&unread.entry.relative)
            .is_some_and(|e| e.summary.docs.iter().any(|d| d.template_doc)),
        _ => false,
    });
    let deferred = defer_read(&mut slots);
    read_waiting(cx, &mut slots, &deferred, true, !unread_template);
    // The summaries of the files read; those of the others are the cache's.
    let made: Vec<Option<FileSummary>> = slots
        .iter_mut()
        .map(|slot| match slot {
            Slot::Read { loaded, .. } => loaded.2.summary.take(),
            Slot::Unread(_) | Slot::Waiting(_) => None,
        })
        .collect();
    let needed = {
        let candidates: Vec<Candidate> = slots
            .iter()
            .zip(&made)
            .map(|(slot, made)| match (slot, made) {
                (Slot::Read { loaded, .. }, made) => Candidate {
                    summary: made.as_ref().unwrap_or(&NO_DOCUMENTS),
                    named: loaded.0.named,
                    read: true,
                },
                (Slot::Unread(unread), _) => Candidate {
                    summary: cache
                        .get(&unread.entry.relative)
                        .map_or(&NO_DOCUMENTS, |e| &e.summary),
                    named: false,
                    read: false,
                },
                (Slot::Waiting(_), _) => Candidate {
                    summary: &NO_DOCUMENTS,
                    named: false,
                    read: true,
                },
            })
            .collect();
        select::select(&candidates)
    };
    // Every file found unread is one of the cache's: when they and the
    // files read that it holds are as many as its entries, none is gone.
    let held = slots
        .iter()
        .filter(|slot| match slot {
            Slot::Unread(_) => true,
            Slot::Read { relative, .. } => cache.get(relative).is_some(),
            Slot::Waiting(_) => false,
        })
        .count();
    if held != cache.len() {
        let present: HashSet<&str, cache::FastHash> =
            slots.iter().filter_map(Slot::relative).collect();
        cache.retain(&|path| present.contains(path));
    }

    // Unzipped as they come: the files and the updates are never held
    // twice over.
    let (loaded, updates): (Vec<Option<Box<Loaded>>>, Vec<Update>) = slots
        .into_par_iter()
        .zip(made)
        .zip(needed)
        .enumerate()
        .map(|(index, ((slot, made), needed))| match slot {
            Slot::Read {
                relative,
                loaded,
                kept,
            } => {
                let update = match kept {
                    Some(mut entry) => {
                        entry.summary = made.unwrap_or_default();
                        Update::Insert(relative, entry)
                    }
                    None => Update::None,
                };
                (Some(loaded), update)
            }
            Slot::Unread(unread) => {
                let update = match unread.restamped {
                    Some(stamp) => Update::Restamp(unread.entry.relative.clone(), stamp),
                    None => Update::None,
                };
                let loaded = if needed {
                    read_one(cx, index, unread.entry, None, false, None).0
                } else {
                    unread_slot(cx, index, unread.entry)
                };
                (Some(Box::new(loaded)), update)
            }
            Slot::Waiting(_) => (None, Update::None),
        })
        .unzip();
    for update in updates {
        match update {
            Update::Insert(relative, entry) => cache.insert(relative, entry),
            Update::Restamp(relative, stamp) => cache.restamp(&relative, stamp),
            Update::None => {}
        }
    }
    (loaded.into_iter().flatten().collect(), deferred)
}

static NO_DOCUMENTS: FileSummary = FileSummary { docs: Vec::new() };

/// What a file's reading changes in the cache.
enum Update {
    None,
    Insert(String, cache::Entry),
    Restamp(String, Stamp),
}

impl Slot<'_> {
    fn relative(&self) -> Option<&str> {
        match self {
            Slot::Read { relative, .. } => Some(relative),
            Slot::Unread(unread) => Some(&unread.entry.relative),
            Slot::Waiting(_) => None,
        }
    }
}

/// Reads a file unless the cache holds it unchanged and it is not named.
fn plan_one<'s>(cx: &ReadContext<'s>, cache: &Cache, index: usize, entry: Entry) -> Slot<'s> {
    // What the editor holds is not what the cache says of the disk.
    let from_disk = !entry.link_outside
        && entry
            .path
            .as_deref()
            .is_some_and(|p| cx.overlay.is_empty() || !cx.overlay.contains_key(&walk::absolute(p)));
    let cacheable = from_disk && !entry.named;
    // The walk took it when it could (on another thread, as it went).
    let stamp = entry
        .stamp
        .or_else(|| entry.path.as_deref().and_then(Stamp::of));
    if cacheable
        && let Some(stamp) = stamp
        && cache.fresh(&entry.relative, stamp).is_some()
    {
        return Slot::Unread(Unread {
            entry,
            restamped: None,
        });
    }
    if from_disk && let (Some(stamp), Some(path)) = (stamp, entry.path.as_deref()) {
        let bytes = read_file(path, cx.max_bytes);
        let hash = bytes.as_ref().ok().map(|b| cache::content_hash(b));
        if cacheable && hash.is_some() && cache.get(&entry.relative).map(|e| e.hash) == hash {
            return Slot::Unread(Unread {
                entry,
                restamped: Some(stamp),
            });
        }
        let bytes = match bytes {
            Ok(bytes) if waits(&bytes) => {
                return Slot::Waiting(Some(Box::new(Waiting {
                    entry,
                    bytes,
                    stamp: Some(stamp),
                    hash,
                })));
            }
            bytes => bytes,
        };
        let relative = entry.relative.clone();
        let (loaded, complete) = read_one(cx, index, entry, Some(bytes), true, None);
        let kept = hash.filter(|_| complete).map(|hash| cache::Entry {
            size: stamp.size,
            modified: stamp.modified,
            hash,
            summary: FileSummary::default(),
        });
        return Slot::Read {
            relative,
            loaded: Box::new(loaded),
            kept,
        };
    }
    let relative = entry.relative.clone();
    let (loaded, _) = read_one(cx, index, entry, None, true, None);
    Slot::Read {
        relative,
        loaded: Box::new(loaded),
        kept: None,
    }
}

/// A file of the project that this run does not read: an empty source.
fn unread_slot<'s>(cx: &ReadContext<'s>, index: usize, entry: Entry) -> Loaded<'s> {
    let id = FileId::try_from(index).unwrap_or(FileId::MAX);
    let levels = cx.settings.compiled.severities.unmatched();
    let source = SourceFile::new(id, entry.display, Arc::clone(&cx.no_text));
    let file = RunFile {
        path: entry.path,
        relative: entry.relative,
        named: false,
    };
    (
        file,
        source,
        FileResult::skipped(),
        levels,
        Dropped::default(),
    )
}

/// A file's bytes: from the editor's overlay, standard input or disk.
fn bytes_of(cx: &ReadContext, entry: &Entry) -> Result<Vec<u8>, String> {
    match &entry.path {
        _ if entry.link_outside => Ok(Vec::new()),
        Some(path) if !cx.overlay.is_empty() => match cx.overlay.get(&walk::absolute(path)) {
            Some(text) => read_bounded(&mut text.as_bytes(), cx.max_bytes),
            None => read_file(path, cx.max_bytes),
        },
        Some(path) => read_file(path, cx.max_bytes),
        None => cx
            .stdin_bytes
            .cloned()
            .unwrap_or_else(|| Err("standard input was not read".into())),
    }
}

/// Reads, loads and models one file (`bytes`: read already), with its
/// cache summary when `summarize`, and checks the campaigns that need no
/// template, and with `known` the others too. The flag says whether the
/// model is whole: no tool error and no finding past the cap, which could
/// have cut its reading short.
fn read_one<'s>(
    cx: &ReadContext<'s>,
    index: usize,
    entry: Entry,
    bytes: Option<Result<Vec<u8>, String>>,
    summarize: bool,
    known: Option<&Known>,
) -> (Loaded<'s>, bool) {
    let settings = cx.settings;
    let id = FileId::try_from(index).unwrap_or(FileId::MAX);
    let bytes = bytes.unwrap_or_else(|| bytes_of(cx, &entry));
    let read_whole = bytes.is_ok();
    // The overrides that apply to the file are matched once, here.
    let levels = settings
        .compiled
        .severities
        .for_path(Path::new(&entry.relative));
    let severity_of = |rule: &str| {
        rule_enabled(settings, rule)
            .then(|| levels.level(rule).severity())
            .flatten()
    };
    let mut budget = model::FindingBudget::new(cx.max_findings, &severity_of);
    // A file the policy's own `files.include` selects is a campaign
    // file even when it cannot be read; others must show it.
    let claimed = cx.include_set_by_file
        && settings
            .compiled
            .files
            .is_selected(Path::new(&entry.relative));
    let mut result = if entry.link_outside {
        not_read(id, walk::OUTSIDE_MESSAGE.to_string())
    } else {
        let file = FileInput {
            id,
            path: entry.path.as_deref(),
            display: &entry.display,
            claimed,
            max_bytes: cx.max_bytes,
        };
        process_file(&file, bytes, &mut budget)
    };
    let mut dropped = Dropped {
        count: budget.over,
        first: budget.first_over,
        error: budget.over_error,
    };
    let complete = read_whole && result.error.is_none() && budget.over == 0;
    // The text moves into its source here, on the worker thread.
    let text = std::mem::take(&mut result.text);
    let mut source = SourceFile::new(id, entry.display, text);
    if summarize {
        result.summary = Some(summary::summarize(&result.items));
    }
    let early = check_early(&cx.stage, &source, std::mem::take(&mut result.items), known);
    result.items = early.items;
    result.docs = early.docs;
    result.kept = early.kept;
    result.late = early.late;
    // Past here only its templates, the campaigns kept for the cross-file
    // rules and its suppression comments read the file's text; without
    // them its findings need only lines and columns.
    if cx.positions_suffice
        && source.text.len() <= POSITIONS_ONLY_MAX_BYTES
        && result.items.is_empty()
        && result.kept.is_empty()
        && result.comments.is_empty()
    {
        source.keep_positions_only(&cx.no_text);
    }
    // Capped apart, as each stage caps what it made: the reader's findings
    // of a template document move to the campaigns that inherit the value.
    let mut capped = |found: Vec<Finding>| {
        let found = found
            .into_iter()
            .filter_map(|f| with_level(settings, &levels, f))
            .collect();
        cap_per_file(found, cx.max_findings, &mut |f| dropped.add(f))
    };
    result.findings = capped(std::mem::take(&mut result.findings));
    result.findings.append(&mut capped(early.findings));
    let file = RunFile {
        path: entry.path,
        relative: entry.relative,
        named: entry.named,
    };
    ((file, source, result, levels, dropped), complete)
}
