//! Answers with conditions: the cases of a decision that hinges on missing facts, and the next
//! question of a guided interview (docs/semantics.md §9).

use std::collections::BTreeMap;

use super::schemas_support::*;
use super::{Outcome, Request, Uncertainty, UncertaintyKind, outcomes};
use crate::Lang;

/// One region of the missing facts' values and what the law gives there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Case {
    /// The condition in English (`criminal_investigation_relevant is true`).
    pub when: String,
    /// The condition as data: one entry per fact it constrains; empty for every other request.
    pub condition: Vec<Condition>,
    /// What the law gives in this case.
    pub outcome: Outcome,
    /// When `uncertain` (unsettled law): the outcomes the case lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The deciding rules' ids.
    pub deciding: Vec<String>,
    /// When `uncertain`: the open legal questions the case still hinges on.
    pub uncertainties: Vec<Uncertainty>,
    /// A full request in this case: the original request with the missing facts filled in.
    pub witness: Request,
}

/// What a case requires of one fact: `values` (one of them), or for a list `includes` and
/// `excludes` (an element like each of these, none like those), or `any_of` and `excludes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Condition {
    /// The fact's name.
    pub fact: String,
    /// The fact has one of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<serde_json::Value>>,
    /// The list holds an element like each of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub includes: Option<Vec<serde_json::Value>>,
    /// The list holds an element like at least one of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<serde_json::Value>>,
    /// The list holds no element like any of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excludes: Option<Vec<serde_json::Value>>,
}

/// The missing fact whose answer best narrows the outcome, as a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Question {
    /// The fact's name.
    pub fact: String,
    /// The answers to choose among; for a list fact, one example element of each kind the rules
    /// tell apart (the answer is the whole list).
    pub values: Vec<serde_json::Value>,
    /// Whether the answer is a list rather than one of `values`.
    pub multiple: bool,
    /// The question in the reader's language (English when the corpus has no label for it).
    pub prompt: String,
    /// The question in every language of the corpus's labels.
    pub prompts: BTreeMap<String, String>,
}

fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

impl Case {
    /// The wire shape of a library case view.
    pub fn from_view(case: &juris::cases_view::CaseView) -> Case {
        use juris::cases_view::ConditionTest;
        let list = |values: &[juris::RawValue]| Some(values.iter().map(json).collect::<Vec<_>>());
        let condition = case
            .condition
            .iter()
            .map(|c| {
                let mut out = Condition { fact: c.fact.clone(), values: None, includes: None, any_of: None, excludes: None };
                match &c.test {
                    ConditionTest::Values { values } => out.values = list(values),
                    ConditionTest::Holds { includes, excludes } => (out.includes, out.excludes) = (list(includes), list(excludes)),
                    ConditionTest::HoldsAny { any_of, excludes } => (out.any_of, out.excludes) = (list(any_of), list(excludes)),
                }
                out
            })
            .collect();
        let w = &case.witness;
        Case {
            when: case.when.clone(),
            condition,
            outcome: case.outcome.into(),
            possible_outcomes: outcomes(&case.possible_outcomes),
            deciding: case.deciding.clone(),
            uncertainties: case
                .uncertainties
                .iter()
                .map(|u| Uncertainty {
                    source: u.source.clone(),
                    reason: u.reason.clone(),
                    kind: if u.source.starts_with("class ") { UncertaintyKind::Class } else { UncertaintyKind::Rule },
                })
                .collect(),
            witness: Request {
                jurisdiction: w.jurisdiction.clone(),
                agency: w.agency.clone(),
                as_of: w.as_of.clone(),
                action: w.action.clone(),
                facts: w.facts.iter().map(|(k, v)| (k.clone(), json(v))).collect(),
                assume_enacted: w.assume_enacted.clone(),
            },
        }
    }
}

impl Question {
    /// The wire shape of a library question view, its prompt in `lang`.
    pub fn from_view(question: &juris::cases_view::QuestionView, lang: Lang) -> Question {
        Question {
            fact: question.fact.clone(),
            values: question.values.iter().map(json).collect(),
            multiple: question.multiple,
            prompt: question.prompts.get(lang.code()).cloned().unwrap_or_else(|| question.prompt.clone()),
            prompts: question.prompts.clone(),
        }
    }
}
