//! The analyses over many decisions: bills (lifecycle, state, force), timelines (every change,
//! with the event that made it) and the comparison matrix, against small inline corpora.
#![expect(clippy::unwrap_used, reason = "a test fails loudly on a broken expectation")]

mod common;

use common::{corpus, doc, effective};
use juris::Outcome::*;
use juris::analysis::{BillState, BillsQuery, CompareQuery, Situations, TimelineQuery, bills, compare, timeline};
use juris::{Corpus, Date, RawValue};
use std::collections::BTreeMap;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn federal() -> (String, String) {
    doc("us/detainers", "regulation", "\"all\"", &effective("1997-04-01"), "rule request {\n  action hold, notify\n  outcome permitted\n}")
}

/// Prince George's in miniature: a practice of holding, superseded on 2014-10-01 by a policy of
/// no holds without a judicial warrant.
fn county() -> Vec<(String, String)> {
    let practice = "[[lifecycle]]\nevent = \"effective\"\ndate = \"2009-12-22\"\n[[lifecycle]]\nevent = \"superseded-by\"\ndate = \"2014-10-01\"\nby = \"us-md-prince-georges/policy-2014\"\n";
    vec![
        doc(
            "us-md-prince-georges/practice",
            "practice",
            "[\"corrections\"]",
            practice,
            "rule hold-48 {\n  action hold\n  outcome permitted\n}",
        ),
        doc(
            "us-md-prince-georges/policy-2014",
            "directive",
            "[\"corrections\"]",
            &effective("2014-10-01"),
            "rule no-holds {\n  action hold\n  outcome prohibited\n}\n\nrule judge {\n  action hold\n  when warrant = judicial\n  outcome permitted\n  exception to no-holds\n}",
        ),
        // Speaks to police only: its events never explain a change to the jail's holds.
        doc(
            "us-md-prince-georges/police-order",
            "directive",
            "[\"police\"]",
            &effective("2012-05-01"),
            "rule no-asking {\n  action inquire_status\n  outcome prohibited\n}",
        ),
    ]
}

fn bill(id: &str, lifecycle: &str) -> (String, String) {
    doc(id, "bill", "[\"police\"]", lifecycle, "rule no-asking {\n  action inquire_status\n  outcome prohibited\n}")
}

fn events(list: &[(&str, &str, &str)]) -> String {
    list.iter()
        .map(|(event, date, extra)| format!("[[lifecycle]]\nevent = \"{event}\"\ndate = \"{date}\"\n{extra}"))
        .collect::<Vec<_>>()
        .join("")
}

fn bill_corpus() -> Corpus {
    corpus(&[
        federal(),
        bill(
            "us-md-howard/cb-9-2017",
            &events(&[
                ("introduced", "2017-01-03", ""),
                ("passed", "2017-02-06", "vote = \"3-2\"\n"),
                ("vetoed", "2017-02-09", ""),
                ("override", "2017-03-06", "vote = \"3-2\"\nsucceeded = false\n"),
            ]),
        ),
        bill(
            "us-md-howard/cb-63-2020",
            &events(&[
                ("passed", "2020-12-07", "vote = \"4-1\"\n"),
                ("signed", "2020-12-10", ""),
                ("effective", "2022-12-08", ""),
                ("repealed", "2030-01-01", ""),
            ]),
        ),
        bill("us-md/trust-act", &events(&[("introduced", "2017-01-11", "")])),
    ])
}

#[test]
fn bills_list_lifecycle_state_and_force() {
    let c = bill_corpus();
    let list = bills(&c, &BillsQuery { jurisdiction: None, as_of: date("2024-01-01") }).unwrap();
    let ids: Vec<&str> = list.iter().map(|b| b.id.as_str()).collect();
    // The regulation is not a bill; bills come by id.
    assert_eq!(ids, ["us-md-howard/cb-63-2020", "us-md-howard/cb-9-2017", "us-md/trust-act"]);

    let vetoed = &list[1];
    assert_eq!((vetoed.in_force, vetoed.state, vetoed.effective), (false, BillState::NotEnacted, None));
    assert_eq!(vetoed.lifecycle.len(), 4);
    assert_eq!(vetoed.lifecycle[3].succeeded, Some(false));
    assert_eq!(vetoed.assumed_from, Some(date("2017-02-06")));
    assert!(vetoed.assumable);

    let enacted = &list[0];
    assert_eq!((enacted.effective, enacted.ends), (Some(date("2022-12-08")), Some(date("2030-01-01"))));
    assert_eq!((enacted.in_force, enacted.state), (true, BillState::InForce));

    assert_eq!((list[2].state, list[2].lifecycle.len()), (BillState::NotEnacted, 1));

    // Force is on the date asked about: before it took effect, and once repealed.
    let on = |d: &str| bills(&c, &BillsQuery { jurisdiction: None, as_of: date(d) }).unwrap().remove(0);
    assert_eq!((on("2022-12-07").in_force, on("2022-12-07").state), (false, BillState::NotYetInForce));
    assert_eq!((on("2022-12-08").in_force, on("2022-12-08").state), (true, BillState::InForce));
    assert_eq!((on("2030-01-01").in_force, on("2030-01-01").state), (false, BillState::Ended));
}

#[test]
fn bills_of_a_jurisdiction_include_those_under_it() {
    let c = bill_corpus();
    let ids = |j: &str| -> Vec<String> {
        bills(&c, &BillsQuery { jurisdiction: Some(j.into()), as_of: date("2024-01-01") }).unwrap().into_iter().map(|b| b.id).collect()
    };
    assert_eq!(ids("us-md-howard"), ["us-md-howard/cb-63-2020", "us-md-howard/cb-9-2017"]);
    assert_eq!(ids("us-md").len(), 3);
    assert!(ids("us-ca").is_empty());
    let error = bills(&c, &BillsQuery { jurisdiction: Some("us-md-hward".into()), as_of: date("2024-01-01") }).unwrap_err();
    assert_eq!(error.field, "jurisdiction");
    assert_eq!(error.hint.as_deref(), Some("did you mean `us-md-howard`?"));
    assert!(error.allowed.contains(&"us-md-howard".to_owned()));
}

fn facts(json: serde_json::Value) -> BTreeMap<String, RawValue> {
    serde_json::from_value(json).unwrap()
}

fn pg_hold(facts_json: serde_json::Value) -> TimelineQuery {
    TimelineQuery {
        jurisdiction: "us-md-prince-georges".into(),
        agency: "corrections".into(),
        action: "hold".into(),
        facts: facts(facts_json),
        ..TimelineQuery::default()
    }
}

#[test]
fn timeline_lists_each_change_with_the_event_that_made_it() {
    let mut docs = county();
    docs.push(federal());
    let c = corpus(&docs);
    let t = timeline(&c, &pg_hold(serde_json::json!({ "warrant": "none" }))).unwrap();
    assert_eq!((t.start.date, t.start.outcome), (date("1997-03-31"), Unregulated));
    let summary: Vec<(String, _, _)> = t.changes.iter().map(|ch| (ch.date.to_string(), ch.from, ch.to)).collect();
    // The practice took effect in 2009 without changing the answer; the police order never speaks to holds.
    assert_eq!(summary, [("1997-04-01".to_owned(), Unregulated, Permitted), ("2014-10-01".to_owned(), Permitted, Prohibited)]);
    let change = &t.changes[1];
    let events: Vec<(&str, &str)> = change.events.iter().map(|e| (e.document.as_str(), e.event.as_str())).collect();
    assert_eq!(events, [("us-md-prince-georges/policy-2014", "effective"), ("us-md-prince-georges/practice", "superseded-by")]);
    assert_eq!(change.events[0].title, "Title of us-md-prince-georges/policy-2014");
    let deciding: Vec<&str> = change.deciding.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(deciding, ["us-md-prince-georges/policy-2014#no-holds"]);

    // With a judicial warrant the policy permits the hold: no change in 2014.
    let t = timeline(&c, &pg_hold(serde_json::json!({ "warrant": "judicial" }))).unwrap();
    assert_eq!(t.changes.len(), 1);
    // Asking also for changes of the deciding law shows the practice and the policy taking over.
    let mut query = pg_hold(serde_json::json!({ "warrant": "judicial" }));
    query.deciding_changes = true;
    let dates: Vec<String> = timeline(&c, &query).unwrap().changes.iter().map(|ch| ch.date.to_string()).collect();
    assert_eq!(dates, ["1997-04-01", "2009-12-22", "2014-10-01"]);
}

/// A lifecycle date that stands for an unknown day says so in data, on the change it explains;
/// the other events do not.
#[test]
fn a_placeholder_date_is_marked_on_its_change() {
    let mut docs = county();
    docs.push(federal());
    let (path, text) = &mut docs[1];
    assert!(path.contains("policy-2014"));
    *text = text.replace(
        "event = \"effective\"\ndate = \"2014-10-01\"\n",
        "event = \"effective\"\ndate = \"2014-10-01\"\nnote = \"PLACEHOLDER: the day in October 2014 is not known\"\nplaceholder = true\n",
    );
    let c = corpus(&docs);
    let t = timeline(&c, &pg_hold(serde_json::json!({ "warrant": "none" }))).unwrap();
    let marks: Vec<(&str, &str, bool)> =
        t.changes.iter().flat_map(|ch| &ch.events).map(|e| (e.document.as_str(), e.event.as_str(), e.parts.placeholder)).collect();
    assert_eq!(
        marks,
        [
            ("us/detainers", "effective", false),
            ("us-md-prince-georges/policy-2014", "effective", true),
            ("us-md-prince-georges/practice", "superseded-by", false)
        ]
    );
}

#[test]
fn timeline_keeps_to_the_dates_asked_for() {
    let mut docs = county();
    docs.push(federal());
    let c = corpus(&docs);
    let mut query = pg_hold(serde_json::json!({ "warrant": "none" }));
    query.from = Some(date("2014-10-01"));
    let t = timeline(&c, &query).unwrap();
    assert_eq!((t.start.outcome, t.changes.len()), (Prohibited, 0));
    query.from = Some(date("2000-01-01"));
    query.until = Some(date("2014-09-30"));
    let t = timeline(&c, &query).unwrap();
    assert_eq!((t.start.outcome, t.changes.len()), (Permitted, 0));
    query.until = Some(date("2014-10-01"));
    assert_eq!(timeline(&c, &query).unwrap().changes.len(), 1);
}

#[test]
fn timeline_follows_rule_periods_and_conviction_windows() {
    let c = corpus(&[doc(
        "us-ca/notify",
        "statute",
        "\"all\"",
        &effective("2014-01-01"),
        "rule recent-conviction {\n  action notify\n  when any convictions where date within 5 years\n  outcome permitted\n  until 2030-01-01\n}\n\nrule otherwise {\n  action notify\n  when no convictions where date within 5 years\n  outcome prohibited\n}",
    )]);
    let query = TimelineQuery {
        jurisdiction: "us-ca".into(),
        agency: "sheriff".into(),
        action: "notify".into(),
        facts: facts(serde_json::json!({ "convictions": [{ "offense": "robbery", "level": "felony", "date": "2016-06-01" }] })),
        ..TimelineQuery::default()
    };
    let t = timeline(&c, &query).unwrap();
    let summary: Vec<(String, _, _)> = t.changes.iter().map(|ch| (ch.date.to_string(), ch.from, ch.to)).collect();
    assert_eq!(
        summary,
        [
            ("2014-01-01".to_owned(), Unregulated, Prohibited),
            ("2016-06-01".to_owned(), Prohibited, Permitted),
            ("2021-06-02".to_owned(), Permitted, Prohibited),
        ]
    );
    let window = &t.changes[2].events[0];
    assert_eq!((window.event.as_str(), window.rule.as_deref()), ("window", Some("us-ca/notify#otherwise")));

    // A conviction dated relative to the day asked about never leaves the window; the rule's own
    // end is then the change.
    let mut relative = query.clone();
    relative.facts = facts(serde_json::json!({ "convictions": [{ "offense": "robbery", "level": "felony", "date": "as_of - 1 year" }] }));
    let t = timeline(&c, &relative).unwrap();
    let last = t.changes.last().unwrap();
    assert_eq!((last.date, last.from, last.to), (date("2030-01-01"), Permitted, Unregulated));
    assert_eq!(last.events[0].event, "rule-until");
}

#[test]
fn timeline_names_a_bad_field() {
    let c = corpus(&[federal()]);
    let mut query = pg_hold(serde_json::json!({ "warrant": "judge" }));
    assert_eq!(timeline(&c, &query).unwrap_err().field, "facts.warrant");
    query.facts.clear();
    query.action = "hodl".into();
    let error = timeline(&c, &query).unwrap_err();
    assert_eq!((error.field.as_str(), error.hint.as_deref()), ("action", Some("did you mean `hold`?")));
}

const SITUATIONS: &str = r#"
[default_agency]
hold = "corrections"
notify = "corrections"
inquire_status = "police"

[jurisdiction_agency.us-md-baltimore-city]
hold = "state-corrections"

[[situation]]
id = "no-warrant"
description = "a detainer with no warrant"
facts = { warrant = "none", convictions = [] }

[[situation]]
id = "recent-conviction"
description = "convicted two years ago"
facts = { warrant = "none", convictions = [{ offense = "robbery", level = "felony", date = "as_of - 2 years" }] }
"#;

#[test]
fn compare_decides_every_cell_with_the_agency_that_acts() {
    let mut docs = county();
    docs.push(federal());
    docs.push(doc(
        "us-md-montgomery/notify",
        "directive",
        "[\"corrections\"]",
        &effective("2010-01-01"),
        "rule no-notice {\n  action notify\n  outcome prohibited\n}\n\nrule recent {\n  action notify\n  when any convictions where date within 5 years\n  outcome permitted\n  exception to no-notice\n}",
    ));
    let c = corpus(&docs);
    let situations = Situations::parse("situations.toml", SITUATIONS, &c).unwrap();
    let mut query = CompareQuery::on(date("2015-01-01"));
    query.jurisdictions = vec!["us-md-prince-georges".into(), "us-md-montgomery".into(), "us-md-baltimore-city".into()];
    query.actions = vec!["hold".into(), "notify".into()];
    let m = compare(&c, &situations, &query).unwrap();
    assert_eq!(m.cells.len(), 2 * 3 * 2);
    let cell = |s: &str, j: &str, a: &str| m.cell(s, j, a).unwrap();
    assert_eq!(cell("no-warrant", "us-md-prince-georges", "hold").outcome, Prohibited);
    assert_eq!(cell("no-warrant", "us-md-prince-georges", "hold").deciding[0].rule, "us-md-prince-georges/policy-2014#no-holds");
    assert_eq!(cell("no-warrant", "us-md-montgomery", "hold").outcome, Permitted);
    assert_eq!(cell("no-warrant", "us-md-montgomery", "notify").outcome, Prohibited);
    // The relative conviction date is two years before the date compared.
    assert_eq!(cell("recent-conviction", "us-md-montgomery", "notify").outcome, Permitted);
    // Baltimore City's jail is the State's: the county policy binds corrections, not it.
    assert_eq!(cell("no-warrant", "us-md-baltimore-city", "hold").agency, "state-corrections");
    assert_eq!(cell("no-warrant", "us-md-prince-georges", "hold").agency, "corrections");
    // Before the county policy, the practice permitted the hold.
    let mut earlier = query.clone();
    earlier.as_of = date("2014-09-30");
    assert_eq!(compare(&c, &situations, &earlier).unwrap().cell("no-warrant", "us-md-prince-georges", "hold").unwrap().outcome, Permitted);
    // A name given twice is compared once.
    let mut twice = query.clone();
    twice.actions = vec!["hold".into(), "hold".into()];
    assert_eq!(compare(&c, &situations, &twice).unwrap().cells.len(), 2 * 3);
    // One agency for every cell.
    query.agency = Some("police".into());
    assert!(compare(&c, &situations, &query).unwrap().cells.iter().all(|c| c.agency == "police"));
    // Unknown names are errors naming the field.
    query.situations = vec!["no-warant".into()];
    let error = compare(&c, &situations, &query).unwrap_err();
    assert_eq!((error.field.as_str(), error.hint.as_deref()), ("situation", Some("did you mean `no-warrant`?")));
}

#[test]
fn compare_defaults_to_every_jurisdiction_action_and_situation() {
    let c = corpus(&[federal()]);
    let situations = Situations::parse("situations.toml", SITUATIONS, &c).unwrap();
    let mut query = CompareQuery::on(date("2015-01-01"));
    query.actions = vec!["hold".into(), "inquire_status".into()];
    let m = compare(&c, &situations, &query).unwrap();
    assert_eq!(m.jurisdictions.len(), c.vocabulary().jurisdictions.len());
    assert_eq!(m.situations.len(), 2);
    assert!(m.cells.iter().filter(|c| c.action == "hold").all(|c| c.outcome == Permitted), "{:?}", m.cells);
    assert!(m.cells.iter().filter(|c| c.action == "inquire_status").all(|c| c.outcome == Unregulated));
    // An action with no default agency needs one named.
    query.actions = vec!["transfer".into()];
    let error = compare(&c, &situations, &query).unwrap_err();
    assert_eq!(error.field, "agency");
}

#[test]
fn situations_files_are_checked_against_the_vocabulary() {
    let c = corpus(&[federal()]);
    let code = |text: &str| Situations::parse("s.toml", text, &c).unwrap_err().code;
    assert_eq!(code("[[situation]]\nid = \"a\""), "E0601");
    assert_eq!(code("[default_agency]\nhold = \"jail\"\n"), "E0602");
    assert_eq!(code("[default_agency]\nhodl = \"police\"\n"), "E0602");
    assert_eq!(code("[jurisdiction_agency.us-md-nowhere]\nhold = \"police\"\n"), "E0602");
    assert_eq!(code("[[situation]]\nid = \"a\"\ndescription = \"\"\n[[situation]]\nid = \"a\"\ndescription = \"\"\n"), "E0603");
    assert_eq!(code("[[situation]]\nid = \"A b\"\ndescription = \"\"\n"), "E0603");
    let error =
        Situations::parse("s.toml", "[[situation]]\nid = \"a\"\ndescription = \"\"\nfacts = { warrant = \"judge\" }\n", &c).unwrap_err();
    assert_eq!(error.code, "E0604");
    assert!(error.message.contains("`facts.warrant`: unknown warrant `judge`"), "{}", error.message);
    assert_eq!(
        code(
            "[[situation]]\nid = \"a\"\ndescription = \"\"\nfacts = { convictions = [{ offense = \"theft\", date = \"as_of - soon\" }] }\n"
        ),
        "E0604"
    );
}

#[test]
fn a_diff_tells_a_count_below_the_threshold_from_one_at_it() {
    use juris::analysis::{DiffOptions, FactCondition, LawState};
    use juris::request::{Element, Value};
    let body = "rule repeat {\n  action hold\n  when at least 3 convictions where level = misdemeanor\n  outcome permitted\n}";
    let c = corpus(&[doc("us-md/law", "statute", "\"all\"", &effective("2014-01-01"), body)]);
    let v = c.vocabulary();
    let md = v.jurisdiction("us-md").unwrap();
    let state = |d: &str| LawState { jurisdiction: md, as_of: date(d), assume_enacted: Vec::new() };
    let options =
        DiffOptions { agencies: vec![v.agency("corrections").unwrap()], actions: vec![v.action("hold").unwrap()], facts: Vec::new() };
    let report = c.diff(&state("2013-12-31"), &state("2014-01-01"), &options);
    assert!(!report.differences.is_empty());
    let convictions = v.fact("convictions").unwrap();
    let records = match v.facts[convictions as usize].ty {
        juris::vocabulary::FactType::Records(r) => &v.records[r as usize],
        _ => panic!("convictions is a list of records"),
    };
    let level = records.fields.iter().position(|(n, _)| n == "level").unwrap();
    let misdemeanor = v.enum_value(v.level_enum(), "misdemeanor").unwrap();
    let is_misdemeanor = |e: &Element| matches!(e, Element::Record(f) if f[level] == Some(Value::Enum(misdemeanor)));
    for d in &report.differences {
        assert_eq!((d.left.outcome, d.right.outcome), (Unregulated, Permitted));
        // Every witness holds three misdemeanors or more: two are not enough.
        let Some(Value::List(items)) = &d.witness[convictions as usize] else { panic!("the witness gives convictions") };
        assert!(items.iter().filter(|e| is_misdemeanor(e)).count() >= 3, "{d:?}");
        for (fact, condition) in &d.facts {
            if *fact == convictions {
                assert!(
                    !matches!(condition, FactCondition::Holds { .. } | FactCondition::HoldsAny { .. }),
                    "a count is not a kind: {condition:?}"
                );
            }
        }
    }
}

#[test]
fn a_timeline_names_the_class_that_changed() {
    let body = "class listed {\n  homicide\n  theft at felony from 2018-01-01\n}\nrule listed-conviction {\n  action notify\n  when any convictions where offense is listed\n  outcome permitted\n}";
    let c = corpus(&[doc("us-ca/law", "statute", "\"all\"", &effective("2014-01-01"), body)]);
    let query = TimelineQuery {
        jurisdiction: "us-ca".into(),
        agency: "sheriff".into(),
        action: "notify".into(),
        facts: facts(serde_json::json!({ "convictions": [{"offense": "theft", "level": "felony", "date": "2012-01-01"}] })),
        ..TimelineQuery::default()
    };
    let t = timeline(&c, &query).unwrap();
    let summary: Vec<(String, _, _)> = t.changes.iter().map(|ch| (ch.date.to_string(), ch.from, ch.to)).collect();
    assert_eq!(summary, [("2018-01-01".to_owned(), Unregulated, Permitted)]);
    let events: Vec<(&str, &str, Option<&str>)> =
        t.changes[0].events.iter().map(|e| (e.document.as_str(), e.event.as_str(), e.class.as_deref())).collect();
    assert_eq!(events, [("us-ca/law", "class-changes", Some("listed"))]);
}
