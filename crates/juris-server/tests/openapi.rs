//! `/openapi.json` against the router: every documented operation is answered by a route (not
//! the fallback), with a status the document lists, and the router answers nothing under `/v1/`
//! that the document does not list.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::*;
use juris_server::{Config, ENDPOINTS};
use serde_json::Value;

/// Whether an answer is the router's fallback (no such path, or no such method there).
fn is_fallback(status: StatusCode, body: &Value) -> bool {
    let message = body["error"]["message"].as_str().unwrap_or_default();
    status == StatusCode::NOT_FOUND && (message.starts_with("no endpoint") || message.contains("does not answer"))
}

#[tokio::test]
async fn every_documented_operation_is_routed_and_answers_a_documented_status() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    // One decision, so that the log endpoints have a record to speak of.
    send(&app, post_json("/v1/decide", &example())).await;
    let (status, _, document) = send(&app, get("/openapi.json", None)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().unwrap();
    let operations: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(operations, ENDPOINTS.len(), "one operation per endpoint");
    for endpoint in ENDPOINTS {
        let op = &document["paths"][endpoint.path][endpoint.method];
        let mut uri = endpoint.path.to_owned();
        let mut query = Vec::new();
        for p in endpoint.parameters {
            match p.place {
                "path" => uri = uri.replace(&format!("{{{}}}", p.name), p.example),
                _ if p.required => query.push(format!("{}={}", p.name, p.example)),
                _ => {}
            }
        }
        if !query.is_empty() {
            uri = format!("{uri}?{}", query.join("&"));
        }
        let method: Method = endpoint.method.to_uppercase().parse().unwrap();
        let mut request = Request::builder().method(method).uri(&uri);
        let body = if endpoint.body.is_some() {
            request = request.header("content-type", "application/json");
            Body::from(if endpoint.path == "/v1/decide" { example().to_string() } else { "{}".to_owned() })
        } else {
            Body::empty()
        };
        let (status, headers, answer) = send(&app, request.body(body).unwrap()).await;
        assert!(!is_fallback(status, &answer), "{} {uri} is documented but not routed: {answer}", endpoint.method);
        let code = status.as_u16().to_string();
        assert!(
            op["responses"].get(&code).is_some(),
            "{} {uri} answered {code}, which the document does not list: {answer}",
            endpoint.method
        );
        assert!(headers.contains_key("juris-engine"), "{uri}");
        if status.is_success() {
            if let Some(name) = endpoint.answer_schema() {
                let schema = &document["components"]["schemas"][name];
                for field in schema["required"].as_array().into_iter().flatten() {
                    let field = field.as_str().unwrap();
                    assert!(answer.get(field).is_some(), "{uri}: the answer lacks `{field}`, which {name} requires: {answer}");
                }
            }
        } else {
            error_of(&answer, answer["error"]["code"].as_str().unwrap_or("(none)"));
        }
    }
}

#[tokio::test]
async fn the_router_answers_no_undocumented_api_path() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    for (method, uri) in
        [("GET", "/v1/decisions"), ("PUT", "/v1/decide"), ("GET", "/v1/admin/reload"), ("DELETE", "/v1/log/checkpoint"), ("GET", "/v1")]
    {
        let request = Request::builder().method(method).uri(uri).body(Body::empty()).unwrap();
        let (status, _, body) = send(&app, request).await;
        assert!(is_fallback(status, &body), "{method} {uri} is answered but not documented: {status} {body}");
    }
}
