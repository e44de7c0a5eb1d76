//! `promolint server` as the editor runs it: the real binary, JSON-RPC with
//! `Content-Length` framing over its standard input and output.

mod lsp_harness;

use std::path::Path;
use std::process::{Command, Stdio};

use lsp_harness::{Client, file_uri};
use serde_json::{Value, json};

const CAMPAIGN: &str = r#"apiVersion: promo/v1
kind: Campaign
id: spring-cashback-2099
name: Spring festival cashback
environment: production
owner: growth-payments@example.com
approval: MKT-2099-0113
currency: CNY
schedule:
  start: 2099-01-20T00:00:00+08:00
  end: 2099-02-05T23:59:59+08:00
audience:
  segments: [new-users, dormant-90d]
channels: [online-checkout, merchant-qr]
benefit:
  type: percent_off
  rate: "10%"
  max_discount: "20.00"
  min_spend: "50.00"
funding:
  source: merchant
budget:
  total: "1000000.00"
  per_user: "100.00"
  expected_redemptions: 40000
display:
  label: "新客零元购 立减10%"
controls:
  kill_switch: true
"#;

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_promolint"))
}

#[test]
fn the_binary_speaks_json_rpc_over_its_pipes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("campaigns")).unwrap();
    let path = dir.path().join("campaigns/a.yaml");
    std::fs::write(&path, CAMPAIGN).unwrap();
    let mut client = Client::spawn(binary(), json!({}), dir.path());
    assert_eq!(
        client.initialize_result["capabilities"]["positionEncoding"],
        "utf-16"
    );

    // didOpen written byte for byte, as an editor frames it.
    let uri = file_uri(&path);
    let body = json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": CAMPAIGN}},
    })
    .to_string();
    client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "forbidden-wording");
    // `  label: "新客` is 12 UTF-16 units before 零元购.
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 26, "character": 12})
    );

    // Input that is no message is logged and passed over.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let log = client.notification("window/logMessage");
    assert!(
        log["message"].as_str().unwrap().contains("not JSON-RPC"),
        "{log}"
    );
    client.send_raw(b"this is not a header\r\n");
    let log = client.notification("window/logMessage");
    assert!(
        log["message"].as_str().unwrap().contains("not a header"),
        "{log}"
    );

    // A change, debounced, then checked.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": CAMPAIGN.replace("零元购", "")}]}),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    client.shutdown();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        CAMPAIGN,
        "nothing written"
    );
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(binary())
        .arg("server")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let frame = |body: Value| {
        let body = body.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let messages = [
        frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"processId": null, "rootUri": null, "capabilities": {}}})),
        frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})),
        frame(json!({"jsonrpc": "2.0", "method": "exit"})),
    ];
    std::io::Write::write_all(&mut stdin, messages.concat().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("Content-Length: "), "{stdout}");
    assert!(
        stdout.contains("\"positionEncoding\":\"utf-16\""),
        "{stdout}"
    );
}
