//! `schedule-timezone`: a timestamp without a UTC offset.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
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
};
