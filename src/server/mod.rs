//! `promolint server`: the Language Server Protocol over standard input and
//! output (CLI.md, "promolint server").
//!
//! Synchronous, on `lsp-server`'s channels: one loop on the main thread
//! takes the editor's messages in order and runs checks itself (the engine
//! spreads each check over rayon's threads). A change is checked once the
//! document has been quiet for [`DEBOUNCE`]; opening a document checks it
//! at once, and a request about a document (hover, code action) first runs
//! the check it is waiting for, so the answer is about the text the editor
//! shows.
//!
//! - [`documents`]: the open documents and text sync (full or incremental);
//! - [`position`]: byte offsets to UTF-16 or UTF-8 positions;
//! - [`check`]: projects, the engine run with the editor's texts, findings
//!   to diagnostics, an invalid policy as a diagnostic;
//! - [`hover`] and [`actions`]: what the editor shows on a diagnostic.
//!
//! The server reads files and never writes one; no input it is sent ends it
//! but `exit` (or the editor closing the pipe).

mod actions;
mod check;
mod documents;
mod hover;
mod position;
mod transport;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, ExecuteCommand, HoverRequest, RegisterCapability, Request as _, ShowDocument,
};
use lsp_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, ExecuteCommandOptions, ExecuteCommandParams, FileSystemWatcher,
    GlobPattern, HoverParams, HoverProviderCapability, InitializeParams, LogMessageParams,
    MarkupKind, MessageType, Position, PublishDiagnosticsParams, Range, Registration,
    RegistrationParams, ServerCapabilities, ServerInfo, ShowDocumentParams, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde::de::DeserializeOwned;

use check::{Project, Published};
use documents::{Documents, uri_to_path};
use position::Encoding;

/// How long a document must be quiet after a change before it is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// `shutdown`, then `exit`.
    Clean,
    /// `exit` without `shutdown`, or the editor closed the connection (the
    /// protocol asks for exit code 1).
    WithoutShutdown,
}

/// Serves the editor on standard input and output until it says `exit`.
pub fn run() -> Result<Ended, String> {
    let (connection, writer) = transport::stdio();
    let ended = serve(connection)?;
    // Everything sent is written before the process exits. (The reader
    // stops at `exit` or at the end of the input.)
    writer
        .join()
        .map_err(|_| "the writer to the editor failed".to_string())?;
    Ok(ended)
}

/// Serves one connection: the handshake, then every message until `exit`.
/// Tests run it in process over [`Connection::memory`].
pub fn serve(connection: Connection) -> Result<Ended, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    // Capabilities that cannot be read are taken as none: the server still
    // works with the protocol's defaults.
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut server = Server::new(connection, &params);
    let result = serde_json::json!({
        "capabilities": server.capabilities(),
        "serverInfo": ServerInfo {
            name: "promolint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    server
        .connection
        .initialize_finish(id, result)
        .map_err(|e| format!("initialize: {e}"))?;
    server.register_watchers(&params.capabilities);
    Ok(server.main_loop())
}

/// A notification's parameters, or why they cannot be read.
fn read_params<P: DeserializeOwned>(method: &str, value: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|e| format!("{method}: invalid parameters: {e}"))
}

struct Server {
    connection: Connection,
    encoding: Encoding,
    /// The workspace folders, absolute: a root for files with no policy
    /// file and no git repository.
    workspace: Vec<PathBuf>,
    markdown_hover: bool,
    can_place_cursor: bool,
    documents: Documents,
    /// The diagnostics last published, by URI, with the project whose check
    /// published them.
    published: BTreeMap<String, (Project, Published)>,
    /// Projects with a change not checked yet, and when to check them.
    pending: BTreeSet<Project>,
    /// What each project's files hold, from earlier checks: a change
    /// re-reads only the files the open documents depend on.
    caches: crate::cache::InMemory,
    deadline: Option<Instant>,
    /// The invalid-policy message last shown per project (shown once, not on
    /// every keystroke).
    shown_policy_errors: HashMap<Project, String>,
    next_request: i32,
    shutdown: bool,
}

impl Server {
    fn new(connection: Connection, params: &InitializeParams) -> Server {
        let capabilities = &params.capabilities;
        let encoding = Encoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let mut workspace: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri_to_path(&f.uri))
            .collect();
        #[allow(deprecated)] // older clients send only `rootUri`
        if workspace.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(uri_to_path)
        {
            workspace.push(root);
        }
        let markdown_hover = capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|formats| formats.contains(&MarkupKind::Markdown));
        let can_place_cursor = capabilities
            .window
            .as_ref()
            .and_then(|w| w.show_document.as_ref())
            .is_some_and(|s| s.support);
        Server {
            connection,
            encoding,
            workspace,
            markdown_hover,
            can_place_cursor,
            documents: Documents::default(),
            published: BTreeMap::new(),
            pending: BTreeSet::new(),
            caches: Default::default(),
            deadline: None,
            shown_policy_errors: HashMap::new(),
            next_request: 0,
            shutdown: false,
        }
    }

    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![actions::PLACE_CURSOR.into()],
                ..ExecuteCommandOptions::default()
            }),
            ..ServerCapabilities::default()
        }
    }

    /// Asks to be told of campaign, template and policy files changed on
    /// disk (by a checkout, another editor), where the client can watch
    /// files for the server.
    fn register_watchers(&mut self, capabilities: &ClientCapabilities) {
        let dynamic = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let watchers = ["**/*.yaml", "**/*.yml", "**/.promolint.yaml"]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.into()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "promolint-watched-files".into(),
            method: DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.request(
            RegisterCapability::METHOD,
            RegistrationParams {
                registrations: vec![registration],
            },
        );
    }

    fn main_loop(&mut self) -> Ended {
        loop {
            if self.deadline.is_some_and(|d| Instant::now() >= d) {
                self.check_pending();
            }
            let received = match self.deadline {
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(message) => Some(message),
                        Err(e) if e.is_timeout() => continue,
                        Err(_) => None,
                    }
                }
                None => self.connection.receiver.recv().ok(),
            };
            let Some(message) = received else {
                // The editor closed the connection.
                return self.ended();
            };
            match message {
                Message::Request(request) => self.on_request(request),
                Message::Notification(notification) if notification.method == "exit" => {
                    return self.ended();
                }
                Message::Notification(notification) => self.on_notification(notification),
                // Answers to our requests (registration, showDocument):
                // nothing waits for them.
                Message::Response(_) => {}
            }
        }
    }

    fn ended(&self) -> Ended {
        if self.shutdown {
            Ended::Clean
        } else {
            Ended::WithoutShutdown
        }
    }

    fn on_request(&mut self, request: Request) {
        if self.shutdown {
            self.respond_error(
                request.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            );
            return;
        }
        let id = request.id.clone();
        match request.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                self.respond(id, serde_json::Value::Null);
            }
            HoverRequest::METHOD => {
                if let Some(params) = self.params::<HoverParams>(&id, request.params) {
                    let result = self.hover(params);
                    self.respond(id, result);
                }
            }
            CodeActionRequest::METHOD => {
                if let Some(params) = self.params::<CodeActionParams>(&id, request.params) {
                    let result = self.code_actions(params);
                    self.respond(id, result);
                }
            }
            ExecuteCommand::METHOD => {
                if let Some(params) = self.params::<ExecuteCommandParams>(&id, request.params) {
                    self.execute_command(id, params);
                }
            }
            other => {
                let message = format!("promolint server does not handle `{other}`");
                self.respond_error(id, ErrorCode::MethodNotFound, message);
            }
        }
    }

    /// A request's parameters; an error answer when they cannot be read.
    fn params<P: DeserializeOwned>(&self, id: &RequestId, params: serde_json::Value) -> Option<P> {
        match serde_json::from_value(params) {
            Ok(params) => Some(params),
            Err(error) => {
                self.respond_error(
                    id.clone(),
                    ErrorCode::InvalidParams,
                    format!("invalid parameters: {error}"),
                );
                None
            }
        }
    }

    fn on_notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let result = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                read_params(&method, notification.params).map(|p: DidOpenTextDocumentParams| {
                    let document = p.text_document;
                    let uri = document.uri.clone();
                    self.documents
                        .open(document.uri, document.version, document.text);
                    // Opened: checked now, with any change waiting in its project.
                    if let Some(project) = self.project_of(&uri) {
                        self.pending.insert(project);
                        self.check_pending();
                    }
                })
            }
            DidChangeTextDocument::METHOD => {
                read_params(&method, notification.params).map(|p: DidChangeTextDocumentParams| {
                    let uri = p.text_document.uri;
                    let (version, changes) = (p.text_document.version, p.content_changes);
                    if self.documents.change(&uri, version, changes, self.encoding) {
                        self.schedule(&uri);
                    }
                })
            }
            DidCloseTextDocument::METHOD => {
                read_params(&method, notification.params).map(|p: DidCloseTextDocumentParams| {
                    let uri = p.text_document.uri;
                    // The rest of its project now reads the file from disk.
                    self.schedule(&uri);
                    self.documents.close(&uri);
                    self.clear(uri.as_str());
                })
            }
            DidChangeWatchedFiles::METHOD => {
                read_params(&method, notification.params).map(|_: DidChangeWatchedFilesParams| {
                    // Any file of a project may be what an open document
                    // depends on: every project with one is checked again.
                    let uris: Vec<Uri> = self.documents.iter().map(|d| d.uri.clone()).collect();
                    for uri in &uris {
                        self.schedule(uri);
                    }
                })
            }
            transport::UNREADABLE => Err(format!(
                "promolint server ignored {}",
                notification
                    .params
                    .get("problem")
                    .and_then(|p| p.as_str())
                    .unwrap_or("an unreadable message")
            )),
            // `initialized`, `didSave` (the editor's text is what is
            // checked already), `$/cancelRequest` (each request is answered
            // before the next is read), `$/setTrace`, and the rest.
            _ => Ok(()),
        };
        if let Err(message) = result {
            self.log(MessageType::WARNING, message);
        }
    }

    /// The project of a document, `None` for one that is not a file.
    fn project_of(&self, uri: &Uri) -> Option<Project> {
        let path = self.documents.get(uri)?.path.clone()?;
        Some(Project::of(&path, &self.workspace))
    }

    /// Checks the document's project once it has been quiet for [`DEBOUNCE`].
    fn schedule(&mut self, uri: &Uri) {
        if let Some(project) = self.project_of(uri) {
            self.pending.insert(project);
            self.deadline = Some(Instant::now() + DEBOUNCE);
        }
    }

    /// Runs the checks waiting for a document's project now (before a
    /// request about it is answered).
    fn flush(&mut self, uri: &Uri) {
        if self
            .project_of(uri)
            .is_some_and(|project| self.pending.contains(&project))
        {
            self.check_pending();
        }
    }

    fn check_pending(&mut self) {
        self.deadline = None;
        let projects = std::mem::take(&mut self.pending);
        for project in projects {
            let outcome =
                check::check_project(&project, &self.documents, self.encoding, &mut self.caches);
            self.apply(&project, outcome);
        }
    }

    /// Publishes one check's diagnostics, clears what the project published
    /// before and no longer has, and tells the user about a policy that
    /// became invalid.
    fn apply(&mut self, project: &Project, outcome: check::Outcome) {
        let fresh: BTreeSet<String> = outcome
            .files
            .iter()
            .map(|p| p.uri.as_str().to_owned())
            .collect();
        let stale: Vec<String> = self
            .published
            .iter()
            .filter(|(uri, (owner, _))| owner == project && !fresh.contains(*uri))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in stale {
            self.clear(&uri);
        }
        for published in outcome.files {
            self.notify(
                PublishDiagnostics::METHOD,
                PublishDiagnosticsParams {
                    uri: published.uri.clone(),
                    diagnostics: published
                        .items
                        .iter()
                        .map(|i| i.diagnostic.clone())
                        .collect(),
                    version: published.version,
                },
            );
            self.published.insert(
                published.uri.as_str().to_owned(),
                (project.clone(), published),
            );
        }
        match outcome.policy_error {
            Some(message) => {
                if self.shown_policy_errors.get(project) != Some(&message) {
                    self.notify(
                        ShowMessage::METHOD,
                        ShowMessageParams {
                            typ: MessageType::ERROR,
                            message: message.clone(),
                        },
                    );
                    self.shown_policy_errors.insert(project.clone(), message);
                }
            }
            None => {
                self.shown_policy_errors.remove(project);
            }
        }
        for line in outcome.log {
            self.log(MessageType::WARNING, line);
        }
    }

    /// Publishes no diagnostics for a file that had some.
    fn clear(&mut self, uri: &str) {
        if let Some((_, published)) = self.published.remove(uri) {
            self.notify(
                PublishDiagnostics::METHOD,
                PublishDiagnosticsParams {
                    uri: published.uri,
                    diagnostics: Vec::new(),
                    version: None,
                },
            );
        }
    }

    fn hover(&mut self, params: HoverParams) -> Option<lsp_types::Hover> {
        let at = params.text_document_position_params;
        self.flush(&at.text_document.uri);
        let (_, published) = self.published.get(at.text_document.uri.as_str())?;
        hover::hover(published, at.position, self.markdown_hover)
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        self.flush(&params.text_document.uri);
        let Some((_, published)) = self.published.get(params.text_document.uri.as_str()) else {
            return Vec::new();
        };
        actions::code_actions(
            published,
            params.range,
            params.context.only.as_deref(),
            self.can_place_cursor,
        )
    }

    fn execute_command(&mut self, id: RequestId, params: ExecuteCommandParams) {
        if params.command != actions::PLACE_CURSOR {
            let message = format!("unknown command `{}`", params.command);
            self.respond_error(id, ErrorCode::InvalidParams, message);
            return;
        }
        #[derive(serde::Deserialize)]
        struct Place {
            uri: Uri,
            position: Position,
        }
        let place = params
            .arguments
            .into_iter()
            .next()
            .and_then(|a| serde_json::from_value::<Place>(a).ok());
        let Some(place) = place else {
            let message = format!("{}: expected {{uri, position}}", actions::PLACE_CURSOR);
            self.respond_error(id, ErrorCode::InvalidParams, message);
            return;
        };
        self.request(
            ShowDocument::METHOD,
            ShowDocumentParams {
                uri: place.uri,
                external: None,
                take_focus: Some(true),
                selection: Some(Range::new(place.position, place.position)),
            },
        );
        self.respond(id, serde_json::Value::Null);
    }

    fn respond(&self, id: RequestId, result: impl serde::Serialize) {
        let result = serde_json::to_value(result).unwrap_or(serde_json::Value::Null);
        self.send(Message::Response(Response {
            id,
            response_result: Ok(result),
        }));
    }

    fn respond_error(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        )));
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let params = serde_json::to_value(params).unwrap_or(serde_json::Value::Null);
        self.send(Message::Notification(Notification {
            method: method.into(),
            params,
        }));
    }

    fn request(&mut self, method: &str, params: impl serde::Serialize) {
        self.next_request += 1;
        let params = serde_json::to_value(params).unwrap_or(serde_json::Value::Null);
        self.send(Message::Request(Request {
            id: RequestId::from(self.next_request),
            method: method.into(),
            params,
        }));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify(LogMessage::METHOD, LogMessageParams { typ, message });
    }

    fn send(&self, message: Message) {
        // A closed connection ends the loop at its next read.
        let _ = self.connection.sender.send(message);
    }
}
