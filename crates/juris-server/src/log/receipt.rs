//! Receipts: a decision, its log record, its inclusion proof and the signed checkpoint the proof
//! leads to; enough to verify one decision offline, without the log.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::merkle::{Hash, verify_inclusion};
use super::note::{Checkpoint, VerifierKey};
use super::record::{LogRecord, content_hash};

/// The version of the receipt shape.
pub const RECEIPT_VERSION: u32 = 1;

/// An inclusion proof in JSON: hashes in standard base64, as in checkpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InclusionProof {
    pub index: u64,
    pub tree_size: u64,
    pub hashes: Vec<String>,
}

impl InclusionProof {
    /// A proof from hashes.
    pub fn new(index: u64, tree_size: u64, hashes: &[Hash]) -> InclusionProof {
        InclusionProof { index, tree_size, hashes: hashes.iter().map(|h| STANDARD.encode(h)).collect() }
    }

    /// The hashes, decoded.
    pub fn decode(&self) -> Option<Vec<Hash>> {
        self.hashes.iter().map(|h| STANDARD.decode(h).ok()?.try_into().ok()).collect()
    }
}

/// Everything needed to verify one decision offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub receipt: u32,
    /// The decision as logged: the decision sent, without `log_index`.
    pub decision: serde_json::Value,
    pub record: LogRecord,
    pub proof: InclusionProof,
    /// The signed checkpoint (C2SP signed note) the proof leads to.
    pub checkpoint: String,
    /// The log's verifier key; check it against the key the log operator publishes.
    pub key: String,
    /// The request, for holders of a `log-read` token; absent otherwise or when redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<serde_json::Value>,
}

/// Why a receipt does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    #[error("the decision does not match the record's decision_hash: the decision was changed")]
    DecisionChanged,
    #[error("the decision names `{decision}` but the record names `{record}`")]
    WrongDecision { decision: String, record: String },
    #[error("the request does not match the record's request_hash")]
    RequestChanged,
    #[error("the proof is for index {proof} but the record is at index {record}")]
    WrongIndex { proof: u64, record: u64 },
    #[error("the proof is for a tree of {proof} records but the checkpoint covers {checkpoint}")]
    WrongSize { proof: u64, checkpoint: u64 },
    #[error("the inclusion proof does not lead from the record to the checkpoint's root: the record or the proof was changed")]
    NotIncluded,
    #[error("the proof's hashes are not 32-byte base64 values")]
    BadProof,
    #[error("the checkpoint: {0}")]
    Checkpoint(#[from] super::note::NoteError),
}

/// What a verified receipt proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptCheck {
    pub index: u64,
    pub tree_size: u64,
    pub origin: String,
    /// True when the key came from the receipt itself rather than from the verifier.
    pub self_signed: bool,
}

/// Verifies a receipt; with `key`, the checkpoint must be signed by that key.
pub fn verify_receipt(receipt: &Receipt, key: Option<&VerifierKey>) -> Result<ReceiptCheck, ReceiptError> {
    let self_signed = key.is_none();
    let embedded;
    let key = match key {
        Some(k) => k,
        None => {
            embedded = VerifierKey::parse(&receipt.key)?;
            &embedded
        }
    };
    let head = Checkpoint::open(&receipt.checkpoint, key)?;
    let record = &receipt.record;
    if content_hash(&receipt.decision) != record.decision_hash {
        return Err(ReceiptError::DecisionChanged);
    }
    let named = receipt.decision.get("decision_id").and_then(|v| v.as_str()).unwrap_or_default();
    if named != record.decision_id {
        return Err(ReceiptError::WrongDecision { decision: named.to_owned(), record: record.decision_id.clone() });
    }
    if let Some(request) = &receipt.request {
        if content_hash(request) != record.request_hash {
            return Err(ReceiptError::RequestChanged);
        }
    }
    if receipt.proof.index != record.index {
        return Err(ReceiptError::WrongIndex { proof: receipt.proof.index, record: record.index });
    }
    if receipt.proof.tree_size != head.size {
        return Err(ReceiptError::WrongSize { proof: receipt.proof.tree_size, checkpoint: head.size });
    }
    let hashes = receipt.proof.decode().ok_or(ReceiptError::BadProof)?;
    let leaf = record.leaf_hash();
    if !verify_inclusion(&leaf, record.index, head.size, &hashes, &head.root) {
        return Err(ReceiptError::NotIncluded);
    }
    Ok(ReceiptCheck { index: record.index, tree_size: head.size, origin: head.origin, self_signed })
}
