//! Discount figures that display text advertises (RULES.md, the table under
//! "Display text"), for `label-rate-mismatch`.
//!
//! Read from the folded text (NFKC, lowercase, invisible characters removed,
//! traditional folded to simplified), never from the confusables skeleton,
//! which turns `0` into `o` and `%` into `°/₀`.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::ops::Range;

use compact_str::{CompactString, format_compact};
use rust_decimal::Decimal;

use super::normalize::{Folded, FoldedChar};

mod forms;
#[cfg(test)]
mod tests;

use forms::*;

/// What an advertised figure claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// `20% off`, `立减20%`: the value is the percentage (20).
    PercentOff,
    /// `8.5折`, `八五折`: the payer pays value × 10%; the value is in 折 (8.5).
    Zhe,
    /// `减20元`, `$5 off`, `500円引き`: the value is the amount.
    AmountOff,
    /// `最高减50元`, `up to $50 off`: the most one transaction can get.
    Cap,
    /// `满100` (in `满100减20`), `orders over $50`: the spend required.
    Threshold,
}

/// One advertised figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub kind: FigureKind,
    /// The number as written (exact decimal; 折 figures in 折 units).
    pub value: Decimal,
    /// Byte range of the whole form in the original text (`立减20%`,
    /// `$5 off`, `8.5折`, `满100`).
    pub range: Range<usize>,
}

/// The figures advertised in `text`, in text order. Where forms overlap the
/// longest wins (`最高减50元` is one cap, not also an amount), so each
/// character belongs to at most one figure.
pub fn figures(text: &str) -> Vec<Figure> {
    Folded::new(text).figures()
}

impl Folded {
    /// The figures advertised in the folded text: what [`figures`] gives.
    pub fn figures(&self) -> Vec<Figure> {
        figures_folded(&self.chars)
    }
}

fn figures_folded(folded: &[FoldedChar]) -> Vec<Figure> {
    let chars: Vec<char> = folded.iter().map(|c| c.ch).collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for start in 0..chars.len() {
        let cursor = Cursor {
            chars: &chars,
            pos: start,
        };
        if !cursor.may_start_figure() {
            continue;
        }
        for form in FORMS {
            if let Some(found) = form(cursor) {
                candidates.push(Candidate {
                    chars: start..found.end,
                    kind: found.kind,
                    value: found.value,
                });
            }
        }
    }

    candidates.sort_by_key(|c| (Reverse(c.chars.len()), c.chars.start));
    // Chosen forms by start: they never overlap, so only the neighbours of a
    // candidate can overlap it (hostile text can hold millions of forms).
    let mut chosen: BTreeMap<usize, Candidate> = BTreeMap::new();
    for candidate in candidates {
        let Range { start, end } = candidate.chars;
        let overlaps_before = chosen
            .range(..=start)
            .next_back()
            .is_some_and(|(_, taken)| taken.chars.end > start);
        let overlaps_after = chosen.range(start..end).next().is_some();
        if !overlaps_before && !overlaps_after {
            chosen.insert(start, candidate);
        }
    }

    let mut figures: Vec<Figure> = Vec::new();
    for candidate in chosen.into_values() {
        let Some(range) = original_range(folded, &candidate.chars) else {
            continue;
        };
        // Two figures read from one original character (a ligature-like
        // compatibility character) would point at the same text twice.
        if figures
            .last()
            .is_some_and(|last| last.range.end > range.start)
        {
            continue;
        }
        figures.push(Figure {
            kind: candidate.kind,
            value: candidate.value,
            range,
        });
    }
    figures
}

fn original_range(folded: &[FoldedChar], chars: &Range<usize>) -> Option<Range<usize>> {
    let first = folded.get(chars.start)?;
    let last = folded.get(chars.end.checked_sub(1)?)?;
    Some(first.origin.start..last.origin.end)
}

struct Candidate {
    chars: Range<usize>,
    kind: FigureKind,
    value: Decimal,
}

/// A form recognized at a position: what it is and where it ends (exclusive,
/// in folded characters).
struct Found {
    kind: FigureKind,
    value: Decimal,
    end: usize,
}

type Form = fn(Cursor) -> Option<Found>;

const FORMS: &[Form] = &[
    percent_off_chinese,
    percent_off_suffix,
    percent_off_youhui,
    percent_off_save,
    percent_off_words,
    percent_off_minus,
    percent_off_baifenzhi,
    percent_off_wari,
    half_price,
    zhe,
    amount_off_chinese,
    amount_off_chinese_numerals,
    amount_off_voucher,
    amount_off_voucher_suffix,
    amount_off_save,
    amount_off_suffix,
    amount_off_yen,
    cap_chinese,
    cap_english,
    threshold_chinese,
    threshold_usable,
    threshold_english,
];

const CURRENCY_SYMBOLS: &[char] = &['¥', '$', '€', '£', '円', '元'];

/// ISO 4217 codes written beside amounts in these markets (lowercase: the
/// text is folded).
const CURRENCY_CODES: &[&str] = &[
    "usd", "cny", "rmb", "eur", "gbp", "hkd", "jpy", "twd", "sgd", "mop", "krw", "aud", "cad",
    "chf", "nzd", "myr", "thb",
];

/// Dollar prefixes such as `US$` and `HK$`.
const DOLLAR_PREFIXES: &[&str] = &["us$", "hk$", "nt$", "s$", "a$", "c$", "nz$"];

/// Measure words after a bare number: `满2件` counts items and `满1000积分`
/// points, not money.
const COUNT_UNITS: &[char] = &[
    '件', '个', '份', '次', '单', '笔', '人', '天', '日', '张', '瓶', '箱', '盒', '双', '杯', '斤',
    '克', '位', '分', '积', '套', '台', '只', '支', '%', '折',
];

/// Idioms in which a numeral before 折 is not a discount.
const ZHE_IDIOMS: &[&str] = &["一波三折", "七折八扣"];

/// Second characters of words that start with 折 and are no discount
/// (`三折叠` is tri-fold, `一折腾` is "one fuss").
const ZHE_WORDS_NOT_DISCOUNT: &[char] = &['叠', '腾', '磨', '射', '断', '纸', '页', '线'];

fn chinese_digit(ch: char) -> Option<u32> {
    Some(match ch {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_chinese_numeral(ch: char) -> bool {
    chinese_digit(ch).is_some()
        || matches!(ch, '十' | '百' | '千' | '万' | '亿' | '零' | '〇' | '几')
}

/// A whole number written with Chinese numerals (`二十` = 20, `一百零五` =
/// 105, `两千` = 2000, `一万` = 10000), not continuing one written before
/// it. Two digits in a row (`二五`) are no such number.
fn chinese_integer(c: &mut Cursor) -> Option<u64> {
    if c.before(1).is_some_and(is_chinese_numeral) {
        return None;
    }
    let mut probe = *c;
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    let mut read_any = false;
    while let Some(ch) = probe.peek() {
        let unit = match ch {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '零' | '〇' => {
                digit.is_none().then_some(())?;
                probe.pos += 1;
                continue;
            }
            _ => match chinese_digit(ch) {
                Some(d) => {
                    if digit.is_some() {
                        return None;
                    }
                    digit = Some(u64::from(d));
                    probe.pos += 1;
                    read_any = true;
                    continue;
                }
                None => break,
            },
        };
        read_any = true;
        probe.pos += 1;
        if unit == 10_000 {
            let part = section + digit.take().unwrap_or(0);
            total = total.checked_add(part.max(1).checked_mul(unit)?)?;
            section = 0;
        } else {
            section = section.checked_add(digit.take().unwrap_or(1).checked_mul(unit)?)?;
        }
    }
    if !read_any {
        return None;
    }
    let value = total
        .checked_add(section)?
        .checked_add(digit.unwrap_or(0))?;
    (value > 0).then_some(())?;
    *c = probe;
    Some(value)
}

/// A number as written with ASCII digits (after NFKC).
struct Number {
    value: Decimal,
    // Inline (no allocation) up to 24 digits: every form tries the number
    // at each place a figure may start.
    integer_digits: CompactString,
    fraction_digits: CompactString,
}

#[derive(Clone, Copy)]
struct Cursor<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Cursor<'_> {
    /// A cheap test that lets most positions skip trying every form: every
    /// form starts with one of these, and never inside an ASCII word.
    fn may_start_figure(&self) -> bool {
        let Some(ch) = self.peek() else {
            return false;
        };
        if ch.is_ascii_alphanumeric() {
            return self.after_word_boundary();
        }
        matches!(
            ch,
            '立' | '减' | '打' | '最' | '满' | '优' | '百' | '半' | '-' | '\u{2212}'
        ) || chinese_digit(ch).is_some()
            || CURRENCY_SYMBOLS.contains(&ch)
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos.checked_add(offset)?).copied()
    }

    fn before(&self, back: usize) -> Option<char> {
        self.chars.get(self.pos.checked_sub(back)?).copied()
    }

    fn eat(&mut self, ch: char) -> bool {
        let matched = self.peek() == Some(ch);
        if matched {
            self.pos += 1;
        }
        matched
    }

    fn eat_str(&mut self, word: &str) -> bool {
        let mut probe = *self;
        if word.chars().all(|ch| probe.eat(ch)) {
            *self = probe;
            true
        } else {
            false
        }
    }

    /// Eats an English keyword that is a whole word.
    fn eat_word(&mut self, word: &str) -> bool {
        let mut probe = *self;
        if !probe.after_word_boundary() || !probe.eat_str(word) || !probe.before_word_boundary() {
            return false;
        }
        *self = probe;
        true
    }

    fn skip_spaces(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Not in the middle of an ASCII word or number.
    fn after_word_boundary(&self) -> bool {
        !self.before(1).is_some_and(|ch| ch.is_ascii_alphanumeric())
    }

    fn before_word_boundary(&self) -> bool {
        !self.peek().is_some_and(|ch| ch.is_ascii_alphanumeric())
    }

    /// `\d+(,\d{3})*(\.\d+)?`, not continuing a number written before it
    /// (`5` in `1.5` or `1,5` is no number of its own).
    fn number(&mut self) -> Option<Number> {
        let continues_number = match self.before(1) {
            Some(ch) if ch.is_ascii_digit() => true,
            Some('.' | ',') => self.before(2).is_some_and(|ch| ch.is_ascii_digit()),
            _ => false,
        };
        if continues_number {
            return None;
        }
        let mut probe = *self;
        let mut integer_digits = probe.digits();
        if integer_digits.is_empty() {
            return None;
        }
        while probe.peek() == Some(',') {
            let mut group = probe;
            group.pos += 1;
            let digits = group.digits();
            if digits.len() != 3 {
                break;
            }
            integer_digits.push_str(&digits);
            probe = group;
        }
        let mut fraction_digits = CompactString::default();
        if probe.peek() == Some('.') && probe.peek_at(1).is_some_and(|ch| ch.is_ascii_digit()) {
            probe.pos += 1;
            fraction_digits = probe.digits();
        }
        let literal = if fraction_digits.is_empty() {
            integer_digits.clone()
        } else {
            format_compact!("{integer_digits}.{fraction_digits}")
        };
        let value = Decimal::from_str_exact(&literal).ok()?;
        *self = probe;
        Some(Number {
            value,
            integer_digits,
            fraction_digits,
        })
    }

    fn digits(&mut self) -> CompactString {
        let mut digits = CompactString::default();
        while let Some(digit) = self.peek().filter(char::is_ascii_digit) {
            digits.push(digit);
            self.pos += 1;
        }
        digits
    }

    /// A currency written before the amount: `¥`, `$`, `US$`, `USD`.
    fn currency_prefix(&mut self) -> bool {
        if self.peek().is_some_and(|ch| CURRENCY_SYMBOLS.contains(&ch)) {
            self.pos += 1;
            return true;
        }
        if !self.after_word_boundary() {
            return false;
        }
        let Some(first) = self.peek().filter(char::is_ascii_alphabetic) else {
            return false;
        };
        if DOLLAR_PREFIXES
            .iter()
            .any(|prefix| prefix.starts_with(first) && self.eat_str(prefix))
        {
            return true;
        }
        self.eat_currency_code(first)
    }

    /// A currency code that is a whole word, such as `usd`.
    fn eat_currency_code(&mut self, first: char) -> bool {
        CURRENCY_CODES.iter().any(|code| {
            let mut probe = *self;
            let found =
                code.starts_with(first) && probe.eat_str(code) && probe.before_word_boundary();
            if found {
                *self = probe;
            }
            found
        })
    }

    /// A currency written after the amount: `元`, `円`, `€`, `USD`.
    fn currency_suffix(&mut self) -> bool {
        if self.peek().is_some_and(|ch| CURRENCY_SYMBOLS.contains(&ch)) {
            self.pos += 1;
            return true;
        }
        self.peek()
            .filter(char::is_ascii_alphabetic)
            .is_some_and(|first| self.eat_currency_code(first))
    }

    /// An amount with its currency on either side: `¥10`, `$ 5.50`, `10元`,
    /// `5 USD`. Without a currency a number is no amount.
    fn money(&mut self) -> Option<Decimal> {
        let mut prefixed = *self;
        if prefixed.currency_prefix() {
            prefixed.skip_spaces();
            if let Some(number) = prefixed.number() {
                *self = prefixed;
                return Some(number.value);
            }
        }
        let mut suffixed = *self;
        if !suffixed.after_word_boundary() {
            return None;
        }
        let number = suffixed.number()?;
        suffixed.skip_spaces();
        if suffixed.currency_suffix() {
            *self = suffixed;
            return Some(number.value);
        }
        None
    }

    /// An amount after a Chinese keyword (`减`, `满`), where the currency is
    /// optional: `减20`, `减20元`, `减¥20`.
    fn amount_after_keyword(&mut self) -> Option<Decimal> {
        if let Some(value) = self.money() {
            return Some(value);
        }
        let mut probe = *self;
        let number = probe.number()?;
        if !probe.before_word_boundary() {
            return None;
        }
        let mut unit = probe;
        unit.skip_spaces();
        if unit.peek().is_some_and(|ch| COUNT_UNITS.contains(&ch)) {
            return None;
        }
        *self = probe;
        Some(number.value)
    }

    fn found(&self, kind: FigureKind, value: Decimal) -> Option<Found> {
        Some(Found {
            kind,
            value,
            end: self.pos,
        })
    }
}
