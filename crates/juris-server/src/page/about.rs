//! About the law and the method: what the outcomes and confidence tags mean, where the law comes
//! from, how to report an error, and the corpus version.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use juris::Outcome;

use super::answer::OutcomeBadge;
use super::frame::{Frame, Section, html};
use super::i18n::{Lang, Words};
use super::{PageError, Pages};

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage {
    f: Frame,
    outcomes: Vec<(OutcomeBadge, String)>,
    confidences: Vec<(String, String)>,
    documents: usize,
    rules: usize,
    hash: String,
    sources: Vec<(String, String)>,
}

pub(crate) async fn page(lang: Lang, State(state): State<Pages>, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let t = Words { lang };
    let law = state.law();
    let corpus = law.corpus();
    let mut sources: Vec<(String, String)> =
        corpus.documents().iter().filter_map(|d| d.sources.first().map(|s| (d.citation.clone(), s.clone()))).collect();
    sources.sort();
    sources.dedup();
    let page = AboutPage {
        f: Frame::new(lang, &law, t.get("about-title"), Section::About, "/about", query.as_deref()),
        outcomes: Outcome::ALL.iter().map(|o| (OutcomeBadge::new(t, *o), t.get(&format!("meaning-{}", o.name())))).collect(),
        confidences: ["sourced", "secondary", "uncertain"]
            .iter()
            .map(|c| (t.get(&format!("confidence-{c}")), t.get(&format!("confidence-{c}-meaning"))))
            .collect(),
        documents: corpus.documents().len(),
        rules: corpus.rules().len(),
        hash: law.version().to_owned(),
        sources,
    };
    Ok(html(&page))
}
