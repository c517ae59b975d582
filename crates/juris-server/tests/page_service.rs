//! The page and the service agree: the page follows a corpus reload (it reads the corpus the
//! service serves now, for every request), and every shared decision case
//! (`tests/cases/decisions.jsonl`) shows on the page the outcome `POST /v1/decide` gives.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod page_support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use juris::{RawRequest, Source};
use juris_server::auth::{Tokens, hash_token};
use juris_server::{AppState, Config, CorpusLoader, Served};
use page_support::{attribute, law, sources};
use tower::ServiceExt;

const ADMIN: &str = "page-test-admin";

async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn page(app: &axum::Router, path: &str) -> String {
    let (status, body) = send(app, Request::get(path).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body
}

/// The outcome a page shows (its first `data-outcome`).
fn shown(body: &str) -> String {
    attribute(&body[body.find("data-outcome=").expect("an outcome") - 1..], "data-outcome")
}

#[tokio::test]
async fn the_page_answers_from_the_corpus_the_service_serves_after_a_reload() {
    // The reloaded corpus differs in one rule: Howard County's 2017 police policy permits the
    // status question it prohibits.
    const FILE: &str = "us-md-howard/police-policy-2017.md";
    const RULE: &str = "action inquire_status\n  outcome prohibited";
    let changed: Vec<Source> = sources()
        .iter()
        .map(|s| {
            if s.path == FILE {
                Source::new(s.path.clone(), s.text.replacen(RULE, "action inquire_status\n  outcome permitted", 1))
            } else {
                s.clone()
            }
        })
        .collect();
    assert!(sources().iter().any(|s| s.path == FILE && s.text.contains(RULE)), "the rule this test changes is gone");
    let reloaded = Served::load(&changed).unwrap();
    let loader: CorpusLoader = Arc::new(move || Ok(changed.clone()));
    let tokens = Tokens::parse(&format!("admin {}\n", hash_token(ADMIN))).unwrap();
    let state =
        AppState::new(Served::load(sources()).unwrap(), Some(loader), None, tokens, Config::default()).with_page(page_support::state());
    let app = juris_server::app(state.clone());
    let before = state.corpus().hash().to_owned();
    assert_ne!(before, reloaded.hash());

    let question = "/us-md-howard/2017-06-01/inquire_status?role=victim";
    for prefix in ["", "/es"] {
        let body = page(&app, &format!("{prefix}{question}")).await;
        assert_eq!(shown(&body), "prohibited");
        assert!(body.contains(&before[..12]), "the page does not name the corpus serving");
    }
    let about = page(&app, "/about").await;
    assert!(about.contains(&before), "the about page does not name the corpus serving");

    let reload = Request::post("/v1/admin/reload").header(header::AUTHORIZATION, format!("Bearer {ADMIN}")).body(Body::empty()).unwrap();
    let (status, body) = send(&app, reload).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    for prefix in ["", "/es"] {
        let body = page(&app, &format!("{prefix}{question}")).await;
        assert_eq!(shown(&body), "permitted", "{prefix}: the page still answers from the old corpus");
        assert!(body.contains(&reloaded.hash()[..12]), "{prefix}: the page names the old corpus");
        assert!(!body.contains(&before[..12]));
    }
    let about = page(&app, "/about").await;
    assert!(about.contains(reloaded.hash()), "the about page names the old corpus");
    let county = page(&app, "/us-md-howard?date=2017-06-01&action=inquire_status&situation=victim-witness").await;
    assert!(county.contains(&reloaded.hash()[..12]));
}

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    request: RawRequest,
    outcome: String,
}

/// The page's permalink for a request: its facts as parameters, its agency and bills too.
fn permalink(request: &RawRequest) -> String {
    let law = law();
    let mut pairs: Vec<(String, String)> = vec![("agency".to_owned(), request.agency.clone())];
    for (fact, value) in &request.facts {
        pairs.push((fact.clone(), law.fact_text(fact, value)));
    }
    for bill in &request.assume_enacted {
        pairs.push(("assume_enacted".to_owned(), bill.clone()));
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap();
    format!("/{}/{}/{}?{query}", request.jurisdiction, request.as_of.clone().unwrap(), request.action)
}

#[tokio::test]
async fn every_shared_case_shows_on_the_page_the_outcome_the_service_decides() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cases/decisions.jsonl")).unwrap();
    let cases: Vec<Case> = text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(cases.len() >= 20, "only {} shared cases", cases.len());
    let app = page_support::app();
    for case in &cases {
        let body = serde_json::to_string(&case.request).unwrap();
        let decide = Request::post("/v1/decide").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
        let (status, decision) = send(&app, decide).await;
        assert_eq!(status, StatusCode::OK, "{}: {decision}", case.name);
        let decision: serde_json::Value = serde_json::from_str(&decision).unwrap();
        let service = decision["outcome"].as_str().unwrap().to_owned();
        assert_eq!(service, case.outcome, "{}: the service and the case disagree", case.name);
        for prefix in ["", "/es"] {
            let path = format!("{prefix}{}", permalink(&case.request));
            let body = page(&app, &path).await;
            assert_eq!(shown(&body), service, "{}: {path}", case.name);
        }
    }
}
