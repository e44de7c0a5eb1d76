//! Display text.

use super::{FixApplicability, RuleMeta, Severity};

pub static RESTRICTED_LABEL: RuleMeta = RuleMeta {
    id: "restricted-label",
    default_severity: Severity::Error,
    summary: "a restricted term (e.g. \"government subsidy\") while the term's `requires` is not met",
    what: "Reports a term of the policy's `labels.restricted` lists found in `display.label` or \
           `display.description` when the campaign does not meet the list's `requires`: \
           `funding.source` must be the source it names, and with `program_id: true` the \
           campaign needs a `funding.program_id`. Terms are found however they are disguised: \
           traditional characters (`政府補貼`), full-width or look-alike letters (`Ｇovernment`, \
           a Cyrillic `о`), spacing and punctuation (`政 府 补 贴`, `Gov. Subsidy`), invisible \
           characters (`政\\u200b府补贴`); Latin terms match whole words only (`real estate \
           subsidy` is not `state subsidy`). The finding underlines the original characters the \
           term covers, and says which requirement is missing. If `funding.source` or \
           `funding.program_id` is present but invalid, whether the requirement is met is \
           unknown and the rule says nothing (`invalid-value` reports the value).",
    why: "On 16 January 2025 a payment app gave 20% off nearly every payment for five minutes, \
          labelled \"government subsidy\" (政府补贴): a routine marketing campaign configured \
          with the wrong template, whose fund type was wrong as well. Telling payers that the \
          state pays is a claim about public money: it needs government funding and the id of \
          the program, and advertising law forbids presenting a commercial discount as a public \
          subsidy.",
    bad: "funding:\n  source: platform\ndisplay:\n  label: \"政府补贴 立减10%\"\n",
    good: "funding:\n  source: platform\ndisplay:\n  label: \"平台补贴 立减10%\"\n",
    config: "The lists are `labels.restricted` in .promolint.yaml: each has an `id` (named in the \
             message), its `terms`, and `requires: { funding_source: government, program_id: \
             true }`. The default list `government-subsidy` holds 政府补贴, 国家补贴, 国补, \
             政府补助, 以旧换新补贴, \"government subsidy\", \"state subsidy\", \"national \
             subsidy\" and \"gov subsidy\".",
    fix: None,
};

pub static FORBIDDEN_WORDING: RuleMeta = RuleMeta {
    id: "forbidden-wording",
    default_severity: Severity::Error,
    summary: "a forbidden term in display.label or display.description",
    what: "Reports a term of the policy's `labels.forbidden` lists found in `display.label` or \
           `display.description`, and underlines the original characters it covers. Terms are \
           matched on normalized text exactly as for `restricted-label`: traditional and \
           simplified Chinese alike (`0元購` is `0元购`), full-width and look-alike letters, \
           case, spacing, punctuation and invisible characters do not hide a term; Latin terms \
           match whole words only (`free moneyball` is not `free money`).",
    why: "Some promises may never be made at checkout: \"zero-yuan purchase\" (零元购) and \
          \"free money\" invite fraud and are the wording regulators single out, and a \
          \"guaranteed refund\" the campaign cannot honour is false advertising.",
    bad: "display:\n  label: \"新客零元购\"\n",
    good: "display:\n  label: \"新客立减10% 最高20元\"\n",
    config: "The lists are `labels.forbidden` in .promolint.yaml, each `- terms: [...]`; the \
             default forbids \"free money\", 零元购, 0元购 and \"guaranteed refund\". A list set \
             in the policy file replaces the default whole.",
    fix: None,
};

pub static INVISIBLE_CHARACTERS: RuleMeta = RuleMeta {
    id: "invisible-characters",
    default_severity: Severity::Error,
    summary: "zero-width, bidi-control or other format characters in display text",
    what: "Reports each run of characters that render as nothing in `display.label` or \
           `display.description`: zero-width spaces and joiners, bidi controls (U+202A..U+202E, \
           U+2066..U+2069), the byte-order mark, soft hyphens, variation selectors, tag \
           characters and the other Unicode format (`Cf`) and default-ignorable characters. One \
           finding per run of consecutive such characters, pointing at the characters \
           themselves (for an escape such as `\\u200b` in a double-quoted scalar, at the escape) \
           and naming each (\"U+200B ZERO WIDTH SPACE\"). A zero-width joiner or variation \
           selector that belongs to an emoji sequence (\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}, \u{2764}\u{FE0F}, 1\u{FE0F}\u{20E3}, a flag's tags) is part of \
           the emoji and not reported.",
    why: "Invisible characters split a word for machines while it reads the same to people: \
          `政\\u200b府补贴` displays as 政府补贴 but escapes a naive search for it, and a \
          right-to-left override can make a reviewer read a different figure than the payer \
          sees. Display text has no use for them. (`restricted-label` and `forbidden-wording` \
          see through them as well.)",
    bad: "display:\n  label: \"政\\u200b府补贴 立减10%\"\n",
    good: "display:\n  label: \"平台补贴 立减10%\"\n",
    config: "",
    fix: Some(FixApplicability::Safe),
};

pub static LABEL_RATE_MISMATCH: RuleMeta = RuleMeta {
    id: "label-rate-mismatch",
    default_severity: Severity::Error,
    summary: "the display text advertises a figure that differs from the benefit",
    what: "Reads every discount figure that `display.label` or `display.description` \
           advertises and compares it with the effective benefit, exactly (`20` equals \
           `20.00`): a percent off (`20% off`, `立减20%`, `减20%`, `20%优惠`) with `rate`; a \
           折 figure (`8折`, `8.5折`, `85折`, `打8折`, `八折`, `八五折`; N折 means the payer pays \
           N×10%, so `8.5折` is a rate of 15%) with `rate`; an amount off (`减20元`, `立减20元`, \
           `减20`, `save $5`, `$5 off`, `€4 off`, `500円引き`) with `amount`; a cap (`最高20元`, \
           `最高减50元`, `up to $50 off`) with `max_discount`; a threshold (`满100` in \
           `满100减20`, `over $50`, `orders over $50`) with `min_spend`. A percent or 折 figure \
           on an `amount_off` benefit, or an amount off on a `percent_off` benefit, is a \
           mismatch; so is a cap or threshold the benefit does not configure. On an \
           `amount_off` benefit without `max_discount` the most a payment can get is `amount`, \
           so a cap is compared with it. Where forms overlap the longest wins (`最高减50元` is \
           one cap), and each figure gives at most one finding, pointing at the whole form, \
           with a label on the benefit value it contradicts. Numbers that are no discount \
           (`双11`, `2025`, `Top 10`, a bare price such as `¥10`, `满2件`) are not figures, and \
           text that advertises no figure is fine. A benefit value that is present but invalid \
           is unknown and not compared.",
    why: "The payer decides on the advertised figure, and advertising law requires it to be \
          the one applied: a label that promises more than the benefit gives is false \
          advertising, and one that promises less hides a misconfigured benefit. In the 16 \
          January 2025 incident the wrong template set a discount nobody had reviewed against \
          what the campaign was meant to say.",
    bad: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n\
          display:\n  label: \"新客立减15% 最高20元\"\n",
    good: "benefit:\n  type: percent_off\n  rate: \"10%\"\n  max_discount: \"20.00\"\n\
           display:\n  label: \"新客立减10% 最高20元\"\n",
    config: "The forms it reads are fixed (RULES.md lists them). Advertised currencies are not \
             compared with `currency`. Text that is not an offer (a product name such as \
             \"Top 10\") needs no change.",
    fix: None,
};
