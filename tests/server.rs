//! `promolint server` in process: the whole protocol session (initialize,
//! open, change, hover, code action, shutdown) over an in-memory connection,
//! every message the server sends read and checked.

mod lsp_harness;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_harness::{Client, file_uri};
use serde_json::{Value, json};

const TEMPLATE: &str = r#"apiVersion: promo/v1
kind: Template
id: tmpl-base
benefit:
  type: percent_off
  rate: "10%"
  max_discount: "20.00"
  min_spend: "50.00"
"#;

/// A campaign whose Chinese label advertises 8折 (20% off) while the rate
/// it inherits from the template is 10%: `label-rate-mismatch` on line 24
/// (0-based 23), after four Han characters and a space.
const CAMPAIGN: &str = r#"apiVersion: promo/v1
kind: Campaign
id: spring-cashback-2099
template: tmpl-base
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
  regions: [CN-31, CN-44]
channels: [online-checkout, merchant-qr]
funding:
  source: merchant
budget:
  total: "1000000.00"
  per_user: "100.00"
  expected_redemptions: 40000
display:
  label: "新春立减 8折"
stacking:
  combinable: false
controls:
  kill_switch: true
  rollout_percent: 5
"#;

/// The label's line, 0-based.
const LABEL_LINE: u64 = 23;
/// Where `8折` starts on it: `  label: "` and `新春立减 ` in UTF-16 units
/// (one per Han character) and in UTF-8 bytes (three).
const LABEL_UTF16: u64 = 10 + 5;
const LABEL_UTF8: u64 = 10 + 12 + 1;

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("campaigns")).unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("campaigns/a.yaml"), CAMPAIGN).unwrap();
        std::fs::write(dir.path().join("templates/base.yaml"), TEMPLATE).unwrap();
        Project { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn uri(&self, relative: &str) -> String {
        file_uri(&self.path(relative))
    }

    /// Every file's bytes, to show the server wrote none.
    fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.insert(path.clone(), std::fs::read(&path).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.root(), &mut out);
        out
    }
}

fn utf16_client() -> Value {
    json!({"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}})
}

fn range(start: (u64, u64), end: (u64, u64)) -> Value {
    json!({"start": {"line": start.0, "character": start.1},
           "end": {"line": end.0, "character": end.1}})
}

fn rules_of(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

#[test]
fn a_session_from_initialize_to_shutdown() {
    let project = Project::new();
    let before = project.snapshot();
    let mut client = Client::in_process(utf16_client(), project.root());
    let capabilities = &client.initialize_result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(client.initialize_result["serverInfo"]["name"], "promolint");

    // Open: the finding, from the editor's text and the template on disk.
    let a = project.uri("campaigns/a.yaml");
    client.open(&a, CAMPAIGN);
    let diagnostics = client.diagnostics(&a);
    assert_eq!(rules_of(&diagnostics), ["label-rate-mismatch"]);
    let d = &diagnostics[0];
    assert_eq!(d["source"], "promolint");
    assert_eq!(d["severity"], 1, "error");
    assert_eq!(
        d["range"]["start"],
        json!({"line": LABEL_LINE, "character": LABEL_UTF16})
    );
    assert!(d["message"].as_str().unwrap().contains("8折"), "{d}");
    // The label in the template is a location in the template file.
    let related = d["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{related:?}");
    assert_eq!(
        related[0]["location"]["uri"],
        project.uri("templates/base.yaml")
    );
    assert_eq!(
        related[0]["location"]["range"]["start"],
        json!({"line": 5, "character": 8})
    );
    assert_eq!(related[0]["message"], "the benefit's rate is 10%");

    // Hover on the diagnostic: the rule's explain text.
    let hover = client.request_ok(
        "textDocument/hover",
        json!({"textDocument": {"uri": a}, "position": {"line": LABEL_LINE, "character": LABEL_UTF16 + 1}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        text.contains("label-rate-mismatch (error by default)"),
        "{text}"
    );
    assert!(text.contains("What it checks"), "{text}");
    // Nowhere near a diagnostic: no hover.
    let none = client.request_ok(
        "textDocument/hover",
        json!({"textDocument": {"uri": a}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(none, Value::Null);

    // Code action: suppress with a reason, indented as the line is.
    let actions = client.request_ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": a},
               "range": range((LABEL_LINE, LABEL_UTF16), (LABEL_LINE, LABEL_UTF16)),
               "context": {"diagnostics": diagnostics}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(
        action["title"],
        "Suppress `label-rate-mismatch` on this line with a reason"
    );
    assert!(
        action.get("command").is_none(),
        "no showDocument support, no command"
    );
    let edits = action["edit"]["changes"][&a].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let comment = "  # promolint: disable-next-line=label-rate-mismatch -- ";
    assert_eq!(edits[0]["newText"], format!("{comment}\n"));
    assert_eq!(edits[0]["range"], range((LABEL_LINE, 0), (LABEL_LINE, 0)));

    // The editor applies it (an incremental change): the comment has no
    // reason yet, which is its own finding.
    client.change_range(&a, 2, edits[0]["range"].clone(), &format!("{comment}\n"));
    let diagnostics = client.diagnostics(&a);
    assert_eq!(rules_of(&diagnostics), ["suppression-reason"]);
    assert_eq!(diagnostics[0]["range"]["start"]["line"], LABEL_LINE);
    // The reason, typed where the cursor was put.
    let end = comment.len() as u64;
    client.change_range(
        &a,
        3,
        range((LABEL_LINE, end), (LABEL_LINE, end)),
        "legal approved 8折",
    );
    assert_eq!(client.diagnostics(&a), Vec::<Value>::new());

    // A syntax error is a yaml-syntax diagnostic, not the end of the server.
    client.change_full(&a, 4, "apiVersion: promo/v1\nkind: [Campaign\n");
    let diagnostics = client.diagnostics(&a);
    assert!(
        rules_of(&diagnostics).contains(&"yaml-syntax"),
        "{diagnostics:?}"
    );

    // Closing clears the document's diagnostics.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": a}}));
    assert_eq!(client.diagnostics(&a), Vec::<Value>::new());
    client.shutdown();
    assert_eq!(project.snapshot(), before, "the server never writes a file");
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let project = Project::new();
    let capabilities = json!({
        "general": {"positionEncodings": ["utf-8", "utf-16"]},
        "window": {"showDocument": {"support": true}},
    });
    let mut client = Client::in_process(capabilities, project.root());
    assert_eq!(
        client.initialize_result["capabilities"]["positionEncoding"],
        "utf-8"
    );
    let a = project.uri("campaigns/a.yaml");
    client.open(&a, CAMPAIGN);
    let diagnostics = client.diagnostics(&a);
    assert_eq!(rules_of(&diagnostics), ["label-rate-mismatch"]);
    let start = json!({"line": LABEL_LINE, "character": LABEL_UTF8});
    assert_eq!(diagnostics[0]["range"]["start"], start);
    // Hover with a UTF-8 position inside `8折`.
    let hover = client.request_ok(
        "textDocument/hover",
        json!({"textDocument": {"uri": a}, "position": {"line": LABEL_LINE, "character": LABEL_UTF8 + 1}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("label-rate-mismatch")
    );

    // With showDocument, the action puts the cursor after `-- `.
    let actions = client.request_ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": a},
               "range": range((LABEL_LINE, LABEL_UTF8), (LABEL_LINE, LABEL_UTF8 + 4)),
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let command = &actions[0]["command"];
    assert_eq!(command["command"], "promolint.placeCursor");
    let result = client.request_ok(
        "workspace/executeCommand",
        json!({"command": "promolint.placeCursor", "arguments": command["arguments"]}),
    );
    assert_eq!(result, Value::Null);
    let show = client.server_request("window/showDocument");
    assert_eq!(show["uri"], a);
    let cursor = "  # promolint: disable-next-line=label-rate-mismatch -- ".len() as u64;
    assert_eq!(
        show["selection"],
        range((LABEL_LINE, cursor), (LABEL_LINE, cursor))
    );
    // Only refactorings asked for: no quick fix.
    let refactor = client.request_ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": a}, "range": range((LABEL_LINE, 0), (LABEL_LINE, 40)),
               "context": {"diagnostics": [], "only": ["refactor"]}}),
    );
    assert_eq!(refactor, json!([]));

    // An incremental change in UTF-8 units: `8折` (4 bytes) becomes `9折`,
    // 10% off, which the rate is.
    client.change_range(
        &a,
        2,
        range((LABEL_LINE, LABEL_UTF8), (LABEL_LINE, LABEL_UTF8 + 4)),
        "9折",
    );
    assert_eq!(client.diagnostics(&a), Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn a_template_change_rechecks_the_campaigns_that_use_it() {
    let project = Project::new();
    let mut client = Client::in_process(utf16_client(), project.root());
    let a = project.uri("campaigns/a.yaml");
    let base = project.uri("templates/base.yaml");
    client.open(&a, CAMPAIGN);
    assert_eq!(rules_of(&client.diagnostics(&a)), ["label-rate-mismatch"]);
    client.open(&base, TEMPLATE);
    assert_eq!(client.diagnostics(&base), Vec::<Value>::new());
    assert_eq!(rules_of(&client.diagnostics(&a)), ["label-rate-mismatch"]);

    // The template's rate becomes 20% in the editor (not on disk): the
    // campaign's 8折 is right now.
    client.change_full(&base, 2, &TEMPLATE.replace("\"10%\"", "\"20%\""));
    assert_eq!(client.diagnostics(&base), Vec::<Value>::new());
    assert_eq!(client.diagnostics(&a), Vec::<Value>::new());

    // The template's id changes: the campaign names a template that is
    // not there.
    client.change_full(&base, 3, &TEMPLATE.replace("tmpl-base", "tmpl-other"));
    assert_eq!(client.diagnostics(&base), Vec::<Value>::new());
    let diagnostics = client.diagnostics(&a);
    assert!(
        rules_of(&diagnostics).contains(&"unknown-template"),
        "{diagnostics:?}"
    );
    client.shutdown();
}

#[test]
fn policy_changes_recheck_and_an_invalid_policy_is_one_diagnostic() {
    let project = Project::new();
    let policy_text = "apiVersion: promo/v1\nkind: Policy\n";
    std::fs::write(project.path(".promolint.yaml"), policy_text).unwrap();
    let mut client = Client::in_process(utf16_client(), project.root());
    let a = project.uri("campaigns/a.yaml");
    let policy = project.uri(".promolint.yaml");
    client.open(&a, CAMPAIGN);
    assert_eq!(rules_of(&client.diagnostics(&a)), ["label-rate-mismatch"]);
    // The policy file is opened: it is no campaign, it gets no diagnostics,
    // and the campaign is checked again.
    client.open(&policy, policy_text);
    assert_eq!(rules_of(&client.diagnostics(&a)), ["label-rate-mismatch"]);

    // The rule is turned off in the editor's policy text.
    let off = format!("{policy_text}rules:\n  label-rate-mismatch: off\n");
    client.change_full(&policy, 2, &off);
    assert_eq!(client.diagnostics(&a), Vec::<Value>::new());

    // An invalid level: one diagnostic in the policy file, a message, and
    // no findings for the campaigns until it is fixed.
    let invalid = format!("{policy_text}rules:\n  label-rate-mismatch: sometimes\n");
    client.change_full(&policy, 3, &invalid);
    let diagnostics = client.diagnostics(&policy);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["severity"], 1);
    assert_eq!(diagnostics[0]["source"], "promolint");
    assert_eq!(
        diagnostics[0]["range"]["start"]["line"], 3,
        "{diagnostics:?}"
    );
    let message = client.notification("window/showMessage");
    assert_eq!(message["type"], 1, "an error message");
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .contains("invalid policy file"),
        "{message}"
    );
    assert_eq!(client.diagnostics(&a), Vec::<Value>::new());
    // Still invalid on the next keystroke: the message is not repeated.
    client.change_full(&policy, 4, &format!("{invalid}\n"));
    assert_eq!(client.diagnostics(&policy).len(), 1);

    // Fixed: the policy's diagnostic goes, the campaign is checked again.
    client.change_full(&policy, 5, policy_text);
    assert_eq!(client.diagnostics(&policy), Vec::<Value>::new());
    assert_eq!(rules_of(&client.diagnostics(&a)), ["label-rate-mismatch"]);
    client.shutdown();
}

#[test]
fn foreign_documents_get_no_diagnostics() {
    let project = Project::new();
    std::fs::write(
        project.path(".promolint.yaml"),
        "apiVersion: promo/v1\nkind: Policy\nfiles:\n  exclude: [\"deploy/**\"]\n",
    )
    .unwrap();
    let mut client = Client::in_process(utf16_client(), project.root());
    // Hidden, excluded by the policy, not a file: none is promolint's.
    let workflow = project.uri(".github/workflows/ci.yaml");
    client.open(
        &workflow,
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    );
    let deploy = project.uri("deploy/app.yaml");
    client.open(&deploy, "apiVersion: apps/v1\nkind: Deployment\n");
    client.open("untitled:Untitled-1", "kind: Campaign\n");
    // Nothing was published for them (the answer to a request comes after
    // whatever the notifications before it made the server send).
    client.assert_nothing_unread();

    // A campaign not saved yet is checked from the editor's text.
    let new = project.uri("campaigns/new.yaml");
    client.open(
        &new,
        &CAMPAIGN.replace("spring-cashback-2099", "new-cashback-2099"),
    );
    assert_eq!(rules_of(&client.diagnostics(&new)), ["label-rate-mismatch"]);
    client.shutdown();
}

#[test]
fn bad_messages_are_answered_and_the_server_goes_on() {
    let project = Project::new();
    let mut client = Client::in_process(utf16_client(), project.root());
    let response = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(
        response.response_result.unwrap_err().code,
        -32602,
        "invalid params"
    );
    let response = client.request("textDocument/definition", json!({}));
    assert_eq!(
        response.response_result.unwrap_err().code,
        -32601,
        "method not found"
    );
    client.notify("textDocument/didOpen", json!({"textDocument": 42}));
    let log = client.notification("window/logMessage");
    assert!(
        log["message"].as_str().unwrap().contains("didOpen"),
        "{log}"
    );
    // A change to a document that is not open, and a hover on one.
    let a = project.uri("campaigns/a.yaml");
    client.change_full(&a, 2, "x");
    let hover = client.request_ok(
        "textDocument/hover",
        json!({"textDocument": {"uri": a}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover, Value::Null);
    // Text that is no campaign document is foreign (FORMAT.md): nothing;
    // a campaign file with a NUL byte: a finding.
    client.open(&a, "- just\n- a list\n");
    assert!(rules_of(&client.diagnostics(&a)).is_empty());
    client.change_full(&a, 2, "apiVersion: promo/v1\na: \u{0}\n");
    assert_eq!(rules_of(&client.diagnostics(&a)), ["yaml-syntax"]);
    client.shutdown();
}

#[test]
fn a_finding_with_a_fix_offers_it_first() {
    let project = Project::new();
    let mut client = Client::in_process(utf16_client(), project.root());
    let a = project.uri("campaigns/a.yaml");
    // A zero-width space inside the label (`invisible-characters`, whose
    // fix removes it); `9折` is the campaign's 10%.
    let text = CAMPAIGN.replace("新春立减 8折", "新春\u{200b}立减 9折");
    client.open(&a, &text);
    let diagnostics = client.diagnostics(&a);
    assert_eq!(rules_of(&diagnostics), ["invisible-characters"]);
    // `  label: "` is 10 UTF-16 units, `新春` two more.
    assert_eq!(
        diagnostics[0]["range"],
        range((LABEL_LINE, 12), (LABEL_LINE, 13))
    );
    let actions = client.request_ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": a},
               "range": range((LABEL_LINE, 12), (LABEL_LINE, 12)),
               "context": {"diagnostics": diagnostics}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:?}");
    let fix = &actions[0];
    assert!(
        fix["title"]
            .as_str()
            .unwrap()
            .starts_with("Fix `invisible-characters`: "),
        "{fix}"
    );
    assert_eq!(fix["isPreferred"], true);
    let edits = fix["edit"]["changes"][&a].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(edits[0]["range"], range((LABEL_LINE, 12), (LABEL_LINE, 13)));
    assert_eq!(edits[0]["newText"], "");
    assert!(
        actions[1]["title"]
            .as_str()
            .unwrap()
            .starts_with("Suppress `invisible-characters`")
    );
    // The editor applies it: nothing is left.
    client.change_range(&a, 2, edits[0]["range"].clone(), "");
    assert!(rules_of(&client.diagnostics(&a)).is_empty());
    client.shutdown();
}
