//! One check of a project for the editor: the policy discovered as for
//! `check`, the open documents named, their editor text standing in for the
//! files (the rest of the project read from disk), and the findings turned
//! into LSP diagnostics per file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};
use time::OffsetDateTime;

use super::documents::{Document, Documents, path_to_uri};
use super::position::{Encoding, LineIndex};
use crate::cache;
use crate::engine::{self, Overlay, Settings};
use crate::finding::{Finding, Severity};
use crate::policy::{self, CompiledPolicy, Policy, PolicyError};
use crate::source::{FileId, Sources};
use crate::walk::{self, Target};

/// The name diagnostics give the server.
pub const SOURCE: &str = "promolint";

/// A project: the root its files are relative to and the policy in effect.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Project {
    pub root: PathBuf,
    /// The policy file (absolute), or `None` for the built-in default.
    pub policy_file: Option<PathBuf>,
}

impl Project {
    /// The project of a file: the directory of the policy file discovered
    /// from the file's directory, as `check` does; without one, the git
    /// repository holding the file, else the workspace folder holding it,
    /// else the file's directory.
    pub fn of(path: &Path, workspace: &[PathBuf]) -> Project {
        let dir = path.parent().unwrap_or(path);
        if let Some(policy_file) = policy::discover(dir) {
            let root = policy_file.parent().unwrap_or(dir).to_path_buf();
            return Project {
                root,
                policy_file: Some(policy_file),
            };
        }
        let git = dir.ancestors().find(|d| d.join(".git").exists());
        let folder = || workspace.iter().find(|w| dir.starts_with(w)).cloned();
        let root = git
            .map(Path::to_path_buf)
            .or_else(folder)
            .unwrap_or_else(|| dir.to_path_buf());
        Project {
            root,
            policy_file: None,
        }
    }
}

/// One finding as published, with what hover and code actions need.
#[derive(Clone, Debug)]
pub struct Reported {
    /// The rule id (`None` for the diagnostic of an invalid policy).
    pub rule: Option<&'static str>,
    /// The primary span, in bytes of [`Published::text`].
    pub span: std::ops::Range<usize>,
    pub diagnostic: Diagnostic,
    /// The finding's fix as text edits in this file (CLI.md, "Fixes"); a
    /// fix with an edit in another file is not offered.
    pub fix: Option<PublishedFix>,
}

/// A fix as the editor applies it.
#[derive(Clone, Debug)]
pub struct PublishedFix {
    pub message: String,
    pub safe: bool,
    pub edits: Vec<lsp_types::TextEdit>,
}

/// The diagnostics of one file, as last published.
#[derive(Clone, Debug)]
pub struct Published {
    pub uri: Uri,
    /// The text the positions were computed in.
    pub text: Arc<str>,
    pub lines: Arc<LineIndex>,
    pub version: Option<i32>,
    pub items: Vec<Reported>,
}

/// What one check of a project produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every file with diagnostics, and every open document checked (with
    /// none when it is clean), by path.
    pub files: Vec<Published>,
    /// An invalid policy, for `window/showMessage`.
    pub policy_error: Option<String>,
    /// What stopped some file from being checked, for `window/logMessage`.
    pub log: Vec<String>,
}

/// Checks the open documents of `project`: `members` are those of its open
/// documents that promolint reads (see [`is_promolint_file`]).
pub fn check_project(
    project: &Project,
    documents: &Documents,
    encoding: Encoding,
    caches: &mut cache::InMemory,
) -> Outcome {
    let (policy, compiled) = match load_policy(project, documents) {
        Ok(loaded) => loaded,
        Err(failure) => return failure.outcome(encoding),
    };
    let members: Vec<&Document> = documents
        .iter()
        .filter(|d| {
            d.path.as_deref().is_some_and(|p| {
                project_of_document(p, project) && is_promolint_file(p, project, &compiled)
            })
        })
        .collect();
    if members.is_empty() {
        return Outcome::default();
    }

    // Every open document is read from the editor, in this project or not:
    // a template open elsewhere is still the text the user sees.
    let overlay: Overlay = documents
        .iter()
        .filter_map(|d| Some((d.path.clone()?, Arc::clone(&d.text))))
        .collect();
    // A document not yet saved is not on disk for the walk to find: it is
    // checked as standard input under its path (one per run; see
    // `unsaved_runs`).
    let (saved, unsaved): (Vec<&Document>, Vec<&Document>) = members
        .iter()
        .partition(|d| d.path.as_deref().is_some_and(Path::is_file));
    let mut runs: Vec<(Vec<Target>, Option<&Document>)> = Vec::new();
    let saved_targets = || {
        saved
            .iter()
            .filter_map(|d| Some(Target::Path(d.path.clone()?)))
            .collect::<Vec<_>>()
    };
    match unsaved.split_first() {
        None => runs.push((saved_targets(), None)),
        Some((first, rest)) => {
            runs.push((saved_targets(), Some(first)));
            runs.extend(rest.iter().map(|d| (Vec::new(), Some(*d))));
        }
    }

    let settings = Settings {
        policy,
        root: project.root.clone(),
        now: OffsetDateTime::now_utc(),
        select: None,
        ignore: Default::default(),
        compiled,
        // Every published diagnostic's range is counted in its text.
        texts_after_rules: true,
    };
    let mut outcome = Outcome::default();
    let mut by_path: HashMap<PathBuf, Published> = HashMap::new();
    for (mut targets, stdin_document) in runs {
        let mut stdin: &[u8] = &[];
        if let Some(document) = stdin_document
            && let Some(path) = &document.path
        {
            targets.push(Target::Stdin {
                name: path.to_string_lossy().into_owned(),
            });
            stdin = document.text.as_bytes();
        }
        let cache = caches.of(&settings.root, &settings.policy);
        let store = engine::Store::Memory(cache);
        let run = engine::check_cached(&settings, &targets, &mut stdin, &overlay, store);
        if let Some(error) = run.tool_errors.iter().find(|e| e.file == "policy") {
            // The policy's label terms do not compile: the policy is invalid.
            let failure = PolicyFailure::message(project, documents, error.message.clone());
            return failure.outcome(encoding);
        }
        outcome.log.extend(
            run.tool_errors
                .iter()
                .map(|e| format!("{}: {}", e.file, e.message)),
        );
        collect_diagnostics(
            &run.findings,
            &run.sources,
            documents,
            encoding,
            &mut by_path,
        );
    }
    // Every checked document is published, so a fixed one is cleared.
    for document in &members {
        if let Some(path) = &document.path
            && !by_path.contains_key(path)
        {
            by_path.insert(path.clone(), empty_published(document));
        }
    }
    let mut files: Vec<(PathBuf, Published)> = by_path.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    // Two runs (two unsaved documents) may both report a template's finding.
    for (_, published) in &mut files {
        let mut seen = std::collections::HashSet::new();
        published.items.retain(|item| {
            seen.insert((
                item.rule,
                item.span.clone(),
                item.diagnostic.message.clone(),
            ))
        });
    }
    outcome.files = files.into_iter().map(|(_, p)| p).collect();
    outcome
}

/// Whether `path` belongs to `project` (its own policy file is discovered
/// to be the project's).
fn project_of_document(path: &Path, project: &Project) -> bool {
    let dir = path.parent().unwrap_or(path);
    match &project.policy_file {
        Some(policy_file) => policy::discover(dir).as_deref() == Some(policy_file.as_path()),
        None => path.starts_with(&project.root) && policy::discover(dir).is_none(),
    }
}

/// Whether promolint reads this file at all: the files the policy's
/// `files.include` / `files.exclude` select, not hidden (the policy file
/// itself is hidden). A document it does not read gets no diagnostics.
///
/// Recognition hook: when the engine tells campaign documents from foreign
/// ones (FORMAT.md, "Which documents are promolint's"), its findings leave
/// foreign documents out by themselves; a file with no campaign document
/// that the engine reports as skipped should also return `false` here, so
/// its project is not checked for it.
pub fn is_promolint_file(path: &Path, project: &Project, compiled: &CompiledPolicy) -> bool {
    let Some(relative) = walk::relative_to(&project.root, path) else {
        // Outside the root, a file is checked as named.
        return true;
    };
    let hidden = relative.split('/').any(|part| part.starts_with('.'));
    !hidden && compiled.files.is_selected(Path::new(&relative))
}

fn load_policy(
    project: &Project,
    documents: &Documents,
) -> Result<(Policy, CompiledPolicy), PolicyFailure> {
    let policy = match &project.policy_file {
        None => Policy::builtin(),
        Some(path) => {
            let name = path.to_string_lossy().into_owned();
            // The editor's text of an open policy file is the policy.
            let parsed = match documents.by_path(path) {
                Some(document) => Policy::parse(&name, &document.text),
                None => Policy::load(path, &name),
            };
            parsed.map_err(|error| PolicyFailure::invalid(project, documents, error))?
        }
    };
    let compiled = policy.compile().map_err(|e| {
        PolicyFailure::message(
            project,
            documents,
            format!("invalid glob in the policy: {e}"),
        )
    })?;
    Ok((policy, compiled))
}

/// An invalid policy: one diagnostic in the policy file (its first problem,
/// the others as related information) and a message for the user.
struct PolicyFailure {
    path: PathBuf,
    text: Arc<str>,
    version: Option<i32>,
    summary: String,
    /// (byte range, message) of each problem, the first primary.
    problems: Vec<(std::ops::Range<usize>, String)>,
}

impl PolicyFailure {
    fn invalid(project: &Project, documents: &Documents, error: PolicyError) -> PolicyFailure {
        let mut failure = PolicyFailure::message(project, documents, error.to_string());
        failure.problems = error
            .problems()
            .iter()
            .map(|p| {
                let message = match &p.help {
                    Some(help) => format!("{}\nhelp: {help}", p.message),
                    None => p.message.clone(),
                };
                (p.span.clone().unwrap_or(0..0), message)
            })
            .collect();
        failure
    }

    fn message(project: &Project, documents: &Documents, message: String) -> PolicyFailure {
        let path = project.policy_file.clone().unwrap_or_default();
        let open = documents.by_path(&path);
        // The text, only to place the diagnostic (the policy was parsed once).
        let text: Arc<str> = match open {
            Some(document) => Arc::clone(&document.text),
            None => std::fs::read(&path)
                .map(|bytes| String::from_utf8_lossy(&bytes).into())
                .unwrap_or_else(|_| "".into()),
        };
        PolicyFailure {
            path,
            text,
            version: open.map(|d| d.version),
            summary: message.clone(),
            problems: vec![(0..0, message)],
        }
    }

    fn outcome(self, encoding: Encoding) -> Outcome {
        let summary = format!(
            "promolint: {}; the campaigns of this project are not checked until it is fixed",
            self.summary
        );
        let Some(uri) = path_to_uri(&self.path) else {
            return Outcome {
                policy_error: Some(summary),
                ..Outcome::default()
            };
        };
        let lines = Arc::new(LineIndex::new(&self.text));
        let range = |span: &std::ops::Range<usize>| lines.range(&self.text, span.clone(), encoding);
        let mut problems = self.problems.iter();
        let (span, first) = problems
            .next()
            .cloned()
            .unwrap_or((0..0, self.summary.clone()));
        let related: Vec<DiagnosticRelatedInformation> = problems
            .map(|(span, message)| DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), range(span)),
                message: message.clone(),
            })
            .collect();
        let message = if related.is_empty() {
            first
        } else {
            format!("{first}\n({} more problems in this file)", related.len())
        };
        let diagnostic = Diagnostic {
            range: range(&span),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some(SOURCE.into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        };
        Outcome {
            files: vec![Published {
                uri,
                text: self.text,
                lines,
                version: self.version,
                items: vec![Reported {
                    rule: None,
                    span,
                    diagnostic,
                    fix: None,
                }],
            }],
            policy_error: Some(summary),
            log: Vec::new(),
        }
    }
}

fn empty_published(document: &Document) -> Published {
    Published {
        uri: document.uri.clone(),
        text: Arc::clone(&document.text),
        lines: Arc::new(LineIndex::new(&document.text)),
        version: Some(document.version),
        items: Vec::new(),
    }
}

/// The findings of one run as diagnostics, grouped by the file of each
/// primary span.
/// A file a finding points into, as the editor knows it: its path, URI,
/// text and line index.
type OpenFile = (PathBuf, Uri, Arc<str>, Arc<LineIndex>);

fn collect_diagnostics(
    findings: &[Finding],
    sources: &Sources,
    documents: &Documents,
    encoding: Encoding,
    by_path: &mut HashMap<PathBuf, Published>,
) {
    let mut files: HashMap<FileId, Option<OpenFile>> = HashMap::new();
    let mut file = |id: FileId| {
        files
            .entry(id)
            .or_insert_with(|| {
                let source = sources.get(id)?;
                let path = walk::absolute(Path::new(&source.path));
                let uri = path_to_uri(&path)?;
                let lines = Arc::new(LineIndex::new(&source.text));
                Some((path, uri, Arc::clone(&source.text), lines))
            })
            .clone()
    };
    for finding in findings {
        let Some((path, uri, text, lines)) = file(finding.loc.file) else {
            continue;
        };
        let related: Vec<DiagnosticRelatedInformation> = finding
            .labels
            .iter()
            .filter_map(|label| {
                let (_, label_uri, label_text, label_lines) = file(label.loc.file)?;
                Some(DiagnosticRelatedInformation {
                    location: Location::new(
                        label_uri,
                        label_lines.range(&label_text, label.loc.range(), encoding),
                    ),
                    message: label.message.clone(),
                })
            })
            .collect();
        let span = finding.loc.range();
        let message = match &finding.help {
            Some(help) => format!("{}\nhelp: {help}", finding.message),
            None => finding.message.clone(),
        };
        let diagnostic = Diagnostic {
            range: lines.range(&text, span.clone(), encoding),
            severity: Some(match finding.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
            }),
            code: Some(NumberOrString::String(finding.rule.into())),
            source: Some(SOURCE.into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        };
        let fix = finding.fix.as_ref().and_then(|fix| {
            let edits = fix
                .edits
                .iter()
                .map(|edit| {
                    (edit.loc.file == finding.loc.file).then(|| {
                        lsp_types::TextEdit::new(
                            lines.range(&text, edit.loc.range(), encoding),
                            edit.replacement.clone(),
                        )
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(PublishedFix {
                message: fix.message.clone(),
                safe: fix.applicability == crate::catalog::FixApplicability::Safe,
                edits,
            })
        });
        let published = by_path.entry(path.clone()).or_insert_with(|| Published {
            uri,
            version: documents.by_path(&path).map(|d| d.version),
            text,
            lines,
            items: Vec::new(),
        });
        published.items.push(Reported {
            rule: Some(finding.rule),
            span,
            diagnostic,
            fix,
        });
    }
}
