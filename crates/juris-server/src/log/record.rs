//! The decision-log record and its canonical bytes.
//!
//! This is the record of the wire format (`v`, `index`, `decision_id`, `decided_at`, `corpus`,
//! `engine`, `request_hash`, `outcome`, `deciding`, `decision_hash`), kept here until the
//! `juris-api` crate provides it. Canonical bytes are RFC 8785 (JCS); a record's leaf hash is
//! `SHA-256(0x00 || canonical bytes)`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::merkle::{self, Hash};

/// The version of the record shape.
pub const RECORD_VERSION: u32 = 1;

/// One decision as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogRecord {
    pub v: u32,
    pub index: u64,
    pub decision_id: String,
    /// RFC 3339, UTC, milliseconds: taken when the request arrived.
    pub decided_at: String,
    /// The hash of the corpus that decided.
    pub corpus: String,
    pub engine: String,
    /// `sha256:` and the hex of the request's canonical bytes.
    pub request_hash: String,
    pub outcome: String,
    /// The deciding rule ids, sorted.
    pub deciding: Vec<String>,
    /// `sha256:` and the hex of the full decision's canonical bytes.
    pub decision_hash: String,
}

/// A value that cannot be canonicalised (a number JCS cannot write).
#[derive(Debug, thiserror::Error)]
#[error("cannot write canonical JSON: {0}")]
pub struct CanonicalError(String);

/// The RFC 8785 canonical bytes of any JSON value.
pub fn canonical<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CanonicalError> {
    serde_jcs::to_vec(value).map_err(|e| CanonicalError(e.to_string()))
}

/// `sha256:` and the hex of the SHA-256 of a value's canonical bytes.
pub fn content_hash<T: Serialize + ?Sized>(value: &T) -> Result<String, CanonicalError> {
    let bytes = canonical(value)?;
    let digest: Hash = Sha256::digest(&bytes).into();
    Ok(format!("sha256:{}", merkle::hex(&digest)))
}

impl LogRecord {
    /// The record's canonical bytes: what the tree commits to.
    pub fn canonical_bytes(&self) -> Result<Vec<u8>, CanonicalError> {
        canonical(self)
    }

    /// The record's leaf hash.
    pub fn leaf_hash(&self) -> Result<Hash, CanonicalError> {
        Ok(merkle::leaf_hash(&self.canonical_bytes()?))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn record() -> LogRecord {
        LogRecord {
            v: 1,
            index: 0,
            decision_id: "d".into(),
            decided_at: "2026-01-01T00:00:00.000Z".into(),
            corpus: "ab".into(),
            engine: "juris 0.1.0".into(),
            request_hash: "sha256:00".into(),
            outcome: "prohibited".into(),
            deciding: vec!["a".into(), "b".into()],
            decision_hash: "sha256:11".into(),
        }
    }

    /// Canonical bytes sort keys by code point and drop every space.
    #[test]
    fn canonical_bytes_are_jcs() {
        let bytes = String::from_utf8(record().canonical_bytes().unwrap()).unwrap();
        assert_eq!(
            bytes,
            r#"{"corpus":"ab","decided_at":"2026-01-01T00:00:00.000Z","deciding":["a","b"],"decision_hash":"sha256:11","decision_id":"d","engine":"juris 0.1.0","index":0,"outcome":"prohibited","request_hash":"sha256:00","v":1}"#
        );
        let value: serde_json::Value = serde_json::from_str(r#"{"b": 1.0, "a": [true, null, "\u00e9"]}"#).unwrap();
        assert_eq!(String::from_utf8(canonical(&value).unwrap()).unwrap(), "{\"a\":[true,null,\"\u{e9}\"],\"b\":1}");
    }

    #[test]
    fn the_content_hash_is_sha256_of_the_canonical_bytes() {
        let value = serde_json::json!({});
        // SHA-256 of `{}`.
        assert_eq!(content_hash(&value).unwrap(), "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }
}
