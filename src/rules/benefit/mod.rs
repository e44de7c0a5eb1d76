//! Benefit and funding rules.

pub mod amount_exceeds_spend;
pub mod funding_program;
pub mod no_threshold_coupon;
pub mod rate_ceiling;
pub mod uncapped_percent;
pub mod unknown_currency;

#[cfg(test)]
mod tests {
    use super::rate_ceiling::{Ceiling, Source, ceiling};
    use crate::model::{At, Field, Funding, FundingSource, Offer, Percent, Sp};
    use crate::policy::Policy;
    use crate::source::Loc;

    fn at(start: usize) -> At {
        At::new(Loc::new(0, 0, start, start + 1))
    }

    fn sp<T>(value: T, start: usize) -> Field<T> {
        Field::Valid(Sp {
            value,
            at: at(start),
        })
    }

    fn pct(text: &str) -> Percent {
        Percent::parse(text).unwrap()
    }

    fn offer(source: Option<FundingSource>, channels: &[&str]) -> Offer {
        Offer {
            funding: sp(
                Funding {
                    source: source.map_or(Field::Absent, |s| sp(s, 1)),
                    program_id: Field::Absent,
                },
                0,
            ),
            channels: sp(
                channels
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Sp {
                        value: (*c).to_string(),
                        at: at(10 + i),
                    })
                    .collect(),
                9,
            ),
            ..Offer::default()
        }
    }

    fn policy() -> Policy {
        let mut policy = Policy::builtin();
        policy
            .limits
            .rate_ceiling
            .channels
            .insert("merchant-qr".into(), pct("12%"));
        policy
            .limits
            .rate_ceiling
            .channels
            .insert("p2p-transfer".into(), pct("1%"));
        policy
    }

    #[test]
    fn funding_entry_alone() {
        let c = ceiling(
            &offer(Some(FundingSource::Platform), &["online-checkout"]),
            &policy(),
            false,
        );
        assert_eq!(
            c,
            Some(Ceiling {
                rate: pct("20%"),
                source: Source::Funding {
                    source: "platform",
                    at: at(1).loc
                }
            })
        );
        assert_eq!(
            c.unwrap().policy_key(),
            "limits.rate_ceiling.funding.platform"
        );
    }

    #[test]
    fn lowest_entry_wins() {
        let c = ceiling(
            &offer(
                Some(FundingSource::Government),
                &["online-checkout", "merchant-qr", "bill-payment"],
            ),
            &policy(),
            false,
        )
        .unwrap();
        assert_eq!(c.rate, pct("5%"));
        assert_eq!(
            c.source,
            Source::Channel {
                channel: "bill-payment".into(),
                at: at(12).loc
            }
        );
        assert_eq!(c.policy_key(), "limits.rate_ceiling.channels.bill-payment");
    }

    #[test]
    fn merchant_entry_beats_a_lower_default() {
        // 50% for merchant funding applies, not the 30% default.
        let c = ceiling(
            &offer(Some(FundingSource::Merchant), &["online-checkout"]),
            &policy(),
            false,
        )
        .unwrap();
        assert_eq!(c.rate, pct("50%"));
    }

    #[test]
    fn channel_entry_may_be_higher_than_default_and_still_applies() {
        let mut policy = policy();
        policy.limits.rate_ceiling.funding.clear();
        let c = ceiling(
            &offer(Some(FundingSource::Bank), &["merchant-qr"]),
            &policy,
            false,
        )
        .unwrap();
        assert_eq!(c.rate, pct("12%"));
    }

    #[test]
    fn default_only_when_nothing_applies() {
        let mut policy = policy();
        policy.limits.rate_ceiling.funding.remove("bank");
        let c = ceiling(
            &offer(Some(FundingSource::Bank), &["online-checkout"]),
            &policy,
            false,
        )
        .unwrap();
        assert_eq!(c.source, Source::Default);
        assert_eq!(c.rate, pct("30%"));
        assert_eq!(c.policy_key(), "limits.rate_ceiling.default");
        // No funding at all: still the default.
        let c = ceiling(&offer(None, &["online-checkout"]), &policy, false).unwrap();
        assert_eq!(c.source, Source::Default);
    }

    #[test]
    fn forbidden_channel_with_an_entry_contributes() {
        let c = ceiling(
            &offer(Some(FundingSource::Merchant), &["p2p-transfer"]),
            &policy(),
            false,
        )
        .unwrap();
        assert_eq!(c.rate, pct("1%"));
    }

    #[test]
    fn tie_goes_to_the_first_entry() {
        let mut policy = policy();
        policy
            .limits
            .rate_ceiling
            .channels
            .insert("offline-pos".into(), pct("20%"));
        let c = ceiling(
            &offer(Some(FundingSource::Platform), &["offline-pos"]),
            &policy,
            false,
        )
        .unwrap();
        assert!(matches!(c.source, Source::Funding { .. }));
    }

    #[test]
    fn unknown_values_never_assume_the_default() {
        // An unreadable source: a channel entry is still a bound...
        let mut o = offer(Some(FundingSource::Platform), &["bill-payment"]);
        if let Field::Valid(f) = &mut o.funding {
            f.value.source = Field::Invalid(at(1));
        }
        assert_eq!(ceiling(&o, &policy(), false).unwrap().rate, pct("5%"));
        // ...but without one nothing is known.
        let mut o = offer(Some(FundingSource::Platform), &["online-checkout"]);
        if let Field::Valid(f) = &mut o.funding {
            f.value.source = Field::Invalid(at(1));
        }
        assert_eq!(ceiling(&o, &policy(), false), None);
        // Unreadable channels (`"*"`).
        let mut o = offer(None, &[]);
        o.channels = Field::Invalid(at(9));
        assert_eq!(ceiling(&o, &policy(), false), None);
        // Absent funding when the template is unknown: it may have set it.
        assert_eq!(
            ceiling(&offer(None, &["online-checkout"]), &policy(), true),
            None
        );
    }
}
