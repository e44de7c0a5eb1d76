//! Stage 4: template resolution. A campaign with `template: ID` is checked as
//! the deep merge of the template and the campaign (FORMAT.md); every value
//! taken from the template keeps its own span and gains the campaign's
//! `template:` value as provenance.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::{Campaign, DocRef, Field, Inherit, Money, Template, value::minor_unit};
use crate::rules::schema::invalid_decimal;
use crate::source::Loc;

/// A campaign as the rules see it.
#[derive(Clone, Debug)]
pub struct Effective {
    pub campaign: Campaign,
    /// The campaign's `template:` value, when the template was found.
    pub template: Option<Loc>,
    /// `template:` names no Template: fields it could have supplied are
    /// unknown, not missing.
    pub template_unknown: bool,
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
pub fn resolve(
    campaign: &Campaign,
    templates: &HashMap<&str, &Template>,
    deferred: &Deferred,
) -> (Effective, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut effective = Effective {
        campaign: campaign.clone(),
        template: None,
        template_unknown: false,
    };
    if let Some(name) = campaign.template.get() {
        match templates.get(name.value.as_str()) {
            Some(template) => {
                let mut inherited = template.offer.clone();
                inherited.inherit(name.at.loc);
                effective.campaign.offer.merge_from(&inherited);
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
fn check_money_places(campaign: &mut Campaign) -> Vec<Finding> {
    let mut findings = Vec::new();
    let Some(currency) = campaign.offer.currency.value().cloned() else {
        return findings;
    };
    let Some(places) = minor_unit(&currency) else {
        return findings;
    };
    let id = campaign.id().map(str::to_owned);
    let mut check = |field: &mut Field<Money>, path: &str| {
        if let Field::Valid(sp) = field
            && sp.value.places > places
        {
            let unit = match places {
                0 => "no decimal places".to_string(),
                1 => "one decimal place".to_string(),
                n => format!("{n} decimal places"),
            };
            findings.push(
                Finding::new(
                    &invalid_decimal::META,
                    sp.at.loc,
                    format!(
                        "{} `{}` has more decimal places than {currency} allows ({unit})",
                        path.trim_start_matches('/').replace('/', "."),
                        sp.value.amount
                    ),
                )
                .with_path(path)
                .with_campaign(id.as_deref())
                .with_labels(sp.at.provenance())
                .with_help(format!(
                    "{currency} amounts have {unit}: round the amount as it is meant to be paid"
                )),
            );
            *field = Field::Invalid(sp.at);
        }
    };
    if let Field::Valid(benefit) = &mut campaign.offer.benefit {
        let b = &mut benefit.value;
        check(&mut b.amount, "/benefit/amount");
        check(&mut b.max_discount, "/benefit/max_discount");
        check(&mut b.min_spend, "/benefit/min_spend");
    }
    if let Field::Valid(budget) = &mut campaign.offer.budget {
        let b = &mut budget.value;
        check(&mut b.total, "/budget/total");
        check(&mut b.per_user, "/budget/per_user");
    }
    findings
}
