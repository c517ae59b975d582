//! One test (or a few) per rule of docs/semantics.md, named after the section it checks.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use common::{check, corpus, decide, doc, effective};
use juris::Outcome::*;
use juris::OverrideReason;
use serde_json::json;

fn federal_request() -> (String, String) {
    doc(
        "us/detainers",
        "regulation",
        "\"all\"",
        &effective("1997-04-01"),
        "rule request {\n  action hold\n  outcome permitted\n  obligation \"release within 48 hours\"\n}",
    )
}

fn req(jurisdiction: &str, agency: &str, as_of: &str, action: &str, facts: serde_json::Value) -> serde_json::Value {
    json!({ "jurisdiction": jurisdiction, "agency": agency, "as_of": as_of, "action": action, "facts": facts })
}

#[test]
fn s1_1_stack_includes_ancestors() {
    let c = corpus(&[federal_request()]);
    check(&c, req("us-md-montgomery", "corrections", "2019-01-01", "hold", json!({})), Permitted, &["us/detainers#request"]);
    check(&c, req("us-ca", "corrections", "2019-01-01", "hold", json!({})), Permitted, &["us/detainers#request"]);
}

#[test]
fn s1_2_document_applies_from_effective_date_not_signing() {
    let lifecycle = "[[lifecycle]]\nevent = \"signed\"\ndate = \"2019-07-01\"\n[[lifecycle]]\nevent = \"effective\"\ndate = \"2019-07-22\"\n[[lifecycle]]\nevent = \"repealed\"\ndate = \"2020-01-01\"\n";
    let c = corpus(&[
        federal_request(),
        doc(
            "us-md-montgomery/eo",
            "executive-order",
            "[\"corrections\"]",
            lifecycle,
            "rule no-holds {\n  action hold\n  outcome prohibited\n}",
        ),
    ]);
    let r = |d: &str| req("us-md-montgomery", "corrections", d, "hold", json!({}));
    check(&c, r("2019-07-21"), Permitted, &["us/detainers#request"]);
    check(&c, r("2019-07-22"), Prohibited, &["us-md-montgomery/eo#no-holds"]);
    check(&c, r("2019-12-31"), Prohibited, &["us-md-montgomery/eo#no-holds"]);
    check(&c, r("2020-01-01"), Permitted, &["us/detainers#request"]);
}

fn vetoed_bill() -> (String, String) {
    let lifecycle = "[[lifecycle]]\nevent = \"introduced\"\ndate = \"2017-01-03\"\n[[lifecycle]]\nevent = \"passed\"\ndate = \"2017-02-06\"\nvote = \"3-2\"\n[[lifecycle]]\nevent = \"vetoed\"\ndate = \"2017-02-09\"\n[[lifecycle]]\nevent = \"override\"\ndate = \"2017-03-06\"\nvote = \"3-2\"\nsucceeded = false\n";
    doc(
        "us-md-howard/cb-9-2017",
        "bill",
        "[\"police\", \"county\"]",
        lifecycle,
        "rule no-inquiry {\n  action inquire_status\n  outcome prohibited\n}",
    )
}

#[test]
fn s1_2_vetoed_bill_never_applies() {
    let c = corpus(&[vetoed_bill()]);
    for date in ["2017-02-06", "2017-02-10", "2017-03-07", "2025-01-01"] {
        check(&c, req("us-md-howard", "police", date, "inquire_status", json!({})), Unregulated, &[]);
    }
}

#[test]
fn s1_3_assume_enacted_applies_a_bill_from_passage() {
    let c = corpus(&[vetoed_bill()]);
    let mut r = req("us-md-howard", "police", "2017-02-10", "inquire_status", json!({}));
    r["assume_enacted"] = json!(["us-md-howard/cb-9-2017"]);
    let view = check(&c, r.clone(), Prohibited, &["us-md-howard/cb-9-2017#no-inquiry"]);
    assert_eq!(view.assumed_enacted, vec!["us-md-howard/cb-9-2017"]);
    r["as_of"] = json!("2017-02-05");
    check(&c, r, Unregulated, &[]);
}

#[test]
fn s1_3_assume_enacted_rejects_documents_that_are_not_bills() {
    let c = corpus(&[vetoed_bill(), federal_request()]);
    let raw: juris::RawRequest = serde_json::from_value(
        json!({"jurisdiction": "us", "agency": "police", "as_of": "2020-01-01", "action": "hold", "assume_enacted": ["us/detainers"]}),
    )
    .unwrap();
    let error = c.resolve(&raw).unwrap_err();
    assert_eq!(error.field, "assume_enacted[0]");
    assert!(error.allowed.contains(&"us-md-howard/cb-9-2017".to_string()));
}

#[test]
fn s1_4_documents_bind_only_their_agencies() {
    let c = corpus(&[
        federal_request(),
        doc(
            "us-md-montgomery/eo",
            "executive-order",
            "[\"corrections\", \"police\"]",
            &effective("2019-07-22"),
            "rule no-holds {\n  action hold\n  outcome prohibited\n}\nrule jail-only {\n  action hold\n  agency corrections\n  when warrant = judicial\n  outcome permitted\n  exception to no-holds\n}",
        ),
    ]);
    check(&c, req("us-md-montgomery", "sheriff", "2020-01-01", "hold", json!({})), Permitted, &["us/detainers#request"]);
    check(
        &c,
        req("us-md-montgomery", "police", "2020-01-01", "hold", json!({"warrant": "judicial"})),
        Prohibited,
        &["us-md-montgomery/eo#no-holds"],
    );
    check(
        &c,
        req("us-md-montgomery", "corrections", "2020-01-01", "hold", json!({"warrant": "judicial"})),
        Permitted,
        &["us/detainers#request", "us-md-montgomery/eo#jail-only"],
    );
}

#[test]
fn s1_5_rule_period_is_half_open() {
    let c = corpus(&[doc(
        "us-ca/act",
        "statute",
        "\"all\"",
        &effective("2014-01-01"),
        "rule limited {\n  action hold\n  outcome prohibited\n  from 2015-01-01\n  until 2016-01-01\n}",
    )]);
    let r = |d: &str| req("us-ca", "sheriff", d, "hold", json!({}));
    check(&c, r("2014-12-31"), Unregulated, &[]);
    check(&c, r("2015-01-01"), Prohibited, &["us-ca/act#limited"]);
    check(&c, r("2015-12-31"), Prohibited, &["us-ca/act#limited"]);
    check(&c, r("2016-01-01"), Unregulated, &[]);
}

#[test]
fn s1_6_guidance_is_advice() {
    let c = corpus(&[doc(
        "us-md/ag",
        "guidance",
        "\"all\"",
        &effective("2017-05-04"),
        "rule judge-warrant {\n  action hold\n  when warrant != judicial\n  outcome prohibited\n}",
    )]);
    let view = check(&c, req("us-md", "corrections", "2018-01-01", "hold", json!({"warrant": "none"})), Unregulated, &[]);
    assert_eq!(view.advice.len(), 1);
    assert_eq!(view.advice[0].rule, "us-md/ag#judge-warrant");
}

#[test]
fn s2_unknown_facts_are_not_false() {
    let c = corpus(&[doc(
        "us-md/law",
        "statute",
        "\"all\"",
        &effective("2000-01-01"),
        "rule r {\n  action notify\n  when held_to_answer or sex_offender_registrant\n  outcome permitted\n}",
    )]);
    // true or unknown is true: decided without the other fact.
    check(&c, req("us-md", "corrections", "2020-01-01", "notify", json!({"held_to_answer": true})), Permitted, &["us-md/law#r"]);
    // false or unknown is unknown: the missing fact is named.
    let view =
        check(&c, req("us-md", "corrections", "2020-01-01", "notify", json!({"held_to_answer": false})), Uncertain, &["us-md/law#r"]);
    assert_eq!(view.missing_facts, vec!["sex_offender_registrant"]);
    assert_eq!(view.possible_outcomes, vec![Permitted, Unregulated]);
}

#[test]
fn s3_exception_beats_the_rule_it_excepts() {
    let body = "rule no-holds {\n  action hold\n  outcome prohibited\n}\nrule warrant {\n  action hold\n  when warrant = judicial\n  outcome permitted\n  exception to no-holds\n}\nrule but-not-minors {\n  action hold\n  when role = victim\n  outcome prohibited\n  exception to warrant\n}";
    let c = corpus(&[doc("us-md-prince-georges/doc", "practice", "[\"corrections\"]", &effective("2014-10-01"), body)]);
    let r = |facts| req("us-md-prince-georges", "corrections", "2015-01-01", "hold", facts);
    check(&c, r(json!({"warrant": "none", "role": "inmate"})), Prohibited, &["us-md-prince-georges/doc#no-holds"]);
    let view = check(&c, r(json!({"warrant": "judicial", "role": "inmate"})), Permitted, &["us-md-prince-georges/doc#warrant"]);
    assert_eq!(view.overridden[0].rule, "us-md-prince-georges/doc#no-holds");
    assert_eq!(view.overridden[0].reason, OverrideReason::Exception);
    assert_eq!(view.overridden[0].by.as_deref(), Some("us-md-prince-georges/doc#warrant"));
    // An exception to the exception revives the original rule.
    check(
        &c,
        r(json!({"warrant": "judicial", "role": "victim"})),
        Prohibited,
        &["us-md-prince-georges/doc#no-holds", "us-md-prince-georges/doc#but-not-minors"],
    );
}

#[test]
fn s3_conflict_within_a_document_is_uncertain() {
    let body = "rule a {\n  action notify\n  when held_to_answer\n  outcome permitted\n}\nrule b {\n  action notify\n  when sex_offender_registrant\n  outcome prohibited\n}";
    let c = corpus(&[doc("us-ca/law", "statute", "\"all\"", &effective("2018-01-01"), body)]);
    let view =
        decide(&c, req("us-ca", "sheriff", "2019-01-01", "notify", json!({"held_to_answer": true, "sex_offender_registrant": true})));
    assert_eq!(view.outcome, Uncertain);
    assert_eq!(view.conflicts.len(), 1);
    assert_eq!(view.conflicts[0].rules, vec!["us-ca/law#a", "us-ca/law#b"]);
    check(
        &c,
        req("us-ca", "sheriff", "2019-01-01", "notify", json!({"held_to_answer": true, "sex_offender_registrant": false})),
        Permitted,
        &["us-ca/law#a"],
    );
}

#[test]
fn s4_later_document_governs_within_a_jurisdiction() {
    let c = corpus(&[
        doc(
            "us-md-montgomery/memo-2014",
            "directive",
            "[\"corrections\"]",
            &effective("2014-10-07"),
            "rule no-holds {\n  action hold\n  outcome prohibited\n}",
        ),
        doc(
            "us-md-montgomery/practice-2010",
            "practice",
            "[\"corrections\"]",
            &effective("2010-01-01"),
            "rule holds {\n  action hold\n  outcome permitted\n}",
        ),
    ]);
    check(
        &c,
        req("us-md-montgomery", "corrections", "2014-10-06", "hold", json!({})),
        Permitted,
        &["us-md-montgomery/practice-2010#holds"],
    );
    let view = check(
        &c,
        req("us-md-montgomery", "corrections", "2014-10-07", "hold", json!({})),
        Prohibited,
        &["us-md-montgomery/memo-2014#no-holds"],
    );
    assert_eq!(view.overridden[0].reason, OverrideReason::LaterDocument);
}

#[test]
fn s4_declared_override_beats_dates() {
    let mut statute =
        doc("us-md/statute", "statute", "\"all\"", &effective("2010-01-01"), "rule no {\n  action notify\n  outcome prohibited\n}");
    statute.1 = statute.1.replace("confidence = \"sourced\"\n", "confidence = \"sourced\"\noverrides = [\"us-md/later-practice\"]\n");
    let c = corpus(&[
        statute,
        doc("us-md/later-practice", "practice", "\"all\"", &effective("2015-01-01"), "rule yes {\n  action notify\n  outcome permitted\n}"),
    ]);
    let view = check(&c, req("us-md", "state-corrections", "2016-01-01", "notify", json!({})), Prohibited, &["us-md/statute#no"]);
    assert_eq!(view.overridden[0].reason, OverrideReason::DeclaredOverride);
}

#[test]
fn s4_same_day_documents_that_disagree_are_a_conflict() {
    let c = corpus(&[
        doc("us-md/a", "statute", "\"all\"", &effective("2015-01-01"), "rule no {\n  action notify\n  outcome prohibited\n}"),
        doc("us-md/b", "statute", "\"all\"", &effective("2015-01-01"), "rule yes {\n  action notify\n  outcome permitted\n}"),
    ]);
    let view = decide(&c, req("us-md", "police", "2016-01-01", "notify", json!({})));
    assert_eq!(view.outcome, Uncertain);
    assert_eq!(view.conflicts[0].kind, juris::ConflictKind::SameDate);
}

#[test]
fn s5_lower_layer_may_restrict_what_a_higher_permits() {
    let c = corpus(&[
        federal_request(),
        doc(
            "us-md-prince-georges/doc",
            "practice",
            "[\"corrections\"]",
            &effective("2014-10-01"),
            "rule no-holds {\n  action hold\n  outcome prohibited\n}",
        ),
    ]);
    let view = check(
        &c,
        req("us-md-prince-georges", "corrections", "2014-10-02", "hold", json!({})),
        Prohibited,
        &["us-md-prince-georges/doc#no-holds"],
    );
    assert_eq!(view.overridden[0].rule, "us/detainers#request");
    assert_eq!(view.overridden[0].reason, OverrideReason::LowerLayer);
    assert!(view.conflicts.is_empty());
    assert!(view.obligations.is_empty(), "obligations of overridden rules do not attach");
}

#[test]
fn s5_lower_layer_cannot_permit_what_a_higher_prohibits() {
    let c = corpus(&[
        doc("us-md/ban", "statute", "\"all\"", &effective("2026-02-17"), "rule no-287g {\n  action enter_287g\n  outcome prohibited\n}"),
        doc(
            "us-md-frederick/moa",
            "agreement",
            "[\"sheriff\"]",
            &effective("2008-04-11"),
            "rule moa {\n  action enter_287g\n  outcome permitted\n}",
        ),
    ]);
    check(&c, req("us-md-frederick", "sheriff", "2026-02-16", "enter_287g", json!({})), Permitted, &["us-md-frederick/moa#moa"]);
    let view = check(&c, req("us-md-frederick", "sheriff", "2026-02-17", "enter_287g", json!({})), Prohibited, &["us-md/ban#no-287g"]);
    assert_eq!(view.conflicts.len(), 1);
    assert_eq!(view.conflicts[0].rules, vec!["us-md/ban#no-287g", "us-md-frederick/moa#moa"]);
    assert_eq!(view.overridden[0].reason, OverrideReason::Preemption);
}

#[test]
fn s5_lower_layer_cannot_prohibit_what_a_higher_requires() {
    let c = corpus(&[
        doc("us/law", "statute", "\"all\"", &effective("2000-01-01"), "rule must {\n  action share_status\n  outcome required\n}"),
        doc(
            "us-ca/law",
            "statute",
            "\"all\"",
            &effective("2000-01-01"),
            "rule no {\n  action share_status\n  outcome prohibited\n}\nrule may {\n  action notify\n  outcome permitted\n}",
        ),
    ]);
    let view = check(&c, req("us-ca", "police", "2020-01-01", "share_status", json!({})), Required, &["us/law#must"]);
    assert_eq!(view.conflicts.len(), 1);
}

#[test]
fn s5_nothing_in_force_is_unregulated() {
    let c = corpus(&[federal_request()]);
    check(&c, req("us-md", "police", "2020-01-01", "interview", json!({})), Unregulated, &[]);
    check(&c, req("us-md", "police", "1990-01-01", "hold", json!({})), Unregulated, &[]);
}

#[test]
fn s6_unsettled_law_is_uncertain_with_its_reason() {
    let body = "rule no-holds {\n  action hold\n  outcome prohibited\n}\nrule ice-pc {\n  action hold\n  when warrant = administrative\n  outcome uncertain(permitted, prohibited)\n  reason \"is an I-200 adequate support for probable cause?\"\n  exception to no-holds\n}\nrule judge {\n  action hold\n  when warrant = judicial\n  outcome permitted\n  exception to no-holds\n}";
    let c = corpus(&[federal_request(), doc("us-md-montgomery/memo", "directive", "[\"corrections\"]", &effective("2014-10-07"), body)]);
    let r = |facts| req("us-md-montgomery", "corrections", "2017-06-01", "hold", facts);
    let view = check(&c, r(json!({"warrant": "administrative"})), Uncertain, &["us-md-montgomery/memo#ice-pc", "us/detainers#request"]);
    assert_eq!(view.uncertainties[0].reason, "is an I-200 adequate support for probable cause?");
    assert!(view.missing_facts.is_empty());
    check(&c, r(json!({"warrant": "none"})), Prohibited, &["us-md-montgomery/memo#no-holds"]);
    // With the warrant unknown, every value is tried and the fact is named.
    let view = decide(&c, r(json!({})));
    assert_eq!(view.outcome, Uncertain);
    assert_eq!(view.missing_facts, vec!["warrant"]);
}

#[test]
fn s6_facts_that_cannot_change_the_outcome_are_not_missing() {
    let body = "rule a {\n  action hold\n  when warrant = judicial\n  outcome prohibited\n}\nrule b {\n  action hold\n  when warrant != judicial\n  outcome prohibited\n}";
    let c = corpus(&[doc("us-ca/law", "statute", "\"all\"", &effective("2018-01-01"), body)]);
    let view = decide(&c, req("us-ca", "sheriff", "2019-01-01", "hold", json!({})));
    assert_eq!(view.outcome, Prohibited);
    assert!(view.missing_facts.is_empty());
}

#[test]
fn s6_coarse_class_names_the_gap() {
    let classes = "class violent {\n  homicide, rape\n  assault at felony\n  maybe weapons \"only some weapons offenses are listed\"\n}\nrule notify {\n  action notify\n  when any convictions where offense is violent\n  outcome permitted\n}";
    let c = corpus(&[doc("us-md/cov", "statute", "\"all\"", &effective("1990-01-01"), classes)]);
    let r = |convictions| req("us-md", "corrections", "2020-01-01", "notify", json!({"convictions": convictions}));
    check(&c, r(json!([{"offense": "rape", "level": "felony", "date": "2010-01-01"}])), Permitted, &["us-md/cov#notify"]);
    check(&c, r(json!([{"offense": "assault", "level": "misdemeanor", "date": "2010-01-01"}])), Unregulated, &[]);
    check(&c, r(json!([])), Unregulated, &[]);
    let view = decide(&c, r(json!([{"offense": "weapons", "level": "felony", "date": "2010-01-01"}])));
    assert_eq!(view.outcome, Uncertain);
    assert_eq!(view.uncertainties[0].source, "class violent");
    // The level is unknown and assault's membership depends on it.
    let view = decide(&c, r(json!([{"offense": "assault", "date": "2010-01-01"}])));
    assert_eq!(view.outcome, Uncertain);
    assert_eq!(view.missing_facts, vec!["convictions"]);
    // No convictions list at all: the list itself is missing.
    let view = decide(&c, req("us-md", "corrections", "2020-01-01", "notify", json!({})));
    assert_eq!(view.missing_facts, vec!["convictions"]);
}

#[test]
fn s8_within_window_boundaries() {
    let body = "rule recent {\n  action notify\n  when any convictions where (level = misdemeanor and date within 5 years)\n  outcome permitted\n}";
    let c = corpus(&[doc("us-ca/law", "statute", "\"all\"", &effective("2014-01-01"), body)]);
    let r = |date: &str| {
        req(
            "us-ca",
            "sheriff",
            "2019-04-01",
            "notify",
            json!({"convictions": [{"offense": "battery", "level": "misdemeanor", "date": date}]}),
        )
    };
    check(&c, r("2014-04-01"), Permitted, &["us-ca/law#recent"]);
    check(&c, r("2014-03-31"), Unregulated, &[]);
    check(&c, r("2019-04-01"), Permitted, &["us-ca/law#recent"]);
    check(&c, r("2019-04-02"), Unregulated, &[]);
    // February 29 clamps to February 28.
    let leap = |as_of: &str, date: &str| json!({"jurisdiction": "us-ca", "agency": "sheriff", "as_of": as_of, "action": "notify", "facts": {"convictions": [{"offense": "battery", "level": "misdemeanor", "date": date}]}});
    check(&c, leap("2020-02-29", "2015-02-28"), Permitted, &["us-ca/law#recent"]);
    check(&c, leap("2020-02-29", "2015-02-27"), Unregulated, &[]);
}

#[test]
fn s7_every_list_is_sorted_and_the_corpus_hash_is_echoed() {
    let c = corpus(&[federal_request(), vetoed_bill()]);
    let view = decide(&c, req("us-md-howard", "police", "2020-01-01", "hold", json!({})));
    assert_eq!(view.corpus, c.hash());
    assert_eq!(view.corpus.len(), 64);
    assert_eq!(view.obligations[0].text, "release within 48 hours");
}

#[test]
fn s2_at_least_counts_elements_and_their_unknowns() {
    let body = "rule repeat {\n  action hold\n  when at least 3 convictions where level = misdemeanor\n  outcome permitted\n}";
    let c = corpus(&[doc("us-md/law", "statute", "\"all\"", &effective("2014-01-01"), body)]);
    let misd = json!({"offense": "theft", "level": "misdemeanor", "date": "2015-01-01"});
    let felony = json!({"offense": "theft", "level": "felony", "date": "2015-01-01"});
    let unknown_level = json!({"offense": "theft", "date": "2015-01-01"});
    let r = |convictions: serde_json::Value| req("us-md", "corrections", "2019-01-01", "hold", json!({"convictions": convictions}));
    // Just below and at the count.
    check(&c, r(json!([misd, misd])), Unregulated, &[]);
    check(&c, r(json!([misd, misd, misd])), Permitted, &["us-md/law#repeat"]);
    check(&c, r(json!([misd, felony, misd, misd])), Permitted, &["us-md/law#repeat"]);
    // A felony is not counted.
    check(&c, r(json!([misd, misd, felony])), Unregulated, &[]);
    // An element that may count makes the answer unknown only when it could reach the count.
    let view = decide(&c, r(json!([misd, misd, unknown_level])));
    assert_eq!(view.outcome, Uncertain);
    assert_eq!(view.missing_facts, vec!["convictions"]);
    check(&c, r(json!([misd, unknown_level])), Unregulated, &[]);
    check(&c, r(json!([misd, misd, misd, unknown_level])), Permitted, &["us-md/law#repeat"]);
    // No list at all: unknown.
    let view = decide(&c, req("us-md", "corrections", "2019-01-01", "hold", json!({})));
    assert_eq!(view.outcome, Uncertain);
    assert_eq!(view.missing_facts, vec!["convictions"]);
}

#[test]
fn s2_a_class_line_holds_from_its_date_until_its_end() {
    let body = "class listed {\n  homicide\n  theft at felony from 2018-01-01\n  maybe fraud \"only some frauds\" from 2018-01-01 until 2020-01-01\n}\nrule listed-conviction {\n  action notify\n  when any convictions where offense is listed\n  outcome permitted\n}";
    let c = corpus(&[doc("us-ca/law", "statute", "\"all\"", &effective("2014-01-01"), body)]);
    let r = |as_of: &str, offense: &str| {
        req("us-ca", "sheriff", as_of, "notify", json!({"convictions": [{"offense": offense, "level": "felony", "date": "2012-01-01"}]}))
    };
    check(&c, r("2017-12-31", "homicide"), Permitted, &["us-ca/law#listed-conviction"]);
    check(&c, r("2017-12-31", "theft"), Unregulated, &[]);
    check(&c, r("2018-01-01", "theft"), Permitted, &["us-ca/law#listed-conviction"]);
    check(&c, r("2017-12-31", "fraud"), Unregulated, &[]);
    assert_eq!(decide(&c, r("2018-01-01", "fraud")).outcome, Uncertain);
    assert_eq!(decide(&c, r("2019-12-31", "fraud")).outcome, Uncertain);
    check(&c, r("2020-01-01", "fraud"), Unregulated, &[]);
    check(&c, r("2020-01-01", "theft"), Permitted, &["us-ca/law#listed-conviction"]);
}
