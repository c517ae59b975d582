//! `GET /openapi.json`: the service described in OpenAPI 3.1.

use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

fn error_responses() -> Value {
    json!({ "default": { "description": "an error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } })
}

/// The document.
pub fn document() -> Value {
    let json_op = |summary: &str| {
        let mut responses = error_responses();
        responses["200"] = json!({ "description": "success", "content": { "application/json": {} } });
        json!({ "summary": summary, "responses": responses })
    };
    let text_op = |summary: &str| {
        let mut responses = error_responses();
        responses["200"] = json!({ "description": "success", "content": { "text/plain": {} } });
        json!({ "summary": summary, "responses": responses })
    };
    let mut decide = json_op("Decide one request, or a batch `{\"requests\": [...]}`; every decision is logged first");
    decide["requestBody"] =
        json!({ "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/DecideBody" } } } });
    json!({
        "openapi": "3.1.0",
        "info": { "title": "juris decision service", "version": env!("CARGO_PKG_VERSION") },
        "paths": {
            "/v1/decide": { "post": decide },
            "/v1/corpus": { "get": json_op("The documents of the corpus serving, with citations and sources") },
            "/v1/corpus/rules/{id}": { "get": json_op("One rule with its citation and quoted source text") },
            "/v1/log/checkpoint": { "get": text_op("The latest signed checkpoint (C2SP signed note)") },
            "/v1/log/key": { "get": text_op("The verifier key of the checkpoints") },
            "/v1/log/proof/{index}": { "get": json_op("The inclusion proof of one record at the latest checkpoint") },
            "/v1/log/consistency": { "get": json_op("The consistency proof between two tree sizes (`?from=N&to=M`)") },
            "/v1/log/receipt/{decision_id}": { "get": json_op("A receipt: decision, record, proof and checkpoint, verifiable offline") },
            "/v1/log/requests/{hash}": { "delete": json_op("Redact a stored request (admin)") },
            "/v1/admin/reload": { "post": json_op("Load the corpus again (admin)") },
            "/health": { "get": json_op("Alive") },
            "/health/ready": { "get": json_op("Corpus loaded and log writable") },
            "/metrics": { "get": text_op("Prometheus metrics") },
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": { "error": {
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": {
                            "code": { "type": "string", "enum": ["bad_request", "invalid_request", "unsupported_media_type", "too_large", "timeout", "unauthorized", "forbidden", "not_found", "log_unavailable", "corpus_rejected", "internal"] },
                            "message": { "type": "string" },
                            "field": { "type": "string" },
                            "hint": { "type": "string" },
                            "allowed": { "type": "array", "items": { "type": "string" } },
                            "request": { "type": "integer", "minimum": 1 }
                        }
                    } }
                },
                "Request": {
                    "type": "object",
                    "required": ["jurisdiction", "agency", "action"],
                    "additionalProperties": false,
                    "properties": {
                        "jurisdiction": { "type": "string" },
                        "agency": { "type": "string" },
                        "action": { "type": "string" },
                        "as_of": { "type": "string", "format": "date" },
                        "facts": { "type": "object" },
                        "assume_enacted": { "type": "array", "items": { "type": "string" } }
                    }
                },
                "DecideBody": {
                    "oneOf": [
                        { "$ref": "#/components/schemas/Request" },
                        { "type": "object", "required": ["requests"], "additionalProperties": false,
                          "properties": { "requests": { "type": "array", "items": { "$ref": "#/components/schemas/Request" } } } }
                    ]
                },
                "LogRecord": {
                    "type": "object",
                    "required": ["v", "index", "decision_id", "decided_at", "corpus", "engine", "request_hash", "outcome", "deciding", "decision_hash"],
                    "additionalProperties": false,
                    "properties": {
                        "v": { "const": 1 },
                        "index": { "type": "integer", "minimum": 0 },
                        "decision_id": { "type": "string" },
                        "decided_at": { "type": "string", "format": "date-time" },
                        "corpus": { "type": "string" },
                        "engine": { "type": "string" },
                        "request_hash": { "type": "string", "pattern": "^sha256:[0-9a-f]{64}$" },
                        "outcome": { "type": "string" },
                        "deciding": { "type": "array", "items": { "type": "string" } },
                        "decision_hash": { "type": "string", "pattern": "^sha256:[0-9a-f]{64}$" }
                    }
                }
            }
        }
    })
}

pub async fn openapi() -> Response {
    axum::Json(document()).into_response()
}
