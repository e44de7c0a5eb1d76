//! Properties of the whole `check` pipeline, in process (issue 7): for
//! arbitrary bytes and for mutated valid campaigns, nothing panics, every
//! span (primary and labels) lies inside its file on character boundaries,
//! the JSON output parses and agrees with the run, and the exit code is 0, 1
//! or 2. The checks themselves are `fuzz/harness.rs`, shared with the fuzz
//! target.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[path = "../fuzz/harness.rs"]
mod harness;

/// Cases per property: enough to catch regressions, few enough to keep the
/// suite fast (the fuzz target is the long search).
const CASES: u32 = 96;

/// Valid inputs to mutate: the fuzz seeds (clean campaign, a campaign using
/// the harness's template, anchors and merge keys, several documents, flow
/// style).
const SEEDS: &[&str] = &[
    include_str!("../fuzz/seeds/check/clean.yaml"),
    include_str!("../fuzz/seeds/check/templated.yaml"),
    include_str!("../fuzz/seeds/check/anchors.yaml"),
    include_str!("../fuzz/seeds/check/multi.yaml"),
    include_str!("../fuzz/seeds/check/flow.yaml"),
];

/// Text the mutations insert: YAML punctuation, anchors and aliases, merge
/// keys, document markers, and characters that are multi-byte, invisible or
/// look-alike (so a span that splits a character would show).
const SNIPPETS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&a ",
    "*a",
    "<<: ",
    "<<: [*a]",
    "---\n",
    "...\n",
    "\"",
    "'",
    "|\n",
    ">-\n",
    "!!str ",
    "!!int ",
    "\t",
    "\n",
    "\r\n",
    "  ",
    "~",
    "null",
    "0.2",
    "\"15%\"",
    "1e3",
    "1_000",
    "-5",
    "新春",
    "政府补贴",
    "立减",
    "０",
    "％",
    "\u{200b}",
    "\u{feff}",
    "\u{301}",
    "é",
    "👍",
    "ｇｏｖ",
    "template: tmpl-base\n",
    "kind: Template\n",
    "id: spring-cashback-2027\n",
    "currency: JPY\n",
    "2027-02-30T00:00:00Z",
    // Rule pack 2: figure forms, terms, and the values its rules read.
    "满1,000减100",
    "优惠20%",
    "百分之二十",
    "半价",
    "立减二十元",
    "up to ¥50",
    "2割引",
    "20% discount",
    "Gov't subsidy",
    "segments: [all]\n",
    "[\"*\"]",
    "combinable: true\n",
    "program_id: TBD\n",
    "rollout_percent: 100\n",
    "max_discount: \"100000.00\"\n",
];

/// Label text built from the figure forms of both tables of RULES.md,
/// whole and broken, for the label of the clean seed.
const LABEL_PIECES: &[&str] = &[
    "优惠",
    "20%",
    "% discount",
    "save ",
    "20 percent off",
    "-",
    "百分之",
    "二十",
    "十五",
    "%オフ",
    "%引き",
    "2割引",
    "半价",
    "半額",
    "立减",
    "减",
    "二十元",
    "一百零五",
    "立减金",
    "元立减金",
    "元优惠券",
    "最高优惠",
    "最高可减",
    "最多减",
    "up to ",
    "$",
    "¥",
    "1,000",
    "１，０００",
    "满",
    "元可用",
    "over ",
    "件",
    "9折",
    "2025",
    "618",
    "24小时",
    "100%正品",
    "off",
    " ",
    "5",
    "0",
    ",",
    "Gov't",
    "政府补贴",
    "\\u200b",
    "\\\"",
];

fn run_property<S>(strategy: S, name: &str)
where
    S: Strategy,
    S::Value: AsRef<[u8]>,
{
    let dir = tempfile::tempdir().unwrap();
    harness::write_project(dir.path()).unwrap();
    let settings = harness::settings(dir.path());
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |input| {
        harness::check(&settings, input.as_ref());
        Ok(())
    });
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
}

#[test]
fn arbitrary_bytes() {
    run_property(
        proptest::collection::vec(any::<u8>(), 0..4096),
        "arbitrary bytes",
    );
}

#[test]
fn arbitrary_yaml_like_text() {
    // Strings of YAML tokens reach far deeper into the loader than raw bytes.
    let token = proptest::sample::select(SNIPPETS).prop_map(str::to_string);
    let text = proptest::collection::vec(
        prop_oneof![
            4 => token,
            1 => "[a-z_<>!&*%@]{1,8}".prop_map(|s| s),
            1 => "[ \n]{1,4}".prop_map(|s| s),
        ],
        0..200,
    )
    .prop_map(|parts| parts.concat());
    run_property(text, "YAML-like text");
}

/// One edit of a campaign's text.
#[derive(Clone, Debug)]
enum Edit {
    DeleteLine(usize),
    DuplicateLine(usize),
    /// Indentation changed by this many spaces (negative: removed).
    Indent(usize, i8),
    Insert(usize, &'static str),
    /// The values after `: ` of two lines exchanged.
    SwapValues(usize, usize),
    /// One byte replaced (the result may not be UTF-8).
    Byte(usize, u8),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<usize>();
    prop_oneof![
        2 => at.prop_map(Edit::DeleteLine),
        2 => at.prop_map(Edit::DuplicateLine),
        2 => (at, -4i8..=4).prop_map(|(l, d)| Edit::Indent(l, d)),
        3 => (at, proptest::sample::select(SNIPPETS)).prop_map(|(p, s)| Edit::Insert(p, s)),
        2 => (at, any::<usize>()).prop_map(|(a, b)| Edit::SwapValues(a, b)),
        1 => (at, any::<u8>()).prop_map(|(p, b)| Edit::Byte(p, b)),
        1 => at.prop_map(Edit::Truncate),
    ]
}

fn apply(text: &[u8], edit: &Edit) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    let count = lines.len().max(1);
    let line = |i: usize| i % count;
    match *edit {
        Edit::DeleteLine(i) if !lines.is_empty() => {
            lines.remove(line(i));
        }
        Edit::DuplicateLine(i) if !lines.is_empty() => {
            let i = line(i);
            let copy = lines[i].clone();
            lines.insert(i, copy);
        }
        Edit::Indent(i, delta) if !lines.is_empty() => {
            let l = &mut lines[line(i)];
            if delta >= 0 {
                l.splice(0..0, std::iter::repeat_n(b' ', delta as usize));
            } else {
                let spaces = l.iter().take_while(|&&b| b == b' ').count();
                l.drain(0..spaces.min(delta.unsigned_abs() as usize));
            }
        }
        Edit::SwapValues(a, b) if !lines.is_empty() => {
            let (a, b) = (line(a), line(b));
            let split = |l: &[u8]| {
                l.windows(2)
                    .position(|w| w == b": ")
                    .map(|p| (l[..p + 2].to_vec(), l[p + 2..].to_vec()))
            };
            if let (Some((ka, va)), Some((kb, vb))) = (split(&lines[a]), split(&lines[b])) {
                lines[a] = [ka, vb].concat();
                lines[b] = [kb, va].concat();
            }
        }
        Edit::Insert(at, snippet) => {
            let mut bytes = lines.concat();
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, snippet.bytes());
            return bytes;
        }
        Edit::Byte(at, byte) if !text.is_empty() => {
            let mut bytes = text.to_vec();
            let at = at % bytes.len();
            bytes[at] = byte;
            return bytes;
        }
        Edit::Truncate(at) => {
            let at = at % (text.len() + 1);
            return text[..at].to_vec();
        }
        _ => {}
    }
    lines.concat()
}

#[test]
fn mutated_campaigns() {
    let mutated = (
        proptest::sample::select(SEEDS),
        proptest::collection::vec(edit(), 1..8),
    )
        .prop_map(|(seed, edits)| {
            edits
                .iter()
                .fold(seed.as_bytes().to_vec(), |text, e| apply(&text, e))
        });
    run_property(mutated, "mutated campaigns");
}

#[test]
fn labels_with_the_figure_forms_of_rule_pack_2() {
    let labels = proptest::collection::vec(proptest::sample::select(LABEL_PIECES), 0..16).prop_map(
        |pieces| {
            SEEDS[0].replace(
                "label: \"新春立减 最高20元\"",
                &format!("label: \"{}\"", pieces.concat()),
            )
        },
    );
    run_property(labels, "labels with pack 2 figure forms");
}

#[test]
fn seeds_are_checked_without_syntax_errors() {
    // The mutations start from valid YAML: a seed that stopped parsing
    // would make the property above weaker without failing it.
    let dir = tempfile::tempdir().unwrap();
    harness::write_project(dir.path()).unwrap();
    let settings = harness::settings(dir.path());
    for seed in SEEDS {
        let checked = harness::check(&settings, seed.as_bytes());
        let rules: Vec<&str> = checked.run.findings.iter().map(|f| f.rule).collect();
        assert!(!rules.contains(&"yaml-syntax"), "{rules:?}\n{seed}");
    }
    // The clean seed repeats the id of the project's other campaign, and
    // that is all: the label of that finding points into the other file.
    let clean = harness::check(&settings, SEEDS[0].as_bytes());
    let rules: Vec<&str> = clean.run.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["duplicate-id"], "{:?}", clean.json);
    assert_eq!(clean.exit_code, 1);
    let label = &clean.json["diagnostics"][0]["labels"][0];
    let file = label["file"].as_str().unwrap_or_default();
    assert!(file.ends_with("campaigns/another.yaml"), "{label}");
}
