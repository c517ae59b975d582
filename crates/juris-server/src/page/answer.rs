//! The answer's permalink, `/{place}/{date}/{action}?situation=...` or with facts as
//! parameters: the outcome large with its icon and word, the law that decides it in its own
//! words, what would change it, what the law above or below says, and where to find help.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use juris::{Date, Outcome};

use super::frame::{Frame, Section, html};
use super::home::{DateLink, change_links};
use super::i18n::{Lang, Words};
use super::law::{Ask, Law};
use super::query::{Params, encode, question_mark};
use super::words::{case_condition, fact_label, fact_words};
use super::{PageError, Pages, parse_date};

/// An outcome as a page shows it: never by colour alone, always the icon and the word.
#[derive(Debug, Clone)]
pub(crate) struct OutcomeBadge {
    pub name: &'static str,
    pub icon: &'static str,
    pub word: String,
}

impl OutcomeBadge {
    pub fn new(t: Words, outcome: Outcome) -> OutcomeBadge {
        let icon = match outcome {
            Outcome::Required => "!",
            Outcome::Permitted => "✓",
            Outcome::Prohibited => "✕",
            Outcome::Unregulated => "–",
            Outcome::Uncertain => "?",
        };
        OutcomeBadge { name: outcome.name(), icon, word: t.get(&format!("outcome-{}", outcome.name())) }
    }
}

/// A rule as the answer quotes it.
#[derive(Debug, Clone)]
pub(crate) struct Quoted {
    pub rule: String,
    pub outcome: OutcomeBadge,
    pub citation: String,
    pub title: String,
    pub source: String,
    pub text: String,
    pub confidence: String,
}

/// A line naming a rule that did not decide, and why.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub rule: String,
    pub outcome: Option<OutcomeBadge>,
    pub citation: String,
    pub reason: String,
}

/// One case of what would change the answer: for these values of the missing facts, this
/// outcome, decided by these rules; `href` asks that case's question.
#[derive(Debug, Clone)]
pub(crate) struct CaseLine {
    pub when: String,
    pub outcome: OutcomeBadge,
    pub possible: Vec<OutcomeBadge>,
    /// The deciding rules: citation and id.
    pub rules: Vec<(String, String)>,
    pub href: String,
}

/// The most cases an answer page lists; the guided questions reach every one.
const MAX_CASES: usize = 16;

#[derive(Template)]
#[template(path = "answer.html")]
struct AnswerPage {
    f: Frame,
    heading: String,
    question: String,
    situation: Option<String>,
    assumed: Vec<String>,
    given: Vec<(String, String)>,
    outcome: OutcomeBadge,
    meaning: String,
    possible: Vec<OutcomeBadge>,
    deciding: Vec<Quoted>,
    uncertainties: Vec<Note>,
    missing: Vec<String>,
    cases: Vec<CaseLine>,
    more_cases: String,
    cases_exact: bool,
    guided_href: String,
    overridden: Vec<Note>,
    conflicts: Vec<Note>,
    obligations: Vec<Note>,
    advice: Vec<Quoted>,
    previous: Option<DateLink>,
    next: Option<DateLink>,
    county_href: String,
    request_json: String,
    agency: String,
}

/// The question a permalink asks, checked.
pub(crate) fn read_ask(lang: Lang, law: &Law, path: &[String], params: &Params) -> Result<(Ask, Option<String>), PageError> {
    let [place, date, action, ..] = path else {
        return Err(PageError::NotFound { lang, what: super::i18n::message(lang, "error-no-page", &[]) });
    };
    if !law.knows(place) {
        return Err(PageError::NotFound { lang, what: super::i18n::message(lang, "error-unknown-place", &[("place", place)]) });
    }
    let as_of = parse_date(lang, "date", date)?;
    if !law.is_action(action) {
        return Err(PageError::NotFound { lang, what: super::i18n::message(lang, "error-unknown-action", &[("action", action)]) });
    }
    let situation = params.get("situation").map(str::to_owned);
    let mut facts = match &situation {
        Some(id) => law.situation_facts(id, as_of).map_err(|e| PageError::request(lang, e))?,
        None => Default::default(),
    };
    // Facts given as parameters refine (or replace) the situation's.
    facts.extend(params.facts(lang, law)?);
    let agency = params.get("agency").map(str::to_owned);
    let assume_enacted = params.assume_enacted();
    Ok((Ask { jurisdiction: place.clone(), action: action.clone(), as_of, agency, facts, assume_enacted }, situation))
}

/// A rule quoted with its citation, source and confidence.
pub(crate) fn quoted(t: Words, rule: &juris::view::RuleView) -> Quoted {
    Quoted {
        rule: rule.rule.clone(),
        outcome: OutcomeBadge::new(t, rule.outcome),
        citation: rule.citation.clone(),
        title: rule.title.clone(),
        source: rule.source.clone(),
        text: rule.text.clone(),
        confidence: t.get(&format!("confidence-{}", rule.confidence.name())),
    }
}

fn kebab<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The answer's cases in words, each linked to its own question: this page's parameters with
/// the case's facts (from its witness) added.
fn case_lines(t: Words, law: &Law, ask: &Ask, params: &Params, cases: &[juris::view::CaseView]) -> Vec<CaseLine> {
    let p = t.lang.prefix();
    cases
        .iter()
        .take(MAX_CASES)
        .map(|case| {
            let mut pairs: Vec<(String, String)> = params.pairs.clone();
            for condition in &case.condition {
                if let Some(value) = case.witness.facts.get(&condition.fact) {
                    pairs.retain(|(k, _)| *k != condition.fact);
                    pairs.push((condition.fact.clone(), law.fact_text(&condition.fact, value)));
                }
            }
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            CaseLine {
                when: case_condition(t, law, case),
                outcome: OutcomeBadge::new(t, case.outcome),
                possible: case.possible_outcomes.iter().map(|o| OutcomeBadge::new(t, *o)).collect(),
                rules: case.deciding.iter().map(|id| (law.rule(id).map(|r| r.citation).unwrap_or_default(), id.clone())).collect(),
                href: format!("{p}/{}/{}/{}{}", ask.jurisdiction, ask.as_of, ask.action, question_mark(&encode(&pairs))),
            }
        })
        .collect()
}

pub(crate) async fn page(
    lang: Lang,
    State(state): State<Pages>,
    Path(path): Path<Vec<String>>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let t = Words { lang };
    let params = Params::parse(lang, query.as_deref())?;
    let law = state.law();
    let (ask, situation) = read_ask(lang, &law, &path, &params)?;
    let request = law.request(&ask);
    let view = law.decide(&request).map_err(|e| PageError::request(lang, e))?;
    let p = lang.prefix();
    let encoded = params.encoded();
    let dates: Vec<Date> = law.change_dates(&ask.jurisdiction).into_iter().collect();
    let (previous, next) =
        change_links(t, &dates, ask.as_of, |d| format!("{p}/{}/{d}/{}{}", ask.jurisdiction, ask.action, question_mark(&encoded)));
    let page = AnswerPage {
        f: Frame::new(lang, &law, heading(t, &law, &ask), Section::Other, &format!("/{}", path.join("/")), query.as_deref()),
        heading: heading(t, &law, &ask),
        question: t.label("question", &ask.action),
        situation: situation.as_deref().map(|s| t.label("situation", s)),
        assumed: ask.assume_enacted.iter().map(|id| law.citation(id)).collect(),
        given: params.fact_names().into_iter().filter_map(|k| ask.facts.get(k).map(|v| fact_words(t, &law, k, v))).collect(),
        outcome: OutcomeBadge::new(t, view.outcome),
        meaning: t.get(&format!("meaning-{}", view.outcome.name())),
        possible: view.possible_outcomes.iter().map(|o| OutcomeBadge::new(t, *o)).collect(),
        deciding: view.deciding.iter().map(|r| quoted(t, r)).collect(),
        uncertainties: view
            .uncertainties
            .iter()
            .map(|u| Note { rule: u.source.clone(), outcome: None, citation: String::new(), reason: u.reason.clone() })
            .collect(),
        missing: view.missing_facts.iter().map(|f| fact_label(t, &law, f)).collect(),
        cases: case_lines(t, &law, &ask, &params, &view.cases),
        more_cases: if view.cases.len() > MAX_CASES {
            super::i18n::message(lang, "answer-cases-more", &[("count", &(view.cases.len() - MAX_CASES).to_string())])
        } else {
            String::new()
        },
        cases_exact: view.cases_exact,
        guided_href: format!("{p}/{}/{}/{}/guided{}", ask.jurisdiction, ask.as_of, ask.action, question_mark(&encoded)),
        overridden: view
            .overridden
            .iter()
            .map(|o| Note {
                rule: o.rule.clone(),
                outcome: Some(OutcomeBadge::new(t, o.outcome)),
                citation: o.citation.clone(),
                reason: match &o.by {
                    Some(by) => t.with(&format!("override-{}", kebab(&o.reason)), "by", by),
                    None => t.with(&format!("override-{}", kebab(&o.reason)), "by", "—"),
                },
            })
            .collect(),
        conflicts: view
            .conflicts
            .iter()
            .map(|c| Note {
                rule: c.rules.join(" · "),
                outcome: None,
                citation: String::new(),
                reason: t.get(&format!("conflict-{}", kebab(&c.kind))),
            })
            .collect(),
        obligations: view
            .obligations
            .iter()
            .map(|o| Note { rule: o.rule.clone(), outcome: None, citation: String::new(), reason: o.text.clone() })
            .collect(),
        advice: view.advice.iter().map(|r| quoted(t, r)).collect(),
        previous,
        next,
        county_href: format!("{p}/{}?date={}", ask.jurisdiction, ask.as_of),
        request_json: serde_json::to_string_pretty(&request).unwrap_or_default(),
        agency: t.label("agency", &request.agency),
    };
    Ok(html(&page))
}

/// The page's heading: the place and the date.
fn heading(t: Words, law: &super::Law, ask: &Ask) -> String {
    super::i18n::message(t.lang, "answer-heading", &[("place", &law.name(&ask.jurisdiction)), ("date", &t.date(ask.as_of))])
}
