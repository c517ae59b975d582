//! Reading the law through `juris-api`'s entry point: `POST /v1/compare`, `/v1/diff`,
//! `/v1/timeline` (the body is the operation's request), `GET /v1/bills?as_of=...`, and
//! `GET /v1/corpus` (documents, rules, citations, sourcing, situations, vocabulary).

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use juris_api::handle::{Operation, Options};
use serde_json::Value;

use crate::auth::Role;
use crate::error::{ApiError, ErrorCode, Message};
use crate::state::AppState;

fn check_access(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    if !state.config().access.public_law {
        state.tokens().require(headers, Role::Decide)?;
    }
    Ok(())
}

/// Runs one operation on a blocking thread (a diff or a timeline may take a while).
async fn run(state: &AppState, headers: &HeaderMap, operation: Operation, request: Value) -> Result<Response, ApiError> {
    check_access(state, headers)?;
    let lang = crate::body::lang(headers);
    let served = state.corpus();
    let text = request.to_string();
    let answer = tokio::task::spawn_blocking(move || {
        juris_api::handle::run(&served, operation, &text, &Options { lang, situations: served.situations.as_ref() })
    })
    .await
    .map_err(|e| ApiError::internal(&e))?;
    match answer {
        Ok(value) => Ok(axum::Json(value).into_response()),
        Err(e) => Err(ApiError::from(e)),
    }
}

pub async fn compare(State(state): State<AppState>, headers: HeaderMap, request: Request) -> Result<Response, ApiError> {
    let body = crate::body::read_json(request, &state.config().limits).await?;
    run(&state, &headers, Operation::Compare, body).await
}

pub async fn diff(State(state): State<AppState>, headers: HeaderMap, request: Request) -> Result<Response, ApiError> {
    let body = crate::body::read_json(request, &state.config().limits).await?;
    run(&state, &headers, Operation::Diff, body).await
}

pub async fn timeline(State(state): State<AppState>, headers: HeaderMap, request: Request) -> Result<Response, ApiError> {
    let body = crate::body::read_json(request, &state.config().limits).await?;
    run(&state, &headers, Operation::Timeline, body).await
}

/// `GET /v1/bills?as_of=YYYY-MM-DD[&jurisdiction=ID]`.
pub async fn bills(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<axum::extract::Query<serde_json::Map<String, Value>>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let axum::extract::Query(query) = query.map_err(|e| bad_query(&e).hint(Message::new("server-hint-bills-query")))?;
    run(&state, &headers, Operation::Bills, Value::Object(query)).await
}

/// A query string that does not read; `detail` is axum's account of why.
pub(crate) fn bad_query(detail: &dyn std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, Message::new("server-bad-query").arg("detail", detail.to_string()))
}

pub async fn corpus(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    run(&state, &headers, Operation::Corpus, Value::Object(serde_json::Map::new())).await
}
