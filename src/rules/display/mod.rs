//! Display-text rules: what the payer reads at checkout (`display.label`,
//! `display.description`) checked against the policy's wording lists and
//! against the benefit the campaign really gives.
//!
//! - [`restricted_label`]: a restricted term (e.g. "government subsidy")
//!   while the term's `requires` is not met;
//! - [`forbidden_wording`]: a forbidden term;
//! - [`invisible_characters`]: zero-width, bidi-control and other format
//!   characters;
//! - [`label_rate_mismatch`]: an advertised figure that differs from the
//!   benefit.
//!
//! The text layer ([`crate::text`]) works on the decoded value of a scalar;
//! [`DisplayText`] maps what it finds back to the exact source characters
//! (escapes, folded lines, CRLF) with [`ScalarMap`]. The policy's terms are
//! compiled once per run into [`Prepared`], which every campaign's checks
//! share through [`CampaignCx::display`].

pub mod forbidden_wording;
pub mod invisible_characters;
pub mod label_rate_mismatch;
pub mod restricted_label;

use std::cell::{OnceCell, RefCell};
use std::fmt;
use std::ops::Range;
use std::rc::Rc;

use crate::load::{ScalarMap, Style};
use crate::model::{At, Field, Text};
use crate::policy::{Policy, Requires};
use crate::rules::CampaignCx;
use crate::source::Loc;
use crate::text::{Figure, Folded, Normalized, TermMatch, TermSet, TermSetError, is_invisible};

/// The policy's `labels` lists, normalized and compiled once per run (never
/// per file). The default value has no terms, so it matches nothing.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    restricted: Vec<RestrictedList>,
    forbidden: Vec<TermSet>,
}

/// One `labels.restricted` entry.
#[derive(Debug, Clone)]
struct RestrictedList {
    id: String,
    requires: Requires,
    terms: TermSet,
}

/// A term list of the policy could not be compiled (the automaton would be
/// too large). A policy problem: the run stops with exit code 2.
#[derive(Debug)]
pub struct PrepareError {
    /// Which list: `labels.restricted "government-subsidy"` or `labels.forbidden[0]`.
    pub list: String,
    pub source: TermSetError,
}

impl fmt::Display for PrepareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "policy {}: {}", self.list, self.source)
    }
}

impl std::error::Error for PrepareError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl Prepared {
    /// Compiles every term list of `policy.labels`.
    pub fn new(policy: &Policy) -> Result<Prepared, PrepareError> {
        let restricted = policy
            .labels
            .restricted
            .iter()
            .map(|list| {
                let terms = TermSet::new(&list.terms).map_err(|source| PrepareError {
                    list: format!("labels.restricted `{}`", list.id),
                    source,
                })?;
                Ok(RestrictedList {
                    id: list.id.clone(),
                    requires: list.requires.clone(),
                    terms,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let forbidden = policy
            .labels
            .forbidden
            .iter()
            .enumerate()
            .map(|(index, list)| {
                TermSet::new(&list.terms).map_err(|source| PrepareError {
                    list: format!("labels.forbidden[{index}]"),
                    source,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Prepared {
            restricted,
            forbidden,
        })
    }
}

/// One display text of the effective campaign.
pub(crate) struct DisplayText<'a> {
    /// `label` or `description`, as messages name it.
    pub name: &'static str,
    /// JSON Pointer of the field.
    pub path: &'static str,
    /// The decoded value.
    pub text: &'a str,
    style: Style,
    at: &'a At,
    /// Built on the first finding only: most texts have none.
    map: OnceCell<Option<ScalarMap>>,
}

/// The effective campaign's display texts that were read (an invalid one is
/// reported already and unknown).
pub(crate) fn display_texts<'a>(cx: &'a CampaignCx) -> Vec<DisplayText<'a>> {
    let Some(display) = cx.campaign().offer.display.value() else {
        return Vec::new();
    };
    let fields: [(&'static str, &'static str, &'a Field<Text>); 2] = [
        ("label", "/display/label", &display.label),
        ("description", "/display/description", &display.description),
    ];
    fields
        .into_iter()
        .filter_map(|(name, path, field)| {
            let sp = field.get()?;
            Some(DisplayText {
                name,
                path,
                text: &sp.value.text,
                style: sp.value.style,
                at: &sp.at,
                map: OnceCell::new(),
            })
        })
        .collect()
}

impl DisplayText<'_> {
    /// Where the decoded bytes `range` are written in the source, with the
    /// provenance of the whole value (alias, template). Falls back to the
    /// whole scalar if its file is unknown or the characters cannot be
    /// traced.
    pub fn at(&self, cx: &CampaignCx, range: Range<usize>) -> At {
        let loc = self.at.loc;
        let mapping = self.map.get_or_init(|| {
            let file = cx.sources.get(loc.file)?;
            Some(ScalarMap::from_parts(
                &file.text, loc, self.text, self.style,
            ))
        });
        let source = mapping
            .as_ref()
            .map(|m| m.source_range(range))
            .filter(|r| loc.start as usize <= r.start && r.end <= loc.end as usize)
            .unwrap_or_else(|| loc.range());
        self.at
            .with_loc(Loc::new(loc.file, loc.doc, source.start, source.end))
    }

    /// The decoded text of `range` (empty if it is not on character
    /// boundaries, which the text layer never returns).
    pub fn slice(&self, range: Range<usize>) -> &str {
        self.text.get(range).unwrap_or("")
    }
}

/// Terms of several lists found in one text: in text order, and where two
/// lists match overlapping text, only the first found (leftmost, longest,
/// earlier list) is kept, so no character is reported twice.
fn merge_matches<K: Copy>(mut found: Vec<(K, TermMatch)>) -> Vec<(K, TermMatch)> {
    found.sort_by_key(|(_, m)| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut kept: Vec<(K, TermMatch)> = Vec::with_capacity(found.len());
    for (key, m) in found {
        if kept
            .last()
            .is_none_or(|(_, last)| last.range.end <= m.range.start)
        {
            kept.push((key, m));
        }
    }
    kept
}

/// Text quoted in a message: invisible characters shown as `<U+200B>`,
/// every run of white space (line breaks included) as one space, and at
/// most 40 characters.
pub(crate) fn shown(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut out = String::new();
    let mut count = 0;
    let mut in_space = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !in_space {
                out.push(' ');
                count += 1;
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if count >= MAX_CHARS {
            out.push('…');
            return out;
        }
        if is_invisible(ch) || ch.is_control() {
            out.push_str(&format!("<U+{:04X}>", u32::from(ch)));
        } else {
            out.push(ch);
        }
        count += 1;
    }
    out
}

/// The term as the policy writes it, when the text says it differently
/// (`政府補貼`, `G o v. subsidy`): `, read as "政府补贴"`.
fn read_as(shown_text: &str, term: &str) -> String {
    if shown_text == term {
        String::new()
    } else {
        format!(", read as \"{term}\"")
    }
}

thread_local! {
    /// The texts this thread read last, folded and normalized: the
    /// restricted and the forbidden lists and `label-rate-mismatch`'s
    /// figures read the same label and description one after the other, and
    /// folding and normalizing are the costly part of all three.
    static RECENT: RefCell<Vec<(String, Rc<Read>)>> = const { RefCell::new(Vec::new()) };
}

/// One display text as the display rules read it: folded once, normalized
/// when a term list first asks.
struct Read {
    folded: Folded,
    normalized: OnceCell<Normalized>,
}

impl Read {
    fn normalized(&self) -> &Normalized {
        self.normalized.get_or_init(|| self.folded.normalize())
    }
}

/// The text folded, reusing the result for a text read just before.
fn read(text: &str) -> Rc<Read> {
    const KEPT: usize = 4;
    RECENT.with_borrow_mut(|recent| {
        if let Some((_, done)) = recent.iter().find(|(seen, _)| seen == text) {
            return Rc::clone(done);
        }
        let done = Rc::new(Read {
            folded: Folded::new(text),
            normalized: OnceCell::new(),
        });
        if recent.len() >= KEPT {
            recent.remove(0);
        }
        recent.push((text.to_owned(), Rc::clone(&done)));
        done
    })
}

/// `figures(text)`, from the text folded once for every display rule.
pub(crate) fn figures_in(text: &str) -> Vec<Figure> {
    read(text).folded.figures()
}

impl Prepared {
    /// Restricted terms in `text`: each with its list.
    fn restricted_in(&self, text: &str) -> Vec<(&RestrictedList, TermMatch)> {
        if self.restricted.is_empty() {
            return Vec::new();
        }
        let read = read(text);
        let normalized = read.normalized();
        let found = self
            .restricted
            .iter()
            .enumerate()
            .flat_map(|(index, list)| {
                list.terms
                    .find_in(normalized)
                    .into_iter()
                    .map(move |m| (index, m))
            })
            .collect();
        merge_matches(found)
            .into_iter()
            .filter_map(|(index, m)| Some((self.restricted.get(index)?, m)))
            .collect()
    }

    /// Forbidden terms in `text`, each with the term as the policy writes it.
    fn forbidden_in(&self, text: &str) -> Vec<(&str, TermMatch)> {
        if self.forbidden.is_empty() {
            return Vec::new();
        }
        let read = read(text);
        let normalized = read.normalized();
        let found = self
            .forbidden
            .iter()
            .enumerate()
            .flat_map(|(index, set)| set.find_in(normalized).into_iter().map(move |m| (index, m)))
            .collect();
        merge_matches(found)
            .into_iter()
            .filter_map(|(index, m)| {
                let term = self.forbidden.get(index)?.term(m.term_index)?;
                Some((term, m))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_text_is_visible_and_short() {
        assert_eq!(shown("政\u{200B}府补贴"), "政<U+200B>府补贴");
        assert_eq!(shown("a \n  b"), "a b");
        assert_eq!(shown(&"x".repeat(50)), format!("{}…", "x".repeat(40)));
    }

    #[test]
    fn default_policy_compiles() {
        let prepared = Prepared::new(&Policy::builtin()).expect("builtin policy compiles");
        assert_eq!(prepared.restricted.len(), 4);
        assert_eq!(prepared.forbidden.len(), 1);
        // The platform's and the government's entry.
        let found = prepared.restricted_in("平台补贴，政府補貼");
        assert_eq!(found.len(), 2);
        let forbidden = prepared.forbidden_in("０元购");
        assert_eq!(forbidden.first().map(|(term, _)| *term), Some("0元购"));
    }

    #[test]
    fn overlapping_lists_report_each_character_once() {
        let mut policy = Policy::builtin();
        policy.labels.forbidden.push(crate::policy::ForbiddenTerms {
            terms: vec!["元购".into(), "free".into()],
        });
        let prepared = Prepared::new(&policy).expect("compiles");
        let found: Vec<&str> = prepared
            .forbidden_in("零元购 free money")
            .into_iter()
            .map(|(term, _)| term)
            .collect();
        assert_eq!(found, ["零元购", "free money"]);
    }
}
