//! A conditional answer: the cases of the missing facts, and the next question to ask.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::schemas_support::*;
use super::{Outcome, Uncertainty, outcomes};
use crate::Lang;
use crate::catalog::{self, Arg};

/// What a case requires of one fact, in the request's terms: `values` (the fact is one of
/// them), or for a list fact `includes`/`any_of` and `excludes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Condition {
    /// The fact.
    pub fact: String,
    /// The fact is one of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Json>>,
    /// The list holds an element like each of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub includes: Option<Vec<Json>>,
    /// The list holds an element like one of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<Json>>,
    /// The list holds no element like any of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excludes: Option<Vec<Json>>,
}

/// One region of the missing facts' values and the answer there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Case {
    /// The condition in the reader's language, e.g. `criminal_investigation_relevant is true`.
    pub when: String,
    /// The condition as data: one entry per fact it constrains (empty: every other request).
    pub condition: Vec<Condition>,
    /// The answer in this case.
    pub outcome: Outcome,
    /// When `uncertain`: what it lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The deciding rules' ids.
    pub deciding: Vec<String>,
    /// When `uncertain`: the unsettled law it still hinges on.
    pub uncertainties: Vec<Uncertainty>,
    /// A full request in this case: the request with the missing facts filled in.
    pub witness: super::Request,
}

/// The next question of a guided interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Question {
    /// The fact to ask about.
    pub fact: String,
    /// The answers to choose among (for a list fact, one example element of each kind).
    pub values: Vec<Json>,
    /// Whether the answer is a list rather than one of `values`.
    #[serde(default)]
    pub multiple: bool,
    /// The question in the reader's language (English when the labels have none in it).
    pub prompt: String,
    /// The question in every language of the corpus's labels.
    #[serde(default)]
    pub prompts: BTreeMap<String, String>,
}

fn json<T: serde::Serialize>(value: &T) -> Json {
    serde_json::to_value(value).unwrap_or(Json::Null)
}

fn list(value: &Json, key: &str) -> Option<Vec<Json>> {
    value.get(key).and_then(Json::as_array).cloned()
}

impl Case {
    /// The wire shape of a library case, its condition read in `lang`.
    pub fn from_library(case: &juris::view::CaseView, lang: Lang) -> Case {
        let condition: Vec<Condition> = case
            .condition
            .iter()
            .map(|c| {
                let test = json(&c.test);
                Condition {
                    fact: c.fact.clone(),
                    values: list(&test, "values"),
                    includes: list(&test, "includes"),
                    any_of: list(&test, "any_of"),
                    excludes: list(&test, "excludes"),
                }
            })
            .collect();
        let witness = serde_json::from_value(json(&case.witness)).unwrap_or_else(|_| super::Request {
            jurisdiction: case.witness.jurisdiction.clone(),
            agency: case.witness.agency.clone(),
            as_of: case.witness.as_of.clone(),
            action: case.witness.action.clone(),
            facts: BTreeMap::new(),
            assume_enacted: case.witness.assume_enacted.clone(),
        });
        Case {
            when: when(lang, &condition),
            condition,
            outcome: case.outcome.into(),
            possible_outcomes: outcomes(&case.possible_outcomes),
            deciding: case.deciding.clone(),
            uncertainties: case.uncertainties.iter().map(super::decision::uncertainty).collect(),
            witness,
        }
    }
}

impl Question {
    /// The wire shape of a library question, its prompt in `lang`.
    pub fn from_library(question: &juris::view::QuestionView, lang: Lang) -> Question {
        Question {
            fact: question.fact.clone(),
            values: question.values.iter().map(json).collect(),
            multiple: question.multiple,
            prompt: question.prompts.get(lang.code()).cloned().unwrap_or_else(|| question.prompt.clone()),
            prompts: question.prompts.clone(),
        }
    }
}

/// A request value as it would be written in JSON, for the reading of a condition.
fn text(value: &Json) -> String {
    match value {
        Json::String(t) => t.clone(),
        Json::Array(items) => format!("[{}]", items.iter().map(text).collect::<Vec<_>>().join(", ")),
        Json::Object(fields) => format!("{{{}}}", fields.iter().map(|(k, x)| format!("{k}: {}", text(x))).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

fn alternatives(lang: Lang, values: &[Json]) -> String {
    catalog::or_list(lang, &values.iter().map(text).collect::<Vec<_>>())
}

fn and(lang: Lang, left: String, right: String) -> String {
    catalog::message(lang, "diff-and", &[("left", Arg::Text(left)), ("right", Arg::Text(right))])
}

/// The reading of a condition in `lang`: `warrant is none or administrative and charges include
/// one like {level: felony, offense: rape}`.
pub fn when(lang: Lang, condition: &[Condition]) -> String {
    let say = |key: &str, fact: &str, values: String| catalog::message(lang, key, &[("fact", fact.into()), ("values", values.into())]);
    let parts: Vec<String> = condition
        .iter()
        .map(|c| {
            let excludes = c.excludes.clone().unwrap_or_default();
            if let Some(values) = &c.values {
                if values.iter().all(|x| x.as_array().is_some_and(Vec::is_empty)) {
                    return say("case-empty", &c.fact, String::new());
                }
                return say("case-is", &c.fact, alternatives(lang, values));
            }
            if let Some(any_of) = &c.any_of {
                let mut words = say("case-include-one", &c.fact, alternatives(lang, any_of));
                if !excludes.is_empty() {
                    words = and(lang, words, say("case-none-like", &c.fact, alternatives(lang, &excludes)));
                }
                return words;
            }
            let mut words: Vec<String> = c.includes.iter().flatten().map(|x| say("case-include-one", &c.fact, text(x))).collect();
            if !excludes.is_empty() {
                words.push(say("case-include-none", &c.fact, alternatives(lang, &excludes)));
            }
            words.into_iter().reduce(|a, b| and(lang, a, b)).unwrap_or_default()
        })
        .collect();
    parts.into_iter().reduce(|a, b| and(lang, a, b)).unwrap_or_else(|| catalog::text(lang, "case-every"))
}
