//! Reading a JSON body within the limits: content type, size, time and nesting depth, each
//! refused with its own error before anything is decided.

use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::config::Limits;
use crate::error::{ApiError, ErrorCode};

/// Reads and parses the body of a JSON request.
pub async fn read_json(request: Request, limits: &Limits) -> Result<serde_json::Value, ApiError> {
    let headers = request.headers();
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        let sent = if content_type.is_empty() { "no content type".to_owned() } else { format!("`{content_type}`") };
        return Err(ApiError::new(ErrorCode::UnsupportedMediaType, format!("the body must be JSON, but was sent with {sent}"))
            .hint("send `Content-Type: application/json`"));
    }
    let too_large = || {
        ApiError::new(ErrorCode::TooLarge, format!("the body is larger than {} bytes", limits.body_bytes))
            .hint("send fewer requests per batch, or raise `--max-body-bytes`")
    };
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.body_bytes as u64) {
        return Err(too_large());
    }
    let body = Limited::new(request.into_body(), limits.body_bytes);
    let bytes = match tokio::time::timeout(limits.read_timeout, body.collect()).await {
        Err(_) => {
            return Err(ApiError::new(
                ErrorCode::Timeout,
                format!("the body did not arrive within {} seconds", limits.read_timeout.as_secs_f64()),
            ));
        }
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => return Err(too_large()),
        Ok(Err(e)) => return Err(ApiError::new(ErrorCode::BadRequest, format!("the body could not be read: {e}"))),
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    parse(&bytes, limits.json_depth)
}

/// Parses JSON text, refusing nesting deeper than `max_depth` before parsing.
pub fn parse(bytes: &[u8], max_depth: usize) -> Result<serde_json::Value, ApiError> {
    if depth(bytes) > max_depth {
        return Err(ApiError::new(ErrorCode::TooLarge, format!("the JSON is nested deeper than {max_depth} levels")));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(ErrorCode::BadRequest, format!("the body is not valid JSON: {e}")).hint(format!(
            "the problem is at line {}, column {}",
            e.line(),
            e.column()
        ))
    })
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
    fn deep_json_is_refused_before_parsing() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(deep.as_bytes(), 32).map_err(|e| e.code), Err(ErrorCode::TooLarge));
        assert_eq!(parse(b"{\"a\": ", 32).map_err(|e| e.code), Err(ErrorCode::BadRequest));
    }
}
