//! Schedule.

use super::{RuleMeta, Severity};

pub static SCHEDULE_ORDER: RuleMeta = RuleMeta {
    id: "schedule-order",
    default_severity: Severity::Error,
    summary: "`end` not after `start`",
    what: "Reports a schedule whose `end` is not after its `start` (the same instant \
           included). Timestamps are compared as instants, so `2027-03-01T08:00:00+08:00` and \
           `2027-03-01T00:00:00Z` are equal. The finding points at `end`, with a label on \
           `start`.",
    why: "A schedule that ends before it starts is almost always a start and an end swapped, \
          or a wrong year or month. Some platforms reject it; others read it as a campaign \
          that is always on, or that never ends.",
    bad: "schedule:\n  start: 2027-03-20T00:00:00+08:00\n  end: 2027-03-01T23:59:59+08:00\n",
    good: "schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-03-20T23:59:59+08:00\n",
    config: "",
    fix: None,
};

pub static SCHEDULE_TIMEZONE: RuleMeta = RuleMeta {
    id: "schedule-timezone",
    default_severity: Severity::Error,
    summary: "a timestamp without a UTC offset",
    what: "Reports a schedule timestamp written without a UTC offset \
           (`2025-01-20T00:00:00` or a bare date). Write the offset (`+08:00`) or `Z`.",
    why: "A timestamp without an offset is read in the time zone of whichever server reads it: \
          a campaign meant to start at midnight in Shanghai starts eight hours late in UTC, \
          or runs for a day after it was meant to end.",
    bad: "schedule:\n  start: 2027-01-20T00:00:00\n  end: 2027-02-05T23:59:59\n",
    good: "schedule:\n  start: 2027-01-20T00:00:00+08:00\n  end: 2027-02-05T23:59:59+08:00\n",
    config: "",
    fix: None,
};

pub static SCHEDULE_DURATION: RuleMeta = RuleMeta {
    id: "schedule-duration",
    default_severity: Severity::Warning,
    summary: "longer than `max_duration_days`",
    what: "Warns when the time from `schedule.start` to `schedule.end` is longer than \
           `limits.schedule.max_duration_days` days (31 by default). Exactly that many days is \
           fine. A schedule whose end is not after its start is `schedule-order` instead. The \
           finding points at `end`.",
    why: "A campaign is reviewed for the conditions of its time: the funding, the channels' \
          fees, the audience. A long-running one outlives that review, and its budget and \
          wording are no longer checked by anyone. A campaign that should run longer is \
          better split and re-approved.",
    bad: "schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-05-31T23:59:59+08:00   # 3 months\n",
    good: "schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-03-31T23:59:59+08:00\n",
    config: "`limits.schedule.max_duration_days` in .promolint.yaml sets the limit.",
    fix: None,
};

pub static SCHEDULE_EXPIRED: RuleMeta = RuleMeta {
    id: "schedule-expired",
    default_severity: Severity::Warning,
    summary: "`end` before now",
    what: "Warns about a campaign whose `schedule.end` is before now. `--now TIMESTAMP` sets \
           now, so that a run in CI gives the same result tomorrow. The finding points at \
           `end`.",
    why: "An expired campaign left among the live ones is published again by the next \
          deploy, or copied as the starting point of the next campaign with its old rates, \
          channels and approvals. Expired campaigns belong in an archive that is not \
          checked or deployed.",
    bad: "schedule:\n  start: 2025-11-01T00:00:00+08:00\n  end: 2025-11-20T23:59:59+08:00   # in the past\n",
    good: "schedule:\n  start: 2027-03-01T00:00:00+08:00\n  end: 2027-03-20T23:59:59+08:00\n",
    config: "A campaign kept for audit is suppressed for the whole file: \
             `# promolint: disable-file=schedule-expired -- archived campaign kept for audit`.",
    fix: None,
};
