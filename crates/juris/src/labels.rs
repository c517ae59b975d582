//! Labels and plain-language prompts for the vocabulary's names, in every language of the corpus.
//!
//! They live in `labels.toml` at the corpus root (docs/corpus.md), keyed by name, apart from
//! `vocabulary.toml`: the vocabulary is the request contract, the labels are how a person reads it.
//! Every outcome, jurisdiction, agency, action, fact, enum value and record field has a label in
//! each language the file declares; every fact and action also has a prompt, a question a person
//! at a booking desk or in a family could answer. A name without one is a warning (W0801), a
//! label for a name the vocabulary lacks is a warning (W0802), and a file that is not valid is an
//! error (E0801). A corpus without `labels.toml` has no labels and no label diagnostics.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Span, did_you_mean};
use crate::engine::ir::Outcome;
use crate::vocabulary::Vocabulary;

/// The file, at the corpus root, that holds the labels.
pub const LABELS_FILE: &str = "labels.toml";

/// The kinds of name a label belongs to; each is a table of `labels.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LabelKind {
    /// An outcome (`required`, `permitted`, ...): table `outcomes`.
    Outcome,
    /// A jurisdiction by id: table `jurisdictions`.
    Jurisdiction,
    /// An agency: table `agencies`.
    Agency,
    /// An action: table `actions`, each also with a prompt.
    Action,
    /// A fact: table `facts`, each also with a prompt.
    Fact,
    /// A value of an enum, keyed `enum.value`.
    Value,
    /// A field of a record, keyed `record.field`.
    Field,
}

impl LabelKind {
    /// The table of `labels.toml` that holds this kind.
    pub fn table(self) -> &'static str {
        match self {
            LabelKind::Outcome => "outcomes",
            LabelKind::Jurisdiction => "jurisdictions",
            LabelKind::Agency => "agencies",
            LabelKind::Action => "actions",
            LabelKind::Fact => "facts",
            LabelKind::Value => "values",
            LabelKind::Field => "fields",
        }
    }

    /// Whether names of this kind need a prompt as well as a label.
    fn needs_prompt(self) -> bool {
        matches!(self, LabelKind::Fact | LabelKind::Action)
    }
}

/// The label and prompt of one name, by language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub label: BTreeMap<String, String>,
    pub prompt: BTreeMap<String, String>,
}

/// The loaded labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// The languages every name is labelled in, as BCP 47 tags (`en`, `es`), in file order.
    pub languages: Vec<String>,
    entries: BTreeMap<(LabelKind, String), Entry>,
}

impl Labels {
    /// The entry for a name (`Value` names are `enum.value`, `Field` names `record.field`).
    pub fn entry(&self, kind: LabelKind, name: &str) -> Option<&Entry> {
        self.entries.get(&(kind, name.to_owned()))
    }

    /// The label of a name in a language.
    pub fn label(&self, kind: LabelKind, name: &str, language: &str) -> Option<&str> {
        self.entry(kind, name)?.label.get(language).map(String::as_str)
    }

    /// The prompt of a fact or action in a language.
    pub fn prompt(&self, kind: LabelKind, name: &str, language: &str) -> Option<&str> {
        self.entry(kind, name)?.prompt.get(language).map(String::as_str)
    }

    /// The prompt of a fact in every language that has one.
    pub fn prompts(&self, kind: LabelKind, name: &str) -> BTreeMap<String, String> {
        self.entry(kind, name).map(|e| e.prompt.clone()).unwrap_or_default()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabels {
    languages: Vec<String>,
    #[serde(default)]
    outcomes: BTreeMap<Spanned<String>, RawEntry>,
    #[serde(default)]
    jurisdictions: BTreeMap<Spanned<String>, RawEntry>,
    #[serde(default)]
    agencies: BTreeMap<Spanned<String>, RawEntry>,
    #[serde(default)]
    actions: BTreeMap<Spanned<String>, RawEntry>,
    #[serde(default)]
    facts: BTreeMap<Spanned<String>, RawEntry>,
    #[serde(default)]
    values: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, RawEntry>>,
    #[serde(default)]
    fields: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    label: BTreeMap<String, String>,
    #[serde(default)]
    prompt: BTreeMap<String, String>,
}

fn span(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end.max(range.start + 1))
}

/// Every name the vocabulary declares, by kind, in vocabulary order.
fn names(v: &Vocabulary) -> Vec<(LabelKind, String)> {
    let mut out: Vec<(LabelKind, String)> = Outcome::ALL.iter().map(|o| (LabelKind::Outcome, o.name().to_owned())).collect();
    out.extend(v.jurisdictions.iter().map(|j| (LabelKind::Jurisdiction, j.id.clone())));
    out.extend(v.agencies.iter().map(|(a, _)| (LabelKind::Agency, a.clone())));
    out.extend(v.actions.iter().map(|(a, _)| (LabelKind::Action, a.clone())));
    out.extend(v.facts.iter().map(|f| (LabelKind::Fact, f.name.clone())));
    for e in &v.enums {
        out.extend(e.values.iter().map(|x| (LabelKind::Value, format!("{}.{x}", e.name))));
    }
    for r in &v.records {
        out.extend(r.fields.iter().map(|(f, _)| (LabelKind::Field, format!("{}.{f}", r.name))));
    }
    out
}

impl Labels {
    /// Parses `labels.toml` and checks it against the vocabulary: the labels (what could be
    /// read) and every diagnostic. An invalid file gives no labels and one error.
    pub fn parse(path: &str, text: &str, v: &Vocabulary) -> (Labels, Vec<Diagnostic>) {
        let raw: RawLabels = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let d = Diagnostic::error(
                    crate::diagnostic::Code::E0801,
                    path,
                    e.span().map(span),
                    format!("invalid labels file: {}", e.message().trim_end_matches('.')),
                )
                .with_label("here")
                .with_help("a labels file has `languages` and tables of `label` and `prompt` by language (docs/corpus.md)");
                return (Labels::default(), vec![d]);
            }
        };
        let mut diagnostics = Vec::new();
        let mut labels = Labels { languages: raw.languages.clone(), entries: BTreeMap::new() };
        let known = names(v);
        let mut add = |kind: LabelKind, name: &Spanned<String>, entry: RawEntry, diagnostics: &mut Vec<Diagnostic>| {
            let key = (kind, name.get_ref().clone());
            if !known.contains(&key) {
                let candidates: Vec<&str> = known.iter().filter(|(k, _)| *k == kind).map(|(_, n)| n.as_str()).collect();
                let help = did_you_mean(name.get_ref(), candidates.iter().copied())
                    .unwrap_or_else(|| format!("`{}` labels names declared in vocabulary.toml", kind.table()));
                diagnostics.push(
                    Diagnostic::warning(
                        crate::diagnostic::Code::W0802,
                        path,
                        Some(span(name.span())),
                        format!("`{}` labels `{}`, which the vocabulary does not declare", kind.table(), name.get_ref()),
                    )
                    .with_label("not in the vocabulary")
                    .with_help(help),
                );
                return;
            }
            for language in entry.label.keys().chain(entry.prompt.keys()) {
                if !raw.languages.contains(language) {
                    diagnostics.push(
                        Diagnostic::warning(
                            crate::diagnostic::Code::W0802,
                            path,
                            Some(span(name.span())),
                            format!("`{}` has text in `{language}`, which `languages` does not list", name.get_ref()),
                        )
                        .with_label("here")
                        .with_help(format!("add `{language}` to `languages` or remove the text")),
                    );
                }
            }
            labels.entries.insert(key, Entry { label: entry.label, prompt: entry.prompt });
        };
        for (kind, table) in [
            (LabelKind::Outcome, raw.outcomes),
            (LabelKind::Jurisdiction, raw.jurisdictions),
            (LabelKind::Agency, raw.agencies),
            (LabelKind::Action, raw.actions),
            (LabelKind::Fact, raw.facts),
        ] {
            for (name, entry) in table {
                add(kind, &name, entry, &mut diagnostics);
            }
        }
        for (kind, table) in [(LabelKind::Value, raw.values), (LabelKind::Field, raw.fields)] {
            for (group, members) in table {
                for (member, entry) in members {
                    let name = Spanned::new(member.span(), format!("{}.{}", group.get_ref(), member.get_ref()));
                    add(kind, &name, entry, &mut diagnostics);
                }
            }
        }
        for (kind, name) in &known {
            let entry = labels.entries.get(&(*kind, name.clone()));
            for language in &labels.languages {
                let mut lacks = Vec::new();
                if entry.and_then(|e| e.label.get(language)).is_none_or(|t| t.trim().is_empty()) {
                    lacks.push("label");
                }
                if kind.needs_prompt() && entry.and_then(|e| e.prompt.get(language)).is_none_or(|t| t.trim().is_empty()) {
                    lacks.push("prompt");
                }
                if !lacks.is_empty() {
                    diagnostics.push(
                        Diagnostic::warning(
                            crate::diagnostic::Code::W0801,
                            path,
                            None,
                            format!("{} `{name}` has no {} in `{language}`", singular(*kind), lacks.join(" or ")),
                        )
                        .with_help(format!("add it under `[{}]` in {LABELS_FILE}", table_path(*kind, name))),
                    );
                }
            }
        }
        (labels, diagnostics)
    }
}

fn singular(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Outcome => "outcome",
        LabelKind::Jurisdiction => "jurisdiction",
        LabelKind::Agency => "agency",
        LabelKind::Action => "action",
        LabelKind::Fact => "fact",
        LabelKind::Value => "enum value",
        LabelKind::Field => "record field",
    }
}

/// The TOML table a name's entry is written under.
fn table_path(kind: LabelKind, name: &str) -> String {
    match kind {
        LabelKind::Value | LabelKind::Field => {
            let (group, _) = name.split_once('.').unwrap_or((name, ""));
            format!("{}.{group}", kind.table())
        }
        _ => format!("{}.{name}", kind.table()),
    }
}
