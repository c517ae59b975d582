//! `POST /v1/admin/reload`: loads the corpus again; a corpus with errors is refused and the old
//! one keeps serving.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use crate::auth::Role;
use crate::error::{ApiError, ErrorCode, Message};
use crate::routes::shapes::Reloaded;
use crate::state::{AppState, ReloadError};

pub async fn reload(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    state.tokens().require(&headers, Role::Admin)?;
    let previous = state.corpus().hash().to_owned();
    let worker = state.clone();
    let result = tokio::task::spawn_blocking(move || worker.reload()).await.map_err(|e| ApiError::internal(&e))?;
    match result {
        Ok(hash) => Ok(axum::Json(Reloaded { corpus: hash, previous }).into_response()),
        Err(e) => Err(ApiError::new(ErrorCode::CorpusRejected, rejected(e))),
    }
}

/// Why the corpus was refused, in the catalog's words ([`ReloadError`]'s English).
fn rejected(error: ReloadError) -> Message {
    match error {
        ReloadError::NoLoader => Message::new("server-reload-no-loader"),
        ReloadError::Unreadable(detail) => Message::new("server-reload-unreadable").arg("detail", detail),
        ReloadError::Invalid { count, first } => Message::new("server-reload-invalid").arg("count", count).arg("first", first),
    }
}
