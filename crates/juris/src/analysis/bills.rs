//! Bills: every document of kind `bill`, its lifecycle, a one-line status, and whether it is in
//! force on a date.
//!
//! A bill is law only if its lifecycle made it law (semantics §1.2); any bill may be assumed
//! enacted in a request (§1.3), which `assumable` says.

use serde::Serialize;

use crate::date::Date;
use crate::ir::{Corpus, Document, Event, EventKind};
use crate::request::RequestError;

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
    pub id: String,
    pub jurisdiction: String,
    pub title: String,
    pub citation: String,
    /// The dated events, in date order.
    pub lifecycle: Vec<Event>,
    /// One line: its history and whether it was ever law, e.g.
    /// `passed 2017-02-06 (3-2); vetoed 2017-02-09; override failed 2017-03-06 (3-2); never in force`.
    pub status: String,
    pub state: BillState,
    /// Whether it is law on the query's date.
    pub in_force: bool,
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
        status: status(doc, &lifecycle),
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

/// The one-line history: the decisive events, then whether and when it was law.
fn status(doc: &Document, lifecycle: &[Event]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let vote = |e: &Event| {
        let details: Vec<&str> = [e.vote.as_deref(), e.chamber.as_deref()].into_iter().flatten().collect();
        if details.is_empty() { String::new() } else { format!(" ({})", details.join(", ")) }
    };
    for e in lifecycle {
        let part = match e.event {
            EventKind::Passed => format!("passed {}{}", e.date, vote(e)),
            EventKind::Signed => format!("signed {}", e.date),
            EventKind::Vetoed => format!("vetoed {}", e.date),
            EventKind::Override => match e.succeeded {
                Some(true) => format!("override succeeded {}{}", e.date, vote(e)),
                Some(false) => format!("override failed {}{}", e.date, vote(e)),
                None => format!("override vote {}{}", e.date, vote(e)),
            },
            EventKind::Referendum => match e.succeeded {
                Some(false) => format!("rejected by referendum {}", e.date),
                _ => format!("approved by referendum {}", e.date),
            },
            _ => continue,
        };
        parts.push(part);
    }
    if parts.is_empty() {
        if let Some(e) = lifecycle.iter().find(|e| e.event == EventKind::Introduced) {
            parts.push(format!("introduced {}", e.date));
        }
    }
    let vetoed = lifecycle.iter().any(|e| e.event == EventKind::Vetoed);
    let override_failed = lifecycle.iter().any(|e| e.event == EventKind::Override && e.succeeded == Some(false));
    let overridden = lifecycle.iter().any(|e| e.event == EventKind::Override && e.succeeded == Some(true));
    let ending = doc.ends.and_then(|end| lifecycle.iter().find(|e| e.date == end && (e.event.ends() || e.event == EventKind::Referendum)));
    let end = match ending {
        Some(e) if e.event == EventKind::Referendum => format!("until {} (repealed by referendum)", e.date),
        Some(e) => format!("until {} ({})", e.date, e.event.name()),
        None => String::new(),
    };
    parts.push(match doc.effective {
        Some(start) if end.is_empty() => format!("in force from {start}"),
        Some(start) => format!("in force from {start} {end}"),
        None if vetoed && !overridden && override_failed => "never in force".to_owned(),
        None if vetoed && !overridden => "not in force (no override recorded)".to_owned(),
        None => "not in force (no effective date recorded)".to_owned(),
    });
    parts.join("; ")
}
