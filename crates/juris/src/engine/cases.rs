//! Answers with conditions: what an answer that hinges on missing facts gives for each of their
//! values, and which question to ask next.
//!
//! When a decision is `uncertain` because facts are missing, the space of those facts is split by
//! the diff's refinement search ([`crate::engine::diff`]) until every region is settled: a definite
//! outcome, or `uncertain` only because the law itself is unsettled. Adjacent regions with the
//! same outcome and deciding rules are merged. Each region becomes a [`Case`] with a witness
//! request that `decide` answers as the case says. The [`Question`] is the missing fact whose
//! answer best narrows the outcome (docs/semantics.md §9).

use std::collections::BTreeSet;

use crate::engine::decide::{Decision, Uncertainty};
use crate::engine::diff::{FactCondition, regions};
use crate::engine::ir::{Corpus, Outcome, OutcomeSet, RuleId};
use crate::engine::request::{Element, Request, Value};
use crate::vocabulary::{FactType, ScalarType};

/// The most decisions the search for one request's cases may take; beyond it the remaining
/// regions are kept whole (and `uncertain`) and the decision says `cases_exact: false`.
pub const CASES_BUDGET: usize = 1_000;

/// One region of the missing facts' values and what the law gives there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// What the region requires of the facts the request left out; every other fact may be
    /// anything. Empty: every request consistent with the given facts.
    pub condition: Vec<(u16, FactCondition)>,
    /// The answer everywhere in the region.
    pub outcome: Outcome,
    /// When `uncertain`: what the outcome lies between.
    pub possible: OutcomeSet,
    /// The rules that decide it in the region.
    pub deciding: Vec<RuleId>,
    /// When `uncertain`: the unsettled law the case still hinges on.
    pub uncertainties: Vec<Uncertainty>,
    /// The request's facts with the region's filled in (one value of each), indexed by fact id.
    pub witness: Vec<Option<Value>>,
}

/// The next question of a guided interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The fact to ask about, by id in the vocabulary.
    pub fact: u16,
    /// The answers to choose among. For a list fact, one list of a single element for each kind
    /// of element the rules tell apart: the answer is the list of every element (charge,
    /// conviction) the person has, each like one of these.
    pub values: Vec<Value>,
    /// Whether the answer is a list (`charges`, `convictions`) rather than one value.
    pub multiple: bool,
}

impl Corpus {
    /// Decides a resolved request (docs/semantics.md). When the outcome hinges on missing facts,
    /// the decision also carries its cases and the next question.
    pub fn decide(&self, request: &Request) -> Decision {
        let mut decision = self.decide_without_cases(request);
        // INVARIANT: a request with every relevant fact given never reaches the search, so
        // cases cost nothing on the hot path.
        if decision.outcome == Outcome::Uncertain && !decision.missing_facts.is_empty() {
            self.add_cases(request, &mut decision);
        }
        decision
    }

    fn add_cases(&self, request: &Request, decision: &mut Decision) {
        let found = regions(self, request, CASES_BUDGET);
        decision.cases = found
            .regions
            .into_iter()
            .map(|(condition, witness, d)| Case {
                condition,
                outcome: d.outcome,
                possible: d.possible,
                deciding: d.deciding,
                uncertainties: d.uncertainties,
                witness,
            })
            .collect();
        decision.cases_exact = found.exact;
        decision.next_question = self.next_question(&decision.cases, &found.kinds, &found.domains);
    }

    /// The fact whose answer leaves the fewest outcomes open: for each fact a case's condition
    /// names, each possible answer leaves the outcomes of the cases it is consistent with; the
    /// fact with the smallest worst case wins, then the smallest average, then the first by
    /// name (fact ids follow names). None when every case gives the same answer.
    fn next_question(
        &self,
        cases: &[Case],
        kinds: &std::collections::BTreeMap<u16, Vec<Element>>,
        domains: &std::collections::BTreeMap<u16, Vec<Value>>,
    ) -> Option<Question> {
        let answers: BTreeSet<(Outcome, u8)> = cases.iter().map(|c| (c.outcome, possible_bits(c.possible))).collect();
        if answers.len() < 2 {
            return None;
        }
        let facts: BTreeSet<u16> = cases.iter().flat_map(|c| c.condition.iter().map(|(f, _)| *f)).collect();
        let mut best: Option<((usize, usize, usize), Question)> = None;
        for fact in facts {
            let Some(question) = self.question(fact, kinds, domains) else { continue };
            let probes = probes(&question);
            if probes.is_empty() {
                continue;
            }
            let mut worst = 0;
            let mut total = 0;
            for probe in &probes {
                let left: BTreeSet<(Outcome, u8)> = cases
                    .iter()
                    .filter(|c| c.condition.iter().all(|(f, cond)| *f != fact || admits(cond, probe)))
                    .map(|c| (c.outcome, possible_bits(c.possible)))
                    .collect();
                worst = worst.max(left.len());
                total += left.len();
            }
            // Compared as worst case, then average (total / count, compared by cross-multiplying).
            let score = (worst, total, probes.len());
            let better = match &best {
                None => true,
                Some(((w, t, n), _)) => (worst, total * n) < (*w, t * probes.len()),
            };
            if better {
                best = Some((score, question));
            }
        }
        best.map(|(_, q)| q)
    }

    fn question(
        &self,
        fact: u16,
        kinds: &std::collections::BTreeMap<u16, Vec<Element>>,
        domains: &std::collections::BTreeMap<u16, Vec<Value>>,
    ) -> Option<Question> {
        let v = &self.vocabulary;
        match v.facts[fact as usize].ty {
            FactType::Scalar(ScalarType::Bool) => {
                Some(Question { fact, values: vec![Value::Bool(false), Value::Bool(true)], multiple: false })
            }
            FactType::Scalar(ScalarType::Enum(e)) => {
                let values = (0..v.enums[e as usize].values.len() as u16).map(Value::Enum).collect();
                Some(Question { fact, values, multiple: false })
            }
            FactType::Scalar(_) => Some(Question { fact, values: domains.get(&fact).cloned().unwrap_or_default(), multiple: false }),
            FactType::Records(_) | FactType::Values(_) => {
                let values = kinds.get(&fact)?.iter().map(|e| Value::List(vec![e.clone()].into())).collect();
                Some(Question { fact, values, multiple: true })
            }
        }
    }
}

fn possible_bits(set: OutcomeSet) -> u8 {
    set.iter().fold(0u8, |m, o| m | (1 << o as u8))
}

/// One way of answering a question, for scoring: a value, or for a list, an empty list or a list
/// holding an element of one kind.
enum Probe<'a> {
    Value(&'a Value),
    Empty,
    Holds(&'a Element),
}

fn probes(question: &Question) -> Vec<Probe<'_>> {
    if !question.multiple {
        return question.values.iter().map(Probe::Value).collect();
    }
    let mut out = vec![Probe::Empty];
    for value in &question.values {
        if let Value::List(items) = value {
            out.extend(items.iter().map(Probe::Holds));
        }
    }
    out
}

/// Whether a region's condition on a fact is consistent with an answer.
fn admits(condition: &FactCondition, probe: &Probe<'_>) -> bool {
    match (condition, probe) {
        (FactCondition::Values(values), Probe::Value(x)) => values.contains(x),
        (FactCondition::Values(values), Probe::Empty) => values.iter().any(|v| matches!(v, Value::List(items) if items.is_empty())),
        (FactCondition::Values(values), Probe::Holds(e)) => values.iter().any(|v| matches!(v, Value::List(items) if items.contains(e))),
        (FactCondition::Holds { includes, .. }, Probe::Empty) => includes.is_empty(),
        (FactCondition::Holds { excludes, .. } | FactCondition::HoldsAny { excludes, .. }, Probe::Holds(e)) => !excludes.contains(e),
        (FactCondition::HoldsAny { .. }, Probe::Empty) => false,
        (FactCondition::Holds { .. } | FactCondition::HoldsAny { .. }, Probe::Value(_)) => true,
    }
}
