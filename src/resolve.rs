//! Stage 4: template resolution. A campaign with `template: ID` is checked as
//! the deep merge of the template and the campaign (FORMAT.md); every value
//! taken from the template keeps its own span and gains the campaign's
//! `template:` value as provenance.

use std::collections::HashMap;
use std::ops::Deref;

use crate::catalog::INVALID_DECIMAL;
use crate::finding::Finding;
use crate::model::{
    At, Campaign, DocRef, Field, Inherit, Money, Offer, Template, value::minor_unit,
};
use crate::source::Loc;

/// A campaign as the rules see it.
#[derive(Clone, Debug)]
pub struct Effective<'c> {
    pub campaign: CampaignRef<'c>,
    /// The campaign's `template:` value, when the template was found.
    pub template: Option<Loc>,
    /// `template:` names no Template: fields it could have supplied are
    /// unknown, not missing.
    pub template_unknown: bool,
}

/// The campaign of an [`Effective`]: the campaign as read when resolution
/// changes nothing, which is most campaigns; a copy only when a template is
/// merged in or an amount is made unknown. Derefs to [`Campaign`].
#[derive(Clone, Debug)]
pub struct CampaignRef<'c> {
    read: &'c Campaign,
    /// Boxed, so that a list of effective campaigns stays small.
    changed: Option<Box<Campaign>>,
}

impl<'c> CampaignRef<'c> {
    pub fn new(read: &'c Campaign) -> Self {
        CampaignRef {
            read,
            changed: None,
        }
    }

    /// The campaign to change, copied on the first change.
    pub fn to_mut(&mut self) -> &mut Campaign {
        let read = self.read;
        self.changed.get_or_insert_with(|| Box::new(read.clone()))
    }
}

impl Deref for CampaignRef<'_> {
    type Target = Campaign;

    fn deref(&self) -> &Campaign {
        self.changed.as_deref().unwrap_or(self.read)
    }
}

/// Templates by id; the first in path order wins when ids repeat
/// (`duplicate-id` reports the others).
pub fn template_index<'t>(
    templates: impl IntoIterator<Item = &'t Template>,
) -> HashMap<&'t str, &'t Template> {
    let mut index = HashMap::new();
    for template in templates {
        if let Some(id) = template.id.value() {
            index.entry(id.as_str()).or_insert(template);
        }
    }
    index
}

/// Findings made while reading a template that belong to the campaigns using
/// it (e.g. `rate-notation` on a template's rate), by template document.
pub type Deferred = HashMap<DocRef, Vec<Finding>>;

/// The effective campaign, and the findings resolution itself makes:
/// amounts with more decimal places than the effective currency allows, and
/// the template's deferred findings about values the campaign inherits.
pub fn resolve<'c>(
    campaign: &'c Campaign,
    templates: &HashMap<&str, &Template>,
    deferred: &Deferred,
) -> (Effective<'c>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut effective = Effective {
        campaign: CampaignRef::new(campaign),
        template: None,
        template_unknown: false,
    };
    match find_template(campaign, templates) {
        Found::Template(template, name) => {
            let merged = effective.campaign.to_mut();
            findings = merge_template(merged, template, name, deferred);
            effective.template = Some(name);
        }
        Found::Unknown => effective.template_unknown = true,
        Found::NoTemplate => {}
    }
    let (places, invalid) = check_money_places(&effective.campaign);
    findings.extend(places);
    // Copied only when an amount must be made unknown.
    if !invalid.is_empty() {
        make_unknown(&mut effective.campaign.to_mut().offer, invalid);
    }
    (effective, findings)
}

/// What [`resolve_in_place`] found besides the campaign it changed.
#[derive(Debug, Default)]
pub struct Resolution {
    /// The campaign's `template:` value, when the template was found.
    pub template: Option<Loc>,
    /// `template:` names no Template.
    pub template_unknown: bool,
    /// What [`resolve`] reports.
    pub findings: Vec<Finding>,
}

impl Resolution {
    /// The campaign as the rules see it, once [`resolve_in_place`] made it
    /// effective.
    pub fn effective<'c>(&self, campaign: &'c Campaign) -> Effective<'c> {
        Effective {
            campaign: CampaignRef::new(campaign),
            template: self.template,
            template_unknown: self.template_unknown,
        }
    }
}

/// [`resolve`] for a campaign that is not needed as read afterwards: it
/// becomes the effective campaign itself, so no copy of it is kept.
pub fn resolve_in_place(
    campaign: &mut Campaign,
    templates: &HashMap<&str, &Template>,
    deferred: &Deferred,
) -> Resolution {
    let mut resolution = Resolution::default();
    match find_template(campaign, templates) {
        Found::Template(template, name) => {
            resolution.findings = merge_template(campaign, template, name, deferred);
            resolution.template = Some(name);
        }
        Found::Unknown => resolution.template_unknown = true,
        Found::NoTemplate => {}
    }
    let (places, invalid) = check_money_places(campaign);
    resolution.findings.extend(places);
    make_unknown(&mut campaign.offer, invalid);
    resolution
}

enum Found<'t> {
    NoTemplate,
    /// The template, and where the campaign's `template:` value is.
    Template(&'t Template, Loc),
    /// `template:` names no Template, or could not be read: the fields it
    /// could have supplied are unknown, not missing.
    Unknown,
}

fn find_template<'t>(campaign: &Campaign, templates: &HashMap<&str, &'t Template>) -> Found<'t> {
    match &campaign.template {
        Field::Valid(name) => match templates.get(name.value.as_str()) {
            Some(template) => Found::Template(template, name.at.loc),
            None => Found::Unknown,
        },
        Field::Invalid(_) => Found::Unknown,
        Field::Absent => Found::NoTemplate,
    }
}

/// Merges the template into the campaign (named at `name`); returns the
/// template's deferred findings about the values the campaign inherits.
fn merge_template(
    campaign: &mut Campaign,
    template: &Template,
    name: Loc,
    deferred: &Deferred,
) -> Vec<Finding> {
    let mut inherited = template.offer.clone();
    inherited.inherit(name);
    campaign.offer.merge_from(&inherited);
    let mut used = Vec::new();
    campaign.offer.inherited(&mut used);
    let in_use = |f: &Finding| {
        used.iter()
            .any(|l| l.file == f.loc.file && l.start <= f.loc.start && f.loc.end <= l.end)
    };
    deferred
        .get(&template.anchor.doc)
        .into_iter()
        .flatten()
        .filter(|f| in_use(f))
        .map(|finding| {
            finding
                .clone()
                .with_campaign(campaign.id())
                .with_label(name, "inherited from this template")
        })
        .collect()
}

/// `invalid-decimal` for an amount with more places than the currency's
/// minor unit, and the amounts to make unknown for the other rules.
fn check_money_places(campaign: &Campaign) -> (Vec<Finding>, Vec<(MoneyField, At)>) {
    let mut findings = Vec::new();
    let mut invalid = Vec::new();
    let Some(currency) = campaign.offer.currency.value() else {
        return (findings, invalid);
    };
    let Some(places) = minor_unit(currency) else {
        return (findings, invalid);
    };
    let mut check = |field: &Field<Money>, which: MoneyField| {
        if let Field::Valid(sp) = field
            && sp.value.places > places
        {
            let path = which.path();
            let unit = match places {
                0 => "no decimal places".to_string(),
                1 => "one decimal place".to_string(),
                n => format!("{n} decimal places"),
            };
            findings.push(
                Finding::new(
                    &INVALID_DECIMAL,
                    sp.at.loc,
                    format!(
                        "{} `{}` has more decimal places than {currency} allows ({unit})",
                        path.trim_start_matches('/').replace('/', "."),
                        sp.value.amount
                    ),
                )
                .with_path(path)
                .with_campaign(campaign.id())
                .with_labels(sp.at.provenance())
                .with_help(format!(
                    "{currency} amounts have {unit}: round the amount as it is meant to be paid"
                )),
            );
            invalid.push((which, sp.at));
        }
    };
    if let Field::Valid(benefit) = &campaign.offer.benefit {
        let b = &benefit.value;
        check(&b.amount, MoneyField::Amount);
        check(&b.max_discount, MoneyField::MaxDiscount);
        check(&b.min_spend, MoneyField::MinSpend);
    }
    if let Field::Valid(budget) = &campaign.offer.budget {
        let b = &budget.value;
        check(&b.total, MoneyField::Total);
        check(&b.per_user, MoneyField::PerUser);
    }
    (findings, invalid)
}

fn make_unknown(offer: &mut Offer, invalid: Vec<(MoneyField, At)>) {
    for (which, at) in invalid {
        if let Some(field) = which.field(offer) {
            *field = Field::Invalid(at);
        }
    }
}

/// The amounts of an offer that have a currency's minor unit.
#[derive(Clone, Copy)]
enum MoneyField {
    Amount,
    MaxDiscount,
    MinSpend,
    Total,
    PerUser,
}

impl MoneyField {
    fn path(self) -> &'static str {
        match self {
            MoneyField::Amount => "/benefit/amount",
            MoneyField::MaxDiscount => "/benefit/max_discount",
            MoneyField::MinSpend => "/benefit/min_spend",
            MoneyField::Total => "/budget/total",
            MoneyField::PerUser => "/budget/per_user",
        }
    }

    fn field(self, offer: &mut Offer) -> Option<&mut Field<Money>> {
        match self {
            MoneyField::Amount | MoneyField::MaxDiscount | MoneyField::MinSpend => {
                let Field::Valid(benefit) = &mut offer.benefit else {
                    return None;
                };
                let b = &mut benefit.value;
                Some(match self {
                    MoneyField::Amount => &mut b.amount,
                    MoneyField::MaxDiscount => &mut b.max_discount,
                    _ => &mut b.min_spend,
                })
            }
            MoneyField::Total | MoneyField::PerUser => {
                let Field::Valid(budget) = &mut offer.budget else {
                    return None;
                };
                let b = &mut budget.value;
                Some(match self {
                    MoneyField::Total => &mut b.total,
                    _ => &mut b.per_user,
                })
            }
        }
    }
}
