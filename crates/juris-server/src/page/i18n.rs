//! The page's words: the Fluent catalogs `web/messages/en.ftl` and `es.ftl`, embedded at build
//! time, and dates written the way each language writes them.
//!
//! A key missing from a catalog renders as `[missing-message: key]`, which the route tests look
//! for on every page, so a missing translation fails a test instead of showing nothing.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use juris::Date;

/// The marker a missing key renders as.
pub const MISSING: &str = "[missing-message: ";

/// A language the page speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, served under `/`.
    En,
    /// Spanish, served under `/es/`.
    Es,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language's code, as `lang` attributes write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The path prefix of the language's pages: empty for English, `/es` for Spanish.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Es => "/es",
        }
    }

    /// The same language in juris-api's message catalog (request errors, timeline notes).
    pub fn api(self) -> juris_api::Lang {
        match self {
            Lang::En => juris_api::Lang::En,
            Lang::Es => juris_api::Lang::Es,
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// The catalog's Fluent source.
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../../../web/messages/en.ftl"),
            Lang::Es => include_str!("../../../../web/messages/es.ftl"),
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| Lang::ALL.map(build));
    match lang {
        Lang::En => &bundles[0],
        Lang::Es => &bundles[1],
    }
}

fn build(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // HTML output: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    // INVARIANT: both catalogs parse whole (tests/page_catalog.rs), so nothing is dropped here.
    let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// Whether the catalog of `lang` has `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// The message `key` with arguments; a missing key renders as the [`MISSING`] marker.
pub fn message(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return format!("{MISSING}{key}]");
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(*value));
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// The words of one page in one language; templates call it as `t.get("key")`.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The page's language.
    pub lang: Lang,
}

impl Words {
    /// The message `key`.
    pub fn get(&self, key: &str) -> String {
        message(self.lang, key, &[])
    }

    /// The message `key` with one argument.
    pub fn with(&self, key: &str, name: &str, value: &str) -> String {
        message(self.lang, key, &[(name, value)])
    }

    /// The message `prefix-name` for a name from the corpus (an action, outcome or fact), or
    /// the name itself where the catalog has no label for it (a name added to the corpus later).
    pub fn label(&self, prefix: &str, name: &str) -> String {
        let key = format!("{prefix}-{name}");
        if has(self.lang, &key) { self.get(&key) } else { name.to_owned() }
    }

    /// A date as the language writes it: `July 1, 2019`, `1 de julio de 2019`.
    pub fn date(&self, date: Date) -> String {
        let iso = date.to_string();
        let mut parts = iso.splitn(3, '-');
        let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
            return iso;
        };
        let (Ok(month), Ok(day)) = (month.parse::<u8>(), day.parse::<u8>()) else {
            return iso;
        };
        let month = self.get(&format!("month-{month}"));
        message(self.lang, "date-long", &[("year", year), ("month", &month), ("day", &day.to_string())])
    }
}
