//! The summary of a run: counts of outcomes per question, state of the law, action and year, what
//! uncertain answers hinged on, and how outcomes moved between two states of the law.
//!
//! Every count is keyed by names the map declares and by year, so the summary's size does not grow
//! with the input.

use std::collections::BTreeMap;

use juris::Outcome;
use serde::Serialize;

use crate::analyse::{OutputRow, RowIssue};
use crate::map::{Map, PriorConvictions};

/// Outcome counts, in the order of [`Outcome::ALL`].
pub type Counts = [u64; 5];

pub(crate) fn index(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(Outcome::ALL.len() - 1)
}

/// One (question, action, state of the law) cell.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Cell {
    pub question: String,
    pub action: String,
    pub law: String,
    pub jurisdiction: String,
    pub as_of: String,
    pub outcomes: BTreeMap<String, u64>,
    /// Why answers were uncertain, with counts.
    pub uncertain_because: BTreeMap<String, u64>,
    /// The rules that decided, with counts.
    pub deciding: BTreeMap<String, u64>,
    /// Outcome counts by year of booking.
    pub by_year: BTreeMap<i16, BTreeMap<String, u64>>,
    /// The one date every answer of the cell was decided as of, while there is one.
    #[serde(skip)]
    pub as_of_date: Option<juris::Date>,
}

/// Counts one more of `key`, allocating the key only the first time it is seen.
fn bump(counts: &mut BTreeMap<String, u64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_owned(), 1);
        }
    }
}

/// How outcomes moved between two states of the law for one question and action.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Change {
    pub question: String,
    pub action: String,
    pub from: String,
    pub to: String,
    /// `"permitted -> prohibited"` and its count.
    pub moves: BTreeMap<String, u64>,
    pub changed: u64,
    pub total: u64,
}

/// The summary of a run, written as `summary.json` and drawn in the report.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    pub title: String,
    pub input: String,
    pub corpus: String,
    pub rows: u64,
    pub skipped_rows: u64,
    pub groups: u64,
    pub skipped_groups: u64,
    /// Requests built (groups × questions × states of the law × actions).
    pub requests: u64,
    /// Requests decided by the engine: the rest were answered from the cache.
    pub decided: u64,
    pub distinct_requests: u64,
    /// Charges that no table entry placed.
    pub unplaced_charges: u64,
    pub issues: u64,
    /// Assumptions the map makes, stated in the report.
    pub assumptions: Vec<String>,
    pub cells: Vec<Cell>,
    pub changes: Vec<Change>,
    pub first_issues: Vec<RowIssue>,
}

impl Summary {
    pub fn new(map: &Map) -> Summary {
        let mut cells = Vec::new();
        let mut changes = Vec::new();
        for q in &map.questions {
            for action in &q.actions {
                for law in &q.laws {
                    cells.push(Cell { question: q.name.clone(), action: action.clone(), law: law.name.clone(), ..Cell::default() });
                }
                for &(from, to) in &q.compare {
                    changes.push(Change {
                        question: q.name.clone(),
                        action: action.clone(),
                        from: q.laws[from].name.clone(),
                        to: q.laws[to].name.clone(),
                        ..Change::default()
                    });
                }
            }
        }
        let mut assumptions = Vec::new();
        if let Some(c) = &map.charges
            && c.prior_convictions == PriorConvictions::None
        {
            assumptions.push("no convictions other than those the record shows (`prior_convictions = \"none\"`)".to_owned());
        }
        for (fact, value) in &map.facts {
            assumptions.push(format!("`{fact}` = {}", serde_json::to_string(value).unwrap_or_default()));
        }
        Summary { title: map.title.clone(), cells, changes, assumptions, ..Summary::default() }
    }

    pub(crate) fn add(&mut self, row: &OutputRow) {
        let outcome = row.answer.outcome.name();
        if let Some(cell) = self.cells.iter_mut().find(|c| *c.question == *row.question && *c.action == *row.action && *c.law == *row.law) {
            if cell.jurisdiction.is_empty() {
                cell.jurisdiction = row.jurisdiction.to_string();
                cell.as_of = row.as_of.to_string();
                cell.as_of_date = Some(row.as_of);
            } else if *cell.jurisdiction != *row.jurisdiction && cell.jurisdiction != "(from the record)" {
                cell.jurisdiction = "(from the record)".into();
            }
            if cell.as_of_date.is_some_and(|d| d != row.as_of) {
                cell.as_of = "(the booking date)".into();
                cell.as_of_date = None;
            }
            bump(&mut cell.outcomes, outcome);
            for b in &row.answer.because {
                bump(&mut cell.uncertain_because, b);
            }
            if let Some(rule) = &row.answer.deciding {
                bump(&mut cell.deciding, rule);
            }
            if let Some(year) = row.year {
                bump(cell.by_year.entry(year).or_default(), outcome);
            }
        }
        if let Some((from, before)) = &row.compared
            && let Some(change) = self
                .changes
                .iter_mut()
                .find(|c| *c.question == *row.question && *c.action == *row.action && *c.from == **from && *c.to == *row.law)
        {
            change.total += 1;
            if *before != row.answer.outcome {
                change.changed += 1;
            }
            let mut name = String::with_capacity(32);
            name.push_str(before.name());
            name.push_str(" -> ");
            name.push_str(outcome);
            bump(&mut change.moves, &name);
        }
    }

    /// Counts for one cell in the order of [`Outcome::ALL`].
    pub fn counts(cell: &Cell) -> Counts {
        let mut out = Counts::default();
        for o in Outcome::ALL {
            out[index(o)] = cell.outcomes.get(o.name()).copied().unwrap_or(0);
        }
        out
    }
}
