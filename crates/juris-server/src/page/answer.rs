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
use super::law::Ask;
use super::query::{Params, question_mark};
use super::{PageError, PageState, parse_date};

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

/// A fact the answer hinges on that was not given.
#[derive(Debug, Clone)]
pub(crate) struct Missing {
    pub label: String,
}

#[derive(Template)]
#[template(path = "answer.html")]
struct AnswerPage {
    f: Frame,
    heading: String,
    question: String,
    situation: Option<String>,
    given: Vec<(String, String)>,
    outcome: OutcomeBadge,
    meaning: String,
    possible: Vec<OutcomeBadge>,
    deciding: Vec<Quoted>,
    uncertainties: Vec<Note>,
    missing: Vec<Missing>,
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
pub(crate) fn read_ask(lang: Lang, state: &PageState, path: &[String], params: &Params) -> Result<(Ask, Option<String>), PageError> {
    let law = state.law();
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
    Ok((Ask { jurisdiction: place.clone(), action: action.clone(), as_of, agency, facts }, situation))
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

/// The fact's label and the given value in words.
pub(crate) fn fact_words(t: Words, name: &str, value: &juris::RawValue) -> (String, String) {
    let words = match value {
        juris::RawValue::Bool(true) => t.get("value-yes"),
        juris::RawValue::Bool(false) => t.get("value-no"),
        juris::RawValue::Text(text) => t.label("value", text),
        other => serde_json::to_string(other).unwrap_or_default(),
    };
    (t.label("fact", name), words)
}

pub(crate) async fn page(
    lang: Lang,
    State(state): State<PageState>,
    Path(path): Path<Vec<String>>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let t = Words { lang };
    let params = Params::parse(lang, query.as_deref())?;
    let (ask, situation) = read_ask(lang, &state, &path, &params)?;
    let law = state.law();
    let request = law.request(&ask);
    let view = law.decide(&request).map_err(|e| PageError::request(lang, e))?;
    let p = lang.prefix();
    let encoded = params.encoded();
    let dates: Vec<Date> = law.change_dates(&ask.jurisdiction).into_iter().collect();
    let (previous, next) =
        change_links(t, &dates, ask.as_of, |d| format!("{p}/{}/{d}/{}{}", ask.jurisdiction, ask.action, question_mark(&encoded)));
    let page = AnswerPage {
        f: Frame::new(lang, law, heading(t, state.law(), &ask), Section::Other, &format!("/{}", path.join("/")), query.as_deref()),
        heading: heading(t, law, &ask),
        question: t.label("question", &ask.action),
        situation: situation.as_deref().map(|s| t.label("situation", s)),
        given: params.fact_pairs().filter_map(|(k, _)| ask.facts.get(k).map(|v| fact_words(t, k, v))).collect(),
        outcome: OutcomeBadge::new(t, view.outcome),
        meaning: t.get(&format!("meaning-{}", view.outcome.name())),
        possible: view.possible_outcomes.iter().map(|o| OutcomeBadge::new(t, *o)).collect(),
        deciding: view.deciding.iter().map(|r| quoted(t, r)).collect(),
        uncertainties: view
            .uncertainties
            .iter()
            .map(|u| Note { rule: u.source.clone(), outcome: None, citation: String::new(), reason: u.reason.clone() })
            .collect(),
        missing: view.missing_facts.iter().map(|f| Missing { label: t.label("fact", f) }).collect(),
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
