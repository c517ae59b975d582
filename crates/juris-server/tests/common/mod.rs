//! Shared by the service tests: the shipped corpus, a service over a temporary log, and requests
//! sent through the router without a socket.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, reason = "each test crate uses some helpers; tests stop loudly")]

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use juris::Source;
use juris_server::auth::{Tokens, hash_token};
use juris_server::journal::DecisionLog;
use juris_server::log::note::LogKey;
use juris_server::store::LogLocation;
use juris_server::{AppState, Config};
use serde_json::Value;
use tower::ServiceExt;

pub const ADMIN: &str = "admin-token";
pub const READER: &str = "reader-token";

/// The shipped corpus folder.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Every `.md` and `.toml` file under `dir`, with paths relative to it.
pub fn read_corpus(dir: &Path) -> Result<Vec<Source>, String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>) -> Result<(), String> {
        for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push(Source::new(relative, std::fs::read_to_string(&path).map_err(|e| e.to_string())?));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// A test key.
pub fn key() -> LogKey {
    LogKey::from_seed("test.juris/log", [3; 32]).unwrap()
}

pub fn tokens() -> Tokens {
    Tokens::parse(&format!("admin {}\nlog-read {}\n", hash_token(ADMIN), hash_token(READER))).unwrap()
}

/// A service over the shipped corpus with a SQLite log at `path`.
pub fn service_at(path: &Path, config: Config) -> (Router, AppState) {
    let sources = read_corpus(&corpus_dir()).unwrap();
    let corpus = juris_server::Served::load(&sources).expect("the shipped corpus loads");
    let log = DecisionLog::open(LogLocation::Sqlite(path.to_owned()), &key(), "test.juris/log").unwrap();
    let dir = corpus_dir();
    let loader: juris_server::CorpusLoader = std::sync::Arc::new(move || read_corpus(&dir));
    let state = AppState::new(corpus, Some(loader), Some(log), tokens(), config);
    (juris_server::app(state.clone()), state)
}

/// The shipped example request.
pub fn example() -> Value {
    serde_json::from_str(include_str!("../../../../examples/montgomery-jail-hold-2019.json")).unwrap()
}

/// Sends a request; returns the status, the headers and the body (JSON when it parses, else a string).
pub async fn send(app: &Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, headers, body)
}

/// Signs a checkpoint now (`POST /v1/log/checkpoint` as admin) and returns its note.
pub async fn sign(app: &Router) -> String {
    let request = Request::post("/v1/log/checkpoint").header("authorization", format!("Bearer {ADMIN}")).body(Body::empty()).unwrap();
    let (status, _, note) = send(app, request).await;
    assert_eq!(status, StatusCode::OK, "{note}");
    note.as_str().unwrap().to_owned()
}

pub fn post_json(uri: &str, body: &Value) -> Request<Body> {
    Request::post(uri).header("content-type", "application/json").body(Body::from(body.to_string())).unwrap()
}

pub fn get(uri: &str, token: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(uri);
    if let Some(t) = token {
        builder = builder.header("authorization", format!("Bearer {t}"));
    }
    builder.body(Body::empty()).unwrap()
}

/// Asserts that a body is the documented error shape with `code`, and returns the error object.
pub fn error_of(body: &Value, code: &str) -> Value {
    let error = body.get("error").unwrap_or_else(|| panic!("not an error shape: {body}"));
    assert_eq!(error["code"], code, "{body}");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    error.clone()
}
