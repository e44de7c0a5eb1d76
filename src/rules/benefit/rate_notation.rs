//! `rate-notation`: `benefit.rate` not written as a percent string.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "rate-notation",
    default_severity: Severity::Error,
    summary: "benefit.rate not a percent string (0.2, 20, 1/5, 8折)",
    what: "Reports a `benefit.rate` that is not written as a percent string such as `\"20%\"`: \
           a bare number (`0.2`, `20`), a fraction (`1/5`), or a Chinese discount such as \
           `8折` or `八折`. A Chinese discount names what the payer pays: `8折` means the payer \
           pays 80%, so the rate off is `\"20%\"`.",
    why: "`0.2` is 20% to one reader and 0.2% to another, and `8折` is 80% paid, not 80% off. \
          A rate read the wrong way is the difference between a routine campaign and one that \
          gives most of every payment away.",
    bad: "benefit:\n  type: percent_off\n  rate: 0.2\n",
    good: "benefit:\n  type: percent_off\n  rate: \"20%\"\n",
    config: "",
};
