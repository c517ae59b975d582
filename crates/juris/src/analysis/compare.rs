//! The comparison matrix: the outcome of every action, in every jurisdiction, for every standard
//! situation, on one date.
//!
//! Which agency acts comes from the situations file (by action, and by jurisdiction where another
//! agency runs the jail, say), unless the query names one agency for every cell.

use serde::Serialize;

use super::{RuleRef, Situation, Situations, decide, request};
use crate::date::Date;
use crate::engine::ir::{Corpus, Outcome};
use crate::engine::request::{RequestError, RequestErrorKind};
use crate::engine::request_error::{Hint, Problem};
use crate::engine::view::UncertaintyView;

/// What to compare. Empty lists mean "all".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareQuery {
    /// The date the law was read as of.
    pub as_of: Date,
    /// The jurisdictions, in order.
    pub jurisdictions: Vec<String>,
    /// The actions, in order.
    pub actions: Vec<String>,
    /// The situations, in order.
    pub situations: Vec<String>,
    /// One agency for every cell, instead of the situations file's defaults.
    pub agency: Option<String>,
    /// Bills (document ids) read as law from their passage.
    pub assume_enacted: Vec<String>,
}

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The situation's id.
    pub situation: String,
    /// The jurisdiction's id.
    pub jurisdiction: String,
    /// The agency.
    pub agency: String,
    /// The action.
    pub action: String,
    /// The answer in that cell.
    pub outcome: Outcome,
    /// When `uncertain`: what it lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The law that decided, most local first.
    pub deciding: Vec<RuleRef>,
    /// Facts not given that the outcome hinges on.
    pub missing_facts: Vec<String>,
    /// When `uncertain`: the open legal questions and coarse classifications it hinges on.
    pub uncertainties: Vec<UncertaintyView>,
}

/// A jurisdiction as a row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JurisdictionName {
    pub id: String,
    pub name: String,
}

/// A situation as a block of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SituationName {
    pub id: String,
    pub description: String,
}

/// The matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The date the law was read as of.
    pub as_of: Date,
    /// The jurisdictions, in order.
    pub jurisdictions: Vec<JurisdictionName>,
    /// The actions, in order.
    pub actions: Vec<String>,
    /// The situations, in order.
    pub situations: Vec<SituationName>,
    /// The bills read as law.
    pub assumed_enacted: Vec<String>,
    /// Situation by situation, then jurisdiction by jurisdiction, then action by action.
    pub cells: Vec<Cell>,
    /// The hash of the corpus that answered.
    pub corpus: String,
}

impl CompareQuery {
    /// Every jurisdiction, action and situation, on `as_of`.
    pub fn on(as_of: Date) -> CompareQuery {
        CompareQuery {
            as_of,
            jurisdictions: Vec::new(),
            actions: Vec::new(),
            situations: Vec::new(),
            agency: None,
            assume_enacted: Vec::new(),
        }
    }
}

impl Comparison {
    /// The cell for a situation, jurisdiction and action.
    pub fn cell(&self, situation: &str, jurisdiction: &str, action: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.situation == situation && c.jurisdiction == jurisdiction && c.action == action)
    }
}

/// Decides every cell.
pub fn compare(corpus: &Corpus, situations: &Situations, query: &CompareQuery) -> Result<Comparison, RequestError> {
    let v = &corpus.vocabulary;
    let as_of = query.as_of;
    let jurisdictions: Vec<u16> = if query.jurisdictions.is_empty() {
        (0..v.jurisdictions.len() as u16).collect()
    } else {
        query.jurisdictions.iter().map(|j| super::jurisdiction(corpus, "jurisdiction", j)).collect::<Result<_, _>>()?
    };
    let actions: Vec<String> = if query.actions.is_empty() {
        v.actions.iter().map(|(n, _)| n.clone()).collect()
    } else {
        for a in &query.actions {
            super::action(corpus, "action", a)?;
        }
        query.actions.clone()
    };
    let chosen: Vec<&Situation> = if query.situations.is_empty() {
        situations.situations.iter().collect()
    } else {
        query.situations.iter().map(|s| situations.find("situation", s)).collect::<Result<_, _>>()?
    };
    // A name given twice is compared once.
    let jurisdictions = first_of_each(jurisdictions);
    let actions = first_of_each(actions);
    let chosen = first_of_each(chosen);
    if let Some(agency) = &query.agency {
        super::agency(corpus, "agency", agency)?;
    }
    for (i, bill) in query.assume_enacted.iter().enumerate() {
        corpus.bill(&format!("assume_enacted[{i}]"), bill)?;
    }
    let mut cells = Vec::with_capacity(chosen.len() * jurisdictions.len() * actions.len());
    let mut assumed_enacted = Vec::new();
    for situation in &chosen {
        for &j in &jurisdictions {
            let jurisdiction = &v.jurisdictions[j as usize].id;
            for action in &actions {
                let agency = match &query.agency {
                    Some(a) => a.as_str(),
                    None => situations.agency_for(corpus, j, action).ok_or_else(|| {
                        let problem = Problem::NoDefaultAgency { action: action.clone(), jurisdiction: jurisdiction.clone() };
                        RequestError::new("agency", RequestErrorKind::Missing, problem)
                            .with_allowed(v.agencies.iter().map(|(n, _)| n.clone()).collect())
                            .with_hint(Hint::DefaultAgency)
                    })?,
                };
                let raw = request(jurisdiction, agency, action, as_of, &situation.facts, &query.assume_enacted)
                    .map_err(|e| in_situation(e, situation))?;
                let view = decide(corpus, &raw).map_err(|e| in_situation(e, situation))?;
                assumed_enacted.clone_from(&view.assumed_enacted);
                cells.push(Cell {
                    situation: situation.id.clone(),
                    jurisdiction: jurisdiction.clone(),
                    agency: agency.to_owned(),
                    action: action.clone(),
                    outcome: view.outcome,
                    possible_outcomes: view.possible_outcomes.clone(),
                    deciding: RuleRef::deciding(&view),
                    missing_facts: view.missing_facts.clone(),
                    uncertainties: view.uncertainties.clone(),
                });
            }
        }
    }
    Ok(Comparison {
        as_of,
        jurisdictions: jurisdictions
            .iter()
            .map(|&j| JurisdictionName { id: v.jurisdictions[j as usize].id.clone(), name: v.jurisdictions[j as usize].name.clone() })
            .collect(),
        actions,
        situations: chosen.iter().map(|s| SituationName { id: s.id.clone(), description: s.description.clone() }).collect(),
        assumed_enacted,
        cells,
        corpus: corpus.hash.clone(),
    })
}

/// The list without repeats, in first-seen order.
fn first_of_each<T: PartialEq>(list: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(list.len());
    for item in list {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A fact error names the situation it came from.
fn in_situation(error: RequestError, situation: &Situation) -> RequestError {
    if error.field.starts_with("facts") { error.in_situation(&situation.id) } else { error }
}
