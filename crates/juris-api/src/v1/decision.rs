//! The decision: the answer to one request, with the law that decided it, quoted and cited.

use super::schemas_support::*;
use super::{Confidence, Outcome, outcomes};
use crate::Lang;
use crate::catalog::{self, and_list};

/// The answer to one request, in the shape of the vocabulary contract (VOCABULARY.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Decision {
    /// The jurisdiction id the request named.
    pub jurisdiction: String,
    /// The agency that would act.
    pub agency: String,
    /// The date whose law applies (`YYYY-MM-DD`).
    pub as_of: String,
    /// What the agency would do.
    pub action: String,
    /// The answer.
    pub outcome: Outcome,
    /// The rules that decided, most local layer first.
    pub deciding: Vec<Rule>,
    /// Rules that applied but did not decide, and why.
    pub overridden: Vec<Overridden>,
    /// Rules whose outcomes conflict.
    pub conflicts: Vec<Conflict>,
    /// Facts the request did not give that the outcome hinges on.
    pub missing_facts: Vec<String>,
    /// Duties that come with the outcome.
    pub obligations: Vec<Obligation>,
    /// The bills the request assumed enacted.
    pub assumed_enacted: Vec<String>,
    /// When `uncertain`: the outcomes the answer lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// When `uncertain`: the open legal questions and coarse classifications it hinges on.
    pub uncertainties: Vec<Uncertainty>,
    /// Applicable advice from guidance documents, which never decides.
    pub advice: Vec<Rule>,
    /// The hash of the corpus that decided.
    pub corpus: String,
    /// When the outcome hinges on missing facts: what each region of their values gives.
    #[serde(default)]
    pub cases: Vec<super::Case>,
    /// Whether `cases` were found exhaustively (false when the search's bound was reached).
    #[serde(default = "yes")]
    pub cases_exact: bool,
    /// The missing fact whose answer best narrows the outcome, as a question.
    #[serde(default)]
    pub next_question: Option<super::Question>,
}

fn yes() -> bool {
    true
}

/// A rule with its citation and the quoted words of its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rule {
    /// The rule's id (`document/rule`).
    pub rule: String,
    /// What the rule says, when it applies.
    pub outcome: Outcome,
    /// The citation, with the rule's pinpoint.
    pub citation: String,
    /// Where the rule's quoted words can be read: the source the rule names, or its document's
    /// first (the official publication first).
    pub source: String,
    /// The quoted words of the source, in its own language.
    pub text: String,
    /// The heading chain the rule sits under.
    pub section: String,
    /// The document's id.
    pub document: String,
    /// The document's title, in its own language.
    pub title: String,
    /// The jurisdiction whose law it is.
    pub layer: String,
    /// How well the reading is established.
    pub confidence: Confidence,
}

/// Why an applicable rule did not decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OverrideReason {
    /// An exception to it applied.
    Exception,
    /// A later document of the same jurisdiction governs.
    LaterDocument,
    /// Another document of the same jurisdiction declares that it prevails.
    DeclaredOverride,
    /// A lower layer restricted what it allowed.
    LowerLayer,
    /// A higher layer prevailed over it.
    Preemption,
}

impl From<juris::OverrideReason> for OverrideReason {
    fn from(reason: juris::OverrideReason) -> OverrideReason {
        use juris::OverrideReason as R;
        match reason {
            R::Exception => OverrideReason::Exception,
            R::LaterDocument => OverrideReason::LaterDocument,
            R::DeclaredOverride => OverrideReason::DeclaredOverride,
            R::LowerLayer => OverrideReason::LowerLayer,
            R::Preemption => OverrideReason::Preemption,
        }
    }
}

impl OverrideReason {
    fn key(self) -> &'static str {
        match self {
            OverrideReason::Exception => "override-exception",
            OverrideReason::LaterDocument => "override-later-document",
            OverrideReason::DeclaredOverride => "override-declared-override",
            OverrideReason::LowerLayer => "override-lower-layer",
            OverrideReason::Preemption => "override-preemption",
        }
    }
}

/// A rule that applied but did not decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Overridden {
    /// The rule's id.
    pub rule: String,
    /// What it would have said.
    pub outcome: Outcome,
    /// The rule that displaced it, if one did.
    pub by: Option<String>,
    /// Why it did not decide.
    pub reason: OverrideReason,
    /// Its citation.
    pub citation: String,
    /// The reason in the reader's language.
    #[serde(default)]
    pub message: String,
}

/// The kind of a conflict between rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// Two rules of one document with different outcomes and no exception between them.
    WithinDocument,
    /// Documents of one jurisdiction taking effect the same day with different outcomes.
    SameDate,
    /// A lower layer permits what a higher prohibits, or prohibits what a higher requires.
    Preemption,
}

impl From<juris::ConflictKind> for ConflictKind {
    fn from(kind: juris::ConflictKind) -> ConflictKind {
        use juris::ConflictKind as K;
        match kind {
            K::WithinDocument => ConflictKind::WithinDocument,
            K::SameDate => ConflictKind::SameDate,
            K::Preemption => ConflictKind::Preemption,
        }
    }
}

/// Rules whose outcomes conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Conflict {
    /// What kind of conflict.
    pub kind: ConflictKind,
    /// The rules, higher layer first for `preemption`.
    pub rules: Vec<String>,
    /// The outcome of each rule, in the order of `rules`.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// The conflict in the reader's language.
    pub message: String,
}

/// A duty that comes with the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Obligation {
    /// The rule that imposes it.
    pub rule: String,
    /// The duty, in the words of the source.
    pub text: String,
}

/// Where an open question comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UncertaintyKind {
    /// A rule whose reading is unsettled.
    Rule,
    /// An offense class too coarse to tell whether the offense falls in it.
    Class,
}

/// An open legal question or a coarse classification the answer hinges on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Uncertainty {
    /// The rule (its id) or class (`class ID`) the uncertainty comes from.
    pub source: String,
    /// Why, as the corpus records it.
    pub reason: String,
    /// Whether it comes from a rule or a class.
    #[serde(default = "rule_kind")]
    pub kind: UncertaintyKind,
}

fn rule_kind() -> UncertaintyKind {
    UncertaintyKind::Rule
}

impl Rule {
    /// The wire shape of a library rule view.
    pub fn from_view(rule: &juris::view::RuleView) -> Rule {
        Rule {
            rule: rule.rule.clone(),
            outcome: rule.outcome.into(),
            citation: rule.citation.clone(),
            source: rule.source.clone(),
            text: rule.text.clone(),
            section: rule.section.clone(),
            document: rule.document.clone(),
            title: rule.title.clone(),
            layer: rule.layer.clone(),
            confidence: rule.confidence.into(),
        }
    }
}

impl Decision {
    /// The wire shape of a decision, its messages in `lang`. The corpus is not read: the view
    /// carries everything its messages need.
    pub fn from_view(_corpus: &juris::Corpus, view: &juris::DecisionView, lang: Lang) -> Decision {
        Decision {
            jurisdiction: view.jurisdiction.clone(),
            agency: view.agency.clone(),
            as_of: view.as_of.to_string(),
            action: view.action.clone(),
            outcome: view.outcome.into(),
            deciding: view.deciding.iter().map(Rule::from_view).collect(),
            overridden: view
                .overridden
                .iter()
                .map(|o| {
                    let reason = OverrideReason::from(o.reason);
                    Overridden {
                        rule: o.rule.clone(),
                        outcome: o.outcome.into(),
                        by: o.by.clone(),
                        reason,
                        citation: o.citation.clone(),
                        message: catalog::text(lang, reason.key()),
                    }
                })
                .collect(),
            conflicts: view
                .conflicts
                .iter()
                .map(|c| {
                    let kind = ConflictKind::from(c.kind);
                    let outcomes: Vec<Outcome> = c.outcomes.iter().map(|&o| Outcome::from(o)).collect();
                    let message = conflict_message(lang, kind, &c.rules, &outcomes);
                    Conflict { kind, rules: c.rules.clone(), outcomes, message }
                })
                .collect(),
            missing_facts: view.missing_facts.clone(),
            obligations: view.obligations.iter().map(|o| Obligation { rule: o.rule.clone(), text: o.text.clone() }).collect(),
            assumed_enacted: view.assumed_enacted.clone(),
            possible_outcomes: outcomes(&view.possible_outcomes),
            uncertainties: view.uncertainties.iter().map(uncertainty).collect(),
            advice: view.advice.iter().map(Rule::from_view).collect(),
            corpus: view.corpus.clone(),
            cases: view.cases.iter().map(|c| super::Case::from_library(c, lang)).collect(),
            cases_exact: view.cases_exact,
            next_question: view.next_question.as_ref().map(|q| super::Question::from_library(q, lang)),
        }
    }
}

/// The wire shape of a library uncertainty.
pub(crate) fn uncertainty(u: &juris::view::UncertaintyView) -> Uncertainty {
    Uncertainty {
        source: u.source.clone(),
        reason: u.reason.clone(),
        kind: if u.source.starts_with("class ") { UncertaintyKind::Class } else { UncertaintyKind::Rule },
    }
}

/// A conflict in words.
pub(crate) fn conflict_message(lang: Lang, kind: ConflictKind, rules: &[String], outcomes: &[Outcome]) -> String {
    let rule = |i: usize| rules.get(i).cloned().unwrap_or_default();
    let outcome = |i: usize| outcomes.get(i).map_or(String::new(), |o| o.label(lang));
    match kind {
        ConflictKind::WithinDocument => catalog::message(lang, "conflict-within-document", &[("rules", and_list(lang, rules).into())]),
        ConflictKind::SameDate => catalog::message(lang, "conflict-same-date", &[("rules", and_list(lang, rules).into())]),
        ConflictKind::Preemption => catalog::message(
            lang,
            "conflict-preemption",
            &[
                ("higher", rule(0).into()),
                ("higher-outcome", outcome(0).into()),
                ("lower", rule(1).into()),
                ("lower-outcome", outcome(1).into()),
            ],
        ),
    }
}

impl OverrideReason {
    /// The reason in the reader's language.
    pub fn message(self, lang: Lang) -> String {
        catalog::text(lang, self.key())
    }
}
