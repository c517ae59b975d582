//! The log endpoints: the latest signed checkpoint (and one signed on demand), inclusion and
//! consistency proofs (public: they reveal only hashes), receipts, and redaction of a stored
//! request. A proof or receipt of a record no checkpoint covers yet has one signed first.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::Role;
use crate::error::{ApiError, ErrorCode, Message};
use crate::journal::{DecisionLog, LogError};
use crate::log::merkle::ProofError;
use crate::log::receipt::{InclusionProof, RECEIPT_VERSION, Receipt};
use crate::log::record::LogRecord;
use crate::routes::shapes::{ConsistencyAnswer, InclusionAnswer, Redacted};
use crate::state::AppState;
use crate::store::StoredRequest;

fn the_log(state: &AppState) -> Result<&DecisionLog, ApiError> {
    state.log().ok_or_else(|| ApiError::new(ErrorCode::NotFound, Message::new("server-no-log")))
}

fn proof_error(e: LogError) -> ApiError {
    match e {
        LogError::Proof(ProofError::IndexOutOfRange { index, size }) => {
            ApiError::new(ErrorCode::NotFound, Message::new("server-index-not-in-tree").arg("index", index).arg("size", size))
        }
        LogError::Proof(ProofError::SizeOutOfRange { requested, size }) => {
            ApiError::new(ErrorCode::NotFound, Message::new("server-size-out-of-range").arg("requested", requested).arg("size", size))
        }
        LogError::Proof(ProofError::Backwards { from, to }) => {
            ApiError::new(ErrorCode::NotFound, Message::new("server-sizes-backwards").arg("from", from).arg("to", to))
        }
        LogError::Unavailable(_) | LogError::Stopped | LogError::Store(_) => ApiError::log_unavailable(&e),
        other => ApiError::internal(&other),
    }
}

/// A checkpoint covering the record at `index`, signed now when the latest does not; an index
/// past the committed records is `not_found`.
async fn covering(log: &DecisionLog, index: u64) -> Result<(), ApiError> {
    let size = log.size();
    if index >= size {
        return Err(ApiError::new(ErrorCode::NotFound, Message::new("server-index-not-in-log").arg("index", index).arg("size", size))
            .field("index"));
    }
    log.covering(index + 1).await.map_err(proof_error)?;
    Ok(())
}

/// `GET /v1/log/checkpoint`: the latest signed checkpoint, as a C2SP signed note.
pub async fn checkpoint(State(state): State<AppState>) -> Result<Response, ApiError> {
    let log = the_log(&state)?;
    let Some(checkpoint) = log.checkpoint() else {
        return Err(ApiError::new(ErrorCode::NotFound, Message::new("server-no-checkpoint")));
    };
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], checkpoint.note).into_response())
}

/// `POST /v1/log/checkpoint` (admin): signs a checkpoint of every committed record now.
pub async fn sign(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    state.tokens().require(&headers, Role::Admin)?;
    let log = the_log(&state)?;
    let checkpoint = log.sign().await.map_err(proof_error)?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], checkpoint.note).into_response())
}

/// `GET /v1/log/key`: the verifier key of the log's checkpoints.
pub async fn key(State(state): State<AppState>) -> Result<Response, ApiError> {
    let log = the_log(&state)?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{}\n", log.verifier.encode())).into_response())
}

/// `GET /v1/log/proof/{index}`: the inclusion proof of a record at the latest checkpoint.
pub async fn proof(State(state): State<AppState>, Path(index): Path<String>) -> Result<Response, ApiError> {
    let log = the_log(&state)?;
    let index: u64 = index
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::BadRequest, Message::new("server-not-an-index").arg("index", &index)).field("index"))?;
    covering(log, index).await?;
    let (hashes, checkpoint) = log.inclusion(index).map_err(proof_error)?;
    let proof = InclusionProof::new(index, checkpoint.size, &hashes);
    Ok(axum::Json(InclusionAnswer { index: proof.index, tree_size: proof.tree_size, hashes: proof.hashes, checkpoint: checkpoint.note })
        .into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sizes {
    from: u64,
    to: u64,
}

/// `GET /v1/log/consistency?from=N&to=M`: proof that the tree of size M extends the tree of size N.
pub async fn consistency(
    State(state): State<AppState>,
    sizes: Result<Query<Sizes>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let log = the_log(&state)?;
    let Query(sizes) = sizes.map_err(|e| {
        ApiError::new(ErrorCode::BadRequest, Message::new("server-bad-sizes").arg("detail", e.to_string()))
            .hint(Message::new("server-hint-sizes"))
    })?;
    let hashes = log.consistency(sizes.from, sizes.to).map_err(proof_error)?;
    let proof = InclusionProof::new(0, sizes.to, &hashes);
    let to_root = log.root(sizes.to).map_err(proof_error)?;
    let from_root = log.root(sizes.from).map_err(proof_error)?;
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(axum::Json(ConsistencyAnswer {
        from: sizes.from,
        to: sizes.to,
        from_root: b64.encode(from_root),
        to_root: b64.encode(to_root),
        hashes: proof.hashes,
    })
    .into_response())
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ReceiptQuery {
    #[serde(default)]
    request: bool,
}

/// `GET /v1/log/receipt/{decision_id}`: the decision, its record, its inclusion proof and the
/// checkpoint; with `?request=true` and a `log-read` token, the request too.
pub async fn receipt(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(decision_id): Path<String>,
    query: Result<Query<ReceiptQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let log = the_log(&state)?;
    let Query(query) = query.map_err(|e| crate::routes::analysis::bad_query(&e).hint(Message::new("server-hint-receipt-query")))?;
    if query.request {
        state.tokens().require(&headers, Role::LogRead)?;
    }
    let id = decision_id.clone();
    let found = log.with_store(move |store| store.record_by_id(&id)).await.map_err(|e| ApiError::internal(&e))?;
    let Some(stored) = found else {
        return Err(ApiError::new(ErrorCode::NotFound, Message::new("server-no-decision").arg("id", &decision_id)).field("decision_id"));
    };
    let record: LogRecord = serde_json::from_str(&stored.record).map_err(|e| ApiError::internal(&e))?;
    let decision: serde_json::Value = serde_json::from_str(&stored.decision).map_err(|e| ApiError::internal(&e))?;
    let request = if query.request {
        let hash = record.request_hash.clone();
        match log.with_store(move |store| store.request(&hash)).await.map_err(|e| ApiError::internal(&e))? {
            StoredRequest::Present(text) => Some(serde_json::from_str(&text).map_err(|e| ApiError::internal(&e))?),
            StoredRequest::Redacted | StoredRequest::Missing => None,
        }
    } else {
        None
    };
    covering(log, record.index).await?;
    let (hashes, checkpoint) = log.inclusion(record.index).map_err(proof_error)?;
    let receipt = Receipt {
        receipt: RECEIPT_VERSION,
        proof: InclusionProof::new(record.index, checkpoint.size, &hashes),
        decision,
        record,
        checkpoint: checkpoint.note,
        key: log.verifier.encode(),
        request,
    };
    Ok(axum::Json(receipt).into_response())
}

/// `DELETE /v1/log/requests/{hash}`: removes a stored request's facts (admin); its hash, and so
/// every record's verification, remain.
pub async fn redact(State(state): State<AppState>, headers: HeaderMap, Path(hash): Path<String>) -> Result<Response, ApiError> {
    state.tokens().require(&headers, Role::Admin)?;
    let log = the_log(&state)?;
    let key = hash.clone();
    let removed = log.with_store(move |store| store.redact(&key)).await.map_err(|e| ApiError::internal(&e))?;
    if !removed {
        return Err(ApiError::new(ErrorCode::NotFound, Message::new("server-no-stored-request").arg("hash", &hash)).field("hash"));
    }
    tracing::info!(request_hash = %hash, "request redacted");
    Ok(axum::Json(Redacted { redacted: hash }).into_response())
}
