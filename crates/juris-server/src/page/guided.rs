//! Guided questions: each step asks the engine's `next_question` of the decision (the missing
//! fact whose answer best narrows the outcome, with its prompt in the page's language from
//! `corpus/labels.toml`), one question per step, with back and start over, the answers so far
//! kept in the URL. It ends at a definite answer or at the unsettled point of law, quoted.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use juris::view::QuestionView;

use super::answer::{OutcomeBadge, Quoted, quoted, read_ask};
use super::frame::{Frame, Section, html};
use super::i18n::{Lang, Words};
use super::law::Law;
use super::query::{Params, encode, question_mark};
use super::words::{element_words, fact_label, fact_words, value_words};
use super::{PageError, Pages};

/// The question of this step.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub fact: String,
    pub prompt: String,
    /// Whether the answer is every element that applies (checkboxes) rather than one value.
    pub multiple: bool,
    /// Each answer as the URL writes it, and in words.
    pub options: Vec<(String, String)>,
}

/// An unsettled point of law the interview ends at.
#[derive(Debug, Clone)]
pub(crate) struct Unsettled {
    pub source: String,
    pub citation: String,
    pub reason: String,
    pub text: Option<String>,
}

#[derive(Template)]
#[template(path = "guided.html")]
struct GuidedPage {
    f: Frame,
    heading: String,
    question: String,
    number: String,
    answered: Vec<(String, String)>,
    hidden: Vec<(String, String)>,
    step: Option<Step>,
    outcome: OutcomeBadge,
    meaning: String,
    possible: Vec<OutcomeBadge>,
    deciding: Vec<Quoted>,
    unsettled: Vec<Unsettled>,
    remaining: Vec<String>,
    action_url: String,
    back_href: Option<String>,
    restart_href: String,
    answer_href: String,
}

/// The step asking `question`, its answers in the page's words.
fn step(t: Words, law: &Law, question: &QuestionView) -> Step {
    let fact = &question.fact;
    let options = question
        .values
        .iter()
        .map(|value| {
            let words = if question.multiple {
                t.with("guided-like", "element", &element_words(t, law, fact, value))
            } else {
                value_words(t, law, fact, value)
            };
            (law.fact_text(fact, value), words)
        })
        .collect();
    let prompt = question.prompts.get(t.lang.code()).cloned().unwrap_or_else(|| question.prompt.clone());
    Step { fact: fact.clone(), prompt, multiple: question.multiple, options }
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
    let (ask, _) = read_ask(lang, &law, &path, &params)?;
    let view = law.decide(&law.request(&ask)).map_err(|e| PageError::request(lang, e))?;
    let asked = params.fact_names();
    let step = view.next_question.as_ref().map(|q| step(t, &law, q));
    let base = format!("{}/{}/{}/{}", lang.prefix(), ask.jurisdiction, ask.as_of, ask.action);
    let keep: Vec<(&str, &str)> =
        params.pairs.iter().filter(|(k, _)| k == "situation" || k == "agency").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // Back forgets the last fact answered (every parameter of it, for a list).
    let back_href = asked.last().map(|last| {
        let pairs: Vec<(&str, &str)> = params.pairs.iter().filter(|(k, _)| k != last).map(|(k, v)| (k.as_str(), v.as_str())).collect();
        format!("{base}/guided{}", question_mark(&encode(&pairs)))
    });
    let unsettled = if step.is_none() {
        view.uncertainties
            .iter()
            .map(|u| {
                let rule = law.rule(&u.source);
                Unsettled {
                    source: u.source.clone(),
                    citation: rule.as_ref().map(|r| r.citation.clone()).unwrap_or_default(),
                    reason: u.reason.clone(),
                    text: rule.map(|r| r.text),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let remaining = if step.is_none() { view.missing_facts.iter().map(|f| fact_label(t, &law, f)).collect() } else { Vec::new() };
    let page = GuidedPage {
        f: Frame::new(lang, &law, t.get("guided-title"), Section::Other, &format!("/{}", path.join("/")), query.as_deref()),
        heading: super::i18n::message(lang, "answer-heading", &[("place", &law.name(&ask.jurisdiction)), ("date", &t.date(ask.as_of))]),
        question: t.label("question", &ask.action),
        number: super::i18n::message(lang, "guided-step", &[("number", &(asked.len() + 1).to_string())]),
        answered: asked.iter().filter_map(|k| ask.facts.get(*k).map(|v| fact_words(t, &law, k, v))).collect(),
        hidden: params.pairs.clone(),
        outcome: OutcomeBadge::new(t, view.outcome),
        meaning: t.get(&format!("meaning-{}", view.outcome.name())),
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
