//! Reading the law: `GET /v1/corpus` (the documents with their citations and sourcing) and
//! `GET /v1/corpus/rules/{id}` (one rule with its quoted source text).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::auth::Role;
use crate::error::{ApiError, ErrorCode};
use crate::state::{AppState, ENGINE};

fn check_access(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    if !state.config().access.public_law {
        state.tokens().require(headers, Role::Decide)?;
    }
    Ok(())
}

pub async fn corpus(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    check_access(&state, &headers)?;
    let corpus = state.corpus();
    let v = &corpus.vocabulary;
    let documents: Vec<_> = corpus
        .documents
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "title": d.title,
                "citation": d.citation,
                "kind": d.kind.name(),
                "jurisdiction": v.jurisdictions[d.jurisdiction as usize].id,
                "sources": d.sources,
                "confidence": d.confidence.name(),
                "effective": d.effective.map(|e| e.to_string()),
                "ends": d.ends.map(|e| e.to_string()),
                "rules": d.rules.iter().map(|&r| corpus.rules[r as usize].id.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(axum::Json(json!({
        "corpus": corpus.hash,
        "engine": ENGINE,
        "documents": documents,
        "rules": corpus.rules.len(),
        "jurisdictions": v.jurisdictions.iter().map(|j| j.id.clone()).collect::<Vec<_>>(),
    }))
    .into_response())
}

pub async fn rule(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Result<Response, ApiError> {
    check_access(&state, &headers)?;
    let corpus = state.corpus();
    let Some(rule) = corpus.rule_id(&id) else {
        return Err(ApiError::new(ErrorCode::NotFound, format!("no rule `{id}` in this corpus")).field("id"));
    };
    Ok(axum::Json(corpus.rule_view(rule)).into_response())
}
