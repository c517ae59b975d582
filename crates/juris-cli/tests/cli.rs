//! End-to-end tests of the `juris` binary: check, decide (both formats, JSON Lines, bad input)
//! and test, against a small corpus written to a temporary folder and against the shipped one.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use common::{FEDERAL, juris, text};

const COUNTY: &str = r#"+++
id = "us-md-prince-georges/doc-2014"
jurisdiction = "us-md-prince-georges"
kind = "practice"
title = "Department of Corrections detainer practice"
citation = "Prince George's County DOC practice of October 1, 2014"
sources = ["https://example.org/pg"]
binds = ["corrections"]
confidence = "secondary"

[[lifecycle]]
event = "effective"
date = "2014-10-01"
+++

# Holds

> The jail will no longer hold people on ICE detainers unless ICE obtains a judge-signed warrant.

```juris
rule no-holds {
  action hold
  outcome prohibited
}

rule judge {
  action hold
  when warrant = judicial
  outcome permitted
  exception to no-holds
}
```
"#;

const SUITE: &str = r#"
[[scenario]]
name = "pg-hold-before-2014"
jurisdiction = "us-md-prince-georges"
agency = "corrections"
as_of = "2014-09-30"
action = "hold"
facts = { warrant = "none" }
expect = "permitted"
deciding = ["us/detainers#request"]

[[scenario]]
name = "pg-hold-2014"
jurisdiction = "us-md-prince-georges"
agency = "corrections"
as_of = 2014-10-01
action = "hold"
facts = { warrant = "none" }
expect = "prohibited"
"#;

fn fixture() -> tempfile::TempDir {
    common::corpus(&[
        ("us/detainers.md", FEDERAL),
        ("us-md-prince-georges/doc-2014.md", COUNTY),
        ("us-md-prince-georges/pg.scenarios.toml", SUITE),
    ])
}

const PG_HOLD: &str = r#"{"jurisdiction": "us-md-prince-georges", "agency": "corrections", "as_of": "2014-10-02", "action": "hold", "facts": {"warrant": "none"}}"#;

#[test]
fn check_accepts_a_valid_corpus() {
    let dir = fixture();
    let out = juris(&["check"], Some(dir.path()), "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2 documents, 3 rules, 0 classes; 0 errors, 1 warnings"), "{}", text(&out.stdout));
    // The one warning: no scenario of the suite exercises the judicial-warrant exception.
    let out = juris(&["check", "--short"], Some(dir.path()), "");
    assert!(
        text(&out.stderr).contains("warning[W0301]: no scenario exercises rule `us-md-prince-georges/doc-2014#judge`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_reports_every_error_with_location_and_hint() {
    let dir = fixture();
    let broken = COUNTY
        .replace("action hold\n  outcome prohibited", "action hld\n  outcome prohibited")
        .replace("warrant = judicial", "warrant = judical");
    std::fs::write(dir.path().join("us-md-prince-georges/doc-2014.md"), broken).unwrap();
    let out = juris(&["check", "--short"], Some(dir.path()), "");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("us-md-prince-georges/doc-2014.md:22:10: error[E0306]: unknown action `hld` (help: did you mean `hold`?)"),
        "{err}"
    );
    assert!(err.contains("error[E0322]: `judical` is not a value of `warrant` (help: did you mean `judicial`?)"), "{err}");
    // The rendered form shows the excerpt and the law section.
    let out = juris(&["check"], Some(dir.path()), "");
    let err = text(&out.stderr);
    assert!(err.contains("action hld") && err.contains("in the law at: Holds"), "{err}");
}

#[test]
fn check_accepts_the_shipped_corpus_without_warnings() {
    let out = juris(&["check", "--short"], None, "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("0 errors, 0 warnings"), "{}{}", text(&out.stdout), text(&out.stderr));
}

#[test]
fn decide_json_has_the_vocabulary_shape() {
    let dir = fixture();
    let out = juris(&["decide", "--format", "json"], Some(dir.path()), PG_HOLD);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 1);
    let decision: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    for key in [
        "jurisdiction",
        "agency",
        "as_of",
        "action",
        "outcome",
        "deciding",
        "overridden",
        "conflicts",
        "missing_facts",
        "obligations",
        "assumed_enacted",
        "corpus",
    ] {
        assert!(decision.get(key).is_some(), "missing `{key}` in {decision}");
    }
    assert_eq!(decision["outcome"], "prohibited");
    assert_eq!(decision["as_of"], "2014-10-02");
    assert_eq!(decision["deciding"][0]["rule"], "us-md-prince-georges/doc-2014#no-holds");
    assert_eq!(decision["deciding"][0]["citation"], "Prince George's County DOC practice of October 1, 2014");
    assert_eq!(decision["deciding"][0]["source"], "https://example.org/pg");
    assert!(decision["deciding"][0]["text"].as_str().unwrap().starts_with("The jail will no longer hold"));
    assert_eq!(decision["overridden"][0]["rule"], "us/detainers#request");
    assert_eq!(decision["overridden"][0]["by"], "us-md-prince-georges/doc-2014#no-holds");
    assert_eq!(decision["corpus"].as_str().unwrap().len(), 64);
}

#[test]
fn decide_reads_json_lines_and_pretty_objects() {
    let dir = fixture();
    let judicial = PG_HOLD.replace("\"none\"", "\"judicial\"");
    let early = PG_HOLD.replace("2014-10-02", "2014-09-30");
    let input = format!("{PG_HOLD}\n{judicial}\n{early}\n");
    let out = juris(&["decide", "--format", "json"], Some(dir.path()), &input);
    let outcomes: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["outcome"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outcomes, ["prohibited", "permitted", "permitted"]);
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(PG_HOLD).unwrap()).unwrap();
    let out = juris(&["decide", "--format", "json", "-"], Some(dir.path()), &pretty);
    assert_eq!(text(&out.stdout).lines().count(), 1);
}

#[test]
fn decide_text_explains_with_citations_and_quotes() {
    let dir = fixture();
    let out = juris(&["decide"], Some(dir.path()), &PG_HOLD.replace("\"none\"", "\"judicial\""));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("PERMITTED"), "{stdout}");
    assert!(stdout.contains("us-md-prince-georges/doc-2014#judge"), "{stdout}");
    assert!(stdout.contains("> The jail will no longer hold people on ICE detainers"), "{stdout}");
    assert!(stdout.contains("release within 48 hours"), "{stdout}");
    assert!(stdout.contains("us-md-prince-georges/doc-2014#no-holds [prohibited] an exception applies"), "{stdout}");
}

#[test]
fn decide_text_says_what_an_answer_depends_on_and_asks_the_next_question() {
    let dir = fixture();
    let out = juris(&["decide"], Some(dir.path()), &PG_HOLD.replace(r#"{"warrant": "none"}"#, "{}"));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("  PROHIBITED unless warrant is judicial, then PERMITTED\n"), "{stdout}");
    assert!(
        stdout
            .contains("Depends on\n  PROHIBITED when warrant is none or administrative\n    by: us-md-prince-georges/doc-2014#no-holds\n"),
        "{stdout}"
    );
    assert!(stdout.contains("Next question (warrant)\n"), "{stdout}");
    assert!(stdout.contains("  answer: one of \"none\", \"administrative\", \"judicial\"\n"), "{stdout}");
    let out = juris(&["decide", "--format", "json"], Some(dir.path()), &PG_HOLD.replace(r#"{"warrant": "none"}"#, "{}"));
    let decision = common::json(&out);
    assert_eq!(decision["cases_exact"], true);
    assert_eq!(decision["cases"][1]["condition"], serde_json::json!([{"fact": "warrant", "values": ["judicial"]}]));
    assert_eq!(decision["cases"][1]["witness"]["facts"], serde_json::json!({"warrant": "judicial"}));
    assert_eq!(decision["next_question"]["fact"], "warrant");
    // With every fact given there is nothing to ask.
    let decision = common::json(&juris(&["decide", "--format", "json"], Some(dir.path()), PG_HOLD));
    assert_eq!((decision["cases"].clone(), decision["next_question"].clone()), (serde_json::json!([]), serde_json::Value::Null));
}

#[test]
fn decide_reads_a_file() {
    let dir = fixture();
    let file = dir.path().join("request.json");
    std::fs::write(&file, PG_HOLD).unwrap();
    let out = juris(&["decide", "--format", "json", file.to_str().unwrap()], Some(dir.path()), "");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("\"outcome\":\"prohibited\""));
}

#[test]
fn decide_names_the_bad_field_and_the_allowed_values() {
    let dir = fixture();
    let cases = [
        (PG_HOLD.replace("\"none\"", "\"judge\""), "`facts.warrant`: unknown warrant `judge`", "allowed: none, administrative, judicial"),
        (PG_HOLD.replace("\"hold\"", "\"hodl\""), "`action`: unknown action `hodl`; did you mean `hold`?", "allowed:"),
        (
            PG_HOLD.replace("2014-10-02", "2014-10-32"),
            "`as_of`: `2014-10-32` does not exist: October 2014 has 31 days",
            "the format YYYY-MM-DD is right",
        ),
        (
            PG_HOLD.replace("\"facts\"", "\"fatcs\""),
            "`fatcs`: unknown field `fatcs`; did you mean `facts`?",
            "allowed: jurisdiction, agency, as_of, action, facts, assume_enacted",
        ),
        (PG_HOLD.replace("\"warrant\"", "\"warant\""), "`facts.warant`: unknown fact `warant`; did you mean `warrant`?", ""),
        (
            PG_HOLD.replace("{\"warrant\": \"none\"}", "{\"charges\": [{\"offense\": \"rapee\", \"level\": \"felony\"}]}"),
            "`facts.charges[0].offense`: unknown offense `rapee`; did you mean `rape`?",
            "",
        ),
        (
            PG_HOLD.replace("{\"warrant\": \"none\"}", "{\"held_to_answer\": \"yes\"}"),
            "`facts.held_to_answer`: expected true or false, found the string `\"yes\"`",
            "",
        ),
        (
            PG_HOLD.replace("us-md-prince-georges", "us-md-prince-george"),
            "`jurisdiction`: unknown jurisdiction `us-md-prince-george`; did you mean `us-md-prince-georges`?",
            "",
        ),
    ];
    for (input, message, also) in cases {
        let out = juris(&["decide", "--format", "json"], Some(dir.path()), &input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let err = text(&out.stderr);
        assert!(err.contains(message) && err.contains(also), "expected `{message}` in: {err}");
        let line: serde_json::Value = serde_json::from_str(text(&out.stdout).trim()).unwrap();
        assert!(line["error"]["field"].is_string(), "{line}");
    }
    let out = juris(&["decide"], Some(dir.path()), "{\"jurisdiction\": ");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("line 1: `request`: the JSON object starting on this line is not complete"),
        "{}",
        text(&out.stderr)
    );
    // A bad request in a batch does not stop the others.
    let out = juris(&["decide", "--format", "json"], Some(dir.path()), &format!("{}\n{PG_HOLD}\n", PG_HOLD.replace("hold", "hodl")));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout).lines().count(), 2);
}

#[test]
fn decide_fills_a_missing_date_and_echoes_it() {
    let dir = fixture();
    let input = PG_HOLD.replace(", \"as_of\": \"2014-10-02\"", "");
    let out = juris(&["decide", "--format", "json", "--as-of", "2014-09-01"], Some(dir.path()), &input);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("\"as_of\":\"2014-09-01\""));
    assert!(text(&out.stderr).contains("line 1: no `as_of`; deciding as of 2014-09-01"));
}

#[test]
fn test_runs_suites_and_counts() {
    let dir = fixture();
    let out = juris(&["test"], Some(dir.path()), "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).ends_with("2 passed, 0 failed\n"), "{}", text(&out.stdout));
}

#[test]
fn test_shows_a_diff_for_each_failure() {
    let dir = fixture();
    let wrong = SUITE.replace("expect = \"prohibited\"", "expect = \"permitted\"\ndeciding = [\"us-md-prince-georges/doc-2014#judge\"]");
    let suite = dir.path().join("us-md-prince-georges/pg.scenarios.toml");
    std::fs::write(&suite, wrong).unwrap();
    let out = juris(&["test", suite.to_str().unwrap()], Some(dir.path()), "");
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("FAIL  pg-hold-2014"), "{stdout}");
    assert!(stdout.contains("expected outcome `permitted`, got `prohibited`"), "{stdout}");
    assert!(stdout.contains("expected `us-md-prince-georges/doc-2014#judge` among the deciding rules"), "{stdout}");
    assert!(stdout.ends_with("1 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn test_coverage_lists_unexercised_rules() {
    let dir = fixture();
    let out = juris(&["test", "--coverage"], Some(dir.path()), "");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("1 of 3 rules are exercised by no scenario:\n  us-md-prince-georges/doc-2014#judge"), "{stdout}");
}

#[test]
fn the_shipped_corpus_passes_its_scenarios_with_full_coverage() {
    let out = juris(&["test", "--coverage"], None, "");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("coverage: every one of"), "{stdout}");
}
