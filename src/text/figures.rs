//! Discount figures that display text advertises (RULES.md, the table under
//! "Display text"), for `label-rate-mismatch`.
//!
//! Read from the folded text (NFKC, lowercase, invisible characters removed,
//! traditional folded to simplified), never from the confusables skeleton,
//! which turns `0` into `o` and `%` into `°/₀`.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::ops::Range;

use rust_decimal::Decimal;

use super::normalize::{FoldedChar, fold};

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
    let folded = fold(text);
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
        let Some(range) = original_range(&folded, &candidate.chars) else {
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
    integer_digits: String,
    fraction_digits: String,
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
        let mut fraction_digits = String::new();
        if probe.peek() == Some('.') && probe.peek_at(1).is_some_and(|ch| ch.is_ascii_digit()) {
            probe.pos += 1;
            fraction_digits = probe.digits();
        }
        let literal = if fraction_digits.is_empty() {
            integer_digits.clone()
        } else {
            format!("{integer_digits}.{fraction_digits}")
        };
        let value = Decimal::from_str_exact(&literal).ok()?;
        *self = probe;
        Some(Number {
            value,
            integer_digits,
            fraction_digits,
        })
    }

    fn digits(&mut self) -> String {
        let mut digits = String::new();
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

/// `立减20%`, `减20%`.
fn percent_off_chinese(mut c: Cursor) -> Option<Found> {
    c.eat('立');
    if !c.eat('减') {
        return None;
    }
    c.skip_spaces();
    let number = c.number()?;
    c.skip_spaces();
    c.eat('%').then_some(())?;
    c.found(FigureKind::PercentOff, number.value)
}

/// `20% off`, `20%OFF`, `20%优惠`, `20% discount`, `20%オフ`, `20%引き`.
fn percent_off_suffix(mut c: Cursor) -> Option<Found> {
    if !c.after_word_boundary() {
        return None;
    }
    let number = c.number()?;
    c.skip_spaces();
    c.eat('%').then_some(())?;
    c.skip_spaces();
    let named = c.eat_word("off")
        || c.eat_word("discount")
        || c.eat_str("优惠")
        || c.eat_str("オフ")
        || c.eat_str("引");
    named.then_some(())?;
    if c.before(1) == Some('引') {
        c.eat('き');
    }
    c.found(FigureKind::PercentOff, number.value)
}

/// `优惠20%`.
fn percent_off_youhui(mut c: Cursor) -> Option<Found> {
    if !c.eat_str("优惠") {
        return None;
    }
    c.skip_spaces();
    let number = c.number()?;
    c.skip_spaces();
    c.eat('%').then_some(())?;
    c.found(FigureKind::PercentOff, number.value)
}

/// `save 20%` (and `save 20% off`).
fn percent_off_save(mut c: Cursor) -> Option<Found> {
    if !c.eat_word("save") {
        return None;
    }
    c.skip_spaces();
    let number = c.number()?;
    c.skip_spaces();
    c.eat('%').then_some(())?;
    let mut off = c;
    off.skip_spaces();
    if off.eat_word("off") {
        c = off;
    }
    c.found(FigureKind::PercentOff, number.value)
}

/// `20 percent off`.
fn percent_off_words(mut c: Cursor) -> Option<Found> {
    if !c.after_word_boundary() {
        return None;
    }
    let number = c.number()?;
    if c.skip_spaces() == 0 || !c.eat_word("percent") || c.skip_spaces() == 0 {
        return None;
    }
    c.eat_word("off").then_some(())?;
    c.found(FigureKind::PercentOff, number.value)
}

/// `-20%`, not a range (`10-20%`) or an arithmetic expression.
fn percent_off_minus(mut c: Cursor) -> Option<Found> {
    if c.before(1)
        .is_some_and(|ch| ch.is_alphanumeric() || ch == '%')
    {
        return None;
    }
    if !(c.eat('-') || c.eat('\u{2212}')) {
        return None;
    }
    let number = c.number()?;
    c.skip_spaces();
    c.eat('%').then_some(())?;
    c.found(FigureKind::PercentOff, number.value)
}

/// `百分之二十`, `百分之20`.
fn percent_off_baifenzhi(mut c: Cursor) -> Option<Found> {
    if !c.eat_str("百分之") {
        return None;
    }
    let value = match c.peek() {
        Some(ch) if ch.is_ascii_digit() => c.number()?.value,
        _ => Decimal::from(chinese_integer(&mut c)?),
    };
    (value > Decimal::ZERO && value < Decimal::ONE_HUNDRED).then_some(())?;
    c.found(FigureKind::PercentOff, value)
}

/// `2割引` (2 × 10%), also with a Chinese numeral (`二割引`).
fn percent_off_wari(mut c: Cursor) -> Option<Found> {
    let tenths = match c.peek()? {
        ch if ch.is_ascii_digit() => {
            if !c.after_word_boundary() {
                return None;
            }
            let number = c.number()?;
            (number.fraction_digits.is_empty() && number.integer_digits.len() == 1).then_some(())?;
            number.value
        }
        ch => {
            if c.before(1).is_some_and(is_chinese_numeral) {
                return None;
            }
            let digit = chinese_digit(ch)?;
            c.pos += 1;
            Decimal::from(digit)
        }
    };
    (tenths > Decimal::ZERO).then_some(())?;
    c.eat_str("割引").then_some(())?;
    c.found(FigureKind::PercentOff, tenths * Decimal::TEN)
}

/// `半价`, `半額`: half the price, 50% off.
fn half_price(mut c: Cursor) -> Option<Found> {
    if !c.eat('半') {
        return None;
    }
    (c.eat('价') || c.eat('額') || c.eat('额')).then_some(())?;
    c.found(FigureKind::PercentOff, Decimal::from(50))
}

/// `8折`, `8.5折`, `85折` (tenths), `打8折`, `八折`, `八五折`.
fn zhe(mut c: Cursor) -> Option<Found> {
    let start = c.pos;
    let with_da = c.eat('打');
    if with_da {
        c.skip_spaces();
    }
    let value = if c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
        if !with_da && !c.after_word_boundary() {
            return None;
        }
        zhe_from_digits(&c.number()?)?
    } else {
        if !with_da && c.before(1).is_some_and(is_chinese_numeral) {
            return None;
        }
        zhe_from_chinese(&mut c)?
    };
    c.skip_spaces();
    let zhe_at = c.pos;
    if !c.eat('折')
        || c.peek()
            .is_some_and(|next| ZHE_WORDS_NOT_DISCOUNT.contains(&next))
        || in_zhe_idiom(c.chars, start, zhe_at)
    {
        return None;
    }
    c.found(FigureKind::Zhe, value)
}

/// One digit is whole 折, two digits are tenths (`85折` = 8.5折); the result
/// must be a discount, above 0折 and below 10折.
fn zhe_from_digits(number: &Number) -> Option<Decimal> {
    let value = match (
        number.integer_digits.len(),
        number.fraction_digits.is_empty(),
    ) {
        (1, _) => number.value,
        (2, true) if !number.integer_digits.ends_with('0') => Decimal::from_str_exact(&format!(
            "{}.{}",
            number.integer_digits.get(..1)?,
            number.integer_digits.get(1..)?
        ))
        .ok()?,
        _ => return None,
    };
    (value > Decimal::ZERO && value < Decimal::TEN).then_some(value)
}

/// `八` = 8, `八五` = 8.5.
fn zhe_from_chinese(c: &mut Cursor) -> Option<Decimal> {
    let whole = chinese_digit(c.peek()?)?;
    c.pos += 1;
    let Some(tenths) = c.peek().and_then(chinese_digit) else {
        return Some(Decimal::from(whole));
    };
    c.pos += 1;
    if c.peek().is_some_and(is_chinese_numeral) {
        return None;
    }
    Some(Decimal::new(i64::from(whole * 10 + tenths), 1))
}

fn in_zhe_idiom(chars: &[char], start: usize, zhe_at: usize) -> bool {
    ZHE_IDIOMS.iter().any(|idiom| {
        let idiom: Vec<char> = idiom.chars().collect();
        idiom
            .iter()
            .enumerate()
            .filter(|&(_, &ch)| ch == '折')
            .any(|(offset, _)| {
                zhe_at
                    .checked_sub(offset)
                    .filter(|&idiom_start| idiom_start <= start)
                    .and_then(|idiom_start| chars.get(idiom_start..idiom_start + idiom.len()))
                    .is_some_and(|window| window == idiom.as_slice())
            })
    })
}

/// `减20元`, `立减20元`, `减20`, `减¥20`.
fn amount_off_chinese(mut c: Cursor) -> Option<Found> {
    c.eat('立');
    if !c.eat('减') {
        return None;
    }
    c.skip_spaces();
    let value = c.amount_after_keyword()?;
    c.found(FigureKind::AmountOff, value)
}

/// `立减二十元`, `减五十元`: Chinese numerals, with `元`.
fn amount_off_chinese_numerals(mut c: Cursor) -> Option<Found> {
    c.eat('立');
    if !c.eat('减') {
        return None;
    }
    c.skip_spaces();
    let value = chinese_integer(&mut c)?;
    c.skip_spaces();
    c.eat('元').then_some(())?;
    c.found(FigureKind::AmountOff, Decimal::from(value))
}

/// `立减金5元`: a voucher of that amount.
fn amount_off_voucher(mut c: Cursor) -> Option<Found> {
    if !c.eat_str("立减金") {
        return None;
    }
    c.skip_spaces();
    let value = c.amount_after_keyword()?;
    c.found(FigureKind::AmountOff, value)
}

/// `10元立减金`, `20元优惠券`.
fn amount_off_voucher_suffix(mut c: Cursor) -> Option<Found> {
    if !c.after_word_boundary() {
        return None;
    }
    let number = c.number()?;
    c.skip_spaces();
    c.eat('元').then_some(())?;
    c.skip_spaces();
    (c.eat_str("立减金") || c.eat_str("优惠券")).then_some(())?;
    c.found(FigureKind::AmountOff, number.value)
}

/// `save $5`, `save 5 USD`.
fn amount_off_save(mut c: Cursor) -> Option<Found> {
    if !c.eat_word("save") {
        return None;
    }
    c.skip_spaces();
    let value = c.money()?;
    c.before_word_boundary().then_some(())?;
    c.found(FigureKind::AmountOff, value)
}

/// `$5 off`, `¥10 OFF`, `5 EUR off`, `500円OFF`.
fn amount_off_suffix(mut c: Cursor) -> Option<Found> {
    let value = c.money()?;
    c.skip_spaces();
    if !c.eat_word("off") {
        return None;
    }
    c.found(FigureKind::AmountOff, value)
}

/// `500円引き` (also `500円引`).
fn amount_off_yen(mut c: Cursor) -> Option<Found> {
    if !c.after_word_boundary() {
        return None;
    }
    let number = c.number()?;
    c.skip_spaces();
    if !c.eat_str("円引") {
        return None;
    }
    c.eat('き');
    c.found(FigureKind::AmountOff, number.value)
}

/// `最高50元`, `最高减50元`, `最高立减50元`, `最高可减50元`, `最高¥50`,
/// `最高优惠50元`, `最多减50元`.
fn cap_chinese(mut c: Cursor) -> Option<Found> {
    if !(c.eat_str("最高") || c.eat_str("最多")) {
        return None;
    }
    c.skip_spaces();
    c.eat('可');
    c.eat('立');
    let reduces = c.eat('减') || c.eat_str("优惠");
    c.skip_spaces();
    let value = if reduces {
        c.amount_after_keyword()?
    } else {
        c.money()?
    };
    c.found(FigureKind::Cap, value)
}

/// `up to $50 off`, `up to $50`.
fn cap_english(mut c: Cursor) -> Option<Found> {
    if !c.eat_word("up") || c.skip_spaces() == 0 || !c.eat_word("to") {
        return None;
    }
    c.skip_spaces();
    let value = c.money()?;
    c.before_word_boundary().then_some(())?;
    let mut off = c;
    off.skip_spaces();
    if off.eat_word("off") {
        c = off;
    }
    c.found(FigureKind::Cap, value)
}

/// `满100` (in `满100减20`), `满100元`.
fn threshold_chinese(mut c: Cursor) -> Option<Found> {
    if !c.eat('满') {
        return None;
    }
    c.skip_spaces();
    let value = c.amount_after_keyword()?;
    c.found(FigureKind::Threshold, value)
}

/// `满50元可用`: usable from that spend.
fn threshold_usable(mut c: Cursor) -> Option<Found> {
    if !c.eat('满') {
        return None;
    }
    c.skip_spaces();
    let value = c.money()?;
    c.skip_spaces();
    c.eat_str("可用").then_some(())?;
    c.found(FigureKind::Threshold, value)
}

/// `over $50`, `orders over $50`.
fn threshold_english(mut c: Cursor) -> Option<Found> {
    let mut after_orders = c;
    if (after_orders.eat_word("orders") || after_orders.eat_word("order"))
        && after_orders.skip_spaces() > 0
    {
        c = after_orders;
    }
    if !c.eat_word("over") {
        return None;
    }
    c.skip_spaces();
    let value = c.money()?;
    c.before_word_boundary().then_some(())?;
    c.found(FigureKind::Threshold, value)
}

#[cfg(test)]
mod tests {
    use super::FigureKind::*;
    use super::*;

    /// A text and the figures expected in it: kind, value, the original form.
    type Case<'a> = (&'a str, &'a [(FigureKind, &'a str, &'a str)]);

    fn read(text: &str) -> Vec<(FigureKind, String, &str)> {
        figures(text)
            .into_iter()
            .map(|figure| (figure.kind, figure.value.to_string(), &text[figure.range]))
            .collect()
    }

    #[test]
    fn table_of_figures() {
        #[rustfmt::skip]
        let cases: &[Case] = &[
            // Percent off.
            ("全场立减20%", &[(PercentOff, "20", "立减20%")]),
            ("减 15 %", &[(PercentOff, "15", "减 15 %")]),
            ("Get 20% off today", &[(PercentOff, "20", "20% off")]),
            ("20% OFF", &[(PercentOff, "20", "20% OFF")]),
            ("２０％ＯＦＦ", &[(PercentOff, "20", "２０％ＯＦＦ")]),
            ("12.5%off", &[(PercentOff, "12.5", "12.5%off")]),
            ("10%优惠", &[(PercentOff, "10", "10%优惠")]),
            ("立\u{200B}减20%", &[(PercentOff, "20", "立\u{200B}减20%")]),
            // 折.
            ("全场8折", &[(Zhe, "8", "8折")]),
            ("8.5折起", &[(Zhe, "8.5", "8.5折")]),
            ("85折", &[(Zhe, "8.5", "85折")]),
            ("打8折", &[(Zhe, "8", "打8折")]),
            ("打 9 折", &[(Zhe, "9", "打 9 折")]),
            ("八折", &[(Zhe, "8", "八折")]),
            ("八五折", &[(Zhe, "8.5", "八五折")]),
            ("会员九五折", &[(Zhe, "9.5", "九五折")]),
            ("打七折", &[(Zhe, "7", "打七折")]),
            ("打八五折", &[(Zhe, "8.5", "打八五折")]),
            ("全場8折優惠", &[(Zhe, "8", "8折")]),
            ("０.５折", &[(Zhe, "0.5", "０.５折")]),
            // Amount off.
            ("立减20元", &[(AmountOff, "20", "立减20元")]),
            ("下单减5", &[(AmountOff, "5", "减5")]),
            ("Save $5 now", &[(AmountOff, "5", "Save $5")]),
            ("save 5 USD", &[(AmountOff, "5", "save 5 USD")]),
            ("$5 off", &[(AmountOff, "5", "$5 off")]),
            ("€3.50 OFF", &[(AmountOff, "3.50", "€3.50 OFF")]),
            ("HK$20 off", &[(AmountOff, "20", "HK$20 off")]),
            ("USD 5 off", &[(AmountOff, "5", "USD 5 off")]),
            ("5 EUR off", &[(AmountOff, "5", "5 EUR off")]),
            ("1000円OFF", &[(AmountOff, "1000", "1000円OFF")]),
            ("500円引き", &[(AmountOff, "500", "500円引き")]),
            ("1,000円引き", &[(AmountOff, "1000", "1,000円引き")]),
            ("減¥10", &[(AmountOff, "10", "減¥10")]),
            // Cap.
            ("最高减50元", &[(Cap, "50", "最高减50元")]),
            ("最高減50元", &[(Cap, "50", "最高減50元")]),
            ("最高20元", &[(Cap, "20", "最高20元")]),
            ("最高可减30", &[(Cap, "30", "最高可减30")]),
            ("up to $50 off", &[(Cap, "50", "up to $50 off")]),
            ("Up To ¥100 Off", &[(Cap, "100", "Up To ¥100 Off")]),
            // Threshold, alone and with an amount.
            ("满100减20", &[(Threshold, "100", "满100"), (AmountOff, "20", "减20")]),
            ("滿100減20", &[(Threshold, "100", "滿100"), (AmountOff, "20", "減20")]),
            ("满100元减20元", &[(Threshold, "100", "满100元"), (AmountOff, "20", "减20元")]),
            ("每满200减30，最高减90元", &[(Threshold, "200", "满200"), (AmountOff, "30", "减30"), (Cap, "90", "最高减90元")]),
            ("$5 off orders over $50", &[(AmountOff, "5", "$5 off"), (Threshold, "50", "orders over $50")]),
            ("on any order over USD 30", &[(Threshold, "30", "order over USD 30")]),
            ("over ¥99", &[(Threshold, "99", "over ¥99")]),
            // Not discount figures.
            ("双11狂欢", &[]),
            ("2025年度大促", &[]),
            ("Top 10 deals", &[]),
            ("¥10", &[]),
            ("仅需¥10", &[]),
            ("20%", &[]),
            ("100% cotton", &[]),
            ("20% officially", &[]),
            ("$5 offer", &[]),
            ("over 50 stores", &[]),
            ("turnover $50", &[]),
            ("减10kg", &[]),
            ("减肥", &[]),
            ("满意", &[]),
            ("三折叠手机", &[]),
            ("一折腾就没了", &[]),
            ("一波三折", &[]),
            ("七折八扣", &[]),
            ("100折", &[]),
            ("0折", &[]),
            ("十八折", &[]),
            ("v1.5折", &[]),
            ("打折", &[]),
            ("最高50层", &[]),
            ("save up to $50", &[(Cap, "50", "up to $50")]),
            ("税込1000円", &[]),
            ("10%オフ", &[(PercentOff, "10", "10%オフ")]),
            ("2割引", &[(PercentOff, "20", "2割引")]),
            ("10元立减金", &[(AmountOff, "10", "10元立减金")]),
            ("满2件8折", &[(Zhe, "8", "8折")]),
            ("满3件减10元", &[(AmountOff, "10", "减10元")]),
            ("满1000积分", &[]),
            ("减5%", &[(PercentOff, "5", "减5%")]),
            ("save 20%", &[(PercentOff, "20", "save 20%")]),
            ("x10% off", &[]),
            // Rule pack 2: percent off.
            ("优惠20%", &[(PercentOff, "20", "优惠20%")]),
            ("限时优惠 15 %", &[(PercentOff, "15", "优惠 15 %")]),
            ("20% discount", &[(PercentOff, "20", "20% discount")]),
            ("Save 20% today", &[(PercentOff, "20", "Save 20%")]),
            ("save 20% off", &[(PercentOff, "20", "save 20% off")]),
            ("20 percent off", &[(PercentOff, "20", "20 percent off")]),
            ("-20%", &[(PercentOff, "20", "-20%")]),
            ("全场 -15%", &[(PercentOff, "15", "-15%")]),
            ("百分之二十", &[(PercentOff, "20", "百分之二十")]),
            ("立享百分之十五优惠", &[(PercentOff, "15", "百分之十五")]),
            ("百分之5", &[(PercentOff, "5", "百分之5")]),
            ("20%引き", &[(PercentOff, "20", "20%引き")]),
            ("３割引", &[(PercentOff, "30", "３割引")]),
            ("二割引", &[(PercentOff, "20", "二割引")]),
            ("第二件半价", &[(PercentOff, "50", "半价")]),
            ("半價", &[(PercentOff, "50", "半價")]),
            ("半額セール", &[(PercentOff, "50", "半額")]),
            // Rule pack 2: amount off.
            ("立减二十元", &[(AmountOff, "20", "立减二十元")]),
            ("减五十元", &[(AmountOff, "50", "减五十元")]),
            ("立减一百零五元", &[(AmountOff, "105", "立减一百零五元")]),
            ("立减两千元", &[(AmountOff, "2000", "立减两千元")]),
            ("立减十元", &[(AmountOff, "10", "立减十元")]),
            ("立减金5元", &[(AmountOff, "5", "立减金5元")]),
            ("领20元优惠券", &[(AmountOff, "20", "20元优惠券")]),
            ("立减1,000元", &[(AmountOff, "1000", "立减1,000元")]),
            // Rule pack 2: cap.
            ("最高优惠50元", &[(Cap, "50", "最高优惠50元")]),
            ("最高可减30元", &[(Cap, "30", "最高可减30元")]),
            ("最多减20元", &[(Cap, "20", "最多减20元")]),
            ("up to $50", &[(Cap, "50", "up to $50")]),
            ("up to ¥1,000 back", &[(Cap, "1000", "up to ¥1,000")]),
            // Rule pack 2: threshold, with thousands separators.
            ("满1,000减100", &[(Threshold, "1000", "满1,000"), (AmountOff, "100", "减100")]),
            ("满１，０００减１００", &[(Threshold, "1000", "满１，０００"), (AmountOff, "100", "减１００")]),
            ("over $1,000", &[(Threshold, "1000", "over $1,000")]),
            ("满50元可用", &[(Threshold, "50", "满50元可用")]),
            // Rule pack 2: no figures.
            ("满2件9折", &[(Zhe, "9", "9折")]),
            ("2025新年", &[]),
            ("618大促", &[]),
            ("24小时", &[]),
            ("100%正品", &[]),
            ("10-20%", &[]),
            ("5-10% off", &[(PercentOff, "10", "10% off")]),
            ("半年", &[]),
            ("百分百好评", &[]),
            ("百分之百正品", &[]),
            ("减一半", &[]),
            ("立减二五元", &[]),
            ("up to 5 stores", &[]),
            ("20 percent", &[]),
            ("满2件可用", &[]),
            ("1,5折", &[]),
        ];
        assert!(cases.len() >= 40);
        for (text, expected) in cases {
            let expected: Vec<(FigureKind, String, &str)> = expected
                .iter()
                .map(|&(kind, value, form)| (kind, value.to_owned(), form))
                .collect();
            assert_eq!(read(text), expected, "text {text:?}");
        }
    }

    #[test]
    fn longest_form_wins_and_each_figure_is_read_once() {
        assert_eq!(
            read("最高立减50元"),
            vec![(Cap, "50".to_owned(), "最高立减50元")]
        );
        assert_eq!(
            read("立减20%"),
            vec![(PercentOff, "20".to_owned(), "立减20%")]
        );
        assert_eq!(
            read("up to $50 off"),
            vec![(Cap, "50".to_owned(), "up to $50 off")]
        );
    }

    #[test]
    fn values_are_exact_decimals() {
        let figure = figures("立减33.33%").into_iter().next();
        assert_eq!(figure.map(|f| f.value), Some(Decimal::new(3333, 2)));
        assert!(figures("立减99999999999999999999999999999999999%").is_empty());
    }
}
