//! Answers with conditions: `cases` on decisions that hinge on missing facts, their witnesses and
//! coverage, and guided interviews led by `next_question`, on inline corpora and the shipped one.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use common::{corpus, decide, doc, effective};
use juris::Outcome::{self, *};
use juris::view::DecisionView;
use juris::view::{CaseView, ConditionTest, ConditionView};
use juris::{Corpus, RawValue};
use serde_json::{Value as Json, json};

fn req(jurisdiction: &str, agency: &str, action: &str, facts: Json) -> Json {
    json!({ "jurisdiction": jurisdiction, "agency": agency, "as_of": "2020-01-01", "action": action, "facts": facts })
}

fn raw_json(value: &RawValue) -> Json {
    serde_json::to_value(value).unwrap()
}

/// Whether a case's condition holds for a completion of the request (scalar facts only).
fn holds(case: &CaseView, facts: &serde_json::Map<String, Json>) -> bool {
    case.condition.iter().all(|c| match &c.test {
        ConditionTest::Values { values } => facts.get(&c.fact).is_some_and(|x| values.iter().any(|v| raw_json(v) == *x)),
        _ => panic!("`{}`: only scalar conditions are enumerated here", c.fact),
    })
}

/// Decides `request` and checks its cases: their readings and outcomes are `expected` (in
/// order); each witness, decided, gives its case's outcome and possible outcomes; and when
/// `domains` lists the missing facts' values, every combination lies in exactly one case and
/// deciding it gives that case's outcome.
fn check(corpus: &Corpus, request: Json, expected: &[(&str, Outcome)], domains: &[(&str, Vec<Json>)]) -> DecisionView {
    let view = decide(corpus, request.clone());
    assert_eq!(view.outcome, Uncertain, "{view:#?}");
    let readings: Vec<String> = view.cases.iter().map(|c| when(&c.condition)).collect();
    let got: Vec<(&str, Outcome)> = readings.iter().map(String::as_str).zip(view.cases.iter().map(|c| c.outcome)).collect();
    assert_eq!(got, expected, "cases: {:#?}", view.cases);
    assert!(view.cases_exact);
    for case in &view.cases {
        let witness = decide(corpus, serde_json::to_value(&case.witness).unwrap());
        assert_eq!(
            (witness.outcome, &witness.possible_outcomes),
            (case.outcome, &case.possible_outcomes),
            "witness of `{}`",
            when(&case.condition)
        );
        let deciding: Vec<&str> = witness.deciding.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(deciding, case.deciding, "witness of `{}`", when(&case.condition));
        assert!(witness.cases.is_empty() || witness.outcome == Uncertain);
    }
    if !domains.is_empty() {
        let mut combinations: Vec<serde_json::Map<String, Json>> = vec![request["facts"].as_object().cloned().unwrap_or_default()];
        for (fact, values) in domains {
            combinations = combinations
                .into_iter()
                .flat_map(|c| {
                    values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.insert((*fact).to_owned(), v.clone());
                        c
                    })
                })
                .collect();
        }
        for facts in combinations {
            let matching: Vec<&CaseView> = view.cases.iter().filter(|c| holds(c, &facts)).collect();
            assert_eq!(matching.len(), 1, "{facts:?} lies in {} cases", matching.len());
            let mut full = request.clone();
            full["facts"] = Json::Object(facts.clone());
            let decided = decide(corpus, full);
            assert_eq!((decided.outcome, &decided.possible_outcomes), (matching[0].outcome, &matching[0].possible_outcomes), "{facts:?}");
        }
    }
    view
}

fn bools() -> Vec<Json> {
    vec![json!(false), json!(true)]
}

fn roles() -> Vec<Json> {
    ["suspect", "arrestee", "inmate", "victim", "witness", "member_of_public"].iter().map(|r| json!(r)).collect()
}

fn warrants() -> Vec<Json> {
    ["none", "administrative", "judicial"].iter().map(|r| json!(r)).collect()
}

fn inquiry() -> Corpus {
    corpus(&[doc(
        "us-md/inquiry",
        "statute",
        "\"all\"",
        &effective("2019-10-01"),
        "rule no-questions {\n  action inquire_status\n  outcome prohibited\n}\nrule investigation {\n  action inquire_status\n  when criminal_investigation_relevant\n  outcome permitted\n  exception to no-questions\n}",
    )])
}

#[test]
fn one_missing_fact_gives_two_cases_and_asks_it() {
    let c = inquiry();
    let view = check(
        &c,
        req("us-md", "police", "inquire_status", json!({})),
        &[("criminal_investigation_relevant is false", Prohibited), ("criminal_investigation_relevant is true", Permitted)],
        &[("criminal_investigation_relevant", bools())],
    );
    assert_eq!(view.cases[0].deciding, ["us-md/inquiry#no-questions"]);
    assert_eq!(view.cases[1].deciding, ["us-md/inquiry#investigation"]);
    let question = view.next_question.expect("a question");
    assert_eq!((question.fact.as_str(), question.multiple), ("criminal_investigation_relevant", false));
    assert_eq!(question.values, [RawValue::Bool(false), RawValue::Bool(true)]);
    // Without labels.toml the prompt is the fact's description from the vocabulary.
    assert_eq!(question.prompt, "status is relevant to a criminal investigation");
    // Every existing field stays: the missing fact is still named.
    assert_eq!(view.missing_facts, ["criminal_investigation_relevant"]);
}

#[test]
fn a_decision_with_every_fact_given_has_no_cases() {
    let c = inquiry();
    let view = decide(&c, req("us-md", "police", "inquire_status", json!({ "criminal_investigation_relevant": false })));
    assert_eq!(view.outcome, Prohibited);
    assert!(view.cases.is_empty() && view.next_question.is_none() && view.cases_exact);
}

#[test]
fn two_missing_facts_merge_values_with_one_answer() {
    let c = corpus(&[doc(
        "us-md/holds",
        "statute",
        "\"all\"",
        &effective("2019-10-01"),
        "rule no-holds {\n  action hold\n  outcome prohibited\n}\nrule judge {\n  action hold\n  when warrant = judicial\n  outcome permitted\n  exception to no-holds\n}\nrule not-victims {\n  action hold\n  when role = victim or role = witness\n  outcome prohibited\n  exception to judge\n}",
    )]);
    let view = check(
        &c,
        req("us-md", "corrections", "hold", json!({})),
        &[
            ("role is suspect, arrestee, inmate or member_of_public and warrant is none or administrative", Prohibited),
            ("role is suspect, arrestee, inmate or member_of_public and warrant is judicial", Permitted),
            // A victim or witness is never held, whatever the warrant: no need to ask it.
            ("role is victim or witness", Prohibited),
        ],
        &[("warrant", warrants()), ("role", roles())],
    );
    // The warrant narrows the outcome most (two of its three values settle it): asked first.
    assert_eq!(view.next_question.expect("a question").fact, "warrant");
    // Once it is answered, only the role is left to ask.
    let view = decide(&c, req("us-md", "corrections", "hold", json!({ "warrant": "judicial" })));
    assert_eq!(view.next_question.expect("a question").fact, "role");
    assert!(view.cases.iter().all(|c| c.condition.iter().all(|f| f.fact == "role")), "given facts are not conditions");
}

#[test]
fn three_missing_facts_cover_every_combination() {
    let c = corpus(&[doc(
        "us-ca/notify",
        "statute",
        "\"all\"",
        &effective("2014-01-01"),
        "rule no-notice {\n  action notify\n  outcome prohibited\n}\nrule serious {\n  action notify\n  when held_to_answer or sex_offender_registrant\n  outcome permitted\n  exception to no-notice\n}\nrule public {\n  action notify\n  when release_info_public\n  outcome permitted\n  exception to no-notice\n}",
    )]);
    let view = check(
        &c,
        req("us-ca", "sheriff", "notify", json!({})),
        &[
            ("held_to_answer is false and release_info_public is false and sex_offender_registrant is false", Prohibited),
            ("held_to_answer is false and release_info_public is false and sex_offender_registrant is true", Permitted),
            ("held_to_answer is false and release_info_public is true", Permitted),
            // Held to answer settles it: the other facts are not asked.
            ("held_to_answer is true", Permitted),
        ],
        &[("held_to_answer", bools()), ("release_info_public", bools()), ("sex_offender_registrant", bools())],
    );
    assert!(view.next_question.is_some());
}

#[test]
fn a_case_still_uncertain_because_of_unsettled_law_says_so() {
    let body = "rule no-holds {\n  action hold\n  outcome prohibited\n}\nrule ice-pc {\n  action hold\n  when warrant = administrative\n  outcome uncertain(permitted, prohibited)\n  reason \"is an I-200 adequate support for probable cause?\"\n  exception to no-holds\n}\nrule judge {\n  action hold\n  when warrant = judicial\n  outcome permitted\n  exception to no-holds\n}";
    let c = corpus(&[doc("us-md/holds", "statute", "\"all\"", &effective("2019-10-01"), body)]);
    let view = check(
        &c,
        req("us-md", "corrections", "hold", json!({})),
        &[("warrant is none", Prohibited), ("warrant is administrative", Uncertain), ("warrant is judicial", Permitted)],
        &[("warrant", warrants())],
    );
    let unsettled = &view.cases[1];
    assert_eq!(unsettled.possible_outcomes, [Permitted, Prohibited]);
    assert_eq!(unsettled.uncertainties.len(), 1);
    assert_eq!(unsettled.uncertainties[0].reason, "is an I-200 adequate support for probable cause?");
    assert!(view.cases[0].uncertainties.is_empty());
    // With the administrative warrant given, only unsettled law remains: no question to ask.
    let view = decide(&c, req("us-md", "corrections", "hold", json!({ "warrant": "administrative" })));
    assert_eq!(view.outcome, Uncertain);
    assert!(view.missing_facts.is_empty() && view.cases.is_empty() && view.next_question.is_none());
}

#[test]
fn list_facts_are_asked_by_the_kinds_of_element_the_rules_tell_apart() {
    let body = "class violent {\n  homicide, rape\n  assault at felony\n}\nrule no-notice {\n  action notify\n  outcome prohibited\n}\nrule violent-record {\n  action notify\n  when any convictions where offense is violent\n  outcome permitted\n  exception to no-notice\n}";
    let c = corpus(&[doc("us-md/notify", "statute", "\"all\"", &effective("2019-10-01"), body)]);
    let view = decide(&c, req("us-md", "corrections", "notify", json!({})));
    assert_eq!(view.cases.len(), 2, "{:#?}", view.cases);
    let outcomes: Vec<Outcome> = view.cases.iter().map(|c| c.outcome).collect();
    assert_eq!(outcomes, [Prohibited, Permitted]);
    for case in &view.cases {
        assert_eq!(decide(&c, serde_json::to_value(&case.witness).unwrap()).outcome, case.outcome);
    }
    let question = view.next_question.expect("a question");
    assert_eq!((question.fact.as_str(), question.multiple), ("convictions", true));
    // One example of each kind: a violent offense and one that is not.
    assert_eq!(question.values.len(), 2, "{question:#?}");
    // Any real record list lies in exactly one case, and the case's outcome is its decision.
    for list in [
        json!([]),
        json!([{"offense": "theft", "level": "misdemeanor", "date": "2015-01-01"}]),
        json!([{"offense": "rape", "level": "felony", "date": "2015-01-01"}]),
    ] {
        let decided = decide(&c, req("us-md", "corrections", "notify", json!({ "convictions": list })));
        assert!(decided.cases.is_empty());
        let expected = if list.as_array().unwrap().iter().any(|e| e["offense"] == "rape") { Permitted } else { Prohibited };
        assert_eq!(decided.outcome, expected);
    }
}

/// Runs a guided interview: decide, answer the next question from the answer sheet, decide
/// again, until there is no question. Returns the last decision and the facts asked, in order.
fn interview(corpus: &Corpus, mut request: Json, answers: &Json) -> (DecisionView, Vec<String>) {
    let mut asked = Vec::new();
    loop {
        let view = decide(corpus, request.clone());
        let Some(question) = &view.next_question else { return (view, asked) };
        assert!(!asked.contains(&question.fact), "`{}` asked twice", question.fact);
        assert!(!question.prompt.is_empty() && question.prompts.contains_key("es"), "{question:#?}");
        let answer = answers.get(&question.fact).unwrap_or_else(|| panic!("the answer sheet has no `{}`", question.fact));
        if !question.multiple {
            assert!(question.values.iter().any(|v| raw_json(v) == *answer), "`{answer}` is not among {:?}", question.values);
        }
        request["facts"][&question.fact] = answer.clone();
        asked.push(question.fact.clone());
        assert!(asked.len() <= 12, "the interview does not end: {asked:?}");
    }
}

/// The answer the interview reaches is the answer to the request with every answer given.
fn check_interview(corpus: &Corpus, request: Json, answers: Json) -> (DecisionView, Vec<String>) {
    let (last, asked) = interview(corpus, request.clone(), &answers);
    let mut full = request;
    for (fact, value) in answers.as_object().unwrap() {
        full["facts"][fact] = value.clone();
    }
    let direct = decide(corpus, full);
    assert_eq!((last.outcome, &last.possible_outcomes), (direct.outcome, &direct.possible_outcomes), "asked {asked:?}");
    (last, asked)
}

#[test]
fn shipped_interviews_end_at_a_definite_answer() {
    let c = common::shipped();
    // A judicial warrant: the Montgomery jail may hold.
    let (last, asked) = check_interview(
        &c,
        json!({"jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {}}),
        json!({"warrant": "judicial", "role": "inmate", "detainer_form": "I-247A", "acting_under_287g": false, "hold_exceeds_48_hours": false, "hold_exceeds_48_hours_excluding_weekends": false, "federal_direction": false, "prior_felony_deportation_confirmed": false, "charges": [], "convictions": []}),
    );
    assert_ne!(last.outcome, Uncertain, "asked {asked:?}: {:#?}", last.cases);
    assert_eq!(asked.first().map(String::as_str), Some("warrant"));
    // A Howard County officer asked about status, with the person a victim.
    let (last, asked) = check_interview(
        &c,
        json!({"jurisdiction": "us-md-howard", "agency": "police", "as_of": "2020-01-01", "action": "inquire_status", "facts": {}}),
        json!({"role": "victim", "charges": [], "under_investigation_for": [], "criminal_investigation_relevant": false, "routine_booking": false, "tu_visa_certification": false, "firearm_transfer_check": false, "acting_under_287g": false}),
    );
    assert_eq!(last.outcome, Prohibited, "asked {asked:?}");
    // Prince George's jail asked to notify, with a pending charge and no convictions.
    let (last, asked) = check_interview(
        &c,
        json!({"jurisdiction": "us-md-prince-georges", "agency": "corrections", "as_of": "2019-07-01", "action": "notify", "facts": {}}),
        json!({"charges": [{"offense": "theft", "level": "misdemeanor"}], "convictions": [], "warrant": "none", "detainer_form": "I-247A", "role": "inmate", "acting_under_287g": false}),
    );
    assert_ne!(last.outcome, Uncertain, "asked {asked:?}");
    assert!(asked.contains(&"charges".to_owned()), "{asked:?}");
}

#[test]
fn shipped_interview_ends_at_unsettled_law() {
    let c = common::shipped();
    // Howard County's policy allows status questions in gang-violence investigations; whether a
    // gang offense is gang violence is an open question the interview cannot answer.
    let (last, asked) = check_interview(
        &c,
        json!({"jurisdiction": "us-md-howard", "agency": "police", "as_of": "2020-01-01", "action": "inquire_status", "facts": {}}),
        json!({"role": "suspect", "charges": [], "under_investigation_for": ["gang"], "criminal_investigation_relevant": false, "routine_booking": false, "tu_visa_certification": false, "firearm_transfer_check": false, "acting_under_287g": false}),
    );
    assert_eq!(last.outcome, Uncertain, "asked {asked:?}");
    assert!(last.missing_facts.is_empty(), "only unsettled law remains: {:?}", last.missing_facts);
    assert!(last.uncertainties.iter().any(|u| u.source.ends_with("#gang-violence-investigation")), "{:#?}", last.uncertainties);
}

#[test]
fn shipped_prompts_come_from_the_labels_in_both_languages() {
    let c = common::shipped();
    let view = decide(
        &c,
        json!({"jurisdiction": "us-md-montgomery", "agency": "corrections", "as_of": "2019-08-13", "action": "hold", "facts": {}}),
    );
    let question = view.next_question.expect("a question");
    assert_eq!(question.fact, "warrant");
    assert_eq!(Some(&question.prompt), question.prompts.get("en"));
    assert!(question.prompts["es"].contains("orden judicial"), "{}", question.prompts["es"]);
}

/// A request value as it would be written in JSON, for the reading of a condition.
fn text(value: &RawValue) -> String {
    match value {
        RawValue::Bool(b) => b.to_string(),
        RawValue::Int(i) => i.to_string(),
        RawValue::Text(t) => t.clone(),
        RawValue::Float(f) => f.to_string(),
        RawValue::Null(()) => "null".into(),
        RawValue::List(items) => format!("[{}]", items.iter().map(text).collect::<Vec<_>>().join(", ")),
        RawValue::Map(fields) => format!("{{{}}}", fields.iter().map(|(k, x)| format!("{k}: {}", text(x))).collect::<Vec<_>>().join(", ")),
    }
}

fn or_list(values: &[RawValue]) -> String {
    let texts: Vec<String> = values.iter().map(text).collect();
    match texts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A compact reading of a case's condition for the expectations below (the words users see
/// come from juris-api's catalog): `warrant is none or administrative and charges hold one
/// like {level: felony, offense: rape}`.
fn when(condition: &[ConditionView]) -> String {
    if condition.is_empty() {
        return "in every case".into();
    }
    let parts: Vec<String> = condition
        .iter()
        .map(|c| {
            let name = &c.fact;
            match &c.test {
                ConditionTest::Values { values } if values.iter().all(|x| matches!(x, RawValue::List(l) if l.is_empty())) => {
                    format!("{name} is empty")
                }
                ConditionTest::Values { values } => format!("{name} is {}", or_list(values)),
                ConditionTest::Holds { includes, excludes } => {
                    let mut words: Vec<String> = includes.iter().map(|x| format!("{name} include one like {}", text(x))).collect();
                    if !excludes.is_empty() {
                        words.push(format!("{name} include none like {}", or_list(excludes)));
                    }
                    words.join(" and ")
                }
                ConditionTest::HoldsAny { any_of, excludes } => {
                    let mut words = vec![format!("{name} include one like {}", or_list(any_of))];
                    if !excludes.is_empty() {
                        words.push(format!("none like {}", or_list(excludes)));
                    }
                    words.join(" and ")
                }
            }
        })
        .collect();
    parts.join(" and ")
}
