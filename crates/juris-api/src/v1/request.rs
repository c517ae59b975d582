//! The request and the request error.

use std::collections::BTreeMap;

use super::schemas_support::*;
use juris::request::{Echo, Expected, Given, Hint, Needed, Noun, Problem, StatuteProblem};

use crate::Lang;
use crate::catalog::{self, Arg};

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
    /// The wire shape of a library request error, its message and hint in `lang`.
    pub fn from_library(error: &juris::RequestError, lang: Lang) -> RequestError {
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
            hint: error.detail.help.as_ref().map(|h| hint(lang, h)),
            message: message(lang, error),
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

/// The problem of a library request error in `lang` (with the situation it was found in).
fn message(lang: Lang, error: &juris::RequestError) -> String {
    let text = problem(lang, &error.detail.problem);
    match &error.detail.situation {
        Some(situation) => catalog::message(lang, "problem-in-situation", &[("message", text.into()), ("situation", situation.into())]),
        None => text,
    }
}

fn echo(lang: Lang, echo: &Echo) -> Arg {
    let text = match echo.chars {
        Some(n) => catalog::message(lang, "echo-cut", &[("value", (&echo.text).into()), ("chars", n.to_string().into())]),
        None => catalog::message(lang, "echo", &[("value", (&echo.text).into())]),
    };
    Arg::Text(text)
}

fn noun(lang: Lang, noun: &Noun) -> Arg {
    let key = match noun {
        Noun::Jurisdiction => "noun-jurisdiction",
        Noun::Agency => "noun-agency",
        Noun::Action => "noun-action",
        Noun::Fact => "noun-fact",
        Noun::Field => "noun-field",
        Noun::Bill => "noun-bill",
        Noun::OffenseClass => "noun-offense-class",
        Noun::Situation => "noun-situation",
        Noun::Value(name) => return catalog::message(lang, "noun-value", &[("name", name.replace('_', " ").into())]).into(),
    };
    catalog::text(lang, key).into()
}

fn expected(lang: Lang, expected: &Expected) -> Arg {
    let named = |key: &str, name: &str| catalog::message(lang, key, &[("name", name.into())]);
    let text = match expected {
        Expected::Text => catalog::text(lang, "expected-text"),
        Expected::Boolean => catalog::text(lang, "expected-boolean"),
        Expected::WholeNumber => catalog::text(lang, "expected-whole-number"),
        Expected::Date => catalog::text(lang, "expected-date"),
        Expected::EnumValue => catalog::text(lang, "expected-enum-value"),
        Expected::Statute => catalog::text(lang, "expected-statute"),
        Expected::Classes => catalog::text(lang, "expected-classes"),
        Expected::Membership => catalog::text(lang, "expected-membership"),
        Expected::ListOfValues(name) => named("expected-list-of-values", name),
        Expected::ListOfRecords(name) => named("expected-list-of-records", name),
        Expected::List => catalog::text(lang, "expected-list"),
        Expected::Record(fields) => catalog::message(lang, "expected-record", &[("fields", fields.join(", ").into())]),
        Expected::Bills => catalog::text(lang, "expected-bills"),
        Expected::BillId => catalog::text(lang, "expected-bill-id"),
        Expected::Facts => catalog::text(lang, "expected-facts"),
    };
    text.into()
}

fn given(lang: Lang, given: &Given) -> Arg {
    let text = match given {
        Given::Null => catalog::text(lang, "given-null"),
        Given::Boolean(b) => catalog::message(lang, "given-boolean", &[("value", b.to_string().into())]),
        Given::Number(n) => catalog::message(lang, "given-number", &[("value", n.into())]),
        Given::Text(Echo { text, chars: Some(n) }) => {
            catalog::message(lang, "given-text-cut", &[("value", text.into()), ("chars", n.to_string().into())])
        }
        Given::Text(Echo { text, chars: None }) => catalog::message(lang, "given-text", &[("value", text.into())]),
        Given::List => catalog::text(lang, "given-list"),
        Given::Object => catalog::text(lang, "given-object"),
    };
    text.into()
}

/// A problem in `lang`.
fn problem(lang: Lang, problem: &Problem) -> String {
    let say = |key: &str, args: &[(&str, Arg)]| catalog::message(lang, key, args);
    match problem {
        Problem::Unknown { what, value } => say("problem-unknown", &[("what", noun(lang, what)), ("value", echo(lang, value))]),
        Problem::WrongType { expected: e, given: g } => {
            say("problem-wrong-type", &[("expected", expected(lang, e)), ("given", given(lang, g))])
        }
        Problem::Duplicate { key } => say("problem-duplicate", &[("key", key.into())]),
        Problem::NotADate { text } => say("problem-not-a-date", &[("text", echo(lang, text))]),
        Problem::NoSuchDay { text, year, month, days } => say(
            "problem-no-such-day",
            &[
                ("text", echo(lang, text)),
                ("month", catalog::text(lang, &format!("month-{month}")).into()),
                ("year", year.to_string().into()),
                ("days", days.to_string().into()),
            ],
        ),
        Problem::NoSuchMonth { text, month } => {
            say("problem-no-such-month", &[("text", echo(lang, text)), ("month", month.to_string().into())])
        }
        Problem::OutOfRange { text } => say("problem-out-of-range", &[("text", echo(lang, text))]),
        Problem::NotAnObject { given: g } => say("problem-not-an-object", &[("given", given(lang, g))]),
        Problem::ListOfRequests => catalog::text(lang, "problem-list-of-requests"),
        Problem::Missing { what } => catalog::text(
            lang,
            match what {
                Needed::Jurisdiction => "problem-missing-jurisdiction",
                Needed::Agency => "problem-missing-agency",
                Needed::AsOf => "problem-missing-as-of",
                Needed::Action => "problem-missing-action",
            },
        ),
        Problem::NotABill { name } => say("problem-not-a-bill", &[("name", echo(lang, name))]),
        Problem::NoSuchBill { name } => say("problem-no-such-bill", &[("name", echo(lang, name))]),
        Problem::Statute { text, problem } => {
            let why = match problem {
                StatuteProblem::TooLong => "statute-too-long",
                StatuteProblem::ControlCharacter => "statute-control-character",
                StatuteProblem::Empty => "statute-empty",
                StatuteProblem::NoCodeAndSection => "statute-no-code-and-section",
            };
            say("problem-statute", &[("text", echo(lang, text)), ("problem", catalog::text(lang, why).into())])
        }
        Problem::Syntax { detail } => say("problem-syntax", &[("detail", detail.into())]),
        Problem::NoDefaultAgency { action, jurisdiction } => {
            say("problem-no-default-agency", &[("action", action.into()), ("jurisdiction", jurisdiction.into())])
        }
        Problem::NotRelativeDate { text } => say("problem-not-relative-date", &[("text", text.into())]),
    }
}

/// A hint in `lang`.
fn hint(lang: Lang, hint: &Hint) -> String {
    let key = match hint {
        Hint::DidYouMean(name) => return catalog::message(lang, "error-did-you-mean", &[("suggestion", name.into())]),
        Hint::Unquote(text) => return catalog::message(lang, "hint-unquote", &[("text", text.into())]),
        Hint::GiveOnce => "hint-give-once",
        Hint::DateFormat => "hint-date-format",
        Hint::CheckDay => "hint-check-day",
        Hint::RequestExample => "hint-request-example",
        Hint::JsonLines => "hint-json-lines",
        Hint::GiveAsOf => "hint-give-as-of",
        Hint::OnlyBills => "hint-only-bills",
        Hint::StatuteForm => "hint-statute-form",
        Hint::CheckSyntax => "hint-check-syntax",
        Hint::DefaultAgency => "hint-default-agency",
        Hint::RelativeDate => "hint-relative-date",
    };
    catalog::text(lang, key)
}

/// The wrapper a stream of answers uses for a request that failed: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorEnvelope {
    /// The error.
    pub error: RequestError,
}
