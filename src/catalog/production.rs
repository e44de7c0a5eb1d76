//! Production safety.

use super::{RuleMeta, Severity};

pub static MISSING_OWNER: RuleMeta = RuleMeta {
    id: "missing-owner",
    default_severity: Severity::Error,
    summary: "a production campaign with no `owner`",
    what: "Reports a campaign with `environment: production` and no `owner`. The finding \
           points at the `environment` value, which is what makes the field required. An \
           `owner` that is present but unreadable is `invalid-value`, not missing. Campaigns in \
           `staging` and `test` need no owner.",
    why: "When a live campaign misbehaves, the first question is who can stop and fix it. On \
          16 January 2025 a misconfigured discount ran for five minutes on nearly every \
          payment; minutes matter, and they are lost looking for the team that owns the \
          configuration.",
    bad: "environment: production\napproval: MKT-2027-0101\n",
    good: "environment: production\nowner: growth-payments@example.com\napproval: MKT-2027-0101\n",
    config: "",
    fix: None,
};

pub static MISSING_APPROVAL: RuleMeta = RuleMeta {
    id: "missing-approval",
    default_severity: Severity::Error,
    summary: "a production campaign with no `approval`",
    what: "Reports a campaign with `environment: production` and no `approval` change \
           ticket. The finding points at the `environment` value, which is what makes the \
           field required. An `approval` that is present but does not match the ticket \
           pattern is `invalid-value`, not missing. Campaigns in `staging` and `test` need no \
           approval.",
    why: "The 16 January 2025 incident was a routine campaign configured with the wrong \
          template, and nothing checked the configuration before it went live. A change \
          ticket records that someone other than its author reviewed this configuration, \
          and lets an auditor find who approved what.",
    bad: "environment: production\nowner: growth-payments@example.com\n",
    good: "environment: production\nowner: growth-payments@example.com\napproval: MKT-2027-0101\n",
    config: "",
    fix: None,
};

pub static MISSING_KILL_SWITCH: RuleMeta = RuleMeta {
    id: "missing-kill-switch",
    default_severity: Severity::Error,
    summary: "a production campaign whose `controls.kill_switch` is absent or false",
    what: "Reports a campaign with `environment: production` whose effective \
           `controls.kill_switch` (after template resolution) is absent or `false`. An absent \
           switch is reported at the `environment` value; `false` is reported at the value \
           itself, with a label on `environment`. A value that is present but unreadable is \
           `invalid-value`, and after `unknown-template` the template could have supplied the \
           switch, so neither is reported here.",
    why: "On 16 January 2025 a discount of 20% on nearly every payment ran for five minutes \
          before it was stopped. A kill switch lets the on-call engineer stop a campaign in \
          seconds, without a deploy; without one, every minute of a bad configuration is paid \
          for.",
    bad: "environment: production\ncontrols:\n  kill_switch: false\n",
    good: "environment: production\ncontrols:\n  kill_switch: true\n",
    config: "",
    fix: None,
};
