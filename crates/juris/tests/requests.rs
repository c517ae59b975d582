//! The request decoder: one decoder for every front end, with typed errors that name the field.
//!
//! Each regression test is named after what broke and says why. A request decoded from JSON text
//! and the same request resolved as a [`juris::RawRequest`] must agree, valid or not.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use std::sync::OnceLock;

use juris::{Corpus, DecodeOptions, RawRequest, Request, RequestError, RequestErrorKind};

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(common::shipped)
}

/// Decodes JSON text as a front end does: straight from the text, so duplicate keys are seen.
fn decode(json: &str) -> Result<Request, RequestError> {
    let mut de = serde_json::Deserializer::from_str(json);
    corpus().decode(&mut de, DecodeOptions::default())
}

fn error(json: &str) -> RequestError {
    decode(json).expect_err("the request is invalid")
}

/// A Montgomery jail hold request with `extra` written after its last field (`, "facts": ...`).
fn request(extra: &str) -> String {
    format!(r#"{{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":"2019-08-13","action":"hold"{extra}}}"#)
}

const VALID: &str = r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":"2019-08-13","action":"hold","facts":{"warrant":"administrative","held_to_answer":true,"charges":[{"offense":"dui","level":"misdemeanor"}]},"assume_enacted":["us-md-howard/cb-9-2017"]}"#;

#[test]
fn json_text_raw_requests_and_the_seed_decode_alike() {
    let raw: RawRequest = serde_json::from_str(VALID).expect("shape");
    let resolved = corpus().resolve(&raw).expect("valid");
    assert_eq!(decode(VALID).expect("valid"), resolved);
    let value: serde_json::Value = serde_json::from_str(VALID).expect("JSON");
    assert_eq!(corpus().decode(&value, DecodeOptions::default()).expect("valid"), resolved);
    let seeded =
        serde::de::DeserializeSeed::deserialize(corpus().request_seed(), &mut serde_json::Deserializer::from_str(VALID)).expect("valid");
    assert_eq!(seeded, resolved);
}

// Regression: the fast seed and `RawRequest` resolution were two decoders, tested to agree only
// on valid input; invalid input must give the very same error through both paths.
#[test]
fn json_text_and_raw_requests_fail_alike() {
    let bad = [
        r#"{"jurisdiction":"us-md-montgomry","agency":"corrections","as_of":"2019-08-13","action":"hold"}"#.to_owned(),
        request(r#","facts":{"held_to_answer":"true"}"#).replace("2019-08-13", "2019-02-29"),
        request(r#","facts":{"held_to_answer":"true"}"#),
        request(r#","facts":{"charges":[{"offense":"dui","degree":"x"}]}"#),
        request(r#","assume_enacted":["us-md-howard/cb-9"]"#),
        r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","action":"hold"}"#.to_owned(),
    ];
    for json in &bad {
        let raw: RawRequest = serde_json::from_str(json).expect("shape");
        assert_eq!(error(json), corpus().resolve(&raw).expect_err("invalid"), "{json}");
    }
}

// Regression: a request with a key written twice was accepted and the last value won, so a
// request was decided for another county and warrant than its first keys said.
#[test]
fn duplicate_keys_are_an_error_naming_the_key_at_any_depth() {
    let cases = [
        (
            r#"{"jurisdiction":"us-md-montgomery","jurisdiction":"us-md-howard","agency":"corrections","as_of":"2019-08-13","action":"hold"}"#
                .to_owned(),
            "jurisdiction",
        ),
        (request(r#","action":"notify""#), "action"),
        (request(r#","facts":{"warrant":"judicial","warrant":"none"}"#), "facts.warrant"),
        (request(r#","facts":{"warrant":null,"warrant":"none"}"#), "facts.warrant"),
        (
            request(r#","facts":{"charges":[{"offense":"dui"},{"level":"felony","level":"misdemeanor"}]}"#),
            "facts.charges[1].level",
        ),
        (request(r#","facts":{},"facts":{}"#), "facts"),
    ];
    for (json, field) in &cases {
        let e = error(json);
        assert_eq!((e.field.as_str(), e.kind), (*field, RequestErrorKind::DuplicateKey), "{json}");
        let key = field.rsplit('.').next().unwrap();
        assert!(e.to_string().starts_with(&format!("`{field}`: the key `{key}` is given twice")), "{e}");
    }
}

// Regression: `null` and `42` said "expected struct RawRequest", naming an internal type.
#[test]
fn a_request_that_is_not_an_object_says_a_request_is_a_json_object() {
    for (json, found) in [("null", "null"), ("42", "the number `42`"), ("\"hold\"", "the string `\"hold\"`"), ("true", "`true`")] {
        let e = error(json);
        assert_eq!((e.field.as_str(), e.kind), ("request", RequestErrorKind::NotAnObject), "{json}");
        assert!(e.message.starts_with(&format!("a request is a JSON object, found {found}")), "{e}");
        assert!(!e.to_string().contains("RawRequest") && !e.to_string().contains("struct"), "{e}");
    }
}

// Regression: `[]` said "invalid length 0, expected struct RawRequest with 6 elements", and a
// JSON array of requests said "invalid type: map, expected a string", never naming JSON Lines.
#[test]
fn a_list_of_requests_points_to_json_lines_and_the_services_batch_shape() {
    for json in ["[]".to_owned(), format!("[{VALID}, {VALID}]")] {
        let e = error(&json);
        assert_eq!((e.field.as_str(), e.kind), ("request", RequestErrorKind::ListOfRequests));
        let text = e.to_string();
        assert!(text.contains("JSON Lines, one object per line") && text.contains(r#"{"requests": [...]}"#), "{text}");
        assert!(!text.contains("RawRequest"), "{text}");
    }
}

// Regression: `"held_to_answer": "true"` said "expected true or false, found `true`", which reads
// as a contradiction: that a string was given, not a boolean, was not said.
#[test]
fn a_quoted_boolean_says_a_string_was_given_where_true_or_false_is_expected() {
    let e = error(&request(r#","facts":{"held_to_answer":"true"}"#));
    assert_eq!((e.field.as_str(), e.kind), ("facts.held_to_answer", RequestErrorKind::InvalidValue));
    assert_eq!(
        e.to_string(),
        "`facts.held_to_answer`: expected true or false, found the string `\"true\"`; a string was given: write true without quotes"
    );
}

// Regression: `as_of: "2019-02-29"` said "write YYYY-MM-DD" though it was written so: the day
// does not exist, and the message must say that, not blame the format.
#[test]
fn a_day_the_calendar_lacks_says_the_day_does_not_exist() {
    let e = error(&request("").replace("2019-08-13", "2019-02-29"));
    assert_eq!((e.field.as_str(), e.kind), ("as_of", RequestErrorKind::InvalidValue));
    assert_eq!(e.message, "`2019-02-29` does not exist: February 2019 has 28 days");
    assert!(!e.to_string().contains("write YYYY-MM-DD"), "{e}");
    let month = error(&request("").replace("2019-08-13", "2019-13-01"));
    assert_eq!(month.message, "`2019-13-01` does not exist: there is no month 13");
    let conviction = error(&request(r#","facts":{"convictions":[{"offense":"dui","date":"2019-04-31"}]}"#));
    assert_eq!(conviction.field, "facts.convictions[0].date");
    assert_eq!(conviction.message, "`2019-04-31` does not exist: April 2019 has 30 days");
    // A leap day that exists is a date; text that is not a date still names the format.
    assert!(decode(&request("").replace("2019-08-13", "2020-02-29")).is_ok());
    let shape = error(&request("").replace("2019-08-13", "08/13/2019"));
    assert_eq!(
        (shape.message.as_str(), shape.hint.as_deref()),
        ("`08/13/2019` is not a date", Some("write YYYY-MM-DD, e.g. `2019-08-13`"))
    );
}

// Regression: a number for `as_of`, a string for `assume_enacted` and `"facts": null` were
// blamed on the field `request`, so the reader had to guess which field was wrong.
#[test]
fn a_value_of_the_wrong_type_blames_its_own_field() {
    let cases = [
        (
            r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":20190813,"action":"hold"}"#.to_owned(),
            "as_of",
            "the number `20190813`",
        ),
        (request(r#","assume_enacted":"us-md-howard/cb-9-2017""#), "assume_enacted", "the string `\"us-md-howard/cb-9-2017\"`"),
        (request(r#","facts":null"#), "facts", "null"),
        (request(r#","facts":{"charges":{"offense":"dui"}}"#), "facts.charges", "an object"),
        (request(r#","facts":{"charges":["dui"]}"#), "facts.charges[0]", "the string `\"dui\"`"),
        (
            r#"{"jurisdiction":["us-md-montgomery"],"agency":"corrections","as_of":"2019-08-13","action":"hold"}"#.to_owned(),
            "jurisdiction",
            "a list",
        ),
    ];
    for (json, field, found) in &cases {
        let e = error(json);
        assert_eq!((e.field.as_str(), e.kind), (*field, RequestErrorKind::InvalidValue), "{json}");
        assert!(e.message.ends_with(&format!("found {found}")), "{json}: {e}");
    }
}

// Regression: an error echoed the whole bad value: a 50 MB string gave 50 MB of message.
#[test]
fn an_echoed_value_is_cut_to_a_readable_length_with_its_full_length() {
    let long = "x".repeat(5_000_000);
    for (json, field) in [
        (request(&format!(r#","facts":{{"role":"{long}"}}"#)), "facts.role".to_owned()),
        (request(&format!(r#","facts":{{"held_to_answer":"{long}"}}"#)), "facts.held_to_answer".to_owned()),
        (request(&format!(r#","assume_enacted":["{long}"]"#)), "assume_enacted[0]".to_owned()),
        (request("").replace("2019-08-13", &long), "as_of".to_owned()),
        (request(&format!(r#","facts":{{"{long}":true}}"#)), format!("facts.{}…", "x".repeat(80))),
    ] {
        let e = error(&json);
        let text = e.to_string();
        assert_eq!(e.field, field);
        assert!(text.len() < 2_000, "{} bytes: {}", text.len(), &text[..200]);
        assert!(text.contains(&format!("{}…", "x".repeat(80))) && text.contains("(5000000 characters)"), "{text}");
    }
}

// Regression: `compare --assume-enacted` said "unknown bill" and `diff` said "not a bill of the
// corpus" for the same mistake; every front end now asks the library for the one message.
#[test]
fn an_unknown_bill_has_one_message() {
    let from_request = error(&request(r#","assume_enacted":["us-md-howard/cb-9"]"#));
    let from_lookup = corpus().bill("assume_enacted[0]", "us-md-howard/cb-9").expect_err("not a bill");
    assert_eq!(from_request, from_lookup);
    assert_eq!(from_request.message, "`us-md-howard/cb-9` is not a bill of the corpus");
    assert_eq!(from_request.hint.as_deref(), Some("did you mean `us-md-howard/cb-9-2017`?"));
    assert!(from_request.allowed.contains(&"us-md-howard/cb-9-2017".to_owned()));
    let not_a_bill = corpus().bill("assume_enacted[0]", "us/8-cfr-287-7").expect_err("a regulation, not a bill");
    assert_eq!(not_a_bill.message, "`us/8-cfr-287-7` is not a bill (it is another kind of document of the corpus)");
}

#[test]
fn missing_fields_and_unknown_keys_name_the_field() {
    let e = error(r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","action":"hold"}"#);
    assert_eq!((e.field.as_str(), e.kind), ("as_of", RequestErrorKind::Missing));
    let mut de = serde_json::Deserializer::from_str(r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","action":"hold"}"#);
    let date = juris::Date::parse("2019-08-13");
    assert_eq!(corpus().decode(&mut de, DecodeOptions { default_as_of: date }).expect("defaulted").as_of, date.unwrap());
    let e = error(&request(r#","fact":{}"#));
    assert_eq!((e.field.as_str(), e.kind, e.hint.as_deref()), ("fact", RequestErrorKind::UnknownField, Some("did you mean `facts`?")));
    let e = error(&request(r#","facts":{"warant":"none"}"#));
    assert_eq!((e.field.as_str(), e.hint.as_deref()), ("facts.warant", Some("did you mean `warrant`?")));
}

#[test]
fn null_facts_are_unknown_not_false() {
    let with_nulls = decode(&request(r#","facts":{"held_to_answer":null,"charges":null}"#)).expect("valid");
    assert_eq!(with_nulls, decode(&request("")).expect("valid"));
}
