//! A place's page: every action on the chosen date at a glance for each situation, the timeline
//! of changes with each event's words and source, the bills with their lifecycle, and the
//! printable one-page policy card.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use juris::Date;

use super::answer::OutcomeBadge;
use super::frame::{Frame, Section, html, short};
use super::home::{Choice, DateLink, action_choices, change_links, situation_choices};
use super::i18n::{Lang, Words};
use super::law::{Ask, Law};
use super::query::Params;
use super::{PageError, Pages, parse_date};

/// One row of the at-a-glance table: an action and its outcome in each situation.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub action: String,
    pub cells: Vec<Cell>,
}

/// One outcome, linked to its answer, with the number of the note naming the law that decides it.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub outcome: OutcomeBadge,
    pub href: String,
    pub note: Option<usize>,
}

/// One change in the timeline.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub date: String,
    pub iso: String,
    pub from: OutcomeBadge,
    pub to: OutcomeBadge,
    pub events: Vec<Event>,
    pub quotes: Vec<(String, String, String)>,
}

/// What happened to a document on a date.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub what: String,
    pub title: String,
    pub note: Option<String>,
}

/// A bill and its lifecycle.
#[derive(Debug, Clone)]
pub(crate) struct Bill {
    pub title: String,
    pub citation: String,
    pub state: String,
    pub steps: Vec<String>,
}

#[derive(Template)]
#[template(path = "county.html")]
struct CountyPage {
    f: Frame,
    name: String,
    id: String,
    date: String,
    date_text: String,
    situations: Vec<Choice>,
    actions: Vec<Choice>,
    columns: Vec<String>,
    rows: Vec<Row>,
    notes: Vec<String>,
    previous: Option<DateLink>,
    next: Option<DateLink>,
    timeline_question: String,
    changes: Vec<Change>,
    bills: Vec<Bill>,
    card_href: String,
}

#[derive(Template)]
#[template(path = "card.html")]
struct CardPage {
    f: Frame,
    date_text: String,
    columns: Vec<String>,
    rows: Vec<Row>,
    notes: Vec<String>,
    version: String,
    back_href: String,
}

/// The place, date and at-a-glance table shared by the page and the card.
struct Glance {
    place: String,
    date: Date,
    columns: Vec<String>,
    rows: Vec<Row>,
    /// The citations of the deciding law, numbered from 1 in the order the cells first name them.
    notes: Vec<String>,
}

fn glance(lang: Lang, law: &Law, today: Date, path: &[String], params: &Params) -> Result<Glance, PageError> {
    let t = Words { lang };
    let place = path.first().cloned().unwrap_or_default();
    if !law.knows(&place) {
        return Err(PageError::NotFound { lang, what: super::i18n::message(lang, "error-unknown-place", &[("place", &place)]) });
    }
    let date = match params.get("date") {
        Some(text) => parse_date(lang, "date", text)?,
        None => today,
    };
    let comparison = law.compare(date, std::slice::from_ref(&place), &[]).map_err(|e| PageError::request(lang, e))?;
    let p = lang.prefix();
    let columns = comparison.situations.iter().map(|s| t.label("situation", &s.id)).collect();
    let mut notes: Vec<String> = Vec::new();
    let mut note = |citation: Option<&String>| {
        let citation = citation?;
        let at = notes.iter().position(|n| n == citation).unwrap_or_else(|| {
            notes.push(citation.clone());
            notes.len() - 1
        });
        Some(at + 1)
    };
    let rows = comparison
        .actions
        .iter()
        .map(|action| Row {
            action: t.label("action", action),
            cells: comparison
                .situations
                .iter()
                .filter_map(|s| comparison.cell(&s.id, &place, action))
                .map(|c| Cell {
                    outcome: OutcomeBadge::new(t, c.outcome),
                    href: format!("{p}/{place}/{date}/{action}?situation={}", c.situation),
                    note: note(c.deciding.first().map(|r| &r.citation)),
                })
                .collect(),
        })
        .collect();
    Ok(Glance { place, date, columns, rows, notes })
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
    let Glance { place, date, columns, rows, notes } = glance(lang, &law, state.today(), &path, &params)?;
    let p = lang.prefix();
    let situations = situation_choices(&law, t, params.get("situation"));
    let actions = action_choices(&law, t, params.get("action"));
    let situation = situations.iter().find(|c| c.selected).map(|c| c.id.clone());
    let action = actions.iter().find(|c| c.selected).map_or_else(|| "hold".to_owned(), |c| c.id.clone());
    let ask = Ask {
        jurisdiction: place.clone(),
        action: action.clone(),
        as_of: date,
        agency: None,
        facts: Default::default(),
        assume_enacted: Vec::new(),
    };
    let timeline = law.timeline(&ask, situation.as_deref()).map_err(|e| PageError::request(lang, e))?;
    let changes = timeline
        .changes
        .iter()
        .map(|c| Change {
            date: t.date(c.date),
            iso: c.date.to_string(),
            from: OutcomeBadge::new(t, c.from),
            to: OutcomeBadge::new(t, c.to),
            events: c
                .events
                .iter()
                .map(|e| Event {
                    what: t.label("event", &e.event),
                    title: e.title.clone(),
                    note: juris_api::v1::event_note(lang.api(), &e.parts),
                })
                .collect(),
            quotes: c
                .deciding
                .iter()
                .filter_map(|r| law.rule_text(&r.rule).map(|(text, source)| (r.citation.clone(), text, source)))
                .collect(),
        })
        .collect();
    let dates: Vec<Date> = law.change_dates(&place).into_iter().collect();
    let (previous, next) = change_links(t, &dates, date, |d| format!("{p}/{place}?{}", params.with("date", Some(&d.to_string()))));
    let bills = law
        .bills(&place, date)
        .map_err(|e| PageError::request(lang, e))?
        .into_iter()
        .filter(|b| b.jurisdiction == place)
        .map(|b| Bill {
            title: b.title.clone(),
            citation: b.citation.clone(),
            state: t
                .label("bill-state", &serde_json::to_value(b.state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()),
            steps: b.lifecycle.iter().map(|e| step(t, e)).collect(),
        })
        .collect();
    let name = law.name(&place);
    let page = CountyPage {
        f: Frame::new(lang, &law, name.clone(), Section::Other, &format!("/{place}"), query.as_deref()),
        timeline_question: super::i18n::message(
            lang,
            "county-timeline-question",
            &[
                ("action", &t.label("action", &action)),
                ("situation", &situation.as_deref().map(|s| t.label("situation", s)).unwrap_or_default()),
            ],
        ),
        card_href: format!("{p}/{place}/card?date={date}"),
        date_text: t.date(date),
        date: date.to_string(),
        name,
        id: place,
        situations,
        actions,
        columns,
        rows,
        notes,
        previous,
        next,
        changes,
        bills,
    };
    Ok(html(&page))
}

/// One lifecycle step in words: `vetoed on February 9, 2017`, with the vote where recorded.
fn step(t: Words, event: &juris::Event) -> String {
    let what = t.label("event", event.event.name());
    let mut text = super::i18n::message(t.lang, "bill-step", &[("event", &what), ("date", &t.date(event.date))]);
    if let Some(vote) = &event.vote {
        text.push_str(&super::i18n::message(t.lang, "bill-vote", &[("vote", vote)]));
    }
    if event.succeeded == Some(false) {
        text.push_str(&t.get("bill-failed"));
    }
    text
}

pub(crate) async fn card(
    lang: Lang,
    State(state): State<Pages>,
    Path(path): Path<Vec<String>>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let t = Words { lang };
    let params = Params::parse(lang, query.as_deref())?;
    let law = state.law();
    let Glance { place, date, columns, rows, notes } = glance(lang, &law, state.today(), &path, &params)?;
    let name = law.name(&place);
    let page = CardPage {
        f: Frame::new(
            lang,
            &law,
            super::i18n::message(lang, "card-title", &[("place", &name)]),
            Section::Other,
            &format!("/{place}/card"),
            query.as_deref(),
        ),
        date_text: t.date(date),
        version: short(law.version()).to_owned(),
        back_href: format!("{}/{place}?date={date}", lang.prefix()),
        columns,
        rows,
        notes,
    };
    Ok(html(&page))
}
