//! The one normalization pipeline, for display text and policy terms alike
//! (POLICY.md, "Terms are matched on normalized text"), keeping for every
//! normalized character the byte range of the original text it came from.

use std::ops::Range;
use std::sync::LazyLock;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
use unicode_script::{Script, UnicodeScript};

use super::invisible::is_invisible;
use super::t2s_table::TRADITIONAL_TO_SIMPLIFIED;

/// A character after the first three steps of the policy (NFKC, lowercase,
/// invisible characters removed, traditional folded to simplified), with the
/// original bytes it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoldedChar {
    pub(crate) ch: char,
    pub(crate) origin: Range<usize>,
}

/// Runs steps 1 to 3 of the policy's normalization. Figures are read from
/// this form: it keeps digits, `%`, `.` and spacing, which the confusables
/// skeleton and the separator folding would change.
pub(crate) fn fold(text: &str) -> Vec<FoldedChar> {
    let mut folded = Vec::with_capacity(text.len());
    for segment in nfkc_segments(text) {
        let Some(segment_text) = text.get(segment.clone()) else {
            continue;
        };
        let mut chars = segment_text.chars();
        match (chars.next(), chars.next()) {
            (Some(only), None) if only.is_ascii() => folded.push(FoldedChar {
                ch: only.to_ascii_lowercase(),
                origin: segment,
            }),
            (Some(only), None) if is_nfkc_stable(only) => {
                push_folded(&mut folded, only, &segment);
            }
            _ => {
                for composed in segment_text.nfkc() {
                    push_folded(&mut folded, composed, &segment);
                }
            }
        }
    }
    folded
}

fn push_folded(folded: &mut Vec<FoldedChar>, composed: char, origin: &Range<usize>) {
    for lower in composed.to_lowercase() {
        if !is_invisible(lower) {
            folded.push(FoldedChar {
                ch: to_simplified(lower),
                origin: origin.clone(),
            });
        }
    }
}

/// A character that NFKC leaves as it is when it stands alone.
fn is_nfkc_stable(ch: char) -> bool {
    is_common_ideograph(ch) || is_nfkc_quick(std::iter::once(ch)) == IsNormalized::Yes
}

/// CJK Unified Ideographs, the bulk of Chinese text: starters that NFKC
/// never changes or composes (checked first because it is cheap).
fn is_common_ideograph(ch: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&ch)
}

/// Splits the text where NFKC of the whole equals the concatenation of NFKC of
/// the pieces, so each normalized character can be traced back to the piece
/// it came from. A piece starts at a character that is a starter, whose
/// compatibility decomposition begins with a starter that composes with
/// nothing before it (NFC quick check "Yes"): nothing after that point can
/// reorder or compose with what came before. Usually a piece is one character;
/// combining marks and conjoining jamo stay with their base.
fn nfkc_segments(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut starts = text
        .char_indices()
        .filter(|&(index, ch)| index == 0 || starts_nfkc_segment(ch))
        .map(|(index, _)| index)
        .peekable();
    std::iter::from_fn(move || {
        let start = starts.next()?;
        let end = starts.peek().copied().unwrap_or(text.len());
        Some(start..end)
    })
}

fn starts_nfkc_segment(ch: char) -> bool {
    if ch.is_ascii() || is_common_ideograph(ch) {
        return true;
    }
    if canonical_combining_class(ch) != 0
        || is_nfkc_quick(std::iter::once(ch)) == IsNormalized::Maybe
    {
        return false;
    }
    let mut first = None;
    decompose_compatible(ch, |part| {
        first.get_or_insert(part);
    });
    first.is_some_and(|part| {
        canonical_combining_class(part) == 0
            && is_nfc_quick(std::iter::once(part)) == IsNormalized::Yes
    })
}

/// Traditional to simplified Chinese for one character (OpenCC's character
/// table); every other character is returned as it is.
pub(crate) fn to_simplified(ch: char) -> char {
    if (ch as u32) < 0x3400 {
        return ch;
    }
    TRADITIONAL_TO_SIMPLIFIED
        .binary_search_by_key(&ch, |&(traditional, _)| traditional)
        .ok()
        .and_then(|index| TRADITIONAL_TO_SIMPLIFIED.get(index))
        .map_or(ch, |&(_, simplified)| simplified)
}

/// What a normalized character is, for separator folding and word boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharClass {
    /// A letter or digit of a script written with spaces between words.
    Word,
    /// Han, kana, hangul, bopomofo: no spaces between words, so terms match
    /// as substrings.
    Cjk,
    /// The single space that stands for a run of separators between words.
    Space,
    /// Symbols, emoji and the rest: kept, and never part of a word.
    Other,
}

#[derive(Debug, Clone)]
struct NormalizedChar {
    byte: usize,
    origin: Range<usize>,
    class: CharClass,
}

/// Text after the whole pipeline of POLICY.md (steps 1 to 5), with the way
/// back to the original bytes.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: String,
    chars: Vec<NormalizedChar>,
}

impl Normalized {
    /// The normalized text (a confusables skeleton: for matching only, never
    /// for reading figures or showing to users).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The range of the original text that a byte range of the normalized
    /// text came from: from the start of the original characters of its first
    /// character to the end of those of its last, so invisible characters
    /// removed in between are covered. `None` for an empty range or one that
    /// does not lie on character boundaries of the normalized text.
    pub fn original_range(&self, normalized: Range<usize>) -> Option<Range<usize>> {
        let first = self.char_index_at(normalized.start)?;
        let last = self.chars.partition_point(|c| c.byte < normalized.end);
        let last = last.checked_sub(1)?;
        if last < first || !self.text.is_char_boundary(normalized.end) {
            return None;
        }
        let start = self.chars.get(first)?.origin.start;
        let end = self.chars.get(last)?.origin.end;
        Some(start..end)
    }

    /// The class of the normalized character starting at `byte`.
    pub(crate) fn class_at(&self, byte: usize) -> Option<CharClass> {
        let index = self.char_index_at(byte)?;
        self.chars.get(index).map(|c| c.class)
    }

    /// The class of the normalized character ending at `byte`.
    pub(crate) fn class_before(&self, byte: usize) -> Option<CharClass> {
        let index = self.chars.partition_point(|c| c.byte < byte);
        let previous = index.checked_sub(1)?;
        self.chars.get(previous).map(|c| c.class)
    }

    fn char_index_at(&self, byte: usize) -> Option<usize> {
        let index = self.chars.partition_point(|c| c.byte < byte);
        self.chars
            .get(index)
            .filter(|c| c.byte == byte)
            .map(|_| index)
    }

    fn push(&mut self, ch: char, origin: Range<usize>, class: CharClass) {
        self.chars.push(NormalizedChar {
            byte: self.text.len(),
            origin,
            class,
        });
        self.text.push(ch);
    }
}

/// Normalizes text as POLICY.md says: NFKC, lowercase, invisible and format
/// characters removed, traditional Chinese folded to simplified, the UTS #39
/// confusables skeleton (so Cyrillic `о` is Latin `o`), then runs of
/// whitespace and punctuation removed, except between two letters or digits
/// of space-separated scripts, where they become one space.
pub fn normalize(text: &str) -> Normalized {
    Folded::new(text).normalize()
}

/// A text after steps 1 to 3 ([`fold`]), kept so that one display text is
/// folded once for both the term lists ([`Folded::normalize`]) and the
/// advertised figures ([`Folded::figures`]).
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub(crate) chars: Vec<FoldedChar>,
}

impl Folded {
    pub fn new(text: &str) -> Self {
        Folded { chars: fold(text) }
    }

    /// The rest of the pipeline (steps 4 and 5): what [`normalize`] gives.
    pub fn normalize(&self) -> Normalized {
        normalize_folded(&self.chars)
    }
}

fn normalize_folded(folded: &[FoldedChar]) -> Normalized {
    let mut normalized = Normalized {
        text: String::with_capacity(folded.len()),
        chars: Vec::with_capacity(folded.len()),
    };
    let mut pending_separator: Option<Range<usize>> = None;
    // The pending run is one apostrophe, and a Latin letter came before it.
    let mut separators = 0usize;
    let mut lone_apostrophe = false;
    let mut previous_class: Option<CharClass> = None;
    let mut after_latin_letter = false;
    for &FoldedChar { ch, ref origin } in folded {
        let origin = origin.clone();
        let class = match classify(ch) {
            Some(class) => class,
            None if is_combining(ch) => previous_class.unwrap_or(CharClass::Other),
            None => {
                let run = pending_separator.get_or_insert(origin.clone());
                run.end = origin.end;
                separators += 1;
                lone_apostrophe = separators == 1 && is_apostrophe(ch);
                continue;
            }
        };
        let is_latin_letter = class == CharClass::Word && is_latin_letter(ch);
        if let Some(run) = pending_separator.take() {
            // Step 5: `Gov't` is `govt`, one word.
            let elided = lone_apostrophe && after_latin_letter && is_latin_letter;
            if previous_class == Some(CharClass::Word) && class == CharClass::Word && !elided {
                normalized.push(' ', run, CharClass::Space);
            }
            separators = 0;
            lone_apostrophe = false;
        }
        push_skeleton(&mut normalized, ch, origin, class);
        previous_class = Some(class);
        after_latin_letter = is_latin_letter;
    }
    normalized
}

/// The apostrophes an elision is written with: `'`, and the right and left
/// single quotation marks that word processors put in its place.
fn is_apostrophe(ch: char) -> bool {
    matches!(ch, '\'' | '\u{2019}' | '\u{2018}')
}

fn is_latin_letter(ch: char) -> bool {
    ch.is_alphabetic() && ch.script() == Script::Latin
}

/// The class of a folded character, or `None` for a separator (whitespace,
/// punctuation) or a combining mark, which takes the class of its base.
fn classify(ch: char) -> Option<CharClass> {
    if ch.is_ascii() {
        return if ch.is_ascii_alphanumeric() {
            Some(CharClass::Word)
        } else if ch.is_ascii_whitespace()
            || ch.is_ascii_control()
            || (ch.is_ascii_punctuation() && !is_ascii_symbol(ch))
        {
            None
        } else {
            Some(CharClass::Other)
        };
    }
    if ch.is_whitespace() || is_combining(ch) {
        return None;
    }
    match ch.general_category_group() {
        GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Separator => None,
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number if is_cjk(ch) => {
            Some(CharClass::Cjk)
        }
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number => Some(CharClass::Word),
        _ => Some(CharClass::Other),
    }
}

/// ASCII characters that Rust calls punctuation but Unicode calls symbols
/// (`$ + < = > ^ ` | ~`): kept, like other symbols.
fn is_ascii_symbol(ch: char) -> bool {
    matches!(ch, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~')
}

fn is_combining(ch: char) -> bool {
    ch.general_category_group() == GeneralCategoryGroup::Mark
}

pub(crate) fn is_cjk(ch: char) -> bool {
    matches!(
        ch.script(),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
    ) || ch == '\u{30FC}'
}

/// Appends the confusables skeleton of one character, lowercased again
/// because the skeleton's prototypes are sometimes capitals (`0` -> `O`).
fn push_skeleton(normalized: &mut Normalized, ch: char, origin: Range<usize>, class: CharClass) {
    if let Some(ascii) = ASCII_SKELETONS.get(ch as usize) {
        for &prototype in ascii {
            normalized.push(prototype, origin.clone(), class);
        }
        return;
    }
    for prototype in lowercase_skeleton(ch) {
        normalized.push(prototype, origin.clone(), class);
    }
}

fn lowercase_skeleton(ch: char) -> impl Iterator<Item = char> {
    let mut buffer = [0; 4];
    let prototypes: Vec<char> = unicode_security::skeleton(ch.encode_utf8(&mut buffer)).collect();
    prototypes.into_iter().flat_map(char::to_lowercase)
}

/// The lowercase skeletons of the ASCII characters, computed once: most
/// display text is mostly ASCII, and the skeleton is the slowest step.
static ASCII_SKELETONS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    (0..128u8)
        .map(|byte| lowercase_skeleton(char::from(byte)).collect())
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(text: &str) -> String {
        normalize(text).as_str().to_owned()
    }

    #[test]
    fn terms_and_their_disguises_normalize_alike() {
        let cases = [
            ("政府补贴", "政府補貼"),
            ("政府补贴", "政 府 补 贴"),
            ("政府补贴", "政\u{200B}府补贴"),
            ("政府补贴", "政、府。补贴"),
            ("government subsidy", "Ｇovernment Subsidy"),
            ("government subsidy", "G\u{043E}vernment subsidy"),
            ("government subsidy", "GOVERNMENT   SUBSIDY"),
            ("gov subsidy", "Gov. Subsidy"),
            ("gov subsidy", "gov-subsidy"),
            ("govt subsidy", "Gov't subsidy"),
            ("govt subsidy", "GOV\u{2019}T Subsidy"),
            ("govt subsidy", "Ｇｏｖ＇ｔ subsidy"),
            ("0元购", "０元购"),
            ("0元购", "〇元购"),
        ];
        for (term, text) in cases {
            assert_eq!(normalized(term), normalized(text), "{term:?} vs {text:?}");
        }
    }

    #[test]
    fn separators_fold_to_one_space_only_between_words() {
        assert_eq!(normalized("  Gov.  Subsidy!! "), normalized("gov subsidy"));
        assert!(normalized("gov subsidy").contains(' '));
        assert!(!normalized("政 府").contains(' '));
        assert!(!normalized("gov 补贴").contains(' '));
        assert!(!normalized("补贴 gov").contains(' '));
    }

    #[test]
    fn an_apostrophe_between_latin_letters_is_dropped() {
        assert_eq!(normalized("gov't"), "govt");
        // Anywhere else it separates, like other punctuation.
        assert_eq!(normalized("gov' t"), "gov t");
        assert_eq!(normalized("'90s"), "9os");
        assert_eq!(normalized("1'000"), "l ooo");
        assert_eq!(normalized("gov''t"), "gov t");
        assert_eq!(normalized("政'府"), "政府");
    }

    #[test]
    fn original_range_covers_removed_invisible_characters() {
        let text = "a政\u{200B}府b";
        let normalized = normalize(text);
        let start = normalized.as_str().find('政').unwrap_or(usize::MAX);
        let end = normalized.as_str().find('b').unwrap_or(usize::MAX);
        let range = normalized.original_range(start..end).unwrap_or_default();
        assert_eq!(&text[range], "政\u{200B}府");
    }

    #[test]
    fn one_original_character_can_expand_and_several_can_merge() {
        // `㍿` (one character) is NFKC `株式会社`; `e` + U+0301 merge into `é`.
        let text = "x㍿y";
        let normalized = normalize(text);
        let start = normalized.as_str().find('会').unwrap_or(usize::MAX);
        let range = normalized
            .original_range(start..start + 3)
            .unwrap_or_default();
        assert_eq!(&text[range], "㍿");

        let text = "cafe\u{301}!";
        let folded = fold(text);
        let merged = folded
            .iter()
            .find(|c| c.ch == 'é')
            .map(|c| c.origin.clone());
        assert_eq!(merged.map(|range| &text[range]), Some("e\u{301}"));
    }

    #[test]
    fn original_range_rejects_ranges_off_boundaries() {
        let normalized = normalize("政府");
        assert_eq!(normalized.original_range(1..3), None);
        assert_eq!(normalized.original_range(0..1), None);
        assert_eq!(normalized.original_range(3..3), None);
        assert_eq!(normalized.original_range(0..6), Some(0..6));
    }

    #[test]
    fn fold_keeps_digits_and_percent_but_folds_width_case_and_script() {
        let folded: String = fold("立減２０％ OFF\u{200D}")
            .into_iter()
            .map(|c| c.ch)
            .collect();
        assert_eq!(folded, "立减20% off");
    }

    #[test]
    fn traditional_to_simplified_is_per_character_and_idempotent() {
        assert_eq!(to_simplified('國'), '国');
        assert_eq!(to_simplified('補'), '补');
        assert_eq!(to_simplified('a'), 'a');
        assert_eq!(to_simplified('円'), '円');
        for &(_, simplified) in TRADITIONAL_TO_SIMPLIFIED {
            assert_eq!(to_simplified(simplified), simplified);
        }
    }

    #[test]
    fn traditional_to_simplified_table_is_sorted_and_above_the_fast_path() {
        assert!(
            TRADITIONAL_TO_SIMPLIFIED
                .iter()
                .all(|&(from, _)| from as u32 >= 0x3400)
        );
        assert!(
            TRADITIONAL_TO_SIMPLIFIED
                .windows(2)
                .all(|pair| pair[0].0 < pair[1].0)
        );
    }
}
