//! The JSON-in/JSON-out entry point against the shipped corpus: every operation answers in its
//! documented shape, errors name the field, and Spanish messages come from the catalog.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use std::sync::OnceLock;

use juris::Corpus;
use juris::analysis::{SITUATIONS_FILE, Situations};
use juris_api::{Lang, Options, handle, v1};
use serde_json::{Value, json};

struct Shipped {
    corpus: Corpus,
    situations: Situations,
}

fn shipped() -> &'static Shipped {
    static SHIPPED: OnceLock<Shipped> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let sources = common::shipped_sources();
        let corpus = juris::load(&sources).corpus.expect("the shipped corpus loads");
        let file = sources.iter().find(|s| s.path == SITUATIONS_FILE).expect("situations.toml");
        let situations = Situations::parse(&file.path, &file.text, &corpus).expect("situations parse");
        Shipped { corpus, situations }
    })
}

fn call(operation: &str, request: Value, lang: Lang) -> Value {
    let shipped = shipped();
    let options = Options { lang, situations: Some(&shipped.situations) };
    let answer = handle(&shipped.corpus, operation, &request.to_string(), &options);
    serde_json::from_str(&answer).expect("the entry point answers JSON")
}

fn montgomery_hold() -> Value {
    json!({
        "jurisdiction": "us-md-montgomery",
        "agency": "corrections",
        "as_of": "2024-06-01",
        "action": "hold",
        "facts": { "detainer_form": "I-247A", "warrant": "administrative" }
    })
}

#[test]
fn decide_answers_a_decision_that_reads_back_as_the_v1_shape() {
    let answer = call("decide", montgomery_hold(), Lang::En);
    let decision: v1::Decision = serde_json::from_value(answer.clone()).expect("a v1 decision");
    assert_eq!(decision.jurisdiction, "us-md-montgomery");
    assert_eq!(decision.as_of, "2024-06-01");
    assert_eq!(answer["outcome"], json!(decision.outcome.name()));
    assert_eq!(answer["corpus"].as_str(), Some(shipped().corpus.hash()));
    assert!(!decision.deciding.is_empty() || decision.outcome == v1::Outcome::Unregulated, "a decided answer names its law");
}

#[test]
fn decide_gives_the_same_outcome_in_both_languages_and_translates_only_messages() {
    let english = call("decide", montgomery_hold(), Lang::En);
    let spanish = call("decide", montgomery_hold(), Lang::Es);
    assert_eq!(english["outcome"], spanish["outcome"]);
    assert_eq!(english["deciding"], spanish["deciding"], "the words of the law are not translated");
    for (e, s) in english["overridden"].as_array().unwrap().iter().zip(spanish["overridden"].as_array().unwrap()) {
        assert_eq!(e["reason"], s["reason"]);
        assert_ne!(e["message"], s["message"]);
    }
}

#[test]
fn a_bad_request_is_an_error_naming_the_field() {
    let mut request = montgomery_hold();
    request["agency"] = json!("corections");
    let answer = call("decide", request, Lang::En);
    let error = &answer["error"];
    assert_eq!(error["field"], "agency");
    assert_eq!(error["kind"], "unknown-name");
    assert_eq!(error["hint"], "did you mean `corrections`?");
    assert!(error["allowed"].as_array().unwrap().contains(&json!("corrections")));

    let shipped = shipped();
    let options = Options { lang: Lang::En, situations: None };
    let answer: Value = serde_json::from_str(&handle(&shipped.corpus, "decide", "{\"jurisdiction\": ", &options)).unwrap();
    assert_eq!(answer["error"]["kind"], "syntax");
    assert_eq!(answer["error"]["field"], "request");

    let answer = call("decide", json!({"jurisdiction": "us-md", "agency": "corrections", "action": "hold", "colour": 1}), Lang::En);
    assert_eq!(answer["error"]["field"], "colour");
    assert_eq!(answer["error"]["kind"], "shape");

    let answer = call("decide", json!({"jurisdiction": "us-md", "agency": "corrections", "action": "hold"}), Lang::En);
    assert_eq!(answer["error"]["field"], "as_of", "no clock: a request without a date is refused");
    assert_eq!(answer["error"]["kind"], "missing");

    let answer = call("judge", json!({}), Lang::Es);
    assert_eq!(answer["error"]["kind"], "unknown-operation");
    assert_eq!(answer["error"]["message"], "operación desconocida `judge`");
    assert!(answer["error"]["allowed"].as_array().unwrap().contains(&json!("timeline")));
}

#[test]
fn bills_have_typed_status_parts_and_a_status_line_per_language() {
    let request = json!({ "as_of": "2024-06-01", "jurisdiction": "us-md" });
    let english: Vec<v1::Bill> = serde_json::from_value(call("bills", request.clone(), Lang::En)).unwrap();
    let spanish: Vec<v1::Bill> = serde_json::from_value(call("bills", request, Lang::Es)).unwrap();
    assert!(!english.is_empty());
    for (e, s) in english.iter().zip(&spanish) {
        assert!(!e.status.is_empty() && !e.status.contains("bill-"), "`{}` has an English status line: {}", e.id, e.status);
        assert_eq!(e.status_parts, s.status_parts);
        assert_eq!(e.state, s.state);
        assert_ne!(e.status, s.status, "`{}` has a Spanish status line", e.id);
    }
}

#[test]
fn compare_timeline_diff_and_corpus_answer_their_shapes() {
    let comparison =
        call("compare", json!({ "as_of": "2024-06-01", "jurisdictions": ["us-md-montgomery"], "actions": ["hold"] }), Lang::En);
    let comparison: v1::Comparison = serde_json::from_value(comparison).expect("a comparison");
    assert!(comparison.cells.iter().all(|c| c.jurisdiction == "us-md-montgomery" && c.action == "hold"));
    assert!(!comparison.cells.is_empty());

    let timeline = call("timeline", json!({ "jurisdiction": "us-md-montgomery", "agency": "corrections", "action": "hold" }), Lang::En);
    let timeline: v1::Timeline = serde_json::from_value(timeline).expect("a timeline");
    assert_eq!(timeline.agency, "corrections");

    let diff = call(
        "diff",
        json!({ "jurisdiction": "us-md", "as_of": "2024-06-01", "against_jurisdiction": "us-ca", "actions": ["hold"] }),
        Lang::En,
    );
    let report: v1::DiffReport = serde_json::from_value(diff).expect("a diff report");
    assert_eq!(report.right.jurisdiction, "us-ca");
    assert!(!report.differences.is_empty(), "Maryland and California hold differently");
    for difference in &report.differences {
        // Every witness is a full request that the two sides decide as the report says.
        let left = call("decide", serde_json::to_value(&difference.witness.left).unwrap(), Lang::En);
        assert_eq!(left["outcome"], json!(difference.left.outcome.name()));
        let right = call("decide", serde_json::to_value(&difference.witness.right).unwrap(), Lang::En);
        assert_eq!(right["outcome"], json!(difference.right.outcome.name()));
    }

    let listing: v1::CorpusListing = serde_json::from_value(call("corpus", json!({}), Lang::En)).expect("a corpus listing");
    assert_eq!(listing.rules.len(), shipped().corpus.rules().len());
    assert!(listing.vocabulary.jurisdictions.iter().any(|j| j.id == "us-md-montgomery" && j.parent.as_deref() == Some("us-md")));
    assert!(!listing.situations.is_empty());
}

#[test]
fn an_unknown_field_of_an_analysis_request_is_named() {
    let answer = call("bills", json!({ "as_of": "2024-06-01", "jurisdction": "us-md" }), Lang::En);
    assert_eq!(answer["error"]["field"], "jurisdction");
    let answer = call("bills", json!({ "as_of": "June 1" }), Lang::En);
    assert_eq!(answer["error"]["field"], "as_of");
    assert_eq!(answer["error"]["kind"], "invalid-value");
}

#[test]
fn every_shape_has_a_schema() {
    let schemas = juris_api::schemas();
    for name in [
        "Request",
        "Charge",
        "Conviction",
        "Decision",
        "RequestError",
        "Bill",
        "Comparison",
        "Timeline",
        "DiffReport",
        "CorpusListing",
        "CorpusStats",
        "LogRecord",
    ] {
        let schema = &schemas[name];
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
        assert!(schema["properties"].is_object() || schema["items"].is_object(), "{name} describes its fields");
    }
    let record = &schemas["LogRecord"];
    let mut fields: Vec<&str> = record["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort();
    assert_eq!(
        fields,
        ["corpus", "decided_at", "deciding", "decision_hash", "decision_id", "engine", "index", "outcome", "request_hash", "v"]
    );
}

/// The corpus listing carries the sourcing counts of `juris check --stats`, and a conviction's
/// statute and class assertions have their schema.
#[test]
fn the_listing_counts_sourcing_and_the_request_shape_names_statute_and_classes() {
    let listing: v1::CorpusListing = serde_json::from_value(call("corpus", json!({}), Lang::En)).unwrap();
    let total = listing.stats.total;
    assert_eq!(total.rules, listing.rules.len());
    assert_eq!(total.documents, listing.documents.len());
    assert_eq!(total.sourced + total.secondary + total.uncertain, total.rules);
    assert_eq!(total.primary_read + total.primary_not_read, total.rules);
    assert!(listing.stats.folders.iter().any(|f| f.folder == "us-ca" && f.counts.rules > 0));
    let schemas = juris_api::schemas();
    let conviction = schemas["Conviction"]["properties"].as_object().unwrap();
    for field in ["offense", "level", "date", "statute", "classes"] {
        assert!(conviction.contains_key(field), "{field}");
    }
    let parsed: v1::Conviction =
        serde_json::from_value(json!({"offense": "other", "statute": "CA PC 273.5", "classes": {"ca-7282-5-listed": null}})).unwrap();
    assert_eq!(parsed.classes.unwrap()["ca-7282-5-listed"], None);
}

/// A decision that hinges on missing facts carries its cases: each is read in the reader's
/// language, each witness is decided as its case says, and the next question has a prompt in
/// the reader's language.
#[test]
fn cases_and_the_next_question_come_through_in_both_languages() {
    let request = json!({ "jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2024-06-01", "action": "hold" });
    let english: v1::Decision = serde_json::from_value(call("decide", request.clone(), Lang::En)).unwrap();
    let spanish: v1::Decision = serde_json::from_value(call("decide", request, Lang::Es)).unwrap();
    assert_eq!(english.outcome, v1::Outcome::Uncertain);
    assert!(!english.cases.is_empty(), "an all-unknown request hinges on missing facts");
    for (e, s) in english.cases.iter().zip(&spanish.cases) {
        assert_eq!(e.when, v1::when(Lang::En, &e.condition), "the English reading is the condition's");
        assert_ne!(e.when, s.when, "the Spanish reading of `{}` is Spanish", e.when);
        assert_eq!(e.condition, s.condition);
        assert_eq!(e.outcome, s.outcome);
        let decided = call("decide", serde_json::to_value(&e.witness).unwrap(), Lang::En);
        assert_eq!(decided["outcome"], json!(e.outcome.name()), "the witness of `{}`", e.when);
    }
    let question = english.next_question.expect("a next question");
    let pregunta = spanish.next_question.expect("una siguiente pregunta");
    assert_eq!(question.fact, pregunta.fact);
    if let Some(es) = question.prompts.get("es") {
        assert_eq!(&pregunta.prompt, es);
    }
}
