//! Home: choose a place (the map and the list beside it), a date (with the previous and next
//! change of that place's law) and a situation; `ask` turns the form into the answer's permalink.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use juris::Date;

use super::frame::{Frame, Section, html};
use super::i18n::{Lang, Words};
use super::law::{CALIFORNIA, Law, MARYLAND};
use super::query::{Params, question_mark};
use super::{PageError, Pages, map, parse_date};

/// An option of a list the visitor picks from.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub id: String,
    pub label: String,
    pub href: String,
    pub selected: bool,
}

/// A link to another date.
#[derive(Debug, Clone)]
pub(crate) struct DateLink {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    f: Frame,
    map: String,
    maryland: Vec<Choice>,
    california: Vec<Choice>,
    chosen: Option<Choice>,
    date: String,
    previous: Option<DateLink>,
    next: Option<DateLink>,
    situations: Vec<Choice>,
    actions: Vec<Choice>,
}

/// The situations labelled for people, the chosen one (or the first) selected.
pub(crate) fn situation_choices(law: &Law, t: Words, chosen: Option<&str>) -> Vec<Choice> {
    let situations = law.situations();
    let chosen = chosen.filter(|c| situations.iter().any(|s| s.id == *c)).or(situations.first().map(|s| s.id.as_str()));
    situations
        .iter()
        .map(|s| Choice {
            id: s.id.clone(),
            label: t.label("situation", &s.id),
            href: String::new(),
            selected: Some(s.id.as_str()) == chosen,
        })
        .collect()
}

/// The actions labelled for people, the chosen one (or `hold`) selected.
pub(crate) fn action_choices(law: &Law, t: Words, chosen: Option<&str>) -> Vec<Choice> {
    let chosen = chosen.unwrap_or("hold");
    law.actions().into_iter().map(|a| Choice { label: t.label("action", &a), selected: a == chosen, id: a, href: String::new() }).collect()
}

/// The previous and next dates (before and after `date`) on which the place's law changed.
pub(crate) fn change_links(t: Words, dates: &[Date], date: Date, href: impl Fn(Date) -> String) -> (Option<DateLink>, Option<DateLink>) {
    let previous =
        dates.iter().rev().find(|d| **d < date).map(|d| DateLink { href: href(*d), label: t.with("date-previous", "date", &t.date(*d)) });
    let next = dates.iter().find(|d| **d > date).map(|d| DateLink { href: href(*d), label: t.with("date-next", "date", &t.date(*d)) });
    (previous, next)
}

pub(crate) async fn page(lang: Lang, State(state): State<Pages>, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let t = Words { lang };
    let params = Params::parse(lang, query.as_deref())?;
    let law = state.law();
    let date = match params.get("date") {
        Some(text) => parse_date(lang, "date", text)?,
        None => state.today(),
    };
    let chosen_id = params.get("place").filter(|p| law.knows(p));
    let p = lang.prefix();
    let place_href = |id: &str| format!("{p}/?{}#place", params.with("place", Some(id)));
    let choices = |state_id: &str| {
        law.places(state_id)
            .into_iter()
            .map(|place| Choice {
                href: place_href(&place.id),
                selected: Some(place.id.as_str()) == chosen_id,
                label: place.name,
                id: place.id,
            })
            .collect::<Vec<_>>()
    };
    let maryland = choices(MARYLAND);
    let california = choices(CALIFORNIA);
    let chosen = maryland.iter().chain(&california).find(|c| c.selected).cloned().map(|c| Choice { href: format!("{p}/{}", c.id), ..c });
    let (previous, next) = match chosen_id {
        Some(place) => {
            let dates: Vec<Date> = law.change_dates(place).into_iter().collect();
            change_links(t, &dates, date, |d| format!("{p}/?{}#date", params.with("date", Some(&d.to_string()))))
        }
        None => (None, None),
    };
    let page = HomePage {
        f: Frame::new(lang, &law, t.get("home-title"), Section::Home, "/", query.as_deref()),
        map: map::render(&law, chosen_id, &t.get("map-label"), place_href),
        maryland,
        california,
        chosen,
        date: date.to_string(),
        previous,
        next,
        situations: situation_choices(&law, t, params.get("situation")),
        actions: action_choices(&law, t, params.get("action")),
    };
    Ok(html(&page))
}

/// The home form's target: checks the choices and sends the visitor to the answer's permalink
/// (or to the guided questions).
pub(crate) async fn ask(lang: Lang, State(state): State<Pages>, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let params = Params::parse(lang, query.as_deref())?;
    let law = state.law();
    let missing = |field: &str| PageError::BadRequest {
        lang,
        field: field.to_owned(),
        message: super::i18n::message(lang, "error-missing", &[("name", field)]),
        hint: Some(super::i18n::message(lang, &format!("error-missing-{field}"), &[])),
    };
    let place = params.get("place").ok_or_else(|| missing("place"))?;
    if !law.knows(place) {
        return Err(PageError::NotFound { lang, what: super::i18n::message(lang, "error-unknown-place", &[("place", place)]) });
    }
    let date = match params.get("date") {
        Some(text) => parse_date(lang, "date", text)?,
        None => state.today(),
    };
    let action = params.get("action").unwrap_or("hold");
    if !law.is_action(action) {
        return Err(missing("action"));
    }
    let situation = params.get("situation").map(|s| super::query::encode(&[("situation", s)])).unwrap_or_default();
    let guided = params.get("mode") == Some("guided");
    let p = lang.prefix();
    let target = if guided {
        format!("{p}/{place}/{date}/{action}/guided")
    } else {
        format!("{p}/{place}/{date}/{action}{}", question_mark(&situation))
    };
    Ok(Redirect::to(&target).into_response())
}
