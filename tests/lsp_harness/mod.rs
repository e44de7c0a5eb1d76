//! A language-server client for tests: requests, notifications and the
//! messages the server sends, over an in-process connection or the pipes
//! of a real `promolint server`. Every message the server sends must be
//! taken by the test: [`Client::shutdown`] fails on any left unread.
#![allow(dead_code)] // each test file uses part of it

use std::collections::VecDeque;
use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use promolint::server::Ended;
use serde_json::{Value, json};

/// How long any one expected message may take (a check is debounced by
/// 150 ms; a debug build on a busy machine is slow).
const WAIT: Duration = Duration::from_secs(20);

enum Wire {
    Memory {
        connection: Connection,
        server: Option<JoinHandle<Result<Ended, String>>>,
    },
    Process {
        child: Child,
        stdin: Option<ChildStdin>,
        received: mpsc::Receiver<Message>,
    },
}

pub struct Client {
    wire: Wire,
    next_id: i32,
    /// Messages received and not yet taken by the test, in order.
    backlog: VecDeque<Message>,
    pub initialize_result: Value,
}

pub fn file_uri(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

impl Client {
    /// The server in this process, on an in-memory connection.
    pub fn in_process(capabilities: Value, root: &Path) -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || promolint::server::serve(server_side));
        let wire = Wire::Memory {
            connection: client_side,
            server: Some(server),
        };
        Client::initialize(wire, capabilities, root)
    }

    /// `promolint server` as a child process, spoken to over its pipes.
    pub fn spawn(binary: &Path, capabilities: Value, root: &Path) -> Client {
        let mut child = Command::new(binary)
            .arg("server")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("promolint server starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, received) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(message)) = Message::read(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let wire = Wire::Process {
            child,
            stdin,
            received,
        };
        Client::initialize(wire, capabilities, root)
    }

    fn initialize(wire: Wire, capabilities: Value, root: &Path) -> Client {
        let mut client = Client {
            wire,
            next_id: 0,
            backlog: VecDeque::new(),
            initialize_result: Value::Null,
        };
        let uri = file_uri(root);
        client.initialize_result = client.request_ok(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "project"}],
                "capabilities": capabilities,
            }),
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Message) {
        match &mut self.wire {
            Wire::Memory { connection, .. } => connection.sender.send(message).unwrap(),
            Wire::Process { stdin, .. } => {
                let stdin = stdin.as_mut().expect("stdin is open");
                message.write(stdin).unwrap();
                stdin.flush().unwrap();
            }
        }
    }

    /// Writes raw bytes to the server's standard input (process only).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        match &mut self.wire {
            Wire::Process { stdin, .. } => {
                let stdin = stdin.as_mut().expect("stdin is open");
                stdin.write_all(bytes).unwrap();
                stdin.flush().unwrap();
            }
            Wire::Memory { .. } => panic!("raw bytes need the process"),
        }
    }

    fn receive(&mut self, timeout: Duration) -> Option<Message> {
        match &self.wire {
            Wire::Memory { connection, .. } => connection.receiver.recv_timeout(timeout).ok(),
            Wire::Process { received, .. } => received.recv_timeout(timeout).ok(),
        }
    }

    /// The first message in the backlog that `pick` accepts, waiting for
    /// more while there is none.
    fn take(&mut self, what: &str, pick: impl Fn(&Message) -> bool) -> Message {
        if let Some(index) = self.backlog.iter().position(&pick) {
            return self.backlog.remove(index).unwrap();
        }
        loop {
            let Some(message) = self.receive(WAIT) else {
                panic!("no {what} within {WAIT:?}; unread: {:#?}", self.backlog)
            };
            if pick(&message) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification {
            method: method.into(),
            params,
        }));
    }

    /// Sends a request and waits for its answer.
    pub fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request {
            id: id.clone(),
            method: method.into(),
            params,
        }));
        let answer = self.take(
            &format!("answer to {method}"),
            |m| matches!(m, Message::Response(r) if r.id == id),
        );
        match answer {
            Message::Response(response) => response,
            _ => unreachable!(),
        }
    }

    pub fn request_ok(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        match response.response_result {
            Ok(value) => value,
            Err(error) => panic!("{method} failed: {error:?}"),
        }
    }

    /// The next notification `method` the server sent.
    pub fn notification(&mut self, method: &str) -> Value {
        let found = self.take(
            method,
            |m| matches!(m, Message::Notification(n) if n.method == method),
        );
        match found {
            Message::Notification(n) => n.params,
            _ => unreachable!(),
        }
    }

    /// The next request `method` the server sent to the client.
    pub fn server_request(&mut self, method: &str) -> Value {
        let found = self.take(
            method,
            |m| matches!(m, Message::Request(r) if r.method == method),
        );
        match found {
            Message::Request(r) => r.params,
            _ => unreachable!(),
        }
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let found = self.take(&format!("diagnostics for {uri}"), |m| {
            matches!(m, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri)
        });
        match found {
            Message::Notification(n) => n.params["diagnostics"].as_array().unwrap().clone(),
            _ => unreachable!(),
        }
    }

    /// Asserts that the server has sent nothing the test did not take:
    /// a request answered is a point after which every message of what came
    /// before has been sent.
    pub fn assert_nothing_unread(&mut self) {
        let _ = self.request("promolint/sync", Value::Null);
        assert!(
            self.backlog.is_empty(),
            "the server sent messages the test did not read: {:#?}",
            self.backlog
        );
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    pub fn change_full(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }

    /// Replaces the range (LSP positions) by `text`.
    pub fn change_range(&mut self, uri: &str, version: i32, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": text}]}),
        );
    }

    /// `shutdown` and `exit`; the session must end cleanly with nothing
    /// left unread.
    pub fn shutdown(mut self) {
        self.assert_nothing_unread();
        assert_eq!(self.request_ok("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        match &mut self.wire {
            Wire::Memory { server, .. } => {
                let ended = server.take().unwrap().join().expect("the server thread");
                assert_eq!(ended, Ok(Ended::Clean));
            }
            Wire::Process { child, stdin, .. } => {
                drop(stdin.take());
                let status = child.wait().expect("the server exits");
                assert_eq!(status.code(), Some(0), "exit code after shutdown and exit");
            }
        }
        let late = self.receive(Duration::from_millis(100));
        assert!(late.is_none(), "message after exit: {late:?}");
    }
}
