//! Stage 4: template resolution. A campaign with `template: ID` is checked as
//! the deep merge of the template and the campaign (FORMAT.md); every value
//! taken from the template keeps its own span and gains the campaign's
//! `template:` value as provenance.

use std::collections::HashMap;
use std::ops::Deref;

use crate::catalog::INVALID_DECIMAL;
use crate::finding::Finding;
use crate::model::{Campaign, DocRef, Field, Inherit, Money, Offer, Template, value::minor_unit};
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
    if let Some(name) = campaign.template.get() {
        match templates.get(name.value.as_str()) {
            Some(template) => {
                let mut inherited = template.offer.clone();
                inherited.inherit(name.at.loc);
                effective.campaign.to_mut().offer.merge_from(&inherited);
                effective.template = Some(name.at.loc);
                let mut used = Vec::new();
                effective.campaign.offer.inherited(&mut used);
                let in_use = |f: &Finding| {
                    used.iter().any(|l| {
                        l.file == f.loc.file && l.start <= f.loc.start && f.loc.end <= l.end
                    })
                };
                for finding in deferred
                    .get(&template.anchor.doc)
                    .into_iter()
                    .flatten()
                    .filter(|f| in_use(f))
                {
                    findings.push(
                        finding
                            .clone()
                            .with_campaign(campaign.id())
                            .with_label(name.at.loc, "inherited from this template"),
                    );
                }
            }
            None => effective.template_unknown = true,
        }
    } else if matches!(campaign.template, Field::Invalid(_)) {
        effective.template_unknown = true;
    }
    findings.extend(check_money_places(&mut effective.campaign));
    (effective, findings)
}

/// `invalid-decimal` for an amount with more places than the currency's
/// minor unit; the amount becomes unknown for the other rules.
fn check_money_places(campaign: &mut CampaignRef<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let Some(currency) = campaign.offer.currency.value() else {
        return findings;
    };
    let Some(places) = minor_unit(currency) else {
        return findings;
    };
    let mut invalid = Vec::new();
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
    // Copied only when an amount must be made unknown.
    if !invalid.is_empty() {
        let offer = &mut campaign.to_mut().offer;
        for (which, at) in invalid {
            if let Some(field) = which.field(offer) {
                *field = Field::Invalid(at);
            }
        }
    }
    findings
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
