//! Analyses over many decisions: bills and their lifecycle, the timeline of one question, and the
//! comparison matrix of jurisdictions × actions × standard situations.
//!
//! Each analysis works through the public engine ([`Corpus::resolve`], [`Corpus::decide`],
//! [`Corpus::view`]) and returns plain data that derives `Serialize`, so front ends choose the
//! format. Like the rest of the library it does no IO and reads no clock: dates are inputs.
//!
//! - [`bills`]: every bill, its lifecycle, a status summary, and whether it is in force on a date.
//! - [`timeline`]: every date on which the answer to one question changed, and the events that
//!   changed it.
//! - [`compare`]: the matrix of outcomes for jurisdictions × actions × situations on a date.
//! - situations ([`Situations`]): the standard situations (`situations.toml` at the corpus root).
//! - sourcing statistics ([`CorpusStats`]): the corpus's sourcing, rules counted by confidence and by whether the primary
//!   text was read, per document folder.

mod bills;
mod compare;
mod situations;
mod stats;
mod timeline;

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq};

use crate::date::{Date, Unit};
use crate::engine::ir::{Corpus, Outcome};
use crate::engine::request::{RawRequest, RawValue, RequestError, RequestErrorKind};
use crate::engine::request_error::{Hint, Noun, Problem};
use crate::engine::view::DecisionView;

pub use crate::engine::diff::{Approximation, DiffOptions, DiffReport, Difference, FactCondition, LawState};
pub use bills::{BillState, BillView, BillsQuery, bills};
pub use compare::{Cell, CompareQuery, Comparison, compare};
pub use situations::{SITUATIONS_FILE, Situation, Situations};
pub use stats::{CorpusStats, FolderStats, SourcingCounts};
pub use timeline::{Change, ChangeEvent, EventNote, Timeline, TimelineQuery, TimelineState, timeline};

/// A rule that decided, as analyses report it: its name, outcome, citation and document title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleRef {
    /// The rule's id (`document#rule`).
    pub rule: String,
    /// What the rule says, when it applies.
    pub outcome: Outcome,
    /// Its document's citation.
    pub citation: String,
    /// Its document's title.
    pub title: String,
}

impl RuleRef {
    fn deciding(view: &DecisionView) -> Vec<RuleRef> {
        view.deciding
            .iter()
            .map(|r| RuleRef { rule: r.rule.clone(), outcome: r.outcome, citation: r.citation.clone(), title: r.title.clone() })
            .collect()
    }
}

/// An error for an unknown name, with a "did you mean" hint and the allowed values.
pub(crate) fn unknown(field: &str, what: Noun, value: &str, allowed: Vec<String>) -> RequestError {
    RequestError::unknown(field, what, value, allowed)
}

/// Checks a jurisdiction id, returning its index; the error names `field` and the allowed ids.
pub fn jurisdiction(corpus: &Corpus, field: &str, id: &str) -> Result<u16, RequestError> {
    let v = &corpus.vocabulary;
    v.jurisdiction(id).ok_or_else(|| unknown(field, Noun::Jurisdiction, id, v.jurisdictions.iter().map(|j| j.id.clone()).collect()))
}

/// Checks an agency name, returning its index.
pub fn agency(corpus: &Corpus, field: &str, name: &str) -> Result<u16, RequestError> {
    let v = &corpus.vocabulary;
    v.agency(name).ok_or_else(|| unknown(field, Noun::Agency, name, v.agencies.iter().map(|(n, _)| n.clone()).collect()))
}

/// Checks an action name, returning its index.
pub fn action(corpus: &Corpus, field: &str, name: &str) -> Result<u16, RequestError> {
    let v = &corpus.vocabulary;
    v.action(name).ok_or_else(|| unknown(field, Noun::Action, name, v.actions.iter().map(|(n, _)| n.clone()).collect()))
}

/// Builds the request for one question on one date: facts with relative dates
/// (`"as_of - 3 years"`) are resolved against `as_of` first.
pub(crate) fn request(
    jurisdiction: &str,
    agency: &str,
    action: &str,
    as_of: Date,
    facts: &BTreeMap<String, RawValue>,
    assume_enacted: &[String],
) -> Result<RawRequest, RequestError> {
    let mut resolved = BTreeMap::new();
    for (name, value) in facts {
        resolved.insert(name.clone(), relative_dates(&format!("facts.{name}"), value, as_of)?);
    }
    Ok(RawRequest {
        jurisdiction: jurisdiction.to_owned(),
        agency: agency.to_owned(),
        as_of: Some(as_of.to_string()),
        action: action.to_owned(),
        facts: resolved,
        assume_enacted: assume_enacted.to_vec(),
    })
}

/// Decides one question and renders it.
pub(crate) fn decide(corpus: &Corpus, raw: &RawRequest) -> Result<DecisionView, RequestError> {
    let request = corpus.resolve(raw)?;
    Ok(corpus.view(&corpus.decide(&request)))
}

/// Parses a relative date, `as_of - N years|months|days` (singular units too).
pub fn parse_relative(text: &str) -> Option<(i64, Unit)> {
    let rest = text.trim().strip_prefix("as_of")?.trim_start().strip_prefix('-')?.trim();
    let (amount, unit) = rest.split_once(' ')?;
    let amount: i64 = amount.trim().parse().ok().filter(|n: &i64| *n >= 0)?;
    let unit = match unit.trim() {
        "year" | "years" => Unit::Years,
        "month" | "months" => Unit::Months,
        "day" | "days" => Unit::Days,
        _ => return None,
    };
    Some((amount, unit))
}

/// Replaces every relative date in a value by the date it names on `as_of`.
fn relative_dates(field: &str, value: &RawValue, as_of: Date) -> Result<RawValue, RequestError> {
    Ok(match value {
        RawValue::Text(t) if t.trim_start().starts_with("as_of") => match parse_relative(t) {
            Some((amount, unit)) => RawValue::Text(as_of.minus(amount, unit).to_string()),
            None => {
                return Err(RequestError::new(field, RequestErrorKind::InvalidValue, Problem::NotRelativeDate { text: t.clone() })
                    .with_hint(Hint::RelativeDate));
            }
        },
        RawValue::List(items) => RawValue::List(
            items.iter().enumerate().map(|(i, item)| relative_dates(&format!("{field}[{i}]"), item, as_of)).collect::<Result<_, _>>()?,
        ),
        RawValue::Map(map) => RawValue::Map(
            map.iter()
                .map(|(k, item)| Ok((k.clone(), relative_dates(&format!("{field}.{k}"), item, as_of)?)))
                .collect::<Result<_, RequestError>>()?,
        ),
        other => other.clone(),
    })
}

/// Every absolute date written in the facts (such as conviction dates).
pub(crate) fn fact_dates(facts: &BTreeMap<String, RawValue>) -> Vec<Date> {
    fn walk(value: &RawValue, out: &mut Vec<Date>) {
        match value {
            RawValue::Text(t) => out.extend(Date::parse(t)),
            RawValue::List(items) => items.iter().for_each(|i| walk(i, out)),
            RawValue::Map(map) => match map.get("$__toml_private_datetime") {
                Some(RawValue::Text(t)) => out.extend(Date::parse(t)),
                _ => map.values().for_each(|i| walk(i, out)),
            },
            _ => {}
        }
    }
    let mut out = Vec::new();
    facts.values().for_each(|v| walk(v, &mut out));
    out.sort_unstable();
    out.dedup();
    out
}

/// Serializes facts as written (a TOML date as its text), for echoing them back.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts(pub BTreeMap<String, RawValue>);

struct ValueOut<'a>(&'a RawValue);

impl Serialize for ValueOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            RawValue::Bool(b) => serializer.serialize_bool(*b),
            RawValue::Int(i) => serializer.serialize_i64(*i),
            RawValue::Float(f) => serializer.serialize_f64(*f),
            RawValue::Text(t) => serializer.serialize_str(t),
            RawValue::Null(()) => serializer.serialize_none(),
            RawValue::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&ValueOut(item))?;
                }
                seq.end()
            }
            RawValue::Map(map) => match map.get("$__toml_private_datetime") {
                Some(RawValue::Text(t)) if map.len() == 1 => serializer.serialize_str(t),
                _ => {
                    let mut out = serializer.serialize_map(Some(map.len()))?;
                    for (k, v) in map {
                        out.serialize_entry(k, &ValueOut(v))?;
                    }
                    out.end()
                }
            },
        }
    }
}

impl Serialize for Facts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            out.serialize_entry(k, &ValueOut(v))?;
        }
        out.end()
    }
}
