//! Charges and convictions that carry their statute and the offense classes the record settles
//! (docs/vocabulary.md, "Statute and classes"), classes with statute lines (docs/language.md),
//! and the order in which membership is read (docs/semantics.md §2).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use common::{check, corpus, decide, doc, effective, sources};
use juris::Outcome::*;
use juris::{Corpus, RawRequest, RequestErrorKind};
use serde_json::json;

/// A class with a category line, statute lines at two depths, and a `maybe` statute line.
fn listed() -> Corpus {
    let body = "class listed {\n  burglary at felony\n  maybe other at felony \"the category does not name the offense\"\n  statute \"CA PC 245\" at felony, wobbler\n  statute \"CA PC 245(a)(4)\" at wobbler\n  maybe statute \"CA PC 273.5\" at felony \"only some subdivisions are listed\"\n}\nrule notify {\n  action notify\n  when any convictions where offense is listed\n  outcome permitted\n}";
    corpus(&[doc("us-ca/list", "statute", "\"all\"", &effective("2014-01-01"), body)])
}

fn notify(conviction: serde_json::Value) -> serde_json::Value {
    json!({ "jurisdiction": "us-ca", "agency": "corrections", "as_of": "2020-01-01", "action": "notify", "facts": { "convictions": [conviction] } })
}

#[test]
fn a_category_alone_keeps_its_line() {
    let c = listed();
    check(&c, notify(json!({"offense": "burglary", "level": "felony", "date": "2019-01-01"})), Permitted, &["us-ca/list#notify"]);
    check(&c, notify(json!({"offense": "assault", "level": "felony", "date": "2019-01-01"})), Unregulated, &[]);
    assert_eq!(decide(&c, notify(json!({"offense": "other", "level": "felony", "date": "2019-01-01"}))).outcome, Uncertain);
}

#[test]
fn a_statute_line_decides_where_the_category_is_open() {
    let c = listed();
    let other = |statute: &str, level: &str| notify(json!({"offense": "other", "level": level, "date": "2019-01-01", "statute": statute}));
    check(&c, other("CA PC 245", "felony"), Permitted, &["us-ca/list#notify"]);
    // A subdivision is covered by its section's line; spaces and case do not matter.
    check(&c, other("ca pc 245 (a)(1)", "felony"), Permitted, &["us-ca/list#notify"]);
    // At a level the statute line does not list, the statute is not a member.
    check(&c, other("CA PC 245", "misdemeanor"), Unregulated, &[]);
    // The most specific line wins: (a)(4) is listed at `wobbler` only.
    check(&c, other("CA PC 245(a)(4)", "felony"), Unregulated, &[]);
    check(&c, other("CA PC 245(a)(4)", "wobbler"), Permitted, &["us-ca/list#notify"]);
    // A dotted section number is another section: no line covers PC 245.5, so the category decides.
    assert_eq!(decide(&c, other("CA PC 245.5", "felony")).outcome, Uncertain);
    // A statute no line covers, even of another state, falls back to the category.
    check(
        &c,
        notify(json!({"offense": "burglary", "level": "felony", "date": "2019-01-01", "statute": "TX PC 30.02"})),
        Permitted,
        &["us-ca/list#notify"],
    );
}

#[test]
fn a_maybe_statute_line_names_its_gap() {
    let c = listed();
    let view = decide(&c, notify(json!({"offense": "other", "level": "felony", "date": "2019-01-01", "statute": "CA PC 273.5(a)"})));
    assert_eq!(view.outcome, Uncertain);
    assert!(view.uncertainties.iter().any(|u| u.reason.contains("only some subdivisions are listed")), "{view:#?}");
}

#[test]
fn the_record_settles_membership_before_statute_and_category() {
    let c = listed();
    let asserted = |member: serde_json::Value| {
        notify(json!({"offense": "other", "level": "felony", "date": "2019-01-01", "statute": "CA PC 245", "classes": {"listed": member}}))
    };
    check(&c, asserted(json!(false)), Unregulated, &[]);
    check(&c, asserted(json!(true)), Permitted, &["us-ca/list#notify"]);
    // `null` means the record does not say: the statute line decides.
    check(&c, asserted(json!(null)), Permitted, &["us-ca/list#notify"]);
    // A settled class needs no offense at all.
    check(&c, notify(json!({"date": "2019-01-01", "classes": {"listed": true}})), Permitted, &["us-ca/list#notify"]);
    // Without an assertion or a statute, a missing offense leaves the list unknown.
    let view = decide(&c, notify(json!({"level": "felony", "date": "2019-01-01"})));
    assert_eq!((view.outcome, view.missing_facts), (Uncertain, vec!["convictions".to_owned()]));
}

fn resolve_error(c: &Corpus, conviction: serde_json::Value) -> juris::RequestError {
    let raw: RawRequest = serde_json::from_value(notify(conviction)).unwrap();
    c.resolve(&raw).expect_err("a bad request")
}

#[test]
fn bad_statutes_and_class_assertions_name_the_field() {
    let c = listed();
    let e = resolve_error(&c, json!({"offense": "other", "statute": "  "}));
    assert_eq!((e.field.as_str(), e.kind), ("facts.convictions[0].statute", RequestErrorKind::InvalidValue));
    assert!(e.message.contains("is empty") && e.hint.as_deref().unwrap().contains("CA PC 459"), "{e}");
    let e = resolve_error(&c, json!({"offense": "other", "statute": "459"}));
    assert!(e.message.contains("names no code and section"), "{e}");
    let e = resolve_error(&c, json!({"offense": "other", "statute": 459}));
    assert_eq!(e.field, "facts.convictions[0].statute");
    let e = resolve_error(&c, json!({"offense": "other", "classes": {"lsted": true}}));
    assert_eq!((e.field.as_str(), e.kind), ("facts.convictions[0].classes.lsted", RequestErrorKind::UnknownName));
    assert_eq!((e.allowed.clone(), e.hint.as_deref()), (vec!["listed".to_owned()], Some("did you mean `listed`?")));
    let e = resolve_error(&c, json!({"offense": "other", "classes": {"listed": "yes"}}));
    assert_eq!(e.field, "facts.convictions[0].classes.listed");
    let e = resolve_error(&c, json!({"offense": "other", "classes": ["listed"]}));
    assert_eq!(e.field, "facts.convictions[0].classes");
}

#[test]
fn the_streaming_decoder_agrees_with_resolve() {
    let c = listed();
    for conviction in [
        json!({"offense": "other", "level": "felony", "date": "2019-01-01", "statute": "ca pc 245 (a)", "classes": {"listed": false}}),
        json!({"offense": "other", "classes": {"listed": null}}),
        json!({"statute": "TX PC 49.04"}),
    ] {
        let text = notify(conviction).to_string();
        let raw: RawRequest = serde_json::from_str(&text).unwrap();
        let resolved = c.resolve(&raw).unwrap();
        let mut de = serde_json::Deserializer::from_str(&text);
        let decoded = serde::de::DeserializeSeed::deserialize(c.request_seed(), &mut de).unwrap();
        assert_eq!(decoded, resolved, "{text}");
    }
    let text = notify(json!({"classes": {"nope": true}})).to_string();
    let mut de = serde_json::Deserializer::from_str(&text);
    assert!(serde::de::DeserializeSeed::deserialize(c.request_seed(), &mut de).is_err());
}

#[test]
fn a_malformed_statute_in_a_class_is_located() {
    let body = "class listed {\n  statute \"459\" at felony\n}";
    let docs = [doc("us-ca/list", "classification", "\"all\"", &effective("2014-01-01"), body)];
    let sources = sources(&docs);
    let loaded = juris::load(&sources);
    let d = loaded.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    let short = d.short(&sources);
    assert!(short.contains("E0304") && short.contains("statute `459` names no code and section"), "{short}");
    assert!(d.help.as_deref().unwrap_or_default().contains("CA PC 459"), "{short}");
}

#[test]
fn statute_and_classes_are_record_fields_not_facts() {
    let vocabulary = common::VOCABULARY.replace("[facts.warrant]\ntype = \"warrant\"", "[facts.warrant]\ntype = \"statute\"");
    let errors = juris::vocabulary::Vocabulary::parse("vocabulary.toml", &vocabulary).expect_err("a statute fact");
    assert_eq!(errors[0].code, "E0005");
    assert!(errors[0].message.contains("only a record field may have"), "{:?}", errors[0].message);
}
