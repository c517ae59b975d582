//! The decision-log record and its canonical bytes, from `juris-api` (the one wire format):
//! RFC 8785 (JCS) bytes, and a record's leaf hash `SHA-256(0x00 || canonical bytes)`.

pub use juris_api::log::{LOG_RECORD_VERSION as RECORD_VERSION, LogRecord, canonical_bytes, sha256_tagged};

/// `sha256:` and the hex of the SHA-256 of a JSON value's canonical bytes.
pub fn content_hash(value: &serde_json::Value) -> String {
    sha256_tagged(&canonical_bytes(value))
}

/// The value each cut member is first rendered with: it starts with a control character, which
/// canonical JSON escapes, so `"key":"\u0000slot"` cannot be part of any text of the object.
const SLOT: &str = "\u{0}slot";

/// The canonical bytes of `fields` with members `keys` added (given in their sorted order), cut
/// around each of them: the parts before the first, between each two and after the last. Each
/// member is a `,"key":value` span (an earlier key always precedes it), so writing the parts with
/// `,"key":value` between them gives the canonical bytes with those values, and leaving a member
/// out gives them without it. `None` when a member is not found where expected.
pub fn cut_around(mut fields: serde_json::Map<String, serde_json::Value>, keys: &[&str]) -> Option<Vec<Vec<u8>>> {
    for key in keys {
        fields.insert((*key).to_owned(), serde_json::Value::String(SLOT.into()));
    }
    let full = canonical_bytes(&serde_json::Value::Object(fields));
    let mut parts = Vec::with_capacity(keys.len() + 1);
    let mut rest = &full[..];
    for key in keys {
        let member = format!(",\"{key}\":\"\\u0000slot\"");
        let at = rest.windows(member.len()).position(|w| w == member.as_bytes())?;
        parts.push(rest[..at].to_vec());
        rest = &rest[at + member.len()..];
    }
    parts.push(rest.to_vec());
    Some(parts)
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
