//! `invisible-characters`: zero-width, bidi-control and other format
//! characters in display text, one finding per run.

use super::display_texts;
use crate::finding::{Finding, Severity};
use crate::rules::{CampaignCx, RuleMeta};
use crate::text::{char_name, invisible_runs};

pub static META: RuleMeta = RuleMeta {
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
};

/// At most this many character names in one message.
const NAMES_SHOWN: usize = 4;

pub fn check(cx: &CampaignCx, out: &mut Vec<Finding>) {
    for text in display_texts(cx) {
        for run in invisible_runs(text.text) {
            let mut names: Vec<String> = Vec::new();
            for &ch in &run.chars {
                let name = char_name(ch);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let count = run.chars.len();
            let what = if count == 1 {
                "an invisible character".to_owned()
            } else {
                format!("{count} invisible characters")
            };
            let mut listed = names
                .iter()
                .take(NAMES_SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if names.len() > NAMES_SHOWN {
                listed.push_str(&format!(" and {} more", names.len() - NAMES_SHOWN));
            }
            let message = format!("{} contains {what}: {listed}", text.name);
            out.push(
                cx.finding(&META, &text.at(cx, run.range), text.path, message)
                    .with_help("remove it: display text needs no invisible characters"),
            );
        }
    }
}
