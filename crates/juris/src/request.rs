//! Requests: the wire-neutral raw shape, and resolution into compact typed facts.
//!
//! A front end deserializes a [`RawRequest`] from whatever format it speaks (JSON, TOML) and calls
//! [`Corpus::resolve`]; every problem comes back as a [`RequestError`] naming the field.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::date::Date;
use crate::diagnostic::suggest;
use crate::ir::{ClassId, Corpus, DocId};
use crate::vocabulary::{FactType, ScalarType};

/// A dynamically typed value as it arrives from a request.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum RawValue {
    Bool(bool),
    Int(i64),
    Text(String),
    List(Vec<RawValue>),
    Map(BTreeMap<String, RawValue>),
    Null(()),
    /// A number with a fraction: never valid, kept so that the error can name the field.
    Float(f64),
}

impl RawValue {
    fn describe(&self) -> String {
        match self {
            RawValue::Bool(b) => format!("`{b}`"),
            RawValue::Int(i) => format!("`{i}`"),
            RawValue::Text(t) => format!("`{t}`"),
            RawValue::List(_) => "a list".into(),
            RawValue::Map(_) => "an object".into(),
            RawValue::Null(()) => "null".into(),
            RawValue::Float(f) => format!("`{f}`"),
        }
    }

    /// A TOML date arrives as a one-key map; read it as text.
    fn as_text(&self) -> Option<&str> {
        match self {
            RawValue::Text(t) => Some(t),
            RawValue::Map(m) if m.len() == 1 => match m.get("$__toml_private_datetime") {
                Some(RawValue::Text(t)) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A request as written: names, not yet checked.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawRequest {
    pub jurisdiction: String,
    pub agency: String,
    /// Required by the engine; front ends may fill in today's date.
    #[serde(default)]
    pub as_of: Option<String>,
    pub action: String,
    #[serde(default)]
    pub facts: BTreeMap<String, RawValue>,
    #[serde(default)]
    pub assume_enacted: Vec<String>,
}

/// A typed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Date(Date),
    Enum(u16),
    List(Box<[Element]>),
    /// A statute in normal form ([`crate::statute::normalize`]).
    Statute(Box<str>),
    /// The offense classes a record settles, by class id, sorted.
    Classes(Box<[(ClassId, bool)]>),
}

/// An element of a list fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Value(Value),
    /// A record's fields in declaration order; a missing field is unknown.
    Record(Box<[Option<Value>]>),
}

/// A resolved request: every name is an index, every fact typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub jurisdiction: u16,
    pub agency: u16,
    pub as_of: Date,
    pub action: u16,
    /// Indexed by fact id; `None` is unknown.
    pub facts: Vec<Option<Value>>,
    pub assume_enacted: Vec<DocId>,
}

/// What kind of problem a request error is, for front ends that render it in other words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestErrorKind {
    /// A name (jurisdiction, agency, action, fact, value, bill, situation) the corpus does not know,
    /// or a name of the wrong kind (a document that is not a bill).
    UnknownName,
    /// A required field is missing.
    Missing,
    /// A value of the wrong type or form (a date that is not a date, text for a number).
    InvalidValue,
}

/// A problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct RequestError {
    /// The field's path, such as `facts.charges[0].offense`.
    pub field: String,
    /// What kind of problem it is.
    pub kind: RequestErrorKind,
    pub message: String,
    /// The values allowed there, when they are a closed list.
    pub allowed: Vec<String>,
    pub hint: Option<String>,
}

impl RequestError {
    fn new(field: impl Into<String>, message: impl Into<String>) -> RequestError {
        RequestError { field: field.into(), kind: RequestErrorKind::InvalidValue, message: message.into(), allowed: Vec::new(), hint: None }
    }

    fn unknown(field: &str, what: &str, value: &str, allowed: Vec<String>) -> RequestError {
        let hint = suggest(value, allowed.iter().map(String::as_str)).map(|s| format!("did you mean `{s}`?"));
        RequestError {
            field: field.into(),
            kind: RequestErrorKind::UnknownName,
            message: format!("unknown {what} `{value}`"),
            allowed,
            hint,
        }
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
    /// Checks a raw request against the vocabulary and the corpus.
    pub fn resolve(&self, raw: &RawRequest) -> Result<Request, RequestError> {
        let v = &self.vocabulary;
        let names = |list: &[(String, String)]| list.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        let jurisdiction = v.jurisdiction(&raw.jurisdiction).ok_or_else(|| {
            RequestError::unknown("jurisdiction", "jurisdiction", &raw.jurisdiction, v.jurisdictions.iter().map(|j| j.id.clone()).collect())
        })?;
        let agency = v.agency(&raw.agency).ok_or_else(|| RequestError::unknown("agency", "agency", &raw.agency, names(&v.agencies)))?;
        let action = v.action(&raw.action).ok_or_else(|| RequestError::unknown("action", "action", &raw.action, names(&v.actions)))?;
        let as_of = match &raw.as_of {
            None => {
                return Err(RequestError {
                    kind: RequestErrorKind::Missing,
                    ..RequestError::new("as_of", "missing: the date whose law applies")
                }
                .with_hint("give `as_of` as YYYY-MM-DD"));
            }
            Some(text) => Date::parse(text).ok_or_else(|| {
                RequestError::new("as_of", format!("`{text}` is not a date")).with_hint("write YYYY-MM-DD, e.g. `2019-08-13`")
            })?,
        };
        let mut facts = vec![None; v.facts.len()];
        for (name, value) in &raw.facts {
            let field = format!("facts.{name}");
            let Some(id) = v.fact(name) else {
                return Err(RequestError::unknown(&field, "fact", name, v.facts.iter().map(|f| f.name.clone()).collect()));
            };
            if matches!(value, RawValue::Null(())) {
                continue;
            }
            facts[id as usize] = Some(self.value(&field, v.facts[id as usize].ty, value)?);
        }
        let mut assume_enacted = Vec::new();
        for (i, bill) in raw.assume_enacted.iter().enumerate() {
            let field = format!("assume_enacted[{i}]");
            let bills: Vec<String> = self.documents.iter().filter(|d| d.is_bill()).map(|d| d.id.clone()).collect();
            match self.document_id(bill) {
                Some(d) if self.documents[d as usize].is_bill() => assume_enacted.push(d),
                Some(_) => {
                    return Err(RequestError {
                        field,
                        kind: RequestErrorKind::UnknownName,
                        message: format!("`{bill}` is not a bill"),
                        allowed: bills,
                        hint: Some("only bills can be assumed enacted".into()),
                    });
                }
                None => return Err(RequestError::unknown(&field, "bill", bill, bills)),
            }
        }
        assume_enacted.sort_unstable();
        assume_enacted.dedup();
        Ok(Request { jurisdiction, agency, as_of, action, facts, assume_enacted })
    }

    fn value(&self, field: &str, ty: FactType, raw: &RawValue) -> Result<Value, RequestError> {
        let v = &self.vocabulary;
        match ty {
            FactType::Scalar(s) => self.scalar(field, s, raw),
            FactType::Values(e) => {
                let RawValue::List(items) = raw else {
                    return Err(RequestError::new(
                        field,
                        format!("expected a list of {}, found {}", v.enums[e as usize].name, raw.describe()),
                    ));
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(Element::Value(self.scalar(&format!("{field}[{i}]"), ScalarType::Enum(e), item)?));
                }
                Ok(Value::List(out.into()))
            }
            FactType::Records(r) => {
                let record = &v.records[r as usize];
                let RawValue::List(items) = raw else {
                    return Err(RequestError::new(field, format!("expected a list of {} records, found {}", record.name, raw.describe())));
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let item_field = format!("{field}[{i}]");
                    let RawValue::Map(map) = item else {
                        return Err(RequestError::new(
                            &item_field,
                            format!(
                                "expected an object with {}, found {}",
                                record.fields.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>().join(", "),
                                item.describe()
                            ),
                        ));
                    };
                    let mut fields = vec![None; record.fields.len()];
                    for (key, value) in map {
                        let Some(pos) = record.fields.iter().position(|(f, _)| f == key) else {
                            return Err(RequestError::unknown(
                                &format!("{item_field}.{key}"),
                                "field",
                                key,
                                record.fields.iter().map(|(f, _)| f.clone()).collect(),
                            ));
                        };
                        if !matches!(value, RawValue::Null(())) {
                            fields[pos] = Some(self.scalar(&format!("{item_field}.{key}"), record.fields[pos].1, value)?);
                        }
                    }
                    out.push(Element::Record(fields.into()));
                }
                Ok(Value::List(out.into()))
            }
        }
    }

    fn scalar(&self, field: &str, ty: ScalarType, raw: &RawValue) -> Result<Value, RequestError> {
        let v = &self.vocabulary;
        match (ty, raw) {
            (ScalarType::Bool, RawValue::Bool(b)) => Ok(Value::Bool(*b)),
            (ScalarType::Int, RawValue::Int(i)) => Ok(Value::Int(*i)),
            (ScalarType::Date, raw) if raw.as_text().is_some() => {
                let text = raw.as_text().unwrap_or_default();
                Date::parse(text)
                    .map(Value::Date)
                    .ok_or_else(|| RequestError::new(field, format!("`{text}` is not a date")).with_hint("write YYYY-MM-DD"))
            }
            (ScalarType::Statute, RawValue::Text(t)) => self.statute(field, t),
            (ScalarType::Classes, RawValue::Map(map)) => self.class_assertions(field, map),
            (ScalarType::Enum(e), RawValue::Text(t)) => {
                let def = &v.enums[e as usize];
                v.enum_value(e, t)
                    .map(Value::Enum)
                    .ok_or_else(|| RequestError::unknown(field, &def.name.replace('_', " "), t, def.values.clone()))
            }
            (ty, raw) => Err(RequestError::new(field, format!("expected {}, found {}", describe_type(v, ty), raw.describe()))),
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

fn describe_type(v: &crate::vocabulary::Vocabulary, ty: ScalarType) -> String {
    match ty {
        ScalarType::Bool => "true or false".into(),
        ScalarType::Int => "a whole number".into(),
        ScalarType::Date => "a date (YYYY-MM-DD)".into(),
        ScalarType::Statute => "a statute as text, such as `CA PC 459`".into(),
        ScalarType::Classes => "an object of offense class ids and true or false, such as `{\"ca-7282-5-listed\": false}`".into(),
        ScalarType::Enum(e) => format!("one of: {}", v.enums[e as usize].values.join(", ")),
    }
}

impl RequestError {
    fn with_hint(mut self, hint: &str) -> RequestError {
        self.hint = Some(hint.into());
        self
    }
}

impl Corpus {
    /// A charge's or conviction's statute, in normal form.
    fn statute(&self, field: &str, text: &str) -> Result<Value, RequestError> {
        crate::statute::normalize(text).map(|s| Value::Statute(s.into())).map_err(|problem| {
            RequestError::new(field, format!("statute `{text}` {problem}"))
                .with_hint("write the jurisdiction, the code and the section, e.g. `CA PC 459`")
        })
    }

    /// The offense classes a record settles: each key an offense class of the corpus, each value
    /// true or false.
    fn class_assertions(&self, field: &str, map: &BTreeMap<String, RawValue>) -> Result<Value, RequestError> {
        let mut out = Vec::with_capacity(map.len());
        for (name, value) in map {
            let key = format!("{field}.{name}");
            let Some(class) = self.class_id(name) else {
                return Err(RequestError::unknown(&key, "offense class", name, self.classes.iter().map(|c| c.id.clone()).collect()));
            };
            match value {
                RawValue::Bool(b) => out.push((class, *b)),
                RawValue::Null(()) => {}
                other => {
                    return Err(RequestError::new(&key, format!("expected true or false, found {}", other.describe()))
                        .with_hint("true when the record shows the offense is in the class, false when it shows it is not; leave it out when the record does not say"));
                }
            }
        }
        out.sort_unstable();
        Ok(Value::Classes(out.into()))
    }
}
