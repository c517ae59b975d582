//! Standard situations: named sets of facts, and which agency acts on each action by default.
//!
//! They live in `situations.toml` at the corpus root (docs/corpus.md) and are what `juris compare`
//! compares and what `juris timeline --situation` follows. A fact's date may be written relative
//! to the date of the question (`date = "as_of - 3 years"`), so that a situation means the same
//! thing on every date.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::{Facts, request};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Span, did_you_mean};
use crate::engine::ir::Corpus;
use crate::engine::request::{RawValue, RequestError};

/// The file, at the corpus root, that holds the shipped situations.
pub const SITUATIONS_FILE: &str = "situations.toml";

/// One standard situation.
#[derive(Debug, Clone, PartialEq)]
pub struct Situation {
    /// Lowercase letters, digits and `-`.
    pub id: String,
    /// One line saying what happened.
    pub description: String,
    /// The facts, in the vocabulary's names; dates may be relative (`as_of - 3 years`).
    pub facts: BTreeMap<String, RawValue>,
}

/// A checked situations file.
#[derive(Debug, Clone, PartialEq)]
pub struct Situations {
    /// In file order.
    pub situations: Vec<Situation>,
    /// The agency that acts on each action by default (action → agency).
    pub default_agency: BTreeMap<String, String>,
    /// Per jurisdiction, actions on which another agency acts there (jurisdiction → action → agency).
    pub jurisdiction_agency: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    default_agency: BTreeMap<String, String>,
    #[serde(default)]
    jurisdiction_agency: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    situation: Vec<toml::Spanned<RawSituation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSituation {
    id: String,
    description: String,
    #[serde(default)]
    facts: BTreeMap<String, RawValue>,
}

/// A date on which the facts of every situation are checked (relative dates resolve against it).
const CHECK_DATE: &str = "2020-01-01";

impl Situations {
    /// Parses and checks a situations file against the corpus's vocabulary: names of actions,
    /// agencies and jurisdictions, unique ids, and every situation's facts.
    pub fn parse(path: &str, text: &str, corpus: &Corpus) -> Result<Situations, Diagnostic> {
        let file: RawFile = toml::from_str(text).map_err(|e| {
            Diagnostic::error(
                crate::diagnostic::Code::E0601,
                path,
                e.span().map(|r| Span::new(r.start, r.end.max(r.start + 1))),
                format!("invalid situations file: {}", e.message().trim_end_matches('.')),
            )
            .with_label("here")
            .with_help(
                "a situations file has `[default_agency]` and `[[situation]]` tables with id, description and facts (docs/corpus.md)",
            )
        })?;
        let v = &corpus.vocabulary;
        let locate = |needle: &str| text.find(needle).map(|start| Span::new(start, start + needle.len()));
        let actions: Vec<&str> = v.actions.iter().map(|(n, _)| n.as_str()).collect();
        let agencies: Vec<&str> = v.agencies.iter().map(|(n, _)| n.as_str()).collect();
        let name_error = |what: &str, name: &str, allowed: &[&str]| {
            Diagnostic::error(crate::diagnostic::Code::E0602, path, locate(name), format!("unknown {what} `{name}`"))
                .with_label(format!("not {} {what}", if what == "agency" { "an" } else { "a" }))
                .with_help_opt(did_you_mean(name, allowed.iter().copied()))
        };
        let check_mapping = |mapping: &BTreeMap<String, String>| -> Result<(), Diagnostic> {
            for (action, agency) in mapping {
                if v.action(action).is_none() {
                    return Err(name_error("action", action, &actions));
                }
                if v.agency(agency).is_none() {
                    return Err(name_error("agency", agency, &agencies));
                }
            }
            Ok(())
        };
        check_mapping(&file.default_agency)?;
        for (jurisdiction, mapping) in &file.jurisdiction_agency {
            if v.jurisdiction(jurisdiction).is_none() {
                let ids: Vec<&str> = v.jurisdictions.iter().map(|j| j.id.as_str()).collect();
                return Err(name_error("jurisdiction", jurisdiction, &ids));
            }
            check_mapping(mapping)?;
        }
        let check_date = Date::parse(CHECK_DATE).unwrap_or(Date::from_days(0));
        // The facts are checked against the root of the jurisdiction tree, which every stack shares.
        let root = v.jurisdictions.iter().find(|j| j.parent.is_none()).map_or("", |j| j.id.as_str());
        let mut ids = BTreeSet::new();
        let mut situations = Vec::new();
        for spanned in file.situation {
            let span = spanned.span();
            let at = Some(Span::new(span.start, span.start + 1));
            let raw = spanned.into_inner();
            let slug = !raw.id.is_empty() && raw.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !slug {
                return Err(Diagnostic::error(
                    crate::diagnostic::Code::E0603,
                    path,
                    locate(&raw.id).or(at),
                    format!("`{}` is not a situation id", raw.id),
                )
                .with_help("use lowercase letters, digits and `-`"));
            }
            if !ids.insert(raw.id.clone()) {
                return Err(Diagnostic::error(
                    crate::diagnostic::Code::E0603,
                    path,
                    at,
                    format!("situation id `{}` is used twice", raw.id),
                ));
            }
            // The facts are checked as a request would check them.
            let (agency, action) = (agencies.first().copied().unwrap_or_default(), actions.first().copied().unwrap_or_default());
            let checked = request(root, agency, action, check_date, &raw.facts, &[]).and_then(|r| corpus.resolve(&r).map(|_| ()));
            if let Err(e) = checked {
                // Point at the fact named by the error, within this situation.
                let fact = e.field.strip_prefix("facts.").and_then(|f| f.split(['.', '[']).next());
                let fact_at = fact.and_then(|f| text[span.start..].find(f).map(|i| Span::new(span.start + i, span.start + i + f.len())));
                return Err(Diagnostic::error(
                    crate::diagnostic::Code::E0604,
                    path,
                    fact_at.or(at),
                    format!("situation `{}`: {e}", raw.id),
                )
                .with_label(if fact_at.is_some() { "this fact" } else { "in this situation" })
                .with_help("facts use the names of the vocabulary (docs/vocabulary.md)"));
            }
            situations.push(Situation { id: raw.id, description: raw.description, facts: raw.facts });
        }
        Ok(Situations { situations, default_agency: file.default_agency, jurisdiction_agency: file.jurisdiction_agency })
    }

    /// The situation with this id.
    pub fn get(&self, id: &str) -> Option<&Situation> {
        self.situations.iter().find(|s| s.id == id)
    }

    /// The situation with this id, or an error naming `field` and the ids there are.
    pub fn find(&self, field: &str, id: &str) -> Result<&Situation, RequestError> {
        self.get(id).ok_or_else(|| super::unknown(field, crate::engine::request_error::Noun::Situation, id, self.ids()))
    }

    /// Every situation id, in file order.
    pub fn ids(&self) -> Vec<String> {
        self.situations.iter().map(|s| s.id.clone()).collect()
    }

    /// The agency that acts on `action` in `jurisdiction` by default: the jurisdiction's own
    /// mapping, else that of its nearest ancestor with one, else the file's default.
    pub fn agency_for(&self, corpus: &Corpus, jurisdiction: u16, action: &str) -> Option<&str> {
        let v = &corpus.vocabulary;
        for j in v.stack(jurisdiction).iter().rev() {
            if let Some(agency) = self.jurisdiction_agency.get(&v.jurisdictions[*j as usize].id).and_then(|m| m.get(action)) {
                return Some(agency);
            }
        }
        self.default_agency.get(action).map(String::as_str)
    }
}

impl Situation {
    /// The facts, serializable as written.
    pub fn facts(&self) -> Facts {
        Facts(self.facts.clone())
    }
}
