//! What several end-to-end test files share.

/// A campaign that is clean under every rule with the default policy and
/// `--now 2026-11-24T00:00:00Z`.
pub const CLEAN: &str = r#"apiVersion: promo/v1
kind: Campaign
id: spring-cashback-2027
name: Spring festival cashback
environment: production
owner: growth-payments@example.com
approval: MKT-2027-0113
currency: CNY
schedule:
  start: 2027-01-20T00:00:00+08:00
  end: 2027-02-05T23:59:59+08:00
audience:
  segments: [new-users, dormant-90d]
  regions: [CN-31, CN-44]
channels: [online-checkout, merchant-qr]
benefit:
  type: percent_off
  rate: "10%"
  max_discount: "20.00"
  min_spend: "50.00"
funding:
  source: merchant
budget:
  total: "1000000.00"
  per_user: "100.00"
  expected_redemptions: 40000
display:
  label: "新春立减 最高20元"
stacking:
  combinable: false
controls:
  kill_switch: true
  rollout_percent: 5
"#;
