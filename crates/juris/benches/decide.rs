//! Benchmarks of in-process decisions on the shipped corpus, once requests are resolved.
//!
//! Run with `cargo bench -p juris --bench decide`. The corpus is read from `corpus/` at the
//! repository root; figures are reported in the README.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

use std::hint::black_box;
#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use juris::{Corpus, RawRequest, Request};

fn corpus() -> Corpus {
    common::shipped()
}

fn request(corpus: &Corpus, json: &str) -> Request {
    let raw: RawRequest = serde_json::from_str(json).expect("request");
    corpus.resolve(&raw).expect("valid request")
}

fn decide(c: &mut Criterion) {
    let corpus = corpus();
    let cases = [
        (
            "montgomery-jail-hold",
            r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":"2019-08-13","action":"hold","facts":{"warrant":"administrative","detainer_form":"I-247A","role":"inmate","acting_under_287g":false,"hold_exceeds_48_hours":false,"hold_exceeds_48_hours_excluding_weekends":false,"charges":[{"offense":"rape","level":"felony"}],"convictions":[{"offense":"battery","level":"misdemeanor","date":"2016-05-01"}]}}"#,
        ),
        (
            "montgomery-jail-hold-no-warrant",
            r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":"2019-08-13","action":"hold","facts":{"warrant":"none","detainer_form":"I-247A","role":"inmate","acting_under_287g":false,"hold_exceeds_48_hours":false,"hold_exceeds_48_hours_excluding_weekends":false,"charges":[{"offense":"dui","level":"misdemeanor"}],"convictions":[]}}"#,
        ),
        (
            "prince-georges-notify",
            r#"{"jurisdiction":"us-md-prince-georges","agency":"corrections","as_of":"2019-07-01","action":"notify","facts":{"warrant":"none","detainer_form":"I-247A","charges":[{"offense":"assault","level":"felony"}],"convictions":[]}}"#,
        ),
        (
            "california-notify",
            r#"{"jurisdiction":"us-ca-county","agency":"sheriff","as_of":"2019-04-01","action":"notify","facts":{"warrant":"none","release_info_public":false,"sex_offender_registrant":false,"aggravated_felony_conviction":false,"federal_felony_warrant":false,"held_to_answer":false,"convictions":[{"offense":"battery","level":"misdemeanor","date":"2016-05-01"}],"charges":[]}}"#,
        ),
        (
            "montgomery-hold-warrant-unknown",
            r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":"2019-08-13","action":"hold","facts":{}}"#,
        ),
    ];
    let mut group = c.benchmark_group("decide");
    group.throughput(Throughput::Elements(1));
    for (name, json) in cases {
        let request = request(&corpus, json);
        group.bench_function(name, |b| b.iter(|| black_box(corpus.decide(black_box(&request)))));
        group.bench_function(format!("{name}/outcome-only"), |b| b.iter(|| black_box(corpus.outcome(black_box(&request)))));
    }
    group.finish();
    let json = cases[0].1;
    c.bench_function("decode-and-decide/montgomery-jail-hold", |b| {
        b.iter(|| {
            let mut de = serde_json::Deserializer::from_str(black_box(json));
            let request = serde::de::DeserializeSeed::deserialize(corpus.request_seed(), &mut de).expect("valid");
            black_box(corpus.outcome(&request))
        })
    });
    // The cost of `cases`: every fact unknown, so the decision searches the regions of the
    // missing facts and chooses the next question.
    let mut group = c.benchmark_group("cases");
    group.throughput(Throughput::Elements(1));
    for (name, json) in [
        (
            "montgomery-hold-all-unknown",
            r#"{"jurisdiction":"us-md-montgomery","agency":"corrections","as_of":"2019-08-13","action":"hold","facts":{}}"#,
        ),
        (
            "howard-inquire-status-all-unknown",
            r#"{"jurisdiction":"us-md-howard","agency":"police","as_of":"2020-01-01","action":"inquire_status","facts":{}}"#,
        ),
        (
            "prince-georges-notify-all-unknown",
            r#"{"jurisdiction":"us-md-prince-georges","agency":"corrections","as_of":"2019-07-01","action":"notify","facts":{}}"#,
        ),
        // The costliest kind: California's notification criteria over charges and convictions,
        // only the warrant and the detainer known: the search reaches its bound (`CASES_BUDGET`).
        (
            "california-notify-two-facts",
            r#"{"jurisdiction":"us-ca-county","agency":"sheriff","as_of":"2020-07-06","action":"notify","facts":{"detainer_form":"I-247","warrant":"none"}}"#,
        ),
    ] {
        let request = request(&corpus, json);
        let decision = corpus.decide(&request);
        assert!(!decision.cases.is_empty(), "{name} has cases");
        group.bench_function(name, |b| b.iter(|| black_box(corpus.decide(black_box(&request)))));
    }
    group.finish();
    let raw: RawRequest = serde_json::from_str(cases[0].1).expect("request");
    c.bench_function("resolve-and-decide/montgomery-jail-hold", |b| {
        b.iter(|| black_box(corpus.decide(&corpus.resolve(black_box(&raw)).expect("valid"))))
    });
}

criterion_group!(benches, decide);
criterion_main!(benches);
