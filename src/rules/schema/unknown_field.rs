//! `unknown-field`: a key the format does not have.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "unknown-field",
    default_severity: Severity::Error,
    summary: "a key the format does not have; \"did you mean\" when one is close",
    what: "Reports a key that the `promo/v1` format does not define at that place, with a \
           \"did you mean\" hint when a known key is a small edit away (`max_discout` -> \
           `max_discount`).",
    why: "A misspelt key is silently ignored by the system that publishes the campaign: a \
          misspelt `max_discount` means the discount has no cap at all.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discout: \"20.00\"\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n",
    config: "",
};
