//! The page's one seam to the engine: the corpus and its situations, and the questions the page
//! asks of them (decide, the dates the law changed, comparisons, timelines, bills).
//!
//! Every page renders the library's answer shapes (`DecisionView`, `Comparison`, `Timeline`,
//! `BillView`), the same ones `POST /v1/decide` and `juris --format json` write, so the page shows
//! exactly the answer the service gives. A [`Law`] is taken from the service's state once per
//! request: after a reload (`POST /v1/admin/reload`, `SIGHUP`) the next page answers from the new
//! corpus, and a page being rendered keeps the corpus it started with.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use juris::analysis::{self, BillView, BillsQuery, CompareQuery, Comparison, Situation, Situations, Timeline, TimelineQuery};
use juris::request::{Hint, Problem};
use juris::vocabulary::{FactType, ScalarType};
use juris::{Corpus, Date, DecisionView, RawRequest, RawValue, RequestError, RequestErrorKind};

use crate::state::Served;

/// The jurisdiction whose counties the map shows.
pub const MARYLAND: &str = "us-md";
/// The state whose jurisdictions are listed beside Maryland's.
pub const CALIFORNIA: &str = "us-ca";

/// The corpus serving now, with its standard situations: what one page answers from.
#[derive(Debug, Clone)]
pub struct Law {
    served: Arc<Served>,
}

/// A place a visitor can choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The jurisdiction id, e.g. `us-md-howard`.
    pub id: String,
    /// Its name in the corpus vocabulary.
    pub name: String,
}

/// One question about one place on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    /// The jurisdiction id.
    pub jurisdiction: String,
    /// The action.
    pub action: String,
    /// The date whose law applies.
    pub as_of: Date,
    /// The agency; `None` takes the situations file's default for the action and place.
    pub agency: Option<String>,
    /// The facts given (the rest are unknown).
    pub facts: BTreeMap<String, RawValue>,
    /// Bills to treat as enacted (a what-if question).
    pub assume_enacted: Vec<String>,
}

impl Law {
    /// The law of a corpus as served (the service's current one).
    pub fn new(served: Arc<Served>) -> Law {
        Law { served }
    }

    /// The compiled corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.served.corpus
    }

    /// The standard situations; none when the corpus has no `situations.toml`.
    fn table(&self) -> &Situations {
        static NONE: OnceLock<Situations> = OnceLock::new();
        self.served.situations.as_ref().unwrap_or_else(|| {
            NONE.get_or_init(|| Situations {
                situations: Vec::new(),
                default_agency: Default::default(),
                jurisdiction_agency: Default::default(),
            })
        })
    }

    /// The corpus hash, which names the version of the law a page shows.
    pub fn version(&self) -> &str {
        self.corpus().hash()
    }

    /// Whether `id` is a jurisdiction of the corpus.
    pub fn knows(&self, id: &str) -> bool {
        self.corpus().vocabulary().jurisdiction(id).is_some()
    }

    /// The jurisdiction's name, or the id itself.
    pub fn name(&self, id: &str) -> String {
        let v = &self.corpus().vocabulary();
        v.jurisdiction(id).map_or_else(|| id.to_owned(), |j| v.jurisdictions[j as usize].name.clone())
    }

    /// The state and the places directly under it, state first, then by name.
    pub fn places(&self, state: &str) -> Vec<Place> {
        let v = &self.corpus().vocabulary();
        let Some(root) = v.jurisdiction(state) else { return Vec::new() };
        let mut under: Vec<Place> =
            v.jurisdictions.iter().filter(|j| j.parent == Some(root)).map(|j| Place { id: j.id.clone(), name: j.name.clone() }).collect();
        under.sort_by(|a, b| a.name.cmp(&b.name));
        let mut out = vec![Place { id: state.to_owned(), name: self.name(state) }];
        out.extend(under);
        out
    }

    /// Every action, in vocabulary order.
    pub fn actions(&self) -> Vec<String> {
        self.corpus().vocabulary().actions.iter().map(|(name, _)| name.clone()).collect()
    }

    /// Whether `name` is an action.
    pub fn is_action(&self, name: &str) -> bool {
        self.corpus().vocabulary().action(name).is_some()
    }

    /// The shipped situations, in file order.
    pub fn situations(&self) -> &[Situation] {
        &self.table().situations
    }

    /// The facts of a situation on a date, with relative dates (`as_of - 3 years`) resolved.
    pub fn situation_facts(&self, id: &str, as_of: Date) -> Result<BTreeMap<String, RawValue>, RequestError> {
        let situation = self.table().find("situation", id)?;
        situation.facts.iter().map(|(name, value)| Ok((name.clone(), resolve_dates(&format!("facts.{name}"), value, as_of)?))).collect()
    }

    /// The agency that acts on `action` in `jurisdiction` by default.
    pub fn default_agency(&self, jurisdiction: &str, action: &str) -> String {
        let v = &self.corpus().vocabulary();
        let found = v.jurisdiction(jurisdiction).and_then(|j| self.table().agency_for(self.corpus(), j, action));
        found.map_or_else(|| v.agencies.first().map(|(n, _)| n.clone()).unwrap_or_default(), str::to_owned)
    }

    /// The request an [`Ask`] stands for, exactly as `POST /v1/decide` would receive it.
    pub fn request(&self, ask: &Ask) -> RawRequest {
        RawRequest {
            jurisdiction: ask.jurisdiction.clone(),
            agency: ask.agency.clone().unwrap_or_else(|| self.default_agency(&ask.jurisdiction, &ask.action)),
            as_of: Some(ask.as_of.to_string()),
            action: ask.action.clone(),
            facts: ask.facts.clone(),
            assume_enacted: ask.assume_enacted.clone(),
        }
    }

    /// Decides a request.
    pub fn decide(&self, raw: &RawRequest) -> Result<DecisionView, RequestError> {
        let request = self.corpus().resolve(raw)?;
        Ok(self.corpus().view(&self.corpus().decide(&request)))
    }

    /// The dates on which a document of the place's law (its own or a higher layer's) has a
    /// lifecycle event: where "previous change" and "next change" go.
    pub fn change_dates(&self, jurisdiction: &str) -> BTreeSet<Date> {
        let v = &self.corpus().vocabulary();
        let Some(j) = v.jurisdiction(jurisdiction) else { return BTreeSet::new() };
        let stack = v.stack(j);
        self.corpus()
            .documents()
            .iter()
            .filter(|d| stack.contains(&d.jurisdiction))
            .flat_map(|d| d.lifecycle.iter().map(|e| e.date))
            .collect()
    }

    /// The history of one question, with the events of each change.
    pub fn timeline(&self, ask: &Ask, situation: Option<&str>) -> Result<Timeline, RequestError> {
        let facts = match situation {
            Some(id) => self.table().find("situation", id)?.facts.clone(),
            None => ask.facts.clone(),
        };
        let query = TimelineQuery {
            jurisdiction: ask.jurisdiction.clone(),
            agency: ask.agency.clone().unwrap_or_else(|| self.default_agency(&ask.jurisdiction, &ask.action)),
            action: ask.action.clone(),
            situation: situation.map(str::to_owned),
            facts,
            ..TimelineQuery::default()
        };
        analysis::timeline(self.corpus(), &query)
    }

    /// Every action in the given places for the given situations on one date.
    pub fn compare(&self, as_of: Date, jurisdictions: &[String], situations: &[String]) -> Result<Comparison, RequestError> {
        let mut query = CompareQuery::on(as_of);
        query.jurisdictions = jurisdictions.to_vec();
        query.situations = situations.to_vec();
        analysis::compare(self.corpus(), self.table(), &query)
    }

    /// The bills of a place (and of the places under it), as they stand on a date.
    pub fn bills(&self, jurisdiction: &str, as_of: Date) -> Result<Vec<BillView>, RequestError> {
        analysis::bills(self.corpus(), &BillsQuery { jurisdiction: Some(jurisdiction.to_owned()), as_of })
    }

    /// The quoted words and source of a rule, by id.
    pub fn rule_text(&self, id: &str) -> Option<(String, String)> {
        let r = self.corpus().rule_id(id)?;
        let view = self.corpus().rule_view(r);
        Some((view.text, view.source))
    }

    /// A rule's citation, words and source, by id.
    pub fn rule(&self, id: &str) -> Option<juris::view::RuleView> {
        Some(self.corpus().rule_view(self.corpus().rule_id(id)?))
    }

    /// A document's citation by id, or the id itself.
    pub fn citation(&self, id: &str) -> String {
        self.corpus().documents().iter().find(|d| d.id == id).map_or_else(|| id.to_owned(), |d| d.citation.clone())
    }

    /// Whether a fact is a list (of values or of records), whose parameter may repeat.
    pub fn is_list(&self, fact: &str) -> bool {
        let v = &self.corpus().vocabulary();
        v.fact(fact).is_some_and(|f| !matches!(v.facts[f as usize].ty, FactType::Scalar(_)))
    }

    /// A fact value from a query parameter, typed by the vocabulary: `true`/`false` for yes/no
    /// facts, comma-separated names for lists of values, a record's fields in the vocabulary's order
    /// joined by `:` (`public_order:wobbler:2017-01-01::ca-7282-5-listed=false`), its `classes`
    /// as `class=true;other=false`.
    /// An empty value is an empty list for list facts and unknown (`None`) for the others.
    /// Unknown names pass through as text, so that the engine's error names them.
    pub fn fact_value(&self, fact: &str, text: &str) -> Option<RawValue> {
        let v = &self.corpus().vocabulary();
        let Some(f) = v.fact(fact) else { return Some(RawValue::Text(text.to_owned())) };
        let ty = v.facts[f as usize].ty;
        if text.is_empty() && matches!(ty, FactType::Scalar(_)) {
            return None;
        }
        Some(match ty {
            FactType::Scalar(ScalarType::Bool) => match text {
                "true" => RawValue::Bool(true),
                "false" => RawValue::Bool(false),
                _ => RawValue::Text(text.to_owned()),
            },
            FactType::Scalar(ScalarType::Int) => text.parse().map_or_else(|_| RawValue::Text(text.to_owned()), RawValue::Int),
            FactType::Scalar(_) => RawValue::Text(text.to_owned()),
            FactType::Values(_) => RawValue::List(split(text).map(|s| RawValue::Text(s.to_owned())).collect()),
            FactType::Records(record) => {
                let fields = &v.records[record as usize].fields;
                RawValue::List(
                    split(text)
                        .map(|item| {
                            let map = fields
                                .iter()
                                .zip(item.split(':'))
                                .filter(|(_, value)| !value.is_empty())
                                .map(|((name, ty), value)| (name.clone(), field_value(*ty, value)));
                            RawValue::Map(map.collect())
                        })
                        .collect(),
                )
            }
        })
    }

    /// A fact value as a query parameter writes it, the inverse of [`Law::fact_value`]: a
    /// record's fields in the vocabulary's order, joined by `:` (`assault:felony`); fields not
    /// given at the end are left out, and a record's class assertions are written
    /// `class=true;class=false`.
    pub fn fact_text(&self, fact: &str, value: &RawValue) -> String {
        let v = &self.corpus().vocabulary();
        let fields: Vec<String> = match v.fact(fact).map(|f| v.facts[f as usize].ty) {
            Some(FactType::Records(r)) => v.records[r as usize].fields.iter().map(|(name, _)| name.clone()).collect(),
            _ => Vec::new(),
        };
        fn text(value: &RawValue, fields: &[String]) -> String {
            match value {
                RawValue::Bool(b) => b.to_string(),
                RawValue::Int(i) => i.to_string(),
                RawValue::Text(t) => t.clone(),
                RawValue::List(items) => items.iter().map(|item| text(item, fields)).collect::<Vec<_>>().join(","),
                RawValue::Map(map) => match map.get("$__toml_private_datetime") {
                    Some(RawValue::Text(t)) if map.len() == 1 => t.clone(),
                    // Inside a record, a map is its `classes`: `class=true;other=false`.
                    _ if fields.is_empty() => map.iter().map(|(k, item)| format!("{k}={}", text(item, &[]))).collect::<Vec<_>>().join(";"),
                    _ => {
                        let mut parts: Vec<String> =
                            fields.iter().map(|f| map.get(f).map(|item| text(item, &[])).unwrap_or_default()).collect();
                        // Fields not given at the end (a charge's statute and classes) are left out.
                        while parts.len() > 1 && parts.last().is_some_and(String::is_empty) {
                            parts.pop();
                        }
                        parts.join(":")
                    }
                },
                RawValue::Null(()) => String::new(),
                RawValue::Float(f) => f.to_string(),
            }
        }
        text(value, &fields)
    }
}

/// One field of a record from its text: a `classes` field is `class=true;other=false` (a value
/// that is neither stays text, so that the engine's error names it); any other field is text.
fn field_value(ty: ScalarType, text: &str) -> RawValue {
    if ty != ScalarType::Classes {
        return RawValue::Text(text.to_owned());
    }
    let entries = text.split(';').filter(|e| !e.is_empty()).map(|entry| match entry.split_once('=') {
        Some((class, "true")) => (class.to_owned(), RawValue::Bool(true)),
        Some((class, "false")) => (class.to_owned(), RawValue::Bool(false)),
        Some((class, other)) => (class.to_owned(), RawValue::Text(other.to_owned())),
        None => (entry.to_owned(), RawValue::Text(String::new())),
    });
    RawValue::Map(entries.collect())
}

fn split(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Resolves `as_of - N years|months|days` inside a situation's facts against the date asked.
fn resolve_dates(field: &str, value: &RawValue, as_of: Date) -> Result<RawValue, RequestError> {
    Ok(match value {
        RawValue::Text(text) if text.trim_start().starts_with("as_of") => {
            let Some((amount, unit)) = analysis::parse_relative(text) else {
                let problem = Problem::NotRelativeDate { text: text.clone() };
                return Err(RequestError::new(field, RequestErrorKind::InvalidValue, problem).with_hint(Hint::RelativeDate));
            };
            RawValue::Text(as_of.minus(amount, unit).to_string())
        }
        RawValue::List(items) => RawValue::List(
            items.iter().enumerate().map(|(i, item)| resolve_dates(&format!("{field}[{i}]"), item, as_of)).collect::<Result<_, _>>()?,
        ),
        RawValue::Map(map) => RawValue::Map(
            map.iter()
                .map(|(k, item)| Ok((k.clone(), resolve_dates(&format!("{field}.{k}"), item, as_of)?)))
                .collect::<Result<_, RequestError>>()?,
        ),
        other => other.clone(),
    })
}
