//! Properties over arbitrary text: nothing panics, and every range handed
//! back lies inside the text on character boundaries.

use std::ops::Range;

use proptest::prelude::*;

use super::*;

/// Characters that exercise the pipeline: CJK, traditional forms, figures'
/// keywords, full-width and look-alike letters, invisible characters, emoji
/// parts, combining marks, NFKC expansions, separators.
const INTERESTING: &[char] = &[
    '政',
    '府',
    '补',
    '贴',
    '補',
    '貼',
    '国',
    '國',
    '减',
    '減',
    '满',
    '滿',
    '立',
    '最',
    '高',
    '打',
    '折',
    '叠',
    '八',
    '五',
    '九',
    '元',
    '円',
    '引',
    'き',
    '优',
    '惠',
    '零',
    '购',
    '¥',
    '$',
    '€',
    '%',
    '％',
    '.',
    ',',
    ' ',
    '-',
    '0',
    '1',
    '5',
    '9',
    '０',
    '２',
    'g',
    'o',
    'v',
    'm',
    's',
    'u',
    'b',
    'O',
    'F',
    'Ｇ',
    '\u{043E}',
    '\u{0391}',
    '\u{200B}',
    '\u{200D}',
    '\u{202E}',
    '\u{2066}',
    '\u{00AD}',
    '\u{FE0F}',
    '\u{FE0E}',
    '\u{E0100}',
    '\u{E0067}',
    '\u{E007F}',
    '\u{20E3}',
    '\u{0301}',
    '\u{0F73}',
    '\u{1161}',
    '\u{3131}',
    '\u{314F}',
    '👨',
    '❤',
    '🏴',
    '🏽',
    '㍿',
    'ﬀ',
    'İ',
    'ß',
    '\u{3000}',
    '\n',
    '、',
    '。',
    'ー',
    // Rule pack 2's forms and the apostrophe step.
    '百',
    '分',
    '之',
    '十',
    '二',
    '两',
    '千',
    '万',
    '半',
    '价',
    '額',
    '割',
    'オ',
    'フ',
    '金',
    '券',
    '可',
    '用',
    '多',
    '件',
    '，',
    '\'',
    '\u{2019}',
    '\u{2212}',
    'p',
    'e',
    'r',
    'c',
    'n',
    't',
    'd',
];

/// Pieces of the figure forms of both tables (RULES.md), for text that
/// holds many forms, whole and broken, next to each other.
const FORM_PIECES: &[&str] = &[
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
    "割引",
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
    "\u{200B}",
];

fn form_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(FORM_PIECES), 0..16)
        .prop_map(|pieces| pieces.concat())
}

fn text() -> impl Strategy<Value = String> {
    let char_strategy = prop_oneof![
        3 => proptest::sample::select(INTERESTING),
        1 => any::<char>(),
    ];
    prop_oneof![
        proptest::collection::vec(char_strategy, 0..48)
            .prop_map(|chars| chars.into_iter().collect()),
        any::<String>(),
    ]
}

fn assert_in_text(text: &str, range: &Range<usize>) {
    assert!(range.start < range.end, "empty range {range:?} in {text:?}");
    assert!(range.end <= text.len(), "range {range:?} outside {text:?}");
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "range {range:?} off character boundaries in {text:?}"
    );
}

fn assert_ordered_and_disjoint<'a>(text: &str, ranges: impl Iterator<Item = &'a Range<usize>>) {
    let mut previous_end = 0;
    for range in ranges {
        assert_in_text(text, range);
        assert!(
            range.start >= previous_end,
            "overlap at {range:?} in {text:?}"
        );
        previous_end = range.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalization_maps_back_inside_the_text(text in text()) {
        let normalized = normalize(&text);
        let all = 0..normalized.as_str().len();
        match normalized.original_range(all) {
            Some(range) => assert_in_text(&text, &range),
            None => prop_assert!(normalized.as_str().is_empty()),
        }
        for (byte, ch) in normalized.as_str().char_indices() {
            let range = normalized.original_range(byte..byte + ch.len_utf8());
            prop_assert!(range.is_some());
            if let Some(range) = range {
                assert_in_text(&text, &range);
            }
        }
    }

    #[test]
    fn term_matches_lie_in_the_text(text in text(), term in text()) {
        let set = TermSet::new([term.as_str(), "政府补贴", "gov subsidy", "0元购"]);
        prop_assert!(set.is_ok());
        if let Ok(set) = set {
            let matches = set.find(&text);
            assert_ordered_and_disjoint(&text, matches.iter().map(|m| &m.range));
            prop_assert!(matches.iter().all(|m| m.term_index < set.len()));
        }
    }

    #[test]
    fn a_term_matches_itself(term in text()) {
        let set = TermSet::new([term.as_str()]);
        prop_assert!(set.is_ok());
        if let Ok(set) = set {
            let matches = set.find(&term);
            prop_assert_eq!(matches.len(), usize::from(!normalize(&term).as_str().is_empty()));
        }
    }

    #[test]
    fn hidden_separators_do_not_hide_a_chinese_term(
        separators in proptest::collection::vec(
            proptest::sample::select(&[' ', '\u{200B}', '\u{200D}', '、', '\u{3000}', '\u{00AD}'][..]),
            3,
        ),
    ) {
        let text: String = "政府補貼".chars().zip(separators.iter().chain([&'!'])).flat_map(|(a, b)| [a, *b]).collect();
        let set = TermSet::new(["政府补贴"]);
        prop_assert!(set.is_ok());
        if let Ok(set) = set {
            let matches = set.find(&text);
            prop_assert_eq!(matches.len(), 1);
            let covered = matches.first().and_then(|m| text.get(m.range.clone()));
            prop_assert_eq!(covered, text.strip_suffix('!'));
        }
    }

    #[test]
    fn figures_lie_in_the_text(text in text()) {
        let found = figures(&text);
        assert_ordered_and_disjoint(&text, found.iter().map(|f| &f.range));
    }

    #[test]
    fn figures_of_pack_2_forms_lie_in_the_text(text in form_text()) {
        let found = figures(&text);
        assert_ordered_and_disjoint(&text, found.iter().map(|f| &f.range));
        for figure in &found {
            prop_assert!(figure.value >= rust_decimal::Decimal::ZERO, "{figure:?} in {text:?}");
        }
        let normalized = normalize(&text);
        for (byte, ch) in normalized.as_str().char_indices() {
            if let Some(range) = normalized.original_range(byte..byte + ch.len_utf8()) {
                assert_in_text(&text, &range);
            }
        }
    }

    #[test]
    fn invisible_runs_lie_in_the_text_and_hold_only_invisible_characters(text in text()) {
        let runs = invisible_runs(&text);
        assert_ordered_and_disjoint(&text, runs.iter().map(|run| &run.range));
        for run in &runs {
            let covered: Vec<char> = text.get(run.range.clone()).unwrap_or_default().chars().collect();
            prop_assert_eq!(&covered, &run.chars);
            prop_assert!(run.chars.iter().all(|&ch| is_invisible(ch)));
            prop_assert!(!char_name(run.chars[0]).is_empty());
        }
        for pair in runs.windows(2) {
            prop_assert!(pair[0].range.end < pair[1].range.start, "adjacent runs not merged");
        }
    }
}
