//! Charge tables: from a record's charge code or text to an offense category, level, statute and
//! class assertions, each entry with the source of its meaning.
//!
//! A table is corpus-like data: an entry says where the meaning of the code comes from (the
//! record's literal text, the statute section it names). A charge no entry places is never guessed:
//! the map's `unmatched` setting makes it `other` or leaves its offense unknown.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use juris::RawValue;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Located, Problem};

/// One entry of a charge table.
#[derive(Debug, Clone, PartialEq)]
pub struct ChargeEntry {
    pub offense: String,
    /// Overrides the level read from the record's level column.
    pub level: Option<String>,
    /// The statute the record's code stands for, such as `TX PC 49.04`.
    pub statute: Option<String>,
    /// Offense classes the record settles (`ca-7282-5-listed = false`).
    pub classes: BTreeMap<String, bool>,
    /// Where the meaning of the code comes from.
    pub source: String,
}

/// A checked charge table, looked up by code first, then by text.
#[derive(Debug, Clone, Default)]
pub struct ChargeTable {
    pub entries: Vec<ChargeEntry>,
    by_code: HashMap<String, usize>,
    by_text: HashMap<String, usize>,
}

impl ChargeTable {
    /// The entry for a charge, by its code, else by its text (trimmed, case-insensitive).
    pub fn find(&self, code: Option<&str>, text: Option<&str>) -> Option<&ChargeEntry> {
        let by_code = code.and_then(|c| self.by_code.get(c.trim()));
        let by_text = || text.and_then(|t| self.by_text.get(&t.trim().to_uppercase()));
        by_code.or_else(by_text).map(|&i| &self.entries[i])
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChargeTableFile {
    #[serde(default)]
    charge: Vec<Spanned<EntryFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    code: Option<String>,
    text: Option<String>,
    offense: Spanned<String>,
    level: Option<Spanned<String>>,
    statute: Option<Spanned<String>>,
    #[serde(default)]
    classes: BTreeMap<String, Spanned<bool>>,
    source: Option<String>,
}

impl ChargeTableFile {
    /// Parses and checks a charge table; `check` resolves a probe charge with one field set
    /// (`offense`, `level`, `statute` or `classes`) and returns the engine's objection, if any.
    pub(crate) fn parse(
        text: &str,
        path: &Path,
        check: &dyn Fn(&str, RawValue) -> Option<juris::RequestError>,
    ) -> Result<ChargeTable, Vec<Problem>> {
        let at = Located::new(path, text);
        let file: ChargeTableFile = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                return Err(match at.toml(&e) {
                    crate::error::MapError::Invalid(p) => p,
                    crate::error::MapError::Read { .. } => Vec::new(),
                });
            }
        };
        let mut problems = Vec::new();
        let mut table = ChargeTable::default();
        for entry in file.charge {
            let span = entry.span();
            let e = entry.into_inner();
            if let Some(err) = check("offense", RawValue::Text(e.offense.get_ref().clone())) {
                problems.push(at.error(e.offense.span(), &format!("offense: {err}"), "offenses are the categories of docs/vocabulary.md"));
            }
            if let Some(level) = &e.level
                && let Some(err) = check("level", RawValue::Text(level.get_ref().clone()))
            {
                problems.push(at.error(level.span(), &format!("level: {err}"), "levels are those of docs/vocabulary.md"));
            }
            if let Some(statute) = &e.statute
                && let Some(err) = check("statute", RawValue::Text(statute.get_ref().clone()))
            {
                problems.push(at.error(
                    statute.span(),
                    &format!("statute: {err}"),
                    "write `<jurisdiction> <code> <section>`, such as `TX PC 49.04` (docs/vocabulary.md)",
                ));
            }
            for (class, settled) in &e.classes {
                let probe = RawValue::Map(BTreeMap::from([(class.clone(), RawValue::Bool(*settled.get_ref()))]));
                if let Some(err) = check("classes", probe) {
                    problems.push(at.error(settled.span(), &format!("classes: {err}"), "class ids are the corpus's `class` items"));
                }
            }
            let Some(source) = e.source.filter(|s| !s.trim().is_empty()) else {
                problems.push(at.error(
                    span.clone(),
                    "this entry gives no `source`",
                    "say where the meaning of the code comes from: the record's literal text, the statute section",
                ));
                continue;
            };
            if e.code.is_none() && e.text.is_none() {
                problems.push(at.error(
                    span.clone(),
                    "this entry has neither `code` nor `text`",
                    "an entry matches a record by its charge code or its charge text",
                ));
                continue;
            }
            let index = table.entries.len();
            if let Some(code) = &e.code
                && table.by_code.insert(code.trim().to_owned(), index).is_some()
            {
                problems.push(at.error(span.clone(), &format!("code `{code}` has two entries"), "keep one entry per code"));
            }
            if e.code.is_none()
                && let Some(t) = &e.text
                && table.by_text.insert(t.trim().to_uppercase(), index).is_some()
            {
                problems.push(at.error(span, &format!("text `{t}` has two entries"), "keep one entry per text"));
            }
            table.entries.push(ChargeEntry {
                offense: e.offense.into_inner(),
                level: e.level.map(Spanned::into_inner),
                statute: e.statute.map(Spanned::into_inner),
                classes: e.classes.into_iter().map(|(class, settled)| (class, settled.into_inner())).collect(),
                source,
            });
        }
        if problems.is_empty() { Ok(table) } else { Err(problems) }
    }
}
