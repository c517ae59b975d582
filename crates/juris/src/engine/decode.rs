//! The one request decoder: reads a request from any self-describing `serde` format (JSON, TOML,
//! or a [`RawRequest`] already in memory) straight into typed facts, resolving names against the
//! corpus as it reads, and stops at the first problem with a typed [`RequestError`] naming the
//! field by its path. Every front end (the CLI, the service, batch, the Python package) decodes
//! through it, so one mistake gets one message everywhere.
//!
//! A key written twice in one object is an error at every depth (the request, `facts`, each
//! record); an echoed value is cut to a readable length ([`MAX_ECHOED_CHARS`]).
//!
//! [`MAX_ECHOED_CHARS`]: crate::engine::request_error::MAX_ECHOED_CHARS

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{DeserializeSeed, Error, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::date::Date;
use crate::engine::ir::{ClassId, Corpus, DocId};
use crate::engine::request::{Element, RawRequest, RawValue, Request, Value};
use crate::engine::request_error::{
    Echo, Expected, Found, Hint, Needed, Noun, Problem, RequestError, RequestErrorKind, WHOLE_REQUEST, cut,
};
use crate::vocabulary::{FactType, MAX_FACTS, ScalarType};

/// The request's own fields, in the order they are documented.
pub const FIELDS: [&str; 6] = ["jurisdiction", "agency", "as_of", "action", "facts", "assume_enacted"];

/// Options for decoding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// The date to use when a request gives no `as_of` (a front end's "today"); without it, a
    /// missing `as_of` is an error.
    pub default_as_of: Option<Date>,
}

/// Decodes one request against a corpus, as a `serde` seed; its errors carry the message of
/// the [`RequestError`] that [`Corpus::decode`] returns.
#[derive(Clone, Copy)]
pub struct RequestSeed<'c>(pub &'c Corpus);

impl Corpus {
    /// A seed that decodes a request straight into typed facts.
    pub fn request_seed(&self) -> RequestSeed<'_> {
        RequestSeed(self)
    }

    /// Decodes one request from any self-describing format, with a typed error naming the field.
    /// A problem of the format itself (a JSON syntax error) is a [`RequestErrorKind::Syntax`].
    pub fn decode<'de, D: serde::Deserializer<'de>>(&self, deserializer: D, options: DecodeOptions) -> Result<Request, RequestError> {
        let slot = RefCell::new(None);
        match deserializer.deserialize_any(Decoder { corpus: self, slot: &slot, options }) {
            Ok(request) => Ok(request),
            Err(e) => Err(slot.into_inner().unwrap_or_else(|| {
                RequestError::new(WHOLE_REQUEST, RequestErrorKind::Syntax, Problem::Syntax { detail: cut(&e.to_string()) })
                    .with_hint(Hint::CheckSyntax)
            })),
        }
    }

    /// Checks a raw request against the vocabulary and the corpus (through [`Corpus::decode`]).
    pub fn resolve(&self, raw: &RawRequest) -> Result<Request, RequestError> {
        self.decode(Node::Request(raw), DecodeOptions::default())
    }

    /// Looks up a bill to assume enacted; `field` names where it was written. One mistake, one
    /// message: every front end (requests, `compare`, `diff`) reports an unknown bill with this.
    pub fn bill(&self, field: &str, name: &str) -> Result<DocId, RequestError> {
        match self.document_id(name) {
            Some(d) if self.documents[d as usize].is_bill() => Ok(d),
            found => {
                let bills: Vec<String> = self.documents.iter().filter(|d| d.is_bill()).map(|d| d.id.clone()).collect();
                let error = RequestError::unknown(field, Noun::Bill, name, bills);
                let name = Echo::of(name);
                Err(if found.is_some() {
                    error.with_problem(Problem::NotABill { name }).with_hint(Hint::OnlyBills)
                } else {
                    error.with_problem(Problem::NoSuchBill { name })
                })
            }
        }
    }
}

/// Parses a date written in `field`, telling a day the calendar lacks (`2019-02-29`) from text
/// that is not written YYYY-MM-DD.
pub fn parse_date(field: &str, text: &str) -> Result<Date, RequestError> {
    if let Some(date) = Date::parse(text) {
        return Ok(date);
    }
    let digits = |range: std::ops::Range<usize>| text.get(range).filter(|p| p.bytes().all(|b| b.is_ascii_digit()))?.parse::<u32>().ok();
    let shape = (text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-')
        .then(|| Some((digits(0..4)?, digits(5..7)?, digits(8..10)?)))
        .flatten();
    let Some((year, month, day)) = shape else {
        return Err(RequestError::new(field, RequestErrorKind::InvalidValue, Problem::NotADate { text: Echo::of(text) })
            .with_hint(Hint::DateFormat));
    };
    let text = Echo::of(text);
    let problem = match month {
        1..=12 => {
            let days = days_in_month(year, month);
            if day == 0 || day > days { Problem::NoSuchDay { text, year, month, days } } else { Problem::OutOfRange { text } }
        }
        _ => Problem::NoSuchMonth { text, month },
    };
    Err(RequestError::new(field, RequestErrorKind::InvalidValue, problem).with_hint(Hint::CheckDay))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl<'de> DeserializeSeed<'de> for RequestSeed<'_> {
    type Value = Request;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Request, D::Error> {
        let slot = RefCell::new(None);
        deserializer.deserialize_any(Decoder { corpus: self.0, slot: &slot, options: DecodeOptions::default() })
    }
}

/// Where a decoder keeps the typed error while `serde` unwinds with its message.
type Slot<'s> = &'s RefCell<Option<RequestError>>;

fn fail<E: Error>(slot: Slot<'_>, error: RequestError) -> E {
    let message = error.to_string();
    *slot.borrow_mut() = Some(error);
    E::custom(message)
}

/// Implements the listed `visit_*` methods as "wrong type" errors: `$expected` says what the
/// place holds and `$path` gives the field's path from the visitor.
macro_rules! wrong_types {
    ($expected:expr, $path:expr; $($kind:ident),*) => { $( wrong_types!(@ $kind, $expected, $path); )* };
    (@ bool, $e:expr, $p:expr) => {
        fn visit_bool<E: Error>(self, v: bool) -> Result<Self::Value, E> {
            Err(fail(self.slot, RequestError::wrong_type(&($p)(&self), $e, Found::Boolean(v))))
        }
    };
    (@ i64, $e:expr, $p:expr) => {
        fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(fail(self.slot, RequestError::wrong_type(&($p)(&self), $e, Found::Integer(v.into()))))
        }
    };
    (@ u64, $e:expr, $p:expr) => {
        fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
            Err(fail(self.slot, RequestError::wrong_type(&($p)(&self), $e, Found::Integer(v.into()))))
        }
    };
    (@ f64, $e:expr, $p:expr) => {
        fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
            Err(fail(self.slot, RequestError::wrong_type(&($p)(&self), $e, Found::Number(v))))
        }
    };
    (@ str, $e:expr, $p:expr) => {
        fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
            Err(fail(self.slot, RequestError::wrong_type(&($p)(&self), $e, Found::Text(v))))
        }
    };
    (@ unit, $e:expr, $p:expr) => {
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Err(fail(self.slot, RequestError::wrong_type(&($p)(&self), $e, Found::Null)))
        }
    };
    (@ seq, $e:expr, $p:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(fail(self.slot, RequestError::wrong_type(&($p)(&self), $e, Found::List)))
        }
    };
    (@ map, $e:expr, $p:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(fail(self.slot, RequestError::wrong_type(&($p)(&self), $e, Found::Object)))
        }
    };
}

/// The request as a whole.
struct Decoder<'c, 's> {
    corpus: &'c Corpus,
    slot: Slot<'s>,
    options: DecodeOptions,
}

impl Decoder<'_, '_> {
    fn not_an_object<E: Error>(&self, found: Found<'_>) -> E {
        let error = RequestError::new(WHOLE_REQUEST, RequestErrorKind::NotAnObject, Problem::NotAnObject { given: found.into() })
            .with_hint(Hint::RequestExample);
        fail(self.slot, error)
    }
}

impl<'de> Visitor<'de> for Decoder<'_, '_> {
    type Value = Request;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a request object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Request, A::Error> {
        let error = RequestError::new(WHOLE_REQUEST, RequestErrorKind::ListOfRequests, Problem::ListOfRequests).with_hint(Hint::JsonLines);
        Err(fail(self.slot, error))
    }
    fn visit_unit<E: Error>(self) -> Result<Request, E> {
        Err(self.not_an_object(Found::Null))
    }
    fn visit_bool<E: Error>(self, v: bool) -> Result<Request, E> {
        Err(self.not_an_object(Found::Boolean(v)))
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<Request, E> {
        Err(self.not_an_object(Found::Integer(v.into())))
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Request, E> {
        Err(self.not_an_object(Found::Integer(v.into())))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<Request, E> {
        Err(self.not_an_object(Found::Number(v)))
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Request, E> {
        Err(self.not_an_object(Found::Text(v)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Request, A::Error> {
        let (corpus, slot) = (self.corpus, self.slot);
        let v = &corpus.vocabulary;
        let (mut jurisdiction, mut agency, mut as_of, mut action) = (None, None, None, None);
        let mut facts = vec![None; v.facts.len()];
        let mut assume_enacted: Vec<DocId> = Vec::new();
        let mut seen = [false; FIELDS.len()];
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let Some(index) = FIELDS.iter().position(|f| *f == key.0) else {
                let mut error = RequestError::unknown(&cut(&key.0), Noun::Field, &key.0, FIELDS.map(String::from).to_vec());
                error.kind = RequestErrorKind::UnknownField;
                return Err(fail(slot, error));
            };
            if std::mem::replace(&mut seen[index], true) {
                return Err(fail(slot, RequestError::duplicate(FIELDS[index])));
            }
            let name = |kind| NameSeed { corpus, slot, kind };
            match index {
                0 => jurisdiction = Some(map.next_value_seed(name(NameKind::Jurisdiction))?),
                1 => agency = Some(map.next_value_seed(name(NameKind::Agency))?),
                2 => as_of = map.next_value_seed(DateSeed { slot })?,
                3 => action = Some(map.next_value_seed(name(NameKind::Action))?),
                4 => map.next_value_seed(FactsSeed { corpus, slot, facts: &mut facts })?,
                _ => assume_enacted = map.next_value_seed(BillsSeed { corpus, slot })?,
            }
        }
        assume_enacted.sort_unstable();
        assume_enacted.dedup();
        let missing = |field: &str, what: Needed| {
            let mut error = RequestError::new(field, RequestErrorKind::Missing, Problem::Missing { what });
            if what == Needed::AsOf {
                error = error.with_hint(Hint::GiveAsOf);
            }
            fail::<A::Error>(slot, error)
        };
        Ok(Request {
            jurisdiction: jurisdiction.ok_or_else(|| missing("jurisdiction", Needed::Jurisdiction))?,
            agency: agency.ok_or_else(|| missing("agency", Needed::Agency))?,
            as_of: as_of.or(self.options.default_as_of).ok_or_else(|| missing("as_of", Needed::AsOf))?,
            action: action.ok_or_else(|| missing("action", Needed::Action))?,
            facts,
            assume_enacted,
        })
    }
}

/// A key of an object, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// The closed lists a request's names are looked up in.
#[derive(Clone, Copy)]
enum NameKind {
    Jurisdiction,
    Agency,
    Action,
}

impl NameKind {
    fn field(self) -> &'static str {
        match self {
            NameKind::Jurisdiction => "jurisdiction",
            NameKind::Agency => "agency",
            NameKind::Action => "action",
        }
    }

    fn noun(self) -> Noun {
        match self {
            NameKind::Jurisdiction => Noun::Jurisdiction,
            NameKind::Agency => Noun::Agency,
            NameKind::Action => Noun::Action,
        }
    }
}

/// A jurisdiction, agency or action name.
struct NameSeed<'c, 's> {
    corpus: &'c Corpus,
    slot: Slot<'s>,
    kind: NameKind,
}

impl<'de> DeserializeSeed<'de> for NameSeed<'_, '_> {
    type Value = u16;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<u16, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NameSeed<'_, '_> {
    type Value = u16;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name")
    }
    fn visit_str<E: Error>(self, name: &str) -> Result<u16, E> {
        let v = &self.corpus.vocabulary;
        let field = self.kind.field();
        let found = match self.kind {
            NameKind::Jurisdiction => v.jurisdiction(name),
            NameKind::Agency => v.agency(name),
            NameKind::Action => v.action(name),
        };
        let allowed = || -> Vec<String> {
            match self.kind {
                NameKind::Jurisdiction => v.jurisdictions.iter().map(|j| j.id.clone()).collect(),
                NameKind::Agency => v.agencies.iter().map(|(n, _)| n.clone()).collect(),
                NameKind::Action => v.actions.iter().map(|(n, _)| n.clone()).collect(),
            }
        };
        found.ok_or_else(|| fail(self.slot, RequestError::unknown(field, self.kind.noun(), name, allowed())))
    }
    wrong_types!(Expected::Text, |s: &Self| s.kind.field().to_owned(); bool, i64, u64, f64, unit, seq, map);
}

/// `assume_enacted`: a list of bills.
struct BillsSeed<'c, 's> {
    corpus: &'c Corpus,
    slot: Slot<'s>,
}

impl<'de> DeserializeSeed<'de> for BillsSeed<'_, '_> {
    type Value = Vec<DocId>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Vec<DocId>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BillsSeed<'_, '_> {
    type Value = Vec<DocId>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of bills")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<DocId>, A::Error> {
        let mut out = Vec::new();
        while let Some(bill) = seq.next_element_seed(BillSeed { corpus: self.corpus, slot: self.slot, index: out.len() })? {
            out.push(bill);
        }
        Ok(out)
    }
    wrong_types!(Expected::Bills, |_: &Self| "assume_enacted".to_owned(); bool, i64, u64, f64, str, unit, map);
}

/// One bill of `assume_enacted`.
struct BillSeed<'c, 's> {
    corpus: &'c Corpus,
    slot: Slot<'s>,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for BillSeed<'_, '_> {
    type Value = DocId;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<DocId, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BillSeed<'_, '_> {
    type Value = DocId;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bill")
    }
    fn visit_str<E: Error>(self, name: &str) -> Result<DocId, E> {
        self.corpus.bill(&format!("assume_enacted[{}]", self.index), name).map_err(|e| fail(self.slot, e))
    }
    wrong_types!(Expected::BillId, |s: &Self| format!("assume_enacted[{}]", s.index); bool, i64, u64, f64, unit, seq, map);
}

/// `as_of`; `null` is the same as leaving it out.
struct DateSeed<'s> {
    slot: Slot<'s>,
}

impl<'de> DeserializeSeed<'de> for DateSeed<'_> {
    type Value = Option<Date>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<Date>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DateSeed<'_> {
    type Value = Option<Date>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date")
    }
    fn visit_str<E: Error>(self, text: &str) -> Result<Option<Date>, E> {
        parse_date("as_of", text).map(Some).map_err(|e| fail(self.slot, e))
    }
    fn visit_unit<E: Error>(self) -> Result<Option<Date>, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Date>, A::Error> {
        // A TOML date arrives as a one-key map holding its text.
        if let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0 == TOML_DATE {
                let text: String = map.next_value()?;
                return self.visit_str(&text);
            }
        }
        Err(fail(self.slot, RequestError::wrong_type("as_of", Expected::Date, Found::Object)))
    }
    wrong_types!(Expected::Date, |_: &Self| "as_of".to_owned(); bool, i64, u64, f64, seq);
}

/// `facts`: an object of facts.
struct FactsSeed<'c, 's, 'f> {
    corpus: &'c Corpus,
    slot: Slot<'s>,
    facts: &'f mut Vec<Option<Value>>,
}

impl<'de> DeserializeSeed<'de> for FactsSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FactsSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of facts")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (corpus, slot) = (self.corpus, self.slot);
        let v = &corpus.vocabulary;
        // INVARIANT: at most `MAX_FACTS` facts (the vocabulary checks it): one bit each.
        let mut seen = [0u64; MAX_FACTS / 64];
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let Some(fact) = v.fact(&key.0) else {
                let names = v.facts.iter().map(|f| f.name.clone()).collect();
                return Err(fail(slot, RequestError::unknown(&format!("facts.{}", cut(&key.0)), Noun::Fact, &key.0, names)));
            };
            let (word, bit) = (fact as usize / 64, 1u64 << (fact % 64));
            if seen[word] & bit != 0 {
                return Err(fail(slot, RequestError::duplicate(&format!("facts.{}", key.0))));
            }
            seen[word] |= bit;
            let field = Field { fact: &key.0, index: None, key: None };
            let value = match v.facts[fact as usize].ty {
                FactType::Scalar(ty) => map.next_value_seed(ScalarSeed { corpus, slot, ty, field })?,
                ty => map.next_value_seed(ListSeed { corpus, slot, ty, field })?,
            };
            self.facts[fact as usize] = value;
        }
        Ok(())
    }
    wrong_types!(Expected::Facts, |_: &Self| "facts".to_owned(); bool, i64, u64, f64, str, unit, seq);
}

/// Where a fact value sits; the path is built only when there is an error.
#[derive(Clone, Copy)]
struct Field<'k> {
    fact: &'k str,
    index: Option<usize>,
    key: Option<&'k str>,
}

impl Field<'_> {
    fn path(&self) -> String {
        let mut out = format!("facts.{}", self.fact);
        if let Some(i) = self.index {
            out.push_str(&format!("[{i}]"));
        }
        if let Some(k) = self.key {
            out.push('.');
            out.push_str(&cut(k));
        }
        out
    }
}

/// One scalar; `null` is unknown.
struct ScalarSeed<'c, 's, 'k> {
    corpus: &'c Corpus,
    slot: Slot<'s>,
    ty: ScalarType,
    field: Field<'k>,
}

impl<'de> DeserializeSeed<'de> for ScalarSeed<'_, '_, '_> {
    type Value = Option<Value>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl ScalarSeed<'_, '_, '_> {
    fn wrong<E: Error>(&self, found: Found<'_>) -> E {
        let v = &self.corpus.vocabulary;
        let expected = match self.ty {
            ScalarType::Bool => Expected::Boolean,
            ScalarType::Int => Expected::WholeNumber,
            ScalarType::Date => Expected::Date,
            ScalarType::Enum(_) => Expected::EnumValue,
            ScalarType::Statute => Expected::Statute,
            ScalarType::Classes => Expected::Classes,
        };
        let mut error = RequestError::wrong_type(&self.field.path(), expected, found);
        if let ScalarType::Enum(e) = self.ty {
            error = error.with_allowed(v.enums[e as usize].values.clone());
        }
        fail(self.slot, error)
    }
}

impl<'de> Visitor<'de> for ScalarSeed<'_, '_, '_> {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a fact value")
    }
    fn visit_unit<E: Error>(self) -> Result<Option<Value>, E> {
        Ok(None)
    }
    fn visit_none<E: Error>(self) -> Result<Option<Value>, E> {
        Ok(None)
    }
    fn visit_bool<E: Error>(self, b: bool) -> Result<Option<Value>, E> {
        match self.ty {
            ScalarType::Bool => Ok(Some(Value::Bool(b))),
            _ => Err(self.wrong(Found::Boolean(b))),
        }
    }
    fn visit_i64<E: Error>(self, i: i64) -> Result<Option<Value>, E> {
        match self.ty {
            ScalarType::Int => Ok(Some(Value::Int(i))),
            _ => Err(self.wrong(Found::Integer(i.into()))),
        }
    }
    fn visit_u64<E: Error>(self, i: u64) -> Result<Option<Value>, E> {
        match i64::try_from(i) {
            Ok(i) => self.visit_i64(i),
            Err(_) => Err(self.wrong(Found::Integer(i.into()))),
        }
    }
    fn visit_f64<E: Error>(self, x: f64) -> Result<Option<Value>, E> {
        Err(self.wrong(Found::Number(x)))
    }
    fn visit_str<E: Error>(self, s: &str) -> Result<Option<Value>, E> {
        let v = &self.corpus.vocabulary;
        match self.ty {
            ScalarType::Date => parse_date(&self.field.path(), s).map(|d| Some(Value::Date(d))).map_err(|e| fail(self.slot, e)),
            ScalarType::Enum(e) => match v.enum_value(e, s) {
                Some(x) => Ok(Some(Value::Enum(x))),
                None => {
                    let def = &v.enums[e as usize];
                    Err(fail(self.slot, RequestError::unknown(&self.field.path(), Noun::Value(def.name.clone()), s, def.values.clone())))
                }
            },
            ScalarType::Statute => crate::syntax::statute::normalize(s).map(|n| Some(Value::Statute(n.into()))).map_err(|problem| {
                let problem = Problem::Statute { text: Echo::of(s), problem };
                let error = RequestError::new(self.field.path(), RequestErrorKind::InvalidValue, problem).with_hint(Hint::StatuteForm);
                fail(self.slot, error)
            }),
            _ => Err(self.wrong(Found::Text(s))),
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Option<Value>, A::Error> {
        Err(self.wrong(Found::List))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Value>, A::Error> {
        if self.ty == ScalarType::Classes {
            return self.classes(map).map(Some);
        }
        // A TOML date arrives as a one-key map holding its text.
        if self.ty == ScalarType::Date {
            if let Some(key) = map.next_key::<Key<'de>>()? {
                if key.0 == TOML_DATE {
                    let text: String = map.next_value()?;
                    return self.visit_str(&text);
                }
            }
        }
        Err(self.wrong(Found::Object))
    }
}

impl ScalarSeed<'_, '_, '_> {
    /// A record's class assertions: offense class ids of the corpus, each true, false or null
    /// (not settled by the record); a class written twice is an error, like any key.
    fn classes<'de, A: MapAccess<'de>>(&self, mut map: A) -> Result<Value, A::Error> {
        let (corpus, slot) = (self.corpus, self.slot);
        let mut out: Vec<(ClassId, bool)> = Vec::new();
        let mut seen: Vec<ClassId> = Vec::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let path = format!("{}.{}", self.field.path(), cut(&key.0));
            let Some(class) = corpus.class_id(&key.0) else {
                let ids = corpus.classes.iter().map(|c| c.id.clone()).collect();
                return Err(fail(slot, RequestError::unknown(&path, Noun::OffenseClass, &key.0, ids)));
            };
            if seen.contains(&class) {
                return Err(fail(slot, RequestError::duplicate(&path)));
            }
            seen.push(class);
            if let Some(member) = map.next_value_seed(ClassSeed { slot, path: &path })? {
                out.push((class, member));
            }
        }
        out.sort_unstable();
        Ok(Value::Classes(out.into()))
    }
}

/// Whether a record's offense is in one class: true, false, or null when the record does not say.
struct ClassSeed<'s, 'p> {
    slot: Slot<'s>,
    path: &'p str,
}

impl<'de> DeserializeSeed<'de> for ClassSeed<'_, '_> {
    type Value = Option<bool>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<bool>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ClassSeed<'_, '_> {
    type Value = Option<bool>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true, false or null")
    }
    fn visit_bool<E: Error>(self, b: bool) -> Result<Option<bool>, E> {
        Ok(Some(b))
    }
    fn visit_unit<E: Error>(self) -> Result<Option<bool>, E> {
        Ok(None)
    }
    fn visit_none<E: Error>(self) -> Result<Option<bool>, E> {
        Ok(None)
    }
    wrong_types!(Expected::Membership, |s: &Self| s.path.to_owned(); i64, u64, f64, str, seq, map);
}

/// The key under which the `toml` crate hands over a date.
const TOML_DATE: &str = "$__toml_private_datetime";

/// A list fact: plain values or records; `null` is unknown.
struct ListSeed<'c, 's, 'k> {
    corpus: &'c Corpus,
    slot: Slot<'s>,
    ty: FactType,
    field: Field<'k>,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_, '_> {
    type Value = Option<Value>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_, '_, '_> {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_unit<E: Error>(self) -> Result<Option<Value>, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Value>, A::Error> {
        let (corpus, slot) = (self.corpus, self.slot);
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(2).min(64));
        loop {
            let field = Field { index: Some(items.len()), ..self.field };
            let item = match self.ty {
                FactType::Values(e) => match seq.next_element_seed(ScalarSeed { corpus, slot, ty: ScalarType::Enum(e), field })? {
                    Some(Some(value)) => Element::Value(value),
                    Some(None) => {
                        let error = RequestError::wrong_type(&field.path(), Expected::EnumValue, Found::Null)
                            .with_allowed(corpus.vocabulary.enums[e as usize].values.clone());
                        return Err(fail(slot, error));
                    }
                    None => break,
                },
                FactType::Records(r) => match seq.next_element_seed(RecordSeed { corpus, slot, record: r, field })? {
                    Some(record) => record,
                    None => break,
                },
                FactType::Scalar(_) => break,
            };
            items.push(item);
        }
        Ok(Some(Value::List(items.into())))
    }
    fn visit_bool<E: Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(self.wrong(Found::Boolean(v)))
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
        Err(self.wrong(Found::Integer(v.into())))
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
        Err(self.wrong(Found::Integer(v.into())))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
        Err(self.wrong(Found::Number(v)))
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        Err(self.wrong(Found::Text(v)))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.wrong(Found::Object))
    }
}

impl ListSeed<'_, '_, '_> {
    fn wrong<E: Error>(&self, found: Found<'_>) -> E {
        let v = &self.corpus.vocabulary;
        let expected = match self.ty {
            FactType::Values(e) => Expected::ListOfValues(v.enums[e as usize].name.clone()),
            FactType::Records(r) => Expected::ListOfRecords(v.records[r as usize].name.clone()),
            FactType::Scalar(_) => Expected::List,
        };
        fail(self.slot, RequestError::wrong_type(&self.field.path(), expected, found))
    }
}

/// One record of a list.
struct RecordSeed<'c, 's, 'k> {
    corpus: &'c Corpus,
    slot: Slot<'s>,
    record: u16,
    field: Field<'k>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, '_, '_> {
    type Value = Element;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Element, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl RecordSeed<'_, '_, '_> {
    fn wrong<E: Error>(&self, found: Found<'_>) -> E {
        let record = &self.corpus.vocabulary.records[self.record as usize];
        let names = record.fields.iter().map(|(f, _)| f.clone()).collect();
        fail(self.slot, RequestError::wrong_type(&self.field.path(), Expected::Record(names), found))
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_, '_, '_> {
    type Value = Element;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element, A::Error> {
        let record = &self.corpus.vocabulary.records[self.record as usize];
        let mut fields = vec![None; record.fields.len()];
        let mut seen = vec![false; record.fields.len()];
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let field = Field { key: Some(&key.0), ..self.field };
            let Some(i) = record.fields.iter().position(|(f, _)| *f == key.0) else {
                let names = record.fields.iter().map(|(f, _)| f.clone()).collect();
                return Err(fail(self.slot, RequestError::unknown(&field.path(), Noun::Field, &key.0, names)));
            };
            if std::mem::replace(&mut seen[i], true) {
                return Err(fail(self.slot, RequestError::duplicate(&field.path())));
            }
            fields[i] = map.next_value_seed(ScalarSeed { corpus: self.corpus, slot: self.slot, ty: record.fields[i].1, field })?;
        }
        Ok(Element::Record(fields.into()))
    }
    fn visit_bool<E: Error>(self, v: bool) -> Result<Element, E> {
        Err(self.wrong(Found::Boolean(v)))
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<Element, E> {
        Err(self.wrong(Found::Integer(v.into())))
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Element, E> {
        Err(self.wrong(Found::Integer(v.into())))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<Element, E> {
        Err(self.wrong(Found::Number(v)))
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Element, E> {
        Err(self.wrong(Found::Text(v)))
    }
    fn visit_unit<E: Error>(self) -> Result<Element, E> {
        Err(self.wrong(Found::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Element, A::Error> {
        Err(self.wrong(Found::List))
    }
}

/// A request already in memory, read by the decoder like any other format.
enum Node<'a> {
    Request(&'a RawRequest),
    Str(&'a str),
    Value(&'a RawValue),
    Facts(&'a BTreeMap<String, RawValue>),
    Names(&'a [String]),
}

impl<'de> serde::Deserializer<'de> for Node<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Node::Request(raw) => {
                let entries = [
                    Some(("jurisdiction", Node::Str(&raw.jurisdiction))),
                    Some(("agency", Node::Str(&raw.agency))),
                    Some(("action", Node::Str(&raw.action))),
                    raw.as_of.as_deref().map(|as_of| ("as_of", Node::Str(as_of))),
                    Some(("facts", Node::Facts(&raw.facts))),
                    Some(("assume_enacted", Node::Names(&raw.assume_enacted))),
                ];
                visitor.visit_map(MapDeserializer::new(entries.into_iter().flatten()))
            }
            Node::Str(text) => visitor.visit_str(text),
            Node::Facts(map) => visitor.visit_map(MapDeserializer::new(map.iter().map(|(k, v)| (k.as_str(), Node::Value(v))))),
            Node::Names(names) => visitor.visit_seq(SeqDeserializer::new(names.iter().map(|n| Node::Str(n)))),
            Node::Value(value) => match value {
                RawValue::Bool(b) => visitor.visit_bool(*b),
                RawValue::Int(i) => visitor.visit_i64(*i),
                RawValue::Float(x) => visitor.visit_f64(*x),
                RawValue::Text(t) => visitor.visit_str(t),
                RawValue::Null(()) => visitor.visit_unit(),
                RawValue::List(items) => visitor.visit_seq(SeqDeserializer::new(items.iter().map(Node::Value))),
                RawValue::Map(map) => match map.get(TOML_DATE) {
                    Some(RawValue::Text(t)) if map.len() == 1 => visitor.visit_str(t),
                    _ => visitor.visit_map(MapDeserializer::new(map.iter().map(|(k, v)| (k.as_str(), Node::Value(v))))),
                },
            },
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, 'a> IntoDeserializer<'de, serde::de::value::Error> for Node<'a> {
    type Deserializer = Node<'a>;
    fn into_deserializer(self) -> Node<'a> {
        self
    }
}
