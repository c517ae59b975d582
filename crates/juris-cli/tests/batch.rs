//! `juris batch` end to end: the shipped Pennsylvania analysis runs from the repository root, and a
//! bad map or input is a located error with exit code 2.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use std::path::Path;
use std::process::Command;

use common::text;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn batch(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_juris")).current_dir(root()).arg("batch").args(args).env("NO_COLOR", "1").output().unwrap()
}

#[test]
fn the_shipped_pennsylvania_analysis_runs_and_writes_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pa.jsonl");
    let report = dir.path().join("report");
    let result =
        batch(&["--map", "examples/batch/pennsylvania/map.toml", "--out", out.to_str().unwrap(), "--report", report.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
    let stderr = text(&result.stderr);
    assert!(stderr.contains("32757 rows, 32757 groups (0 skipped)"), "{stderr}");
    let lines = std::fs::read_to_string(&out).unwrap();
    // One row per detainer and county.
    assert_eq!(lines.lines().count(), 32757 * 5);
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["groups"], 32757);
    assert!(std::fs::read_to_string(report.join("report.html")).unwrap().contains("<svg"));
}

#[test]
fn a_bad_map_is_a_located_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.toml");
    std::fs::write(&map, "input = \"x.csv\"\n[rows]\ngroup = []\n[request]\njurisdiction = \"us-md\"\nagency = \"jail\"\n").unwrap();
    let out = dir.path().join("out.csv");
    let result = batch(&["--map", map.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = text(&result.stderr);
    assert!(stderr.contains("unknown agency `jail`"), "{stderr}");
    assert!(stderr.contains("the map asks no question"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn an_output_with_an_unknown_extension_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    let result = batch(&["--map", "examples/batch/pennsylvania/map.toml", "--out", out.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(2));
    assert!(text(&result.stderr).contains("has no known extension"), "{}", text(&result.stderr));
}
