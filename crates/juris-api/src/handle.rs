//! The JSON-in/JSON-out entry point: one operation, one request as JSON text, one answer as
//! JSON text. Bindings (Python, WebAssembly) and services wrap it without touching the library.
//! It does no IO and reads no clock: every date is in the request.

use std::collections::BTreeMap;

use juris::analysis::{BillsQuery, CompareQuery, Situations, TimelineQuery};
use juris::{Corpus, Date, DecodeOptions, RawValue};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::catalog;
use crate::v1::{self, ErrorEnvelope, ErrorKind, RequestError};

/// What the entry point can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    /// Decide one request ([`v1::Request`] → [`v1::Decision`]).
    Decide,
    /// The comparison matrix ([`CompareRequest`] → [`v1::Comparison`]).
    Compare,
    /// Two states of the law ([`DiffRequest`] → [`v1::DiffReport`]).
    Diff,
    /// The history of one question ([`TimelineRequest`] → [`v1::Timeline`]).
    Timeline,
    /// The bills ([`BillsRequest`] → a list of [`v1::Bill`]).
    Bills,
    /// The corpus listing (`{}` → [`v1::CorpusListing`]).
    Corpus,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 6] =
        [Operation::Decide, Operation::Compare, Operation::Diff, Operation::Timeline, Operation::Bills, Operation::Corpus];

    /// The operation's name.
    pub fn name(self) -> &'static str {
        match self {
            Operation::Decide => "decide",
            Operation::Compare => "compare",
            Operation::Diff => "diff",
            Operation::Timeline => "timeline",
            Operation::Bills => "bills",
            Operation::Corpus => "corpus",
        }
    }

    /// Reads an operation's name.
    pub fn parse(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|o| o.name() == name)
    }
}

/// What the entry point needs besides the corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The language of every `message`.
    pub lang: Lang,
    /// The standard situations, for `compare` and `timeline`.
    pub situations: Option<&'a Situations>,
}

/// The bills on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BillsRequest {
    /// The date `in_force` refers to (`YYYY-MM-DD`).
    pub as_of: String,
    /// Only bills of this jurisdiction and the jurisdictions under it.
    #[serde(default)]
    pub jurisdiction: Option<String>,
}

/// A comparison. Empty lists mean all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    /// The date (`YYYY-MM-DD`).
    pub as_of: String,
    /// The rows.
    #[serde(default)]
    pub jurisdictions: Vec<String>,
    /// The columns.
    #[serde(default)]
    pub actions: Vec<String>,
    /// The situations.
    #[serde(default)]
    pub situations: Vec<String>,
    /// One agency for every cell, instead of the situations' defaults.
    #[serde(default)]
    pub agency: Option<String>,
    /// Bills to treat as enacted.
    #[serde(default)]
    pub assume_enacted: Vec<String>,
}

/// The history of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineRequest {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// The agency (default: the one the situations name for the action).
    #[serde(default)]
    pub agency: Option<String>,
    /// The action.
    pub action: String,
    /// A standard situation whose facts to use.
    #[serde(default)]
    pub situation: Option<String>,
    /// Facts (added to the situation's); dates may be relative (`as_of - 3 years`).
    #[serde(default)]
    pub facts: BTreeMap<String, serde_json::Value>,
    /// Bills to treat as enacted.
    #[serde(default)]
    pub assume_enacted: Vec<String>,
    /// The first day looked at.
    #[serde(default)]
    pub from: Option<String>,
    /// The last day a change is reported.
    #[serde(default)]
    pub until: Option<String>,
    /// Also report dates on which the deciding law changed but the outcome did not.
    #[serde(default)]
    pub deciding_changes: bool,
}

/// Two states of the law to compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffRequest {
    /// The jurisdiction of the law in force (the left side).
    pub jurisdiction: String,
    /// Its date.
    pub as_of: String,
    /// The right side: the law as if these bills were enacted.
    #[serde(default)]
    pub assume_enacted: Vec<String>,
    /// The right side: the law on another date.
    #[serde(default)]
    pub against_as_of: Option<String>,
    /// The right side: another jurisdiction's law.
    #[serde(default)]
    pub against_jurisdiction: Option<String>,
    /// Only these agencies (empty: all).
    #[serde(default)]
    pub agencies: Vec<String>,
    /// Only these actions (empty: all).
    #[serde(default)]
    pub actions: Vec<String>,
}

/// Runs one operation on a request given as JSON text and answers with JSON text: the answer's
/// shape, or `{"error": {...}}` ([`v1::RequestError`]) naming the field.
pub fn handle(corpus: &Corpus, operation: &str, request: &str, options: &Options<'_>) -> String {
    let answer = match Operation::parse(operation) {
        Some(op) => run(corpus, op, request, options),
        None => Err(RequestError {
            allowed: Operation::ALL.iter().map(|o| o.name().to_owned()).collect(),
            ..RequestError::new(
                "operation",
                ErrorKind::UnknownOperation,
                catalog::message(options.lang, "error-unknown-operation", &[("operation", operation.into())]),
            )
        }),
    };
    let value = answer.unwrap_or_else(|error| serde_json::to_value(ErrorEnvelope { error }).unwrap_or_default());
    value.to_string()
}

/// Runs one operation, answering with the JSON value of its shape or a request error.
pub fn run(corpus: &Corpus, operation: Operation, request: &str, options: &Options<'_>) -> Result<serde_json::Value, RequestError> {
    let lang = options.lang;
    let json = |value: Result<serde_json::Value, serde_json::Error>| value.map_err(|e| shape_error(lang, &e));
    match operation {
        Operation::Decide => json(serde_json::to_value(decide_text(corpus, request, lang)?)),
        Operation::Bills => {
            let query: BillsRequest = parse(lang, request)?;
            let as_of = date(lang, "as_of", &query.as_of)?;
            let list =
                juris::analysis::bills(corpus, &BillsQuery { jurisdiction: query.jurisdiction, as_of }).map_err(|e| library(&e, lang))?;
            json(serde_json::to_value(list.iter().map(|b| v1::Bill::from_library(b, lang)).collect::<Vec<_>>()))
        }
        Operation::Compare => {
            let query: CompareRequest = parse(lang, request)?;
            let situations = situations(options)?;
            let library_query = CompareQuery {
                as_of: date(lang, "as_of", &query.as_of)?,
                jurisdictions: query.jurisdictions,
                actions: query.actions,
                situations: query.situations,
                agency: query.agency,
                assume_enacted: query.assume_enacted,
            };
            let matrix = juris::analysis::compare(corpus, situations, &library_query).map_err(|e| library(&e, lang))?;
            json(serde_json::to_value(v1::Comparison::from_library(&matrix)))
        }
        Operation::Timeline => {
            let query: TimelineRequest = parse(lang, request)?;
            json(serde_json::to_value(timeline(corpus, query, options)?))
        }
        Operation::Diff => {
            let query: DiffRequest = parse(lang, request)?;
            json(serde_json::to_value(diff(corpus, &query, lang)?))
        }
        Operation::Corpus => json(serde_json::to_value(v1::CorpusListing::from_library(corpus, options.situations))),
    }
}

/// Decides one request given as a JSON value: the decision, or the error naming the field.
/// A key written twice cannot be seen in a parsed value: decode text with [`decide_text`].
pub fn decide_value(corpus: &Corpus, value: serde_json::Value, lang: Lang) -> Result<v1::Decision, RequestError> {
    let resolved = corpus.decode(&value, DecodeOptions::default()).map_err(|e| library(&e, lang))?;
    let view = corpus.view(&corpus.decide(&resolved));
    Ok(v1::Decision::from_view(corpus, &view, lang))
}

/// Decides one request given as JSON text, decoded in one pass by the library's decoder (so a
/// key written twice is an error): the decision, or the error naming the field.
pub fn decide_text(corpus: &Corpus, text: &str, lang: Lang) -> Result<v1::Decision, RequestError> {
    let resolved = decode_text(corpus, text, DecodeOptions::default(), lang)?;
    let view = corpus.view(&corpus.decide(&resolved));
    Ok(v1::Decision::from_view(corpus, &view, lang))
}

/// Decodes one request from JSON text: a syntax error is reported as such (with its line and
/// column), even when the decoder would have stopped earlier at a bad field; text after the
/// object is an error.
pub fn decode_text(corpus: &Corpus, text: &str, options: DecodeOptions, lang: Lang) -> Result<juris::Request, RequestError> {
    let mut json = serde_json::Deserializer::from_str(text);
    let decoded = corpus.decode(&mut json, options);
    match decoded {
        Ok(request) if json.end().is_ok() => Ok(request),
        Ok(_) => Err(trailing(lang)),
        Err(error) => {
            // The decoder stops at the first bad field; the text is checked whole first, so
            // that broken JSON is reported as broken JSON.
            let mut check = serde_json::Deserializer::from_str(text);
            match <serde::de::IgnoredAny as Deserialize>::deserialize(&mut check) {
                Err(e) => Err(not_json(lang, &e)),
                Ok(_) if check.end().is_err() => Err(trailing(lang)),
                Ok(_) => Err(library(&error, lang)),
            }
        }
    }
}

fn trailing(lang: Lang) -> RequestError {
    RequestError::new("request", ErrorKind::Syntax, catalog::text(lang, "error-trailing-json"))
}

fn not_json(lang: Lang, e: &serde_json::Error) -> RequestError {
    RequestError::new(
        "request",
        ErrorKind::Syntax,
        catalog::message(
            lang,
            "error-not-json",
            &[("line", e.line().into()), ("column", e.column().into()), ("detail", e.to_string().into())],
        ),
    )
}

fn parse<T: serde::de::DeserializeOwned>(lang: Lang, text: &str) -> Result<T, RequestError> {
    serde_json::from_str(text).map_err(|e| if e.is_syntax() || e.is_eof() { not_json(lang, &e) } else { shape_error(lang, &e) })
}

/// A serde error about the shape of a request, naming the field it is about.
pub fn shape_error(lang: Lang, error: &serde_json::Error) -> RequestError {
    let message = error.to_string();
    let mut field = "request".to_owned();
    for marker in ["unknown field `", "missing field `"] {
        if let Some(name) = message.split(marker).nth(1).and_then(|rest| rest.split('`').next()) {
            field = name.to_owned();
        }
    }
    let kind = if message.starts_with("missing field") { ErrorKind::Missing } else { ErrorKind::Shape };
    let _ = lang;
    RequestError::new(&field, kind, message)
}

fn library(error: &juris::RequestError, lang: Lang) -> RequestError {
    RequestError::from_library(error, lang)
}

fn date(lang: Lang, field: &str, text: &str) -> Result<Date, RequestError> {
    juris::parse_date(field, text).map_err(|e| RequestError::from_library(&e, lang))
}

fn optional_date(lang: Lang, field: &str, text: Option<&str>) -> Result<Option<Date>, RequestError> {
    text.map(|t| date(lang, field, t)).transpose()
}

fn situations<'a>(options: &Options<'a>) -> Result<&'a Situations, RequestError> {
    options
        .situations
        .ok_or_else(|| RequestError::new("situations", ErrorKind::Missing, catalog::text(options.lang, "error-no-situations")))
}

fn raw_facts(facts: BTreeMap<String, serde_json::Value>, lang: Lang) -> Result<BTreeMap<String, RawValue>, RequestError> {
    facts
        .into_iter()
        .map(|(name, value)| {
            serde_json::from_value::<RawValue>(value)
                .map(|v| (name.clone(), v))
                .map_err(|e| RequestError { field: format!("facts.{name}"), ..shape_error(lang, &e) })
        })
        .collect()
}

fn timeline(corpus: &Corpus, query: TimelineRequest, options: &Options<'_>) -> Result<v1::Timeline, RequestError> {
    let lang = options.lang;
    let mut facts = BTreeMap::new();
    if let Some(id) = &query.situation {
        let found = situations(options)?.find("situation", id).map_err(|e| library(&e, lang))?;
        facts.extend(found.facts.clone());
    }
    facts.extend(raw_facts(query.facts, lang)?);
    let agency = match query.agency {
        Some(a) => a,
        None => {
            let j = juris::analysis::jurisdiction(corpus, "jurisdiction", &query.jurisdiction).map_err(|e| library(&e, lang))?;
            options.situations.and_then(|s| s.agency_for(corpus, j, &query.action)).map(str::to_owned).ok_or_else(|| {
                RequestError::new(
                    "agency",
                    ErrorKind::Missing,
                    catalog::message(lang, "error-no-default-agency", &[("action", (&query.action).into())]),
                )
            })?
        }
    };
    let library_query = TimelineQuery {
        jurisdiction: query.jurisdiction,
        agency,
        action: query.action,
        situation: query.situation,
        facts,
        assume_enacted: query.assume_enacted,
        from: optional_date(lang, "from", query.from.as_deref())?,
        until: optional_date(lang, "until", query.until.as_deref())?,
        deciding_changes: query.deciding_changes,
    };
    let t = juris::analysis::timeline(corpus, &library_query).map_err(|e| library(&e, lang))?;
    Ok(v1::Timeline::from_library(&t, lang))
}

/// The parsed states and options of a diff request.
pub fn diff(corpus: &Corpus, query: &DiffRequest, lang: Lang) -> Result<v1::DiffReport, RequestError> {
    use juris::analysis::{DiffOptions, LawState};
    if query.assume_enacted.is_empty() && query.against_as_of.is_none() && query.against_jurisdiction.is_none() {
        return Err(RequestError::new("request", ErrorKind::Missing, catalog::text(lang, "error-nothing-to-compare")));
    }
    let jurisdiction = |field: &str, id: &str| juris::analysis::jurisdiction(corpus, field, id).map_err(|e| library(&e, lang));
    let left_j = jurisdiction("jurisdiction", &query.jurisdiction)?;
    let right_j = match &query.against_jurisdiction {
        Some(id) => jurisdiction("against_jurisdiction", id)?,
        None => left_j,
    };
    let left_date = date(lang, "as_of", &query.as_of)?;
    let right_date = optional_date(lang, "against_as_of", query.against_as_of.as_deref())?.unwrap_or(left_date);
    let mut assumed = Vec::new();
    for (i, bill) in query.assume_enacted.iter().enumerate() {
        assumed.push(corpus.bill(&format!("assume_enacted[{i}]"), bill).map_err(|e| library(&e, lang))?);
    }
    let mut options = DiffOptions::default();
    for (i, a) in query.agencies.iter().enumerate() {
        options.agencies.push(juris::analysis::agency(corpus, &format!("agencies[{i}]"), a).map_err(|e| library(&e, lang))?);
    }
    for (i, a) in query.actions.iter().enumerate() {
        options.actions.push(juris::analysis::action(corpus, &format!("actions[{i}]"), a).map_err(|e| library(&e, lang))?);
    }
    let left = LawState { jurisdiction: left_j, as_of: left_date, assume_enacted: Vec::new() };
    let right = LawState { jurisdiction: right_j, as_of: right_date, assume_enacted: assumed };
    let report = corpus.diff(&left, &right, &options);
    Ok(v1::DiffReport::from_library(corpus, &left, &right, &report, lang))
}
