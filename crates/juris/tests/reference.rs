//! Property: the engine agrees with a straightforward reference interpreter of docs/semantics.md
//! on random, fully specified requests against the shipped corpus, and the batch path
//! (`Corpus::outcome`) agrees with the full decision.
//!
//! The reference (`juris::internals::reference`, built with the `internals` feature) walks every
//! rule of the corpus with no index, no masks and no world merging: it follows the semantics
//! section by section, trying every outcome of unsettled rules.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use common::shipped;
use juris::internals::reference;
use juris::{Corpus, RawRequest};
use proptest::prelude::*;
use serde_json::json;

fn strategy(c: &Corpus) -> impl Strategy<Value = serde_json::Value> {
    let v = &c.vocabulary();
    let jurisdictions: Vec<String> = v.jurisdictions.iter().map(|j| j.id.clone()).collect();
    let agencies: Vec<String> = v.agencies.iter().map(|a| a.0.clone()).collect();
    let actions: Vec<String> = v.actions.iter().map(|a| a.0.clone()).collect();
    // Every lifecycle and rule boundary, the day before it, and a few ordinary days.
    let mut dates: Vec<String> =
        c.documents().iter().flat_map(|d| d.lifecycle.iter().flat_map(|e| [e.date, e.date.previous()])).map(|d| d.to_string()).collect();
    dates.extend(c.rules().iter().flat_map(|r| r.from.into_iter().chain(r.until)).flat_map(|d| [d, d.previous()]).map(|d| d.to_string()));
    dates.extend(["2005-01-01", "2016-06-01", "2020-06-01", "2026-11-01"].map(String::from));
    dates.sort();
    dates.dedup();
    let values = |name: &str| v.enums[v.enum_id(name).expect("enum") as usize].values.clone();
    let (offenses, levels) = (values("offense"), values("level"));
    let (warrants, forms, roles) = (values("warrant"), values("detainer_form"), values("role"));
    let bools: Vec<String> = v
        .facts
        .iter()
        .filter(|f| matches!(f.ty, juris::vocabulary::FactType::Scalar(juris::vocabulary::ScalarType::Bool)))
        .map(|f| f.name.clone())
        .collect();
    let element = (prop::sample::select(offenses.clone()), prop::sample::select(levels), 1990i32..2027, 1u32..13);
    let records = prop::collection::vec(element, 0..5);
    (
        prop::sample::select(jurisdictions),
        prop::sample::select(agencies),
        prop::sample::select(actions),
        prop::sample::select(dates),
        (prop::sample::select(warrants), prop::sample::select(forms), prop::sample::select(roles)),
        prop::collection::vec(any::<bool>(), bools.len()),
        (records.clone(), records),
        (prop::collection::vec(prop::sample::select(offenses.clone()), 0..3), prop::collection::vec(prop::sample::select(offenses), 0..2)),
    )
        .prop_map(move |(j, a, x, d, (w, f, role), flags, (charges, convictions), (investigation, under))| {
            let mut facts = serde_json::Map::new();
            facts.insert("warrant".into(), json!(w));
            facts.insert("detainer_form".into(), json!(f));
            facts.insert("role".into(), json!(role));
            for (name, value) in bools.iter().zip(flags) {
                facts.insert(name.clone(), json!(value));
            }
            facts.insert("charges".into(), json!(charges.iter().map(|(o, l, _, _)| json!({"offense": o, "level": l})).collect::<Vec<_>>()));
            facts.insert(
                "convictions".into(),
                json!(
                    convictions
                        .iter()
                        .map(|(o, l, y, m)| json!({"offense": o, "level": l, "date": format!("{y}-{m:02}-15")}))
                        .collect::<Vec<_>>()
                ),
            );
            facts.insert("investigation".into(), json!(investigation));
            facts.insert("under_investigation_for".into(), json!(under));
            json!({"jurisdiction": j, "agency": a, "as_of": d, "action": x, "facts": facts})
        })
}

#[test]
fn engine_agrees_with_the_reference_interpreter() {
    let corpus = shipped();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000));
    runner
        .run(&strategy(&corpus), |json| {
            let raw: RawRequest = serde_json::from_value(json.clone()).expect("shape");
            let request = corpus.resolve(&raw).expect("valid request");
            let decision = corpus.decide(&request);
            prop_assert_eq!(decision.outcome, reference(&corpus, &request), "request {}", json);
            prop_assert_eq!(corpus.outcome(&request), decision.outcome, "batch path, request {}", json);
            // Decoding straight into typed facts gives the same request as resolving names.
            let direct = serde::de::DeserializeSeed::deserialize(corpus.request_seed(), &json).expect("decodes");
            prop_assert_eq!(&direct, &request, "direct decoding, request {}", json);
            let text = json.to_string();
            let mut from_text = serde_json::Deserializer::from_str(&text);
            prop_assert_eq!(&serde::de::DeserializeSeed::deserialize(corpus.request_seed(), &mut from_text).expect("decodes"), &request);
            Ok(())
        })
        .expect("agreement");
}
