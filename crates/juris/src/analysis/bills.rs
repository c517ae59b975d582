//! Bills: every document of kind `bill`, its lifecycle, where it stands, and whether it is in
//! force on a date. The status line is words, so front ends build it from the lifecycle in the
//! reader's language (juris-api's `Bill::status`).
//!
//! A bill is law only if its lifecycle made it law (semantics §1.2); any bill may be assumed
//! enacted in a request (§1.3), which `assumable` says.

use serde::Serialize;

use crate::date::Date;
use crate::engine::ir::{Corpus, Document, Event};
use crate::engine::request::RequestError;

/// What to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillsQuery {
    /// Only bills of this jurisdiction and of the jurisdictions under it (`us-md` lists the
    /// state's bills and every Maryland county's); `None` lists all.
    pub jurisdiction: Option<String>,
    /// The date `in_force` and `state` refer to.
    pub as_of: Date,
}

/// Where a bill stands on the query's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BillState {
    /// It took effect on or before the date and has not ended.
    InForce,
    /// It has an effective date after the date.
    NotYetInForce,
    /// It was in force and ended on or before the date.
    Ended,
    /// No effective date is recorded: vetoed, pending, died, or never enacted.
    NotEnacted,
}

/// One bill, as `juris bills` reports it.
#[derive(Debug, Clone, Serialize)]
pub struct BillView {
    /// The bill's document id.
    pub id: String,
    /// The id of the jurisdiction that considered it.
    pub jurisdiction: String,
    /// Its title.
    pub title: String,
    /// Its citation (`CB-9-2017`).
    pub citation: String,
    /// The dated events, in date order.
    pub lifecycle: Vec<Event>,
    /// Where it stands on the query's date.
    pub state: BillState,
    /// Whether it is law on the query's date.
    pub in_force: bool,
    /// The query's date.
    pub as_of: Date,
    /// The first day it is law, if ever.
    pub effective: Option<Date>,
    /// The first day it is no longer law, if it ended.
    pub ends: Option<Date>,
    /// Whether a request may list it in `assume_enacted` (true for every bill).
    pub assumable: bool,
    /// From its assume-enacted date (passage, else introduction), if it has one.
    pub assumed_from: Option<Date>,
}

/// Lists the bills, by id.
pub fn bills(corpus: &Corpus, query: &BillsQuery) -> Result<Vec<BillView>, RequestError> {
    let v = &corpus.vocabulary;
    let within = match &query.jurisdiction {
        Some(id) => Some(super::jurisdiction(corpus, "jurisdiction", id)?),
        None => None,
    };
    let mut out: Vec<BillView> = corpus
        .documents
        .iter()
        .filter(|d| d.is_bill())
        .filter(|d| within.is_none_or(|j| v.stack(d.jurisdiction).contains(&j)))
        .map(|d| view(corpus, d, query.as_of))
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

fn view(corpus: &Corpus, doc: &Document, as_of: Date) -> BillView {
    let mut lifecycle = doc.lifecycle.clone();
    // INVARIANT: a stable sort, so events of one day keep the order the document gives them.
    lifecycle.sort_by_key(|e| e.date);
    let state = match doc.effective {
        None => BillState::NotEnacted,
        Some(start) if as_of < start => BillState::NotYetInForce,
        Some(_) if doc.ends.is_some_and(|end| end <= as_of) => BillState::Ended,
        Some(_) => BillState::InForce,
    };
    BillView {
        id: doc.id.clone(),
        jurisdiction: corpus.vocabulary.jurisdictions[doc.jurisdiction as usize].id.clone(),
        title: doc.title.clone(),
        citation: doc.citation.clone(),
        lifecycle,
        state,
        in_force: doc.in_force(as_of, false),
        as_of,
        effective: doc.effective,
        ends: doc.ends,
        assumable: true,
        assumed_from: doc.assumed_from,
    }
}
