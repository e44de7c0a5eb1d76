//! `unknown-currency`: a currency the policy does not list.

use crate::finding::{Finding, Severity};
use crate::model::{Field, did_you_mean};

use crate::rules::{CampaignCx, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "unknown-currency",
    default_severity: Severity::Error,
    summary: "currency not in the policy's list",
    what: "Reports a `currency` that is not in the policy's `currencies` list, pointing at the \
           value, with \"did you mean\" when a listed currency is close (`cny` -> `CNY`, \
           `USB` -> `USD`). The currency decides how every money field is read (its decimal \
           places) and which budget ceiling applies.",
    why: "Money limits are per currency: a campaign in a currency the policy does not know has \
          no budget ceiling, and a typo such as `JPN` for `JPY` makes amounts mean something \
          else (yen have no minor unit, so `\"100.00\"` is not a yen amount).",
    bad: "currency: SGD\n",
    good: "currency: USD\n",
    config: "The list is `currencies` in .promolint.yaml (built-in: CNY, USD, EUR, HKD, JPY). \
             Setting it replaces the whole list, so a new currency is added as \
             `currencies: [CNY, USD, EUR, HKD, JPY, SGD]` (with its `limits.budget.max_total`).",
};

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    let Field::Valid(currency) = &cx.campaign().offer.currency else {
        return;
    };
    let listed = &cx.policy.currencies;
    if listed.contains(&currency.value) {
        return;
    }
    let known: Vec<&str> = listed.iter().map(String::as_str).collect();
    let hint = suggest(&currency.value, &known);
    let listed_text = if known.is_empty() {
        "none".to_string()
    } else {
        known.join(", ")
    };
    let mut message = format!(
        "currency `{}` is not one of the policy's currencies: {listed_text} (policy: currencies)",
        currency.value
    );
    if let Some(k) = hint {
        message.push_str(&format!("; did you mean `{k}`?"));
    }
    let help = match hint {
        Some(k) => format!("write `currency: {k}`"),
        None => format!(
            "use a listed currency, or add `{}` to `currencies` in .promolint.yaml (with its `limits.budget.max_total`)",
            currency.value
        ),
    };
    out.push(
        cx.finding(&META, &currency.at, "/currency", message)
            .with_help(help),
    );
}

/// A listed currency close to `code`: the same letters in another case, or
/// one edit away. Any two three-letter codes are two edits apart, so the
/// usual "did you mean" distance would suggest `USD` for every unlisted code.
fn suggest<'k>(code: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .find(|k| k.eq_ignore_ascii_case(code))
        .copied()
        .or_else(|| {
            did_you_mean(code, known).filter(|k| {
                strsim::damerau_levenshtein(&code.to_ascii_uppercase(), &k.to_ascii_uppercase())
                    <= 1
            })
        })
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions() {
        let known = ["CNY", "USD", "EUR", "HKD", "JPY"];
        assert_eq!(suggest("cny", &known), Some("CNY"));
        assert_eq!(suggest("USB", &known), Some("USD"));
        assert_eq!(suggest("JPN", &known), Some("JPY"));
        assert_eq!(suggest("SGD", &known), None);
        assert_eq!(suggest("RMB", &known), None);
    }
}
