//! `funding-program`: government funding without a program id.

use crate::finding::{Finding, Severity};
use crate::model::{Field, FundingSource};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "funding-program",
    default_severity: Severity::Error,
    summary: "funding.source: government without program_id",
    what: "Reports `funding.source: government` when `funding.program_id` is absent, pointing \
           at the `source` value. Government money is paid out under a named program; the id \
           ties the campaign to it. A `program_id` that is present but could not be read is \
           reported by its own rule only; when `template:` names no template, nothing is \
           reported (the template could have supplied it).",
    why: "In the 16 January 2025 incident a routine marketing campaign was presented as a \
          \"government subsidy\" (政府补贴) while no government program stood behind it: the \
          type of the discount's fund was simply wrong. Requiring the program id makes \
          whoever sets `source: government` name the program, and makes a wrong source stand \
          out in review.",
    bad: "funding:\n  source: government\n",
    good: "funding:\n  source: government\n  program_id: GOV-TRADEIN-2025-SH\n",
    config: "",
};

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(funding) = &cx.campaign().offer.funding else {
        return;
    };
    let Field::Valid(source) = &funding.value.source else {
        return;
    };
    if source.value != FundingSource::Government
        || !funding.value.program_id.is_absent()
        || cx.effective.template_unknown
    {
        return;
    }
    out.push(
        cx.finding(
            &META,
            &source.at,
            "/funding/source",
            "government funding without a `program_id`: the campaign names no government program",
        )
        .with_help(
            "add `program_id` under `funding` with the program's id (e.g. GOV-TRADEIN-2025-SH); \
             if no government program pays for it, correct `source`",
        ),
    );
}
