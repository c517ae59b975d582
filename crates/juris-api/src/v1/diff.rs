//! The difference report: every region of requests where two states of the law answer
//! differently, each with a witness request.

use juris::Corpus;
use juris::analysis::{Approximation, FactCondition};
use juris::request::{Element, Value};
use serde_json::Value as Json;

use super::schemas_support::*;
use super::{Outcome, outcomes};
use crate::Lang;
use crate::catalog::{self, Arg};

/// One state of the law: a jurisdiction on a date, with bills assumed enacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LawState {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// The date.
    pub as_of: String,
    /// The bills assumed enacted.
    pub assume_enacted: Vec<String>,
}

/// How one side decides a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiffSide {
    /// The answer.
    pub outcome: Outcome,
    /// When `uncertain`: what it lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The deciding rule ids.
    pub deciding: Vec<String>,
    /// Facts not given that it hinges on.
    pub missing_facts: Vec<String>,
}

/// A full request on each side that falls in the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Witness {
    /// The request against the left state.
    pub left: super::Request,
    /// The request against the right state.
    pub right: super::Request,
}

/// One region of requests decided differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Difference {
    /// The agency.
    pub agency: String,
    /// The action.
    pub action: String,
    /// The region in words, in the reader's language (fact names and values as written).
    pub condition: String,
    /// The region, structured: for each fact, a value, a list of values, or
    /// `{"any_of"|"includes": [...], "excludes": [...]}` for lists.
    pub facts: serde_json::Map<String, Json>,
    /// How the left state decides it.
    pub left: DiffSide,
    /// How the right state decides it.
    pub right: DiffSide,
    /// A request in the region, on each side.
    pub witness: Witness,
}

/// Every region where two states of the law decide differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiffReport {
    /// The law in force.
    pub left: LawState,
    /// The law compared with it.
    pub right: LawState,
    /// Whether no request is decided differently.
    pub equivalent: bool,
    /// Whether the search was exhaustive (no note below).
    pub exact: bool,
    /// Where the search was bounded, in words.
    pub notes: Vec<String>,
    /// The actions with a difference.
    pub actions: Vec<String>,
    /// The regions.
    pub differences: Vec<Difference>,
    /// How many decisions the search made.
    pub decisions: u64,
}

fn state(corpus: &Corpus, state: &juris::analysis::LawState) -> LawState {
    LawState {
        jurisdiction: corpus.vocabulary().jurisdictions[state.jurisdiction as usize].id.clone(),
        as_of: state.as_of.to_string(),
        assume_enacted: state.assume_enacted.iter().map(|d| corpus.documents()[*d as usize].id.clone()).collect(),
    }
}

fn side(view: &juris::DecisionView) -> DiffSide {
    DiffSide {
        outcome: view.outcome.into(),
        possible_outcomes: outcomes(&view.possible_outcomes),
        deciding: view.deciding.iter().map(|d| d.rule.clone()).collect(),
        missing_facts: view.missing_facts.clone(),
    }
}

fn text(value: &Json) -> String {
    value.as_str().map_or_else(|| value.to_string(), str::to_owned)
}

fn joined(values: &[Json]) -> String {
    values.iter().map(text).collect::<Vec<_>>().join(", ")
}

impl DiffReport {
    /// The wire shape of a library diff report, its words in `lang`.
    pub fn from_library(
        corpus: &Corpus,
        left: &juris::analysis::LawState,
        right: &juris::analysis::LawState,
        report: &juris::analysis::DiffReport,
        lang: Lang,
    ) -> DiffReport {
        let v = &corpus.vocabulary();
        let mut actions: Vec<String> = report.differences.iter().map(|d| v.actions[d.action as usize].0.clone()).collect();
        actions.sort();
        actions.dedup();
        let differences = report
            .differences
            .iter()
            .map(|d| {
                let mut facts = serde_json::Map::new();
                let mut parts = Vec::new();
                for (f, condition) in &d.facts {
                    let name = &v.facts[*f as usize].name;
                    let raw = |x: &Value| serde_json::to_value(corpus.raw_value(*f, x)).unwrap_or(Json::Null);
                    let element = |e: &Element| match raw(&Value::List(vec![e.clone()].into())) {
                        Json::Array(mut items) if items.len() == 1 => items.remove(0),
                        other => other,
                    };
                    let words = |key: &str, values: &[Json]| {
                        catalog::message(lang, key, &[("fact", name.into()), ("values", joined(values).into())])
                    };
                    match condition {
                        FactCondition::Values(values) => {
                            let raws: Vec<Json> = values.iter().map(raw).collect();
                            if let [one] = raws.as_slice() {
                                parts.push(catalog::message(lang, "diff-equals", &[("fact", name.into()), ("value", text(one).into())]));
                                facts.insert(name.clone(), one.clone());
                            } else {
                                parts.push(words("diff-in", &raws));
                                facts.insert(name.clone(), Json::Array(raws));
                            }
                        }
                        FactCondition::HoldsAny { any_of, excludes } => {
                            let any: Vec<Json> = any_of.iter().map(element).collect();
                            let exc: Vec<Json> = excludes.iter().map(element).collect();
                            let mut clause = words("diff-holds-any", &any);
                            if !exc.is_empty() {
                                clause = and(lang, clause, words("diff-holds-none", &exc));
                            }
                            parts.push(clause);
                            facts.insert(name.clone(), serde_json::json!({ "any_of": any, "excludes": exc }));
                        }
                        FactCondition::Holds { includes, excludes } => {
                            let inc: Vec<Json> = includes.iter().map(element).collect();
                            let exc: Vec<Json> = excludes.iter().map(element).collect();
                            let mut clauses = Vec::new();
                            if !inc.is_empty() {
                                clauses.push(words("diff-holds-each", &inc));
                            }
                            if !exc.is_empty() {
                                clauses.push(words("diff-holds-none", &exc));
                            }
                            parts.extend(clauses.into_iter().reduce(|a, b| and(lang, a, b)));
                            facts.insert(name.clone(), serde_json::json!({ "includes": inc, "excludes": exc }));
                        }
                    }
                }
                let witness_facts: std::collections::BTreeMap<String, Json> = d
                    .witness
                    .iter()
                    .enumerate()
                    .filter_map(|(f, x)| {
                        x.as_ref()
                            .map(|x| (v.facts[f].name.clone(), serde_json::to_value(corpus.raw_value(f as u16, x)).unwrap_or(Json::Null)))
                    })
                    .collect();
                let request = |s: &juris::analysis::LawState| super::Request {
                    jurisdiction: v.jurisdictions[s.jurisdiction as usize].id.clone(),
                    agency: v.agencies[d.agency as usize].0.clone(),
                    as_of: Some(s.as_of.to_string()),
                    action: v.actions[d.action as usize].0.clone(),
                    facts: witness_facts.clone(),
                    assume_enacted: s.assume_enacted.iter().map(|x| corpus.documents()[*x as usize].id.clone()).collect(),
                };
                Difference {
                    agency: v.agencies[d.agency as usize].0.clone(),
                    action: v.actions[d.action as usize].0.clone(),
                    condition: parts
                        .into_iter()
                        .reduce(|a, b| and(lang, a, b))
                        .unwrap_or_else(|| catalog::text(lang, "diff-every-request")),
                    facts,
                    left: side(&corpus.view(&d.left)),
                    right: side(&corpus.view(&d.right)),
                    witness: Witness { left: request(left), right: request(right) },
                }
            })
            .collect();
        DiffReport {
            left: state(corpus, left),
            right: state(corpus, right),
            equivalent: report.differences.is_empty(),
            exact: report.approximations.is_empty(),
            notes: report.approximations.iter().map(|a| approximation(corpus, lang, a)).collect(),
            actions,
            differences,
            decisions: report.decisions as u64,
        }
    }
}

/// Why the search was not exhaustive, in the reader's words.
fn approximation(corpus: &Corpus, lang: Lang, approximation: &Approximation) -> String {
    let v = &corpus.vocabulary();
    match *approximation {
        Approximation::Budget { agency, action, decisions } => catalog::message(
            lang,
            "diff-budget",
            &[
                ("action", v.actions[action as usize].0.as_str().into()),
                ("agency", v.agencies[agency as usize].0.as_str().into()),
                ("decisions", decisions.into()),
            ],
        ),
        Approximation::BoundedKinds { fact, kinds } => {
            catalog::message(lang, "diff-kinds-bounded", &[("fact", v.facts[fact as usize].name.as_str().into()), ("kinds", kinds.into())])
        }
    }
}

fn and(lang: Lang, left: String, right: String) -> String {
    catalog::message(lang, "diff-and", &[("left", Arg::Text(left)), ("right", Arg::Text(right))])
}
