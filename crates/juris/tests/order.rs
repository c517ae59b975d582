//! Property: outcomes never depend on the order of files or of rules within them (semantics §7).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use common::{doc, effective, sources};
use juris::Corpus;
use proptest::prelude::*;
use serde_json::json;

/// Rules as separate items so that a test can reorder them.
fn documents() -> Vec<(&'static str, &'static str, &'static str, String, Vec<&'static str>)> {
    vec![
        (
            "us/detainers",
            "regulation",
            "\"all\"",
            effective("1997-04-01"),
            vec![
                "rule request {\n  action hold, notify, transfer\n  outcome permitted\n  obligation \"48 hours\"\n}",
                "rule no-civil {\n  action civil_arrest\n  outcome prohibited\n}",
            ],
        ),
        (
            "us-md/statute",
            "statute",
            "\"all\"",
            effective("2021-12-07"),
            vec![
                "rule no-inquiry {\n  action inquire_status\n  when not routine_booking\n  outcome prohibited\n}",
                "rule criminal {\n  action inquire_status\n  when criminal_investigation_relevant\n  outcome uncertain(permitted, prohibited)\n  reason \"(b)(3)-(4) not seen\"\n  exception to no-inquiry\n}",
                "rule no-287g {\n  action enter_287g\n  outcome prohibited\n  from 2026-02-17\n}",
            ],
        ),
        (
            "us-md-montgomery/memo",
            "directive",
            "[\"corrections\"]",
            effective("2014-10-07"),
            vec![
                "rule no-holds {\n  action hold\n  outcome prohibited\n}",
                "rule judge {\n  action hold\n  when warrant = judicial\n  outcome permitted\n  exception to no-holds\n}",
                "rule ice-pc {\n  action hold\n  when warrant = administrative\n  outcome uncertain\n  reason \"unsettled\"\n  exception to no-holds\n}",
                "rule victims {\n  action hold\n  when role in {victim, witness}\n  outcome prohibited\n  exception to judge\n}",
            ],
        ),
        (
            "us-md-montgomery/practice",
            "practice",
            "[\"corrections\"]",
            effective("2010-01-01"),
            vec![
                "rule holds {\n  action hold\n  outcome permitted\n}",
                "rule notify {\n  action notify\n  when any convictions where (offense in {homicide, rape} and date within 15 years)\n  outcome required\n}",
            ],
        ),
        (
            "us-md-montgomery/eo",
            "executive-order",
            "[\"corrections\", \"police\", \"county\"]",
            effective("2019-07-22"),
            vec![
                "rule no-notify {\n  action notify\n  when not held_to_answer\n  outcome prohibited\n}",
                "rule no-287g {\n  action enter_287g\n  outcome permitted\n}",
            ],
        ),
    ]
}

fn build(rule_orders: &[Vec<usize>], reverse_files: bool) -> Corpus {
    let mut docs = Vec::new();
    for (i, (id, kind, binds, lifecycle, rules)) in documents().into_iter().enumerate() {
        let order = &rule_orders[i];
        let body: Vec<&str> = order.iter().map(|&k| rules[k]).collect();
        let (path, text) = doc(id, kind, binds, &lifecycle, &body.join("\n"));
        // Renaming files changes the order in which documents are read.
        let path = if reverse_files { format!("{}/{}", 9 - i, path.replace('/', "-")) } else { path };
        docs.push((path, text));
    }
    let sources = sources(&docs);
    juris::load(&sources).corpus.expect("valid corpus")
}

fn request_strategy() -> impl Strategy<Value = serde_json::Value> {
    let actions = prop::sample::select(vec!["hold", "notify", "transfer", "inquire_status", "enter_287g", "civil_arrest"]);
    let dates = prop::sample::select(vec!["2009-01-01", "2014-10-06", "2014-10-07", "2019-07-22", "2021-12-07", "2026-02-17"]);
    let agencies = prop::sample::select(vec!["corrections", "police", "sheriff"]);
    let warrant = prop::option::of(prop::sample::select(vec!["none", "administrative", "judicial"]));
    let role = prop::option::of(prop::sample::select(vec!["inmate", "victim", "witness"]));
    let flags = (prop::option::of(any::<bool>()), prop::option::of(any::<bool>()), prop::option::of(any::<bool>()));
    let convictions =
        prop::option::of(prop::collection::vec((prop::sample::select(vec!["homicide", "rape", "theft"]), 1990i32..2026), 0..3));
    (actions, dates, agencies, warrant, role, flags, convictions).prop_map(
        |(action, date, agency, warrant, role, (held, booking, relevant), convictions)| {
            let mut facts = serde_json::Map::new();
            if let Some(w) = warrant {
                facts.insert("warrant".into(), json!(w));
            }
            if let Some(r) = role {
                facts.insert("role".into(), json!(r));
            }
            if let Some(b) = held {
                facts.insert("held_to_answer".into(), json!(b));
            }
            if let Some(b) = booking {
                facts.insert("routine_booking".into(), json!(b));
            }
            if let Some(b) = relevant {
                facts.insert("criminal_investigation_relevant".into(), json!(b));
            }
            if let Some(list) = convictions {
                let list: Vec<_> =
                    list.into_iter().map(|(o, y)| json!({"offense": o, "level": "felony", "date": format!("{y}-06-01")})).collect();
                facts.insert("convictions".into(), json!(list));
            }
            json!({"jurisdiction": "us-md-montgomery", "agency": agency, "as_of": date, "action": action, "facts": facts})
        },
    )
}

fn decide(corpus: &Corpus, request: &serde_json::Value) -> juris::DecisionView {
    let raw: juris::RawRequest = serde_json::from_value(request.clone()).expect("shape");
    let mut view = corpus.view(&corpus.decide(&corpus.resolve(&raw).expect("valid")));
    view.corpus.clear();
    view
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn decisions_do_not_depend_on_order(
        request in request_strategy(),
        seeds in prop::collection::vec(any::<u64>(), 5),
        reverse in any::<bool>(),
    ) {
        let natural: Vec<Vec<usize>> = documents().iter().map(|d| (0..d.4.len()).collect()).collect();
        let shuffled: Vec<Vec<usize>> = natural.iter().zip(&seeds).map(|(order, seed)| {
            let mut order = order.clone();
            let mut s = *seed;
            for i in (1..order.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                order.swap(i, (s >> 33) as usize % (i + 1));
            }
            order
        }).collect();
        let a = build(&natural, false);
        let b = build(&shuffled, reverse);
        prop_assert_eq!(decide(&a, &request), decide(&b, &request));
    }
}
