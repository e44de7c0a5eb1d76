//! `missing-field`: a required field is absent.

use crate::catalog::MISSING_FIELD as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field, Template};
use crate::rules::CampaignCx;
use crate::source::Loc;

/// Reports the outermost required fields the effective campaign lacks.
pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let c = cx.campaign();
    let own_file = c.anchor.doc.file;
    let top = c.anchor.kind_key;
    let mut missing = |loc: Loc, path: &str, why: &str| {
        let field = path.trim_start_matches('/').replace('/', ".");
        out.push(
            cx.finding_at(
                &META,
                loc,
                path,
                format!("missing required field `{field}`{why}"),
            )
            .with_help(format!("add `{field}` (FORMAT.md lists what it holds)")),
        );
    };
    // Where a missing nested field is reported: the key of its mapping when
    // the campaign itself wrote it, else the document's `kind` key.
    let key_in_campaign = |at: Option<&crate::model::At>| {
        at.filter(|a| a.template().is_none())
            .and_then(|a| a.key())
            .filter(|k| k.file == own_file)
            .unwrap_or(top)
    };

    for (field, path) in [
        (c.api_version.is_absent(), "/apiVersion"),
        (c.id.is_absent(), "/id"),
        (c.name.is_absent(), "/name"),
        (c.environment.is_absent(), "/environment"),
    ] {
        if field {
            missing(top, path, "");
        }
    }
    if c.anchor.kind_key_is_first_key {
        missing(top, "/kind", "");
    }
    match &c.schedule {
        Field::Absent => missing(top, "/schedule", ""),
        Field::Valid(s) => {
            let at = key_in_campaign(Some(&s.at));
            if s.value.start.is_absent() {
                missing(at, "/schedule/start", "");
            }
            if s.value.end.is_absent() {
                missing(at, "/schedule/end", "");
            }
        }
        Field::Invalid(_) => {}
    }

    // Fields a template could have supplied are unknown, not missing, when
    // the template is.
    if cx.effective.template_unknown {
        return;
    }
    let offer = &c.offer;
    for (absent, path) in [
        (offer.currency.is_absent(), "/currency"),
        (offer.audience.is_absent(), "/audience"),
        (offer.channels.is_absent(), "/channels"),
        (offer.benefit.is_absent(), "/benefit"),
        (offer.funding.is_absent(), "/funding"),
        (offer.display.is_absent(), "/display"),
    ] {
        if absent {
            missing(top, path, "");
        }
    }
    if let Field::Valid(a) = &offer.audience
        && a.value.segments.is_absent()
    {
        missing(key_in_campaign(Some(&a.at)), "/audience/segments", "");
    }
    if let Field::Valid(b) = &offer.benefit {
        let at = key_in_campaign(Some(&b.at));
        let benefit = &b.value;
        match benefit.kind.value() {
            None if benefit.kind.is_absent() => missing(at, "/benefit/type", ""),
            Some(BenefitType::PercentOff) if benefit.rate.is_absent() => {
                missing(at, "/benefit/rate", " (required for percent_off)")
            }
            Some(BenefitType::AmountOff) if benefit.amount.is_absent() => {
                missing(at, "/benefit/amount", " (required for amount_off)")
            }
            _ => {}
        }
    }
    if let Field::Valid(f) = &offer.funding
        && f.value.source.is_absent()
    {
        missing(key_in_campaign(Some(&f.at)), "/funding/source", "");
    }
    if let Field::Valid(d) = &offer.display
        && d.value.label.is_absent()
    {
        missing(key_in_campaign(Some(&d.at)), "/display/label", "");
    }
}

/// A template needs its own `apiVersion` and `id` (the rest is optional).
pub fn check_template(template: &Template) -> Vec<Finding> {
    let top = template.anchor.kind_key;
    [
        (template.api_version.is_absent(), "/apiVersion"),
        (template.id.is_absent(), "/id"),
    ]
    .into_iter()
    .filter(|(absent, _)| *absent)
    .map(|(_, path)| {
        let field = path.trim_start_matches('/');
        Finding::new(&META, top, format!("missing required field `{field}`"))
            .with_path(path)
            .with_help(format!("add `{field}`"))
    })
    .collect()
}
