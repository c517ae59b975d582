//! Requests: the wire-neutral raw shape, and resolution into compact typed facts.
//!
//! A front end decodes a request with [`Corpus::decode`] (any `serde` format, straight into a
//! [`Request`]) or deserializes a [`RawRequest`] and calls [`Corpus::resolve`]; both go through
//! the one decoder in [`crate::engine::decode`], and every problem comes back as a [`RequestError`]
//! naming the field.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::date::Date;
use crate::engine::ir::{ClassId, Corpus, DocId};
pub(crate) use crate::engine::request_error::{RequestError, RequestErrorKind};
use crate::vocabulary::{FactType, ScalarType};

/// A dynamically typed value as it arrives from a request.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum RawValue {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A string: an enum value, a date, a statute.
    Text(String),
    /// A list (charges, convictions, offenses under investigation).
    List(Vec<RawValue>),
    /// An object: one record of a list.
    Map(BTreeMap<String, RawValue>),
    /// `null`: the fact is unknown, exactly as if it were left out.
    Null(()),
    /// A number with a fraction: never valid, kept so that the error can name the field.
    Float(f64),
}

/// A request as written: names, not yet checked.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawRequest {
    /// The jurisdiction's id (`us-md-montgomery`).
    pub jurisdiction: String,
    /// The agency asking (`corrections`).
    pub agency: String,
    /// Required by the engine; front ends may fill in today's date.
    #[serde(default)]
    pub as_of: Option<String>,
    /// The action asked about (`hold`).
    pub action: String,
    /// The facts known, by name; a fact left out is unknown, never false.
    #[serde(default)]
    pub facts: BTreeMap<String, RawValue>,
    /// Bills (document ids) to read as law from their passage.
    #[serde(default)]
    pub assume_enacted: Vec<String>,
}

/// A typed value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// A boolean fact.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A calendar date.
    Date(Date),
    /// An enum value, by its index in the enum's values.
    Enum(u16),
    /// A list fact's elements.
    List(Box<[Element]>),
    /// A statute in normal form (`CA PC 245(a)(1)`: code, section, subdivisions).
    Statute(Box<str>),
    /// The offense classes a record settles, by class id, sorted.
    Classes(Box<[(ClassId, bool)]>),
}

/// An element of a list fact.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Element {
    /// An element of a list of values (an offense).
    Value(Value),
    /// A record's fields in declaration order; a missing field is unknown.
    Record(Box<[Option<Value>]>),
}

/// A resolved request: every name is an index, every fact typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Request {
    /// The jurisdiction, by index in the vocabulary.
    pub jurisdiction: u16,
    /// The agency, by index.
    pub agency: u16,
    /// The date the law is read as of.
    pub as_of: Date,
    /// The action, by index.
    pub action: u16,
    /// Indexed by fact id; `None` is unknown.
    pub facts: Vec<Option<Value>>,
    /// Bills read as law from their passage, by document id.
    pub assume_enacted: Vec<DocId>,
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Date(d) => write!(f, "{d}"),
            Value::Enum(e) => write!(f, "#{e}"),
            Value::List(l) => write!(f, "[{} items]", l.len()),
            Value::Statute(s) => write!(f, "{s}"),
            Value::Classes(c) => write!(f, "{{{} classes}}", c.len()),
        }
    }
}

impl Corpus {
    /// A typed value back in the request's own terms (names instead of indices).
    pub fn raw_value(&self, fact: u16, value: &Value) -> RawValue {
        let v = &self.vocabulary;
        let scalar = |ty: ScalarType, value: &Value| -> RawValue {
            match (ty, value) {
                (_, Value::Bool(b)) => RawValue::Bool(*b),
                (_, Value::Int(i)) => RawValue::Int(*i),
                (_, Value::Date(d)) => RawValue::Text(d.to_string()),
                (ScalarType::Enum(e), Value::Enum(x)) => {
                    RawValue::Text(v.enums[e as usize].values.get(*x as usize).cloned().unwrap_or_default())
                }
                (_, Value::Statute(s)) => RawValue::Text(s.to_string()),
                (_, Value::Classes(c)) => RawValue::Map(
                    c.iter()
                        .filter_map(|(class, b)| self.classes.get(*class as usize).map(|x| (x.id.clone(), RawValue::Bool(*b))))
                        .collect(),
                ),
                _ => RawValue::Null(()),
            }
        };
        match (v.facts[fact as usize].ty, value) {
            (FactType::Scalar(ty), value) => scalar(ty, value),
            (FactType::Values(e), Value::List(items)) => RawValue::List(
                items
                    .iter()
                    .map(|item| match item {
                        Element::Value(x) => scalar(ScalarType::Enum(e), x),
                        Element::Record(_) => RawValue::Null(()),
                    })
                    .collect(),
            ),
            (FactType::Records(r), Value::List(items)) => {
                let record = &v.records[r as usize];
                RawValue::List(
                    items
                        .iter()
                        .map(|item| match item {
                            Element::Record(fields) => RawValue::Map(
                                record
                                    .fields
                                    .iter()
                                    .zip(fields.iter())
                                    .filter_map(|((name, ty), value)| value.as_ref().map(|x| (name.clone(), scalar(*ty, x))))
                                    .collect(),
                            ),
                            Element::Value(_) => RawValue::Null(()),
                        })
                        .collect(),
                )
            }
            _ => RawValue::Null(()),
        }
    }
}
