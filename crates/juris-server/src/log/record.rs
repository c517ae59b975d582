//! The decision-log record and its canonical bytes, from `juris-api` (the one wire format):
//! RFC 8785 (JCS) bytes, and a record's leaf hash `SHA-256(0x00 || canonical bytes)`.

pub use juris_api::log::{LOG_RECORD_VERSION as RECORD_VERSION, LogRecord, canonical_bytes, sha256_tagged};

/// `sha256:` and the hex of the SHA-256 of a JSON value's canonical bytes.
pub fn content_hash(value: &serde_json::Value) -> String {
    sha256_tagged(&canonical_bytes(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_hash_is_sha256_of_the_canonical_bytes() {
        // SHA-256 of `{}`.
        assert_eq!(content_hash(&serde_json::json!({})), "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assert_eq!(content_hash(&serde_json::json!({"b": 1, "a": 2})), content_hash(&serde_json::json!({"a": 2, "b": 1})));
    }
}
