//! Scenario suites: requests with the outcome the sources support, run against the corpus.
//!
//! Suites are TOML files ending in `.scenarios.toml` (docs/scenarios.md). Running one compares each
//! decision with its expectation and describes every difference; coverage lists the rules no
//! scenario exercises.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Span};
use crate::engine::ir::{Corpus, Outcome};
use crate::engine::request::{RawRequest, RawValue};
use crate::engine::view::DecisionView;

/// Whether a file is a scenario suite.
pub fn is_suite(path: &str) -> bool {
    path.ends_with(".scenarios.toml")
}

/// One scenario, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Its name, unique in its suite.
    pub name: String,
    /// Why the answer is what it is, with the source, for the reader of a failure.
    pub note: Option<String>,
    /// The suite's path.
    pub path: String,
    /// The line of its `[[scenario]]` header in the suite.
    pub line: usize,
    /// The question asked.
    pub request: RawRequest,
    /// The expected outcome's name (`prohibited`, ...).
    pub expect: String,
    /// Rule ids each expected among the deciding rules (others may decide too).
    pub deciding: Vec<String>,
    /// Exactly the facts the decision must name missing, when the scenario checks them.
    pub missing: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuiteFile {
    #[serde(default)]
    scenario: Vec<toml::Spanned<RawScenario>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: String,
    note: Option<String>,
    jurisdiction: String,
    agency: String,
    as_of: DateText,
    action: String,
    #[serde(default)]
    facts: BTreeMap<String, RawValue>,
    #[serde(default)]
    assume_enacted: Vec<String>,
    expect: String,
    #[serde(default)]
    deciding: Vec<String>,
    missing: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DateText {
    Text(String),
    Toml(toml::value::Datetime),
}

/// Parses a suite file.
pub fn parse_suite(path: &str, text: &str) -> Result<Vec<Scenario>, Diagnostic> {
    let file: SuiteFile = toml::from_str(text).map_err(|e| {
        Diagnostic::error(
            crate::diagnostic::Code::E0501,
            path,
            e.span().map(|r| Span::new(r.start, r.end.max(r.start + 1))),
            format!("invalid scenario suite: {}", e.message().trim_end_matches('.')),
        )
        .with_label("here")
        .with_help("each `[[scenario]]` needs name, jurisdiction, agency, as_of, action and expect (docs/scenarios.md)")
    })?;
    let mut names = BTreeSet::new();
    let mut out = Vec::new();
    for spanned in file.scenario {
        let start = spanned.span().start;
        let raw = spanned.into_inner();
        let line = text[..start.min(text.len())].matches('\n').count() + 1;
        if !names.insert(raw.name.clone()) {
            return Err(Diagnostic::error(
                crate::diagnostic::Code::E0502,
                path,
                Some(Span::new(start, start + 1)),
                format!("scenario name `{}` is used twice in this file", raw.name),
            ));
        }
        if Outcome::parse(&raw.expect).is_none() {
            return Err(Diagnostic::error(
                crate::diagnostic::Code::E0503,
                path,
                Some(Span::new(start, start + 1)),
                format!("scenario `{}` expects `{}`, which is not an outcome", raw.name, raw.expect),
            )
            .with_help("expect one of required, permitted, prohibited, unregulated, uncertain"));
        }
        let as_of = match raw.as_of {
            DateText::Text(t) => t,
            DateText::Toml(d) => d.to_string(),
        };
        out.push(Scenario {
            name: raw.name,
            note: raw.note,
            path: path.to_owned(),
            line,
            request: RawRequest {
                jurisdiction: raw.jurisdiction,
                agency: raw.agency,
                as_of: Some(as_of),
                action: raw.action,
                facts: raw.facts,
                assume_enacted: raw.assume_enacted,
            },
            expect: raw.expect,
            deciding: raw.deciding,
            missing: raw.missing,
        });
    }
    Ok(out)
}

/// The result of running one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRun {
    /// Each difference between expectation and decision, as a sentence; empty when it passed.
    pub failures: Vec<String>,
    /// The decision, when the request could be decided.
    pub decision: Option<DecisionView>,
}

impl ScenarioRun {
    /// Whether the decision met every expectation.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

impl Corpus {
    /// Runs one scenario.
    pub fn run_scenario(&self, scenario: &Scenario) -> ScenarioRun {
        let request = match self.resolve(&scenario.request) {
            Ok(r) => r,
            Err(e) => {
                return ScenarioRun { failures: vec![format!("the request is invalid: {e}")], decision: None };
            }
        };
        let view = self.view(&self.decide(&request));
        let mut failures = Vec::new();
        if view.outcome.name() != scenario.expect {
            failures.push(format!("expected outcome `{}`, got `{}`", scenario.expect, view.outcome.name()));
        }
        for rule in &scenario.deciding {
            if self.rule(rule).is_none() {
                failures.push(format!("expected deciding rule `{rule}` does not exist"));
            } else if !view.deciding.iter().any(|d| &d.rule == rule) {
                let got: Vec<&str> = view.deciding.iter().map(|d| d.rule.as_str()).collect();
                failures.push(format!("expected `{rule}` among the deciding rules, got [{}]", got.join(", ")));
            }
        }
        if let Some(missing) = &scenario.missing {
            let mut expected = missing.clone();
            expected.sort();
            if expected != view.missing_facts {
                failures.push(format!("expected missing facts [{}], got [{}]", expected.join(", "), view.missing_facts.join(", ")));
            }
        }
        ScenarioRun { failures, decision: Some(view) }
    }

    /// The rules (by id) that no decision in `runs` exercised: neither deciding, overridden,
    /// unsettled nor advice.
    pub fn unexercised<'a>(&self, runs: impl IntoIterator<Item = &'a ScenarioRun>) -> Vec<String> {
        let mut seen = BTreeSet::new();
        for run in runs {
            if let Some(d) = &run.decision {
                seen.extend(d.deciding.iter().map(|r| r.rule.clone()));
                seen.extend(d.overridden.iter().map(|r| r.rule.clone()));
                seen.extend(d.advice.iter().map(|r| r.rule.clone()));
                seen.extend(d.uncertainties.iter().map(|u| u.source.clone()));
            }
        }
        self.rules.iter().map(|r| r.id.clone()).filter(|id| !seen.contains(id)).collect()
    }
}
