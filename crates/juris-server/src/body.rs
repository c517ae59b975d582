//! Reading a JSON body within the limits: content type, size, time and nesting depth, each
//! refused with its own error before anything is decided.

use std::cell::RefCell;
use std::collections::HashSet;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::config::Limits;
use crate::error::{ApiError, ErrorCode, Message};

/// Reads and parses the body of a JSON request.
pub async fn read_json(request: Request, limits: &Limits) -> Result<serde_json::Value, ApiError> {
    let headers = request.headers();
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        let message = if content_type.is_empty() {
            Message::new("server-no-content-type")
        } else {
            Message::new("server-content-type").arg("content-type", content_type)
        };
        return Err(ApiError::new(ErrorCode::UnsupportedMediaType, message).hint(Message::new("server-hint-content-type")));
    }
    let too_large = || {
        ApiError::new(ErrorCode::TooLarge, Message::new("server-body-too-large").arg("bytes", limits.body_bytes))
            .hint(Message::new("server-hint-body-too-large"))
    };
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.body_bytes as u64) {
        return Err(too_large());
    }
    let body = Limited::new(request.into_body(), limits.body_bytes);
    let bytes = match tokio::time::timeout(limits.read_timeout, body.collect()).await {
        Err(_) => {
            let seconds = limits.read_timeout.as_secs_f64().to_string();
            return Err(ApiError::new(ErrorCode::Timeout, Message::new("server-body-timeout").arg("seconds", seconds)));
        }
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => return Err(too_large()),
        Ok(Err(e)) => {
            return Err(ApiError::new(ErrorCode::BadRequest, Message::new("server-body-unreadable").arg("detail", e.to_string())));
        }
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    parse(&bytes, limits.json_depth)
}

/// The reader's language, from `Accept-Language` (`es...` gives Spanish; anything else English).
pub fn lang(headers: &axum::http::HeaderMap) -> juris_api::Lang {
    let wanted = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let first = wanted.split(',').next().unwrap_or_default().trim().to_ascii_lowercase();
    if first.starts_with("es") { juris_api::Lang::Es } else { juris_api::Lang::En }
}

/// Parses JSON text, refusing nesting deeper than `max_depth` before parsing.
pub fn parse(bytes: &[u8], max_depth: usize) -> Result<serde_json::Value, ApiError> {
    if depth(bytes) > max_depth {
        return Err(ApiError::new(ErrorCode::TooLarge, Message::new("server-too-deep").arg("depth", max_depth)));
    }
    let value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(ErrorCode::BadRequest, Message::new("server-not-json").arg("detail", e.to_string()))
            .hint(Message::new("server-hint-json-position").arg("line", e.line()).arg("column", e.column()))
    })?;
    // A parsed value keeps the last of two equal keys; the text is read again to refuse them, as
    // the CLI's decoder does, so a request is never decided on a value its sender did not mean.
    if let Some(path) = duplicate_key(bytes) {
        return Err(ApiError::new(ErrorCode::BadRequest, Message::new("server-duplicate-key").arg("key", &path))
            .field(path)
            .hint(Message::new("server-hint-duplicate-key")));
    }
    Ok(value)
}

/// The path of the first key written twice in one JSON object (`facts.charges[1].level`), if any.
fn duplicate_key(bytes: &[u8]) -> Option<String> {
    let found = RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let _ = Node { path: String::new(), found: &found }.deserialize(&mut reader);
    found.into_inner()
}

/// One value of the text being walked for duplicate keys, with its path.
struct Node<'a> {
    path: String,
    found: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq.next_element_seed(Node { path: format!("{}[{i}]", self.path), found: self.found })?.is_some() {
            i += 1;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() { key.clone() } else { format!("{}.{key}", self.path) };
            if !seen.insert(key) {
                *self.found.borrow_mut() = Some(path);
                return Err(de::Error::custom("a key written twice"));
            }
            map.next_value_seed(Node { path, found: self.found })?;
        }
        Ok(())
    }
}

/// The deepest nesting of arrays and objects in JSON text (strings are skipped).
fn depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_nesting_outside_strings() {
        assert_eq!(depth(br#"{"a": [1, {"b": "[[[{"}]}"#), 3);
        assert_eq!(depth(br#""\"[""#), 0);
        assert_eq!(depth(b"[[[[]]]]"), 4);
    }

    #[test]
    fn a_key_written_twice_is_refused_naming_its_path() {
        let twice = br#"{"requests": [{"facts": {"charges": [{"level": "felony", "level": "misdemeanor"}]}}]}"#;
        let error = parse(twice, 32).err().map(|e| (e.code, e.field));
        assert_eq!(error, Some((ErrorCode::BadRequest, Some("requests[0].facts.charges[0].level".to_owned()))));
        let once = br#"{"jurisdiction": "us-md", "facts": {"warrant": "none"}, "agency": "police"}"#;
        assert!(parse(once, 32).is_ok());
        assert_eq!(duplicate_key(br#"{"a": 1, "b": {"a": 2}, "a": 3}"#).as_deref(), Some("a"));
    }

    #[test]
    fn deep_json_is_refused_before_parsing() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(deep.as_bytes(), 32).map_err(|e| e.code), Err(ErrorCode::TooLarge));
        assert_eq!(parse(b"{\"a\": ", 32).map_err(|e| e.code), Err(ErrorCode::BadRequest));
    }
}
