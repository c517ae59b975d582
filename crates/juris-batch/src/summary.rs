//! The summary of a run: counts of outcomes per question, state of the law, action and year, what
//! uncertain answers hinged on, and how outcomes moved between two states of the law.
//!
//! Every count is keyed by names the map declares and by year, so the summary's size does not grow
//! with the input.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use juris::Outcome;
use serde::Serialize;

use crate::analyse::{Answer, OutputRow, RowIssue};
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
    /// The jurisdiction last seen as the row gave it, to compare by address first.
    #[serde(skip)]
    seen_jurisdiction: Option<Arc<str>>,
}

/// Counts one more of `key`, allocating the key only the first time it is seen.
fn bump(counts: &mut BTreeMap<String, u64>, key: &str, by: u64) {
    match counts.get_mut(key) {
        Some(n) => *n += by,
        None => {
            counts.insert(key.to_owned(), by);
        }
    }
}

/// Counts gathered row by row by cell and shared answer, folded into the cells' named counts by
/// [`Summary::fold`]: a row costs a few hash lookups, whatever its answer says.
#[derive(Debug, Clone, Default, PartialEq)]
struct Tally {
    /// (cell, answer) → the answer and its rows; the answer is keyed by its address.
    answers: HashMap<(usize, usize), (Arc<Answer>, u64), Fast>,
    /// (cell, year, outcome) → rows.
    years: HashMap<(usize, i16, usize), u64, Fast>,
    /// (change, outcome before, outcome after) → rows.
    moves: HashMap<(usize, usize, usize), u64, Fast>,
}

/// The most (cell, answer) tallies kept before they are folded into the named counts.
const TALLY_LIMIT: usize = 4096;

/// The tallies' keys are small integers the run makes itself: a fast hash, not a keyed one.
type Fast = std::hash::BuildHasherDefault<ahash::AHasher>;

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
    #[serde(skip)]
    tally: Tally,
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

    /// Counts one output row of cell `cell` (the cells' order: question, action, state of the
    /// law) and, when its question compares two states of the law, of change `change`.
    pub(crate) fn add(&mut self, cell: usize, change: Option<usize>, row: &OutputRow) {
        let outcome = index(row.answer.outcome);
        if let Some(c) = self.cells.get_mut(cell) {
            if c.jurisdiction.is_empty() {
                c.jurisdiction = row.jurisdiction.to_string();
                c.as_of = row.as_of.to_string();
                c.as_of_date = Some(row.as_of);
                c.seen_jurisdiction = Some(row.jurisdiction.clone());
            } else if !c.seen_jurisdiction.as_ref().is_some_and(|j| Arc::ptr_eq(j, &row.jurisdiction)) {
                if *c.jurisdiction != *row.jurisdiction && c.jurisdiction != "(from the record)" {
                    c.jurisdiction = "(from the record)".into();
                }
                c.seen_jurisdiction = Some(row.jurisdiction.clone());
            }
            if c.as_of_date.is_some_and(|d| d != row.as_of) {
                c.as_of = "(the booking date)".into();
                c.as_of_date = None;
            }
            let key = (cell, Arc::as_ptr(&row.answer) as usize);
            self.tally.answers.entry(key).or_insert_with(|| (row.answer.clone(), 0)).1 += 1;
            // The distinct answers grow with the input: fold them into the named counts (which
            // do not) before they take more than a few megabytes.
            if self.tally.answers.len() >= TALLY_LIMIT {
                self.fold();
            }
            if let Some(year) = row.year {
                *self.tally.years.entry((cell, year, outcome)).or_default() += 1;
            }
        }
        if let (Some((_, before)), Some(change)) = (&row.compared, change)
            && let Some(c) = self.changes.get_mut(change)
        {
            c.total += 1;
            if *before != row.answer.outcome {
                c.changed += 1;
            }
            *self.tally.moves.entry((change, index(*before), outcome)).or_default() += 1;
        }
    }

    /// Folds the rows counted since the last fold into the cells' and changes' named counts.
    pub(crate) fn fold(&mut self) {
        let tally = std::mem::take(&mut self.tally);
        for ((cell, _), (answer, n)) in tally.answers {
            let Some(c) = self.cells.get_mut(cell) else { continue };
            bump(&mut c.outcomes, answer.outcome.name(), n);
            for b in &answer.because {
                bump(&mut c.uncertain_because, b, n);
            }
            if let Some(rule) = &answer.deciding {
                bump(&mut c.deciding, rule, n);
            }
        }
        for ((cell, year, outcome), n) in tally.years {
            if let Some(c) = self.cells.get_mut(cell) {
                bump(c.by_year.entry(year).or_default(), Outcome::ALL[outcome].name(), n);
            }
        }
        for ((change, before, after), n) in tally.moves {
            if let Some(c) = self.changes.get_mut(change) {
                bump(&mut c.moves, &format!("{} -> {}", Outcome::ALL[before].name(), Outcome::ALL[after].name()), n);
            }
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
