//! The one error type of the service and its one status mapping. Clients get the documented
//! shape `{"error": {"code", "message", "field"?, "hint"?, "allowed"?, "request"?}}`; internal
//! causes go to the log (tracing), never to the client.
//!
//! The service's own words are kept typed (a catalog key and its arguments, [`Message`]) until
//! the reader's language is known: an error answers in English, and the `localize` middleware of
//! [`crate::app`], which knows the request's `Accept-Language`, renders it again in Spanish.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use juris_api::Lang;
use juris_api::catalog::{self, Arg};
use serde::Serialize;

/// One sentence of the service's own: a key of the message catalog and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// The message `key` of the catalog, so far without arguments.
    pub fn new(key: &'static str) -> Message {
        Message { key, args: Vec::new() }
    }

    /// Adds the argument `name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        catalog::message(lang, self.key, &self.args)
    }
}

/// The typed words of an error, to render it in the reader's language. Request errors come
/// from `juris-api` already in that language and have none.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Words {
    message: Option<Message>,
    hint: Option<Message>,
}

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

/// An error answer. `message` and `hint` are the English words; [`ApiError::in_lang`] gives
/// them in another language.
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
    // A boxed slice, not a `Vec`: it keeps the error under clippy's `result_large_err` bound.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub allowed: Box<[String]>,
    /// In a batch: the 1-based number of the request the error is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<usize>,
    /// What `message` and `hint` were rendered from.
    #[serde(skip)]
    words: Option<Box<Words>>,
}

impl ApiError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: Message) -> ApiError {
        ApiError {
            code,
            message: message.render(Lang::En),
            kind: None,
            field: None,
            hint: None,
            allowed: Box::default(),
            request: None,
            words: Some(Box::new(Words { message: Some(message), hint: None })),
        }
    }

    /// Names the field the error is about.
    pub fn field(mut self, field: impl Into<String>) -> ApiError {
        self.field = Some(field.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: Message) -> ApiError {
        self.hint = Some(hint.render(Lang::En));
        self.words.get_or_insert_with(|| Box::new(Words { message: None, hint: None })).hint = Some(hint);
        self
    }

    /// The error with its message and hint in `lang`.
    pub fn in_lang(&self, lang: Lang) -> ApiError {
        let mut error = self.clone();
        if let Some(words) = &self.words {
            if let Some(message) = &words.message {
                error.message = message.render(lang);
            }
            if let Some(hint) = &words.hint {
                error.hint = Some(hint.render(lang));
            }
        }
        error
    }

    /// An internal failure: the cause is logged here and the client gets a generic message.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "internal error");
        ApiError::new(ErrorCode::Internal, Message::new("server-internal"))
    }

    /// The log could not be written: the cause is logged, nothing was decided.
    pub fn log_unavailable(cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "decision log unavailable");
        ApiError::new(ErrorCode::LogUnavailable, Message::new("server-log-unavailable"))
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
            allowed: e.allowed.into_boxed_slice(),
            request: e.request,
            words: None,
        }
    }
}

impl IntoResponse for ApiError {
    /// The answer in English; the error rides along in the response's extensions, so that
    /// [`localize`] can word it in the request's language.
    fn into_response(self) -> Response {
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        if self.code == ErrorCode::Unauthorized {
            response.headers_mut().insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// Middleware: an error answer in the language the request asks for (`Accept-Language`). The
/// status and headers stay; only the body's words change.
pub async fn localize(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let lang = crate::body::lang(request.headers());
    let mut response = next.run(request).await;
    if let Some(error) = response.extensions_mut().remove::<ApiError>() {
        if lang != Lang::En {
            response.headers_mut().remove(axum::http::header::CONTENT_LENGTH);
            *response.body_mut() = axum::body::Body::from(error.in_lang(lang).body().to_string());
        }
    }
    response
}
