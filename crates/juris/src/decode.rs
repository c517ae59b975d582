//! Decoding requests straight into typed facts, without the intermediate [`RawRequest`].
//!
//! [`RequestSeed`] is a `serde` seed that reads any self-describing format (JSON, TOML, ...) and
//! resolves names against the corpus while it reads, so a request costs one pass and no maps of
//! strings. On any problem it stops with a short message; front ends that want the full error,
//! naming the field and the allowed values, decode the same input as a [`RawRequest`] and call
//! [`Corpus::resolve`], which reports exactly that.
//!
//! [`RawRequest`]: crate::request::RawRequest

use std::fmt;

use serde::de::{DeserializeSeed, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::date::Date;
use crate::ir::{Corpus, DocId};
use crate::request::{Element, Request, Value};
use crate::vocabulary::{FactType, ScalarType};

/// Decodes one request against a corpus.
#[derive(Clone, Copy)]
pub struct RequestSeed<'c>(pub &'c Corpus);

impl Corpus {
    /// A seed that decodes a request straight into typed facts.
    pub fn request_seed(&self) -> RequestSeed<'_> {
        RequestSeed(self)
    }
}

impl<'de> DeserializeSeed<'de> for RequestSeed<'_> {
    type Value = Request;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Request, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// A string borrowed from the input when it can be, owned otherwise.
struct Text(String);

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
        }
        deserializer.deserialize_str(V)
    }
}

impl<'de> Visitor<'de> for RequestSeed<'_> {
    type Value = Request;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a request object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Request, A::Error> {
        let corpus = self.0;
        let v = &corpus.vocabulary;
        let (mut jurisdiction, mut agency, mut as_of, mut action) = (None, None, None, None);
        let mut facts = vec![None; v.facts.len()];
        let mut assume_enacted: Vec<DocId> = Vec::new();
        while let Some(key) = map.next_key::<Text>()? {
            match key.0.as_str() {
                "jurisdiction" => {
                    let t = map.next_value::<Text>()?;
                    jurisdiction = Some(v.jurisdiction(&t.0).ok_or_else(|| A::Error::custom("jurisdiction"))?);
                }
                "agency" => {
                    let t = map.next_value::<Text>()?;
                    agency = Some(v.agency(&t.0).ok_or_else(|| A::Error::custom("agency"))?);
                }
                "action" => {
                    let t = map.next_value::<Text>()?;
                    action = Some(v.action(&t.0).ok_or_else(|| A::Error::custom("action"))?);
                }
                "as_of" => {
                    let t = map.next_value::<Text>()?;
                    as_of = Some(Date::parse(&t.0).ok_or_else(|| A::Error::custom("as_of"))?);
                }
                "facts" => map.next_value_seed(FactsSeed { corpus, facts: &mut facts })?,
                "assume_enacted" => {
                    let names = map.next_value::<Vec<Text>>()?;
                    for name in names {
                        match corpus.document_id(&name.0) {
                            Some(d) if corpus.documents[d as usize].is_bill() => assume_enacted.push(d),
                            _ => return Err(A::Error::custom("assume_enacted")),
                        }
                    }
                }
                _ => return Err(A::Error::custom("unknown field")),
            }
        }
        assume_enacted.sort_unstable();
        assume_enacted.dedup();
        Ok(Request {
            jurisdiction: jurisdiction.ok_or_else(|| A::Error::missing_field("jurisdiction"))?,
            agency: agency.ok_or_else(|| A::Error::missing_field("agency"))?,
            as_of: as_of.ok_or_else(|| A::Error::missing_field("as_of"))?,
            action: action.ok_or_else(|| A::Error::missing_field("action"))?,
            facts,
            assume_enacted,
        })
    }
}

struct FactsSeed<'a, 'c> {
    corpus: &'c Corpus,
    facts: &'a mut Vec<Option<Value>>,
}

impl<'de> DeserializeSeed<'de> for FactsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FactsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of facts")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let v = &self.corpus.vocabulary;
        while let Some(key) = map.next_key::<Text>()? {
            let Some(fact) = v.fact(&key.0) else { return Err(A::Error::custom("unknown fact")) };
            let value = match v.facts[fact as usize].ty {
                FactType::Scalar(ty) => map.next_value_seed(ScalarSeed { corpus: self.corpus, ty })?,
                FactType::Values(e) => map.next_value_seed(ListSeed { corpus: self.corpus, ty: FactType::Values(e) })?,
                FactType::Records(r) => map.next_value_seed(ListSeed { corpus: self.corpus, ty: FactType::Records(r) })?,
            };
            self.facts[fact as usize] = value;
        }
        Ok(())
    }
}

/// One scalar; `null` is unknown.
struct ScalarSeed<'c> {
    corpus: &'c Corpus,
    ty: ScalarType,
}

impl<'de> DeserializeSeed<'de> for ScalarSeed<'_> {
    type Value = Option<Value>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed<'_> {
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
            _ => Err(E::custom("type")),
        }
    }
    fn visit_i64<E: Error>(self, i: i64) -> Result<Option<Value>, E> {
        match self.ty {
            ScalarType::Int => Ok(Some(Value::Int(i))),
            _ => Err(E::custom("type")),
        }
    }
    fn visit_u64<E: Error>(self, i: u64) -> Result<Option<Value>, E> {
        let i = i64::try_from(i).map_err(|_| E::custom("type"))?;
        self.visit_i64(i)
    }
    fn visit_str<E: Error>(self, s: &str) -> Result<Option<Value>, E> {
        match self.ty {
            ScalarType::Date => Date::parse(s).map(|d| Some(Value::Date(d))).ok_or_else(|| E::custom("date")),
            ScalarType::Enum(e) => self.corpus.vocabulary.enum_value(e, s).map(|x| Some(Value::Enum(x))).ok_or_else(|| E::custom("value")),
            ScalarType::Statute => statute(s),
            _ => Err(E::custom("type")),
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Value>, A::Error> {
        match self.ty {
            ScalarType::Classes => class_assertions(self.corpus, map),
            _ => Err(A::Error::custom("type")),
        }
    }
}

/// A record's statute, in normal form.
fn statute<E: Error>(text: &str) -> Result<Option<Value>, E> {
    crate::statute::normalize(text).map(|s| Some(Value::Statute(s.into()))).map_err(|_| E::custom("statute"))
}

/// A record's class assertions: offense class ids of the corpus and true, false or null.
fn class_assertions<'de, A: MapAccess<'de>>(corpus: &Corpus, mut map: A) -> Result<Option<Value>, A::Error> {
    let mut out = Vec::new();
    while let Some(key) = map.next_key::<Text>()? {
        let class = corpus.class_id(&key.0).ok_or_else(|| A::Error::custom("offense class"))?;
        // A repeated key counts as written last, as when the request is read into a map.
        out.retain(|(c, _)| *c != class);
        if let Some(member) = map.next_value::<Option<bool>>()? {
            out.push((class, member));
        }
    }
    out.sort_unstable();
    Ok(Some(Value::Classes(out.into())))
}

/// A list fact: plain values or records.
struct ListSeed<'c> {
    corpus: &'c Corpus,
    ty: FactType,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = Option<Value>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_unit<E: Error>(self) -> Result<Option<Value>, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Value>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(2));
        match self.ty {
            FactType::Values(e) => {
                while let Some(value) = seq.next_element_seed(ScalarSeed { corpus: self.corpus, ty: ScalarType::Enum(e) })? {
                    items.push(Element::Value(value.ok_or_else(|| A::Error::custom("null"))?));
                }
            }
            FactType::Records(r) => {
                while let Some(record) = seq.next_element_seed(RecordSeed { corpus: self.corpus, record: r })? {
                    items.push(record);
                }
            }
            FactType::Scalar(_) => return Err(A::Error::custom("type")),
        }
        Ok(Some(Value::List(items.into())))
    }
}

struct RecordSeed<'c> {
    corpus: &'c Corpus,
    record: u16,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Element;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Element, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Element;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element, A::Error> {
        let record = &self.corpus.vocabulary.records[self.record as usize];
        let mut fields = vec![None; record.fields.len()];
        while let Some(key) = map.next_key::<Text>()? {
            match record.fields.iter().position(|(f, _)| *f == key.0) {
                Some(i) => fields[i] = map.next_value_seed(ScalarSeed { corpus: self.corpus, ty: record.fields[i].1 })?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                    return Err(A::Error::custom("unknown field"));
                }
            }
        }
        Ok(Element::Record(fields.into()))
    }
}
