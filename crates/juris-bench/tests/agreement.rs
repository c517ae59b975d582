//! The engines agree on the TRUST-Act-shaped rule set: every random request, under every action,
//! gets the same allow or deny from juris, the hand-written evaluator, Cedar, and Rego through
//! regorus's interpreter and its compiled virtual machine; juris and the hand-written evaluator
//! also give the same outcome (`permitted`, `prohibited` or `unregulated`).
#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use juris::Outcome;
use juris_bench::native;
use juris_bench::trust::{ACTIONS, Answers, Engines, Facts, check_agreement, random_facts};

#[test]
fn every_engine_agrees_on_20000_random_requests() {
    let mut engines = Engines::new().expect("every engine loads the rule set");
    let requests = random_facts(20_000, 20_260_101);
    let agreement = check_agreement(&mut engines, &requests).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(agreement.decisions, 20_000 * ACTIONS.len());
    // The draw must exercise both answers of every action, or agreement would prove little.
    for (i, action) in ACTIONS.iter().enumerate() {
        assert!(agreement.allowed[i] > 100 && agreement.denied[i] > 100, "{action} is not exercised both ways:\n{}", agreement.summary());
    }
}

/// The corner cases of the rule set, each the boundary of a permit or a forbid, decided alike.
#[test]
fn the_engines_agree_on_the_boundaries_of_each_rule() {
    let mut engines = Engines::new().expect("every engine loads the rule set");
    let base = Facts {
        serious_violent_felony_conv: false,
        state_prison_felony_conv: false,
        listed_felony_years: 999,
        listed_wobbler_misd_years: 999,
        sex_offender_registrant: false,
        aggravated_felony_conv: false,
        federal_felony_warrant: false,
        held_to_answer_serious: false,
        warrant: "none",
        age: 30,
        charges: vec!["theft"],
        written_consent: false,
        role: "arrestee",
    };
    const P: Outcome = Outcome::Permitted;
    const F: Outcome = Outcome::Prohibited;
    const U: Outcome = Outcome::Unregulated;
    let cases: Vec<(Facts, usize, Outcome)> = vec![
        // notify: no basis is a deny; 15 and 5 years are inside, 16 and 6 outside.
        (base.clone(), 0, U),
        (Facts { listed_felony_years: 15, ..base.clone() }, 0, P),
        (Facts { listed_felony_years: 16, ..base.clone() }, 0, U),
        (Facts { listed_wobbler_misd_years: 5, ..base.clone() }, 0, P),
        (Facts { listed_wobbler_misd_years: 6, ..base.clone() }, 0, U),
        // A minor: the forbid beats a basis, unless the warrant is judicial; 18 is not a minor.
        (Facts { age: 17, sex_offender_registrant: true, ..base.clone() }, 0, F),
        (Facts { age: 17, warrant: "judicial", ..base.clone() }, 0, P),
        (Facts { age: 18, sex_offender_registrant: true, ..base.clone() }, 0, P),
        // The forbid applies to a minor with no basis too: prohibited, not unregulated.
        (Facts { age: 17, ..base.clone() }, 0, F),
        (Facts { listed_felony_years: 0, ..base.clone() }, 0, P),
        // hold: judicial warrant only, not for a minor charged with a status offense.
        (Facts { warrant: "administrative", ..base.clone() }, 1, U),
        (Facts { warrant: "judicial", ..base.clone() }, 1, P),
        (Facts { warrant: "judicial", age: 17, charges: vec!["status_offense", "theft"], ..base.clone() }, 1, F),
        (Facts { warrant: "judicial", age: 18, charges: vec!["status_offense"], ..base.clone() }, 1, P),
        (Facts { age: 17, charges: vec!["status_offense"], ..base.clone() }, 1, F),
        // interview: written consent.
        (Facts { written_consent: true, ..base.clone() }, 2, P),
        (base.clone(), 2, U),
        // assist: a serious case; civil immigration alone is forbidden, alongside drugs it is not.
        (Facts { charges: vec!["drugs", "civil_immigration"], ..base.clone() }, 3, P),
        (Facts { charges: vec!["civil_immigration"], ..base.clone() }, 3, F),
        (Facts { charges: vec!["money_laundering"], ..base.clone() }, 3, P),
        (Facts { charges: vec![], ..base.clone() }, 3, U),
        // inquire_status: an arrestee on a listed charge; never a victim or a witness.
        (Facts { charges: vec!["terrorism"], ..base.clone() }, 4, P),
        (Facts { charges: vec!["money_laundering"], ..base.clone() }, 4, U),
        (Facts { charges: vec!["drugs"], role: "witness", ..base.clone() }, 4, F),
        (Facts { charges: vec!["drugs"], role: "suspect", ..base.clone() }, 4, U),
        (Facts { charges: vec!["theft"], role: "victim", ..base.clone() }, 4, F),
    ];
    for (facts, action, expected) in cases {
        let shown = format!("{} on {}", ACTIONS[action], facts.to_json());
        // `decide` also fails unless juris's outcome is the hand-written evaluator's.
        let answers = engines.decide(&facts, action).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(answers, Answers::all(expected == P), "{shown}");
        let request = native::Request::new(&facts, action).expect("a known request");
        assert_eq!(native::decide(&request), expected, "{shown}");
    }
}
