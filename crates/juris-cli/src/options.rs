//! Helpers shared by the analysis commands (`compare`, `timeline`, `bills`): dates, today's date,
//! the situations file, and argument errors that name the option and the allowed values.

use std::path::Path;
use std::sync::OnceLock;

use anyhow::{Context, Result, anyhow};
use juris::analysis::{SITUATIONS_FILE, Situations};
use juris::{Corpus, Date, RequestError, Source};

use crate::exit;

static LANG: OnceLock<juris_api::Lang> = OnceLock::new();

/// Sets the language of every message this run writes (`--lang`, `JURIS_LANG`); once.
pub fn set_lang(lang: juris_api::Lang) {
    let _ = LANG.set(lang);
}

/// The language of messages (default English).
pub fn lang() -> juris_api::Lang {
    LANG.get().copied().unwrap_or_default()
}

/// The output format of commands that write either a readable text or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text, with citations and quoted law where they apply.
    Text,
    /// JSON (one document; its shape is described in the README).
    Json,
}

/// Today's date (UTC), for commands whose date defaults to today.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_days((seconds / 86_400) as i32)
}

/// Parses the date given to `option`, or `None` when the option was not given.
pub fn date(option: &str, text: Option<&str>) -> Result<Option<Date>> {
    match text {
        None => Ok(None),
        Some(t) => juris::parse_date(option, t).map(Some).map_err(|e| argument(e, &[])),
    }
}

/// Turns a library error about a query field into one naming the command-line option.
/// `options` maps field names (`jurisdiction`) to how the user wrote them (`--jurisdiction`).
pub fn argument(error: RequestError, options: &[(&str, &str)]) -> anyhow::Error {
    let lang = lang();
    let error = juris_api::v1::RequestError::from_library(&error, lang);
    let head = error.field.split(['.', '[']).next().unwrap_or_default();
    let option = options.iter().find(|(field, _)| *field == head).map_or_else(|| format!("`{}`", error.field), |(_, o)| format!("`{o}`"));
    // A repeatable option is one list: `--assume-enacted X` is not `assume_enacted[0]` to the user.
    let rest = &error.field[head.len()..];
    let indexed_only = rest.starts_with('[') && rest.ends_with(']') && rest[1..rest.len() - 1].bytes().all(|b| b.is_ascii_digit());
    let mut message = if head == error.field || (indexed_only && options.iter().any(|(field, _)| *field == head)) {
        format!("{option}: {}", error.message)
    } else {
        format!("{option}: `{}`: {}", error.field, error.message)
    };
    if let Some(hint) = &error.hint {
        message.push_str(&format!("; {hint}"));
    }
    if !error.allowed.is_empty() {
        let allowed = juris_api::catalog::message(lang, "error-allowed", &[("values", error.allowed.join(", ").into())]);
        message.push_str(&format!(" ({allowed})"));
    }
    anyhow!(message)
}

/// Reads the situations: `--situations FILE`, else `situations.toml` of the corpus. A problem is
/// printed with its excerpt and ends the command with the exit code returned as `Err`.
pub fn situations(corpus: &Corpus, sources: &[Source], file: Option<&Path>) -> Result<std::result::Result<Situations, u8>> {
    let (source, code) = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("`--situations`: reading `{}`", path.display()))?;
            (Source::new(path.display().to_string(), text), exit::BAD_INPUT)
        }
        None => match sources.iter().find(|s| s.path == SITUATIONS_FILE) {
            Some(s) => (s.clone(), exit::FAILED),
            None => {
                return Err(anyhow!("the corpus has no `{SITUATIONS_FILE}`: pass `--situations FILE` (see docs/corpus.md for the layout)"));
            }
        },
    };
    match Situations::parse(&source.path, &source.text, corpus) {
        Ok(s) => Ok(Ok(s)),
        Err(d) => {
            crate::stderr!("{:?}", d.to_report(std::slice::from_ref(&source)));
            Ok(Err(code))
        }
    }
}
