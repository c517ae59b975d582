//! `GET /v1/corpus/rules/{id}`: one rule with its citation and quoted source text.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use crate::auth::Role;
use crate::error::{ApiError, ErrorCode, Message};
use crate::state::AppState;

fn check_access(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    if !state.config().access.public_law {
        state.tokens().require(headers, Role::Decide)?;
    }
    Ok(())
}

pub async fn rule(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Result<Response, ApiError> {
    check_access(&state, &headers)?;
    let corpus = state.corpus();
    let Some(rule) = corpus.rule_id(&id) else {
        return Err(ApiError::new(ErrorCode::NotFound, Message::new("server-no-rule").arg("id", &id)).field("id"));
    };
    Ok(axum::Json(juris_api::v1::Rule::from_view(&corpus.rule_view(rule))).into_response())
}
