//! Every message the library leaves as typed data is rendered here: request errors and their
//! hints, bill status lines, conflicts, timeline notes and the reading of a case. In English the
//! words are the ones juris has always written; in Spanish they come from the catalog (no key
//! shows through, and the words are not the English ones).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use std::sync::OnceLock;

use juris::ConflictKind;
use juris::analysis::{BillState, BillView, EventNote};
use juris::request::{Echo, Expected, Given, Hint, Needed, Noun, Problem, StatuteProblem};
use juris::view::ConflictView;
use juris::{Corpus, Date, DecisionView, DecodeOptions, Outcome, RequestError, RequestErrorKind};
use juris::{Event, EventKind};
use juris_api::{Lang, v1};
use serde_json::json;

/// Message ids of both catalogs: a rendered message holding one rendered a missing key.
const KEY_PREFIXES: [&str; 14] = [
    "diff-",
    "problem-",
    "hint-",
    "noun-",
    "expected-",
    "given-",
    "echo-",
    "error-",
    "statute-",
    "bill-",
    "event-",
    "timeline-",
    "case-",
    "conflict-",
];

/// `spanish` is a Spanish rendering of the English `english`: no key, not the English words.
fn assert_spanish(spanish: &str, english: &str) {
    assert_ne!(spanish, english, "the Spanish is the English");
    for prefix in KEY_PREFIXES {
        assert!(!spanish.contains(prefix), "a key shows through in `{spanish}`");
        assert!(!english.contains(prefix), "a key shows through in `{english}`");
    }
}

fn shipped() -> &'static Corpus {
    static SHIPPED: OnceLock<Corpus> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let sources = common::shipped_sources();
        juris::load(&sources).corpus.expect("the shipped corpus loads")
    })
}

fn decode_error(json: &str) -> RequestError {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    shipped().decode(&mut deserializer, DecodeOptions::default()).expect_err(json)
}

/// The library's English and the catalog's English are the same words, hint included; the
/// Spanish is rendered.
fn check_error(error: &RequestError) {
    let english = v1::RequestError::from_library(error, Lang::En);
    let spanish = v1::RequestError::from_library(error, Lang::Es);
    assert_eq!(english.message, error.message, "{:?}", error.detail.problem);
    assert_eq!(english.hint, error.hint, "{:?}", error.detail.help);
    assert_eq!((&spanish.field, spanish.kind, &spanish.allowed), (&english.field, english.kind, &english.allowed));
    if !matches!(error.detail.problem, Problem::Syntax { .. }) {
        assert_spanish(&spanish.message, &english.message);
    }
    if let (Some(es), Some(en)) = (&spanish.hint, &english.hint) {
        assert_spanish(es, en);
    }
}

#[test]
fn request_errors_read_from_the_decoder_are_the_same_english_and_spanish() {
    let long = "x".repeat(100);
    let cases: Vec<(String, &str, &str)> = vec![
        (
            json!({"jurisdiction": "us-md-montgomry", "agency": "corrections", "as_of": "2019-08-13", "action": "hold"}).to_string(),
            "unknown jurisdiction `us-md-montgomry`",
            "no se conoce la jurisdicción `us-md-montgomry`",
        ),
        (
            json!({"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {"warrant": "judge"}})
                .to_string(),
            "unknown warrant `judge`",
            "no se conoce el valor de warrant `judge`",
        ),
        (
            json!({"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-02-29", "action": "hold"}).to_string(),
            "`2019-02-29` does not exist: February 2019 has 28 days",
            "`2019-02-29` no existe: febrero de 2019 tiene 28 días",
        ),
        (
            json!({"jurisdiction": "us-md", "agency": "corrections", "action": "hold"}).to_string(),
            "missing: the date whose law applies",
            "falta: la fecha cuya ley se aplica",
        ),
        ("[]".to_owned(), "a request is a JSON object, found a list", "una solicitud es un objeto JSON; se encontró una lista"),
        (
            json!({"jurisdiction": long, "agency": "corrections", "as_of": "2019-08-13", "action": "hold"}).to_string(),
            "unknown jurisdiction `xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…` (100 characters)",
            "no se conoce la jurisdicción `xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…` (100 caracteres)",
        ),
    ];
    for (json, english, spanish) in &cases {
        let error = decode_error(json);
        check_error(&error);
        assert_eq!(v1::RequestError::from_library(&error, Lang::En).message, *english);
        assert_eq!(v1::RequestError::from_library(&error, Lang::Es).message, *spanish);
    }
    // More shapes of mistakes, each through the decoder: the same English, a Spanish rendering.
    for json in [
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "colour": 1}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {"colour": 1}}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "agency": "police", "as_of": "2019-08-13", "action": "hold"}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": 5, "action": "hold"}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "yesterday", "action": "hold"}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-13-01", "action": "hold"}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {"held_to_answer": "true"}}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {"charges": {}}}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {"charges": [5]}}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {"charges": [{"statute": "459"}]}}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "assume_enacted": ["us/8-cfr-287-7"]}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "assume_enacted": ["us-md-howard/cb-9"]}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "assume_enacted": "x"}"#,
        r#"{"jurisdiction": true, "agency": "corrections", "as_of": "2019-08-13", "action": "hold"}"#,
        r#"{"jurisdiction": "us-md", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": 3}"#,
        r#""a request""#,
        r#"null"#,
        r#"{"jurisdiction": "#,
    ] {
        check_error(&decode_error(json));
    }
}

/// Every problem and hint the library can return, built directly: none is left out of the
/// catalog, and each renders in English as the library writes it.
#[test]
fn every_problem_and_hint_has_english_and_spanish_words() {
    let echo = |text: &str| Echo::of(text);
    let given = [
        Given::Null,
        Given::Boolean(true),
        Given::Number("2.5".into()),
        Given::Text(echo("yes")),
        Given::Text(echo(&"y".repeat(90))),
        Given::List,
        Given::Object,
    ];
    let expected = [
        Expected::Text,
        Expected::Boolean,
        Expected::WholeNumber,
        Expected::Date,
        Expected::EnumValue,
        Expected::Statute,
        Expected::Classes,
        Expected::Membership,
        Expected::ListOfValues("investigation".into()),
        Expected::ListOfRecords("charge".into()),
        Expected::List,
        Expected::Record(vec!["offense".into(), "level".into()]),
        Expected::Bills,
        Expected::BillId,
        Expected::Facts,
    ];
    let nouns = [
        Noun::Jurisdiction,
        Noun::Agency,
        Noun::Action,
        Noun::Fact,
        Noun::Field,
        Noun::Bill,
        Noun::OffenseClass,
        Noun::Situation,
        Noun::Value("detainer_form".into()),
    ];
    let mut problems: Vec<Problem> = Vec::new();
    problems.extend(nouns.into_iter().map(|what| Problem::Unknown { what, value: echo("zz") }));
    for e in &expected {
        problems.extend(given.iter().map(|g| Problem::WrongType { expected: e.clone(), given: g.clone() }));
    }
    problems.extend(given.iter().map(|g| Problem::NotAnObject { given: g.clone() }));
    problems.extend([Needed::Jurisdiction, Needed::Agency, Needed::AsOf, Needed::Action].map(|what| Problem::Missing { what }));
    problems.extend(
        [StatuteProblem::TooLong, StatuteProblem::ControlCharacter, StatuteProblem::Empty, StatuteProblem::NoCodeAndSection]
            .map(|problem| Problem::Statute { text: echo("459"), problem }),
    );
    problems.extend((1..=12).map(|month| Problem::NoSuchDay { text: echo("2019-01-40"), year: 2019, month, days: 30 }));
    problems.extend([
        Problem::Duplicate { key: "agency".into() },
        Problem::NotADate { text: echo("soon") },
        Problem::NoSuchMonth { text: echo("2019-13-01"), month: 13 },
        Problem::OutOfRange { text: echo("9999-12-31") },
        Problem::ListOfRequests,
        Problem::NotABill { name: echo("us/8-cfr-287-7") },
        Problem::NoSuchBill { name: echo("us-md-howard/cb-9") },
        Problem::NoDefaultAgency { action: "hold".into(), jurisdiction: "us-md".into() },
        Problem::NotRelativeDate { text: "as_of + 3 years".into() },
    ]);
    let hints = [
        Hint::DidYouMean("jail".into()),
        Hint::Unquote("true".into()),
        Hint::GiveOnce,
        Hint::DateFormat,
        Hint::CheckDay,
        Hint::RequestExample,
        Hint::JsonLines,
        Hint::GiveAsOf,
        Hint::OnlyBills,
        Hint::StatuteForm,
        Hint::CheckSyntax,
        Hint::DefaultAgency,
        Hint::RelativeDate,
    ];
    for (i, problem) in problems.into_iter().enumerate() {
        let error = RequestError::new("field", RequestErrorKind::InvalidValue, problem).with_hint(hints[i % hints.len()].clone());
        check_error(&error);
        check_error(&error.in_situation("misdemeanor-admin-warrant"));
    }
}

#[test]
fn a_problem_in_a_situation_names_it_in_both_languages() {
    let error = RequestError::new(
        "facts.convictions[0].date",
        RequestErrorKind::InvalidValue,
        Problem::NotRelativeDate { text: "as_of + 3 years".into() },
    )
    .with_hint(Hint::RelativeDate)
    .in_situation("recent-conviction");
    let english = v1::RequestError::from_library(&error, Lang::En);
    let spanish = v1::RequestError::from_library(&error, Lang::Es);
    assert_eq!(english.message, "`as_of + 3 years` is not a relative date (in situation `recent-conviction`)");
    assert_eq!(spanish.message, "`as_of + 3 years` no es una fecha relativa (en la situación `recent-conviction`)");
    assert_eq!(english.hint.as_deref(), Some("write `as_of - N years` (or months, days)"));
}

#[test]
fn analysis_errors_are_rendered_in_the_readers_language() {
    let spanish = juris_api::handle::handle(
        shipped(),
        "bills",
        r#"{"as_of": "2019-02-30"}"#,
        &juris_api::Options { lang: Lang::Es, ..juris_api::Options::default() },
    );
    let answer: serde_json::Value = serde_json::from_str(&spanish).unwrap();
    assert_eq!(answer["error"]["message"], "`2019-02-30` no existe: febrero de 2019 tiene 28 días");
    assert_eq!(answer["error"]["hint"], "el formato AAAA-MM-DD es correcto; revise el mes y el día");
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn event(event: EventKind, on: &str, vote: Option<&str>, succeeded: Option<bool>) -> Event {
    Event { event, date: date(on), vote: vote.map(str::to_owned), succeeded, by: None, chamber: None, note: None, placeholder: false }
}

fn bill(lifecycle: Vec<Event>, effective: Option<&str>, ends: Option<&str>) -> BillView {
    BillView {
        id: "us-md-howard/cb-9-2017".into(),
        jurisdiction: "us-md-howard".into(),
        title: "A bill".into(),
        citation: "CB-9-2017".into(),
        lifecycle,
        state: BillState::NotEnacted,
        in_force: false,
        as_of: date("2024-01-01"),
        effective: effective.map(date),
        ends: ends.map(date),
        assumable: true,
        assumed_from: None,
    }
}

/// The status lines the library wrote before it returned only the lifecycle, word for word.
#[test]
fn bill_status_lines_keep_their_english_and_have_spanish() {
    use EventKind::*;
    let cases = [
        (
            bill(
                vec![
                    event(Introduced, "2017-01-03", None, None),
                    event(Passed, "2017-02-06", Some("3-2"), None),
                    event(Vetoed, "2017-02-09", None, None),
                    event(Override, "2017-03-06", Some("3-2"), Some(false)),
                ],
                None,
                None,
            ),
            "passed 2017-02-06 (3-2); vetoed 2017-02-09; override failed 2017-03-06 (3-2); never in force",
        ),
        (
            bill(
                vec![
                    event(Passed, "2020-12-07", Some("4-1"), None),
                    event(Signed, "2020-12-10", None, None),
                    event(Effective, "2022-12-08", None, None),
                    event(Repealed, "2030-01-01", None, None),
                ],
                Some("2022-12-08"),
                Some("2030-01-01"),
            ),
            "passed 2020-12-07 (4-1); signed 2020-12-10; in force from 2022-12-08 until 2030-01-01 (repealed)",
        ),
        (
            bill(vec![event(Introduced, "2017-01-11", None, None)], None, None),
            "introduced 2017-01-11; not in force (no effective date recorded)",
        ),
    ];
    for (view, english) in cases {
        let en = v1::Bill::from_library(&view, Lang::En);
        let es = v1::Bill::from_library(&view, Lang::Es);
        assert_eq!(en.status, english);
        assert_spanish(&es.status, &en.status);
    }
}

fn decision_with(conflicts: Vec<ConflictView>) -> DecisionView {
    DecisionView {
        jurisdiction: "us-md-frederick".into(),
        agency: "corrections".into(),
        as_of: date("2024-01-01"),
        action: "enter_287g".into(),
        outcome: Outcome::Uncertain,
        deciding: Vec::new(),
        overridden: Vec::new(),
        conflicts,
        missing_facts: Vec::new(),
        obligations: Vec::new(),
        assumed_enacted: Vec::new(),
        possible_outcomes: Vec::new(),
        uncertainties: Vec::new(),
        advice: Vec::new(),
        corpus: String::new(),
        cases: Vec::new(),
        cases_exact: true,
        next_question: None,
    }
}

/// The conflict sentences the library wrote before it returned only the kind, the rules and
/// their outcomes.
#[test]
fn conflicts_keep_their_english_and_have_spanish() {
    let rules = |ids: &[&str]| ids.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let view = decision_with(vec![
        ConflictView {
            kind: ConflictKind::WithinDocument,
            rules: rules(&["us-ca/law#a", "us-ca/law#b"]),
            outcomes: vec![Outcome::Permitted, Outcome::Prohibited],
        },
        ConflictView {
            kind: ConflictKind::SameDate,
            rules: rules(&["us-ca/a#x", "us-ca/b#y"]),
            outcomes: vec![Outcome::Permitted, Outcome::Prohibited],
        },
        ConflictView {
            kind: ConflictKind::Preemption,
            rules: rules(&["us-md/ban#no-287g", "us-md-frederick/moa#moa"]),
            outcomes: vec![Outcome::Prohibited, Outcome::Permitted],
        },
    ]);
    let en = v1::Decision::from_view(shipped(), &view, Lang::En);
    let es = v1::Decision::from_view(shipped(), &view, Lang::Es);
    let english: Vec<&str> = en.conflicts.iter().map(|c| c.message.as_str()).collect();
    assert_eq!(
        english,
        [
            "us-ca/law#a and us-ca/law#b give different outcomes in one document with no exception between them",
            "us-ca/a#x and us-ca/b#y took effect the same day with different outcomes",
            "us-md/ban#no-287g (prohibited) cannot be displaced by the lower layer's us-md-frederick/moa#moa (permitted): the higher layer prevails",
        ]
    );
    assert_eq!(en.conflicts[2].outcomes, [v1::Outcome::Prohibited, v1::Outcome::Permitted]);
    for (e, s) in en.conflicts.iter().zip(&es.conflicts) {
        assert_spanish(&s.message, &e.message);
    }
}

/// The timeline notes the library wrote before it returned only their parts.
#[test]
fn timeline_notes_keep_their_english_and_have_spanish() {
    let cases = [
        (
            EventNote {
                assumed_start: true,
                by: Some("the council".into()),
                source: Some("vote 4-1".into()),
                placeholder: false,
                window: None,
            },
            "assumed enacted from this day; by the council; vote 4-1",
        ),
        (
            EventNote { placeholder: true, source: Some("PLACEHOLDER: reported signed in May 2019".into()), ..EventNote::default() },
            "the day is not known: this date stands for it; PLACEHOLDER: reported signed in May 2019",
        ),
        (
            EventNote { window: Some((date("2005-03-01"), "within 15 years".into(), true)), ..EventNote::default() },
            "the fact dated 2005-03-01 enters the window `within 15 years`",
        ),
        (
            EventNote { window: Some((date("2005-03-01"), "within 15 years".into(), false)), ..EventNote::default() },
            "the fact dated 2005-03-01 is no longer within 15 years",
        ),
    ];
    for (note, english) in cases {
        let en = v1::event_note(Lang::En, &note).unwrap();
        assert_eq!(en, english);
        assert_spanish(&v1::event_note(Lang::Es, &note).unwrap(), &en);
    }
    assert_eq!(v1::event_note(Lang::Es, &EventNote::default()), None, "an event without a note has none");
}

/// The reading of a case's condition the library wrote before it returned only the condition.
#[test]
fn case_readings_keep_their_english_and_have_spanish() {
    let values = |fact: &str, values: serde_json::Value| v1::Condition {
        fact: fact.into(),
        values: values.as_array().cloned(),
        includes: None,
        any_of: None,
        excludes: None,
    };
    let charges = v1::Condition {
        fact: "charges".into(),
        values: None,
        includes: Some(vec![json!({"level": "felony", "offense": "rape"})]),
        any_of: None,
        excludes: Some(vec![json!({"offense": "other"})]),
    };
    let condition = [values("warrant", json!(["none", "administrative"])), charges];
    let english = v1::when(Lang::En, &condition);
    assert_eq!(
        english,
        "warrant is none or administrative and charges include one like {level: felony, offense: rape} and charges include none like {offense: other}"
    );
    assert_spanish(&v1::when(Lang::Es, &condition), &english);
    assert_eq!(v1::when(Lang::En, &[]), "in every case");
    assert_spanish(&v1::when(Lang::Es, &[]), "in every case");
    let empty = [values("convictions", json!([[]]))];
    assert_eq!(v1::when(Lang::En, &empty), "convictions is empty");
}

/// The difference report's notes on where the search was not exhaustive, which the library wrote
/// in English before it returned them typed: the same English words, and Spanish ones.
#[test]
fn diff_notes_keep_their_english_and_have_spanish() {
    use juris::analysis::{Approximation, DiffReport, LawState};
    let corpus = shipped();
    let v = &corpus.vocabulary();
    let position = |names: Vec<&str>, name: &str| names.iter().position(|n| *n == name).unwrap() as u16;
    let agency = position(v.agencies.iter().map(|a| a.0.as_str()).collect(), "corrections");
    let action = position(v.actions.iter().map(|a| a.0.as_str()).collect(), "hold");
    let fact = position(v.facts.iter().map(|f| f.name.as_str()).collect(), "charges");
    let jurisdiction = position(v.jurisdictions.iter().map(|j| j.id.as_str()).collect(), "us-md");
    let state = LawState { jurisdiction, as_of: date("2019-08-13"), assume_enacted: Vec::new() };
    let report = DiffReport {
        differences: Vec::new(),
        approximations: vec![Approximation::Budget { agency, action, decisions: 200_000 }, Approximation::BoundedKinds { fact, kinds: 9 }],
        decisions: 200_000,
    };
    let english = v1::DiffReport::from_library(corpus, &state, &state, &report, Lang::En);
    assert_eq!(
        english.notes,
        [
            "the search for `hold` by `corrections` stopped after 200000 decisions",
            "`charges`: the rules tell 9 kinds of element apart; lists of at most two kinds were tried",
        ]
    );
    assert!(!english.exact);
    let spanish = v1::DiffReport::from_library(corpus, &state, &state, &report, Lang::Es);
    assert_eq!(spanish.notes.len(), english.notes.len());
    for (es, en) in spanish.notes.iter().zip(&english.notes) {
        assert_spanish(es, en);
    }
    assert_eq!(
        spanish.notes[0], "la búsqueda para `hold` por `corrections` se detuvo tras 200000 decisiones",
        "the identifiers stay as the corpus writes them"
    );
}
