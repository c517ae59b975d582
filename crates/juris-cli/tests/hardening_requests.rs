//! Regression tests for careless and hostile requests given to `juris decide`, and for bad
//! arguments that name a bill or a date: every message comes from the library's one decoder, names
//! the field by its path, and echoes a bad value only up to a readable length.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use common::{juris, text};

/// A Montgomery jail hold request with `extra` written after its last field (`, "facts": ...`).
fn request(extra: &str) -> String {
    format!(r#"{{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":"2019-08-13","action":"hold"{extra}}}"#)
}

/// Decides `input` as JSON Lines and returns the exit code, standard error and the one JSON
/// error line written in the request's place.
fn decide_error(input: &str) -> (Option<i32>, String, serde_json::Value) {
    let out = juris(&["decide", "--format", "json"], None, &format!("{input}\n"));
    let stdout = text(&out.stdout);
    let line: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap_or_default()).expect("one JSON line");
    (out.status.code(), text(&out.stderr), line["error"].clone())
}

// A request with a key written twice was decided with the last value (another county and warrant
// than its first keys said): it is an error naming the key, at every depth.
#[test]
fn decide_duplicate_keys_are_an_error_naming_the_key() {
    let cases = [
        (request(r#","jurisdiction":"us-md-howard""#), "jurisdiction"),
        (request(r#","facts":{"warrant":"judicial","warrant":"none"}"#), "facts.warrant"),
        (request(r#","facts":{"charges":[{"offense":"dui","offense":"robbery"}]}"#), "facts.charges[0].offense"),
    ];
    for (input, field) in &cases {
        let (code, stderr, error) = decide_error(input);
        assert_eq!(code, Some(2), "{input}");
        assert_eq!(
            (error["field"].as_str(), error["kind"].as_str(), error["line"].as_u64()),
            (Some(*field), Some("duplicate-key"), Some(1))
        );
        let key = field.rsplit('.').next().unwrap();
        assert!(stderr.starts_with(&format!("error: line 1: `{field}`: the key `{key}` is given twice")), "{stderr}");
    }
}

// `null`, `42` and `[]` said "expected struct RawRequest", an internal type; a JSON array of
// requests said "invalid type: map, expected a string".
#[test]
fn decide_a_request_that_is_not_an_object_never_names_internal_types() {
    let array = format!("[{}, {}]", request(""), request(""));
    for (input, says) in [
        ("null", "a request is a JSON object, found null"),
        ("42", "a request is a JSON object, found the number `42`"),
        ("[]", "a request is a JSON object, found a list"),
        (array.as_str(), "for many requests write JSON Lines, one object per line; the service also takes `{\"requests\": [...]}`"),
    ] {
        let (code, stderr, error) = decide_error(input);
        assert_eq!(code, Some(2));
        assert_eq!((error["field"].as_str(), error["kind"].as_str()), (Some("request"), Some("shape")), "{input}");
        assert!(stderr.contains(says), "{input}: {stderr}");
        assert!(!stderr.contains("RawRequest") && !stderr.contains("struct"), "{stderr}");
    }
}

// `"held_to_answer": "true"` said "expected true or false, found `true`"; `2019-02-29` said
// "write YYYY-MM-DD" though it was; a number for `as_of`, a string for `assume_enacted` and
// `"facts": null` blamed the field `request`.
#[test]
fn decide_wrong_values_blame_their_own_field_in_plain_words() {
    let cases = [
        (
            request(r#","facts":{"held_to_answer":"true"}"#),
            "facts.held_to_answer",
            "expected true or false, found the string `\"true\"`; a string was given: write true without quotes",
        ),
        (request("").replace("2019-08-13", "2019-02-29"), "as_of", "`2019-02-29` does not exist: February 2019 has 28 days"),
        (
            request("").replace("\"2019-08-13\"", "20190813"),
            "as_of",
            "expected a date written YYYY-MM-DD, as a string, found the number `20190813`",
        ),
        (
            request(r#","assume_enacted":"us-md-howard/cb-9-2017""#),
            "assume_enacted",
            "expected a list of bill ids, such as [\"us-md-howard/cb-9-2017\"], found the string `\"us-md-howard/cb-9-2017\"`",
        ),
        (request(r#","facts":null"#), "facts", "expected an object of facts, such as {\"warrant\": \"none\"}, found null"),
    ];
    for (input, field, says) in &cases {
        let (code, stderr, error) = decide_error(input);
        assert_eq!(code, Some(2));
        assert_eq!((error["field"].as_str(), error["kind"].as_str()), (Some(*field), Some("invalid-value")), "{input}");
        assert!(stderr.contains(&format!("`{field}`: {says}")), "{stderr}");
        assert!(error["message"].as_str().unwrap().contains(says.split(';').next().unwrap()), "{error}");
    }
}

// A 50 MB bad string gave 52 MB on standard error and again in the JSON error line: an echoed
// value is cut to 80 characters, with an ellipsis and its full length.
#[test]
fn decide_a_long_bad_value_is_cut_in_text_and_json() {
    let long = "x".repeat(8_000_000);
    let (code, stderr, error) = decide_error(&request(&format!(r#","facts":{{"role":"{long}"}}"#)));
    assert_eq!(code, Some(2));
    assert!(stderr.len() < 2_000, "{} bytes on standard error", stderr.len());
    let cut = format!("`{}…` (8000000 characters)", "x".repeat(80));
    assert!(stderr.contains(&format!("`facts.role`: unknown role {cut}")), "{}", &stderr[..300.min(stderr.len())]);
    assert_eq!(error["message"].as_str(), Some(format!("unknown role {cut}").as_str()));
    assert!(error.to_string().len() < 2_000);
}

// `compare --assume-enacted X` named the internal field `assume_enacted[0]` while `diff` said
// "not a bill of the corpus": one mistake has one message, naming the option.
#[test]
fn an_unknown_bill_gets_one_message_from_compare_and_diff() {
    let compare = juris(&["compare", "--as-of", "2019-08-13", "--assume-enacted", "us-md-howard/cb-9"], None, "");
    let diff =
        juris(&["diff", "--jurisdiction", "us-md-howard", "--as-of", "2017-02-10", "--assume-enacted", "us-md-howard/cb-9"], None, "");
    assert_eq!((compare.status.code(), diff.status.code()), (Some(2), Some(2)));
    let (compare, diff) = (text(&compare.stderr), text(&diff.stderr));
    assert_eq!(compare, diff);
    assert!(
        compare.starts_with(
            "error: `--assume-enacted`: `us-md-howard/cb-9` is not a bill of the corpus; did you mean `us-md-howard/cb-9-2017`? (allowed: "
        ),
        "{compare}"
    );
    assert!(!compare.contains("assume_enacted[0]"), "{compare}");
}

// A date option given a day the calendar lacks says so, in the same words as a request's `as_of`.
#[test]
fn a_date_option_for_a_day_that_does_not_exist_says_so() {
    for args in [
        &["decide", "--as-of", "2019-02-29"][..],
        &["compare", "--as-of", "2019-02-29"],
        &["diff", "--jurisdiction", "us-md-howard", "--as-of", "2019-02-29", "--against-as-of", "2019-03-01"],
    ] {
        let out = juris(args, None, &request(""));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("`--as-of`: `2019-02-29` does not exist: February 2019 has 28 days"), "{args:?}: {stderr}");
    }
}
