//! Characters that render as nothing (zero-width, bidi controls, variation
//! selectors, other format characters): they can hide a term from a reviewer.

use std::ops::Range;

use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

const ZERO_WIDTH_JOINER: char = '\u{200D}';
const TEXT_PRESENTATION_SELECTOR: char = '\u{FE0E}';
const EMOJI_PRESENTATION_SELECTOR: char = '\u{FE0F}';
const COMBINING_ENCLOSING_KEYCAP: char = '\u{20E3}';
const WAVING_BLACK_FLAG: char = '\u{1F3F4}';
const CANCEL_TAG: char = '\u{E007F}';

/// `Default_Ignorable_Code_Point` (Unicode 16, DerivedCoreProperties.txt):
/// soft hyphen, grapheme joiner, fillers, variation selectors, tags, and the
/// code points reserved to stay invisible. Format characters (`Cf`) not in it
/// are added by general category.
const DEFAULT_IGNORABLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180B}', '\u{180F}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFF0}', '\u{FFF8}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0000}', '\u{E0FFF}'),
];

/// `Prepended_Concatenation_Mark` (PropList.txt): format characters that are
/// drawn (Arabic number sign, end of ayah...), so they hide nothing.
const PREPENDED_CONCATENATION_MARK: &[(char, char)] = &[
    ('\u{0600}', '\u{0605}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
];

fn in_ranges(ch: char, ranges: &[(char, char)]) -> bool {
    ranges
        .iter()
        .any(|&(first, last)| (first..=last).contains(&ch))
}

/// Whether a character is invisible: default-ignorable, or a format
/// character (`Cf`) that is not drawn. Normalization removes exactly these.
pub fn is_invisible(ch: char) -> bool {
    if ch.is_ascii() {
        return false;
    }
    in_ranges(ch, DEFAULT_IGNORABLE)
        || (ch.general_category() == GeneralCategory::Format
            && !in_ranges(ch, PREPENDED_CONCATENATION_MARK))
}

/// A maximal run of invisible characters in display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvisibleRun {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The characters of the run, in order.
    pub chars: Vec<char>,
}

/// One run per maximal sequence of invisible characters, except those that
/// belong to an emoji sequence: a zero-width joiner between two emoji
/// (`👨‍👩‍👧`), a variation selector after an emoji (`❤️`) or in a keycap
/// (`1️⃣`), and the tags of a flag (`🏴` + tags + cancel tag).
pub fn invisible_runs(text: &str) -> Vec<InvisibleRun> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let in_emoji = emoji_sequence_members(&chars);
    let mut runs: Vec<InvisibleRun> = Vec::new();
    let mut previous_was_reported = false;
    for (index, &(byte, ch)) in chars.iter().enumerate() {
        let reported = is_invisible(ch) && !in_emoji.get(index).copied().unwrap_or(false);
        if reported {
            let end = byte + ch.len_utf8();
            match runs.last_mut() {
                Some(run) if previous_was_reported => {
                    run.range.end = end;
                    run.chars.push(ch);
                }
                _ => runs.push(InvisibleRun {
                    range: byte..end,
                    chars: vec![ch],
                }),
            }
        }
        previous_was_reported = reported;
    }
    runs
}

/// Marks the invisible characters that are part of an emoji sequence (UTS #51).
fn emoji_sequence_members(chars: &[(usize, char)]) -> Vec<bool> {
    let char_at = |index: Option<usize>| index.and_then(|i| chars.get(i)).map(|&(_, ch)| ch);
    let mut member = vec![false; chars.len()];
    for (index, &(_, ch)) in chars.iter().enumerate() {
        let previous = char_at(index.checked_sub(1));
        let next = char_at(index.checked_add(1));
        let is_member = match ch {
            ZERO_WIDTH_JOINER => {
                emoji_before(chars, index) && next.is_some_and(is_pictographic_emoji)
            }
            EMOJI_PRESENTATION_SELECTOR | TEXT_PRESENTATION_SELECTOR => {
                previous.is_some_and(is_pictographic_emoji)
                    || (previous.is_some_and(is_keycap_base)
                        && next == Some(COMBINING_ENCLOSING_KEYCAP))
            }
            WAVING_BLACK_FLAG => {
                mark_flag_tags(chars, index, &mut member);
                false
            }
            _ => false,
        };
        if is_member && let Some(slot) = member.get_mut(index) {
            *slot = true;
        }
    }
    member
}

/// Whether an emoji (possibly with its presentation selector or skin tone
/// modifier) ends just before `index`.
fn emoji_before(chars: &[(usize, char)], index: usize) -> bool {
    let mut cursor = index;
    while let Some(previous) = cursor.checked_sub(1) {
        match chars.get(previous) {
            Some(&(_, EMOJI_PRESENTATION_SELECTOR)) => cursor = previous,
            Some(&(_, ch)) => return is_pictographic_emoji(ch),
            None => return false,
        }
    }
    false
}

/// A flag's tag sequence: `🏴`, tag characters, cancel tag (England, Scotland...).
fn mark_flag_tags(chars: &[(usize, char)], flag: usize, member: &mut [bool]) {
    let is_tag_spec = |ch: char| ('\u{E0020}'..='\u{E007E}').contains(&ch);
    let tags_start = flag + 1;
    let mut end = tags_start;
    while chars.get(end).is_some_and(|&(_, ch)| is_tag_spec(ch)) {
        end += 1;
    }
    if end > tags_start
        && chars.get(end).is_some_and(|&(_, ch)| ch == CANCEL_TAG)
        && let Some(slots) = member.get_mut(tags_start..=end)
    {
        slots.fill(true);
    }
}

/// An emoji that can be joined or take a presentation selector: any emoji
/// character except the ASCII ones (digits, `#`, `*`), which are emoji only
/// inside a keycap sequence.
fn is_pictographic_emoji(ch: char) -> bool {
    !ch.is_ascii() && ch.is_emoji_char()
}

fn is_keycap_base(ch: char) -> bool {
    ch.is_ascii_digit() || ch == '#' || ch == '*'
}

/// A name for a character as reviewers know it: `U+200B ZERO WIDTH SPACE`
/// (code point alone when Unicode names none, e.g. a reserved one).
pub fn char_name(ch: char) -> String {
    match unicode_names2::name(ch) {
        Some(name) => format!("U+{:04X} {name}", u32::from(ch)),
        None => format!("U+{:04X}", u32::from(ch)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(&str, Vec<char>)> {
        invisible_runs(text)
            .into_iter()
            .map(|run| (&text[run.range], run.chars))
            .collect()
    }

    #[test]
    fn reports_one_run_per_maximal_sequence() {
        assert_eq!(
            runs("政\u{200B}府补贴"),
            vec![("\u{200B}", vec!['\u{200B}'])]
        );
        assert_eq!(
            runs("a\u{200B}\u{202E}\u{2066}b\u{00AD}c"),
            vec![
                (
                    "\u{200B}\u{202E}\u{2066}",
                    vec!['\u{200B}', '\u{202E}', '\u{2066}']
                ),
                ("\u{00AD}", vec!['\u{00AD}']),
            ]
        );
        assert_eq!(runs("\u{FEFF}"), vec![("\u{FEFF}", vec!['\u{FEFF}'])]);
    }

    #[test]
    fn ignores_joiners_and_selectors_inside_emoji_sequences() {
        assert!(runs("family 👨\u{200D}👩\u{200D}👧 day").is_empty());
        assert!(runs("❤\u{FE0F} love").is_empty());
        assert!(runs("👍🏽\u{200D}").len() == 1);
        assert!(runs("❤\u{FE0F}\u{200D}🔥").is_empty());
        assert!(runs("press 1\u{FE0F}\u{20E3}").is_empty());
        assert!(runs("🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}").is_empty());
    }

    #[test]
    fn reports_joiners_and_selectors_outside_emoji_sequences() {
        assert_eq!(runs("a\u{200D}b"), vec![("\u{200D}", vec!['\u{200D}'])]);
        assert_eq!(runs("1\u{FE0F}0元"), vec![("\u{FE0F}", vec!['\u{FE0F}'])]);
        assert_eq!(runs("国\u{FE0F}补"), vec![("\u{FE0F}", vec!['\u{FE0F}'])]);
        assert_eq!(runs("❤\u{200D}x"), vec![("\u{200D}", vec!['\u{200D}'])]);
        assert_eq!(
            runs("🏴\u{E0067}\u{E0062}"),
            vec![("\u{E0067}\u{E0062}", vec!['\u{E0067}', '\u{E0062}'])]
        );
        assert_eq!(runs("葛\u{E0100}"), vec![("\u{E0100}", vec!['\u{E0100}'])]);
    }

    #[test]
    fn visible_text_has_no_runs() {
        for text in [
            "",
            "plain",
            "政府补贴",
            "a b\tc\n",
            "\u{00A0}\u{3000}",
            "\u{0600}١٢",
        ] {
            assert!(runs(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn names_characters() {
        assert_eq!(char_name('\u{200B}'), "U+200B ZERO WIDTH SPACE");
        assert_eq!(char_name('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(char_name('\u{FE0F}'), "U+FE0F VARIATION SELECTOR-16");
        assert_eq!(char_name('\u{2065}'), "U+2065");
    }
}
