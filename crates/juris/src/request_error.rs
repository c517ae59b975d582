//! Request errors as typed data: the field's path, what kind of problem it is, the message with
//! any echoed value cut to a readable length, the values allowed there and a hint.

use std::fmt;

use crate::diagnostic::suggest;

/// The longest value echoed in a message, in characters; a longer one is cut, ends with `…`
/// and is followed by its full length.
pub const MAX_ECHOED_CHARS: usize = 80;

/// What kind of problem a request error is, for front ends that render it in other words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestErrorKind {
    /// A name (jurisdiction, agency, action, fact, value, bill, situation, field) the corpus does
    /// not know, or a name of the wrong kind (a document that is not a bill).
    UnknownName,
    /// A required field is missing.
    Missing,
    /// A value of the wrong type or form (a date that is not a date or a day the calendar lacks,
    /// text for a number, a quoted `"true"`).
    InvalidValue,
    /// A key the request itself does not have (`colour`): the request's shape is wrong.
    UnknownField,
    /// A key written twice in one object (the request, `facts`, or a record such as a charge).
    DuplicateKey,
    /// The request is not an object (`null`, a number, a string, a boolean).
    NotAnObject,
    /// A list where one request was expected: requests go one per line (JSON Lines).
    ListOfRequests,
    /// The input is not valid in its own format (for JSON, a syntax error).
    Syntax,
}

/// A problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct RequestError {
    /// The field's path, such as `facts.charges[0].offense`, or `request` for the whole.
    pub field: String,
    /// What kind of problem it is.
    pub kind: RequestErrorKind,
    /// The problem in English; an echoed value is cut to [`MAX_ECHOED_CHARS`].
    pub message: String,
    /// The values allowed there, when they are a closed list.
    pub allowed: Vec<String>,
    pub hint: Option<String>,
}

/// The path blamed for a problem with the request as a whole.
pub const WHOLE_REQUEST: &str = "request";

/// Cuts `text` to [`MAX_ECHOED_CHARS`] characters, ending with `…` when it was longer.
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A value as a message echoes it: in backticks, and when it is long, cut and followed by its
/// full length (`` `xxxx…` (50000000 characters) ``).
pub fn quoted(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((end, _)) => format!("`{}…` ({} characters)", &text[..end], text.chars().count()),
        None => format!("`{text}`"),
    }
}

impl RequestError {
    /// An error with its message; the allowed values and the hint start empty.
    pub(crate) fn new(field: impl Into<String>, kind: RequestErrorKind, message: impl Into<String>) -> RequestError {
        RequestError { field: field.into(), kind, message: message.into(), allowed: Vec::new(), hint: None }
    }

    /// An unknown name, with a "did you mean" hint and the allowed names.
    pub(crate) fn unknown(field: &str, what: &str, value: &str, allowed: Vec<String>) -> RequestError {
        // A suggestion is only looked for among names of about the same length: comparing a
        // megabyte of text with every name would take seconds and suggest nothing.
        let hint = (value.len() <= 4 * MAX_ECHOED_CHARS)
            .then(|| suggest(value, allowed.iter().map(String::as_str)))
            .flatten()
            .map(|s| format!("did you mean `{s}`?"));
        RequestError {
            field: field.into(),
            kind: RequestErrorKind::UnknownName,
            message: format!("unknown {what} {}", quoted(value)),
            allowed,
            hint,
        }
    }

    /// A value of the wrong type: `expected` says what the field holds, `found` what was there.
    pub(crate) fn wrong_type(field: &str, expected: &str, found: Found<'_>) -> RequestError {
        let mut error = RequestError::new(field, RequestErrorKind::InvalidValue, format!("expected {expected}, found {found}"));
        if let Found::Text(text) = found {
            let unquoted = text.trim();
            if unquoted == "true" || unquoted == "false" || (!unquoted.is_empty() && unquoted.parse::<i64>().is_ok()) {
                error.hint = Some(format!("a string was given: write {unquoted} without quotes"));
            }
        }
        error
    }

    /// A key written twice in one object.
    pub(crate) fn duplicate(field: &str) -> RequestError {
        let key = field.rsplit('.').next().unwrap_or(field);
        RequestError::new(field, RequestErrorKind::DuplicateKey, format!("the key `{key}` is given twice"))
            .with_hint("give each key once: with two values, which one was meant is not known")
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> RequestError {
        self.hint = Some(hint.into());
        self
    }

    pub(crate) fn with_allowed(mut self, allowed: Vec<String>) -> RequestError {
        self.allowed = allowed;
        self
    }

    fn render(&self) -> String {
        let mut out = format!("`{}`: {}", self.field, self.message);
        if let Some(hint) = &self.hint {
            out.push_str(&format!("; {hint}"));
        }
        if !self.allowed.is_empty() {
            out.push_str(&format!(" (allowed: {})", self.allowed.join(", ")));
        }
        out
    }
}

/// What a request held where something else was expected, as a message names it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Found<'a> {
    Null,
    Boolean(bool),
    Integer(i128),
    Number(f64),
    Text(&'a str),
    List,
    Object,
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Boolean(b) => write!(f, "`{b}`"),
            Found::Integer(i) => write!(f, "the number `{i}`"),
            Found::Number(x) => write!(f, "the number `{x}`"),
            Found::Text(t) => match t.char_indices().nth(MAX_ECHOED_CHARS) {
                Some((end, _)) => write!(f, "the string `\"{}…` ({} characters)", &t[..end], t.chars().count()),
                None => write!(f, "the string `\"{t}\"`"),
            },
            Found::List => f.write_str("a list"),
            Found::Object => f.write_str("an object"),
        }
    }
}
