//! The one error type of the service and its one status mapping. Clients get the documented
//! shape `{"error": {"code", "message", "field"?, "hint"?, "allowed"?, "request"?}}`; internal
//! causes go to the log (tracing), never to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// What went wrong, in the words a client can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not JSON, or not the shape of a request.
    BadRequest,
    /// A request names something the corpus does not know, or a value of the wrong type.
    InvalidRequest,
    /// The body is not `application/json`.
    UnsupportedMediaType,
    /// The body, the nesting or the batch is larger than the service accepts.
    TooLarge,
    /// The client was too slow to send its request.
    Timeout,
    /// The answer took longer than the service allows (`--request-timeout`).
    DeadlineExceeded,
    /// The service has as many open connections as it allows (`--max-connections`).
    TooManyConnections,
    /// A token is needed, or the token given lacks the role.
    Unauthorized,
    Forbidden,
    /// No such resource.
    NotFound,
    /// The decision log cannot be written: nothing was decided.
    LogUnavailable,
    /// A corpus to load has errors; the old one keeps serving.
    CorpusRejected,
    /// A failure inside the service; the details are in its own log.
    Internal,
}

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// For a request error: what is wrong with the field (as `juris-api` names it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<juris_api::v1::ErrorKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    /// In a batch: the 1-based number of the request the error is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<usize>,
}

impl ApiError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), kind: None, field: None, hint: None, allowed: Vec::new(), request: None }
    }

    /// Names the field the error is about.
    pub fn field(mut self, field: impl Into<String>) -> ApiError {
        self.field = Some(field.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> ApiError {
        self.hint = Some(hint.into());
        self
    }

    /// An internal failure: the cause is logged here and the client gets a generic message.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "internal error");
        ApiError::new(ErrorCode::Internal, "the service failed to answer; the cause is in its log")
    }

    /// The log could not be written: the cause is logged, nothing was decided.
    pub fn log_unavailable(cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "decision log unavailable");
        ApiError::new(ErrorCode::LogUnavailable, "the decision log cannot be written, so nothing was decided; try again later")
    }

    /// The HTTP status of an error.
    pub fn status(&self) -> StatusCode {
        match self.code {
            ErrorCode::BadRequest | ErrorCode::InvalidRequest => StatusCode::BAD_REQUEST,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Timeout => StatusCode::REQUEST_TIMEOUT,
            ErrorCode::DeadlineExceeded | ErrorCode::TooManyConnections => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::LogUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::CorpusRejected => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The JSON body.
    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({ "error": self })
    }
}

impl From<juris_api::v1::RequestError> for ApiError {
    fn from(e: juris_api::v1::RequestError) -> ApiError {
        use juris_api::v1::ErrorKind;
        let code = match e.kind {
            ErrorKind::Syntax => ErrorCode::BadRequest,
            _ => ErrorCode::InvalidRequest,
        };
        ApiError {
            code,
            message: e.message,
            kind: Some(e.kind),
            field: Some(e.field),
            hint: e.hint,
            allowed: e.allowed,
            request: e.request,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        if self.code == ErrorCode::Unauthorized {
            response.headers_mut().insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}
