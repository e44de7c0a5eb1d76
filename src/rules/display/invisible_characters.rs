//! `invisible-characters`: zero-width, bidi-control and other format
//! characters in display text, one finding per run.

use super::display_texts;
use crate::catalog::INVISIBLE_CHARACTERS as META;
use crate::finding::{Edit, Finding};
use crate::load::Style;
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
            let at = text.at(cx, run.range);
            // The run's own bytes (or escapes) are removed; when the loader
            // could not map the run into the scalar (a block scalar's
            // folding), the span is the whole value and nothing is offered.
            let mapped = at.loc != text.at.loc
                && matches!(
                    text.style,
                    Style::Plain | Style::SingleQuoted | Style::DoubleQuoted
                );
            let mut finding = cx
                .finding(&META, &at, text.path, message)
                .with_help("remove it: display text needs no invisible characters");
            if mapped {
                let what = if count == 1 { "it" } else { "them" };
                finding = finding.with_fix(format!("remove {what}"), vec![Edit::delete(at.loc)]);
            }
            out.push(finding);
        }
    }
}
