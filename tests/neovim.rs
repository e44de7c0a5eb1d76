//! A real editor: Neovim headless, its built-in LSP client attached to
//! `promolint server`, reads back `vim.diagnostic.get()` for a campaign
//! with a known fault. `.ci/run` installs Neovim; elsewhere the test is
//! skipped, with a message, when `nvim` is not on the PATH.

use std::path::Path;
use std::time::Duration;

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

fn nvim_available() -> bool {
    std::process::Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn neovim_shows_the_finding_on_its_line() {
    if !nvim_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Neovim: .ci/run installs it (apt-get install neovim)"
        );
        eprintln!(
            "SKIPPED neovim_shows_the_finding_on_its_line: `nvim` is not installed \
             (apt-get install neovim)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("campaigns")).unwrap();
    let campaign = dir.path().join("campaigns/a.yaml");
    std::fs::write(&campaign, CAMPAIGN).unwrap();
    let result = dir.path().join("result.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editors/neovim.lua");

    let output = assert_cmd::Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("PROMOLINT_BIN", env!("CARGO_BIN_EXE_promolint"))
        .env("CAMPAIGN", &campaign)
        .env("RESULT", &result)
        .env("HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .current_dir(dir.path())
        .timeout(Duration::from_secs(90))
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&result).unwrap_or_else(|e| {
        panic!(
            "Neovim wrote no result ({e}); status {:?}\nstdout: {}\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let found: serde_json::Value = serde_json::from_str(&text).unwrap();
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["code"], "forbidden-wording", "{d}");
    assert_eq!(d["source"], "promolint", "{d}");
    // Line 27 of the file; Neovim counts from 0, and in bytes within the
    // line: `  label: "新客` is 16 bytes (12 UTF-16 units on the wire).
    assert_eq!(d["lnum"], 26, "{d}");
    assert_eq!(d["col"], 16, "{d}");
    assert_eq!(std::fs::read_to_string(&campaign).unwrap(), CAMPAIGN);
}
