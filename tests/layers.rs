//! The architecture, checked: each top-level module of `src/` imports only
//! the modules below it in [`LAYERS`], and no source file grows past
//! [`MAX_LINES`] (docs/architecture.md).
//!
//! The check reads the source as text: comments and string literals are
//! blanked out, then every `crate::` path (a `use` or a path in code, with
//! `{..}` groups expanded) and every `super::` path that climbs to the crate
//! root is taken as an import of the top-level module it names.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The top-level modules of `src/`, lowest first. A module may import only
/// the modules before it. `walk` sits above `report` because it reports
/// tool failures with `report::ToolError`.
const LAYERS: &[&str] = &[
    "catalog",
    "regular_file",
    "source",
    "finding",
    "text",
    "load",
    "recognize",
    "model",
    "policy",
    "resolve",
    "review",
    "rules",
    "suppress",
    "baseline",
    "report",
    "walk",
    "cache",
    "engine",
    "fix",
    "server",
    "cli",
];

/// The crate roots, which declare the modules and may name any of them.
const ROOTS: &[&str] = &["lib.rs", "main.rs"];

const MAX_LINES: usize = 800;

/// Generated tables, exempt from the line limit.
const GENERATED: &[&str] = &["src/text/t2s_table.rs"];

#[test]
fn every_module_imports_only_lower_layers() {
    let mut violations = Vec::new();
    for file in source_files() {
        let relative = relative(&file);
        let Some(module) = module_path(&relative) else {
            continue;
        };
        let Some(top) = module.first() else { continue };
        let Some(rank) = LAYERS.iter().position(|layer| layer == top) else {
            violations.push(format!(
                "{relative}: module `{top}` has no place in LAYERS (tests/layers.rs)"
            ));
            continue;
        };
        let text = fs::read_to_string(&file).unwrap();
        for (line, target) in imports(&text, &module) {
            if &target == top {
                continue;
            }
            match LAYERS.iter().position(|layer| *layer == target) {
                Some(target_rank) if target_rank < rank => {}
                Some(_) => violations.push(format!(
                    "{relative}:{line}: `{top}` imports `{target}`, a layer above it"
                )),
                None => violations.push(format!(
                    "{relative}:{line}: `{top}` imports `crate::{target}`, which is not in LAYERS"
                )),
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports against the layer order (docs/architecture.md):\n{}",
        violations.join("\n")
    );
}

#[test]
fn no_source_file_is_over_the_line_limit() {
    let mut long = Vec::new();
    for file in source_files() {
        let relative = relative(&file);
        if GENERATED.contains(&relative.as_str()) {
            continue;
        }
        let lines = fs::read_to_string(&file).unwrap().lines().count();
        if lines > MAX_LINES {
            long.push(format!("{relative}: {lines} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines; split them along their own seams:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_layer_list_names_every_top_level_module_once() {
    let mut found = BTreeSet::new();
    for file in source_files() {
        if let Some(module) = module_path(&relative(&file)) {
            found.extend(module.first().cloned());
        }
    }
    let listed: BTreeSet<String> = LAYERS.iter().map(|s| s.to_string()).collect();
    assert_eq!(listed.len(), LAYERS.len(), "a layer is listed twice");
    assert_eq!(found, listed);
    for generated in GENERATED {
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(generated)
                .is_file()
        );
    }
}

// The scanner itself: a checker that finds nothing would pass every tree.

#[test]
fn scanner_finds_use_and_path_imports() {
    let found = |text: &str| -> Vec<String> {
        imports(text, &["model".to_string(), "extract".to_string()])
            .into_iter()
            .map(|(_, target)| target)
            .collect()
    };
    assert_eq!(found("use crate::rules::RuleMeta;"), ["rules"]);
    assert_eq!(
        found("use crate::{catalog::X, policy::{self, Policy}, source};"),
        ["catalog", "policy", "source"]
    );
    assert_eq!(found("let m = crate::report::Format::Json;"), ["report"]);
    assert_eq!(found("pub use crate::engine as e;"), ["engine"]);
    assert_eq!(found("use super::super::policy::Policy;"), ["policy"]);
    assert_eq!(
        found("use super::types::*; use super::Reader;"),
        ["model", "model"]
    );
    assert_eq!(
        found("mod tests { use super::super::super::rules; }"),
        ["rules"]
    );
}

#[test]
fn scanner_ignores_comments_and_strings() {
    let module = ["load".to_string()];
    let text = "//! Reads `crate::rules` metadata\n\
                /* crate::policy /* nested crate::engine */ */\n\
                let s = \"crate::report\"; let r = r#\"crate::resolve\"#;\n\
                let c = '\"'; fn f<'a>(x: &'a str) {} // crate::rules\n\
                use crate::source::Loc;\n";
    assert_eq!(imports(text, &module), [(5, "source".to_string())]);
}

/// Every `.rs` file under `src/`, sorted.
fn source_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    assert!(files.len() > 10, "no sources found");
    files
}

/// `src/model/extract/mod.rs`, with `/` separators.
fn relative(file: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = file.strip_prefix(root).unwrap();
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The module a file defines (`src/model/extract/mod.rs` -> `model::extract`),
/// or `None` for a crate root.
fn module_path(relative: &str) -> Option<Vec<String>> {
    let inside = relative.strip_prefix("src/")?;
    if ROOTS.contains(&inside) {
        return None;
    }
    let mut parts: Vec<String> = inside.split('/').map(str::to_string).collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?;
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    Some(parts)
}

/// The top-level modules this file's code names, with their line numbers.
fn imports(text: &str, module: &[String]) -> Vec<(usize, String)> {
    let code = blank_comments_and_literals(text);
    let tokens = tokenize(&code);
    let mut found = Vec::new();
    // Inline modules (`mod tests { .. }`) deepen the path `super` climbs.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        match token.text.as_str() {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if inline.last().is_some_and(|(_, open)| *open == depth) {
                    inline.pop();
                }
            }
            "mod" => {
                if let (Some(name), Some(brace)) = (tokens.get(i + 1), tokens.get(i + 2))
                    && brace.text == "{"
                {
                    inline.push((name.text.clone(), depth));
                }
            }
            _ => {}
        }
        let path_start = i == 0 || tokens.get(i - 1).is_some_and(|t| t.text != "::");
        if path_start && token.text == "crate" && next_is(&tokens, i + 1, "::") {
            found.extend(
                group_heads(&tokens, i + 2)
                    .into_iter()
                    .map(|h| (token.line, h)),
            );
        } else if path_start && token.text == "super" {
            let mut climbs = 0;
            let mut j = i;
            while tokens.get(j).is_some_and(|t| t.text == "super") && next_is(&tokens, j + 1, "::")
            {
                climbs += 1;
                j += 2;
            }
            let mut here: Vec<String> = module.to_vec();
            here.extend(inline.iter().map(|(name, _)| name.clone()));
            if climbs >= here.len() {
                found.extend(group_heads(&tokens, j).into_iter().map(|h| (token.line, h)));
            } else if let Some(top) = here.first() {
                found.push((token.line, top.clone()));
            }
        }
        i += 1;
    }
    found
}

fn next_is(tokens: &[Token], i: usize, text: &str) -> bool {
    tokens.get(i).is_some_and(|t| t.text == text)
}

/// The first segment of the path at `i`, or of each path in a `{..}` group.
fn group_heads(tokens: &[Token], i: usize) -> Vec<String> {
    let Some(first) = tokens.get(i) else {
        return Vec::new();
    };
    if first.text != "{" {
        return vec![first.text.clone()];
    }
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    for token in &tokens[i..] {
        match token.text.as_str() {
            "{" => {
                depth += 1;
                expect_head = depth == 1;
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => expect_head = true,
            text if expect_head && depth == 1 => {
                if text != "self" {
                    heads.push(text.to_string());
                }
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

struct Token {
    text: String,
    line: usize,
}

/// Identifiers, `::` and single punctuation characters, with line numbers.
fn tokenize(code: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let mut text = c.to_string();
            while let Some(&n) = chars.peek() {
                if !(n.is_alphanumeric() || n == '_') {
                    break;
                }
                text.push(n);
                chars.next();
            }
            tokens.push(Token { text, line });
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            tokens.push(Token {
                text: "::".into(),
                line,
            });
        } else if !c.is_whitespace() {
            tokens.push(Token {
                text: c.to_string(),
                line,
            });
        }
    }
    tokens
}

/// The text with comments and the contents of string and character
/// literals replaced by spaces (newlines kept, so lines still count).
fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while let Some(&c) = chars.get(i) {
                if c == '\n' {
                    break;
                }
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while let Some(&c) = chars.get(i) {
                let next = chars.get(i + 1).copied();
                if c == '/' && next == Some('*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c == '*' && next == Some('/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !ident_before(&chars, i) {
            // A raw string: r"..." or r#"..."#, closed by `"` and as many `#`.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.extend(std::iter::repeat_n(' ', j + 1 - i));
            i = j + 1;
            while let Some(&c) = chars.get(i) {
                if c == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(c));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while let Some(&c) = chars.get(i) {
                if c == '\\' {
                    out.push(' ');
                    if let Some(&escaped) = chars.get(i + 1) {
                        out.push(blank(escaped));
                    }
                    i += 2;
                    continue;
                }
                out.push(blank(c));
                i += 1;
                if c == '"' {
                    break;
                }
            }
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}'); otherwise a lifetime.
            let literal_len = match (next, chars.get(i + 2)) {
                (Some('\\'), _) => chars
                    .iter()
                    .skip(i + 2)
                    .position(|&c| c == '\'')
                    .map(|end| end + 3),
                (Some(_), Some('\'')) => Some(3),
                _ => None,
            };
            match literal_len {
                Some(len) => {
                    out.extend(std::iter::repeat_n(' ', len));
                    i += len;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0
        && chars
            .get(i - 1)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
}
