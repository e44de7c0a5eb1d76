//! Stage 6: suppression comments.
//!
//! `# promolint: disable=ID[,ID...] -- reason` covers the findings whose
//! primary span starts on the comment's line, `disable-next-line=` those on
//! the line after it, `disable-file=` the whole file. A covered finding is
//! not reported; it is counted, per rule. The stage also makes the findings
//! about the comments themselves (`suppression-reason`,
//! `unused-suppression`), so it runs after every rule and after the
//! severities: a finding of a rule that is off never makes a comment used.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::catalog::UNUSED_SUPPRESSION;
use crate::finding::Finding;
use crate::load::Comment;
use crate::model::did_you_mean;
use crate::rules::{self, suppression::suppression_reason, suppression::unused_suppression};
use crate::source::{FileId, Loc, SourceFile, Sources};

/// What a comment's text starts with (after optional spaces) to be a directive.
const PREFIX: &str = "promolint:";

/// Which lines a directive covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// `disable`: the comment's own line.
    Line,
    /// `disable-next-line`: the line after the comment's.
    NextLine,
    /// `disable-file`: the whole file.
    File,
}

impl Scope {
    /// The word written before `=`.
    pub fn keyword(self) -> &'static str {
        match self {
            Scope::Line => "disable",
            Scope::NextLine => "disable-next-line",
            Scope::File => "disable-file",
        }
    }

    fn from_keyword(word: &str) -> Option<Scope> {
        [Scope::Line, Scope::NextLine, Scope::File]
            .into_iter()
            .find(|scope| scope.keyword() == word)
    }

    /// Where the directive looked, for the `unused-suppression` message.
    fn coverage(self) -> &'static str {
        match self {
            Scope::Line => "on this line",
            Scope::NextLine => "on the next line",
            Scope::File => "in this file",
        }
    }
}

/// A rule id as written in a directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdRef {
    pub id: String,
    /// Byte range in the comment's text (the text after `#`).
    pub range: Range<usize>,
}

/// What a directive says after its rule ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The non-empty text after `--`, trimmed.
    Given(String),
    /// Nothing after the ids, or nothing but spaces after `--`.
    Missing,
    /// Text after the ids without `--` before it.
    Unmarked,
}

/// What a comment that starts with `promolint:` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    Directive {
        scope: Scope,
        ids: Vec<IdRef>,
        reason: Reason,
    },
    /// Not a well-formed directive; the text says what is wrong.
    Malformed(String),
}

/// Reads a comment's text (after `#`): `None` when it is not a promolint
/// comment at all (`# see the promolint docs`).
pub fn parse(text: &str) -> Option<Parsed> {
    let mut cursor = Cursor { text, pos: 0 };
    cursor.skip_spaces();
    if !cursor.eat(PREFIX) {
        return None;
    }
    cursor.skip_spaces();
    let word = cursor.take_while(|c| c.is_ascii_alphanumeric() || c == '-');
    let word = text.get(word).unwrap_or("");
    let Some(scope) = Scope::from_keyword(word) else {
        return Some(Parsed::Malformed(if word.is_empty() {
            "expected `disable=`, `disable-next-line=` or `disable-file=` after `promolint:`"
                .to_owned()
        } else {
            format!(
                "unknown directive `{word}` (expected `disable`, `disable-next-line` or `disable-file`)"
            )
        }));
    };
    cursor.skip_spaces();
    if !cursor.eat("=") {
        return Some(Parsed::Malformed(format!(
            "expected `=` and rule ids after `{word}`"
        )));
    }

    let mut ids = Vec::new();
    loop {
        cursor.skip_spaces();
        let range = cursor.take_id();
        if let Some(id) = text.get(range.clone()).filter(|id| !id.is_empty()) {
            ids.push(IdRef {
                id: id.to_owned(),
                range,
            });
        }
        cursor.skip_spaces();
        if !cursor.eat(",") {
            break;
        }
    }
    if ids.is_empty() {
        return Some(Parsed::Malformed(format!("`{word}=` names no rule")));
    }

    cursor.skip_spaces();
    let reason = if cursor.eat("--") {
        match cursor.rest().trim() {
            "" => Reason::Missing,
            reason => Reason::Given(reason.to_owned()),
        }
    } else if cursor.rest().is_empty() {
        Reason::Missing
    } else {
        Reason::Unmarked
    };
    Some(Parsed::Directive { scope, ids, reason })
}

/// A position in a comment's text; it only moves over whole characters.
struct Cursor<'t> {
    text: &'t str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.rest().starts_with(token);
        if found {
            self.pos += token.len();
        }
        found
    }

    fn skip_spaces(&mut self) {
        self.take_while(char::is_whitespace);
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> Range<usize> {
        let start = self.pos;
        let len = self
            .rest()
            .find(|c: char| !keep(c))
            .unwrap_or(self.rest().len());
        self.pos += len;
        start..self.pos
    }

    /// A rule id: up to a space, a comma or `--` (which no rule id contains,
    /// so `disable=a--why` reads as id `a` and reason `why`).
    fn take_id(&mut self) -> Range<usize> {
        let start = self.pos;
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                c.is_whitespace() || c == ',' || rest.get(i..).is_some_and(|r| r.starts_with("--"))
            })
            .map_or(rest.len(), |(i, _)| i);
        self.pos += len;
        start..self.pos
    }
}

/// One file's comments, as the stage needs them.
pub struct FileComments<'a> {
    /// Whether the file was named: only the comments of named files get
    /// findings of their own.
    pub named: bool,
    pub comments: &'a [Comment],
}

/// How the run's severities apply, as the engine decides them.
pub struct Levels<'a> {
    /// `--select`, `--ignore` and the policy's severity for one finding;
    /// `None` when its rule is off.
    pub apply: &'a dyn Fn(Finding) -> Option<Finding>,
    /// Whether a finding of the rule in the file could be reported at all in
    /// this run.
    pub active: &'a dyn Fn(&str, FileId) -> bool,
}

/// The findings left to report, and what was suppressed.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub suppressed: usize,
    /// Suppressed findings per rule, by rule id.
    pub suppressed_by_rule: Vec<(&'static str, usize)>,
}

/// Removes the suppressed findings from `reported` and adds the findings
/// about the suppression comments of named files. `context` holds the
/// findings of the files that were not named: they are not reported, but a
/// comment that covers one of them is used (a template's comment covers the
/// findings of every campaign that inherits the value).
pub fn apply(
    sources: &Sources,
    files: &[FileComments],
    reported: Vec<Finding>,
    context: &[Finding],
    levels: &Levels,
) -> Outcome {
    let mut directives = Directives::collect(sources, files);
    if directives.list.is_empty() && directives.malformed.is_empty() {
        return Outcome {
            findings: reported,
            ..Outcome::default()
        };
    }
    for finding in context {
        directives.cover(finding, None);
    }
    let mut sorted = Sorted::default();
    for finding in reported {
        sorted.route(&mut directives, finding, None);
    }

    // The findings about the comments come after the rule findings, each
    // kind once the uses it depends on are known.
    let missing_reasons: Vec<(usize, Finding)> = directives
        .named()
        .filter(|(_, d)| !matches!(d.reason, Reason::Given(_)))
        .map(|(i, d)| {
            let unmarked = d.reason == Reason::Unmarked;
            (
                i,
                suppression_reason::finding(d.comment, &d.written(), unmarked),
            )
        })
        .collect();
    for (about, finding) in missing_reasons {
        if let Some(finding) = (levels.apply)(finding) {
            sorted.route(&mut directives, finding, Some(about));
        }
    }

    // A suppression of `unused-suppression` waits for the next step, which
    // may use it.
    let mut unused = directives.unused(levels, |id| id != UNUSED_SUPPRESSION.id);
    unused.extend(
        directives
            .malformed
            .iter()
            .map(|(comment, problem)| (None, unused_suppression::malformed(*comment, problem))),
    );
    for (about, finding) in unused {
        if let Some(finding) = (levels.apply)(finding) {
            sorted.route(&mut directives, finding, about);
        }
    }

    // What is left unused of `unused-suppression` itself is reported, and
    // cannot be suppressed: its use would depend on its own report.
    for (_, finding) in directives.unused(levels, |id| id == UNUSED_SUPPRESSION.id) {
        if let Some(finding) = (levels.apply)(finding) {
            sorted.kept.push(finding);
        }
    }
    sorted.finish()
}

/// A directive found in a comment.
struct Directive {
    file: FileId,
    named: bool,
    /// The whole comment, `#` included.
    comment: Loc,
    /// 1-based line of the comment.
    line: usize,
    /// Whether nothing but spaces comes before the comment on its line.
    own_line: bool,
    scope: Scope,
    ids: Vec<Target>,
    reason: Reason,
}

/// A rule id of a directive, with its place in the file and whether it
/// covered a finding.
struct Target {
    id: String,
    loc: Loc,
    used: bool,
}

impl Directive {
    /// The directive without its reason, as it would be written.
    fn written(&self) -> String {
        let ids: Vec<&str> = self.ids.iter().map(|t| t.id.as_str()).collect();
        format!("{}={}", self.scope.keyword(), ids.join(","))
    }

    fn covers_line(&self, line: usize) -> bool {
        match self.scope {
            Scope::Line => line == self.line,
            Scope::NextLine => Some(line) == self.line.checked_add(1),
            Scope::File => true,
        }
    }

    /// Help for an id that covered nothing, when a likelier fix than
    /// removing it is known.
    fn unused_help(&self) -> Option<&'static str> {
        (self.scope == Scope::Line && self.own_line).then_some(
            "a `disable` comment covers its own line only; \
             to cover the line below it, write `disable-next-line=`",
        )
    }
}

/// Every directive of the run, by file.
struct Directives<'s> {
    sources: &'s Sources,
    list: Vec<Directive>,
    by_file: HashMap<FileId, Vec<usize>>,
    /// Malformed promolint comments of named files: the comment and what is wrong.
    malformed: Vec<(Loc, String)>,
}

impl<'s> Directives<'s> {
    fn collect(sources: &'s Sources, files: &[FileComments]) -> Self {
        let mut directives = Directives {
            sources,
            list: Vec::new(),
            by_file: HashMap::new(),
            malformed: Vec::new(),
        };
        for file in files {
            for comment in file.comments {
                match parse(&comment.text) {
                    Some(Parsed::Directive { scope, ids, reason }) => {
                        directives.add(file.named, comment, scope, ids, reason);
                    }
                    // A malformed comment suppresses nothing; it is only
                    // reported, and only in a named file.
                    Some(Parsed::Malformed(problem)) if file.named => {
                        directives.malformed.push((comment.loc, problem));
                    }
                    Some(Parsed::Malformed(_)) | None => {}
                }
            }
        }
        directives
    }

    fn add(
        &mut self,
        named: bool,
        comment: &Comment,
        scope: Scope,
        ids: Vec<IdRef>,
        reason: Reason,
    ) {
        let file = comment.loc.file;
        let source = self.sources.get(file);
        let text_start = source.and_then(|s| text_start(s, comment));
        let at = source.map(|s| s.line_col(comment.loc.start));
        let line = at.map_or(0, |at| at.line);
        let own_line = source
            .and_then(|s| {
                let start = s.line_start(line)? as usize;
                s.text.get(start..comment.loc.start as usize)
            })
            .is_some_and(|before| before.trim().is_empty());
        let ids = ids
            .into_iter()
            .map(|id_ref| Target {
                loc: text_start.map_or(comment.loc, |start| {
                    Loc::new(
                        file,
                        comment.loc.doc,
                        start + id_ref.range.start,
                        start + id_ref.range.end,
                    )
                }),
                id: id_ref.id,
                used: false,
            })
            .collect();
        self.by_file.entry(file).or_default().push(self.list.len());
        self.list.push(Directive {
            file,
            named,
            comment: comment.loc,
            line,
            own_line,
            scope,
            ids,
            reason,
        });
    }

    /// The directives of named files, with their index.
    fn named(&self) -> impl Iterator<Item = (usize, &Directive)> {
        self.list.iter().enumerate().filter(|(_, d)| d.named)
    }

    /// Marks the ids of every directive that covers `finding` as used, but
    /// for the directive the finding is about; true when one covered it.
    fn cover(&mut self, finding: &Finding, about: Option<usize>) -> bool {
        let Some(indices) = self.by_file.get(&finding.loc.file) else {
            return false;
        };
        let line = self
            .sources
            .get(finding.loc.file)
            .map_or(0, |s| s.line_col(finding.loc.start).line);
        let mut covered = false;
        for &index in indices {
            if Some(index) == about {
                continue;
            }
            let Some(directive) = self.list.get_mut(index) else {
                continue;
            };
            if !directive.covers_line(line) {
                continue;
            }
            for target in &mut directive.ids {
                if target.id == finding.rule {
                    target.used = true;
                    covered = true;
                }
            }
        }
        covered
    }

    /// `unused-suppression` findings for the ids of named files that `pick`
    /// selects and that covered nothing, each with the directive it is
    /// about. A known rule that could not report in the comment's file is
    /// not unused: it had no chance to match.
    fn unused(
        &self,
        levels: &Levels,
        pick: impl Fn(&str) -> bool,
    ) -> Vec<(Option<usize>, Finding)> {
        let known: Vec<&str> = rules::all().map(|rule| rule.id).collect();
        let mut found = Vec::new();
        for (index, directive) in self.named() {
            let id_locs: Vec<Loc> = directive.ids.iter().map(|t| t.loc).collect();
            let text = self.sources.get(directive.file).map_or("", |s| &*s.text);
            for (position, target) in directive.ids.iter().enumerate() {
                if target.used || !pick(&target.id) {
                    continue;
                }
                let finding = match rules::get(&target.id) {
                    None => Some(unused_suppression::unknown_rule(
                        target.loc,
                        &target.id,
                        did_you_mean(&target.id, &known),
                    )),
                    Some(rule) if (levels.active)(rule.id, directive.file) => {
                        Some(unused_suppression::unused(
                            target.loc,
                            &target.id,
                            directive.scope.coverage(),
                            directive.unused_help(),
                        ))
                    }
                    Some(_) => None,
                };
                let fix = unused_suppression::removal(
                    text,
                    directive.comment,
                    directive.own_line,
                    &id_locs,
                    position,
                );
                let finding = finding.map(|f| match fix {
                    Some((message, edits)) => f.with_fix(message, edits),
                    None => f,
                });
                found.extend(finding.map(|f| (Some(index), f)));
            }
        }
        found
    }
}

/// Where a comment's text (after `#`) starts in its file, when the
/// comment's span holds exactly `#` and that text, so that offsets in the
/// text are offsets in the file.
fn text_start(source: &SourceFile, comment: &Comment) -> Option<usize> {
    let start = comment.loc.start as usize;
    let after_hash = source.text.get(start..)?.strip_prefix('#')?;
    after_hash
        .starts_with(comment.text.as_str())
        .then_some(start + 1)
}

/// Findings sorted into reported and suppressed.
#[derive(Default)]
struct Sorted {
    kept: Vec<Finding>,
    suppressed: Vec<Finding>,
}

impl Sorted {
    fn route(&mut self, directives: &mut Directives, finding: Finding, about: Option<usize>) {
        if directives.cover(&finding, about) {
            self.suppressed.push(finding);
        } else {
            self.kept.push(finding);
        }
    }

    fn finish(mut self) -> Outcome {
        // Identical findings are reported once (the engine removes the
        // repeats), so they are counted once when suppressed.
        self.suppressed.sort_by(|a, b| {
            (a.loc, a.rule, &a.campaign, &a.message, &a.path, &a.help)
                .cmp(&(b.loc, b.rule, &b.campaign, &b.message, &b.path, &b.help))
                .then_with(|| {
                    a.labels
                        .iter()
                        .map(|l| (l.loc, &l.message))
                        .cmp(b.labels.iter().map(|l| (l.loc, &l.message)))
                })
        });
        self.suppressed.dedup();
        let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
        for finding in &self.suppressed {
            *by_rule.entry(finding.rule).or_default() += 1;
        }
        Outcome {
            findings: self.kept,
            suppressed: self.suppressed.len(),
            suppressed_by_rule: by_rule.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(text: &str) -> (Scope, Vec<String>, Reason) {
        match parse(text) {
            Some(Parsed::Directive { scope, ids, reason }) => {
                for id in &ids {
                    assert_eq!(&text[id.range.clone()], id.id, "range of {}", id.id);
                }
                (scope, ids.into_iter().map(|i| i.id).collect(), reason)
            }
            other => panic!("{text:?} parsed as {other:?}"),
        }
    }

    fn given(reason: &str) -> Reason {
        Reason::Given(reason.to_owned())
    }

    #[test]
    fn one_id_with_a_reason() {
        assert_eq!(
            directive(" promolint: disable=rate-ceiling -- approved in MKT-2025-0200"),
            (
                Scope::Line,
                vec!["rate-ceiling".to_owned()],
                given("approved in MKT-2025-0200")
            )
        );
    }

    #[test]
    fn the_three_scopes() {
        assert_eq!(directive("promolint: disable=a -- r").0, Scope::Line);
        assert_eq!(
            directive("promolint: disable-next-line=a -- r").0,
            Scope::NextLine
        );
        assert_eq!(directive("promolint: disable-file=a -- r").0, Scope::File);
    }

    #[test]
    fn a_list_of_ids() {
        let (_, ids, reason) = directive(" promolint: disable=rate-ceiling,unknown-channel -- ok");
        assert_eq!(ids, ["rate-ceiling", "unknown-channel"]);
        assert_eq!(reason, given("ok"));
    }

    #[test]
    fn spaces_around_equals_commas_and_dashes_are_optional() {
        let expected = (
            Scope::NextLine,
            vec!["a-b".to_owned(), "c".to_owned()],
            given("why not"),
        );
        for text in [
            "promolint:disable-next-line=a-b,c--why not",
            "  promolint:  disable-next-line = a-b , c  --  why not  ",
            "\tpromolint: disable-next-line =a-b ,c-- why not",
        ] {
            assert_eq!(directive(text), expected, "{text:?}");
        }
    }

    #[test]
    fn id_ranges_point_into_the_text() {
        let text = " promolint: disable = rate-ceiling , unknown-channel -- ok";
        let Some(Parsed::Directive { ids, .. }) = parse(text) else {
            panic!("not a directive");
        };
        let starts: Vec<usize> = ids.iter().map(|i| i.range.start).collect();
        assert_eq!(
            starts,
            [text.find("rate").unwrap(), text.find("unknown").unwrap()]
        );
    }

    #[test]
    fn a_missing_reason() {
        assert_eq!(directive(" promolint: disable=a").2, Reason::Missing);
        assert_eq!(directive(" promolint: disable=a --").2, Reason::Missing);
        assert_eq!(directive(" promolint: disable=a --   ").2, Reason::Missing);
        assert_eq!(directive(" promolint: disable=a,b  ").2, Reason::Missing);
    }

    #[test]
    fn a_reason_without_dashes_is_not_an_id() {
        assert_eq!(
            directive(" promolint: disable=rate-ceiling approved by finance"),
            (
                Scope::Line,
                vec!["rate-ceiling".to_owned()],
                Reason::Unmarked
            )
        );
    }

    #[test]
    fn empty_list_items_are_skipped() {
        assert_eq!(directive("promolint: disable=a,,b, -- r").1, ["a", "b"]);
    }

    #[test]
    fn the_reason_keeps_dashes_and_hashes() {
        assert_eq!(
            directive("promolint: disable=a -- see MKT-1 -- and # notes").2,
            given("see MKT-1 -- and # notes")
        );
    }

    #[test]
    fn other_comments_are_not_directives() {
        for text in [
            " see promolint docs",
            " see promolint: docs",
            "",
            " TODO promolint: disable=a",
            " Promolint: disable=a",
            " promolint disable=a",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn malformed_directives() {
        for text in [
            " promolint:",
            " promolint: enable=a",
            " promolint: disable a",
            " promolint: disable=",
            " promolint: disable= -- reason",
            " promolint: disable=,",
            " promolint: disable-line=a -- r",
        ] {
            assert!(
                matches!(parse(text), Some(Parsed::Malformed(_))),
                "{text:?} parsed as {:?}",
                parse(text)
            );
        }
    }

    #[test]
    fn non_ascii_text_is_handled() {
        assert_eq!(
            directive(" promolint: disable=rate-ceiling -- 已获批准（财务）").2,
            given("已获批准（财务）")
        );
        assert!(matches!(
            parse(" promolint: 禁用=a"),
            Some(Parsed::Malformed(_))
        ));
        assert_eq!(directive("promolint: disable=规则 -- r").1, ["规则"]);
    }

    /// The loader's comment spans hold `#` and the text, so an id's range in
    /// the text is its range in the file.
    #[test]
    fn comment_text_maps_onto_the_file() {
        let text =
            "a: 1  # promolint: disable=x -- y\r\n# promolint: disable-file=z\nb: \"#\" #c\n";
        let loaded = crate::load::load(0, text, crate::load::Limits::default());
        let source = SourceFile::new(0, "a.yaml".into(), text);
        assert_eq!(loaded.comments.len(), 3);
        for comment in &loaded.comments {
            assert_eq!(
                text_start(&source, comment),
                Some(comment.loc.start as usize + 1),
                "{comment:?}"
            );
            assert_eq!(
                source.slice(comment.loc),
                format!("#{}", comment.text),
                "{comment:?}"
            );
        }
    }
}
