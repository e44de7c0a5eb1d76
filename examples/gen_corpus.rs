//! Deterministic generator of a realistic campaign corpus, for benchmarks,
//! fuzzing seeds and end-to-end tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- DIR N [SEED]
//! ```
//!
//! Writes `N` campaign files (25 to 40 lines each) into `DIR/campaigns/` and
//! 20 templates into `DIR/templates/`. Campaigns use CNY, USD, EUR, HKD and
//! JPY, carry Chinese (simplified and traditional), English or Japanese
//! labels, sometimes use a template, and sometimes use YAML anchors, aliases
//! and merge keys. About one campaign in ten has exactly one planted fault,
//! named by its first line, `# planted fault: RULE-ID`; every other file is
//! meant to be clean under the default policy (with "now" before 2027).
//!
//! The output depends only on `SEED` (default 1) and the file's index, so a
//! corpus of 100 files is the first 100 files of a corpus of 10,000. Ids are
//! unique across all files. Only the standard library is used.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Number of templates written to `DIR/templates/`.
const TEMPLATES: usize = 20;
/// Campaigns have at least this many lines (padded with comments).
const MIN_LINES: usize = 25;

const USAGE: &str = "usage: gen_corpus DIR N [SEED]\n\
    writes N campaign files into DIR/campaigns/ and 20 templates into DIR/templates/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, count, seed) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match generate(&dir, count, seed) {
        Ok(stats) => {
            println!(
                "wrote {} files ({} campaigns, {} templates), {} bytes, into {}; {} campaigns have a planted fault",
                stats.files,
                count,
                TEMPLATES,
                stats.bytes,
                dir.display(),
                stats.faults
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<(PathBuf, usize, u64), String> {
    let [dir, count, rest @ ..] = args else {
        return Err("expected DIR and N".to_owned());
    };
    let count = count
        .parse::<usize>()
        .map_err(|e| format!("N must be a non-negative integer ({count:?}: {e})"))?;
    let seed = match rest {
        [] => 1,
        [seed] => seed
            .parse::<u64>()
            .map_err(|e| format!("SEED must be an unsigned integer ({seed:?}: {e})"))?,
        _ => return Err("too many arguments".to_owned()),
    };
    Ok((PathBuf::from(dir), count, seed))
}

#[derive(Default)]
pub(crate) struct Stats {
    files: usize,
    bytes: u64,
    faults: usize,
}

pub(crate) fn generate(dir: &Path, count: usize, seed: u64) -> Result<Stats, String> {
    let campaigns_dir = dir.join("campaigns");
    let templates_dir = dir.join("templates");
    for d in [&campaigns_dir, &templates_dir] {
        fs::create_dir_all(d).map_err(|e| format!("creating {}: {e}", d.display()))?;
    }
    let mut stats = Stats::default();

    let templates: Vec<Template> = (0..TEMPLATES)
        .map(|i| Template::new(&mut Rng::for_item(seed, 0x7e3a, i), i))
        .collect();
    for t in &templates {
        let path = templates_dir.join(format!("{}.yaml", t.id));
        write_file(&path, &t.render(), &mut stats)?;
    }

    let width = count.saturating_sub(1).to_string().len().max(5);
    for index in 0..count {
        let mut rng = Rng::for_item(seed, 0xca3b, index);
        let campaign = Campaign::new(&mut rng, index, &templates);
        if campaign.fault.is_some() {
            stats.faults += 1;
        }
        let text = campaign.render(&mut rng);
        let name = format!("{index:0width$}-{}.yaml", campaign.id);
        write_file(&campaigns_dir.join(name), &text, &mut stats)?;
    }
    Ok(stats)
}

fn write_file(path: &Path, text: &str, stats: &mut Stats) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))?;
    stats.files += 1;
    stats.bytes += text.len() as u64;
    Ok(())
}

// ---------------------------------------------------------------------------
// Randomness: splitmix64, seeded per item so that files do not depend on
// each other.

struct Rng(u64);

impl Rng {
    fn for_item(seed: u64, stream: u64, index: usize) -> Self {
        let mut rng = Rng(seed ^ stream.rotate_left(32));
        let mixed = rng.next() ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        Rng(mixed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with the given probability in percent.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Picks by weight: `items` pairs a value with its weight.
    fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.next() % total.max(1);
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }

    /// `k` distinct items, in the order of `items`.
    fn subset<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut chosen = vec![false; items.len()];
        let k = k.min(items.len());
        let mut n = 0;
        while n < k {
            let i = self.below(items.len());
            if !chosen[i] {
                chosen[i] = true;
                n += 1;
            }
        }
        items
            .iter()
            .zip(chosen)
            .filter_map(|(&item, c)| c.then_some(item))
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Static data.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Zh,
    ZhHant,
    En,
    Ja,
}

struct Currency {
    code: &'static str,
    /// Decimal places of the currency's minor unit.
    decimals: u32,
    /// Multiplier from a yuan-sized amount to a plausible amount here.
    scale: u64,
    /// The default policy's `limits.budget.max_total`, in major units.
    max_total: u64,
    /// Prefix for amounts in English labels.
    symbol: &'static str,
    offsets: &'static [&'static str],
    regions: &'static [&'static str],
    langs: &'static [Lang],
}

const CNY: Currency = Currency {
    code: "CNY",
    decimals: 2,
    scale: 1,
    max_total: 10_000_000,
    symbol: "¥",
    offsets: &["+08:00"],
    regions: &["CN-11", "CN-31", "CN-32", "CN-33", "CN-44", "CN-51"],
    langs: &[Lang::Zh, Lang::Zh, Lang::Zh, Lang::En],
};
const USD: Currency = Currency {
    code: "USD",
    decimals: 2,
    scale: 1,
    max_total: 1_500_000,
    symbol: "$",
    offsets: &["-05:00", "-06:00", "-08:00"],
    regions: &["US-CA", "US-NY", "US-WA", "US-TX", "US-IL"],
    langs: &[Lang::En],
};
const EUR: Currency = Currency {
    code: "EUR",
    decimals: 2,
    scale: 1,
    max_total: 1_400_000,
    symbol: "€",
    offsets: &["+01:00", "+02:00"],
    regions: &["DE-BE", "DE-BY", "NL-NH", "ES-MD", "AT-9"],
    langs: &[Lang::En],
};
const HKD: Currency = Currency {
    code: "HKD",
    decimals: 2,
    scale: 1,
    max_total: 11_000_000,
    symbol: "HK$",
    offsets: &["+08:00"],
    regions: &[],
    langs: &[Lang::ZhHant, Lang::ZhHant, Lang::En],
};
const JPY: Currency = Currency {
    code: "JPY",
    decimals: 0,
    scale: 100,
    max_total: 200_000_000,
    symbol: "¥",
    offsets: &["+09:00"],
    regions: &["JP-13", "JP-14", "JP-23", "JP-27"],
    langs: &[Lang::Ja],
};
/// A currency that is in ISO 4217 but not in the default policy.
const SGD: Currency = Currency {
    code: "SGD",
    decimals: 2,
    scale: 1,
    max_total: 1_000_000,
    symbol: "S$",
    offsets: &["+08:00"],
    regions: &[],
    langs: &[Lang::En],
};

const CURRENCIES: &[(&Currency, u64)] =
    &[(&CNY, 40), (&USD, 20), (&EUR, 15), (&HKD, 10), (&JPY, 15)];

struct Theme {
    slug: &'static str,
    zh: &'static str,
    hant: &'static str,
    en: &'static str,
    ja: &'static str,
}

const fn theme(
    slug: &'static str,
    zh: &'static str,
    hant: &'static str,
    en: &'static str,
    ja: &'static str,
) -> Theme {
    Theme {
        slug,
        zh,
        hant,
        en,
        ja,
    }
}

const THEMES: &[Theme] = &[
    theme("spring", "新春", "新春", "Spring", "春の"),
    theme("summer", "夏日", "夏日", "Summer", "夏の"),
    theme("autumn", "金秋", "金秋", "Autumn", "秋の"),
    theme("winter", "暖冬", "暖冬", "Winter", "冬の"),
    theme("weekend", "周末", "週末", "Weekend", "週末"),
    theme("coffee", "咖啡", "咖啡", "Coffee", "カフェ"),
    theme("grocery", "商超", "超市", "Grocery", "スーパー"),
    theme("dining", "餐饮", "餐飲", "Dining", "グルメ"),
    theme("travel", "出行", "出行", "Travel", "おでかけ"),
    theme("cinema", "影院", "戲院", "Cinema", "映画"),
    theme("campus", "校园", "校園", "Campus", "学生"),
    theme("fuel", "加油", "加油", "Fuel", "ガソリン"),
    theme("pharmacy", "药房", "藥房", "Pharmacy", "ドラッグストア"),
    theme("books", "图书", "圖書", "Books", "本屋"),
    theme("delivery", "外卖", "外賣", "Delivery", "デリバリー"),
    theme("welcome", "新客", "新客", "Welcome", "はじめて"),
];

const ALLOWED_CHANNELS: &[&str] = &[
    "online-checkout",
    "merchant-qr",
    "in-app-purchase",
    "bill-payment",
    "mobile-top-up",
    "offline-pos",
];
const FORBIDDEN_CHANNELS: &[&str] = &[
    "p2p-transfer",
    "credit-card-repayment",
    "cash-withdrawal",
    "wallet-top-up",
];
const SEGMENTS: &[&str] = &[
    "new-users",
    "dormant-90d",
    "active-30d",
    "students",
    "card-holders",
    "merchant-qr-users",
    "premium-members",
    "office-workers",
];
const TEAMS: &[&str] = &[
    "growth-payments",
    "merchant-growth",
    "cards-partnerships",
    "campus",
    "food-drinks",
    "travel-team",
    "retention",
    "bill-pay",
];
const TICKET_PREFIXES: &[&str] = &["MKT", "GROWTH", "PAY", "CARD"];
const NOTES: &[&str] = &[
    "# Budget agreed with finance in the quarterly plan.",
    "# Ask the owner before changing the schedule.",
    "# Rollout is raised step by step after the first day.",
    "# Label wording reviewed by the legal team.",
    "# Copied from last year's campaign and updated.",
    "# Merchant list synced from the partner portal.",
    "# 预算已与财务确认。",
    "# 上线前请与负责人确认渠道配置。",
    "# Keep in sync with the merchant's opening hours.",
    "# Monitoring dashboard: payments / promotions / redemptions.",
];

/// Funding source, its rate ceiling in tenths of a percent, and its weight.
const SOURCES: &[(&str, u32, u64)] = &[
    ("merchant", 500, 40),
    ("platform", 200, 30),
    ("bank", 200, 20),
    ("government", 150, 10),
];
/// Ceiling of the `bill-payment` channel, in tenths of a percent.
const BILL_PAYMENT_CEILING: u32 = 50;

// ---------------------------------------------------------------------------
// Faults.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fault {
    UnknownField,
    RateNotation,
    ForbiddenChannel,
    RateCeiling,
    MissingOwner,
    ScheduleExpired,
    UncappedPercent,
    RestrictedLabel,
    UnknownCurrency,
    MissingKillSwitch,
    AmountExceedsSpend,
    BudgetCeiling,
    LabelRateMismatch,
    DuplicateKey,
    ScheduleTimezone,
    InvisibleCharacters,
    ScheduleOrder,
}

const FAULTS: &[Fault] = &[
    Fault::UnknownField,
    Fault::RateNotation,
    Fault::ForbiddenChannel,
    Fault::RateCeiling,
    Fault::MissingOwner,
    Fault::ScheduleExpired,
    Fault::UncappedPercent,
    Fault::RestrictedLabel,
    Fault::UnknownCurrency,
    Fault::MissingKillSwitch,
    Fault::AmountExceedsSpend,
    Fault::BudgetCeiling,
    Fault::LabelRateMismatch,
    Fault::DuplicateKey,
    Fault::ScheduleTimezone,
    Fault::InvisibleCharacters,
    Fault::ScheduleOrder,
];

impl Fault {
    /// The rule id the fault triggers.
    fn rule(self) -> &'static str {
        match self {
            Fault::UnknownField => "unknown-field",
            Fault::RateNotation => "rate-notation",
            Fault::ForbiddenChannel => "forbidden-channel",
            Fault::RateCeiling => "rate-ceiling",
            Fault::MissingOwner => "missing-owner",
            Fault::ScheduleExpired => "schedule-expired",
            Fault::UncappedPercent => "uncapped-percent",
            Fault::RestrictedLabel => "restricted-label",
            Fault::UnknownCurrency => "unknown-currency",
            Fault::MissingKillSwitch => "missing-kill-switch",
            Fault::AmountExceedsSpend => "amount-exceeds-spend",
            Fault::BudgetCeiling => "budget-ceiling",
            Fault::LabelRateMismatch => "label-rate-mismatch",
            Fault::DuplicateKey => "duplicate-key",
            Fault::ScheduleTimezone => "schedule-timezone",
            Fault::InvisibleCharacters => "invisible-characters",
            Fault::ScheduleOrder => "schedule-order",
        }
    }

    /// The benefit type the fault needs, if any: `Some(true)` percent_off.
    fn needs_percent(self) -> Option<bool> {
        match self {
            Fault::RateNotation
            | Fault::RateCeiling
            | Fault::UncappedPercent
            | Fault::LabelRateMismatch => Some(true),
            Fault::AmountExceedsSpend => Some(false),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// The offer: what a payer gets, who pays for it, and what the label says.

#[derive(Clone, Copy)]
enum Benefit {
    /// `rate` in tenths of a percent; money in major units.
    Percent {
        rate: u32,
        cap: Option<u64>,
        min: Option<u64>,
    },
    Amount {
        amount: u64,
        min: u64,
    },
}

impl Benefit {
    /// The most one transaction can cost, when bounded.
    fn worst_case(self) -> Option<u64> {
        match self {
            Benefit::Percent { cap, .. } => cap,
            Benefit::Amount { amount, .. } => Some(amount),
        }
    }
}

#[derive(Clone)]
struct Offer {
    currency: &'static Currency,
    lang: Lang,
    theme: &'static Theme,
    channels: Vec<&'static str>,
    source: &'static str,
    program: Option<String>,
    benefit: Benefit,
    label: String,
    description: Option<String>,
}

/// Funding and channels, chosen first; a template may fix them.
#[derive(Clone)]
struct Funding {
    channels: Vec<&'static str>,
    source: &'static str,
    ceiling: u32,
    program: Option<String>,
}

impl Funding {
    fn new(rng: &mut Rng, currency: &Currency, fault: Option<Fault>) -> Self {
        let choices: Vec<((&str, u32), u64)> = SOURCES
            .iter()
            // Government programs only in mainland China; a rate-ceiling
            // fault is planted on platform or bank funding.
            .filter(|(s, _, _)| *s != "government" || (currency.code == "CNY" && fault.is_none()))
            .filter(|(s, _, _)| {
                fault != Some(Fault::RateCeiling) || matches!(*s, "platform" | "bank")
            })
            .map(|&(s, ceiling, w)| ((s, ceiling), w))
            .collect();
        let (source, ceiling) = rng.weighted(&choices);
        let program = (source == "government").then(|| {
            let kind = rng.pick(&["TRADEIN", "CONSUME", "GREEN"]);
            let area = rng.pick(&["SH", "BJ", "GD", "ZJ"]);
            format!("GOV-{kind}-2027-{area}")
        });
        let k = 1 + rng.below(3);
        let channels = rng.subset(ALLOWED_CHANNELS, k);
        Funding {
            channels,
            source,
            ceiling,
            program,
        }
    }

    /// The lowest ceiling that applies, in tenths of a percent.
    fn rate_ceiling(&self) -> u32 {
        if self.channels.contains(&"bill-payment") {
            self.ceiling.min(BILL_PAYMENT_CEILING)
        } else {
            self.ceiling
        }
    }
}

fn new_benefit(rng: &mut Rng, currency: &Currency, ceiling: u32, fault: Option<Fault>) -> Benefit {
    let scale = currency.scale;
    let percent = fault
        .and_then(Fault::needs_percent)
        .unwrap_or_else(|| rng.chance(60));
    if percent {
        let rate = if fault == Some(Fault::RateCeiling) {
            ceiling + 50
        } else {
            let rates: Vec<u32> = [30, 50, 80, 100, 120, 125, 150, 180, 200, 250, 300]
                .into_iter()
                .filter(|&r| r <= ceiling)
                .collect();
            rng.pick(&rates)
        };
        let cap = (fault != Some(Fault::UncappedPercent))
            .then(|| rng.pick(&[5, 8, 10, 15, 20, 30, 50]) * scale);
        let min = rng
            .chance(60)
            .then(|| rng.pick(&[20, 30, 50, 100, 200]) * scale);
        Benefit::Percent { rate, cap, min }
    } else {
        let amount = rng.pick(&[2, 3, 5, 8, 10, 20, 30]) * scale;
        let min = if fault == Some(Fault::AmountExceedsSpend) {
            amount
        } else {
            amount * rng.pick(&[3, 4, 5, 10])
        };
        Benefit::Amount { amount, min }
    }
}

fn percent_text(tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// `rate` as a 折 figure (the payer pays N×10%), when it can be written so.
fn zhe_text(rate: u32) -> Option<String> {
    if !rate.is_multiple_of(10) {
        return None;
    }
    let pay = 100 - rate / 10;
    Some(if pay.is_multiple_of(10) {
        format!("{}折", pay / 10)
    } else {
        format!("{pay}折")
    })
}

/// A label that advertises the benefit faithfully. Every label starts with
/// the theme (never a digit), so a character inserted after the first one
/// does not split a figure.
fn new_label(
    rng: &mut Rng,
    lang: Lang,
    currency: &Currency,
    theme: &Theme,
    benefit: Benefit,
) -> String {
    let sym = currency.symbol;
    match (lang, benefit) {
        (Lang::Zh, Benefit::Percent { rate, cap, min }) => {
            let r = percent_text(rate);
            let t = theme.zh;
            match (rng.below(3), cap, min) {
                (0, Some(c), _) => format!("{t}立减{r}% 最高{c}元"),
                (1, Some(c), _) if zhe_text(rate).is_some() => {
                    format!("{t}{} 最高减{c}元", zhe_text(rate).unwrap_or_default())
                }
                (2, _, Some(m)) => format!("{t}满{m}享{r}%优惠"),
                _ => format!("{t}支付立减{r}%"),
            }
        }
        (Lang::Zh, Benefit::Amount { amount, min }) => {
            let t = theme.zh;
            match rng.below(3) {
                0 => format!("{t}满{min}减{amount}"),
                1 => format!("{t}满{min}元立减{amount}元"),
                _ => format!("{t}支付立减{amount}元"),
            }
        }
        (Lang::ZhHant, Benefit::Percent { rate, cap, .. }) => {
            let r = percent_text(rate);
            match cap {
                Some(c) if rng.chance(50) => format!("{}立減{r}% 最高{c}元", theme.hant),
                _ => format!("{}限時優惠 立減{r}%", theme.hant),
            }
        }
        (Lang::ZhHant, Benefit::Amount { amount, min }) => {
            format!("{}滿{min}減{amount}", theme.hant)
        }
        (Lang::En, Benefit::Percent { rate, cap, min }) => {
            let r = percent_text(rate);
            let t = theme.en;
            // An English cap needs a one-character symbol right before the
            // figure (`up to $20 off`); HK$ and S$ labels state the rate only.
            let plain_symbol = sym.chars().count() == 1;
            match (rng.below(3), cap, min) {
                (0, Some(c), _) if plain_symbol => format!("{t}: {r}% off, up to {sym}{c} off"),
                (1, _, Some(m)) if plain_symbol => {
                    format!("{t} deal: {r}% off orders over {sym}{m}")
                }
                _ => format!("{t}: {r}% OFF"),
            }
        }
        (Lang::En, Benefit::Amount { amount, min }) => {
            let t = theme.en;
            if sym.chars().count() == 1 && rng.chance(50) {
                format!("{t}: {sym}{amount} off orders over {sym}{min}")
            } else {
                format!("{t}: save {sym}{amount} on orders over {sym}{min}")
            }
        }
        (Lang::Ja, Benefit::Percent { rate, .. }) => {
            format!("{}{}% OFF", theme.ja, percent_text(rate))
        }
        (Lang::Ja, Benefit::Amount { amount, min }) => {
            format!("{}{amount}円引き（{min}円以上のお支払い）", theme.ja)
        }
    }
}

/// A label that advertises a rate 5 points above the real one.
fn mismatched_label(lang: Lang, theme: &Theme, rate: u32) -> String {
    let wrong = percent_text(rate + 50);
    match lang {
        Lang::Zh => format!("{}立减{wrong}%", theme.zh),
        // Hong Kong labels often mix in English.
        Lang::ZhHant => format!("{} {wrong}% off", theme.hant),
        Lang::En => format!("{}: {wrong}% off", theme.en),
        Lang::Ja => format!("{}{wrong}% OFF", theme.ja),
    }
}

fn new_description(rng: &mut Rng, lang: Lang) -> Option<String> {
    if !rng.chance(45) {
        return None;
    }
    let options: &[&str] = match lang {
        Lang::Zh => &[
            "每人限享三次，先到先得",
            "活动期间每日限量，用完即止",
            "仅限指定门店使用",
        ],
        Lang::ZhHant => &["每位用戶限享三次", "名額有限，送完即止"],
        Lang::En => &[
            "Limited to three uses per customer.",
            "While the budget lasts.",
            "Valid at participating stores only.",
        ],
        Lang::Ja => &[
            "お一人様三回まで",
            "予算に達し次第終了します",
            "一部店舗は対象外です",
        ],
    };
    Some(rng.pick(options).to_owned())
}

impl Offer {
    fn new(
        rng: &mut Rng,
        currency: &'static Currency,
        lang: Lang,
        funding: &Funding,
        theme: Option<&'static Theme>,
        fault: Option<Fault>,
    ) -> Self {
        let theme = theme.unwrap_or_else(|| &THEMES[rng.below(THEMES.len())]);
        let mut funding = funding.clone();
        if fault == Some(Fault::RateCeiling) {
            // The fault is planted on the funding ceiling, not the channel's.
            funding.channels.retain(|&c| c != "bill-payment");
            if funding.channels.is_empty() {
                funding.channels.push("online-checkout");
            }
        }
        let benefit = new_benefit(rng, currency, funding.rate_ceiling(), fault);
        // A rate above the bill-payment ceiling keeps clear of that channel.
        if let Benefit::Percent { rate, .. } = benefit
            && rate > BILL_PAYMENT_CEILING
        {
            funding.channels.retain(|&c| c != "bill-payment");
            if funding.channels.is_empty() {
                funding.channels.push("online-checkout");
            }
        }
        let mut label = match (fault, benefit) {
            (Some(Fault::LabelRateMismatch), Benefit::Percent { rate, .. }) => {
                mismatched_label(lang, theme, rate)
            }
            _ => new_label(rng, lang, currency, theme, benefit),
        };
        match fault {
            // A restricted term is fine where its requirements are met.
            None if funding.program.is_some() && lang == Lang::Zh && rng.chance(50) => {
                label.insert_str(0, "以旧换新补贴 ");
            }
            Some(Fault::RestrictedLabel) => {
                let term = match lang {
                    Lang::Zh | Lang::ZhHant => "政府补贴 ",
                    Lang::En | Lang::Ja => "Government subsidy: ",
                };
                label.insert_str(0, term);
            }
            Some(Fault::InvisibleCharacters) => {
                let at = label.chars().next().map_or(0, char::len_utf8);
                label.insert(at, '\u{200B}');
            }
            _ => {}
        }
        Offer {
            currency,
            lang,
            theme,
            channels: funding.channels,
            source: funding.source,
            program: funding.program,
            benefit,
            label,
            description: new_description(rng, lang),
        }
    }

    fn money(&self, major: u64) -> String {
        if self.currency.decimals == 0 {
            major.to_string()
        } else {
            format!("{major}.00")
        }
    }
}

// ---------------------------------------------------------------------------
// Templates.

struct Template {
    id: String,
    offer: Offer,
    funding: Funding,
    /// A full template supplies benefit and display too.
    full: bool,
    rollout: Option<u32>,
}

impl Template {
    fn new(rng: &mut Rng, index: usize) -> Self {
        let currency = rng.weighted(CURRENCIES);
        let lang = rng.pick(currency.langs);
        let funding = Funding::new(rng, currency, None);
        let offer = Offer::new(rng, currency, lang, &funding, None, None);
        let funding = Funding {
            channels: offer.channels.clone(),
            ..funding
        };
        let id = format!(
            "tmpl-{}-{}-{index:02}",
            offer.theme.slug,
            currency.code.to_ascii_lowercase()
        );
        Template {
            id,
            offer,
            funding,
            full: index.is_multiple_of(2),
            rollout: rng.chance(30).then(|| rng.pick(&[10, 20, 50, 100])),
        }
    }

    fn render(&self) -> String {
        let o = &self.offer;
        let mut s = String::new();
        let what = if self.full {
            "offer, funding and channels"
        } else {
            "funding and channels"
        };
        let _ = writeln!(
            s,
            "# Shared {what} for {} campaigns in {}.",
            o.theme.en.to_lowercase(),
            o.currency.code
        );
        let _ = writeln!(s, "apiVersion: promo/v1\nkind: Template\nid: {}", self.id);
        let _ = writeln!(s, "description: {} {} template", o.theme.en, o.source);
        let _ = writeln!(s, "currency: {}", o.currency.code);
        let _ = writeln!(s, "channels: [{}]", o.channels.join(", "));
        if self.full {
            render_benefit(&mut s, o, false, None);
        }
        render_funding(&mut s, o);
        if self.full {
            render_display(&mut s, o, "description");
        }
        s.push_str("stacking:\n  combinable: false\ncontrols:\n  kill_switch: true\n");
        if let Some(r) = self.rollout {
            let _ = writeln!(s, "  rollout_percent: {r}");
        }
        s
    }
}

// ---------------------------------------------------------------------------
// Campaigns.

/// Campaigns have at most this many lines.
const MAX_LINES: usize = 40;

struct Campaign {
    id: String,
    name: String,
    fault: Option<Fault>,
    /// The template's id, and whether it supplies benefit and display too.
    template: Option<(String, bool)>,
    offer: Offer,
    environment: &'static str,
    owner: String,
    approval: String,
    schedule: (String, String),
    /// `None` is `segments: all`.
    segments: Option<Vec<&'static str>>,
    regions: Vec<&'static str>,
    budget: Budget,
    combinable: bool,
    rollout: Option<u32>,
    /// Write the benefit with a merge key and reuse its cap as `per_user`.
    anchors: bool,
    /// With a full template: write a display of the campaign's own.
    own_display: bool,
}

struct Budget {
    total: u64,
    per_user: u64,
    expected: Option<u64>,
}

impl Campaign {
    fn new(rng: &mut Rng, index: usize, templates: &[Template]) -> Self {
        let fault = rng.chance(10).then(|| rng.pick(FAULTS));
        let template = if fault.is_none() && !templates.is_empty() && rng.chance(30) {
            Some(&templates[rng.below(templates.len())])
        } else {
            None
        };
        let mut offer = match template {
            Some(t) if t.full => t.offer.clone(),
            Some(t) => {
                let o = &t.offer;
                Offer::new(rng, o.currency, o.lang, &t.funding, Some(o.theme), None)
            }
            None => {
                let currency = match fault {
                    Some(Fault::UnknownCurrency) => &SGD,
                    _ => rng.weighted(CURRENCIES),
                };
                let mut lang = rng.pick(currency.langs);
                if fault == Some(Fault::RestrictedLabel) && lang != Lang::Zh {
                    lang = Lang::En;
                }
                let funding = Funding::new(rng, currency, fault);
                Offer::new(rng, currency, lang, &funding, None, fault)
            }
        };
        let full_template = template.is_some_and(|t| t.full);
        let own_display = full_template && rng.chance(40);
        if own_display {
            offer.label = new_label(rng, offer.lang, offer.currency, offer.theme, offer.benefit);
            offer.description = new_description(rng, offer.lang);
        }
        let currency = offer.currency;
        let id = format!(
            "{}-{}-{index:05}",
            offer.theme.slug,
            currency.code.to_ascii_lowercase()
        );
        let name = campaign_name(rng, &offer);

        let environment = match fault {
            Some(Fault::MissingOwner | Fault::MissingKillSwitch) => "production",
            _ => rng.weighted(&[("production", 75), ("staging", 15), ("test", 10)]),
        };
        let owner = format!("{}@example.com", rng.pick(TEAMS));
        let year = if fault == Some(Fault::ScheduleExpired) {
            2025
        } else {
            2027
        };
        let approval = format!(
            "{}-{year}-{:04}",
            rng.pick(TICKET_PREFIXES),
            1 + rng.below(9999)
        );
        let schedule = new_schedule(rng, currency, year);

        // `all` only where broad-audience allows it: a rate of at most 5%.
        let broad_ok =
            fault.is_none() && matches!(offer.benefit, Benefit::Percent { rate, .. } if rate <= 50);
        let segments = if broad_ok && rng.chance(40) {
            None
        } else {
            let k = 1 + rng.below(3);
            Some(rng.subset(SEGMENTS, k))
        };
        let regions = if !currency.regions.is_empty() && rng.chance(40) {
            let k = 1 + rng.below(2);
            rng.subset(currency.regions, k)
        } else {
            Vec::new()
        };
        let anchors = template.is_none()
            && fault.is_none()
            && offer.benefit.worst_case().is_some()
            && rng.chance(15);
        let budget = new_budget(rng, &offer, fault, anchors);
        // Combinable rates stay at or below 15%, so any two add up to at
        // most 30%, within the 40% stacked ceiling.
        let combinable = fault.is_none()
            && template.is_none()
            && matches!(offer.benefit, Benefit::Percent { rate, .. } if rate <= 150)
            && rng.chance(15);
        Campaign {
            id,
            name,
            fault,
            template: template.map(|t| (t.id.clone(), t.full)),
            environment,
            owner,
            approval,
            schedule,
            segments,
            regions,
            budget,
            combinable,
            rollout: rng.chance(35).then(|| rng.pick(&[1, 5, 10, 20, 50, 100])),
            anchors,
            own_display,
            offer,
        }
    }

    fn render(&self, rng: &mut Rng) -> String {
        let body = self.render_body(rng);
        let body_lines = body.lines().count();
        let mut head = Vec::new();
        if let Some(f) = self.fault {
            head.push(format!("# planted fault: {}", f.rule()));
        }
        if let Some((id, full)) = &self.template {
            let what = if *full {
                "the offer"
            } else {
                "funding and channels"
            };
            head.push(format!("# {id} supplies {what}."));
        }
        if head.len() + body_lines < MAX_LINES {
            head.push(format!("# {}", self.name));
        }
        let missing = MIN_LINES.saturating_sub(head.len() + body_lines);
        let mut notes = rng.subset(NOTES, missing);
        if notes.is_empty() && head.len() + body_lines < MAX_LINES && rng.chance(30) {
            notes.push(rng.pick(NOTES));
        }
        let mut text = String::new();
        for line in head.iter().map(String::as_str).chain(notes) {
            text.push_str(line);
            text.push('\n');
        }
        text + &body
    }

    fn render_body(&self, rng: &mut Rng) -> String {
        let o = &self.offer;
        let fault = self.fault;
        let own_offer = self.template.is_none();
        let mut b = String::new();
        let _ = writeln!(b, "apiVersion: promo/v1\nkind: Campaign\nid: {}", self.id);
        let _ = writeln!(b, "name: {}", self.name);
        if let Some((id, _)) = &self.template {
            let _ = writeln!(b, "template: {id}");
        }
        let _ = writeln!(b, "environment: {}", self.environment);
        if fault != Some(Fault::MissingOwner) {
            let _ = writeln!(b, "owner: {}", self.owner);
        }
        if fault == Some(Fault::DuplicateKey) {
            let _ = writeln!(b, "owner: oncall-{}", self.owner);
        }
        let _ = writeln!(b, "approval: {}", self.approval);
        if own_offer || rng.chance(20) {
            let _ = writeln!(b, "currency: {}", o.currency.code);
        }

        let (mut start, mut end) = (self.schedule.0.clone(), self.schedule.1.clone());
        if fault == Some(Fault::ScheduleOrder) {
            std::mem::swap(&mut start, &mut end);
        }
        if fault == Some(Fault::ScheduleTimezone) {
            // Drop the UTC offset: `2027-03-01T00:00:00`.
            start.truncate(19);
        }
        let _ = writeln!(b, "schedule:\n  start: {start}\n  end: {end}");

        b.push_str("audience:\n");
        match &self.segments {
            None => b.push_str("  segments: all\n"),
            Some(s) => {
                let _ = writeln!(b, "  segments: [{}]", s.join(", "));
            }
        }
        if !self.regions.is_empty() {
            let key = if fault == Some(Fault::UnknownField) {
                "region"
            } else {
                "regions"
            };
            let _ = writeln!(b, "  {key}: [{}]", self.regions.join(", "));
        }

        if own_offer {
            let mut channels = o.channels.clone();
            if fault == Some(Fault::ForbiddenChannel) {
                channels.push(rng.pick(FORBIDDEN_CHANNELS));
            }
            if channels.len() <= 2 && rng.chance(30) {
                b.push_str("channels:\n");
                for c in channels {
                    let _ = writeln!(b, "  - {c}");
                }
            } else {
                let _ = writeln!(b, "channels: [{}]", channels.join(", "));
            }
        }
        if !matches!(self.template, Some((_, true))) {
            render_benefit(&mut b, o, self.anchors, fault);
        }
        if own_offer {
            render_funding(&mut b, o);
        }
        self.render_budget(&mut b);
        if !matches!(self.template, Some((_, true))) || self.own_display {
            let key = if fault == Some(Fault::UnknownField) && self.regions.is_empty() {
                "descripton"
            } else {
                "description"
            };
            render_display(&mut b, o, key);
        }
        if self.combinable {
            b.push_str("stacking:\n  combinable: true\n");
        } else if own_offer && rng.chance(20) {
            b.push_str("stacking:\n  combinable: false\n");
        }
        if own_offer || self.rollout.is_some() {
            b.push_str("controls:\n");
            if own_offer {
                let on = fault != Some(Fault::MissingKillSwitch);
                let _ = writeln!(b, "  kill_switch: {on}");
            }
            if let Some(r) = self.rollout {
                let _ = writeln!(b, "  rollout_percent: {r}");
            }
        }
        b
    }

    fn render_budget(&self, b: &mut String) {
        let o = &self.offer;
        let budget = &self.budget;
        b.push_str("budget:\n");
        let _ = writeln!(b, "  total: \"{}\"", o.money(budget.total));
        if self.anchors {
            b.push_str("  per_user: *cap\n");
        } else {
            let _ = writeln!(b, "  per_user: \"{}\"", o.money(budget.per_user));
        }
        if let Some(e) = budget.expected {
            let _ = writeln!(b, "  expected_redemptions: {e}");
        }
    }
}

fn campaign_name(rng: &mut Rng, o: &Offer) -> String {
    let t = o.theme;
    match o.lang {
        Lang::Zh => {
            let kind = rng.pick(&["扫码立减", "支付优惠", "满减券", "返现活动", "周周减"]);
            format!("{}{kind}", t.zh)
        }
        Lang::ZhHant => {
            let kind = rng.pick(&["掃碼優惠", "支付優惠", "回贈活動"]);
            format!("{}{kind}", t.hant)
        }
        Lang::En => {
            let kind = rng.pick(&["cashback", "discount", "coupon", "offer", "weekly deal"]);
            format!("{} {kind}", t.en)
        }
        Lang::Ja => {
            let kind = rng.pick(&["キャンペーン", "割引", "クーポン"]);
            format!("{}{kind}", t.ja)
        }
    }
}

/// A schedule of 3 to 28 days in `year`, with an explicit UTC offset.
fn new_schedule(rng: &mut Rng, currency: &Currency, year: i32) -> (String, String) {
    let offset = rng.pick(currency.offsets);
    let first = rng.below(if year == 2025 { 290 } else { 330 });
    let days = 3 + rng.below(26);
    let (y1, m1, d1) = date(year, first);
    let (y2, m2, d2) = date(year, first + days - 1);
    let hour = rng.pick(&["00:00:00", "00:00:00", "10:00:00"]);
    (
        format!("{y1}-{m1:02}-{d1:02}T{hour}{offset}"),
        format!("{y2}-{m2:02}-{d2:02}T23:59:59{offset}"),
    )
}

/// The date `ordinal` days (0-based) after 1 January of `year`.
fn date(year: i32, ordinal: usize) -> (i32, usize, usize) {
    let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut year = year;
    let mut day = ordinal;
    loop {
        let len = if leap(year) { 366 } else { 365 };
        if day < len {
            break;
        }
        day -= len;
        year += 1;
    }
    let february = if leap(year) { 29 } else { 28 };
    let mut month = 1;
    for len in [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] {
        if day < len {
            break;
        }
        day -= len;
        month += 1;
    }
    (year, month, day + 1)
}

/// A budget that covers the expected redemptions at the worst case per
/// transaction and stays within the policy's ceiling (unless the fault says
/// otherwise).
fn new_budget(rng: &mut Rng, o: &Offer, fault: Option<Fault>, anchors: bool) -> Budget {
    let scale = o.currency.scale;
    let max_total = o.currency.max_total;
    let worst = o.benefit.worst_case();
    let per_user = match worst {
        Some(w) if anchors => w,
        Some(w) => w * (1 + rng.below(4) as u64),
        None => rng.pick(&[30, 50, 100]) * scale,
    };
    let round = 1000 * scale;
    let mut expected: u64 = rng.pick(&[500, 1000, 2000, 5000, 10_000, 20_000, 50_000]);
    let total = match worst {
        Some(w) => {
            while expected > 100 && w * expected * 2 > max_total {
                expected /= 2;
            }
            let need = w * expected * (10 + rng.below(10) as u64) / 10;
            need.div_ceil(round) * round
        }
        None => rng.pick(&[50, 100, 300]) * round,
    };
    let total = match fault {
        Some(Fault::BudgetCeiling) => max_total * 2,
        _ => total.max(per_user).min(max_total),
    };
    let expected = (worst.is_some() && rng.chance(70)).then_some(expected);
    Budget {
        total,
        per_user,
        expected,
    }
}

/// The `rate:` value: a percent string, or for a rate-notation fault the
/// forms people write by mistake (`9折`, `10`, `0.1`).
fn rate_value(o: &Offer, rate: u32, fault: Option<Fault>) -> String {
    if fault != Some(Fault::RateNotation) {
        return format!("\"{}%\"", percent_text(rate));
    }
    match zhe_text(rate) {
        Some(zhe) if o.lang == Lang::Zh => zhe,
        _ if rate.is_multiple_of(20) => (rate / 10).to_string(),
        _ => (f64::from(rate) / 1000.0).to_string(),
    }
}

fn render_benefit(b: &mut String, o: &Offer, anchors: bool, fault: Option<Fault>) {
    b.push_str("benefit:\n");
    match o.benefit {
        Benefit::Percent { rate, cap, min } => {
            let rate = rate_value(o, rate, fault);
            match cap {
                Some(c) if anchors => {
                    let _ = writeln!(
                        b,
                        "  <<: &offer-base\n    type: percent_off\n    max_discount: &cap \"{}\"",
                        o.money(c)
                    );
                    let _ = writeln!(b, "  rate: {rate}");
                }
                _ => {
                    let _ = writeln!(b, "  type: percent_off\n  rate: {rate}");
                    if let Some(c) = cap {
                        let _ = writeln!(b, "  max_discount: \"{}\"", o.money(c));
                    }
                }
            }
            if let Some(m) = min {
                let _ = writeln!(b, "  min_spend: \"{}\"", o.money(m));
            }
        }
        Benefit::Amount { amount, min } => {
            if anchors {
                let _ = writeln!(
                    b,
                    "  <<: &offer-base\n    type: amount_off\n    min_spend: \"{}\"",
                    o.money(min)
                );
                let _ = writeln!(b, "  amount: &cap \"{}\"", o.money(amount));
            } else {
                let _ = writeln!(b, "  type: amount_off\n  amount: \"{}\"", o.money(amount));
                let _ = writeln!(b, "  min_spend: \"{}\"", o.money(min));
            }
        }
    }
}

fn render_funding(b: &mut String, o: &Offer) {
    let _ = writeln!(b, "funding:\n  source: {}", o.source);
    if let Some(p) = &o.program {
        let _ = writeln!(b, "  program_id: {p}");
    }
}

/// `display`; `description_key` is `description` unless a fault misspells it.
fn render_display(b: &mut String, o: &Offer, description_key: &str) {
    let _ = writeln!(b, "display:\n  label: \"{}\"", o.label);
    match &o.description {
        Some(d) => {
            let _ = writeln!(b, "  {description_key}: \"{d}\"");
        }
        None if description_key != "description" => {
            let _ = writeln!(b, "  {description_key}: \"{}\"", o.theme.en);
        }
        None => {}
    }
}
