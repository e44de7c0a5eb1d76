//! How soon `promolint server` publishes diagnostics after a change, for a
//! 30-line campaign in a project of 1,000 generated campaigns and 20
//! templates (`examples/gen_corpus.rs`, seed 1): the release binary, spoken
//! to over its pipes as an editor does.
//!
//! ```text
//! cargo bench --bench server_latency
//! PROMOLINT_BENCH_FILES=10000 PROMOLINT_BENCH_CHANGES=21 cargo bench --bench server_latency
//! ```
//!
//! Each change is one incremental edit (a comment line added, then removed
//! again) after the first check; the time is from sending `didChange` to
//! receiving its `publishDiagnostics`. That includes the server's 150 ms
//! debounce (a change is checked once the document has been quiet that
//! long), so the check's own latency, the figure for the README, is printed
//! beside it with the debounce taken off.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;

#[path = "../tests/lsp_harness/mod.rs"]
mod lsp_harness;

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

fn main() {
    let count: usize = env_number("PROMOLINT_BENCH_FILES", 1000);
    let changes: usize = env_number("PROMOLINT_BENCH_CHANGES", 41);
    let dir = tempfile::tempdir().expect("temporary directory");
    gen_corpus::generate(dir.path(), count, 1).expect("corpus generated");
    let (path, text) = thirty_line_campaign(dir.path());
    let lines = text.lines().count();

    let binary = Path::new(env!("CARGO_BIN_EXE_promolint"));
    let mut client = lsp_harness::Client::spawn(binary, json!({}), dir.path());
    let uri = lsp_harness::file_uri(&path);
    let opened = Instant::now();
    client.open(&uri, &text);
    let first = client.diagnostics(&uri);
    let first_check = opened.elapsed();
    assert!(first.is_empty(), "the campaign is clean: {first:?}");

    let end = lines as u64;
    let mut samples = Vec::with_capacity(changes);
    for i in 0..changes + 5 {
        let (range, new_text) = if i % 2 == 0 {
            (
                json!({"start": {"line": end, "character": 0}, "end": {"line": end, "character": 0}}),
                "# edited\n",
            )
        } else {
            (
                json!({"start": {"line": end, "character": 0}, "end": {"line": end + 1, "character": 0}}),
                "",
            )
        };
        let sent = Instant::now();
        client.change_range(&uri, i as i32 + 2, range, new_text);
        let diagnostics = client.diagnostics(&uri);
        let elapsed = sent.elapsed();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        // The first few warm the caches; they are not counted.
        if i >= 5 {
            samples.push(elapsed);
        }
    }
    client.shutdown();

    samples.sort();
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    let debounce = Duration::from_millis(150);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let files = count + 20;
    println!("server latency: {lines}-line campaign, {files} files, {changes} changes");
    println!(
        "  first check (didOpen -> diagnostics): {:.1} ms",
        ms(first_check)
    );
    println!(
        "  didChange -> diagnostics: median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(median),
        ms(p90),
        ms(samples[0]),
        ms(samples[samples.len() - 1])
    );
    println!(
        "  after the 150 ms debounce: median {:.1} ms, p90 {:.1} ms",
        ms(median.saturating_sub(debounce)),
        ms(p90.saturating_sub(debounce))
    );
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The first campaign of the corpus with 30 lines and no planted fault.
fn thirty_line_campaign(dir: &Path) -> (std::path::PathBuf, String) {
    let mut paths: Vec<_> = std::fs::read_dir(dir.join("campaigns"))
        .expect("campaigns")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("UTF-8");
            (p, text)
        })
        .find(|(_, text)| text.lines().count() == 30 && !text.starts_with("# planted fault"))
        .expect("a clean 30-line campaign in the corpus")
}
