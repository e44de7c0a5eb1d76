//! `cargo +nightly fuzz run check`: the bytes are one campaign file of a
//! small project (beside a template and a second campaign); the whole
//! pipeline runs on it (decode, load, model, resolve, every rule) and every
//! output format is written. Panics and broken span invariants are crashes.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use promolint::engine::Settings;

#[path = "../harness.rs"]
mod harness;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let root: PathBuf =
            std::env::temp_dir().join(format!("promolint-fuzz-{}", std::process::id()));
        if let Err(e) = harness::write_project(&root) {
            panic!("cannot write the fuzz project in {}: {e}", root.display());
        }
        harness::settings(&root)
    })
}

fuzz_target!(|data: &[u8]| {
    harness::check(settings(), data);
});
