//! Shared by the page tests: the shipped corpus loaded once, requests through `oneshot`, and
//! the shipped scenarios.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, reason = "each test crate uses some helpers; tests stop loudly")]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use juris::scenario::{Scenario, is_suite, parse_suite};
use juris::{Date, Source};
use juris_server::auth::Tokens;
use juris_server::{AppState, Config, Law, PageState};
use tower::ServiceExt;

/// The date the tests' server takes as today.
pub const TODAY: &str = "2026-01-15";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn read(dir: &Path, root: &Path, out: &mut Vec<Source>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push(Source::new(relative, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// Every file of the shipped corpus.
pub fn sources() -> &'static [Source] {
    static SOURCES: OnceLock<Vec<Source>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let root = corpus_dir();
        let mut out = Vec::new();
        read(&root, &root, &mut out);
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    })
}

/// The shipped corpus as the service serves it, loaded once.
pub fn served() -> &'static Arc<juris_server::Served> {
    static SERVED: OnceLock<Arc<juris_server::Served>> = OnceLock::new();
    SERVED.get_or_init(|| Arc::new(juris_server::Served::load(sources()).expect("the shipped corpus loads")))
}

/// The page state, with today fixed.
pub fn state() -> PageState {
    let today = Date::parse(TODAY).unwrap();
    PageState::new(Arc::new(move || today))
}

/// The law the pages answer from.
pub fn law() -> Law {
    Law::new(served().clone())
}

/// The shipped scenarios.
pub fn scenarios() -> Vec<Scenario> {
    sources().iter().filter(|s| is_suite(&s.path)).flat_map(|s| parse_suite(&s.path, &s.text).unwrap()).collect()
}

/// The service with the page, as `juris serve` builds it (no decision log).
pub fn app() -> axum::Router {
    static SERVICE: OnceLock<AppState> = OnceLock::new();
    let service = SERVICE.get_or_init(|| {
        let corpus = juris_server::Served::load(sources()).expect("the shipped corpus loads");
        AppState::new(corpus, None, None, Tokens::default(), Config::default()).with_page(state())
    });
    juris_server::app(service.clone())
}

fn send(path: &str) -> axum::response::Response {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let request = Request::get(path).body(Body::empty()).unwrap();
        app().oneshot(request).await.unwrap()
    })
}

/// The status and body of `GET path`.
pub fn get(path: &str) -> (StatusCode, String) {
    let response = send(path);
    let status = response.status();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let bytes = runtime.block_on(async { response.into_body().collect().await.unwrap().to_bytes() });
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The status and `Location` of `GET path`.
pub fn redirect(path: &str) -> (StatusCode, String) {
    let response = send(path);
    let location = response.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
    (response.status(), location)
}

/// The value of the first `name="..."` attribute in `html`.
pub fn attribute(html: &str, name: &str) -> String {
    let start = html.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}
