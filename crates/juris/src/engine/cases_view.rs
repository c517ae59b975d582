//! Conditional cases and the next question as users see them: names, request values, a
//! structured condition (front ends read it in the reader's language: juris-api's `when`), and
//! the question's prompt in every language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::cases::{Case, Question};
use crate::engine::decide::Decision;
use crate::engine::diff::FactCondition;
use crate::engine::ir::{Corpus, Outcome};
use crate::engine::request::{Element, RawRequest, RawValue, Value};
use crate::engine::view::UncertaintyView;
use crate::labels::LabelKind;

/// One case of a conditional answer.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CaseView {
    /// The condition as data: one entry per fact it constrains (empty: every other request).
    pub condition: Vec<ConditionView>,
    /// The answer in the region.
    pub outcome: Outcome,
    /// When `uncertain`: the outcomes the case lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The deciding rules' ids.
    pub deciding: Vec<String>,
    /// When `uncertain`: the unsettled law it still hinges on.
    pub uncertainties: Vec<UncertaintyView>,
    /// A full request in this case: the original request with the missing facts filled in.
    pub witness: RawRequest,
}

/// What a case requires of one fact, in the request's own terms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConditionView {
    /// The missing fact's name.
    pub fact: String,
    #[serde(flatten)]
    /// What the region requires of it.
    pub test: ConditionTest,
}

/// The three forms of a fact condition (the diff's `FactCondition`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum ConditionTest {
    /// The fact has one of these values.
    Values {
        /// The values, as a request writes them.
        values: Vec<RawValue>,
    },
    /// A list holding an element like each of `includes` and none like any of `excludes`.
    Holds {
        /// Elements the list holds one like each of.
        includes: Vec<RawValue>,
        /// Elements the list holds none like.
        excludes: Vec<RawValue>,
    },
    /// A list holding an element like one of `any_of`, and none like any of `excludes`.
    HoldsAny {
        /// Elements the list holds one like at least one of.
        any_of: Vec<RawValue>,
        /// Elements the list holds none like.
        excludes: Vec<RawValue>,
    },
}

/// The next question of a guided interview.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionView {
    /// The missing fact's name.
    pub fact: String,
    /// The answers to choose among; for a list fact, one example element of each kind the rules
    /// tell apart (the answer is the list of all the person's elements).
    pub values: Vec<RawValue>,
    /// Whether the answer is a list rather than one of `values`.
    pub multiple: bool,
    /// The plain-language question in English (the fact's description without labels).
    pub prompt: String,
    /// The question in every language of the corpus's labels.
    pub prompts: BTreeMap<String, String>,
}

impl Corpus {
    pub(crate) fn case_views(&self, decision: &Decision) -> Vec<CaseView> {
        decision.cases.iter().map(|c| self.case_view(decision, c)).collect()
    }

    fn case_view(&self, decision: &Decision, case: &Case) -> CaseView {
        let v = &self.vocabulary;
        let condition: Vec<ConditionView> = case.condition.iter().map(|(f, c)| self.condition_view(*f, c)).collect();
        let facts = case
            .witness
            .iter()
            .enumerate()
            .filter_map(|(f, x)| x.as_ref().map(|x| (v.facts[f].name.clone(), self.raw_value(f as u16, x))))
            .collect();
        CaseView {
            condition,
            outcome: case.outcome,
            possible_outcomes: case.possible.iter().collect(),
            deciding: case.deciding.iter().map(|&r| self.rules[r as usize].id.clone()).collect(),
            uncertainties: case.uncertainties.iter().map(|u| self.uncertainty_view(u)).collect(),
            witness: RawRequest {
                jurisdiction: v.jurisdictions[decision.jurisdiction as usize].id.clone(),
                agency: v.agencies[decision.agency as usize].0.clone(),
                as_of: Some(decision.as_of.to_string()),
                action: v.actions[decision.action as usize].0.clone(),
                facts,
                assume_enacted: decision.assumed_enacted.iter().map(|&d| self.documents[d as usize].id.clone()).collect(),
            },
        }
    }

    /// One element of a list fact in the request's terms.
    fn raw_element(&self, fact: u16, element: &Element) -> RawValue {
        match self.raw_value(fact, &Value::List(vec![element.clone()].into())) {
            RawValue::List(mut items) if items.len() == 1 => items.remove(0),
            other => other,
        }
    }

    fn condition_view(&self, fact: u16, condition: &FactCondition) -> ConditionView {
        let elements = |list: &[Element]| list.iter().map(|e| self.raw_element(fact, e)).collect();
        let test = match condition {
            FactCondition::Values(values) => ConditionTest::Values { values: values.iter().map(|x| self.raw_value(fact, x)).collect() },
            FactCondition::Holds { includes, excludes } => {
                ConditionTest::Holds { includes: elements(includes), excludes: elements(excludes) }
            }
            FactCondition::HoldsAny { any_of, excludes } => {
                ConditionTest::HoldsAny { any_of: elements(any_of), excludes: elements(excludes) }
            }
        };
        ConditionView { fact: self.vocabulary.facts[fact as usize].name.clone(), test }
    }

    pub(crate) fn question_view(&self, question: &Question) -> QuestionView {
        let fact = &self.vocabulary.facts[question.fact as usize];
        let values = question
            .values
            .iter()
            .flat_map(|x| match (question.multiple, x) {
                (true, Value::List(items)) => items.iter().map(|e| self.raw_element(question.fact, e)).collect::<Vec<_>>(),
                _ => vec![self.raw_value(question.fact, x)],
            })
            .collect();
        let prompts = self.labels.prompts(LabelKind::Fact, &fact.name);
        let prompt = prompts.get("en").cloned().unwrap_or_else(|| fact.doc.clone());
        QuestionView { fact: fact.name.clone(), values, multiple: question.multiple, prompt, prompts }
    }
}
