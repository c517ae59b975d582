//! Compare: the places side by side for one situation and one date, each answer linked to its
//! permalink.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;

use super::answer::OutcomeBadge;
use super::county::{Cell, Row};
use super::frame::{Frame, Section, html};
use super::home::{Choice, situation_choices};
use super::i18n::{Lang, Words};
use super::law::{CALIFORNIA, MARYLAND};
use super::query::Params;
use super::{PageError, Pages, parse_date};

/// The actions compared when the visitor picks none: those a county's own law most often
/// speaks to.
const DEFAULT_ACTIONS: [&str; 6] = ["hold", "notify", "transfer", "interview", "inquire_status", "enter_287g"];

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    f: Frame,
    date: String,
    date_text: String,
    situation: String,
    situations: Vec<Choice>,
    actions: Vec<Choice>,
    columns: Vec<String>,
    rows: Vec<Row>,
}

pub(crate) async fn page(lang: Lang, State(state): State<Pages>, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let t = Words { lang };
    let params = Params::parse(lang, query.as_deref())?;
    let law = state.law();
    let date = match params.get("date") {
        Some(text) => parse_date(lang, "date", text)?,
        None => state.today(),
    };
    let situations = situation_choices(&law, t, params.get("situation"));
    let situation = situations.iter().find(|c| c.selected).map(|c| c.id.clone()).unwrap_or_default();
    let picked: Vec<String> = params.pairs.iter().filter(|(k, _)| k == "action").map(|(_, v)| v.clone()).collect();
    for action in &picked {
        if !law.is_action(action) {
            return Err(PageError::NotFound { lang, what: super::i18n::message(lang, "error-unknown-action", &[("action", action)]) });
        }
    }
    let chosen: Vec<String> = if picked.is_empty() { DEFAULT_ACTIONS.iter().map(|a| (*a).to_owned()).collect() } else { picked };
    let places: Vec<String> = law.places(MARYLAND).into_iter().chain(law.places(CALIFORNIA)).map(|p| p.id).collect();
    let comparison = law.compare(date, &places, std::slice::from_ref(&situation)).map_err(|e| PageError::request(lang, e))?;
    let p = lang.prefix();
    let rows = places
        .iter()
        .map(|place| Row {
            action: law.name(place),
            cells: chosen
                .iter()
                .filter_map(|action| comparison.cell(&situation, place, action))
                .map(|c| Cell {
                    outcome: OutcomeBadge::new(t, c.outcome),
                    href: format!("{p}/{place}/{date}/{}?situation={situation}", c.action),
                    citation: String::new(),
                })
                .collect(),
        })
        .collect();
    let actions = law
        .actions()
        .into_iter()
        .map(|a| Choice { label: t.label("action", &a), selected: chosen.contains(&a), id: a, href: String::new() })
        .collect();
    let page = ComparePage {
        f: Frame::new(lang, &law, t.get("compare-title"), Section::Compare, "/compare", query.as_deref()),
        date: date.to_string(),
        date_text: t.date(date),
        situation: t.label("situation", &situation),
        situations,
        actions,
        columns: chosen.iter().map(|a| t.label("action", a)).collect(),
        rows,
    };
    Ok(html(&page))
}
