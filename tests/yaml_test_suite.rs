//! The official YAML test suite through the loader: every case that a
//! conforming parser must reject yields `yaml-syntax`, no valid case does,
//! and nothing panics.

use std::path::{Path, PathBuf};

use promolint::load::{Limits, decode, load};

fn suite_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/yaml-test-suite");
    assert!(
        dir.is_dir(),
        "the YAML test suite is missing at {}: CI keeps shared/ beside the clone",
        dir.display()
    );
    dir
}

/// Every case folder holding an `in.yaml` (sub-cases are numbered folders).
fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for case in entries {
        if case.join("in.yaml").is_file() {
            out.push(case.clone());
        }
        let mut subs: Vec<PathBuf> = std::fs::read_dir(&case)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() && p.join("in.yaml").is_file())
            .collect();
        subs.sort();
        out.extend(subs);
    }
    out
}

#[test]
fn loader_agrees_with_the_yaml_test_suite() {
    let cases = cases(&suite_dir());
    let (mut valid, mut invalid) = (0, 0);
    let mut wrong = Vec::new();
    for case in &cases {
        let bytes = std::fs::read(case.join("in.yaml")).unwrap();
        let must_fail = case.join("error").exists();
        let syntax_error = match decode(bytes) {
            Err(_) => true,
            Ok(text) => load(0, &text, Limits::default())
                .findings
                .iter()
                .any(|f| f.rule == "yaml-syntax"),
        };
        if must_fail {
            invalid += 1;
        } else {
            valid += 1;
        }
        if syntax_error != must_fail {
            wrong.push(format!(
                "{} (expected {})",
                case.display(),
                if must_fail {
                    "yaml-syntax"
                } else {
                    "no yaml-syntax"
                }
            ));
        }
    }
    assert_eq!(
        (valid, invalid),
        (308, 94),
        "the suite should have 308 valid and 94 error cases"
    );
    assert!(
        wrong.is_empty(),
        "{} cases disagree:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
