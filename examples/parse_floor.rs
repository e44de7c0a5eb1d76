//! The performance floor: the bare YAML event parser over a directory's
//! files, nothing built. `scripts/bench.sh` times promolint against it.
//!
//! ```text
//! cargo run --release --example parse_floor -- DIR [THREADS]
//! ```
//!
//! Walks `DIR` (plain `read_dir`, no ignore files), reads every `.yaml` and
//! `.yml` file, and runs granit-parser's event loop over it on `THREADS`
//! threads (default 1), counting events. Prints one line: files, bytes,
//! events, parse errors and the elapsed seconds inside the process.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use granit_parser::Parser;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: parse_floor DIR [THREADS]");
        return ExitCode::from(2);
    };
    let threads = match args.get(1).map(|t| t.parse::<usize>()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("THREADS must be a positive number");
            return ExitCode::from(2);
        }
    };

    let started = Instant::now();
    let mut files = Vec::new();
    walk(Path::new(dir), &mut files);
    files.sort();

    let next = AtomicUsize::new(0);
    let totals: Vec<(usize, usize, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let (mut bytes, mut events, mut errors) = (0, 0, 0);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        let Ok(data) = std::fs::read(path) else {
                            errors += 1;
                            continue;
                        };
                        bytes += data.len();
                        let Ok(text) = std::str::from_utf8(&data) else {
                            errors += 1;
                            continue;
                        };
                        let mut parser = Parser::new_from_str(text);
                        while let Some(event) = parser.next_event() {
                            match event {
                                Ok(_) => events += 1,
                                Err(_) => {
                                    errors += 1;
                                    break;
                                }
                            }
                        }
                    }
                    (bytes, events, errors)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or((0, 0, 0)))
            .collect()
    });
    let (bytes, events, errors) = totals
        .iter()
        .fold((0, 0, 0), |a, t| (a.0 + t.0, a.1 + t.1, a.2 + t.2));
    let secs = started.elapsed().as_secs_f64();
    println!(
        "files={} bytes={bytes} events={events} errors={errors} threads={threads} seconds={secs:.4}",
        files.len()
    );
    ExitCode::SUCCESS
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == "yaml" || e == "yml") => {
                out.push(path);
            }
            _ => {}
        }
    }
}
