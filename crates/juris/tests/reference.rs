//! Property: the engine agrees with a straightforward reference interpreter of docs/semantics.md
//! on random, fully specified requests against the shipped corpus, and the batch path
//! (`Corpus::outcome`) agrees with the full decision.
//!
//! The reference walks every rule of the corpus with no index, no masks and no world merging:
//! it follows the semantics section by section, trying every outcome of unsettled rules.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use common::shipped;
use juris::eval::{Env, Tri, Unknowns};
use juris::ir::{DocumentKind, Outcome, RuleOutcome};
use juris::{Corpus, RawRequest, Request};
use proptest::prelude::*;
use serde_json::json;

/// §5: how a lower layer's outcome combines with the one above.
fn combine(higher: Option<Outcome>, lower: Outcome) -> Outcome {
    use Outcome::*;
    match (higher, lower) {
        (None, l) => l,
        (Some(Prohibited), Permitted | Required) => Prohibited,
        (Some(Required), Prohibited | Permitted) => Required,
        (Some(h), Unregulated) => h,
        (Some(_), l) => l,
    }
}

/// The outcome in one world, where `choice` gives each unsettled rule's outcome.
fn reference_world(c: &Corpus, r: &Request, rules: &[usize], applies: &[bool], choice: &dyn Fn(usize) -> Outcome) -> Vec<Outcome> {
    // §3: active = applies and no active exception; exceptions are acyclic.
    fn active(c: &Corpus, rules: &[usize], applies: &[bool], i: usize) -> bool {
        applies[i]
            && !rules.iter().enumerate().any(|(j, &e)| c.rules[e].exception_to.contains(&(rules[i] as u32)) && active(c, rules, applies, j))
    }
    let stack = c.vocabulary.stack(r.jurisdiction);
    let mut current: Vec<Option<Outcome>> = vec![None];
    for layer in stack {
        let layer_rules: Vec<usize> = (0..rules.len())
            .filter(|&i| c.documents[c.rules[rules[i]].doc as usize].jurisdiction == layer && active(c, rules, applies, i))
            .collect();
        if layer_rules.is_empty() {
            continue;
        }
        // §4: the later document governs unless another declares it overrides it.
        let doc = |i: usize| c.rules[rules[i]].doc;
        let overridden = |d: u32| layer_rules.iter().any(|&j| doc(j) != d && c.documents[doc(j) as usize].overrides.contains(&d));
        let start = |d: u32| c.documents[d as usize].start(r.assume_enacted.contains(&d));
        let latest = layer_rules.iter().filter(|&&i| !overridden(doc(i))).map(|&i| start(doc(i))).max().flatten();
        let mut outcomes: Vec<Outcome> =
            layer_rules.iter().filter(|&&i| !overridden(doc(i)) && start(doc(i)) == latest).map(|&i| choice(i)).collect();
        outcomes.sort();
        outcomes.dedup();
        current = current.iter().flat_map(|h| outcomes.iter().map(move |o| Some(combine(*h, *o)))).collect();
    }
    current.into_iter().map(|o| o.unwrap_or(Outcome::Unregulated)).collect()
}

fn reference(c: &Corpus, r: &Request) -> Outcome {
    let env = Env::new(c, &r.facts, r.as_of);
    let stack = c.vocabulary.stack(r.jurisdiction);
    let mut rules = Vec::new();
    let mut applies = Vec::new();
    for (i, rule) in c.rules.iter().enumerate() {
        let doc = &c.documents[rule.doc as usize];
        let in_play = stack.contains(&doc.jurisdiction)
            && rule.agencies & (1 << r.agency) != 0
            && rule.actions & (1 << r.action) != 0
            && doc.kind != DocumentKind::Guidance
            && doc.in_force(r.as_of, r.assume_enacted.contains(&rule.doc))
            && rule.in_period(r.as_of);
        if in_play {
            rules.push(i);
            applies.push(env.eval(&rule.when, &mut Unknowns::default()));
        }
    }
    // Conditions still unknown (a class too coarse to decide an offense) are tried both ways.
    let opaque: Vec<usize> = (0..rules.len()).filter(|&i| applies[i] == Tri::Unknown).collect();
    let unsettled: Vec<(usize, Vec<Outcome>)> = (0..rules.len())
        .filter(|&i| applies[i] != Tri::False)
        .filter_map(|i| match c.rules[rules[i]].outcome {
            RuleOutcome::Uncertain(set) => Some((i, set.iter().collect())),
            RuleOutcome::Definite(_) => None,
        })
        .collect();
    let worlds: usize = unsettled.iter().map(|(_, o)| o.len()).product::<usize>() << opaque.len();
    let mut all = Vec::new();
    for w in 0..worlds {
        let world_applies: Vec<bool> = (0..rules.len())
            .map(|i| match opaque.iter().position(|&k| k == i) {
                Some(bit) => (w >> bit) & 1 == 1,
                None => applies[i] == Tri::True,
            })
            .collect();
        let w = w >> opaque.len();
        let choice = |i: usize| match c.rules[rules[i]].outcome {
            RuleOutcome::Definite(o) => o,
            RuleOutcome::Uncertain(_) => {
                let mut rest = w;
                for (k, outcomes) in &unsettled {
                    if *k == i {
                        return outcomes[rest % outcomes.len()];
                    }
                    rest /= outcomes.len();
                }
                Outcome::Uncertain
            }
        };
        all.extend(reference_world(c, r, &rules, &world_applies, &choice));
    }
    all.sort();
    all.dedup();
    if all.len() == 1 { all[0] } else { Outcome::Uncertain }
}

fn strategy(c: &Corpus) -> impl Strategy<Value = serde_json::Value> {
    let v = &c.vocabulary;
    let jurisdictions: Vec<String> = v.jurisdictions.iter().map(|j| j.id.clone()).collect();
    let agencies: Vec<String> = v.agencies.iter().map(|a| a.0.clone()).collect();
    let actions: Vec<String> = v.actions.iter().map(|a| a.0.clone()).collect();
    // Every lifecycle and rule boundary, the day before it, and a few ordinary days.
    let mut dates: Vec<String> =
        c.documents.iter().flat_map(|d| d.lifecycle.iter().flat_map(|e| [e.date, e.date.previous()])).map(|d| d.to_string()).collect();
    dates.extend(c.rules.iter().flat_map(|r| r.from.into_iter().chain(r.until)).flat_map(|d| [d, d.previous()]).map(|d| d.to_string()));
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
    let records = prop::collection::vec(element, 0..3);
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
