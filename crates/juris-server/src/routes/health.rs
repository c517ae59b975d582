//! Liveness, readiness and metrics.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::routes::shapes::{Alive, Ready};
use crate::state::AppState;

/// `GET /health`: the process is alive.
pub async fn alive() -> Response {
    axum::Json(Alive { status: "ok".into() }).into_response()
}

/// `GET /health/ready`: a corpus is loaded and the log can be written.
pub async fn ready(State(state): State<AppState>) -> Response {
    let corpus = state.corpus().hash().to_owned();
    let log = match state.log() {
        None => Ok("off"),
        Some(log) if !log.healthy() => Err("the last commit failed".to_owned()),
        Some(log) => log.with_store(|store| store.check_writable()).await.map(|()| "writable").map_err(|e| {
            tracing::warn!(error = %e, "the decision log is not writable");
            "not writable".to_owned()
        }),
    };
    match log {
        Ok(log) => axum::Json(Ready { status: "ready".into(), corpus, log: log.into() }).into_response(),
        Err(why) => (StatusCode::SERVICE_UNAVAILABLE, axum::Json(Ready { status: "unavailable".into(), corpus, log: why })).into_response(),
    }
}

/// `GET /metrics`: Prometheus text.
pub async fn metrics(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics().render(state.log())).into_response()
}
