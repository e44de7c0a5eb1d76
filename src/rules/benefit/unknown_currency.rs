//! `unknown-currency`: a currency the policy does not list.

use crate::catalog::UNKNOWN_CURRENCY as META;
use crate::finding::Finding;
use crate::model::{Field, did_you_mean};

use crate::rules::CampaignCx;

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
