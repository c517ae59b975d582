//! The decision as users see it: names, citations and quoted law instead of indices.
//!
//! [`DecisionView`] has exactly the shape of the decision in VOCABULARY.md (plus added fields),
//! and derives `Serialize` so that front ends can write it in their own format.

use serde::Serialize;

use crate::date::Date;
use crate::engine::decide::{ConflictKind, Decision, OverrideReason, Uncertainty};
use crate::engine::ir::{Corpus, Outcome, RuleId};

/// A decision in the names of the vocabulary contract, with every rule's citation and quoted text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DecisionView {
    /// The jurisdiction's id, as asked.
    pub jurisdiction: String,
    /// The agency, as asked.
    pub agency: String,
    /// The date the law was read as of.
    pub as_of: Date,
    /// The action, as asked.
    pub action: String,
    /// The answer.
    pub outcome: Outcome,
    /// The rules that decide it.
    pub deciding: Vec<RuleView>,
    /// Rules that applied but did not decide, and why (an exception, a later or overriding
    /// document, another layer).
    pub overridden: Vec<OverriddenView>,
    /// Rules that disagree: within a document, documents taking effect the same day, or a lower
    /// layer against a higher one.
    pub conflicts: Vec<ConflictView>,
    /// The facts the request left out that the answer depends on.
    pub missing_facts: Vec<String>,
    /// What the deciding rules require besides the outcome (a notice, a record).
    pub obligations: Vec<ObligationView>,
    /// The bills read as law for this question (the request's `assume_enacted`).
    pub assumed_enacted: Vec<String>,
    /// When `uncertain`: the outcomes the answer lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// When `uncertain`: the open legal questions and coarse classifications it hinges on.
    pub uncertainties: Vec<UncertaintyView>,
    /// Applicable advice from guidance documents, which never decides.
    pub advice: Vec<RuleView>,
    /// The hash of the corpus that decided (see [`Corpus::hash`]).
    pub corpus: String,
    /// When the outcome hinges on missing facts: what each region of their values gives.
    pub cases: Vec<crate::engine::cases_view::CaseView>,
    /// Whether `cases` were found exhaustively (false when the search's bound was reached).
    pub cases_exact: bool,
    /// The missing fact whose answer best narrows the outcome, as a question.
    pub next_question: Option<crate::engine::cases_view::QuestionView>,
}

/// A rule as a decision cites it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RuleView {
    /// The rule's id (`document#rule`).
    pub rule: String,
    /// What it says when it applies.
    pub outcome: Outcome,
    /// Its document's citation.
    pub citation: String,
    /// The address its quoted words come from: the rule's `source`, or its document's first source.
    pub source: String,
    /// The law's own words the rule encodes, quoted from the source.
    pub text: String,
    /// The heading chain of the section it sits in.
    pub section: String,
    /// Its document's id.
    pub document: String,
    /// Its document's title.
    pub title: String,
    /// The jurisdiction whose layer it belongs to.
    pub layer: String,
    /// How sure the encoding is of its source.
    pub confidence: crate::engine::ir::Confidence,
}

/// A rule that applied but did not decide.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OverriddenView {
    /// The rule's id.
    pub rule: String,
    /// What it would have said.
    pub outcome: Outcome,
    /// The rule that set it aside, when one rule did.
    pub by: Option<String>,
    /// Why it did not decide.
    pub reason: OverrideReason,
    /// Its document's citation.
    pub citation: String,
}

/// Rules that disagree.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConflictView {
    /// Where they disagree: within a document, on the same date, or across layers.
    pub kind: ConflictKind,
    /// The rules, higher layer first for a preemption.
    pub rules: Vec<String>,
    /// The outcome of each rule, in the order of `rules`; front ends put the conflict in words.
    pub outcomes: Vec<Outcome>,
}

/// A duty a deciding rule adds to its outcome.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ObligationView {
    /// The rule's id.
    pub rule: String,
    /// The duty, in the rule's words.
    pub text: String,
}

/// Unsettled law an `uncertain` answer hinges on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UncertaintyView {
    /// The rule or class the uncertainty comes from.
    pub source: String,
    /// What is unsettled, as the corpus explains it.
    pub reason: String,
}

impl Corpus {
    /// Renders a decision with names, citations and the quoted law.
    pub fn view(&self, decision: &Decision) -> DecisionView {
        let v = &self.vocabulary;
        let outcome_of = |r: RuleId| self.rules[r as usize].outcome.reported();
        let mut deciding: Vec<RuleView> = decision.deciding.iter().map(|&r| self.rule_view(r)).collect();
        // Most local layer first, then by id: the rule that decided reads first.
        deciding.sort_by(|a, b| {
            (v.depth(v.jurisdiction(&b.layer).unwrap_or(0)), &a.rule).cmp(&(v.depth(v.jurisdiction(&a.layer).unwrap_or(0)), &b.rule))
        });
        DecisionView {
            jurisdiction: v.jurisdictions[decision.jurisdiction as usize].id.clone(),
            agency: v.agencies[decision.agency as usize].0.clone(),
            as_of: decision.as_of,
            action: v.actions[decision.action as usize].0.clone(),
            outcome: decision.outcome,
            deciding,
            overridden: decision
                .overridden
                .iter()
                .map(|o| OverriddenView {
                    rule: self.rules[o.rule as usize].id.clone(),
                    outcome: outcome_of(o.rule),
                    by: o.by.map(|b| self.rules[b as usize].id.clone()),
                    reason: o.reason,
                    citation: self.citation(&self.rules[o.rule as usize]),
                })
                .collect(),
            conflicts: decision
                .conflicts
                .iter()
                .map(|c| ConflictView {
                    kind: c.kind,
                    rules: c.rules.iter().map(|&r| self.rules[r as usize].id.clone()).collect(),
                    outcomes: c.rules.iter().map(|&r| outcome_of(r)).collect(),
                })
                .collect(),
            missing_facts: decision.missing_facts.iter().map(|&f| v.facts[f as usize].name.clone()).collect(),
            obligations: decision
                .obligations
                .iter()
                .flat_map(|&r| {
                    let rule = &self.rules[r as usize];
                    rule.obligations.iter().map(move |text| ObligationView { rule: rule.id.clone(), text: text.clone() })
                })
                .collect(),
            assumed_enacted: decision.assumed_enacted.iter().map(|&d| self.documents[d as usize].id.clone()).collect(),
            possible_outcomes: decision.possible.iter().collect(),
            uncertainties: decision.uncertainties.iter().map(|u| self.uncertainty_view(u)).collect(),
            advice: decision.advice.iter().map(|&r| self.rule_view(r)).collect(),
            corpus: self.hash.clone(),
            cases: self.case_views(decision),
            cases_exact: decision.cases_exact,
            next_question: decision.next_question.as_ref().map(|q| self.question_view(q)),
        }
    }

    /// An open legal question or coarse classification, with its reason.
    pub(crate) fn uncertainty_view(&self, u: &Uncertainty) -> UncertaintyView {
        match *u {
            Uncertainty::Rule(r) => {
                let rule = &self.rules[r as usize];
                UncertaintyView { source: rule.id.clone(), reason: rule.reason.clone().unwrap_or_default() }
            }
            Uncertainty::Class(c, reason) => {
                let class = &self.classes[c as usize];
                UncertaintyView {
                    source: format!("class {}", class.id),
                    reason: class.reasons.get(reason as usize).cloned().unwrap_or_default(),
                }
            }
        }
    }

    /// A rule with its citation and quoted source text.
    pub fn rule_view(&self, r: RuleId) -> RuleView {
        let rule = &self.rules[r as usize];
        let doc = &self.documents[rule.doc as usize];
        RuleView {
            rule: rule.id.clone(),
            outcome: rule.outcome.reported(),
            citation: self.citation(rule),
            source: rule.source.clone().or_else(|| doc.sources.first().cloned()).unwrap_or_default(),
            text: rule.text.clone(),
            section: rule.section.clone(),
            document: doc.id.clone(),
            title: doc.title.clone(),
            layer: self.vocabulary.jurisdictions[doc.jurisdiction as usize].id.clone(),
            confidence: rule.confidence,
        }
    }
}
