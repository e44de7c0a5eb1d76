//! Standard input and output as an LSP connection: `Content-Length` framed
//! JSON-RPC, read and written on two threads.
//!
//! `lsp-server` has a stdio transport, but its reader stops at the first
//! message that is not JSON. This one reports such a message to the server
//! (which logs it) and reads on, and finds the next header after a line that
//! is not one: a bad message is answered, it never ends the session.

use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Sender, bounded};
use lsp_server::{Connection, Message, Notification};

/// The method of the notification that stands for a message that could
/// not be read (the server logs it).
pub const UNREADABLE: &str = "promolint/unreadableMessage";

/// The largest message body read: a document larger than this could not be
/// checked anyway (`files.max_bytes` is far below it).
const MAX_BODY: u64 = 256 * 1024 * 1024;

/// The connection over this process's standard input and output, and the
/// writer thread to join (so every message is written before the process
/// exits).
pub fn stdio() -> (Connection, JoinHandle<()>) {
    let (reader_sender, receiver) = bounded::<Message>(0);
    let (sender, writer_receiver) = bounded::<Message>(0);
    std::thread::spawn(move || {
        let stdin = io::stdin();
        read_messages(&mut stdin.lock(), &reader_sender);
    });
    let writer = std::thread::spawn(move || {
        let stdout = io::stdout();
        let mut stdout = stdout.lock();
        for message in writer_receiver {
            if message.write(&mut stdout).is_err() {
                break;
            }
        }
        let _ = stdout.flush();
    });
    (Connection { sender, receiver }, writer)
}

/// Reads messages until the end of the input, `exit`, or the server going
/// away.
pub fn read_messages(input: &mut dyn BufRead, sender: &Sender<Message>) {
    loop {
        let message = match read_frame(input) {
            Ok(Frame::End) => return,
            Ok(Frame::Body(body)) => match serde_json::from_slice::<Message>(&body) {
                Ok(message) => message,
                Err(error) => unreadable(format!("a message that is not JSON-RPC: {error}")),
            },
            Ok(Frame::Skipped(problem)) => unreadable(problem),
            Err(_) => return,
        };
        let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
        if sender.send(message).is_err() || exit {
            return;
        }
    }
}

fn unreadable(problem: String) -> Message {
    Message::Notification(Notification {
        method: UNREADABLE.into(),
        params: serde_json::json!({ "problem": problem }),
    })
}

enum Frame {
    Body(Vec<u8>),
    /// Input that was not a message, passed over.
    Skipped(String),
    End,
}

fn read_frame(input: &mut dyn BufRead) -> io::Result<Frame> {
    let mut length: Option<u64> = None;
    let mut bad_header: Option<String> = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(Frame::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<u64>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("a bad Content-Length: {value}")),
                }
            }
            Some(_) => {} // Content-Type and any other header
            None => {
                let shown: String = text.chars().take(80).collect();
                return Ok(Frame::Skipped(format!(
                    "a line that is not a header: {shown}"
                )));
            }
        }
    }
    match (length, bad_header) {
        (_, Some(problem)) => Ok(Frame::Skipped(problem)),
        (None, None) => Ok(Frame::Skipped("a message without Content-Length".into())),
        (Some(n), None) if n > MAX_BODY => {
            io::copy(&mut input.take(n), &mut io::sink())?;
            Ok(Frame::Skipped(format!(
                "a message of {n} bytes, over the limit of {MAX_BODY}"
            )))
        }
        (Some(n), None) => {
            let mut body = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
            input.take(n).read_to_end(&mut body)?;
            if (body.len() as u64) < n {
                return Ok(Frame::End);
            }
            Ok(Frame::Body(body))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8]) -> Vec<Message> {
        let (sender, receiver) = crossbeam_channel::unbounded();
        read_messages(&mut &*input, &sender);
        drop(sender);
        receiver.into_iter().collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_messages_are_reported_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            "garbage line\r\n".to_string(),
            "Content-Length: many\r\n\r\n".to_string(),
            "Content-Type: x\r\n\r\n".to_string(),
            frame(good),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(good),
        ]
        .concat();
        let methods: Vec<String> = read_all(input.as_bytes())
            .into_iter()
            .map(|m| match m {
                Message::Notification(n) => n.method,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            methods,
            [
                UNREADABLE,
                UNREADABLE,
                UNREADABLE,
                UNREADABLE,
                "initialized",
                "exit"
            ],
            "nothing is read after exit"
        );
    }

    #[test]
    fn a_truncated_body_is_the_end() {
        assert!(read_all(b"Content-Length: 100\r\n\r\n{}").is_empty());
    }
}
