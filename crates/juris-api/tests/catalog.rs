//! The message catalog: both languages complete, the same variables in each, the agreed Spanish
//! terms, and messages rendered with their arguments.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use juris_api::catalog::{self, Arg};
use juris_api::{Lang, v1};

/// Every message of a catalog and the variables it uses.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource =
        fluent_syntax::parser::parse(lang.source()).unwrap_or_else(|(_, errors)| panic!("{lang}.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let Entry::Message(message) = entry {
            let mut variables = BTreeSet::new();
            if let Some(pattern) = &message.value {
                collect(pattern, &mut variables);
            }
            assert!(out.insert(message.id.name.to_owned(), variables).is_none(), "{lang}.ftl defines `{}` twice", message.id.name);
        }
    }
    out
}

fn collect(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                collect(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// Dates are written differently per language: English keeps the ISO form (`iso`), Spanish
/// spells the month (`day`, `month`, `year`). The code passes all four to both.
const DATE_VARIABLES: [&str; 4] = ["day", "iso", "month", "year"];

#[test]
fn every_key_exists_in_both_languages_with_the_same_variables() {
    let english = messages(Lang::En);
    let spanish = messages(Lang::Es);
    let only = |a: &BTreeMap<String, BTreeSet<String>>, b: &BTreeMap<String, BTreeSet<String>>| -> Vec<String> {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
    };
    assert_eq!(only(&english, &spanish), Vec::<String>::new(), "keys only in en.ftl");
    assert_eq!(only(&spanish, &english), Vec::<String>::new(), "keys only in es.ftl");
    for (key, variables) in &english {
        if key == "date" {
            for lang_variables in [variables, &spanish[key]] {
                assert!(lang_variables.iter().all(|v| DATE_VARIABLES.contains(&v.as_str())), "`date` uses {lang_variables:?}");
            }
            continue;
        }
        assert_eq!(variables, &spanish[key], "`{key}` uses different variables in en.ftl and es.ftl");
    }
}

#[test]
fn the_catalogs_parse_without_error() {
    for lang in Lang::ALL {
        assert!(fluent_syntax::parser::parse(lang.source()).is_ok(), "{lang}.ftl");
    }
}

/// Every key the code builds from a typed value exists: outcomes, override reasons, bill
/// states and status parts, lifecycle events.
#[test]
fn every_typed_value_has_a_message() {
    let english = messages(Lang::En);
    let mut keys: Vec<String> = Vec::new();
    for outcome in ["required", "permitted", "prohibited", "unregulated", "uncertain"] {
        keys.extend([format!("outcome-{outcome}"), format!("headline-{outcome}"), format!("compare-code-{outcome}")]);
    }
    // Every lifecycle event the language knows, from its own list, and the timeline's own events.
    for event in juris::EventKind::NAMES.into_iter().chain(["rule-from", "rule-until", "window", "class-changes"]) {
        keys.push(format!("event-{event}"));
    }
    for part in [
        "passed",
        "signed",
        "vetoed",
        "override-succeeded",
        "override-failed",
        "override-vote",
        "referendum-rejected",
        "referendum-approved",
        "introduced",
        "in-force-from",
        "in-force-until",
        "in-force-until-referendum",
        "never-in-force",
        "not-in-force-no-override",
        "not-in-force-no-effective-date",
        "state-in-force",
        "state-not-yet-in-force",
        "state-ended",
        "state-not-enacted",
    ] {
        keys.push(format!("bill-{part}"));
    }
    for month in 1..=12 {
        keys.push(format!("month-{month}"));
    }
    for key in keys {
        assert!(english.contains_key(&key), "no message `{key}`");
    }
    for lang in Lang::ALL {
        for reason in [
            v1::OverrideReason::Exception,
            v1::OverrideReason::LaterDocument,
            v1::OverrideReason::DeclaredOverride,
            v1::OverrideReason::LowerLayer,
            v1::OverrideReason::Preemption,
        ] {
            assert!(!reason.message(lang).starts_with("override-"), "{reason:?} in {lang} has no message");
        }
    }
}

#[test]
fn outcomes_use_the_agreed_spanish_terms() {
    let labels: Vec<String> =
        [v1::Outcome::Required, v1::Outcome::Permitted, v1::Outcome::Prohibited, v1::Outcome::Unregulated, v1::Outcome::Uncertain]
            .into_iter()
            .map(|o| o.label(Lang::Es))
            .collect();
    assert_eq!(labels, ["obligatorio", "permitido", "prohibido", "no regulado", "incierto"]);
    assert_eq!(v1::Outcome::Prohibited.label(Lang::En), "prohibited");
}

#[test]
fn messages_render_their_arguments_and_plurals() {
    let args = |count: usize| [("count", Arg::from(count)), ("actions", Arg::from("hold"))];
    assert_eq!(catalog::message(Lang::En, "diff-regions", &args(1)), "1 region differs, in: hold");
    assert_eq!(catalog::message(Lang::En, "diff-regions", &args(3)), "3 regions differ, in: hold");
    assert_eq!(catalog::message(Lang::Es, "diff-regions", &args(3)), "3 regiones difieren, en: hold");
    assert_eq!(catalog::message(Lang::Es, "bill-vetoed", &[("date", "9 de febrero de 2017".into())]), "vetado el 9 de febrero de 2017");
    // No Unicode isolation marks around arguments in plain text.
    assert!(!catalog::message(Lang::En, "timeline-by", &[("by", "the governor".into())]).contains('\u{2068}'));
}

#[test]
fn dates_are_written_per_language() {
    assert_eq!(catalog::date(Lang::En, "2019-08-13"), "2019-08-13");
    assert_eq!(catalog::date(Lang::Es, "2019-08-13"), "13 de agosto de 2019");
    assert_eq!(catalog::date(Lang::Es, "2019-01-01"), "1 de enero de 2019");
    assert_eq!(catalog::date(Lang::Es, "not a date"), "not a date");
}

#[test]
fn lists_join_per_language() {
    let items = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
    assert_eq!(catalog::and_list(Lang::En, &items), "a, b and c");
    assert_eq!(catalog::and_list(Lang::Es, &items[..2]), "a y b");
    assert_eq!(catalog::or_list(Lang::Es, &items[..2]), "a o b");
    assert_eq!(catalog::or_list(Lang::En, &items[..1]), "a");
}

#[test]
fn languages_parse_with_regions_and_refuse_unknown_ones() {
    assert_eq!("es".parse::<Lang>(), Ok(Lang::Es));
    assert_eq!("es-MX".parse::<Lang>(), Ok(Lang::Es));
    assert_eq!("en_US.UTF-8".parse::<Lang>(), Ok(Lang::En));
    let error = "fr".parse::<Lang>().unwrap_err();
    assert_eq!(error.to_string(), "unknown language `fr` (allowed: en, es)");
}
