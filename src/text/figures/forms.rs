//! The forms of the figure table, one reader each: each takes a cursor at
//! a candidate start and returns what it found there.

use super::*;

/// `立减20%`, `减20%`.
pub(super) fn percent_off_chinese(mut c: Cursor) -> Option<Found> {
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
pub(super) fn percent_off_suffix(mut c: Cursor) -> Option<Found> {
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
pub(super) fn percent_off_youhui(mut c: Cursor) -> Option<Found> {
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
pub(super) fn percent_off_save(mut c: Cursor) -> Option<Found> {
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
pub(super) fn percent_off_words(mut c: Cursor) -> Option<Found> {
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
pub(super) fn percent_off_minus(mut c: Cursor) -> Option<Found> {
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
pub(super) fn percent_off_baifenzhi(mut c: Cursor) -> Option<Found> {
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
pub(super) fn percent_off_wari(mut c: Cursor) -> Option<Found> {
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
pub(super) fn half_price(mut c: Cursor) -> Option<Found> {
    if !c.eat('半') {
        return None;
    }
    (c.eat('价') || c.eat('額') || c.eat('额')).then_some(())?;
    c.found(FigureKind::PercentOff, Decimal::from(50))
}

/// `8折`, `8.5折`, `85折` (tenths), `打8折`, `八折`, `八五折`.
pub(super) fn zhe(mut c: Cursor) -> Option<Found> {
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
pub(super) fn zhe_from_digits(number: &Number) -> Option<Decimal> {
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
pub(super) fn zhe_from_chinese(c: &mut Cursor) -> Option<Decimal> {
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

pub(super) fn in_zhe_idiom(chars: &[char], start: usize, zhe_at: usize) -> bool {
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
pub(super) fn amount_off_chinese(mut c: Cursor) -> Option<Found> {
    c.eat('立');
    if !c.eat('减') {
        return None;
    }
    c.skip_spaces();
    let value = c.amount_after_keyword()?;
    c.found(FigureKind::AmountOff, value)
}

/// `立减二十元`, `减五十元`: Chinese numerals, with `元`.
pub(super) fn amount_off_chinese_numerals(mut c: Cursor) -> Option<Found> {
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
pub(super) fn amount_off_voucher(mut c: Cursor) -> Option<Found> {
    if !c.eat_str("立减金") {
        return None;
    }
    c.skip_spaces();
    let value = c.amount_after_keyword()?;
    c.found(FigureKind::AmountOff, value)
}

/// `10元立减金`, `20元优惠券`.
pub(super) fn amount_off_voucher_suffix(mut c: Cursor) -> Option<Found> {
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
pub(super) fn amount_off_save(mut c: Cursor) -> Option<Found> {
    if !c.eat_word("save") {
        return None;
    }
    c.skip_spaces();
    let value = c.money()?;
    c.before_word_boundary().then_some(())?;
    c.found(FigureKind::AmountOff, value)
}

/// `$5 off`, `¥10 OFF`, `5 EUR off`, `500円OFF`.
pub(super) fn amount_off_suffix(mut c: Cursor) -> Option<Found> {
    let value = c.money()?;
    c.skip_spaces();
    if !c.eat_word("off") {
        return None;
    }
    c.found(FigureKind::AmountOff, value)
}

/// `500円引き` (also `500円引`).
pub(super) fn amount_off_yen(mut c: Cursor) -> Option<Found> {
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
pub(super) fn cap_chinese(mut c: Cursor) -> Option<Found> {
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
pub(super) fn cap_english(mut c: Cursor) -> Option<Found> {
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
pub(super) fn threshold_chinese(mut c: Cursor) -> Option<Found> {
    if !c.eat('满') {
        return None;
    }
    c.skip_spaces();
    let value = c.amount_after_keyword()?;
    c.found(FigureKind::Threshold, value)
}

/// `满50元可用`: usable from that spend.
pub(super) fn threshold_usable(mut c: Cursor) -> Option<Found> {
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
pub(super) fn threshold_english(mut c: Cursor) -> Option<Found> {
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
