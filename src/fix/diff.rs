//! `--diff`: the fixes as a unified diff, the form `patch` and `git apply`
//! read.

use similar::TextDiff;

/// The unified diff of one file (`a/PATH`, `b/PATH` headers, three lines
/// of context); empty when the texts are equal.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_with_its_context() {
        let diff = unified("c.yaml", "a: 1\nb: no\nc: 3\n", "a: 1\nb: \"no\"\nc: 3\n");
        assert_eq!(
            diff,
            "--- a/c.yaml\n+++ b/c.yaml\n@@ -1,3 +1,3 @@\n a: 1\n-b: no\n+b: \"no\"\n c: 3\n"
        );
        assert_eq!(unified("c.yaml", "a\n", "a\n"), "");
    }
}
