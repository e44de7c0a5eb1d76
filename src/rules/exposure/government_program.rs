//! `government-program`: government funding under a program that does not
//! exist, or beyond the program's terms.

use crate::catalog::GOVERNMENT_PROGRAM as META;
use crate::finding::Finding;
use crate::model::{BenefitType, Field, FundingSource, did_you_mean};
use crate::policy::{Program, is_placeholder_program};
use crate::rules::CampaignCx;
use crate::source::Loc;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(funding) = &cx.campaign().offer.funding else {
        return;
    };
    if funding.value.source.value() != Some(&FundingSource::Government) {
        return;
    }
    let Some(id) = funding.value.program_id.get() else {
        return;
    };
    let text = id.value.as_str();
    if is_placeholder_program(text) {
        out.push(
            cx.finding(
                &META,
                &id.at,
                "/funding/program_id",
                format!(
                    "program_id `{text}` is a placeholder: the campaign names no government program"
                ),
            )
            .with_help(
                "write the id of the government program that pays for the campaign; if none \
                 does, correct `funding.source`",
            ),
        );
        return;
    }
    let programs = &cx.policy.programs;
    if programs.is_empty() {
        return;
    }
    let Some(program) = programs.iter().find(|p| p.id == text) else {
        let names: Vec<&str> = programs.iter().map(|p| p.id.as_str()).collect();
        let help = match did_you_mean(text, &names) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "the policy lists {} program{}: {}; a new program is added to `programs` in \
                 .promolint.yaml",
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            ),
        };
        out.push(
            cx.finding(
                &META,
                &id.at,
                "/funding/program_id",
                format!("program_id `{text}` names no government program of the policy (programs)"),
            )
            .with_help(help),
        );
        return;
    };
    for (excess, at) in exceeded(cx, program) {
        let finding = cx
            .finding(
                &META,
                &id.at,
                "/funding/program_id",
                format!(
                    "the campaign exceeds the terms of program {}{}: {excess}",
                    program.id,
                    program.written_at()
                ),
            )
            .with_help(
                "keep the campaign within the program's terms, or fund the part beyond them \
                 from another source in a campaign of its own",
            );
        out.push(match at {
            Some(loc) => finding.with_label(loc, "beyond the program's terms"),
            None => finding,
        });
    }
}

/// Each term of `program` the campaign exceeds: what, and the campaign's
/// value that does.
fn exceeded(cx: &CampaignCx, program: &Program) -> Vec<(String, Option<Loc>)> {
    let c = cx.campaign();
    let offer = &c.offer;
    let mut found = Vec::new();
    if let Field::Valid(benefit) = &offer.benefit {
        let b = &benefit.value;
        if let (Some(max), Some(rate), false) = (
            program.max_rate,
            b.rate.get(),
            b.kind.value() == Some(&BenefitType::AmountOff),
        ) && rate.value > max
        {
            found.push((
                format!("rate {} is above its max_rate {max}", rate.value),
                Some(rate.at.loc),
            ));
        }
        if let (Some(currency), Some(cap)) = (offer.currency.value(), b.max_discount.get())
            && let Some(max) = program.max_discount.get(currency)
            && cap.value.amount > *max
        {
            found.push((
                format!(
                    "max_discount {} {currency} is above its max_discount {max} {currency}",
                    cap.value
                ),
                Some(cap.at.loc),
            ));
        }
    }
    if let (Some(allowed), Some(channels)) = (&program.channels, offer.channels.value()) {
        for channel in channels {
            if !allowed.contains(&channel.value) {
                found.push((
                    format!(
                        "channel {} is not among its channels ({})",
                        channel.value,
                        allowed.join(", ")
                    ),
                    Some(channel.at.loc),
                ));
            }
        }
    }
    if let Some(allowed) = &program.regions {
        outside_regions(cx, allowed, &mut found);
    }
    if let Some(schedule) = c.schedule.value() {
        if let (Some(from), Some(start)) = (program.start, schedule.start.get())
            && start.value < from
        {
            found.push((
                format!("the campaign starts before the program ({})", shown(from)),
                Some(start.at.loc),
            ));
        }
        if let (Some(until), Some(end)) = (program.end, schedule.end.get())
            && end.value > until
        {
            found.push((
                format!("the campaign ends after the program ({})", shown(until)),
                Some(end.at.loc),
            ));
        }
    }
    found
}

fn outside_regions(cx: &CampaignCx, allowed: &[String], found: &mut Vec<(String, Option<Loc>)>) {
    let list = allowed.join(", ");
    let audience = match &cx.campaign().offer.audience {
        Field::Valid(audience) => audience,
        Field::Invalid(_) => return,
        Field::Absent => {
            if !cx.effective.template_unknown {
                found.push((
                    format!("the campaign has no audience.regions, so it runs everywhere, not only in its regions ({list})"),
                    None,
                ));
            }
            return;
        }
    };
    match &audience.value.regions {
        Field::Valid(regions) => {
            for region in &regions.value {
                if !allowed.contains(&region.value) {
                    found.push((
                        format!("region {} is not among its regions ({list})", region.value),
                        Some(region.at.loc),
                    ));
                }
            }
        }
        Field::Absent if !cx.effective.template_unknown => found.push((
            format!(
                "the campaign has no audience.regions, so it runs everywhere, not only in its regions ({list})"
            ),
            Some(audience.at.key_or_value()),
        )),
        _ => {}
    }
}

fn shown(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
