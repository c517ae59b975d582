//! Version 1 of the wire format: every shape that crosses a boundary.
//!
//! Within a version changes are additive only: a new optional field, a new enum value where the
//! shape says readers must accept unknown values. A breaking change is a new module (`v2`) beside
//! this one. Every shape derives `Serialize`, `Deserialize` and `JsonSchema`; conversions from the
//! library's types take the reader's [`Lang`](crate::Lang) and fill each `message` from the catalog.

mod analysis;
mod cases;
mod corpus;
mod decision;
mod diff;
mod request;

use schemas_support::*;

pub use analysis::{
    Bill, BillEvent, BillState, BillStatusPart, Cell, Change, ChangeEvent, Comparison, Named, RuleRef, SituationName, Timeline,
    TimelineState, event_note,
};
pub use cases::{Case, Condition, Question, when};
pub use corpus::{
    CorpusListing, CorpusStats, DocumentEntry, FactEntry, FolderStats, NamedEntry, RuleEntry, SituationEntry, SourcingCounts, Vocabulary,
};
pub use decision::{Conflict, ConflictKind, Decision, Obligation, Overridden, OverrideReason, Rule, Uncertainty, UncertaintyKind};
pub use diff::{DiffReport, DiffSide, Difference, LawState, Witness};
pub use request::{Charge, Conviction, ErrorEnvelope, ErrorKind, Request, RequestError};

mod schemas_support {
    pub use schemars::JsonSchema;
    pub use serde::{Deserialize, Serialize};
}

/// An answer to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The agency must do it.
    Required,
    /// The agency may do it.
    Permitted,
    /// The agency must not do it.
    Prohibited,
    /// No rule in force speaks to it.
    Unregulated,
    /// The answer depends on facts not given or on unsettled law.
    Uncertain,
}

impl From<juris::Outcome> for Outcome {
    fn from(outcome: juris::Outcome) -> Outcome {
        match outcome {
            juris::Outcome::Required => Outcome::Required,
            juris::Outcome::Permitted => Outcome::Permitted,
            juris::Outcome::Prohibited => Outcome::Prohibited,
            juris::Outcome::Unregulated => Outcome::Unregulated,
            juris::Outcome::Uncertain => Outcome::Uncertain,
        }
    }
}

impl Outcome {
    /// The outcome's wire name (`required`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Required => "required",
            Outcome::Permitted => "permitted",
            Outcome::Prohibited => "prohibited",
            Outcome::Unregulated => "unregulated",
            Outcome::Uncertain => "uncertain",
        }
    }

    /// The outcome in the reader's language (`prohibited`, `prohibido`).
    pub fn label(self, lang: crate::Lang) -> String {
        crate::catalog::text(lang, &format!("outcome-{}", self.name()))
    }
}

/// How well a rule's reading of its source is established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Read from the primary source itself.
    Sourced,
    /// Read from a secondary source.
    Secondary,
    /// The reading is unsettled.
    Uncertain,
}

impl From<juris::Confidence> for Confidence {
    fn from(confidence: juris::Confidence) -> Confidence {
        match confidence {
            juris::Confidence::Sourced => Confidence::Sourced,
            juris::Confidence::Secondary => Confidence::Secondary,
            juris::Confidence::Uncertain => Confidence::Uncertain,
        }
    }
}

impl Confidence {
    /// The wire name (`sourced`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Sourced => "sourced",
            Confidence::Secondary => "secondary",
            Confidence::Uncertain => "uncertain",
        }
    }
}

fn outcomes(list: &[juris::Outcome]) -> Vec<Outcome> {
    list.iter().copied().map(Outcome::from).collect()
}
