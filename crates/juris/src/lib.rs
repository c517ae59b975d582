//! juris: the policy language and decision engine.
//!
//! The library does no IO, reads no clock and knows no wire format: front ends hand it file
//! contents and deserialized requests, and `juris-api` turns its answers into JSON. This page is
//! the whole public surface:
//!
//! - **Loading**: [`load`] compiles a corpus from its files into a [`Corpus`]; [`check`] also
//!   lints it. Both return every [`Diagnostic`] at once.
//! - **Deciding**: [`Corpus::resolve`] and [`Corpus::decode`] turn a request into a
//!   [`Request`] (or a [`RequestError`] naming the field); [`Corpus::decide`] answers it with a
//!   [`Decision`], [`Corpus::outcome`] with its [`Outcome`] alone, and [`Corpus::view`] renders
//!   a decision with citations ([`view`]).
//! - **Analyses** ([`analysis`]): bills, timelines, comparisons, situations, statistics and
//!   exact diffs between two states of the law.
//! - **Names**: the corpus's [`vocabulary`] with its labels, and scenario suites ([`scenario`]).
//!
//! Inside, the pipeline is four stages, each a private module: syntax (literate Markdown, the
//! lexer, the parser and the AST), check (name and type resolution, compilation, lint), engine
//! (the compiled form, three-valued evaluation, deciding, the refinement search) and analysis.
//! ARCHITECTURE.md maps them.

#![deny(missing_docs, unreachable_pub)]

mod check;
mod date;
mod diagnostic;
mod engine;
mod labels;
mod syntax;

pub mod analysis;

pub use check::{Loaded, VOCABULARY_FILE, check, corpus_hash, is_document, load};
pub use date::Date;
pub use diagnostic::{Code, Diagnostic, Severity, Source, Span};
pub use engine::decide::{Conflict, ConflictKind, Decision, Overridden, OverrideReason, Uncertainty};
pub use engine::ir::{
    Class, ClassId, Confidence, Corpus, DocId, Document, DocumentKind, Event, EventKind, Outcome, OutcomeSet, Rule, RuleId, RuleOutcome,
};

/// Requests: what a front end decodes, what the engine decides, and what is wrong with a request
/// that cannot be decided (every problem typed, so a front end renders it in its language).
pub mod request {
    pub use crate::engine::cases::{CASES_BUDGET, Case, Question};
    pub use crate::engine::decode::{DecodeOptions, FIELDS, RequestSeed, parse_date};
    pub use crate::engine::request::{Element, RawRequest, RawValue, Request, Value};
    pub use crate::engine::request_error::{
        Echo, ErrorDetail, Expected, Given, Hint, MAX_ECHOED_CHARS, Needed, Noun, Problem, RequestError, RequestErrorKind, StatuteProblem,
        WHOLE_REQUEST,
    };
}
pub use request::{DecodeOptions, RawRequest, RawValue, Request, RequestError, RequestErrorKind, parse_date};

/// Decisions rendered for people: the deciding rules with their citations and quoted text,
/// conflicts, obligations, uncertainties, and the conditional cases of an answer that depends on
/// facts the request left out.
pub mod view {
    pub use crate::engine::cases_view::{CaseView, ConditionTest, ConditionView, QuestionView};
    pub use crate::engine::view::{ConflictView, DecisionView, ObligationView, OverriddenView, RuleView, UncertaintyView};
}
pub use view::DecisionView;

/// The corpus's vocabulary (jurisdictions, agencies, actions, facts and their types) and its
/// labels and prompts in each language.
pub mod vocabulary;

/// Scenario suites: worked questions with their expected answers, run by `juris test`.
pub mod scenario {
    pub use crate::syntax::scenario::{Scenario, ScenarioRun, is_suite, parse_suite};
}

/// A reference interpreter of docs/semantics.md, for the differential test and fuzz target
/// that check the engine against it. Built only with the `internals` feature; not part of the
/// stable surface.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    pub use crate::engine::reference::reference;
}
