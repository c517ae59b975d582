//! The message catalog: every sentence juris shows a person, in English and Spanish.
//!
//! Messages are Project Fluent files (`messages/en.ftl`, `messages/es.ftl`) embedded at build
//! time. Data never stores a sentence: front ends keep typed values and render them here, in the
//! reader's language. The words of the law (quoted text, citations, titles) are never translated.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language juris speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, in the order help texts list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language's code (`en`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The Fluent source of the language's catalog.
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../messages/en.ftl"),
            Lang::Es => include_str!("../messages/es.ftl"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code juris does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}` (allowed: en, es)")]
pub struct UnknownLanguage(pub String);

impl FromStr for Lang {
    type Err = UnknownLanguage;

    /// Reads `en` or `es`, ignoring case and a region (`es-MX`, `en_US.UTF-8`).
    fn from_str(text: &str) -> Result<Lang, UnknownLanguage> {
        let base = text.split(['-', '_', '.']).next().unwrap_or_default().to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == base).ok_or_else(|| UnknownLanguage(text.to_owned()))
    }
}

/// One argument of a message: text or a number (numbers choose plural forms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text, shown as given.
    Text(String),
    /// A count or other number.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| Lang::ALL.map(build));
    &bundles[lang as usize]
}

fn build(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain text output: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    // INVARIANT: the catalogs parse without error (tests/catalog.rs), so the resource is whole.
    let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `key` in `lang`, with its arguments. A key missing from the catalog (which the
/// catalog test rules out) renders as the key itself, so nothing is silently empty.
pub fn message(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// The message `key` in `lang`, without arguments.
pub fn text(lang: Lang, key: &str) -> String {
    message(lang, key, &[])
}

/// Words joined as a list: `a`, `a and b`, `a, b and c` (`y` in Spanish).
pub fn and_list(lang: Lang, items: &[String]) -> String {
    join_list(lang, items, "list-and")
}

/// Words joined as alternatives: `a or b` (`o` in Spanish).
pub fn or_list(lang: Lang, items: &[String]) -> String {
    join_list(lang, items, "list-or")
}

fn join_list(lang: Lang, items: &[String], key: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => message(lang, key, &[("first", init.join(", ").into()), ("last", last.into())]),
    }
}

/// A calendar date (`YYYY-MM-DD`) as the reader's language writes it: `2019-08-13` in English
/// (the form the law's own records and every juris input use), `13 de agosto de 2019` in Spanish.
/// Text that is not such a date is returned unchanged.
pub fn date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    let (Ok(month), Ok(day)) = (month.parse::<u8>(), day.parse::<u8>()) else {
        return iso.to_owned();
    };
    if !(1..=12).contains(&month) || year.len() != 4 {
        return iso.to_owned();
    }
    message(
        lang,
        "date",
        &[
            ("year", year.into()),
            ("month", text(lang, &format!("month-{month}")).into()),
            ("day", i64::from(day).into()),
            ("iso", iso.into()),
        ],
    )
}
