//! Across files: checks over every campaign of the run.

use super::{RuleMeta, Severity};

pub static DUPLICATE_ID: RuleMeta = RuleMeta {
    id: "duplicate-id",
    default_severity: Severity::Error,
    summary: "two documents share an `id`",
    what: "Reports a document whose `id` an earlier document already has, campaigns and \
           templates alike. All files of the project are compared, in path order and then \
           document order within a file; the first document keeps the id, and each later one \
           is reported at its `id` value, with a label on the first one's (in its own file). \
           The finding belongs to the later document, so it is shown when that file is \
           checked.",
    why: "Everything downstream finds a campaign by its id: the publishing system, the \
          budget ledger, the kill switch, the suppressions and reports of this tool. With two \
          documents under one id, one silently replaces the other, and a campaign can go \
          live that nobody reviewed under that name; a template with a repeated id makes \
          `template:` resolve to whichever comes first. On 16 January 2025 a campaign went \
          live with the wrong template.",
    bad: "# campaigns/spring.yaml\nkind: Campaign\nid: spring-cashback-2027\n---\n\
          kind: Campaign\nid: spring-cashback-2027    # copied, id not changed\n",
    good: "# campaigns/spring.yaml\nkind: Campaign\nid: spring-cashback-2027\n---\n\
           kind: Campaign\nid: spring-cashback-2027-dormant\n",
    config: "",
    fix: None,
};

pub static UNKNOWN_TEMPLATE: RuleMeta = RuleMeta {
    id: "unknown-template",
    default_severity: Severity::Error,
    summary: "`template` names no Template document",
    what: "Reports a campaign whose `template:` names no Template among all the files of the \
           project, with a \"did you mean\" when a template id is close. The campaign is \
           still checked on its own; fields the template could have supplied are then \
           unknown rather than missing, so `missing-field` and the other `missing-*` rules do \
           not report them.",
    why: "A campaign is checked, and reviewed, as the merge of its template and itself. The \
          16 January 2025 incident was a routine campaign configured with the wrong \
          template. A name that resolves to nothing means the campaign that goes live is not \
          the one anybody looked at: the publishing system may pick a default, another \
          template, or nothing at all.",
    bad: "# templates/autumn.yaml has `id: tmpl-autumn-sale`\ntemplate: tmpl-autum-sale\n",
    good: "template: tmpl-autumn-sale\n",
    config: "",
    fix: None,
};

pub static STACKING_CEILING: RuleMeta = RuleMeta {
    id: "stacking-ceiling",
    default_severity: Severity::Error,
    summary: "two combinable campaigns on one channel and overlapping in time add up above \
              `stacked_rate_ceiling`",
    what: "Compares every two campaigns with `stacking.combinable: true` that run in the same \
           `environment`, share at least one channel and overlap in time (one's `end` is after \
           the other's `start`; a campaign that ends exactly when the other starts does not \
           overlap it). When their rates add up above `limits.stacked_rate_ceiling`, both are \
           reported: each at its own rate, with a label on the other's rate in its file. All \
           files of the project are compared. Campaigns whose rate, schedule, channels or \
           environment could not be read, and `amount_off` campaigns, are not compared.",
    why: "Each campaign can be within its own ceiling and the two together still give away \
          more than any funder approved: a payer who meets both gets both. On 16 January 2025 \
          a single 20% discount on nearly every payment was enough to cause an incident; two \
          combinable discounts on the same checkout double the exposure without either \
          review seeing it.",
    bad: "# campaigns/a.yaml\n\
          channels: [online-checkout]\n\
          schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-03-20T23:59:59+08:00\n\
          benefit:\n  type: percent_off\n  rate: \"25%\"\n\
          stacking:\n  combinable: true\n---\n\
          # campaigns/b.yaml\n\
          channels: [online-checkout]\n\
          schedule:\n  start: 2027-03-10T00:00:00+08:00\n  end: 2027-03-25T23:59:59+08:00\n\
          benefit:\n  type: percent_off\n  rate: \"20%\"   # 25% + 20% = 45%, above 40%\n\
          stacking:\n  combinable: true\n",
    good: "# campaigns/a.yaml\n\
          channels: [online-checkout]\n\
          schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-03-20T23:59:59+08:00\n\
          benefit:\n  type: percent_off\n  rate: \"25%\"\n\
          stacking:\n  combinable: true\n---\n\
          # campaigns/b.yaml\n\
          channels: [online-checkout]\n\
          schedule:\n  start: 2027-03-10T00:00:00+08:00\n  end: 2027-03-25T23:59:59+08:00\n\
          benefit:\n  type: percent_off\n  rate: \"15%\"   # 25% + 15% = 40%\n\
          stacking:\n  combinable: true\n",
    config: "`limits.stacked_rate_ceiling` in .promolint.yaml sets the ceiling (built-in \
             40%). An approved pair is suppressed on the `rate` line of each campaign.",
    fix: None,
};
