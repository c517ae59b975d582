//! The shared decision cases (tests/cases/decisions.jsonl, also decided by the Python package's
//! tests): `juris decide --format json` gives each case's outcome.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use common::{juris, text};

#[test]
fn the_cli_gives_every_shared_case_its_outcome() {
    let cases = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cases/decisions.jsonl")).unwrap();
    let cases: Vec<serde_json::Value> = cases.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(cases.len() >= 20);
    let input: String = cases.iter().map(|c| format!("{}\n", c["request"])).collect();
    let out = juris(&["decide", "--format", "json"], None, &input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let decisions: Vec<serde_json::Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(decisions.len(), cases.len());
    for (case, decision) in cases.iter().zip(&decisions) {
        assert_eq!(decision["outcome"], case["outcome"], "{}", case["name"]);
    }
}
