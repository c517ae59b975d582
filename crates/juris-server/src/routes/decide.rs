//! `POST /v1/decide`: one request, or `{"requests": [...]}`; every decision is logged before it
//! is answered, and carries its `decision_id` and `log_index`.

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use juris::Corpus;
use juris_api::{Lang, v1};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::auth::Role;
use crate::config::LogPolicy;
use crate::error::{ApiError, ErrorCode, Message};
use crate::journal::Entry;
use crate::log::record::{canonical_bytes, cut_around, sha256_tagged};
use crate::state::{AnswerCache, AppState, ENGINE};

/// One answer as the log and the response need it, computed once per distinct request and
/// language for a corpus (and kept while that corpus serves, when answers are kept).
///
/// The response is the decision's canonical JSON (keys sorted) with three members of its own:
/// `decision_id`, `log_index` and, in a batch, the echoed `request`. Their keys sort in that
/// order and after `action`, so each is a `,"key":value` span between fixed parts of the
/// decision's canonical bytes; without the last two, the parts and the id are exactly the
/// canonical bytes of the full decision that the log's `decision_hash` covers.
#[derive(Debug)]
pub struct Answer {
    /// The decision's canonical JSON without its `decision_id`: what the log stores.
    body: Arc<str>,
    /// `sha256:` and the hex of `body`.
    body_hash: Arc<str>,
    /// The canonical bytes around the three members: before `decision_id`, between it and
    /// `log_index`, between that and `request`, and after.
    parts: [Box<[u8]>; 4],
    /// SHA-256 with the part before `decision_id` already taken in: the hash of each full
    /// decision goes on from there with its id and the rest (most of a decision's bytes, its
    /// deciding rules and advice, sort before `decision_id`).
    prefix: Sha256,
    outcome: String,
    /// The deciding rules' ids, sorted.
    deciding: Vec<String>,
}

/// The keys of the members the service adds, in their sorted order.
const MEMBERS: [&str; 3] = ["decision_id", "log_index", "request"];

impl Answer {
    fn new(view: &v1::Decision) -> Result<Answer, ApiError> {
        let internal = |what: &str| ApiError::internal(&format!("a decision's canonical bytes: {what}"));
        let Ok(Value::Object(fields)) = serde_json::to_value(view) else {
            return Err(internal("not an object"));
        };
        let body = canonical_bytes(&Value::Object(fields.clone()));
        let parts = cut_around(fields, &MEMBERS).ok_or_else(|| internal("a member is missing"))?;
        let parts: [Box<[u8]>; 4] =
            parts.into_iter().map(Vec::into_boxed_slice).collect::<Vec<_>>().try_into().map_err(|_| internal("four parts"))?;
        let mut deciding: Vec<String> = view.deciding.iter().map(|r| r.rule.clone()).collect();
        deciding.sort();
        let mut prefix = Sha256::new();
        prefix.update(&parts[0]);
        Ok(Answer {
            prefix,
            body_hash: hash_of(&body).into(),
            body: String::from_utf8(body).map_err(|e| ApiError::internal(&e))?.into(),
            parts,
            outcome: serde_json::to_value(view.outcome).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            deciding,
        })
    }

    /// Writes the decision with `decision_id`, and `log_index` and the echoed `request` when
    /// given. With neither, these are the canonical bytes of the full decision.
    fn write(&self, out: &mut Vec<u8>, decision_id: &str, index: Option<Option<u64>>, request: Option<&[u8]>) {
        out.extend_from_slice(&self.parts[0]);
        out.extend_from_slice(b",\"decision_id\":\"");
        out.extend_from_slice(decision_id.as_bytes());
        out.push(b'"');
        out.extend_from_slice(&self.parts[1]);
        if let Some(index) = index {
            out.extend_from_slice(b",\"log_index\":");
            match index {
                Some(i) => out.extend_from_slice(i.to_string().as_bytes()),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.extend_from_slice(&self.parts[2]);
        if let Some(request) = request {
            out.extend_from_slice(b",\"request\":");
            out.extend_from_slice(request);
        }
        out.extend_from_slice(&self.parts[3]);
    }

    /// `sha256:` and the hex of the full decision's canonical bytes (those [`Answer::write`]
    /// writes with neither `log_index` nor `request`).
    fn hash(&self, decision_id: &str) -> String {
        let mut hasher = self.prefix.clone();
        hasher.update(b",\"decision_id\":\"");
        hasher.update(decision_id.as_bytes());
        hasher.update(b"\"");
        for part in &self.parts[1..] {
            hasher.update(part);
        }
        format!("sha256:{}", juris_api::log::hex(&hasher.finalize()))
    }

    /// About the bytes it holds: its canonical parts and its stored body.
    pub(crate) fn size(&self) -> usize {
        self.parts.iter().map(|p| p.len()).sum::<usize>() + self.body.len() + 256
    }

    /// About how many bytes [`Answer::write`] writes, without a request.
    fn len(&self) -> usize {
        self.parts.iter().map(|p| p.len()).sum::<usize>() + 64
    }
}

/// One decided request, before logging: its answer, id and record.
struct Decided {
    answer: Arc<Answer>,
    decision_id: String,
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
    let (corpus, answers) = state.serving();
    let answers = answers.as_deref();
    let Value::Object(mut object) = body else {
        return Err(ApiError::new(ErrorCode::BadRequest, Message::new("server-body-not-an-object")));
    };
    let batch = object.remove("requests");
    let Some(batch) = batch else {
        let Decided { answer, decision_id, entry } = decide_one(&corpus, answers, Value::Object(object), &arrival, lang)?;
        let first = log(&state, vec![entry]).await?;
        let mut out = Vec::with_capacity(answer.len());
        answer.write(&mut out, &decision_id, Some(first), None);
        return Ok(with_corpus(&corpus, json_bytes(out)));
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
    // Each item answered in order: its answer and id, or its error.
    // Each item with its echo, written before the item is decided (and moved).
    let mut slots: Vec<(Vec<u8>, Slot)> = Vec::with_capacity(items.len());
    let mut entries = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let echo = serde_json::to_vec(&item).map_err(|e| ApiError::internal(&e))?;
        match decide_one(&corpus, answers, item, &arrival, lang) {
            Ok(Decided { answer, decision_id, entry }) => {
                entries.push(entry);
                slots.push((echo, Ok((answer, decision_id))));
            }
            Err(mut e) => {
                e.request = Some(i + 1);
                slots.push((echo, Err(e)));
            }
        }
    }
    let first = if entries.is_empty() { None } else { log(&state, entries).await? };
    let mut out = Vec::with_capacity(slots.iter().map(|(_, s)| s.as_ref().map_or(512, |(a, _)| a.len() + 512)).sum::<usize>() + 16);
    out.extend_from_slice(b"{\"decisions\":[");
    let mut logged = 0u64;
    for (k, (echo, slot)) in slots.into_iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        match slot {
            Ok((answer, decision_id)) => {
                answer.write(&mut out, &decision_id, Some(first.map(|f| f + logged)), Some(&echo));
                logged += 1;
            }
            Err(e) => {
                out.extend_from_slice(b"{\"error\":");
                // As a value, so that its keys are sorted like every other object's here.
                let error = serde_json::to_value(e.in_lang(lang)).map_err(|e| ApiError::internal(&e))?;
                serde_json::to_writer(&mut out, &error).map_err(|e| ApiError::internal(&e))?;
                out.extend_from_slice(b",\"request\":");
                out.extend_from_slice(&echo);
                out.push(b'}');
            }
        }
    }
    out.extend_from_slice(b"]}");
    Ok(with_corpus(&corpus, json_bytes(out)))
}

/// One item of a batch: its answer and `decision_id`, or why it could not be decided.
type Slot = Result<(Arc<Answer>, String), ApiError>;

/// A JSON response from bytes already serialised.
fn json_bytes(bytes: Vec<u8>) -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], bytes).into_response()
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

/// Resolves and decides one request (or finds its answer among those kept); the decision is not
/// yet logged.
fn decide_one(corpus: &Corpus, answers: Option<&AnswerCache>, request: Value, arrival: &Arrival, lang: Lang) -> Result<Decided, ApiError> {
    let Value::Object(mut fields) = request else {
        return Err(ApiError::new(ErrorCode::BadRequest, Message::new("server-request-not-an-object")));
    };
    // A request without a date is about the day it arrived, which the decision echoes.
    if fields.get("as_of").is_none_or(Value::is_null) {
        fields.insert("as_of".into(), Value::String(arrival.today.clone()));
    }
    let request = Value::Object(fields);
    let request_bytes = canonical_bytes(&request);
    let request_hash: Arc<str> = hash_of(&request_bytes).into();
    let key = (lang, request_hash.clone());
    let answer = match answers.and_then(|kept| kept.get(&key)) {
        Some(answer) => answer,
        None => {
            let answer = Arc::new(Answer::new(&decide_json(corpus, &request, lang)?)?);
            if let Some(kept) = answers {
                kept.insert(key, answer.clone());
            }
            answer
        }
    };
    let decision_id = new_decision_id();
    let entry = Entry {
        decision_id: decision_id.clone(),
        decided_at: arrival.decided_at.clone(),
        corpus: corpus.hash().to_owned(),
        engine: ENGINE.to_owned(),
        outcome: answer.outcome.clone(),
        deciding: answer.deciding.clone(),
        request_hash,
        decision_hash: answer.hash(&decision_id),
        body: answer.body.clone(),
        body_hash: answer.body_hash.clone(),
        request: String::from_utf8(request_bytes).map_err(|e| ApiError::internal(&e))?.into(),
    };
    Ok(Decided { answer, decision_id, entry })
}

fn hash_of(bytes: &[u8]) -> String {
    sha256_tagged(bytes)
}

/// Appends the entries to the log; returns the index of the first (`None` when the log is off,
/// or could not be written under the best-effort policy).
async fn log(state: &AppState, entries: Vec<Entry>) -> Result<Option<u64>, ApiError> {
    state.metrics().decisions(entries.iter().map(|e| e.outcome.as_str()));
    let count = entries.len();
    match state.log() {
        None => Ok(None),
        Some(log) => match log.append(entries).await {
            Ok(first) => Ok(Some(first)),
            Err(e) if state.config().log_policy == LogPolicy::BestEffort => {
                tracing::warn!(error = %e, "answering without a log record (best-effort policy)");
                state.metrics().unlogged.fetch_add(count as u64, std::sync::atomic::Ordering::Relaxed);
                Ok(None)
            }
            Err(e) => Err(ApiError::log_unavailable(&e)),
        },
    }
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
