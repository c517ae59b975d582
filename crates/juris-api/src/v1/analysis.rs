//! The analyses' shapes: bills, the timeline of one question, and the comparison matrix.

use super::schemas_support::*;
use super::{Outcome, outcomes};
use crate::Lang;
use crate::catalog::{self, Arg};

/// Where a bill stands on the query's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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

impl From<juris::analysis::BillState> for BillState {
    fn from(state: juris::analysis::BillState) -> BillState {
        use juris::analysis::BillState as S;
        match state {
            S::InForce => BillState::InForce,
            S::NotYetInForce => BillState::NotYetInForce,
            S::Ended => BillState::Ended,
            S::NotEnacted => BillState::NotEnacted,
        }
    }
}

/// One dated event of a bill's lifecycle, as the document records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BillEvent {
    /// The event (`introduced`, `passed`, `signed`, `vetoed`, `override`, `referendum`,
    /// `effective`, `expired`, `repealed`, `terminated`, `enjoined`, `superseded-by`).
    pub event: String,
    /// Its date (`YYYY-MM-DD`).
    pub date: String,
    /// The vote, as recorded (`3-2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<String>,
    /// For an override or a referendum: whether it succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub succeeded: Option<bool>,
    /// Who acted, as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The chamber, as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chamber: Option<String>,
    /// The document's note on the event, in the source's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The day is not known: `date` stands for it (the note says why and what is known).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub placeholder: bool,
}

/// One part of a bill's status line, typed: the message key's last words and its dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BillStatusPart {
    /// What happened or where it stands (`passed`, `vetoed`, `override-failed`,
    /// `in-force-from`, `in-force-until`, `never-in-force`, ...).
    pub kind: String,
    /// The date of the event, or the first day in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The first day no longer in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The event that ended it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The vote and chamber, as recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

/// One bill, its lifecycle, and whether it is law on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Bill {
    /// The document id.
    pub id: String,
    /// Its jurisdiction.
    pub jurisdiction: String,
    /// Its title, in its own language.
    pub title: String,
    /// Its citation.
    pub citation: String,
    /// The dated events, in date order.
    pub lifecycle: Vec<BillEvent>,
    /// Its history and whether it was ever law, in the reader's language, e.g.
    /// `passed 2017-02-06 (3-2); vetoed 2017-02-09; override failed 2017-03-06 (3-2); never in force`.
    pub status: String,
    /// The status line's parts, typed.
    #[serde(default)]
    pub status_parts: Vec<BillStatusPart>,
    /// Where it stands on `as_of`.
    pub state: BillState,
    /// Whether it is law on `as_of`.
    pub in_force: bool,
    /// The date asked about.
    pub as_of: String,
    /// The first day it is law, if ever.
    pub effective: Option<String>,
    /// The first day it is no longer law, if it ended.
    pub ends: Option<String>,
    /// Whether a request may list it in `assume_enacted` (true for every bill).
    pub assumable: bool,
    /// From its assume-enacted date (passage, else introduction), if it has one.
    pub assumed_from: Option<String>,
}

impl Bill {
    /// The wire shape of a library bill, its status in `lang`.
    pub fn from_library(bill: &juris::analysis::BillView, lang: Lang) -> Bill {
        let lifecycle: Vec<BillEvent> = bill
            .lifecycle
            .iter()
            .map(|e| BillEvent {
                event: e.event.name().to_owned(),
                date: e.date.to_string(),
                vote: e.vote.clone(),
                succeeded: e.succeeded,
                by: e.by.clone(),
                chamber: e.chamber.clone(),
                note: e.note.clone(),
                placeholder: e.placeholder,
            })
            .collect();
        let status_parts = status_parts(&lifecycle, bill.effective.map(|d| d.to_string()), bill.ends.map(|d| d.to_string()));
        Bill {
            id: bill.id.clone(),
            jurisdiction: bill.jurisdiction.clone(),
            title: bill.title.clone(),
            citation: bill.citation.clone(),
            status: status_line(lang, &status_parts),
            status_parts,
            lifecycle,
            state: bill.state.into(),
            in_force: bill.in_force,
            as_of: bill.as_of.to_string(),
            effective: bill.effective.map(|d| d.to_string()),
            ends: bill.ends.map(|d| d.to_string()),
            assumable: bill.assumable,
            assumed_from: bill.assumed_from.map(|d| d.to_string()),
        }
    }
}

fn part(kind: &str, date: &str, details: Vec<String>) -> BillStatusPart {
    BillStatusPart { kind: kind.to_owned(), date: Some(date.to_owned()), until: None, event: None, details }
}

/// The decisive events of a lifecycle, then whether and when the bill was law.
fn status_parts(lifecycle: &[BillEvent], effective: Option<String>, ends: Option<String>) -> Vec<BillStatusPart> {
    let mut parts = Vec::new();
    let details = |e: &BillEvent| [e.vote.clone(), e.chamber.clone()].into_iter().flatten().collect::<Vec<_>>();
    for e in lifecycle {
        let next = match (e.event.as_str(), e.succeeded) {
            ("passed", _) => part("passed", &e.date, details(e)),
            ("signed", _) => part("signed", &e.date, Vec::new()),
            ("vetoed", _) => part("vetoed", &e.date, Vec::new()),
            ("override", Some(true)) => part("override-succeeded", &e.date, details(e)),
            ("override", Some(false)) => part("override-failed", &e.date, details(e)),
            ("override", None) => part("override-vote", &e.date, details(e)),
            ("referendum", Some(false)) => part("referendum-rejected", &e.date, Vec::new()),
            ("referendum", _) => part("referendum-approved", &e.date, Vec::new()),
            _ => continue,
        };
        parts.push(next);
    }
    if parts.is_empty() {
        if let Some(e) = lifecycle.iter().find(|e| e.event == "introduced") {
            parts.push(part("introduced", &e.date, Vec::new()));
        }
    }
    let vetoed = lifecycle.iter().any(|e| e.event == "vetoed");
    let override_failed = lifecycle.iter().any(|e| e.event == "override" && e.succeeded == Some(false));
    let overridden = lifecycle.iter().any(|e| e.event == "override" && e.succeeded == Some(true));
    const ENDING: [&str; 6] = ["expired", "repealed", "terminated", "enjoined", "superseded-by", "referendum"];
    let ending = ends.as_ref().and_then(|end| lifecycle.iter().find(|e| &e.date == end && ENDING.contains(&e.event.as_str())));
    let standing = |kind: &str| BillStatusPart { kind: kind.to_owned(), date: None, until: None, event: None, details: Vec::new() };
    parts.push(match (effective, ending) {
        (Some(start), Some(e)) if e.event == "referendum" => BillStatusPart {
            kind: "in-force-until-referendum".to_owned(),
            date: Some(start),
            until: Some(e.date.clone()),
            event: None,
            details: Vec::new(),
        },
        (Some(start), Some(e)) => BillStatusPart {
            kind: "in-force-until".to_owned(),
            date: Some(start),
            until: Some(e.date.clone()),
            event: Some(e.event.clone()),
            details: Vec::new(),
        },
        (Some(start), None) => {
            BillStatusPart { kind: "in-force-from".to_owned(), date: Some(start), until: None, event: None, details: Vec::new() }
        }
        (None, _) if vetoed && !overridden && override_failed => standing("never-in-force"),
        (None, _) if vetoed && !overridden => standing("not-in-force-no-override"),
        (None, _) => standing("not-in-force-no-effective-date"),
    });
    parts
}

/// The status line in `lang`: the parts joined with `; `.
pub(crate) fn status_line(lang: Lang, parts: &[BillStatusPart]) -> String {
    let words: Vec<String> = parts
        .iter()
        .map(|p| {
            let date = |d: &Option<String>| Arg::from(catalog::date(lang, d.as_deref().unwrap_or_default()));
            let mut text = catalog::message(
                lang,
                &format!("bill-{}", p.kind),
                &[
                    ("date", date(&p.date)),
                    ("start", date(&p.date)),
                    ("end", date(&p.until)),
                    ("event", catalog::text(lang, &format!("event-{}", p.event.as_deref().unwrap_or_default())).into()),
                ],
            );
            if !p.details.is_empty() {
                text.push_str(&format!(" ({})", p.details.join(", ")));
            }
            text
        })
        .collect();
    words.join("; ")
}

/// A rule that decided, as analyses report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RuleRef {
    /// The rule's id.
    pub rule: String,
    /// What it says.
    pub outcome: Outcome,
    /// Its citation.
    pub citation: String,
    /// Its document's title.
    pub title: String,
}

impl From<&juris::analysis::RuleRef> for RuleRef {
    fn from(rule: &juris::analysis::RuleRef) -> RuleRef {
        RuleRef { rule: rule.rule.clone(), outcome: rule.outcome.into(), citation: rule.citation.clone(), title: rule.title.clone() }
    }
}

fn refs(list: &[juris::analysis::RuleRef]) -> Vec<RuleRef> {
    list.iter().map(RuleRef::from).collect()
}

/// The answer on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TimelineState {
    /// The date.
    pub date: String,
    /// The answer.
    pub outcome: Outcome,
    /// When `uncertain`: what it lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The rules that decide.
    pub deciding: Vec<RuleRef>,
}

/// Something that happened on the date of a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ChangeEvent {
    /// The document.
    pub document: String,
    /// A lifecycle event (`effective`, `superseded-by`, ...), `rule-from` or `rule-until`,
    /// `window`, or `class-changes`.
    pub event: String,
    /// The document's title.
    pub title: String,
    /// For `rule-from`, `rule-until` and `window`: the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For `class-changes`: the offense class whose lines start or stop holding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// The note, in the reader's language: whether a bill assumed enacted starts to apply, who
    /// acted, the document's own note (in its words), or what the window event was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a window event: the fact's date, the window, and whether the fact enters it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<WindowChange>,
    /// The lifecycle event's day is not known: the change's date stands for it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub placeholder: bool,
}

/// A dated fact entering or leaving a rule's window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WindowChange {
    /// The fact's date.
    pub fact_date: String,
    /// The window, as the rule writes it (`within 15 years`).
    pub window: String,
    /// Whether the fact enters the window on this date (else it leaves it).
    pub enters: bool,
}

/// The note of a change event in `lang`: whether a bill assumed enacted starts to apply, who
/// acted, the document's own note (in its words), or what a window event was.
pub fn event_note(lang: Lang, parts: &juris::analysis::EventNote) -> Option<String> {
    if let Some((date, window, enters)) = &parts.window {
        let key = if *enters { "timeline-window-enters" } else { "timeline-window-leaves" };
        return Some(catalog::message(lang, key, &[("date", catalog::date(lang, &date.to_string()).into()), ("window", window.into())]));
    }
    let mut notes = Vec::new();
    if parts.placeholder {
        notes.push(catalog::text(lang, "timeline-placeholder-date"));
    }
    if parts.assumed_start {
        notes.push(catalog::text(lang, "timeline-assumed-enacted"));
    }
    notes.extend(parts.by.as_ref().map(|by| catalog::message(lang, "timeline-by", &[("by", by.into())])));
    notes.extend(parts.source.clone());
    if notes.is_empty() { None } else { Some(notes.join("; ")) }
}

/// A date on which the answer changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// The date.
    pub date: String,
    /// The answer the day before.
    pub from: Outcome,
    /// The answer from this date.
    pub to: Outcome,
    /// When `to` is `uncertain`: what it lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The rules that decide from this date.
    pub deciding: Vec<RuleRef>,
    /// What happened on this date to the documents and rules that speak to the question.
    pub events: Vec<ChangeEvent>,
}

/// Every date on which the answer to one question changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Timeline {
    /// The jurisdiction.
    pub jurisdiction: String,
    /// The agency.
    pub agency: String,
    /// The action.
    pub action: String,
    /// The standard situation whose facts were used, if any.
    pub situation: Option<String>,
    /// The facts, as given.
    pub facts: serde_json::Map<String, serde_json::Value>,
    /// The bills assumed enacted.
    pub assumed_enacted: Vec<String>,
    /// The first day asked for, if any.
    pub from: Option<String>,
    /// The answer on the first day looked at, before the first change.
    pub start: TimelineState,
    /// The last day asked for, if any.
    pub until: Option<String>,
    /// The changes, in date order.
    pub changes: Vec<Change>,
    /// The corpus hash.
    pub corpus: String,
}

impl Timeline {
    /// The wire shape of a library timeline.
    pub fn from_library(t: &juris::analysis::Timeline, lang: Lang) -> Timeline {
        let facts = match serde_json::to_value(&t.facts) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        Timeline {
            jurisdiction: t.jurisdiction.clone(),
            agency: t.agency.clone(),
            action: t.action.clone(),
            situation: t.situation.clone(),
            facts,
            assumed_enacted: t.assumed_enacted.clone(),
            from: t.from.map(|d| d.to_string()),
            start: TimelineState {
                date: t.start.date.to_string(),
                outcome: t.start.outcome.into(),
                possible_outcomes: outcomes(&t.start.possible_outcomes),
                deciding: refs(&t.start.deciding),
            },
            until: t.until.map(|d| d.to_string()),
            changes: t
                .changes
                .iter()
                .map(|c| Change {
                    date: c.date.to_string(),
                    from: c.from.into(),
                    to: c.to.into(),
                    possible_outcomes: outcomes(&c.possible_outcomes),
                    deciding: refs(&c.deciding),
                    events: c
                        .events
                        .iter()
                        .map(|e| ChangeEvent {
                            document: e.document.clone(),
                            event: e.event.clone(),
                            title: e.title.clone(),
                            rule: e.rule.clone(),
                            class: e.class.clone(),
                            note: event_note(lang, &e.parts),
                            window: e.parts.window.as_ref().map(|(date, window, enters)| WindowChange {
                                fact_date: date.to_string(),
                                window: window.clone(),
                                enters: *enters,
                            }),
                            placeholder: e.parts.placeholder,
                        })
                        .collect(),
                })
                .collect(),
            corpus: t.corpus.clone(),
        }
    }
}

/// A jurisdiction or situation named in a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Named {
    /// The id.
    pub id: String,
    /// The jurisdiction's name, or the situation's description.
    #[serde(alias = "description")]
    pub name: String,
}

/// One cell of the comparison matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// The situation.
    pub situation: String,
    /// The jurisdiction.
    pub jurisdiction: String,
    /// The agency that acts.
    pub agency: String,
    /// The action.
    pub action: String,
    /// The answer.
    pub outcome: Outcome,
    /// When `uncertain`: what it lies between.
    pub possible_outcomes: Vec<Outcome>,
    /// The law that decided, most local first.
    pub deciding: Vec<RuleRef>,
    /// Facts not given that the outcome hinges on.
    pub missing_facts: Vec<String>,
    /// When `uncertain`: the open legal questions and coarse classifications it hinges on.
    pub uncertainties: Vec<super::Uncertainty>,
}

/// The matrix of outcomes for jurisdictions × actions × situations on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Comparison {
    /// The date.
    pub as_of: String,
    /// The rows.
    pub jurisdictions: Vec<Named>,
    /// The columns.
    pub actions: Vec<String>,
    /// The blocks: each situation's id and description.
    pub situations: Vec<SituationName>,
    /// The bills assumed enacted.
    pub assumed_enacted: Vec<String>,
    /// Situation by situation, then jurisdiction by jurisdiction, then action by action.
    pub cells: Vec<Cell>,
    /// The corpus hash.
    pub corpus: String,
}

/// A situation as a block of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SituationName {
    /// The id.
    pub id: String,
    /// What it is, in the corpus's words.
    pub description: String,
}

impl Comparison {
    /// The wire shape of a library comparison.
    pub fn from_library(m: &juris::analysis::Comparison) -> Comparison {
        Comparison {
            as_of: m.as_of.to_string(),
            jurisdictions: m.jurisdictions.iter().map(|j| Named { id: j.id.clone(), name: j.name.clone() }).collect(),
            actions: m.actions.clone(),
            situations: m.situations.iter().map(|s| SituationName { id: s.id.clone(), description: s.description.clone() }).collect(),
            assumed_enacted: m.assumed_enacted.clone(),
            cells: m
                .cells
                .iter()
                .map(|c| Cell {
                    situation: c.situation.clone(),
                    jurisdiction: c.jurisdiction.clone(),
                    agency: c.agency.clone(),
                    action: c.action.clone(),
                    outcome: c.outcome.into(),
                    possible_outcomes: outcomes(&c.possible_outcomes),
                    deciding: refs(&c.deciding),
                    missing_facts: c.missing_facts.clone(),
                    uncertainties: c.uncertainties.iter().map(super::decision::uncertainty).collect(),
                })
                .collect(),
            corpus: m.corpus.clone(),
        }
    }
}
