//! The typed campaign and template of `promo/v1` (FORMAT.md).
//!
//! Every field is a [`Field`]: absent, present but invalid (reported while
//! extracting), or a value with its [`At`]. These types are what the rules
//! read; [`crate::model::schema`] describes the same format as JSON Schema.

use rust_decimal::Decimal;
use time::OffsetDateTime;

use super::value::{Field, Money, Percent, Sp};
use crate::load::Style;
use crate::source::{FileId, Loc};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Environment {
    Production,
    Staging,
    Test,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Staging => "staging",
            Environment::Test => "test",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenefitType {
    PercentOff,
    AmountOff,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FundingSource {
    Platform,
    Merchant,
    Bank,
    Government,
}

impl FundingSource {
    pub fn as_str(self) -> &'static str {
        match self {
            FundingSource::Platform => "platform",
            FundingSource::Merchant => "merchant",
            FundingSource::Bank => "bank",
            FundingSource::Government => "government",
        }
    }
}

/// `audience.segments`: a list of segment ids, or everyone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segments {
    All,
    List(Vec<Sp<String>>),
}

/// The segment ids that mean everyone inside a list (RULES.md: a list
/// holding `all`, `everyone` or `"*"` is the audience `all`).
pub const EVERYONE_SEGMENTS: [&str; 3] = ["all", "everyone", "*"];

impl Segments {
    /// Everyone: `segments: all`, or a list holding one of
    /// [`EVERYONE_SEGMENTS`].
    pub fn is_everyone(&self) -> bool {
        match self {
            Segments::All => true,
            Segments::List(list) => list.iter().any(|s| is_everyone_segment(&s.value)),
        }
    }
}

pub fn is_everyone_segment(id: &str) -> bool {
    EVERYONE_SEGMENTS.contains(&id)
}

/// Display text with what is needed to map matches back to the source
/// ([`crate::load::ScalarMap`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub style: Style,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    pub start: Field<OffsetDateTime>,
    pub end: Field<OffsetDateTime>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Audience {
    pub segments: Field<Segments>,
    pub regions: Field<Vec<Sp<String>>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Benefit {
    pub kind: Field<BenefitType>,
    pub rate: Field<Percent>,
    pub amount: Field<Money>,
    pub max_discount: Field<Money>,
    pub min_spend: Field<Money>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Funding {
    pub source: Field<FundingSource>,
    pub program_id: Field<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Budget {
    pub total: Field<Money>,
    pub per_user: Field<Money>,
    pub expected_redemptions: Field<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Display {
    pub label: Field<Text>,
    pub description: Field<Text>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stacking {
    pub combinable: Field<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Controls {
    pub kill_switch: Field<bool>,
    pub rollout_percent: Field<u8>,
}

/// The fields a template may hold, and so the part of a campaign that
/// template resolution merges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Offer {
    pub currency: Field<String>,
    pub audience: Field<Audience>,
    /// The channel ids that were read; an item that could not be (reported
    /// already, e.g. `"*"`) is left out.
    pub channels: Field<Vec<Sp<String>>>,
    pub benefit: Field<Benefit>,
    pub funding: Field<Funding>,
    pub budget: Field<Budget>,
    pub display: Field<Display>,
    pub stacking: Field<Stacking>,
    pub controls: Field<Controls>,
}

/// Which document of which file a model came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocRef {
    pub file: FileId,
    pub index: u32,
}

/// Keys of the document itself, for findings about what it lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocAnchor {
    pub doc: DocRef,
    /// The `kind` key, or the document's first key when `kind` is missing.
    pub kind_key: Loc,
    /// `kind` is missing, so `kind_key` is the first key.
    pub kind_key_is_first_key: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Campaign {
    pub anchor: DocAnchor,
    pub api_version: Field<String>,
    pub id: Field<String>,
    pub name: Field<String>,
    pub template: Field<String>,
    pub environment: Field<Environment>,
    pub owner: Field<String>,
    pub approval: Field<String>,
    pub schedule: Field<Schedule>,
    pub offer: Offer,
}

impl Campaign {
    pub fn id(&self) -> Option<&str> {
        self.id.value().map(String::as_str)
    }

    pub fn is_production(&self) -> bool {
        self.environment.value() == Some(&Environment::Production)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub anchor: DocAnchor,
    pub api_version: Field<String>,
    pub id: Field<String>,
    pub description: Field<String>,
    pub offer: Offer,
}

/// One document of a checked file, as the model understood it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Campaign(Box<Campaign>),
    Template(Box<Template>),
}

impl Item {
    pub fn id_field(&self) -> &Field<String> {
        match self {
            Item::Campaign(c) => &c.id,
            Item::Template(t) => &t.id,
        }
    }

    pub fn anchor(&self) -> &DocAnchor {
        match self {
            Item::Campaign(c) => &c.anchor,
            Item::Template(t) => &t.anchor,
        }
    }
}

/// Gives every value of a subtree the provenance of a template.
pub trait Inherit {
    fn inherit(&mut self, template: Loc);
    /// Fills what `self` lacks from `base`, key by key (mappings merge, any
    /// other value of `self` wins whole).
    fn merge_from(&mut self, base: &Self);
    /// The locations of the values taken from a template.
    fn inherited(&self, out: &mut Vec<Loc>);
}

impl<T: Clone> Inherit for Field<T> {
    fn inherit(&mut self, template: Loc) {
        if let Some(at) = self.at_mut() {
            at.set_template(template);
        }
    }

    fn merge_from(&mut self, base: &Self) {
        if self.is_absent() {
            *self = base.clone();
        }
    }

    fn inherited(&self, out: &mut Vec<Loc>) {
        if let Some(at) = self.at().filter(|at| at.template().is_some()) {
            out.push(at.loc);
        }
    }
}

/// A section (nested mapping): merged field by field when both sides have
/// it, taken whole otherwise.
fn merge_section<T: Clone + Inherit>(this: &mut Field<T>, base: &Field<T>) {
    match (this, base) {
        (Field::Valid(mine), Field::Valid(theirs)) => mine.value.merge_from(&theirs.value),
        (this @ Field::Absent, base) => *this = base.clone(),
        _ => {}
    }
}

fn inherit_section<T: Inherit>(field: &mut Field<T>, template: Loc) {
    match field {
        Field::Absent => {}
        Field::Invalid(at) => at.set_template(template),
        Field::Valid(sp) => {
            sp.at.set_template(template);
            sp.value.inherit(template);
        }
    }
}

macro_rules! leaf_fields {
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl Inherit for $ty {
            fn inherit(&mut self, template: Loc) {
                $(self.$field.inherit(template);)*
            }
            fn merge_from(&mut self, base: &Self) {
                $(self.$field.merge_from(&base.$field);)*
            }
            fn inherited(&self, out: &mut Vec<Loc>) {
                $(self.$field.inherited(out);)*
            }
        }
    };
}

leaf_fields!(Schedule { start, end });
leaf_fields!(Audience { segments, regions });
leaf_fields!(Benefit {
    kind,
    rate,
    amount,
    max_discount,
    min_spend
});
leaf_fields!(Funding { source, program_id });
leaf_fields!(Budget {
    total,
    per_user,
    expected_redemptions
});
leaf_fields!(Display { label, description });
leaf_fields!(Stacking { combinable });
leaf_fields!(Controls {
    kill_switch,
    rollout_percent
});

impl Inherit for Offer {
    fn inherit(&mut self, template: Loc) {
        self.currency.inherit(template);
        inherit_section(&mut self.audience, template);
        if let Field::Valid(list) = &mut self.channels {
            for item in &mut list.value {
                item.at.set_template(template);
            }
        }
        self.channels.inherit(template);
        inherit_section(&mut self.benefit, template);
        inherit_section(&mut self.funding, template);
        inherit_section(&mut self.budget, template);
        inherit_section(&mut self.display, template);
        inherit_section(&mut self.stacking, template);
        inherit_section(&mut self.controls, template);
    }

    fn merge_from(&mut self, base: &Self) {
        self.currency.merge_from(&base.currency);
        merge_section(&mut self.audience, &base.audience);
        self.channels.merge_from(&base.channels);
        merge_section(&mut self.benefit, &base.benefit);
        merge_section(&mut self.funding, &base.funding);
        merge_section(&mut self.budget, &base.budget);
        merge_section(&mut self.display, &base.display);
        merge_section(&mut self.stacking, &base.stacking);
        merge_section(&mut self.controls, &base.controls);
    }

    fn inherited(&self, out: &mut Vec<Loc>) {
        self.currency.inherited(out);
        section_inherited(&self.audience, out);
        self.channels.inherited(out);
        section_inherited(&self.benefit, out);
        section_inherited(&self.funding, out);
        section_inherited(&self.budget, out);
        section_inherited(&self.display, out);
        section_inherited(&self.stacking, out);
        section_inherited(&self.controls, out);
    }
}

/// A section taken whole counts as one inherited range; a merged one by its
/// inherited fields.
fn section_inherited<T: Inherit>(field: &Field<T>, out: &mut Vec<Loc>) {
    match field {
        Field::Valid(sp) if sp.at.template().is_none() => sp.value.inherited(out),
        Field::Valid(sp) => out.push(sp.at.loc),
        Field::Invalid(at) if at.template().is_some() => out.push(at.loc),
        _ => {}
    }
}

/// The value of `benefit.rate` as a fraction of 1, for arithmetic.
pub fn rate_fraction(rate: &Percent) -> Decimal {
    rate.0 / Decimal::ONE_HUNDRED
}
