//! `juris diff` end to end: an empty diff, a known difference whose witness `juris decide`
//! confirms, and bad arguments.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use std::process::Output;

use common::json;

use serde_json::Value;

fn juris(args: &[&str], stdin: &str) -> Output {
    common::juris(args, None, stdin)
}

#[test]
fn two_days_with_no_change_in_between_are_equivalent() {
    let out = juris(
        &["diff", "--jurisdiction", "us-md-howard", "--as-of", "2017-02-10", "--against-as-of", "2017-02-11", "--format", "json"],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["equivalent"], true, "{report}");
    assert_eq!(report["differences"].as_array().map(Vec::len), Some(0));
    let text = juris(&["diff", "--jurisdiction", "us-md-howard", "--as-of", "2017-02-10", "--against-as-of", "2017-02-11"], "");
    assert!(String::from_utf8_lossy(&text.stdout).contains("equivalent: no request is decided differently"));
}

#[test]
fn cb_9_2017_would_have_barred_status_questions_and_the_witness_confirms_it() {
    let out = juris(
        &[
            "diff",
            "--jurisdiction",
            "us-md-howard",
            "--as-of",
            "2017-02-10",
            "--assume-enacted",
            "us-md-howard/cb-9-2017",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["equivalent"], false);
    assert!(report["actions"].as_array().expect("actions").iter().any(|a| a == "inquire_status"), "{report}");
    let region = report["differences"]
        .as_array()
        .expect("differences")
        .iter()
        .find(|d| d["agency"] == "police" && d["action"] == "inquire_status" && d["right"]["outcome"] == "prohibited")
        .expect("the status-question region");
    assert_eq!(region["left"]["outcome"], "unregulated");
    assert!(region["right"]["deciding"].as_array().expect("deciding").iter().any(|r| r == "us-md-howard/cb-9-2017#no-status-inquiry"));
    // Each side's witness, decided on its own, gives that side's outcome.
    for (side, outcome) in [("left", "unregulated"), ("right", "prohibited")] {
        let witness = region["witness"][side].to_string();
        let decided = juris(&["decide", "--format", "json"], &witness);
        assert_eq!(decided.status.code(), Some(0), "{}", String::from_utf8_lossy(&decided.stderr));
        assert_eq!(json(&decided)["outcome"], outcome, "{side}: {witness}");
    }
}

#[test]
fn every_witness_of_a_date_diff_is_confirmed_by_decide() {
    let out = juris(
        &[
            "diff",
            "--jurisdiction",
            "us-md-prince-georges",
            "--as-of",
            "2014-09-30",
            "--against-as-of",
            "2014-10-01",
            "--agency",
            "corrections",
            "--format",
            "json",
        ],
        "",
    );
    let report = json(&out);
    let differences = report["differences"].as_array().expect("differences");
    assert!(differences.iter().any(|d| d["action"] == "hold"), "{report}");
    let lines: String =
        differences.iter().flat_map(|d| [d["witness"]["left"].to_string(), d["witness"]["right"].to_string()]).map(|w| w + "\n").collect();
    let decided = juris(&["decide", "--format", "json"], &lines);
    let outcomes: Vec<Value> = String::from_utf8_lossy(&decided.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json")["outcome"].clone())
        .collect();
    let expected: Vec<Value> = differences.iter().flat_map(|d| [d["left"]["outcome"].clone(), d["right"]["outcome"].clone()]).collect();
    assert_eq!(outcomes, expected);
}

#[test]
fn bad_arguments_name_the_argument() {
    let out = juris(&["diff", "--jurisdiction", "us-md-howrd", "--as-of", "2017-02-10", "--against-as-of", "2017-02-11"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--jurisdiction`: unknown jurisdiction `us-md-howrd`"));
    let out = juris(
        &["diff", "--jurisdiction", "us-md-howard", "--as-of", "2017-02-10", "--assume-enacted", "us-md-howard/police-policy-2017"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a bill"));
    let out = juris(&["diff", "--jurisdiction", "us-md-howard", "--as-of", "2017-02-10"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to compare"));
}
