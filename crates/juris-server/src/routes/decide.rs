//! `POST /v1/decide`: one request, or `{"requests": [...]}`; every decision is logged before it
//! is answered, and carries its `decision_id` and `log_index`.

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use juris::Corpus;
use juris_api::{Lang, v1};
use serde_json::{Map, Value};

use crate::auth::Role;
use crate::config::LogPolicy;
use crate::error::{ApiError, ErrorCode, Message};
use crate::journal::Entry;
use crate::log::record::{canonical_bytes, sha256_tagged};
use crate::state::{AppState, ENGINE};

/// One decided request, before logging.
struct Decided {
    /// The decision as logged: the engine's answer and its `decision_id`.
    decision: Map<String, Value>,
    entry: Entry,
}

/// The clock, read once at the edge when a request arrives.
pub struct Arrival {
    pub decided_at: String,
    pub today: String,
}

impl Arrival {
    pub fn now() -> Arrival {
        let now = jiff::Timestamp::now();
        Arrival { decided_at: now.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(), today: now.strftime("%Y-%m-%d").to_string() }
    }
}

pub async fn decide(State(state): State<AppState>, headers: HeaderMap, request: Request) -> Result<Response, ApiError> {
    let arrival = Arrival::now();
    if !state.config().access.public_decide {
        state.tokens().require(&headers, Role::Decide)?;
    }
    let lang = crate::body::lang(&headers);
    let body = crate::body::read_json(request, &state.config().limits).await?;
    let corpus = state.corpus();
    let Value::Object(mut object) = body else {
        return Err(ApiError::new(ErrorCode::BadRequest, Message::new("server-body-not-an-object")));
    };
    let batch = object.remove("requests");
    let Some(batch) = batch else {
        let decided = decide_one(&corpus, Value::Object(object), &arrival, lang)?;
        let mut answered = log(&state, vec![decided]).await?;
        let decision = answered.pop().map(Value::Object).unwrap_or_default();
        return Ok(with_corpus(&corpus, axum::Json(decision)));
    };
    if let Some(key) = object.keys().next() {
        return Err(ApiError::new(ErrorCode::BadRequest, Message::new("server-beside-requests").arg("field", key)).field(key.clone()));
    }
    let Value::Array(items) = batch else {
        return Err(ApiError::new(ErrorCode::BadRequest, Message::new("server-requests-not-a-list")).field("requests"));
    };
    let limit = state.config().limits.batch;
    if items.is_empty() || items.len() > limit {
        let message = Message::new("server-batch-size").arg("limit", limit).arg("count", items.len());
        return Err(ApiError::new(ErrorCode::TooLarge, message).field("requests"));
    }
    let mut slots = Vec::with_capacity(items.len());
    let mut decided = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match decide_one(&corpus, item.clone(), &arrival, lang) {
            Ok(d) => {
                slots.push((item, Ok(decided.len())));
                decided.push(d);
            }
            Err(mut e) => {
                e.request = Some(i + 1);
                slots.push((item, Err(e)));
            }
        }
    }
    let mut answered = if decided.is_empty() { Vec::new() } else { log(&state, decided).await? };
    let mut out = Vec::with_capacity(slots.len());
    for (request, slot) in slots {
        let mut item = Map::new();
        item.insert("request".into(), request);
        match slot {
            Ok(position) => item.append(&mut answered[position]),
            Err(e) => {
                item.insert("error".into(), serde_json::to_value(e.in_lang(lang)).unwrap_or_default());
            }
        }
        out.push(Value::Object(item));
    }
    Ok(with_corpus(&corpus, axum::Json(serde_json::json!({ "decisions": out }))))
}

/// Adds the headers naming the corpus that decided and the engine.
fn with_corpus(corpus: &Corpus, body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    if let Ok(hash) = corpus.hash().parse() {
        response.headers_mut().insert(crate::CORPUS_HEADER, hash);
    }
    response
}

/// Decides one request given as JSON (with its `as_of`), as the CLI does (through `juris-api`),
/// without logging; `juris log replay` uses it to decide logged requests again.
pub fn decide_json(corpus: &Corpus, request: &Value, lang: Lang) -> Result<v1::Decision, ApiError> {
    juris_api::handle::decide_value(corpus, request.clone(), lang).map_err(ApiError::from)
}

/// Resolves and decides one request; the decision is not yet logged.
fn decide_one(corpus: &Corpus, request: Value, arrival: &Arrival, lang: Lang) -> Result<Decided, ApiError> {
    let Value::Object(mut fields) = request else {
        return Err(ApiError::new(ErrorCode::BadRequest, Message::new("server-request-not-an-object")));
    };
    // A request without a date is about the day it arrived, which the decision echoes.
    if fields.get("as_of").is_none_or(Value::is_null) {
        fields.insert("as_of".into(), Value::String(arrival.today.clone()));
    }
    let request = Value::Object(fields);
    let view = decide_json(corpus, &request, lang)?;
    let Ok(Value::Object(mut decision)) = serde_json::to_value(&view) else {
        return Err(ApiError::internal(&"a decision did not serialise to an object"));
    };
    let decision_id = new_decision_id();
    decision.insert("decision_id".into(), Value::String(decision_id.clone()));
    let decision_value = Value::Object(decision);
    let decision_bytes = canonical_bytes(&decision_value);
    let Value::Object(decision) = decision_value else { return Err(ApiError::internal(&"a decision is not an object")) };
    let request_bytes = canonical_bytes(&request);
    let entry = Entry {
        decision_id,
        decided_at: arrival.decided_at.clone(),
        corpus: corpus.hash().to_owned(),
        engine: ENGINE.to_owned(),
        outcome: decision.get("outcome").and_then(Value::as_str).unwrap_or_default().to_owned(),
        deciding: {
            let mut ids: Vec<String> = view.deciding.iter().map(|r| r.rule.clone()).collect();
            ids.sort();
            ids
        },
        request_hash: hash_of(&request_bytes),
        decision_hash: hash_of(&decision_bytes),
        decision: String::from_utf8(decision_bytes).unwrap_or_default(),
        request: String::from_utf8(request_bytes).unwrap_or_default(),
    };
    Ok(Decided { decision, entry })
}

fn hash_of(bytes: &[u8]) -> String {
    sha256_tagged(bytes)
}

/// Appends the decisions to the log and returns them with their `log_index`.
async fn log(state: &AppState, decided: Vec<Decided>) -> Result<Vec<Map<String, Value>>, ApiError> {
    state.metrics().decisions(decided.iter().map(|d| d.entry.outcome.as_str()));
    let first = match state.log() {
        None => None,
        Some(log) => match log.append(decided.iter().map(|d| d.entry.clone()).collect()).await {
            Ok(first) => Some(first),
            Err(e) if state.config().log_policy == LogPolicy::BestEffort => {
                tracing::warn!(error = %e, "answering without a log record (best-effort policy)");
                state.metrics().unlogged.fetch_add(decided.len() as u64, std::sync::atomic::Ordering::Relaxed);
                None
            }
            Err(e) => return Err(ApiError::log_unavailable(&e)),
        },
    };
    Ok(decided
        .into_iter()
        .enumerate()
        .map(|(i, mut d)| {
            d.decision.insert("log_index".into(), first.map_or(Value::Null, |f| Value::from(f + i as u64)));
            d.decision
        })
        .collect())
}

/// A decision id: 128 random bits in hex, unguessable, so that holding one is what lets a
/// person fetch its receipt.
fn new_decision_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // The operating system's random source does not fail on supported platforms; a clock-
        // and counter-based id keeps ids unique if it ever does.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let t = jiff::Timestamp::now().as_nanosecond();
        bytes[..8].copy_from_slice(&n.to_be_bytes());
        bytes[8..].copy_from_slice(&(t as u64).to_be_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
