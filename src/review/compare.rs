//! The compared values of an effective campaign (REVIEW.md, "What is
//! compared"), and each change between the base and the new version with
//! its cause.

use crate::model::{At, BenefitType, Campaign, Field, Money, Percent, Segments, Sp};
use crate::resolve::Effective;
use crate::source::Loc;

/// A compared value of a campaign, in the order messages list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Template,
    Rate,
    Amount,
    MaxDiscount,
    MinSpend,
    BenefitType,
    FundingSource,
    ProgramId,
    Channels,
    Segments,
    Regions,
    BudgetTotal,
    PerUser,
    Label,
    Environment,
    Approval,
}

impl Key {
    pub const ALL: [Key; 16] = [
        Key::Template,
        Key::Rate,
        Key::Amount,
        Key::MaxDiscount,
        Key::MinSpend,
        Key::BenefitType,
        Key::FundingSource,
        Key::ProgramId,
        Key::Channels,
        Key::Segments,
        Key::Regions,
        Key::BudgetTotal,
        Key::PerUser,
        Key::Label,
        Key::Environment,
        Key::Approval,
    ];

    /// The name messages use.
    pub fn name(self) -> &'static str {
        match self {
            Key::Template => "template",
            Key::Rate => "rate",
            Key::Amount => "amount",
            Key::MaxDiscount => "max_discount",
            Key::MinSpend => "min_spend",
            Key::BenefitType => "benefit.type",
            Key::FundingSource => "funding.source",
            Key::ProgramId => "funding.program_id",
            Key::Channels => "channels",
            Key::Segments => "audience.segments",
            Key::Regions => "audience.regions",
            Key::BudgetTotal => "budget.total",
            Key::PerUser => "budget.per_user",
            Key::Label => "label",
            Key::Environment => "environment",
            Key::Approval => "approval",
        }
    }

    /// The JSON Pointer of the value in the effective campaign.
    pub fn path(self) -> &'static str {
        match self {
            Key::Template => "/template",
            Key::Rate => "/benefit/rate",
            Key::Amount => "/benefit/amount",
            Key::MaxDiscount => "/benefit/max_discount",
            Key::MinSpend => "/benefit/min_spend",
            Key::BenefitType => "/benefit/type",
            Key::FundingSource => "/funding/source",
            Key::ProgramId => "/funding/program_id",
            Key::Channels => "/channels",
            Key::Segments => "/audience/segments",
            Key::Regions => "/audience/regions",
            Key::BudgetTotal => "/budget/total",
            Key::PerUser => "/budget/per_user",
            Key::Label => "/display/label",
            Key::Environment => "/environment",
            Key::Approval => "/approval",
        }
    }

    /// The mapping the value is written in, for pointing at a removal.
    pub fn section(self) -> Option<Section> {
        match self {
            Key::Rate | Key::Amount | Key::MaxDiscount | Key::MinSpend | Key::BenefitType => {
                Some(Section::Benefit)
            }
            Key::FundingSource | Key::ProgramId => Some(Section::Funding),
            Key::Segments | Key::Regions => Some(Section::Audience),
            Key::BudgetTotal | Key::PerUser => Some(Section::Budget),
            Key::Label => Some(Section::Display),
            _ => None,
        }
    }
}

/// A mapping of the offer that holds compared values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Benefit,
    Funding,
    Audience,
    Budget,
    Display,
}

impl Section {
    /// The section's `At` in an offer, when it is there.
    pub fn at(self, offer: &crate::model::Offer) -> Option<&At> {
        match self {
            Section::Benefit => offer.benefit.at(),
            Section::Funding => offer.funding.at(),
            Section::Audience => offer.audience.at(),
            Section::Budget => offer.budget.at(),
            Section::Display => offer.display.at(),
        }
    }
}

/// A compared value as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Percent(Percent),
    Money(Money),
    /// An id or enum word, shown as written.
    Word(String),
    /// Display text, shown quoted.
    Text(String),
    /// A list compared as a set, shown in its written order.
    List(Vec<String>),
    /// `audience.segments: all`.
    All,
}

impl Value {
    /// Whether the two mean the same (`20%` and `20.0%`, lists in any order).
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Percent(a), Value::Percent(b)) => a.0 == b.0,
            (Value::Money(a), Value::Money(b)) => a.amount == b.amount,
            (Value::List(a), Value::List(b)) => sorted(a) == sorted(b),
            (a, b) => a == b,
        }
    }

    pub fn show(&self) -> String {
        match self {
            Value::Percent(p) => p.to_string(),
            Value::Money(m) => m.to_string(),
            Value::Word(w) => w.clone(),
            Value::Text(t) => format!("{t:?}"),
            Value::List(items) => format!("[{}]", items.join(", ")),
            Value::All => "all".into(),
        }
    }

    pub fn percent(&self) -> Option<Percent> {
        match self {
            Value::Percent(p) => Some(*p),
            _ => None,
        }
    }

    pub fn money(&self) -> Option<&Money> {
        match self {
            Value::Money(m) => Some(m),
            _ => None,
        }
    }

    pub fn list(&self) -> Option<&[String]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }
}

fn sorted(items: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = items.iter().map(String::as_str).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A value and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub value: Value,
    pub at: At,
}

impl Slot {
    /// Taken from a template (through `template:`).
    pub fn inherited(&self) -> bool {
        self.at.template().is_some()
    }

    pub fn loc(&self) -> Loc {
        self.at.loc
    }
}

/// Optional value shown in a message: `(none)` when absent.
pub fn show(slot: Option<&Slot>) -> String {
    slot.map_or_else(|| "(none)".to_string(), |s| s.value.show())
}

/// What a campaign has for a compared value.
enum Read {
    Absent,
    /// Present but not readable (reported by the schema rules): not compared.
    Unreadable,
    Value(Slot),
}

fn field<T>(field: &Field<T>, value: impl FnOnce(&T) -> Value) -> Read {
    match field {
        Field::Absent => Read::Absent,
        Field::Invalid(_) => Read::Unreadable,
        Field::Valid(Sp { value: v, at }) => Read::Value(Slot {
            value: value(v),
            at: *at,
        }),
    }
}

/// A value inside a section: absent with the section, unreadable with it.
fn nested<S, T>(
    section: &Field<S>,
    get: impl FnOnce(&S) -> &Field<T>,
    value: impl FnOnce(&T) -> Value,
) -> Read {
    match section {
        Field::Absent => Read::Absent,
        Field::Invalid(_) => Read::Unreadable,
        Field::Valid(sp) => field(get(&sp.value), value),
    }
}

fn list(items: &[Sp<String>]) -> Value {
    Value::List(items.iter().map(|i| i.value.clone()).collect())
}

fn read(campaign: &Campaign, key: Key) -> Read {
    let offer = &campaign.offer;
    let word = |s: &String| Value::Word(s.clone());
    let money = |m: &Money| Value::Money(m.clone());
    match key {
        Key::Template => field(&campaign.template, word),
        Key::Rate => nested(&offer.benefit, |b| &b.rate, |p| Value::Percent(*p)),
        Key::Amount => nested(&offer.benefit, |b| &b.amount, money),
        Key::MaxDiscount => nested(&offer.benefit, |b| &b.max_discount, money),
        Key::MinSpend => nested(&offer.benefit, |b| &b.min_spend, money),
        Key::BenefitType => nested(
            &offer.benefit,
            |b| &b.kind,
            |k| {
                Value::Word(match k {
                    BenefitType::PercentOff => "percent_off".into(),
                    BenefitType::AmountOff => "amount_off".into(),
                })
            },
        ),
        Key::FundingSource => nested(
            &offer.funding,
            |f| &f.source,
            |s| Value::Word(s.as_str().into()),
        ),
        Key::ProgramId => nested(&offer.funding, |f| &f.program_id, word),
        Key::Channels => field(&offer.channels, |items| list(items)),
        Key::Segments => nested(
            &offer.audience,
            |a| &a.segments,
            // A list holding `all`, `everyone` or `"*"` is the audience
            // `all` (RULES.md), for every change rule.
            |s| match s {
                Segments::List(items) if !s.is_everyone() => list(items),
                _ => Value::All,
            },
        ),
        Key::Regions => nested(&offer.audience, |a| &a.regions, |items| list(items)),
        Key::BudgetTotal => nested(&offer.budget, |b| &b.total, money),
        Key::PerUser => nested(&offer.budget, |b| &b.per_user, money),
        Key::Label => nested(
            &offer.display,
            |d| &d.label,
            |t| Value::Text(t.text.clone()),
        ),
        Key::Environment => field(&campaign.environment, |e| Value::Word(e.as_str().into())),
        Key::Approval => field(&campaign.approval, word),
    }
}

/// Why a value changed (REVIEW.md, "What is compared").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The campaign's own file changed the value.
    Own,
    /// `template` changed, and the value comes (or came) from a template.
    Switch,
    /// The campaign and its `template` did not change; the template's value did.
    Inherited,
}

/// One compared value that differs between the base and now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: Key,
    /// At the base (a location in a base text), `None` when absent.
    pub old: Option<Slot>,
    /// Now, `None` when absent.
    pub new: Option<Slot>,
    pub cause: Cause,
}

impl Change {
    /// Both sides have the value (the rules compare only these, except
    /// where a rule says "removed").
    pub fn both(&self) -> Option<(&Slot, &Slot)> {
        Some((self.old.as_ref()?, self.new.as_ref()?))
    }

    /// The value was there at the base and is gone now.
    pub fn removed(&self) -> Option<&Slot> {
        match (&self.old, &self.new) {
            (Some(old), None) => Some(old),
            _ => None,
        }
    }
}

/// Every compared value that changed between `old` (the base) and `new`.
pub fn changes(old: &Effective, new: &Effective) -> Vec<Change> {
    let mut reads = Vec::with_capacity(Key::ALL.len());
    for key in Key::ALL {
        let (before, after) = match (read(&old.campaign, key), read(&new.campaign, key)) {
            (Read::Unreadable, _) | (_, Read::Unreadable) | (Read::Absent, Read::Absent) => {
                continue;
            }
            (Read::Value(a), Read::Value(b)) if a.value.same(&b.value) => continue,
            (a, b) => (slot(a), slot(b)),
        };
        reads.push((key, before, after));
    }
    let template_changed = reads.iter().any(|(key, _, _)| *key == Key::Template);
    reads
        .into_iter()
        .map(|(key, old, new)| {
            let inherited = |s: &Option<Slot>| s.as_ref().is_some_and(Slot::inherited);
            let own = |s: &Option<Slot>| s.as_ref().is_some_and(|s| !s.inherited());
            let cause = if key == Key::Template {
                Cause::Own
            } else if template_changed && (inherited(&old) || inherited(&new)) {
                Cause::Switch
            } else if own(&old) || own(&new) {
                Cause::Own
            } else {
                Cause::Inherited
            };
            Change {
                key,
                old,
                new,
                cause,
            }
        })
        .collect()
}

fn slot(read: Read) -> Option<Slot> {
    match read {
        Read::Value(slot) => Some(slot),
        _ => None,
    }
}
