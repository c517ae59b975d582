//! Facts, their values and the conditions of an answer's cases in the page's words: labels from
//! `web/messages`, then the corpus's own labels (`corpus/labels.toml`) in the page's language,
//! then the name itself.

use juris::view::{CaseView, ConditionTest, ConditionView};
use juris::vocabulary::LabelKind;
use juris::vocabulary::{FactType, ScalarType};
use juris::{Date, RawValue};

use super::i18n::{self, Words};
use super::law::Law;

/// The label of a fact: the page's short label, or the corpus's.
pub(crate) fn fact_label(t: Words, law: &Law, fact: &str) -> String {
    let key = format!("fact-{fact}");
    if i18n::has(t.lang, &key) {
        return t.get(&key);
    }
    law.corpus().labels().label(LabelKind::Fact, fact, t.lang.code()).map_or_else(|| fact.to_owned(), str::to_owned)
}

/// One value of an enum in words.
fn enum_words(t: Words, law: &Law, enumeration: u16, value: &str) -> String {
    let key = format!("value-{value}");
    if i18n::has(t.lang, &key) {
        return t.get(&key);
    }
    let v = &law.corpus().vocabulary();
    let name = format!("{}.{value}", v.enums[enumeration as usize].name);
    law.corpus().labels().label(LabelKind::Value, &name, t.lang.code()).map_or_else(|| value.to_owned(), str::to_owned)
}

fn scalar_words(t: Words, law: &Law, ty: ScalarType, value: &RawValue) -> String {
    match (ty, value) {
        (_, RawValue::Bool(true)) => t.get("value-yes"),
        (_, RawValue::Bool(false)) => t.get("value-no"),
        (ScalarType::Enum(e), RawValue::Text(text)) => enum_words(t, law, e, text),
        (ScalarType::Date, RawValue::Text(text)) => Date::parse(text).map_or_else(|| text.clone(), |d| t.date(d)),
        (_, other) => law_text(other),
    }
}

fn law_text(value: &RawValue) -> String {
    match value {
        RawValue::Text(text) => text.clone(),
        RawValue::Int(i) => i.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// One element of a list fact in words: an enum value's label, or a record's fields' words in
/// reverse vocabulary order, dates last (`assault, felony`).
pub(crate) fn element_words(t: Words, law: &Law, fact: &str, element: &RawValue) -> String {
    let v = &law.corpus().vocabulary();
    match (v.fact(fact).map(|f| v.facts[f as usize].ty), element) {
        (Some(FactType::Values(e)), RawValue::Text(text)) => enum_words(t, law, e, text),
        (Some(FactType::Records(r)), RawValue::Map(fields)) => {
            // The most specific field first (the offense before its level), the date last.
            let record = &v.records[r as usize].fields;
            let words = |dated: bool| {
                record
                    .iter()
                    .rev()
                    .filter(move |(_, ty)| (*ty == ScalarType::Date) == dated)
                    .filter_map(|(name, ty)| fields.get(name).map(|value| scalar_words(t, law, *ty, value)))
            };
            words(false).chain(words(true)).collect::<Vec<_>>().join(", ")
        }
        (_, other) => law_text(other),
    }
}

/// A fact's value in words: yes or no, a value's label, a date the language's way, or a list's
/// elements (`none` for an empty list).
pub(crate) fn value_words(t: Words, law: &Law, fact: &str, value: &RawValue) -> String {
    let v = &law.corpus().vocabulary();
    match (v.fact(fact).map(|f| v.facts[f as usize].ty), value) {
        (Some(FactType::Scalar(ty)), value) => scalar_words(t, law, ty, value),
        (Some(_), RawValue::List(items)) if items.is_empty() => t.get("value-none"),
        (Some(_), RawValue::List(items)) => {
            items.iter().map(|item| quoted(t, &element_words(t, law, fact, item))).collect::<Vec<_>>().join(", ")
        }
        (_, other) => law_text(other),
    }
}

/// A fact's label and its value in words.
pub(crate) fn fact_words(t: Words, law: &Law, fact: &str, value: &RawValue) -> (String, String) {
    (fact_label(t, law, fact), value_words(t, law, fact, value))
}

fn quoted(t: Words, text: &str) -> String {
    t.with("words-quoted", "text", text)
}

/// Words joined as alternatives: `a, b or c`.
fn alternatives(t: Words, words: Vec<String>) -> String {
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => i18n::message(t.lang, "words-or", &[("rest", &rest.join(", ")), ("last", last)]),
    }
}

/// One fact's part of a case's condition in words.
fn condition_words(t: Words, law: &Law, condition: &ConditionView) -> String {
    let fact = &condition.fact;
    let label = fact_label(t, law, fact);
    let elements = |list: &[RawValue]| alternatives(t, list.iter().map(|e| quoted(t, &element_words(t, law, fact, e))).collect());
    let say = |key: &str, values: String| i18n::message(t.lang, key, &[("fact", &label), ("values", &values)]);
    match &condition.test {
        ConditionTest::Values { values } if values.iter().all(|x| matches!(x, RawValue::List(l) if l.is_empty())) => {
            say("case-empty", String::new())
        }
        ConditionTest::Values { values } => say("case-is", alternatives(t, values.iter().map(|x| value_words(t, law, fact, x)).collect())),
        ConditionTest::Holds { includes, excludes } => {
            let mut parts: Vec<String> =
                includes.iter().map(|x| say("case-includes", quoted(t, &element_words(t, law, fact, x)))).collect();
            if !excludes.is_empty() {
                parts.push(say("case-excludes", elements(excludes)));
            }
            parts.join("; ")
        }
        ConditionTest::HoldsAny { any_of, excludes } => {
            let mut parts = vec![say("case-includes", elements(any_of))];
            if !excludes.is_empty() {
                parts.push(say("case-excludes", elements(excludes)));
            }
            parts.join("; ")
        }
    }
}

/// A case's whole condition in words; `in every other case` when it constrains nothing.
pub(crate) fn case_condition(t: Words, law: &Law, case: &CaseView) -> String {
    if case.condition.is_empty() {
        return t.get("case-every");
    }
    case.condition.iter().map(|c| condition_words(t, law, c)).collect::<Vec<_>>().join("; ")
}
