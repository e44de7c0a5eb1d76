//! `invalid-decimal`: money that is not an exact decimal of the currency.

use crate::finding::Severity;
use crate::rules::RuleMeta;

pub static META: RuleMeta = RuleMeta {
    id: "invalid-decimal",
    default_severity: Severity::Error,
    summary: "money not an exact non-negative decimal with at most the currency's minor-unit places",
    what: "Reports a money value that is not written as an exact non-negative decimal: a sign, \
           an exponent (`1e3`), `.nan`, `.inf`, underscores, or more decimal places than the \
           currency's ISO 4217 minor unit (two for CNY and USD, none for JPY). The value is \
           then unknown: no other rule compares it or reports it missing.",
    why: "Amounts that a float or a rounding step changes on their way to the payment system \
          are not the amounts that were reviewed: `10.005` becomes 10.00 or 10.01 depending on \
          the tool.",
    bad: "currency: CNY\nbenefit:\n  max_discount: \"10.005\"\n",
    good: "currency: CNY\nbenefit:\n  max_discount: \"10.00\"\n",
    config: "",
};
