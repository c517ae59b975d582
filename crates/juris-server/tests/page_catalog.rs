//! The page's catalogs: both parse whole, have the same keys with the same variables, and label
//! everything the corpus names (actions, agencies, facts, situations, outcomes).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod page_support;

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use juris_server::page::Lang;
use juris_server::page::i18n::has;

fn variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            match expression {
                Expression::Inline(InlineExpression::VariableReference { id }) => {
                    out.insert(id.name.to_owned());
                }
                Expression::Select { selector: InlineExpression::VariableReference { id }, variants } => {
                    out.insert(id.name.to_owned());
                    variants.iter().for_each(|v| variables(&v.value, out));
                }
                _ => {}
            }
        }
    }
}

/// Each message of a catalog with the variables it uses; the catalog must parse without error.
fn catalog(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(lang.source()).unwrap_or_else(|(_, errors)| panic!("{lang:?} does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let Entry::Message(message) = entry {
            let mut vars = BTreeSet::new();
            if let Some(value) = &message.value {
                variables(value, &mut vars);
            }
            assert!(out.insert(message.id.name.to_owned(), vars).is_none(), "{lang:?}: `{}` twice", message.id.name);
        }
    }
    out
}

#[test]
fn both_languages_have_every_key_with_the_same_variables() {
    let english = catalog(Lang::En);
    let spanish = catalog(Lang::Es);
    let only = |a: &BTreeMap<String, BTreeSet<String>>, b: &BTreeMap<String, BTreeSet<String>>| {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect::<Vec<_>>()
    };
    assert_eq!(only(&english, &spanish), Vec::<String>::new(), "keys missing in Spanish");
    assert_eq!(only(&spanish, &english), Vec::<String>::new(), "keys missing in English");
    for (key, vars) in &english {
        assert_eq!(&spanish[key], vars, "`{key}` uses other variables in Spanish");
    }
}

#[test]
fn everything_the_corpus_names_has_words_in_both_languages() {
    let law = page_support::law();
    let v = &law.corpus().vocabulary();
    let mut keys: Vec<String> = Vec::new();
    for (action, _) in &v.actions {
        keys.push(format!("action-{action}"));
        keys.push(format!("question-{action}"));
    }
    keys.extend(v.agencies.iter().map(|(a, _)| format!("agency-{a}")));
    keys.extend(v.facts.iter().map(|f| format!("fact-{}", f.name)));
    keys.extend(law.situations().iter().map(|s| format!("situation-{}", s.id)));
    keys.extend(juris::Outcome::ALL.iter().flat_map(|o| [format!("outcome-{}", o.name()), format!("meaning-{}", o.name())]));
    for lang in Lang::ALL {
        let missing: Vec<&String> = keys.iter().filter(|k| !has(lang, k)).collect();
        assert!(missing.is_empty(), "{lang:?} has no words for {missing:?}");
    }
}
