//! The service's own answer shapes, around the `juris-api` ones: the error envelope, a decision
//! with its `decision_id` and `log_index`, batches, proofs and the small status answers. Handlers
//! answer with these types, and the OpenAPI document is generated from them (schemars), so the
//! document describes what is sent.

use juris_api::v1;
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::ApiError;

/// Every error answer: `{"error": {...}}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorAnswer {
    pub error: ApiError,
}

/// The body of `POST /v1/decide`: one request, or a batch.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DecideBody {
    One(v1::Request),
    Batch(BatchBody),
}

/// A batch of requests, decided in order and logged in one commit.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchBody {
    /// From 1 to `--max-batch` requests.
    pub requests: Vec<v1::Request>,
}

/// A decision as the service answers it: the `juris-api` decision plus where it was logged.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LoggedDecision {
    #[serde(flatten)]
    pub decision: v1::Decision,
    /// 32 hex digits, random: holding it is what lets a person fetch the receipt.
    pub decision_id: String,
    /// The record's index in the log; `null` only when the log is off or failed under
    /// `--log-policy best-effort`.
    pub log_index: Option<u64>,
}

/// The answer of `POST /v1/decide`: one decision, or a batch's decisions in order.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
#[expect(clippy::large_enum_variant, reason = "a shape to describe and serialize, never held in numbers")]
pub enum DecideAnswer {
    One(LoggedDecision),
    Batch(BatchAnswer),
}

/// A batch's answers, in the order of its requests.
#[derive(Debug, Serialize, JsonSchema)]
pub struct BatchAnswer {
    pub decisions: Vec<BatchItem>,
}

/// One request of a batch, echoed, with its decision or its error.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
#[expect(clippy::large_enum_variant, reason = "a shape to describe and serialize, never held in numbers")]
pub enum BatchItem {
    Decided {
        /// The request as sent.
        request: serde_json::Value,
        #[serde(flatten)]
        decision: LoggedDecision,
    },
    Failed {
        /// The request as sent.
        request: serde_json::Value,
        /// Why it was not decided; `error.request` is its 1-based position.
        error: ApiError,
    },
}

/// `GET /v1/log/proof/{index}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct InclusionAnswer {
    pub index: u64,
    pub tree_size: u64,
    /// The proof's hashes, standard base64, leaf to root.
    pub hashes: Vec<String>,
    /// The signed checkpoint of `tree_size` records the proof leads to.
    pub checkpoint: String,
}

/// `GET /v1/log/consistency?from=N&to=M`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ConsistencyAnswer {
    pub from: u64,
    pub to: u64,
    /// The roots of the two trees, standard base64.
    pub from_root: String,
    pub to_root: String,
    /// The proof's hashes, standard base64.
    pub hashes: Vec<String>,
}

/// `DELETE /v1/log/requests/{hash}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Redacted {
    /// The hash of the request whose content was removed.
    pub redacted: String,
}

/// `POST /v1/admin/reload`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Reloaded {
    /// The hash of the corpus now serving.
    pub corpus: String,
    /// The hash of the corpus it replaced.
    pub previous: String,
}

/// `GET /health`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Alive {
    /// Always `ok`.
    pub status: String,
}

/// `GET /health/ready`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Ready {
    /// `ready`, or `unavailable` (with status 503).
    pub status: String,
    /// The hash of the corpus serving.
    pub corpus: String,
    /// `writable`, `off` (`--log none`), or why the log cannot be written.
    pub log: String,
}
