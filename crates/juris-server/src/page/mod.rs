//! The public page: server-rendered HTML in English (`/`) and Spanish (`/es/`) over the same
//! answers the service gives, working fully without JavaScript.
//!
//! [`router`] mounts every page; [`law`] is the one seam to the engine; [`i18n`] holds the
//! words; each page type has its module and its askama template in `web/templates/`.

mod about;
mod answer;
mod assets;
mod compare;
mod county;
mod frame;
mod guided;
mod home;
pub mod i18n;
pub mod law;
mod map;
mod query;
mod words;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use juris::Date;

pub use i18n::Lang;
pub use law::Law;

use crate::state::AppState;

/// Gives today's date; the server passes it in so that nothing in the engine reads a clock.
pub type Today = Arc<dyn Fn() -> Date + Send + Sync>;

/// What the service needs to serve the page: where today's date comes from. The law comes from
/// the service itself, read anew for every page (see [`router`]).
#[derive(Clone)]
pub struct PageState {
    today: Today,
}

impl std::fmt::Debug for PageState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageState").finish_non_exhaustive()
    }
}

impl PageState {
    /// A page whose default date is what `today` gives.
    pub fn new(today: Today) -> PageState {
        PageState { today }
    }
}

/// What every page handler shares: the service, whose current corpus each page answers from,
/// and today's date.
#[derive(Clone)]
pub(crate) struct Pages {
    service: AppState,
    today: Today,
}

impl Pages {
    /// The law serving now. A handler takes it once, so one page never mixes two corpora.
    pub(crate) fn law(&self) -> Law {
        Law::new(self.service.corpus())
    }

    pub(crate) fn today(&self) -> Date {
        (self.today)()
    }
}

type Args = (State<Pages>, Path<Vec<String>>, RawQuery);

/// Every page in both languages, and the stylesheet and script they share, answering from the
/// corpus `service` serves at the time of each request (so a reload shows on the next page).
pub fn router(page: PageState, service: AppState) -> Router {
    let state = Pages { service, today: page.today };
    let mut router = Router::new()
        .route("/page.css", get(assets::css))
        .route("/map.js", get(assets::script))
        .route("/es", get(|| async { Redirect::permanent("/es/") }));
    for lang in Lang::ALL {
        let p = lang.prefix();
        router = router
            .route(&format!("{p}/"), get(move |s: State<Pages>, q: RawQuery| home::page(lang, s, q)))
            .route(&format!("{p}/ask"), get(move |s: State<Pages>, q: RawQuery| home::ask(lang, s, q)))
            .route(&format!("{p}/about"), get(move |s: State<Pages>, q: RawQuery| about::page(lang, s, q)))
            .route(&format!("{p}/compare"), get(move |s: State<Pages>, q: RawQuery| compare::page(lang, s, q)))
            .route(&format!("{p}/{{place}}"), get(move |(s, p, q): Args| county::page(lang, s, p, q)))
            .route(&format!("{p}/{{place}}/card"), get(move |(s, p, q): Args| county::card(lang, s, p, q)))
            .route(&format!("{p}/{{place}}/{{date}}/{{action}}"), get(move |(s, p, q): Args| answer::page(lang, s, p, q)))
            .route(&format!("{p}/{{place}}/{{date}}/{{action}}/guided"), get(move |(s, p, q): Args| guided::page(lang, s, p, q)));
    }
    router.with_state(state)
}

/// Why a page could not be shown; rendered as a page in the visitor's language.
#[derive(Debug)]
pub(crate) enum PageError {
    /// No such place, action or page.
    NotFound { lang: Lang, what: String },
    /// A parameter is wrong: which one, what is wrong, and a hint.
    BadRequest { lang: Lang, field: String, message: String, hint: Option<String> },
}

impl PageError {
    /// A request error, its message and hint in the page's language.
    pub(crate) fn request(lang: Lang, error: juris::RequestError) -> PageError {
        let error = juris_api::v1::RequestError::from_library(&error, lang.api());
        let hint = error.hint.or_else(|| (!error.allowed.is_empty()).then(|| error.allowed.join(", ")));
        PageError::BadRequest { lang, field: error.field, message: error.message, hint }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        frame::error_page(self)
    }
}

/// A date from a path or form, or the error naming the field.
pub(crate) fn parse_date(lang: Lang, field: &str, text: &str) -> Result<Date, PageError> {
    Date::parse(text).ok_or_else(|| PageError::BadRequest {
        lang,
        field: field.to_owned(),
        message: i18n::message(lang, "error-date", &[("value", text)]),
        hint: Some(i18n::message(lang, "error-date-hint", &[])),
    })
}
