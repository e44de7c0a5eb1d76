//! Byte-range edits on a file's text: whether two collide, and the text
//! with them made. Every byte outside the edited ranges is kept as it was.

use crate::finding::Edit;

/// Whether `a` and `b` cannot both be made: their ranges overlap, or both
/// insert at the same place (which first would be a guess). Identical
/// edits do not collide: the second is the first again.
pub fn collide(a: &Edit, b: &Edit) -> bool {
    if a.loc.file != b.loc.file || a == b {
        return false;
    }
    let overlap = a.loc.start < b.loc.end && b.loc.start < a.loc.end;
    let same_insertion_point = a.loc.is_empty() && b.loc.is_empty() && a.loc.start == b.loc.start;
    overlap || same_insertion_point
}

/// `text` with `edits` made (all of them on this text's file, none
/// colliding); `None` when an edit does not fit the text (out of range, or
/// not on character boundaries).
pub fn apply(text: &str, edits: &[&Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|edit| (edit.loc.start, edit.loc.end));
    sorted.dedup();
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for edit in sorted {
        let (start, end) = (edit.loc.start as usize, edit.loc.end as usize);
        if start < at {
            return None;
        }
        out.push_str(text.get(at..start)?);
        // The replaced range must exist and sit on character boundaries.
        text.get(start..end)?;
        out.push_str(&edit.replacement);
        at = end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Loc;

    fn edit(start: usize, end: usize, text: &str) -> Edit {
        Edit::replace(Loc::new(0, 0, start, end), text)
    }

    #[test]
    fn edits_are_made_in_place_and_the_rest_is_kept() {
        let text = "a: no\r\nb: 0.2 # kept\r\n";
        let quote = [edit(3, 3, "\""), edit(5, 5, "\"")];
        let rate = edit(10, 13, "\"20%\"");
        let all: Vec<&Edit> = quote.iter().chain([&rate]).collect();
        assert_eq!(
            apply(text, &all).as_deref(),
            Some("a: \"no\"\r\nb: \"20%\" # kept\r\n")
        );
    }

    #[test]
    fn collisions() {
        assert!(collide(&edit(1, 4, ""), &edit(3, 5, "x")));
        assert!(collide(&edit(2, 2, "a"), &edit(2, 2, "b")));
        assert!(collide(&edit(1, 4, ""), &edit(2, 2, "b")));
        assert!(!collide(&edit(1, 4, ""), &edit(4, 4, "b")));
        assert!(!collide(&edit(1, 4, ""), &edit(4, 6, "b")));
        assert!(!collide(&edit(2, 2, "a"), &edit(2, 2, "a")));
    }

    #[test]
    fn an_edit_that_does_not_fit_the_text_is_refused() {
        assert_eq!(apply("ab", &[&edit(1, 9, "")]), None);
        assert_eq!(apply("新", &[&edit(1, 2, "")]), None);
        assert_eq!(apply("abc", &[&edit(0, 2, ""), &edit(1, 3, "")]), None);
    }
}
