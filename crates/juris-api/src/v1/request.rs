//! The request and the request error.

use std::collections::BTreeMap;

use super::schemas_support::*;
use crate::Lang;
use crate::catalog;

/// A request: may this agency of this jurisdiction take this action, on this date, given these
/// facts? Names are those of the corpus vocabulary (VOCABULARY.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The jurisdiction id (`us-md-montgomery`).
    pub jurisdiction: String,
    /// The agency that would act (`jail`, `police`, ...).
    pub agency: String,
    /// The date whose law applies (`YYYY-MM-DD`). Required by the engine; the CLI fills in today
    /// (and says so) when it is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// What the agency would do (`hold`, `notify`, ...).
    pub action: String,
    /// What is known about the person and the request, by fact name. A fact left out is
    /// unknown, never false. `charges` and `convictions` are lists of [`Charge`] and
    /// [`Conviction`] (their schemas are `Charge` and `Conviction`).
    #[serde(default)]
    pub facts: BTreeMap<String, serde_json::Value>,
    /// Bills to treat as enacted.
    #[serde(default)]
    pub assume_enacted: Vec<String>,
}

/// A pending charge, as an element of the fact `charges` (VOCABULARY.md). Every field may be
/// left out (unknown).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// The offense category (`burglary`, `public_order`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offense: Option<String>,
    /// `felony`, `misdemeanor`, `wobbler` or `infraction`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The statute, `<jurisdiction> <code> <section>` with subdivisions in parentheses
    /// (`CA PC 459`, `CA PC 245(a)(1)`, `TX PC 49.04`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statute: Option<String>,
    /// The offense classes the record settles, by class id (`{"ca-7282-5-listed": false}`);
    /// `null` for a class the record does not settle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<BTreeMap<String, Option<bool>>>,
}

/// A conviction, as an element of the fact `convictions` (VOCABULARY.md): a charge's fields and
/// the date of conviction.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conviction {
    /// The offense category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offense: Option<String>,
    /// `felony`, `misdemeanor`, `wobbler` or `infraction`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The date of conviction (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The statute, as for a charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statute: Option<String>,
    /// The offense classes the record settles, as for a charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<BTreeMap<String, Option<bool>>>,
}

/// What is wrong with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// The text is not JSON.
    Syntax,
    /// The JSON is not a request object (a field missing or unknown, a value of the wrong shape).
    Shape,
    /// A name (jurisdiction, agency, action, fact, value, bill) the corpus does not know.
    UnknownName,
    /// A required field (such as `as_of`) is missing.
    Missing,
    /// A value of the wrong type, or a date that is not a date.
    InvalidValue,
    /// The operation the entry point was asked for does not exist.
    UnknownOperation,
    /// A key is written twice in one object (the request, `facts`, or a record such as a
    /// charge): which value was meant is not known.
    DuplicateKey,
}

/// A problem with one field of a request, located and explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RequestError {
    /// The 1-based position of the request in a stream, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<usize>,
    /// The 1-based line of a JSON Lines stream the request starts on, when it was read from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The field's path, such as `facts.charges[0].offense`, or `request` for the whole.
    pub field: String,
    /// What is wrong.
    pub kind: ErrorKind,
    /// The values allowed there, when they are a closed list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    /// A suggestion, such as `did you mean \`jail\`?`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The problem in words.
    pub message: String,
}

impl RequestError {
    /// The wire shape of a library request error.
    pub fn from_library(error: &juris::RequestError, _lang: Lang) -> RequestError {
        let kind = match error.kind {
            juris::RequestErrorKind::UnknownName => ErrorKind::UnknownName,
            juris::RequestErrorKind::Missing => ErrorKind::Missing,
            juris::RequestErrorKind::InvalidValue => ErrorKind::InvalidValue,
            juris::RequestErrorKind::DuplicateKey => ErrorKind::DuplicateKey,
            juris::RequestErrorKind::NotAnObject | juris::RequestErrorKind::ListOfRequests | juris::RequestErrorKind::UnknownField => {
                ErrorKind::Shape
            }
            juris::RequestErrorKind::Syntax => ErrorKind::Syntax,
        };
        RequestError {
            request: None,
            line: None,
            field: error.field.clone(),
            kind,
            allowed: error.allowed.clone(),
            hint: error.hint.clone(),
            message: error.message.clone(),
        }
    }

    /// An error that is not about one field of a resolved request.
    pub fn new(field: &str, kind: ErrorKind, message: String) -> RequestError {
        RequestError { request: None, line: None, field: field.to_owned(), kind, allowed: Vec::new(), hint: None, message }
    }

    /// The error as one line: `` `field`: message; hint (allowed: a, b) ``.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = catalog::message(lang, "error-field", &[("field", (&self.field).into()), ("message", (&self.message).into())]);
        if let Some(hint) = &self.hint {
            out.push_str("; ");
            out.push_str(hint);
        }
        if !self.allowed.is_empty() {
            out.push_str(&format!(" ({})", catalog::message(lang, "error-allowed", &[("values", self.allowed.join(", ").into())])));
        }
        out
    }
}

/// The wrapper a stream of answers uses for a request that failed: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorEnvelope {
    /// The error.
    pub error: RequestError,
}
