//! A page's question as its URL writes it: the reserved parameters (`situation`, `agency`,
//! `place`, `date`, `action`) and facts by their vocabulary names, in the order given.

use std::collections::BTreeMap;

use juris::RawValue;

use super::i18n::{self, Lang};
use super::{Law, PageError};

/// Parameters that are not facts.
const RESERVED: [&str; 7] = ["situation", "agency", "place", "date", "action", "mode", "assume_enacted"];

/// The parameters of a page's URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Params {
    /// Every parameter, in URL order.
    pub pairs: Vec<(String, String)>,
}

impl Params {
    /// Reads a query string; a malformed one is an error naming it.
    pub fn parse(lang: Lang, query: Option<&str>) -> Result<Params, PageError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default()).map_err(|_| PageError::BadRequest {
            lang,
            field: "query".to_owned(),
            message: i18n::message(lang, "error-query", &[]),
            hint: None,
        })?;
        Ok(Params { pairs })
    }

    /// The last value of a parameter, if it is not empty (a form's unselected field is).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }

    /// The facts, by name, typed by the vocabulary; a parameter that is neither reserved nor a
    /// fact is an error naming it. A list fact's parameter may repeat (a form's checkboxes):
    /// its values are joined, so `charges=felony:assault&charges=misdemeanor:theft` is both
    /// charges; any other fact takes its last value.
    pub fn facts(&self, lang: Lang, law: &Law) -> Result<BTreeMap<String, RawValue>, PageError> {
        let mut texts: BTreeMap<&str, String> = BTreeMap::new();
        for (name, value) in self.fact_pairs() {
            if law.corpus().vocabulary().fact(name).is_none() {
                return Err(PageError::BadRequest {
                    lang,
                    field: name.to_owned(),
                    message: i18n::message(lang, "error-unknown-parameter", &[("name", name)]),
                    hint: Some(i18n::message(lang, "error-unknown-parameter-hint", &[])),
                });
            }
            match texts.get_mut(name) {
                Some(text) if law.is_list(name) => {
                    if !value.is_empty() {
                        if !text.is_empty() {
                            text.push(',');
                        }
                        text.push_str(value);
                    }
                }
                _ => {
                    texts.insert(name, value.to_owned());
                }
            }
        }
        let mut out = BTreeMap::new();
        for (name, text) in texts {
            if let Some(value) = law.fact_value(name, &text) {
                out.insert(name.to_owned(), value);
            }
        }
        Ok(out)
    }

    /// The bills (document ids) to treat as enacted: every `assume_enacted` parameter, each
    /// a comma-separated list.
    pub fn assume_enacted(&self) -> Vec<String> {
        let lists = self.pairs.iter().filter(|(k, _)| k == "assume_enacted").flat_map(|(_, v)| v.split(','));
        lists.map(str::trim).filter(|id| !id.is_empty()).map(str::to_owned).collect()
    }

    /// The names of the facts given, each once, in the order they first appear.
    pub fn fact_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for (name, _) in self.fact_pairs() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// The fact parameters, in URL order.
    pub fn fact_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().filter(|(k, _)| !RESERVED.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// These parameters with one set (or removed, for `None`), as a query string.
    pub fn with(&self, name: &str, value: Option<&str>) -> String {
        let mut pairs: Vec<(&str, &str)> = self.pairs.iter().filter(|(k, _)| k != name).map(|(k, v)| (k.as_str(), v.as_str())).collect();
        if let Some(value) = value {
            pairs.push((name, value));
        }
        encode(&pairs)
    }

    /// The query string of these parameters.
    pub fn encoded(&self) -> String {
        encode(&self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>())
    }
}

/// Pairs as a query string.
pub(crate) fn encode(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// `?query` or nothing.
pub(crate) fn question_mark(query: &str) -> String {
    if query.is_empty() { String::new() } else { format!("?{query}") }
}
