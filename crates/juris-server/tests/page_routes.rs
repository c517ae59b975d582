//! Every page route through `oneshot`: status, language, no missing message keys, size, and the
//! shared case corpus (every shipped scenario): the answer page shows the outcome that deciding
//! the same request gives.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod page_support;

use axum::http::StatusCode;
use juris_server::page::i18n::MISSING;
use page_support::{get, law};

/// The largest page the issue allows.
const MAX_PAGE: usize = 50 * 1024;

/// Checks a page: its status, `lang`, that every message key resolved, and its size.
fn check(path: &str, status: StatusCode, lang: &str) -> String {
    let (got, body) = get(path);
    assert_eq!(got, status, "{path}: {body}");
    assert!(body.contains(&format!("<html lang=\"{lang}\">")), "{path} is not marked lang={lang}");
    assert!(!body.contains(MISSING), "{path} has a missing message: {}", &body[body.find(MISSING).unwrap()..][..80]);
    assert!(body.len() < MAX_PAGE, "{path} is {} bytes", body.len());
    body
}

fn both(path: &str) -> [(String, String); 2] {
    [("en".to_owned(), path.to_owned()), ("es".to_owned(), format!("/es{path}"))]
}

#[test]
fn every_page_type_answers_in_both_languages() {
    for page in [
        "/",
        "/?place=us-md-howard&date=2019-07-01",
        "/about",
        "/compare",
        "/compare?situation=judicial-warrant&date=2015-01-01&action=hold&action=notify",
        "/us-md-prince-georges",
        "/us-md-howard?date=2017-03-06",
        "/us-md-montgomery/card?date=2019-08-13",
        "/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant",
        "/us-ca-county/2019-07-01/notify?situation=violent-felony-conviction",
        "/us-md-howard/2021-01-01/inquire_status?role=victim",
        "/us-md-montgomery/2020-01-01/hold/guided",
        "/us-md-montgomery/2020-01-01/hold/guided?warrant=administrative",
        // The largest pages: every action compared, and answers listing many cases.
        "/compare?date=2026-03-01&action=hold&action=notify&action=transfer&action=interview&action=facility_access&action=share_info\
         &action=share_status&action=inquire_status&action=civil_arrest&action=assist&action=enter_287g&action=house_detainees",
        "/us-md-montgomery/2020-01-01/hold",
        "/us-ca-county/2020-01-01/notify",
        "/us-md-montgomery?date=2026-03-01",
    ] {
        for (lang, path) in both(page) {
            check(&path, StatusCode::OK, &lang);
        }
    }
}

#[test]
fn spanish_pages_mark_the_quoted_law_as_english() {
    let body = check("/es/us-md-montgomery/2020-01-01/hold?situation=misdemeanor-admin-warrant", StatusCode::OK, "es");
    assert!(body.contains("<blockquote lang=\"en\">"), "the quote is not marked English");
    assert!(body.contains("1 de enero de 2020"), "the date is not written the Spanish way");
    let english = check("/us-md-montgomery/2020-01-01/hold?situation=misdemeanor-admin-warrant", StatusCode::OK, "en");
    assert!(english.contains("January 1, 2020"));
}

#[test]
fn the_language_switch_keeps_the_question() {
    let body = check("/us-md-howard/2019-07-01/hold?situation=judicial-warrant", StatusCode::OK, "en");
    assert!(body.contains("href=\"/es/us-md-howard/2019-07-01/hold?situation=judicial-warrant\""), "switch lost the question");
    let body = check("/es/us-md-howard/2019-07-01/hold?situation=judicial-warrant", StatusCode::OK, "es");
    assert!(body.contains("href=\"/us-md-howard/2019-07-01/hold?situation=judicial-warrant\""));
}

#[test]
fn bad_input_is_a_located_error_page() {
    for (path, status, lang, needle) in [
        ("/us-md-nowhere", StatusCode::NOT_FOUND, "en", "us-md-nowhere"),
        ("/es/us-md-howard/2019-13-45/hold", StatusCode::BAD_REQUEST, "es", "2019-13-45"),
        ("/us-md-howard/2019-07-01/fly", StatusCode::NOT_FOUND, "en", "fly"),
        ("/us-md-howard/2019-07-01/hold?warant=judicial", StatusCode::BAD_REQUEST, "en", "warant"),
        ("/us-md-howard/2019-07-01/hold?warrant=signed", StatusCode::BAD_REQUEST, "en", "signed"),
        ("/us-md-howard/2019-07-01/hold?situation=nope", StatusCode::BAD_REQUEST, "en", "nope"),
        ("/compare?date=yesterday", StatusCode::BAD_REQUEST, "en", "yesterday"),
        ("/ask?date=2019-07-01", StatusCode::BAD_REQUEST, "en", "place"),
    ] {
        let body = check(path, status, lang);
        assert!(body.contains(needle), "{path}: the error does not name `{needle}`: {body}");
        assert!(body.contains("role=\"alert\""), "{path}: no alert");
    }
}

/// A request error on a Spanish page is in Spanish, from juris-api's catalog; the English page
/// keeps the English words.
#[test]
fn a_bad_request_is_explained_in_the_pages_language() {
    let english = check("/us-md-howard/2019-07-01/hold?warrant=signed", StatusCode::BAD_REQUEST, "en");
    let spanish = check("/es/us-md-howard/2019-07-01/hold?warrant=signed", StatusCode::BAD_REQUEST, "es");
    assert!(english.contains("unknown warrant `signed`"), "{english}");
    assert!(spanish.contains("no se conoce el valor de warrant `signed`"), "{spanish}");
    assert!(!spanish.contains("unknown warrant"), "{spanish}");
}

#[test]
fn the_home_form_leads_to_the_permalink() {
    let (status, location) =
        page_support::redirect("/es/ask?place=us-md-howard&date=2019-07-01&action=hold&situation=judicial-warrant&mode=answer");
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, "/es/us-md-howard/2019-07-01/hold?situation=judicial-warrant");
    let (_, location) = page_support::redirect("/ask?place=us-md-howard&date=2019-07-01&action=notify&mode=guided");
    assert_eq!(location, "/us-md-howard/2019-07-01/notify/guided");
}

#[test]
fn home_defaults_to_the_date_the_server_passes_in() {
    let body = check("/", StatusCode::OK, "en");
    assert!(body.contains(&format!("value=\"{}\"", page_support::TODAY)), "today's date is not the default");
}

#[test]
fn home_offers_the_previous_and_next_change_of_the_chosen_place() {
    let body = check("/?place=us-md-howard&date=2017-03-01", StatusCode::OK, "en");
    assert!(body.contains("rel=\"prev\"") && body.contains("rel=\"next\""), "no date buttons");
    // CB-9-2017's override vote failed on 2017-03-06: the next recorded event.
    assert!(body.contains("date=2017-03-06"), "the next change is not the override vote");
}

#[test]
fn the_map_links_every_county_and_the_list_names_the_places() {
    let body = check("/", StatusCode::OK, "en");
    assert_eq!(body.matches("<path ").count(), 24, "the map has 23 counties and Baltimore City");
    assert!(body.contains("<svg class=\"map\" aria-hidden=\"true\""));
    for place in law().places("us-md") {
        assert!(body.contains(&format!("place={}#place", place.id)), "{} is not in the list", place.id);
    }
}

#[test]
fn the_county_page_shows_the_bills_lifecycle() {
    let body = check("/us-md-howard?date=2017-03-06", StatusCode::OK, "en");
    assert!(body.contains("Vetoed on February 9, 2017"), "CB-9-2017's veto is missing");
    assert!(body.contains("vote 3-2"), "the vote is missing");
    assert!(body.contains("Never became law"));
}

#[test]
fn the_guided_interview_ends_at_a_definite_answer_or_unsettled_law() {
    // Follow the first offered answer at each step, as a visitor would, until it ends.
    let mut path = "/us-md-montgomery/2020-01-01/hold/guided".to_owned();
    for _ in 0..40 {
        let body = check(&path, StatusCode::OK, "en");
        let Some(at) = body.find("type=\"radio\"") else {
            assert!(body.contains("data-outcome="), "the interview ended without an answer");
            assert!(body.contains("Start over"));
            return;
        };
        let name = page_support::attribute(&body[at..], "name");
        let value = page_support::attribute(&body[at..], "value");
        let sep = if path.contains('?') { '&' } else { '?' };
        path = format!("{path}{sep}{name}={value}");
    }
    panic!("the interview asked more than 40 questions");
}

#[test]
fn the_answer_page_shows_the_outcome_that_deciding_the_request_gives() {
    // The shared case corpus: every shipped scenario (those without what-if bills) asked as a
    // permalink with its facts as parameters.
    let law = law();
    let scenarios = page_support::scenarios();
    let mut asked = 0;
    for scenario in scenarios.iter().filter(|s| s.request.assume_enacted.is_empty()) {
        let r = &scenario.request;
        let mut pairs: Vec<(String, String)> = vec![("agency".to_owned(), r.agency.clone())];
        for (fact, value) in &r.facts {
            pairs.push((fact.clone(), law.fact_text(fact, value)));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap();
        let path = format!("/{}/{}/{}?{query}", r.jurisdiction, r.as_of.clone().unwrap(), r.action);
        let (status, body) = get(&path);
        assert_eq!(status, StatusCode::OK, "{}: {path}: {body}", scenario.name);
        assert_eq!(law.decide(r).unwrap().outcome.name(), scenario.expect, "{}: the engine and the scenario disagree", scenario.name);
        let expected = scenario.expect.as_str();
        let shown = page_support::attribute(&body[body.find("data-outcome=").unwrap() - 1..], "data-outcome");
        assert_eq!(shown, expected, "{}: {path}", scenario.name);
        asked += 1;
    }
    assert!(asked > 300, "only {asked} scenarios were asked");
}
