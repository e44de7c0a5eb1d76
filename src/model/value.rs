//! Values with provenance, and the exact scalar types of the format.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::finding::Label;
use crate::source::Loc;

/// Where a value's text is, and how it reached the effective campaign.
///
/// Kept small (52 bytes rather than 84): a campaign holds dozens of these.
/// The key and the alias always lie in the file and document of `loc` (an
/// alias names an anchor of its own document), so only their byte ranges
/// are stored; an absent one is a range that no [`Loc`] has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    /// The value's own text (the anchored text when reached through an alias).
    pub loc: Loc,
    /// The key this value is written under, when it is a mapping value.
    key: Near,
    /// The `*alias` (or `<<: *alias`) that brought the value here.
    alias: Near,
    /// The campaign's `template:` value, when the value was inherited
    /// ([`NO_LOC`] when not).
    template: Loc,
    /// The position in its list as written, when the value is a list item
    /// (items that could not be read are left out of the model's lists);
    /// `u32::MAX` when not.
    index: u32,
}

/// A byte range in the file and document of the [`At`] that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Near {
    start: u32,
    end: u32,
}

impl Near {
    /// No range: start past end, which [`Loc::new`] never makes.
    const NONE: Near = Near {
        start: u32::MAX,
        end: 0,
    };

    fn of(loc: Option<Loc>) -> Near {
        loc.map_or(Near::NONE, |l| Near {
            start: l.start,
            end: l.end.max(l.start),
        })
    }

    fn within(self, of: Loc) -> Option<Loc> {
        (self != Near::NONE).then_some(Loc {
            start: self.start,
            end: self.end,
            ..of
        })
    }
}

/// The template provenance of a value read in its own file.
const NO_LOC: Loc = Loc {
    file: u32::MAX,
    start: u32::MAX,
    end: 0,
    doc: u32::MAX,
};

impl At {
    pub fn new(loc: Loc) -> Self {
        At {
            loc,
            key: Near::NONE,
            alias: Near::NONE,
            template: NO_LOC,
            index: u32::MAX,
        }
    }

    /// The key this value is written under, when it is a mapping value.
    pub fn key(&self) -> Option<Loc> {
        self.key.within(self.loc)
    }

    /// The `*alias` (or `<<: *alias`) that brought the value here.
    pub fn alias(&self) -> Option<Loc> {
        self.alias.within(self.loc)
    }

    /// The campaign's `template:` value, when the value was inherited.
    pub fn template(&self) -> Option<Loc> {
        (self.template != NO_LOC).then_some(self.template)
    }

    /// The position in its list as written, when the value is a list item.
    pub fn index(&self) -> Option<u32> {
        (self.index != u32::MAX).then_some(self.index)
    }

    /// With the key it is written under (in the file and document of `loc`).
    pub fn with_key(self, key: Option<Loc>) -> Self {
        At {
            key: Near::of(key),
            ..self
        }
    }

    /// With the alias that brought it (in the file and document of `loc`).
    pub fn with_alias(self, alias: Option<Loc>) -> Self {
        At {
            alias: Near::of(alias),
            ..self
        }
    }

    /// With its position in a list; an index past `u32::MAX - 1` is not kept.
    pub fn with_index(self, index: Option<u32>) -> Self {
        At {
            index: index.filter(|&i| i != u32::MAX).unwrap_or(u32::MAX),
            ..self
        }
    }

    /// Marks the value as inherited through the template named at `template`.
    pub fn set_template(&mut self, template: Loc) {
        self.template = template;
    }

    /// Another location for the value (a part of its text, or its key),
    /// with the same key, alias, template and index: `loc` must lie in the
    /// same file and document.
    pub fn with_loc(self, loc: Loc) -> Self {
        At { loc, ..self }
    }

    /// The secondary labels that explain how the value got here.
    pub fn provenance(&self) -> Vec<Label> {
        let mut labels = Vec::new();
        if let Some(alias) = self.alias() {
            labels.push(Label {
                loc: alias,
                message: "reached through this alias".into(),
            });
        }
        if let Some(template) = self.template() {
            labels.push(Label {
                loc: template,
                message: "inherited from this template".into(),
            });
        }
        labels
    }

    /// The key's location if there is one, else the value's.
    pub fn key_or_value(&self) -> Loc {
        self.key().unwrap_or(self.loc)
    }
}

/// A value that was read, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub at: At,
}

/// A field of the model: absent, present but unreadable (already reported),
/// or read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Field<T> {
    #[default]
    Absent,
    /// Present but not a valid value: a finding says why, and no other rule
    /// compares it or reports it missing.
    Invalid(At),
    Valid(Sp<T>),
}

impl<T> Field<T> {
    pub fn get(&self) -> Option<&Sp<T>> {
        match self {
            Field::Valid(sp) => Some(sp),
            _ => None,
        }
    }

    pub fn value(&self) -> Option<&T> {
        self.get().map(|sp| &sp.value)
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    pub fn is_present(&self) -> bool {
        !self.is_absent()
    }

    pub fn at(&self) -> Option<&At> {
        match self {
            Field::Absent => None,
            Field::Invalid(at) => Some(at),
            Field::Valid(sp) => Some(&sp.at),
        }
    }

    pub fn at_mut(&mut self) -> Option<&mut At> {
        match self {
            Field::Absent => None,
            Field::Invalid(at) => Some(at),
            Field::Valid(sp) => Some(&mut sp.at),
        }
    }
}

/// An exact decimal written as digits with an optional fraction: no sign,
/// exponent, underscore or special value. Checked before `Decimal::from_str`,
/// which accepts all of those.
pub fn parse_plain_decimal(text: &str) -> Option<Decimal> {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    Decimal::from_str(text).ok()
}

/// Decimal places written in a plain decimal literal.
pub fn decimal_places(text: &str) -> usize {
    text.split_once('.').map_or(0, |(_, f)| f.len())
}

/// An amount of money, exactly as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Money {
    /// The amount, for arithmetic. Exact when [`Money::is_exact`]; an amount
    /// beyond a `Decimal`'s 28 significant digits is stored as the nearest
    /// `Decimal` (or `Decimal::MAX`), and compared through [`Money::digits`].
    pub amount: Decimal,
    /// Decimal places as written (checked against the currency's minor unit).
    pub places: usize,
    /// The digits as written, exactly, whatever their number.
    pub digits: Digits,
}

/// A non-negative decimal of any length, as written: compared exactly, never
/// through a float or a rounded `Decimal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digits {
    /// The integer part without leading zeros (empty for zero).
    int: Box<str>,
    /// The fraction without trailing zeros.
    frac: Box<str>,
}

impl Digits {
    /// Digits with an optional fraction (the text `parse_plain_decimal`
    /// accepts, of any length).
    pub fn parse(text: &str) -> Option<Digits> {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty()
            || !digits(int)
            || !digits(frac)
            || (text.contains('.') && frac.is_empty())
        {
            return None;
        }
        Some(Digits {
            int: int.trim_start_matches('0').into(),
            frac: frac.trim_end_matches('0').into(),
        })
    }

    /// A `Decimal` as digits; `None` for a negative one.
    pub fn of_decimal(value: &Decimal) -> Option<Digits> {
        Digits::parse(&value.normalize().to_string())
    }
}

impl Ord for Digits {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Without leading zeros the longer integer part is the larger; the
        // fractions, without trailing zeros, compare as text.
        (self.int.len(), &self.int, &self.frac).cmp(&(other.int.len(), &other.int, &other.frac))
    }
}

impl PartialOrd for Digits {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let int = if self.int.is_empty() { "0" } else { &self.int };
        if self.frac.is_empty() {
            f.write_str(int)
        } else {
            write!(f, "{int}.{}", self.frac)
        }
    }
}

impl Money {
    pub fn parse(text: &str) -> Option<Money> {
        let digits = Digits::parse(text)?;
        let amount = parse_plain_decimal(text).unwrap_or(Decimal::MAX);
        Some(Money {
            amount,
            places: decimal_places(text),
            digits,
        })
    }

    /// Whether [`Money::amount`] is the amount written (28 significant
    /// digits or fewer).
    pub fn is_exact(&self) -> bool {
        Digits::of_decimal(&self.amount).as_ref() == Some(&self.digits)
    }

    /// The exact comparison with a `Decimal` (a policy's limit).
    pub fn cmp_decimal(&self, other: &Decimal) -> std::cmp::Ordering {
        match Digits::of_decimal(other) {
            Some(other) => self.digits.cmp(&other),
            None => std::cmp::Ordering::Greater,
        }
    }
}

impl Ord for Money {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.digits.cmp(&other.digits)
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_exact() {
            write!(f, "{}", self.amount)
        } else {
            write!(f, "{}", self.digits)
        }
    }
}

/// A percentage written `"12.5%"`, greater than 0 and less than 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(pub Decimal);

/// Why a text is not a percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentError {
    /// Not written as `N%` at all.
    Notation,
    /// Written as `N%` but not in (0, 100).
    Range,
}

impl Percent {
    /// FORMAT.md: an exact decimal followed by `%`, nothing around them;
    /// `" 20%"`, `"20 %"` and `"020%"` are not percent strings.
    pub fn parse(text: &str) -> Result<Percent, PercentError> {
        let number = text.strip_suffix('%').ok_or(PercentError::Notation)?;
        let leading_zero = number.len() > 1 && number.starts_with('0') && !number.starts_with("0.");
        if leading_zero {
            return Err(PercentError::Notation);
        }
        let value = parse_plain_decimal(number).ok_or(PercentError::Notation)?;
        if value <= Decimal::ZERO || value >= Decimal::ONE_HUNDRED {
            return Err(PercentError::Range);
        }
        Ok(Percent(value))
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.0.normalize())
    }
}

/// ISO 4217 minor unit: how many decimal places an amount may have.
pub fn minor_unit(currency: &str) -> Option<usize> {
    Some(match currency {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "UGX" | "XAF" | "XOF" | "PYG" | "RWF" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "IQD" | "LYD" | "TND" => 3,
        c if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => 2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_keeps_its_provenance_in_little_room() {
        assert!(std::mem::size_of::<At>() <= 52);
        let value = Loc::new(3, 1, 20, 25);
        let at = At::new(value)
            .with_key(Some(Loc::new(3, 1, 10, 15)))
            .with_alias(Some(Loc::new(3, 1, 20, 20)))
            .with_index(Some(0));
        assert_eq!(at.key(), Some(Loc::new(3, 1, 10, 15)));
        assert_eq!(at.alias(), Some(Loc::new(3, 1, 20, 20)));
        assert_eq!(at.index(), Some(0));
        assert_eq!(at.template(), None);
        let mut inherited = at;
        inherited.set_template(Loc::new(7, 0, 5, 9));
        assert_eq!(inherited.template(), Some(Loc::new(7, 0, 5, 9)));
        let bare = At::new(value);
        assert_eq!((bare.key(), bare.alias(), bare.index()), (None, None, None));
        assert_eq!(bare.key_or_value(), value);
    }

    #[test]
    fn plain_decimals_only() {
        assert!(parse_plain_decimal("19.99").is_some());
        for bad in [
            "1e3", "+5", "-5", ".5", "5.", "1_000", ".nan", ".inf", "", "1.2.3",
        ] {
            assert!(parse_plain_decimal(bad).is_none(), "{bad}");
        }
        assert_eq!(Money::parse("19.99").unwrap().amount.to_string(), "19.99");
        assert_eq!(Money::parse("10.005").unwrap().places, 3);
    }

    #[test]
    fn percents() {
        assert_eq!(Percent::parse("12.5%").unwrap().0.to_string(), "12.5");
        assert_eq!(Percent::parse("0.2"), Err(PercentError::Notation));
        assert_eq!(Percent::parse("8折"), Err(PercentError::Notation));
        assert_eq!(Percent::parse("0%"), Err(PercentError::Range));
        assert_eq!(Percent::parse("100%"), Err(PercentError::Range));
        assert_eq!(Percent::parse("20%").unwrap().to_string(), "20%");
        for loose in [" 20%", "20 %", "020%", "20% ", "00.5%"] {
            assert_eq!(
                Percent::parse(loose),
                Err(PercentError::Notation),
                "{loose}"
            );
        }
        assert!(Percent::parse("0.5%").is_ok());
    }

    #[test]
    fn money_beyond_a_decimal_compares_exactly() {
        let huge = Money::parse("99999999999999999999999999999.99").unwrap();
        assert!(!huge.is_exact());
        assert_eq!(huge.to_string(), "99999999999999999999999999999.99");
        assert_eq!(huge.cmp_decimal(&Decimal::MAX), std::cmp::Ordering::Greater);
        let more = Money::parse("99999999999999999999999999999.991").unwrap();
        assert!(huge < more);
        let small = Money::parse("0012.50").unwrap();
        assert!(small.is_exact());
        assert_eq!(
            small.cmp_decimal(&Decimal::new(125, 1)),
            std::cmp::Ordering::Equal
        );
        assert!(small < huge);
        assert!(Money::parse("1.").is_none() && Money::parse(".5").is_none());
    }
}
