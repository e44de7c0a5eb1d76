//! `invisible-characters`: zero-width, bidi-control and other format
//! characters in display text, one finding per run.

use super::display_texts;
use crate::catalog::INVISIBLE_CHARACTERS as META;
use crate::finding::Finding;
use crate::rules::CampaignCx;
use crate::text::{char_name, invisible_runs};

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
