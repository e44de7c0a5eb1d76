//! `funding-program`: government funding without a program id.

use crate::catalog::FUNDING_PROGRAM as META;
use crate::finding::Finding;
use crate::model::{Field, FundingSource};
use crate::rules::CampaignCx;

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
