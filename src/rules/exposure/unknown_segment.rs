//! `unknown-segment`: a segment id the policy's `audience.segments` does
//! not list.

use crate::finding::{Finding, Severity};
use crate::model::{Field, Segments, did_you_mean, is_everyone_segment};
use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "unknown-segment",
    default_severity: Severity::Warning,
    summary: "a segment id that the policy's `audience.segments` does not list",
    what: "When the policy lists the known segment ids (`audience.segments`), reports each \
           item of a campaign's `audience.segments` that is not among them, with a \"did you \
           mean\" when one is close. `all`, `everyone` and `\"*\"` in a list mean everyone \
           (RULES.md) and are not segment ids, so they are never reported here. With the \
           built-in policy (no segments listed) the rule reports nothing.",
    why: "A misspelt segment (`new-user` for `new-users`) matches nobody, or, in systems that \
          treat an unknown segment as no restriction, everybody. Either way the campaign does \
          not reach the audience that was reviewed, and nothing else notices before launch.",
    bad: "# .promolint.yaml: audience: { segments: [new-users, dormant-90d] }\n\
          audience:\n  segments: [new-user]   # not a known segment\n",
    good: "# .promolint.yaml: audience: { segments: [new-users, dormant-90d] }\n\
           audience:\n  segments: [new-users]\n",
    config: "List the segment ids in .promolint.yaml: `audience: { segments: [new-users, \
             dormant-90d] }` (the list replaces the default, which is empty: no check).",
};

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let known = &cx.policy.audience.segments;
    if known.is_empty() {
        return;
    }
    let Field::Valid(audience) = &cx.campaign().offer.audience else {
        return;
    };
    let Some(Segments::List(items)) = audience.value.segments.value() else {
        return;
    };
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    for (index, item) in items.iter().enumerate() {
        let id = item.value.as_str();
        if is_everyone_segment(id) || names.contains(&id) {
            continue;
        }
        let position = item.at.index.map_or(index, |i| i as usize);
        let help = match did_you_mean(id, &names) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "use a segment the policy lists (`audience.segments` in .promolint.yaml), or \
                     add this one there"
                .to_string(),
        };
        out.push(
            cx.finding(
                &META,
                &item.at,
                &format!("/audience/segments/{position}"),
                format!("segment `{id}` is not in the policy's audience.segments"),
            )
            .with_help(help),
        );
    }
}
