//! Guided questions: one question at a time about a fact the answer hinges on, with back and
//! start over, the answers so far kept in the URL; it ends at a definite answer or at the
//! unsettled point of law, quoted.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use juris::Outcome;

use super::answer::{OutcomeBadge, Quoted, fact_words, quoted, read_ask};
use super::frame::{Frame, Section, html};
use super::i18n::{Lang, Words};
use super::query::{Params, encode, question_mark};
use super::{PageError, PageState};

/// The question of this step.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub fact: String,
    pub prompt: String,
    pub options: Vec<(String, String)>,
}

/// An unsettled point of law the interview ends at.
#[derive(Debug, Clone)]
pub(crate) struct Unsettled {
    pub source: String,
    pub reason: String,
    pub text: Option<String>,
}

#[derive(Template)]
#[template(path = "guided.html")]
struct GuidedPage {
    f: Frame,
    heading: String,
    number: String,
    answered: Vec<(String, String)>,
    hidden: Vec<(String, String)>,
    step: Option<Step>,
    outcome: OutcomeBadge,
    possible: Vec<OutcomeBadge>,
    deciding: Vec<Quoted>,
    unsettled: Vec<Unsettled>,
    remaining: Vec<String>,
    action_url: String,
    back_href: Option<String>,
    restart_href: String,
    answer_href: String,
}

pub(crate) async fn page(
    lang: Lang,
    State(state): State<PageState>,
    Path(path): Path<Vec<String>>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let t = Words { lang };
    let params = Params::parse(lang, query.as_deref())?;
    let (ask, _) = read_ask(lang, &state, &path, &params)?;
    let law = state.law();
    let view = law.decide(&law.request(&ask)).map_err(|e| PageError::request(lang, e))?;
    let asked: Vec<(&str, &str)> = params.fact_pairs().collect();
    let step = if view.outcome == Outcome::Uncertain {
        view.missing_facts.iter().filter(|f| !asked.iter().any(|(k, _)| k == f)).find_map(|f| law.question(f)).map(|q| Step {
            prompt: t.label("prompt", &q.fact),
            options: q.values.iter().map(|v| (v.clone(), answer_label(t, v))).collect(),
            fact: q.fact,
        })
    } else {
        None
    };
    let base = format!("{}/{}/{}/{}", lang.prefix(), ask.jurisdiction, ask.as_of, ask.action);
    let keep: Vec<(&str, &str)> =
        params.pairs.iter().filter(|(k, _)| k == "situation" || k == "agency").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let back_href = params.pairs.iter().rposition(|(k, _)| asked.iter().any(|(a, _)| a == k)).map(|last| {
        let pairs: Vec<(&str, &str)> =
            params.pairs.iter().enumerate().filter(|(i, _)| *i != last).map(|(_, (k, v))| (k.as_str(), v.as_str())).collect();
        format!("{base}/guided{}", question_mark(&encode(&pairs)))
    });
    let unsettled = if step.is_none() {
        view.uncertainties
            .iter()
            .map(|u| Unsettled { source: u.source.clone(), reason: u.reason.clone(), text: law.rule_text(&u.source).map(|(text, _)| text) })
            .collect()
    } else {
        Vec::new()
    };
    let remaining = if step.is_none() { view.missing_facts.iter().map(|f| t.label("fact", f)).collect() } else { Vec::new() };
    let page = GuidedPage {
        f: Frame::new(lang, law, t.get("guided-title"), Section::Other, &format!("/{}", path.join("/")), query.as_deref()),
        heading: super::i18n::message(lang, "answer-heading", &[("place", &law.name(&ask.jurisdiction)), ("date", &t.date(ask.as_of))]),
        number: super::i18n::message(lang, "guided-step", &[("number", &(asked.len() + 1).to_string())]),
        answered: asked.iter().filter_map(|(k, _)| ask.facts.get(*k).map(|v| fact_words(t, k, v))).collect(),
        hidden: params.pairs.clone(),
        outcome: OutcomeBadge::new(t, view.outcome),
        possible: view.possible_outcomes.iter().map(|o| OutcomeBadge::new(t, *o)).collect(),
        deciding: view.deciding.iter().map(|r| quoted(t, r)).collect(),
        step,
        unsettled,
        remaining,
        action_url: format!("{base}/guided"),
        back_href,
        restart_href: format!("{base}/guided{}", question_mark(&encode(&keep))),
        answer_href: format!("{base}{}", question_mark(&params.encoded())),
    };
    Ok(html(&page))
}

fn answer_label(t: Words, value: &str) -> String {
    match value {
        "true" => t.get("value-yes"),
        "false" => t.get("value-no"),
        other => t.label("value", other),
    }
}
