//! What every page has around its content: the language, title, navigation, language switch,
//! the "not legal advice" line and the corpus version; and the error page.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::i18n::{Lang, Words};
use super::{Law, PageError};

/// One link of the site navigation.
#[derive(Debug, Clone)]
pub(crate) struct NavLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// The frame of one page, with every word already in the page's language.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub t: Words,
    pub lang: &'static str,
    pub prefix: &'static str,
    pub title: String,
    pub site: String,
    pub nav: Vec<NavLink>,
    pub switch_href: String,
    pub switch_label: String,
    pub other_lang: &'static str,
    pub version: String,
}

/// Which navigation entry a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Home,
    Compare,
    About,
    Other,
}

impl Frame {
    /// The frame of the page at `path` (without the language prefix) with its query, so that the
    /// language switch keeps the question.
    pub fn new(lang: Lang, law: &Law, title: String, section: Section, path: &str, query: Option<&str>) -> Frame {
        let t = Words { lang };
        let p = lang.prefix();
        let nav =
            [(Section::Home, "/", "nav-home"), (Section::Compare, "/compare", "nav-compare"), (Section::About, "/about", "nav-about")]
                .into_iter()
                .map(|(s, href, key)| NavLink { href: format!("{p}{href}"), label: t.get(key), current: s == section })
                .collect();
        let other = lang.other();
        let query = query.filter(|q| !q.is_empty()).map_or_else(String::new, |q| format!("?{q}"));
        let path = if path.is_empty() { "/" } else { path };
        Frame {
            t,
            lang: lang.code(),
            prefix: p,
            title,
            site: t.get("site-name"),
            nav,
            switch_href: format!("{}{path}{query}", other.prefix()),
            switch_label: Words { lang: other }.get("language-name"),
            other_lang: other.code(),
            version: short(law.version()).to_owned(),
        }
    }
}

/// The first 12 characters of a corpus hash, as pages name the version.
pub(crate) fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// A rendered page, or a plain 500 when the template fails (which a route test would catch).
pub(crate) fn html<T: Template>(page: &T) -> Response {
    match page.render() {
        Ok(body) => Html(body).into_response(),
        Err(_) => {
            (StatusCode::INTERNAL_SERVER_ERROR, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "the page could not be rendered")
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    f: Frame,
    heading: String,
    field: Option<String>,
    message: String,
    hint: Option<String>,
}

/// The page for an error, in the visitor's language, with its status.
pub(crate) fn error_page(error: PageError) -> Response {
    let (lang, status, field, message, hint) = match error {
        PageError::NotFound { lang, what } => (lang, StatusCode::NOT_FOUND, None, what, None),
        PageError::BadRequest { lang, field, message, hint } => (lang, StatusCode::BAD_REQUEST, Some(field), message, hint),
    };
    let t = Words { lang };
    let heading = if status == StatusCode::NOT_FOUND { t.get("error-not-found") } else { t.get("error-bad-request") };
    let f = Frame {
        t,
        lang: lang.code(),
        prefix: lang.prefix(),
        title: heading.clone(),
        site: t.get("site-name"),
        nav: Vec::new(),
        switch_href: format!("{}/", lang.other().prefix()),
        switch_label: Words { lang: lang.other() }.get("language-name"),
        other_lang: lang.other().code(),
        version: String::new(),
    };
    let page = ErrorPage { f, heading, field, message, hint };
    let mut response = html(&page);
    *response.status_mut() = status;
    response
}
