//! The decision-log record (version 1) and the canonical bytes a log hashes.
//!
//! Canonical bytes are the RFC 8785 JSON Canonicalization Scheme (JCS) serialization of a JSON
//! value, in UTF-8: object members sorted by the UTF-16 code units of their names, no
//! insignificant whitespace, numbers in the ECMAScript shortest round-trip form, strings with
//! the minimal escapes. A record is a leaf of an RFC 9162 Merkle tree:
//! `leaf = SHA-256(0x00 || canonical bytes)`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The version of the record shape this module writes.
pub const LOG_RECORD_VERSION: u32 = 1;

/// One decision in a decision log.
///
/// The JSON object has exactly these fields; a record with any other field, or without one of
/// them, does not deserialize.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogRecord {
    /// The record shape's version: always 1 here.
    pub v: u32,
    /// The 0-based position of the record in the log.
    pub index: u64,
    /// The identifier the service assigned to the decision.
    pub decision_id: String,
    /// When it was decided: RFC 3339 in UTC with milliseconds (`2026-12-01T21:30:00.123Z`),
    /// taken at the edge and passed in.
    pub decided_at: String,
    /// The hash of the corpus that decided it (hex), as every decision echoes it.
    pub corpus: String,
    /// The engine that decided it, e.g. `juris 0.1.0`.
    pub engine: String,
    /// `sha256:` and the hex of the canonical bytes of the request as received.
    pub request_hash: String,
    /// The decision's outcome (`required`, `permitted`, `prohibited`, `unregulated`, `uncertain`).
    pub outcome: String,
    /// The ids of the deciding rules, sorted.
    pub deciding: Vec<String>,
    /// `sha256:` and the hex of the canonical bytes of the full decision JSON.
    pub decision_hash: String,
}

/// Everything a record needs besides what is computed from the request and the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordContext {
    /// The 0-based position of the record in the log.
    pub index: u64,
    /// The identifier the service assigned to the decision.
    pub decision_id: String,
    /// RFC 3339 UTC with milliseconds, taken at the edge.
    pub decided_at: String,
    /// The engine that decided it, e.g. `juris 0.1.0`.
    pub engine: String,
}

impl LogRecord {
    /// Builds the record of one decision from the request as received and the full decision
    /// JSON. The corpus hash and the outcome are read from the decision (`corpus`, `outcome`);
    /// the deciding rule ids from its `deciding` list (each a v1 rule object, whose id is `rule`,
    /// or a string), sorted.
    pub fn new(context: RecordContext, request: &serde_json::Value, decision: &serde_json::Value) -> LogRecord {
        let text = |key: &str| decision.get(key).and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
        let mut deciding: Vec<String> = decision
            .get("deciding")
            .and_then(serde_json::Value::as_array)
            .map(|rules| {
                rules
                    .iter()
                    .filter_map(|rule| rule.as_str().or_else(|| rule.get("rule").and_then(serde_json::Value::as_str)))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        deciding.sort();
        LogRecord {
            v: LOG_RECORD_VERSION,
            index: context.index,
            decision_id: context.decision_id,
            decided_at: context.decided_at,
            corpus: text("corpus"),
            engine: context.engine,
            request_hash: sha256_tagged(&canonical_bytes(request)),
            outcome: text("outcome"),
            deciding,
            decision_hash: sha256_tagged(&canonical_bytes(decision)),
        }
    }

    /// The record's canonical bytes (RFC 8785), the exact bytes a log stores and hashes.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        if self.index <= 1 << 53 {
            // The members in JCS order (their names are ASCII, so byte order is UTF-16 order),
            // written by serde_json, whose string escapes are JCS's and whose integers up to 2^53
            // print as JCS prints them (see [`canonical_bytes`]): the same bytes, without building
            // and sorting a value for every record (`tests/canonical.rs` checks the two agree).
            #[derive(Serialize)]
            struct Sorted<'a> {
                corpus: &'a str,
                decided_at: &'a str,
                deciding: &'a [String],
                decision_hash: &'a str,
                decision_id: &'a str,
                engine: &'a str,
                index: u64,
                outcome: &'a str,
                request_hash: &'a str,
                v: u32,
            }
            let sorted = Sorted {
                corpus: &self.corpus,
                decided_at: &self.decided_at,
                deciding: &self.deciding,
                decision_hash: &self.decision_hash,
                decision_id: &self.decision_id,
                engine: &self.engine,
                index: self.index,
                outcome: &self.outcome,
                request_hash: &self.request_hash,
                v: self.v,
            };
            return serde_json::to_vec(&sorted).unwrap_or_default();
        }
        // INVARIANT: every field is a string, an unsigned integer, or a list of strings, so
        // serialization cannot fail.
        serde_json_canonicalizer::to_vec(self).unwrap_or_default()
    }

    /// The record's RFC 9162 leaf hash: SHA-256(0x00 || canonical bytes).
    pub fn leaf_hash(&self) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update([0u8]);
        hasher.update(self.canonical_bytes());
        hasher.finalize().into()
    }
}

/// The canonical bytes (RFC 8785 JCS, UTF-8) of a JSON value.
pub fn canonical_bytes(value: &serde_json::Value) -> Vec<u8> {
    if plain(value) {
        // serde_json's own output is already canonical here: its objects are B-trees, so members
        // come sorted by the bytes of their names, which for names below U+D800 is the order of
        // their UTF-16 code units; its escapes are JCS's (`\"`, `\\`, `\b \f \n \r \t`,
        // `\u00xx` in lowercase for other control characters); and an integer of at most 2^53
        // prints as JCS prints it. Decisions and requests are such values, so the log does not
        // pay for the general path on every answer (`tests/canonical.rs` checks the two agree).
        return serde_json::to_vec(value).unwrap_or_default();
    }
    // INVARIANT: a `serde_json::Value` holds only finite numbers and string keys, so JCS
    // serialization cannot fail.
    serde_json_canonicalizer::to_vec(value).unwrap_or_default()
}

/// Whether serde_json writes `value` exactly as RFC 8785 does: no number but integers of at
/// most 2^53 in magnitude, and object members in byte order of their names, none with a
/// character at or above U+D800 (where UTF-8 byte order and UTF-16 code unit order part).
fn plain(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    const SAFE: u64 = 1 << 53;
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => true,
        Value::Number(n) => n.as_u64().is_some_and(|n| n <= SAFE) || n.as_i64().is_some_and(|n| n.unsigned_abs() <= SAFE),
        Value::Array(items) => items.iter().all(plain),
        // Members must also come out sorted: they do from serde_json's B-tree maps, not from its
        // insertion-ordered ones (the `preserve_order` feature another crate may turn on).
        Value::Object(members) => {
            members.keys().zip(members.keys().skip(1)).all(|(a, b)| a < b)
                && members.iter().all(|(name, v)| name.chars().all(|c| (c as u32) < 0xD800) && plain(v))
        }
    }
}

/// `sha256:` followed by the lowercase hex SHA-256 of the bytes.
pub fn sha256_tagged(bytes: &[u8]) -> String {
    format!("sha256:{}", hex(&Sha256::digest(bytes)))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}
