//! `juris serve`: the HTTP decision service. Every decision is appended to a durable log, a
//! Merkle tree with signed checkpoints, before its answer is sent, so that anyone holding a
//! checkpoint can verify any decision offline.
//!
//! [`log`] is the pure core (tree, checkpoints, records, verification, receipts); [`store`] keeps
//! the log in SQLite or PostgreSQL; [`journal`] is the one writer with group commit; [`app`]
//! builds the router from an [`AppState`], and [`serve`] runs it on a socket with the limits.
//! [`page`] is the public page, server-rendered HTML in English and Spanish, mounted by `app`
//! when the state carries a [`PageState`].

pub mod auth;
mod body;
pub mod config;
pub mod error;
pub mod journal;
pub mod log;
pub mod metrics;
pub mod page;
mod routes;
pub mod serve;
pub mod state;
pub mod store;

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, post};

pub use config::{Access, Config, Limits, LogPolicy};
pub use error::{ApiError, ErrorCode};
pub use page::{Law, PageState};
pub use routes::decide::decide_json;
pub use routes::openapi::document as openapi_document;
pub use state::{AppState, CorpusLoader, ENGINE, Served};

/// The header naming the hash of the corpus that answered.
pub const CORPUS_HEADER: &str = "juris-corpus";
/// The header naming the engine and its version.
pub const ENGINE_HEADER: &str = "juris-engine";

/// The service's routes over a state, with the public page when the state has it; tests drive
/// it without a socket.
pub fn app(state: AppState) -> Router {
    let page = state.page().cloned().map(|p| page::router(p, state.clone()));
    let service = Router::new()
        .route("/v1/decide", post(routes::decide::decide))
        .route("/v1/compare", post(routes::analysis::compare))
        .route("/v1/diff", post(routes::analysis::diff))
        .route("/v1/timeline", post(routes::analysis::timeline))
        .route("/v1/bills", get(routes::analysis::bills))
        .route("/v1/corpus", get(routes::analysis::corpus))
        .route("/v1/corpus/rules/{*id}", get(routes::corpus::rule))
        .route("/v1/log/checkpoint", get(routes::log::checkpoint))
        .route("/v1/log/key", get(routes::log::key))
        .route("/v1/log/proof/{index}", get(routes::log::proof))
        .route("/v1/log/consistency", get(routes::log::consistency))
        .route("/v1/log/receipt/{decision_id}", get(routes::log::receipt))
        .route("/v1/log/requests/{hash}", delete(routes::log::redact))
        .route("/v1/admin/reload", post(routes::admin::reload))
        .route("/health", get(routes::health::alive))
        .route("/health/ready", get(routes::health::ready))
        .route("/metrics", get(routes::health::metrics))
        .route("/openapi.json", get(routes::openapi::openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), stamp))
        .with_state(state);
    match page {
        Some(page) => service.merge(page),
        None => service,
    }
}

async fn not_found(request: Request) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("no endpoint `{}`", request.uri().path())).hint("the endpoints are listed at /openapi.json")
}

async fn method_not_allowed(request: Request) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("`{}` does not answer `{}`", request.uri().path(), request.method()))
        .hint("the endpoints and their methods are listed at /openapi.json")
}

/// Counts every answer and names the corpus and engine on it.
async fn stamp(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CORPUS_HEADER) {
        if let Ok(hash) = HeaderValue::from_str(&state.corpus().hash) {
            headers.insert(CORPUS_HEADER, hash);
        }
    }
    headers.insert(ENGINE_HEADER, HeaderValue::from_static(ENGINE));
    state.metrics().request(&route, response.status().as_u16(), started.elapsed());
    response
}
