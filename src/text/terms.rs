//! Finding the policy's terms in display text, both sides normalized alike.

use std::cmp::Reverse;
use std::fmt;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::normalize::{CharClass, Normalized, normalize};

/// The policy's terms, normalized and compiled once for all files.
#[derive(Debug, Clone)]
pub struct TermSet {
    terms: Vec<Term>,
    automaton: AhoCorasick,
    /// For each automaton pattern, the index of its term in `terms`.
    pattern_terms: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Term {
    original: String,
    /// The term starts (ends) with a letter or digit of a space-separated
    /// script, so the text must not continue the word there.
    word_start: bool,
    word_end: bool,
}

/// A term found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Position of the term in the list given to [`TermSet::new`].
    pub term_index: usize,
    /// Byte range of the original text the match covers, including any
    /// invisible characters or separators inside it.
    pub range: Range<usize>,
}

/// The terms could not be compiled (the automaton would be too large).
#[derive(Debug)]
pub struct TermSetError(aho_corasick::BuildError);

impl fmt::Display for TermSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot compile the policy's terms: {}", self.0)
    }
}

impl std::error::Error for TermSetError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl TermSet {
    /// Normalizes and compiles the terms. A term that normalizes to nothing
    /// (only punctuation or invisible characters) never matches.
    pub fn new<I, S>(terms: I) -> Result<Self, TermSetError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut compiled = Vec::new();
        let mut patterns = Vec::new();
        let mut pattern_terms = Vec::new();
        for (index, term) in terms.into_iter().enumerate() {
            let term = term.as_ref();
            let normalized = normalize(term);
            let pattern = normalized.as_str();
            let is_word_char = |class: Option<CharClass>| class == Some(CharClass::Word);
            compiled.push(Term {
                original: term.to_owned(),
                word_start: is_word_char(normalized.class_at(0)),
                word_end: is_word_char(normalized.class_before(pattern.len())),
            });
            if !pattern.is_empty() {
                patterns.push(pattern.to_owned());
                pattern_terms.push(index);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(TermSetError)?;
        Ok(Self {
            terms: compiled,
            automaton,
            pattern_terms,
        })
    }

    /// Number of terms given to [`TermSet::new`].
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The term at `index`, as written in the policy.
    pub fn term(&self, index: usize) -> Option<&str> {
        self.terms.get(index).map(|term| term.original.as_str())
    }

    /// The terms found in `text`: leftmost-longest, not overlapping, in text
    /// order; ranges are bytes of `text`.
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        self.find_in(&normalize(text))
    }

    /// Like [`TermSet::find`] on text already normalized, so several term
    /// sets can share one normalization of the same text.
    pub fn find_in(&self, text: &Normalized) -> Vec<TermMatch> {
        let mut candidates: Vec<(Range<usize>, usize)> = self
            .automaton
            .find_overlapping_iter(text.as_str())
            .filter_map(|found| {
                let term_index = *self.pattern_terms.get(found.pattern().as_usize())?;
                let term = self.terms.get(term_index)?;
                let continues_word = |class: Option<CharClass>| class == Some(CharClass::Word);
                let bad_start = term.word_start && continues_word(text.class_before(found.start()));
                let bad_end = term.word_end && continues_word(text.class_at(found.end()));
                (!bad_start && !bad_end).then_some((found.range(), term_index))
            })
            .collect();
        candidates
            .sort_by_key(|(range, term_index)| (range.start, Reverse(range.end), *term_index));

        let mut matches: Vec<TermMatch> = Vec::new();
        let mut taken_until = 0;
        for (range, term_index) in candidates {
            if range.start < taken_until {
                continue;
            }
            let Some(original) = text.original_range(range.clone()) else {
                continue;
            };
            // Distinct normalized characters can share original characters
            // (`㍿` is `株式会社`): never report those twice.
            if matches
                .last()
                .is_some_and(|last| last.range.end > original.start)
            {
                continue;
            }
            taken_until = range.end;
            matches.push(TermMatch {
                term_index,
                range: original,
            });
        }
        matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY_TERMS: [&str; 13] = [
        "government subsidy",
        "state subsidy",
        "national subsidy",
        "gov subsidy",
        "政府补贴",
        "国家补贴",
        "国补",
        "政府补助",
        "以旧换新补贴",
        "free money",
        "零元购",
        "0元购",
        "guaranteed refund",
    ];

    fn terms() -> TermSet {
        TermSet::new(POLICY_TERMS).expect("policy terms compile")
    }

    /// The original substrings matched and the terms they matched.
    fn found<'t>(set: &TermSet, text: &'t str) -> Vec<(&'t str, &'static str)> {
        set.find(text)
            .into_iter()
            .map(|m| {
                assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
                (&text[m.range], POLICY_TERMS[m.term_index])
            })
            .collect()
    }

    /// A text and the original substrings expected to match, with their terms.
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)]);

    #[test]
    fn table_of_matches_and_non_matches() {
        let set = terms();
        #[rustfmt::skip]
        let cases: &[Case] = &[
            // Chinese, simplified and traditional, spaced, hidden, full-width.
            ("政府补贴", &[("政府补贴", "政府补贴")]),
            ("本店参与政府補貼活动", &[("政府補貼", "政府补贴")]),
            ("政 府 补 贴", &[("政 府 补 贴", "政府补贴")]),
            ("政\u{200B}府补贴", &[("政\u{200B}府补贴", "政府补贴")]),
            ("政、府。补！贴", &[("政、府。补！贴", "政府补贴")]),
            ("國家補貼再加碼", &[("國家補貼", "国家补贴")]),
            ("国补专享", &[("国补", "国补")]),
            ("享國補", &[("國補", "国补")]),
            ("以舊換新補貼", &[("以舊換新補貼", "以旧换新补贴")]),
            ("参加以旧换新补贴，政府补助", &[("以旧换新补贴", "以旧换新补贴"), ("政府补助", "政府补助")]),
            ("零元购！", &[("零元购", "零元购")]),
            ("０元购", &[("０元购", "0元购")]),
            ("0元購", &[("0元購", "0元购")]),
            // English: case, width, look-alikes, punctuation, words.
            ("Government Subsidy", &[("Government Subsidy", "government subsidy")]),
            ("Ｇovernment Subsidy", &[("Ｇovernment Subsidy", "government subsidy")]),
            ("G\u{043E}vernment subsidy", &[("G\u{043E}vernment subsidy", "government subsidy")]),
            ("Gov. Subsidy inside", &[("Gov. Subsidy", "gov subsidy")]),
            ("a STATE-SUBSIDY deal", &[("STATE-SUBSIDY", "state subsidy")]),
            ("national\u{00AD} subsidy", &[("national\u{00AD} subsidy", "national subsidy")]),
            ("FREE  MONEY!!", &[("FREE  MONEY", "free money")]),
            ("Guaranteed refund.", &[("Guaranteed refund", "guaranteed refund")]),
            ("gov subsidy国补", &[("gov subsidy", "gov subsidy"), ("国补", "国补")]),
            ("(government subsidy)", &[("government subsidy", "government subsidy")]),
            // Japanese.
            ("政府補助金で最大5万円", &[("政府補助", "政府补助")]),
            ("ゼロ円 国補対象", &[("国補", "国补")]),
            ("ＦＲＥＥ ＭＯＮＥＹキャンペーン", &[("ＦＲＥＥ ＭＯＮＥＹ", "free money")]),
            // Must not match.
            ("平台补贴 立减10%", &[]),
            ("Government-approved merchants: 10% off", &[]),
            ("real estate subsidy", &[]),
            ("governments subsidy", &[]),
            ("government subsidyx", &[]),
            ("ungov subsidy", &[]),
            ("free moneyball", &[]),
            ("freemoney", &[]),
            ("政府", &[]),
            ("补贴", &[]),
            ("政府发放消费券", &[]),
            ("100元购物券", &[]),
            ("满100元购物", &[]),
            ("10元购", &[]),
            ("国家队 补给", &[]),
            ("国★补", &[]),
            ("government 补贴", &[]),
            ("無料でお金", &[]),
            ("補助金なし", &[]),
            ("地方補助", &[]),
            ("national\u{00AD}subsidy", &[]),
            ("政府补", &[]),
            ("", &[]),
        ];
        assert!(cases.len() >= 40);
        for (text, expected) in cases {
            assert_eq!(found(&set, text), expected.to_vec(), "text {text:?}");
        }
    }

    #[test]
    fn matches_do_not_overlap_and_prefer_the_longest() {
        let set = TermSet::new(["补贴", "政府补贴", "政府"]).expect("terms compile");
        let matches = set.find("政府补贴和补贴");
        let ranges: Vec<_> = matches
            .iter()
            .map(|m| (m.range.clone(), m.term_index))
            .collect();
        assert_eq!(ranges, vec![(0..12, 1), (15..21, 0)]);
    }

    #[test]
    fn empty_terms_never_match() {
        let set = TermSet::new(["", "...", "\u{200B}"]).expect("terms compile");
        assert_eq!(set.len(), 3);
        assert!(set.find("... \u{200B} anything").is_empty());
        assert_eq!(set.term(1), Some("..."));
        assert_eq!(set.term(3), None);
    }

    #[test]
    fn several_sets_share_one_normalization() {
        let restricted = TermSet::new(["国补"]).expect("terms compile");
        let forbidden = TermSet::new(["0元购"]).expect("terms compile");
        let text = "国补0元购";
        let normalized = normalize(text);
        assert_eq!(
            restricted.find_in(&normalized),
            vec![TermMatch {
                term_index: 0,
                range: 0..6
            }]
        );
        assert_eq!(
            forbidden.find_in(&normalized),
            vec![TermMatch {
                term_index: 0,
                range: 6..13
            }]
        );
    }
}
