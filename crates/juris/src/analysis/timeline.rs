//! The timeline of one question: every date on which the answer changed, and why.
//!
//! The law in play can change only on a date some event names: a lifecycle event of a document in
//! the jurisdiction's stack, a rule's `from` or `until`, or the day a dated fact (a conviction)
//! enters or leaves a rule's window. The question is decided on each such date; the answer on a
//! date holds until the next one, so comparing neighbours finds every change exactly.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Facts, RuleRef, decide, fact_dates, request};
use crate::date::{Date, Unit};
use crate::engine::diff::{DiffOptions, LawState};
use crate::engine::ir::{ClassId, Cond, Corpus, EventKind, Outcome, RuleId};
use crate::engine::request::{RawValue, RequestError};
use crate::engine::view::DecisionView;

/// The question whose history is wanted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimelineQuery {
    /// The jurisdiction's id.
    pub jurisdiction: String,
    /// The agency.
    pub agency: String,
    /// The action.
    pub action: String,
    /// The name of the situation the facts come from, echoed back.
    pub situation: Option<String>,
    /// The facts; dates may be relative (`as_of - 3 years`).
    pub facts: BTreeMap<String, RawValue>,
    /// Bills (document ids) read as law from their passage.
    pub assume_enacted: Vec<String>,
    /// The first day looked at (default: the day before the first event).
    pub from: Option<Date>,
    /// The last day on which a change is reported (default: no limit).
    pub until: Option<Date>,
    /// Also report dates on which the deciding law changed but the outcome did not.
    pub deciding_changes: bool,
}

/// The answer on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineState {
    /// The day of this state.
    pub date: Date,
    /// The answer on that day.
    pub outcome: Outcome,
    /// When `uncertain`: what it lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The rules that decide it.
    pub deciding: Vec<RuleRef>,
}

/// Something that happened on the date of a change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ChangeEvent {
    /// The document's id.
    pub document: String,
    /// A lifecycle event (`effective`, `superseded-by`, ...), `rule-from` or `rule-until` (a
    /// rule's own period), `window` (a dated fact entered or left a rule's window) or
    /// `class-changes` (a line of an offense class starts or stops holding).
    pub event: String,
    /// The document's title.
    pub title: String,
    /// For `rule-from`, `rule-until` and `window`: the rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For `class-changes`: the class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// What the event's note says, as data; front ends put it in the reader's words.
    pub parts: EventNote,
}

/// What the note of a change event says, as data.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EventNote {
    /// A bill assumed enacted starts to apply on this event.
    pub assumed_start: bool,
    /// Who acted, as the lifecycle records it.
    pub by: Option<String>,
    /// The lifecycle event's own note, in the words of the document.
    pub source: Option<String>,
    /// The lifecycle event's day is not known: its date stands for it.
    pub placeholder: bool,
    /// For a window event: the fact's date, the window (`within 15 years`), and whether the fact
    /// enters it (else it leaves it).
    pub window: Option<(Date, String, bool)>,
}

/// A date on which the answer changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The day of this state.
    pub date: Date,
    /// The answer before.
    pub from: Outcome,
    /// The answer from this date.
    pub to: Outcome,
    /// When `to` is `uncertain`: what it lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The rules that decide from this date.
    pub deciding: Vec<RuleRef>,
    /// What happened on this date to documents and rules that speak to the question.
    pub events: Vec<ChangeEvent>,
}

/// The history of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The jurisdiction's id.
    pub jurisdiction: String,
    /// The agency.
    pub agency: String,
    /// The action.
    pub action: String,
    /// The situation's id, when the facts came from one.
    pub situation: Option<String>,
    /// The facts given.
    pub facts: Facts,
    /// The bills read as law.
    pub assumed_enacted: Vec<String>,
    /// The first day asked for, if any (else `start.date` is the day before the first event).
    pub from: Option<Date>,
    /// The answer on the first day looked at, before the first change.
    pub start: TimelineState,
    /// The last day asked for, if any.
    pub until: Option<Date>,
    /// Every date the answer changed, in date order.
    pub changes: Vec<Change>,
    /// The hash of the corpus that answered.
    pub corpus: String,
}

/// Whether any request consistent with the query's facts is decided differently on `date` than
/// the day before.
fn answers_differ(
    corpus: &Corpus,
    query: &TimelineQuery,
    (jurisdiction, agency, action): (u16, u16, u16),
    date: Date,
) -> Result<bool, RequestError> {
    let raw = request(&query.jurisdiction, &query.agency, &query.action, date, &query.facts, &query.assume_enacted)?;
    let resolved = corpus.resolve(&raw)?;
    let state = |as_of: Date| LawState { jurisdiction, as_of, assume_enacted: resolved.assume_enacted.clone() };
    let options = DiffOptions { agencies: vec![agency], actions: vec![action], facts: resolved.facts.clone() };
    Ok(!corpus.diff(&state(date.previous()), &state(date), &options).differences.is_empty())
}

/// Computes the timeline of a question.
pub fn timeline(corpus: &Corpus, query: &TimelineQuery) -> Result<Timeline, RequestError> {
    let v = &corpus.vocabulary;
    let jurisdiction = super::jurisdiction(corpus, "jurisdiction", &query.jurisdiction)?;
    let agency = super::agency(corpus, "agency", &query.agency)?;
    let action = super::action(corpus, "action", &query.action)?;
    let at = |date: Date| -> Result<DecisionView, RequestError> {
        decide(corpus, &request(&query.jurisdiction, &query.agency, &query.action, date, &query.facts, &query.assume_enacted)?)
    };

    let candidates = &corpus.candidates(jurisdiction, agency, action).rules;
    let windows = windows(corpus, candidates);
    let mut dates: BTreeSet<Date> = BTreeSet::new();
    for layer in v.stack(jurisdiction) {
        for doc in corpus.documents.iter().filter(|d| d.jurisdiction == layer) {
            dates.extend(doc.lifecycle.iter().map(|e| e.date));
        }
    }
    for &r in candidates {
        let rule = &corpus.rules[r as usize];
        dates.extend(rule.from.into_iter().chain(rule.until));
    }
    for class in classes_read(corpus, candidates) {
        dates.extend(corpus.classes[class as usize].changes());
    }
    let mut window_events: BTreeMap<Date, Vec<ChangeEvent>> = BTreeMap::new();
    for fact_date in fact_dates(&query.facts) {
        dates.insert(fact_date);
        for &((amount, unit), ref rules) in &windows {
            let exit = window_exit(fact_date, amount, unit);
            dates.insert(exit);
            for &r in rules {
                let rule = &corpus.rules[r as usize];
                let doc = &corpus.documents[rule.doc as usize];
                let window = format!("within {amount} {}", unit.keyword());
                let mut event = |date: Date, enters: bool| {
                    window_events.entry(date).or_default().push(ChangeEvent {
                        document: doc.id.clone(),
                        event: "window".into(),
                        title: doc.title.clone(),
                        rule: Some(rule.id.clone()),
                        class: None,
                        parts: EventNote { window: Some((fact_date, window.clone(), enters)), ..EventNote::default() },
                    })
                };
                event(fact_date, true);
                event(exit, false);
            }
        }
    }

    let start_date = query.from.or_else(|| dates.first().map(|d| d.previous())).unwrap_or(Date::from_days(0));
    let start = at(start_date)?;
    let mut previous = start.clone();
    let mut changes = Vec::new();
    for &date in dates.range(start_date.next()..) {
        if query.until.is_some_and(|until| date > until) {
            break;
        }
        let now = at(date)?;
        // With facts left unknown an answer can change inside `uncertain`: it has changed when
        // some request consistent with the facts given is decided differently (an exact diff).
        let outcome_changed = (now.outcome, &now.possible_outcomes) != (previous.outcome, &previous.possible_outcomes)
            || (now.outcome == Outcome::Uncertain && answers_differ(corpus, query, (jurisdiction, agency, action), date)?);
        let deciding_changed = query.deciding_changes && rule_ids(&now) != rule_ids(&previous);
        if outcome_changed || deciding_changed {
            changes.push(Change {
                date,
                from: previous.outcome,
                to: now.outcome,
                possible_outcomes: now.possible_outcomes.clone(),
                deciding: RuleRef::deciding(&now),
                events: events(corpus, candidates, date, &now.assumed_enacted, window_events.get(&date)),
            });
        }
        previous = now;
    }
    Ok(Timeline {
        jurisdiction: query.jurisdiction.clone(),
        agency: query.agency.clone(),
        action: query.action.clone(),
        situation: query.situation.clone(),
        facts: Facts(query.facts.clone()),
        assumed_enacted: start.assumed_enacted.clone(),
        start: TimelineState {
            date: start_date,
            outcome: start.outcome,
            possible_outcomes: start.possible_outcomes.clone(),
            deciding: RuleRef::deciding(&start),
        },
        from: query.from,
        until: query.until,
        changes,
        corpus: corpus.hash.clone(),
    })
}

fn rule_ids(view: &DecisionView) -> Vec<&str> {
    view.deciding.iter().map(|r| r.rule.as_str()).collect()
}

/// What happened on `date` to the documents and rules that speak to the question.
fn events(corpus: &Corpus, candidates: &[RuleId], date: Date, assumed: &[String], windows: Option<&Vec<ChangeEvent>>) -> Vec<ChangeEvent> {
    let mut out: BTreeSet<ChangeEvent> = BTreeSet::new();
    let docs: BTreeSet<u32> = candidates.iter().map(|&r| corpus.rules[r as usize].doc).collect();
    for &d in &docs {
        let doc = &corpus.documents[d as usize];
        // A bill assumed enacted starts to apply on this event (semantics §1.3).
        let assumed_start = assumed.contains(&doc.id) && doc.assumed_from == Some(date);
        for e in doc.lifecycle.iter().filter(|e| e.date == date) {
            let assumed_start = assumed_start && matches!(e.event, EventKind::Passed | EventKind::Introduced);
            out.insert(ChangeEvent {
                document: doc.id.clone(),
                event: e.event.name().to_owned(),
                title: doc.title.clone(),
                rule: None,
                class: None,
                parts: EventNote { assumed_start, by: e.by.clone(), source: e.note.clone(), placeholder: e.placeholder, window: None },
            });
        }
    }
    for &r in candidates {
        let rule = &corpus.rules[r as usize];
        let doc = &corpus.documents[rule.doc as usize];
        for (bound, event) in [(rule.from, "rule-from"), (rule.until, "rule-until")] {
            if bound == Some(date) {
                out.insert(ChangeEvent {
                    document: doc.id.clone(),
                    event: event.into(),
                    title: doc.title.clone(),
                    rule: Some(rule.id.clone()),
                    class: None,
                    parts: EventNote::default(),
                });
            }
        }
    }
    for class in classes_read(corpus, candidates) {
        let class = &corpus.classes[class as usize];
        if class.changes().any(|d| d == date) {
            let doc = &corpus.documents[class.doc as usize];
            out.insert(ChangeEvent {
                document: doc.id.clone(),
                event: "class-changes".into(),
                title: doc.title.clone(),
                rule: None,
                class: Some(class.id.clone()),
                parts: EventNote::default(),
            });
        }
    }
    out.extend(windows.into_iter().flatten().cloned());
    out.into_iter().collect()
}

/// The offense classes the candidate rules' conditions read, ascending.
fn classes_read(corpus: &Corpus, candidates: &[RuleId]) -> Vec<ClassId> {
    let mut out = Vec::new();
    for &r in candidates {
        corpus.rules[r as usize].when.visit(None, &mut |c, _| {
            if let Cond::Is { class, .. } = c {
                out.push(*class);
            }
        });
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The windows (`within N units`) the candidate rules' conditions use, with the rules using each.
fn windows(corpus: &Corpus, candidates: &[RuleId]) -> Vec<((i64, Unit), Vec<RuleId>)> {
    let mut out: Vec<((i64, Unit), Vec<RuleId>)> = Vec::new();
    for &r in candidates {
        let mut found = Vec::new();
        corpus.rules[r as usize].when.visit(None, &mut |c, _| {
            if let Cond::Within(_, amount, unit) = c {
                found.push((*amount, *unit));
            }
        });
        for key in found {
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, rules)) if rules.contains(&r) => {}
                Some((_, rules)) => rules.push(r),
                None => out.push((key, vec![r])),
            }
        }
    }
    out
}

/// The first day on which `date` is no longer within `amount unit` of the day asked about: the
/// first `as_of` with `as_of - amount unit > date`.
fn window_exit(date: Date, amount: i64, unit: Unit) -> Date {
    let per_unit = match unit {
        Unit::Years => 366,
        Unit::Months => 31,
        Unit::Days => 1,
    };
    let (mut low, mut high) = (date.days(), date.days().saturating_add((amount.saturating_mul(per_unit) + 2).min(i32::MAX as i64) as i32));
    // INVARIANT: `as_of - amount unit` never decreases as `as_of` grows, and at `high` it is past `date`.
    while low < high {
        let middle = low + (high - low) / 2;
        if Date::from_days(middle).minus(amount, unit) > date { high = middle } else { low = middle + 1 }
    }
    Date::from_days(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_ends_the_day_after_its_anniversary() {
        let date = |s: &str| Date::parse(s).unwrap_or(Date::from_days(0));
        assert_eq!(window_exit(date("2005-03-01"), 15, Unit::Years), date("2020-03-02"));
        assert_eq!(window_exit(date("2016-02-29"), 1, Unit::Years), date("2017-03-01"));
        assert_eq!(window_exit(date("2019-01-31"), 1, Unit::Months), date("2019-03-01"));
        assert_eq!(window_exit(date("2019-01-01"), 10, Unit::Days), date("2019-01-12"));
    }
}
