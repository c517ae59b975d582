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
pub mod routes;
pub mod serve;
pub mod state;
pub mod store;

use std::collections::BTreeMap;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;

pub use config::{Access, Config, Limits, LogPolicy};
pub use error::{ApiError, ErrorCode, Message};
pub use page::{Law, PageState};
pub use routes::decide::decide_json;
pub use routes::openapi::document as openapi_document;
pub use routes::{ENDPOINTS, Endpoint};
pub use state::{AppState, CorpusLoader, ENGINE, Served};

/// The header naming the hash of the corpus that answered.
pub const CORPUS_HEADER: &str = "juris-corpus";
/// The header naming the engine and its version.
pub const ENGINE_HEADER: &str = "juris-engine";

/// The service's routes over a state, with the public page when the state has it; tests drive
/// it without a socket. The routes are those of [`routes::ENDPOINTS`], the table the OpenAPI
/// document is generated from.
pub fn app(state: AppState) -> Router {
    let page = state.page().cloned().map(|p| page::router(p, state.clone()));
    let mut methods: BTreeMap<&str, MethodRouter<AppState>> = BTreeMap::new();
    for endpoint in routes::ENDPOINTS {
        let handler = (endpoint.handler)();
        let merged = match methods.remove(endpoint.route) {
            Some(other) => other.merge(handler),
            None => handler,
        };
        methods.insert(endpoint.route, merged);
    }
    let mut service = Router::new();
    for (route, handler) in methods {
        service = service.route(route, handler);
    }
    let service = service
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), deadline))
        .layer(middleware::from_fn_with_state(state.clone(), stamp))
        .layer(middleware::from_fn(error::localize))
        .with_state(state);
    match page {
        Some(page) => service.merge(page),
        None => service,
    }
}

/// Answers `deadline_exceeded` when a request takes longer than `--request-timeout`.
async fn deadline(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.config().limits.request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(seconds = limit.as_secs_f64(), "a request ran past its deadline");
            let seconds = limit.as_secs_f64().to_string();
            ApiError::new(ErrorCode::DeadlineExceeded, Message::new("server-deadline").arg("seconds", seconds))
                .hint(Message::new("server-hint-deadline"))
                .into_response()
        }
    }
}

async fn not_found(request: Request) -> ApiError {
    ApiError::new(ErrorCode::NotFound, Message::new("server-no-endpoint").arg("path", request.uri().path()))
        .hint(Message::new("server-hint-endpoints"))
}

async fn method_not_allowed(request: Request) -> ApiError {
    let message = Message::new("server-method-not-allowed").arg("path", request.uri().path()).arg("method", request.method().as_str());
    ApiError::new(ErrorCode::NotFound, message).hint(Message::new("server-hint-methods"))
}

/// Counts every answer and names the corpus and engine on it.
async fn stamp(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CORPUS_HEADER) {
        if let Ok(hash) = HeaderValue::from_str(state.corpus().hash()) {
            headers.insert(CORPUS_HEADER, hash);
        }
    }
    headers.insert(ENGINE_HEADER, HeaderValue::from_static(ENGINE));
    state.metrics().request(&route, response.status().as_u16(), started.elapsed());
    response
}
