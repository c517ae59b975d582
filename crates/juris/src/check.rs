//! Loads a corpus: parses every file, resolves names and types against the vocabulary, checks
//! lifecycles and exceptions, and compiles the result into a [`Corpus`].
//!
//! All problems are collected and returned at once; a corpus with any error is not built.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned as TSpanned;

use crate::ast::{self, ClassAst, ExprKind, Item, Literal, OutcomeAst, RuleAst, Spanned};
use crate::date::{Date, Unit};
use crate::diagnostic::{Diagnostic, Source, Span, did_you_mean};
use crate::ir::*;
use crate::markdown;
use crate::parser::parse_block;
use crate::vocabulary::{FactType, ScalarType, Vocabulary};

/// The result of loading: the corpus when there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    pub corpus: Option<Corpus>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The file name of the vocabulary at the corpus root.
pub const VOCABULARY_FILE: &str = "vocabulary.toml";

/// Whether a corpus file is a policy document (Markdown inside a jurisdiction folder).
pub fn is_document(path: &str) -> bool {
    path.ends_with(".md") && path.contains('/') && !path.ends_with("README.md")
}

/// Loads and checks a corpus from its files (paths relative to the corpus root).
pub fn load(sources: &[Source]) -> Loaded {
    let mut diagnostics = Vec::new();
    let Some(vocab_source) = sources.iter().find(|s| s.path == VOCABULARY_FILE) else {
        diagnostics.push(
            Diagnostic::error("E0000", VOCABULARY_FILE, None, "the corpus has no `vocabulary.toml`")
                .with_help("a corpus folder holds vocabulary.toml and one folder of documents per jurisdiction"),
        );
        return Loaded { corpus: None, diagnostics };
    };
    let vocabulary = match Vocabulary::parse(&vocab_source.path, &vocab_source.text) {
        Ok(v) => v,
        Err(errors) => {
            return Loaded { corpus: None, diagnostics: errors };
        }
    };
    let mut documents: Vec<Source> = sources.iter().filter(|s| is_document(&s.path)).cloned().collect();
    // INVARIANT: documents are processed in path order, so ids do not depend on input order.
    documents.sort_by(|a, b| a.path.cmp(&b.path));

    let mut checker = Checker { vocabulary, diagnostics: Vec::new(), parsed: Vec::new() };
    for source in &documents {
        checker.parse_document(source);
    }
    let mut corpus = checker.compile(sources);
    diagnostics.append(&mut checker.diagnostics);
    if let (Some(c), Some(file)) = (corpus.as_mut(), sources.iter().find(|s| s.path == crate::labels::LABELS_FILE)) {
        let (labels, problems) = crate::labels::Labels::parse(&file.path, &file.text, &c.vocabulary);
        c.labels = labels;
        diagnostics.extend(problems);
    }
    sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Loaded { corpus: if has_errors { None } else { corpus }, diagnostics }
}

/// Loads the corpus as [`load`] does, then, when it has no error, runs the lints
/// ([`crate::lint`]: dead rules, static conflicts, ...) over it: what `juris check` reports.
/// Loading alone does not lint, so that a front end that only decides (the CLI's other commands,
/// the service, batch, Python) does not pay for the lints' searches at every start.
pub fn check(sources: &[Source]) -> Loaded {
    let mut loaded = load(sources);
    if let Some(c) = &loaded.corpus {
        loaded.diagnostics.extend(crate::lint::lint(c));
        sort(&mut loaded.diagnostics);
    }
    loaded
}

/// Diagnostics by severity, then file, then position.
fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (a.severity, &a.path, a.span.map(|s| s.start)).cmp(&(b.severity, &b.path, b.span.map(|s| s.start))));
}

/// The sha256 of the files that decisions depend on (vocabulary and documents), by path order.
pub fn corpus_hash(sources: &[Source]) -> String {
    let mut files: Vec<&Source> = sources.iter().filter(|s| s.path == VOCABULARY_FILE || is_document(&s.path)).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.path.as_bytes());
        hasher.update([0]);
        hasher.update((file.text.len() as u64).to_le_bytes());
        hasher.update(file.text.as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: TSpanned<String>,
    jurisdiction: TSpanned<String>,
    kind: TSpanned<String>,
    title: String,
    citation: String,
    sources: Vec<String>,
    binds: TSpanned<Binds>,
    confidence: TSpanned<String>,
    #[serde(default)]
    lifecycle: Vec<TSpanned<RawEvent>>,
    #[serde(default)]
    overrides: Vec<TSpanned<String>>,
    notes: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Binds {
    All(String),
    Some(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    event: TSpanned<String>,
    date: TSpanned<DateText>,
    vote: Option<String>,
    succeeded: Option<bool>,
    by: Option<String>,
    chamber: Option<String>,
    note: Option<String>,
}

/// A date written as a string or as a TOML date.
#[derive(Deserialize)]
#[serde(untagged)]
enum DateText {
    Text(String),
    Toml(toml::value::Datetime),
}

impl DateText {
    fn text(&self) -> String {
        match self {
            DateText::Text(t) => t.clone(),
            DateText::Toml(d) => d.to_string(),
        }
    }
}

struct ParsedDocument {
    path: String,
    front: FrontMatter,
    front_offset: usize,
    items: Vec<(Item, String, String)>,
}

struct Checker {
    vocabulary: Vocabulary,
    diagnostics: Vec<Diagnostic>,
    parsed: Vec<ParsedDocument>,
}

fn span_of<T>(s: &TSpanned<T>, offset: usize) -> Span {
    let r = s.span();
    Span::new(r.start + offset, r.end + offset)
}

impl Checker {
    fn error(&mut self, code: &'static str, path: &str, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(code, path, Some(span), message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    fn parse_document(&mut self, source: &Source) {
        let literate = match markdown::split(&source.path, &source.text) {
            Ok(l) => l,
            Err(d) => {
                self.diagnostics.push(d);
                return;
            }
        };
        let offset = literate.front_matter_offset;
        let front: FrontMatter = match toml::from_str(&literate.front_matter) {
            Ok(f) => f,
            Err(e) => {
                let span = e.span().map(|r| Span::new(r.start + offset, r.end.max(r.start + 1) + offset));
                self.diagnostics.push(
                    Diagnostic::error("E0103", &source.path, span, format!("invalid front matter: {}", e.message().trim_end_matches('.')))
                        .with_label("here")
                        .with_help("front matter needs id, jurisdiction, kind, title, citation, sources, binds, confidence and lifecycle (docs/language.md)"),
                );
                return;
            }
        };
        let mut items = Vec::new();
        for block in &literate.blocks {
            let (parsed, errors) = parse_block(&block.code, block.offset);
            for e in errors {
                self.diagnostics.push(
                    Diagnostic::error("E0104", &source.path, Some(e.span), e.message)
                        .with_label(e.label)
                        .with_help_opt(e.help)
                        .with_section(Some(block.section.clone())),
                );
            }
            for item in parsed {
                items.push((item, block.section.clone(), block.text.clone()));
            }
        }
        self.parsed.push(ParsedDocument { path: source.path.clone(), front, front_offset: offset, items });
    }

    fn parse_date(&mut self, path: &str, span: Span, text: &str) -> Option<Date> {
        let date = Date::parse(text);
        if date.is_none() {
            self.error("E0105", path, span, format!("`{text}` is not a date")).label = Some("expected a calendar date".into());
            let last = self.diagnostics.len() - 1;
            self.diagnostics[last].help = Some("write dates as YYYY-MM-DD, e.g. `2019-07-22`".into());
        }
        date
    }

    fn compile(&mut self, sources: &[Source]) -> Option<Corpus> {
        let parsed = std::mem::take(&mut self.parsed);
        let v = self.vocabulary.clone();
        let mut documents: Vec<Document> = Vec::new();
        let mut document_index: HashMap<String, DocId> = HashMap::new();

        // Documents.
        for p in &parsed {
            let off = p.front_offset;
            let f = &p.front;
            let id = f.id.get_ref().clone();
            let id_span = span_of(&f.id, off);
            let jurisdiction = match v.jurisdiction(f.jurisdiction.get_ref()) {
                Some(j) => j,
                None => {
                    let hint = did_you_mean(f.jurisdiction.get_ref(), v.jurisdictions.iter().map(|j| j.id.as_str()));
                    self.error(
                        "E0201",
                        &p.path,
                        span_of(&f.jurisdiction, off),
                        format!("unknown jurisdiction `{}`", f.jurisdiction.get_ref()),
                    )
                    .help = hint.or(Some("jurisdictions are declared in vocabulary.toml".into()));
                    0
                }
            };
            let slug_ok = id.split_once('/').is_some_and(|(j, slug)| {
                j == f.jurisdiction.get_ref()
                    && !slug.is_empty()
                    && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
            if !slug_ok {
                self.error("E0202", &p.path, id_span, format!("document id `{id}` must be `{}/<slug>`", f.jurisdiction.get_ref())).help =
                    Some("the slug uses lowercase letters, digits and `-`".into());
            }
            if document_index.contains_key(&id) {
                self.error("E0203", &p.path, id_span, format!("document id `{id}` is used twice"));
            }
            let kind = DocumentKind::parse(f.kind.get_ref()).unwrap_or_else(|| {
                let hint = did_you_mean(f.kind.get_ref(), DocumentKind::NAMES);
                self.error("E0204", &p.path, span_of(&f.kind, off), format!("unknown document kind `{}`", f.kind.get_ref())).help = hint;
                DocumentKind::Practice
            });
            let confidence = Confidence::parse(f.confidence.get_ref()).unwrap_or_else(|| {
                let hint = did_you_mean(f.confidence.get_ref(), Confidence::NAMES);
                self.error("E0205", &p.path, span_of(&f.confidence, off), format!("unknown confidence `{}`", f.confidence.get_ref()))
                    .help = hint;
                Confidence::Uncertain
            });
            let binds = match f.binds.get_ref() {
                Binds::All(s) if s == "all" => all_agencies(v.agencies.len()),
                Binds::All(s) => {
                    self.error(
                        "E0206",
                        &p.path,
                        span_of(&f.binds, off),
                        format!("`binds` must be a list of agencies or `\"all\"`, found `{s}`"),
                    );
                    0
                }
                Binds::Some(list) => {
                    let mut mask = 0u64;
                    for a in list {
                        match v.agency(a) {
                            Some(i) => mask |= 1 << i,
                            None => {
                                let hint = did_you_mean(a, v.agencies.iter().map(|(n, _)| n.as_str()));
                                self.error("E0206", &p.path, span_of(&f.binds, off), format!("unknown agency `{a}`")).help = hint;
                            }
                        }
                    }
                    mask
                }
            };
            if f.sources.is_empty() {
                self.error("E0207", &p.path, id_span, "a document must give at least one source address").help =
                    Some("add `sources = [\"https://...\"]`".into());
            }
            let mut lifecycle = Vec::new();
            for e in &f.lifecycle {
                let raw = e.get_ref();
                let Some(kind) = EventKind::parse(raw.event.get_ref()) else {
                    let hint = did_you_mean(raw.event.get_ref(), EventKind::NAMES);
                    self.error("E0208", &p.path, span_of(&raw.event, off), format!("unknown lifecycle event `{}`", raw.event.get_ref()))
                        .help = hint;
                    continue;
                };
                let Some(date) = self.parse_date(&p.path, span_of(&raw.date, off), &raw.date.get_ref().text()) else {
                    continue;
                };
                lifecycle.push(Event {
                    event: kind,
                    date,
                    vote: raw.vote.clone(),
                    succeeded: raw.succeeded,
                    by: raw.by.clone(),
                    chamber: raw.chamber.clone(),
                    note: raw.note.clone(),
                });
            }
            lifecycle.sort_by_key(|e| e.date);
            let doc = Document {
                id: id.clone(),
                path: p.path.clone(),
                jurisdiction,
                kind,
                title: f.title.clone(),
                citation: f.citation.clone(),
                sources: f.sources.clone(),
                binds,
                confidence,
                notes: f.notes.clone(),
                effective: None,
                ends: None,
                assumed_from: None,
                overrides: Vec::new(),
                rules: Vec::new(),
                lifecycle,
            };
            let doc = self.check_lifecycle(doc, id_span);
            document_index.insert(id, documents.len() as DocId);
            documents.push(doc);
        }
        // Declared overrides.
        for (d, p) in parsed.iter().enumerate() {
            for o in &p.front.overrides {
                match document_index.get(o.get_ref()) {
                    Some(&target) if documents[target as usize].jurisdiction == documents[d].jurisdiction => {
                        documents[d].overrides.push(target)
                    }
                    Some(_) => {
                        self.error("E0209", &p.path, span_of(o, p.front_offset), format!("`{}` is in another jurisdiction", o.get_ref()))
                            .help = Some(
                            "`overrides` orders documents within one jurisdiction; layers are ordered by the jurisdiction tree".into(),
                        );
                    }
                    None => {
                        let hint = did_you_mean(o.get_ref(), document_index.keys().map(String::as_str));
                        self.error("E0209", &p.path, span_of(o, p.front_offset), format!("unknown document `{}`", o.get_ref())).help = hint;
                    }
                }
            }
        }

        // Classes first: rules refer to them.
        let mut classes: Vec<Class> = Vec::new();
        let mut class_index: HashMap<String, ClassId> = HashMap::new();
        for (d, p) in parsed.iter().enumerate() {
            for (item, section, _) in &p.items {
                if let Item::Class(c) = item {
                    if class_index.contains_key(&c.id.value) {
                        self.error("E0301", &p.path, c.id.span, format!("class `{}` is declared twice", c.id.value));
                        continue;
                    }
                    let class = self.compile_class(&p.path, section, d as DocId, c);
                    class_index.insert(c.id.value.clone(), classes.len() as ClassId);
                    classes.push(class);
                }
            }
        }

        // Rules: ids first, then bodies.
        let mut rules: Vec<Rule> = Vec::new();
        let mut rule_index: HashMap<String, RuleId> = HashMap::new();
        let mut pending: Vec<(usize, &RuleAst, String, String)> = Vec::new();
        for (d, p) in parsed.iter().enumerate() {
            for (item, section, text) in &p.items {
                if let Item::Rule(r) = item {
                    let full = format!("{}#{}", documents[d].id, r.id.value);
                    if !r.id.value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                        self.error(
                            "E0302",
                            &p.path,
                            r.id.span,
                            format!("rule id `{}` must use lowercase letters, digits and `-`", r.id.value),
                        );
                    }
                    if rule_index.contains_key(&full) {
                        self.error("E0303", &p.path, r.id.span, format!("rule `{}` is declared twice in this document", r.id.value))
                            .section = Some(section.clone());
                        continue;
                    }
                    rule_index.insert(full, (rules.len() + pending.len()) as RuleId);
                    pending.push((d, r, section.clone(), text.clone()));
                }
            }
        }
        for (d, r, section, text) in &pending {
            let p = &parsed[*d];
            let rule = self.compile_rule(&p.path, section, text, &documents[*d], *d as DocId, r, &class_index, &classes, &rule_index);
            documents[*d].rules.push(rules.len() as RuleId);
            rules.push(rule);
        }
        self.check_exception_cycles(&rules, &documents);

        let candidates = build_candidates(&v, &documents, &rules, &mut self.diagnostics);
        let mut by_name: Vec<usize> = (0..rules.len()).collect();
        by_name.sort_by(|a, b| rules[*a].id.cmp(&rules[*b].id));
        let mut rank = vec![0u32; rules.len()];
        for (position, &r) in by_name.iter().enumerate() {
            rank[r] = position as u32;
        }
        Some(Corpus {
            vocabulary: v,
            documents,
            rules,
            classes,
            candidates,
            hash: corpus_hash(sources),
            rank,
            labels: Default::default(),
            document_index,
            rule_index,
        })
    }

    fn check_lifecycle(&mut self, mut doc: Document, span: Span) -> Document {
        let path = doc.path.clone();
        let first = |kind: EventKind| doc.lifecycle.iter().find(|e| e.event == kind).map(|e| e.date);
        doc.effective = first(EventKind::Effective);
        let failed_referendum =
            doc.lifecycle.iter().find(|e| e.event == EventKind::Referendum && e.succeeded == Some(false)).map(|e| e.date);
        doc.ends = doc.lifecycle.iter().filter(|e| e.event.ends()).map(|e| e.date).chain(failed_referendum).min();
        if doc.is_bill() {
            doc.assumed_from = first(EventKind::Passed).or(first(EventKind::Introduced));
            if doc.assumed_from.is_none() {
                self.error("E0211", &path, span, format!("bill `{}` has neither a `passed` nor an `introduced` event", doc.id)).help =
                    Some("what-if evaluation treats a bill as law from its passage; record when it passed or was introduced".into());
            }
        }
        if doc.effective.is_none() && !doc.is_bill() && doc.kind != DocumentKind::Classification {
            self.error("E0212", &path, span, format!("document `{}` has no `effective` event", doc.id))
                .help = Some("record the first day it was law; if that day is unknown, use the earliest supported date and explain in `notes` and with `uncertain` rules".into());
        }
        if let (Some(start), Some(end)) = (doc.effective, doc.ends) {
            if end <= start {
                self.error("E0213", &path, span, format!("document `{}` ends ({end}) before it takes effect ({start})", doc.id));
            }
        }
        let vetoed = doc.lifecycle.iter().any(|e| e.event == EventKind::Vetoed);
        let overridden = doc.lifecycle.iter().any(|e| e.event == EventKind::Override && e.succeeded == Some(true));
        if vetoed && !overridden && doc.effective.is_some() {
            self.error("E0214", &path, span, format!("`{}` was vetoed and never overridden, yet has an `effective` event", doc.id)).help =
                Some("a vetoed bill becomes law only after a successful override".into());
        }
        // Charter thresholds: an override's votes must agree with its recorded result.
        let jurisdiction = self.vocabulary.jurisdictions[doc.jurisdiction as usize].clone();
        if let Some(needed) = jurisdiction.override_votes {
            for e in doc.lifecycle.iter().filter(|e| e.event == EventKind::Override) {
                let yes = e.vote.as_deref().and_then(|v| v.split('-').next()).and_then(|y| y.trim().parse::<u32>().ok());
                match (yes, e.succeeded) {
                    (Some(yes), Some(true)) if yes < needed => {
                        self.error(
                            "E0215",
                            &path,
                            span,
                            format!(
                                "override of `{}` succeeded with {yes} votes, but the charter of `{}` needs {needed}",
                                doc.id, jurisdiction.id
                            ),
                        );
                    }
                    (Some(yes), Some(false)) if yes >= needed => {
                        self.error(
                            "E0215",
                            &path,
                            span,
                            format!(
                                "override of `{}` failed with {yes} votes, but {needed} suffice under the charter of `{}`",
                                doc.id, jurisdiction.id
                            ),
                        );
                    }
                    _ => {}
                }
            }
        }
        doc
    }

    fn compile_class(&mut self, path: &str, section: &str, doc: DocId, c: &ClassAst) -> Class {
        let v = &self.vocabulary;
        let offense_enum = v.offense_enum();
        let level_enum = v.level_enum();
        let offenses = v.enums[offense_enum as usize].values.len();
        let levels = v.enums[level_enum as usize].values.len();
        let mut table = vec![Membership::No; offenses * (levels + 1)];
        let mut statutes: HashMap<String, Vec<Membership>> = HashMap::new();
        let mut reasons = Vec::new();
        let mut errors = Vec::new();
        for line in &c.lines {
            let membership = match &line.maybe {
                Some(reason) => {
                    reasons.push(reason.value.clone());
                    Membership::Maybe((reasons.len() - 1) as u16)
                }
                None => Membership::Yes,
            };
            let mut level_ids = Vec::new();
            for l in &line.levels {
                match v.enum_value(level_enum, &l.value) {
                    Some(id) => level_ids.push(id as usize),
                    None => errors.push((
                        l.span,
                        format!("unknown level `{}`", l.value),
                        did_you_mean(&l.value, v.enums[level_enum as usize].values.iter().map(String::as_str)),
                    )),
                }
            }
            if line.levels.is_empty() {
                level_ids = (0..levels).collect();
            }
            for statute in &line.statutes {
                match crate::statute::normalize(&statute.value) {
                    Ok(normal) => {
                        let row = statutes.entry(normal).or_insert_with(|| vec![Membership::No; levels + 1]);
                        for &l in &level_ids {
                            row[l] = membership;
                        }
                    }
                    Err(problem) => errors.push((
                        statute.span,
                        format!("statute `{}` {problem}", statute.value),
                        Some("write the jurisdiction, the code and the section, e.g. `\"CA PC 459\"`".into()),
                    )),
                }
            }
            for o in &line.offenses {
                match v.enum_value(offense_enum, &o.value) {
                    Some(id) => {
                        for &l in &level_ids {
                            table[id as usize * (levels + 1) + l] = membership;
                        }
                    }
                    None => errors.push((
                        o.span,
                        format!("unknown offense `{}`", o.value),
                        did_you_mean(&o.value, v.enums[offense_enum as usize].values.iter().map(String::as_str)),
                    )),
                }
            }
        }
        // The "level unknown" column: decided only when every level agrees.
        for o in 0..offenses {
            let row = &table[o * (levels + 1)..o * (levels + 1) + levels];
            let unknown = if row.iter().all(|m| *m == row[0]) {
                row[0]
            } else {
                reasons.push(format!(
                    "membership of `{}` in `{}` depends on its level, which is unknown",
                    v.enums[offense_enum as usize].values[o], c.id.value
                ));
                Membership::Maybe((reasons.len() - 1) as u16)
            };
            table[o * (levels + 1) + levels] = unknown;
        }
        let mut statute_rows = HashMap::with_capacity(statutes.len());
        let mut names: Vec<String> = statutes.keys().cloned().collect();
        names.sort();
        for name in names {
            let Some(mut row) = statutes.remove(&name) else { continue };
            row[levels] = if row[..levels].iter().all(|m| *m == row[0]) {
                row[0]
            } else {
                reasons.push(format!("membership of `{name}` in `{}` depends on its level, which is unknown", c.id.value));
                Membership::Maybe((reasons.len() - 1) as u16)
            };
            statute_rows.insert(name, row.into_boxed_slice());
        }
        for (span, message, help) in errors {
            self.error("E0304", path, span, message).help = help;
            let last = self.diagnostics.len() - 1;
            self.diagnostics[last].section = Some(section.to_owned());
        }
        Class { id: c.id.value.clone(), doc, levels, table, statutes: statute_rows, reasons }
    }

    #[expect(clippy::too_many_arguments, reason = "the rule's full context is needed to resolve it")]
    fn compile_rule(
        &mut self,
        path: &str,
        section: &str,
        text: &str,
        doc: &Document,
        doc_id: DocId,
        r: &RuleAst,
        class_index: &HashMap<String, ClassId>,
        classes: &[Class],
        rule_index: &HashMap<String, RuleId>,
    ) -> Rule {
        let v = self.vocabulary.clone();
        let mut errors: Vec<Diagnostic> = Vec::new();
        let err = |code: &'static str, span: Span, message: String| {
            Diagnostic::error(code, path, Some(span), message).with_section(Some(section.to_owned()))
        };

        let mut actions = 0u64;
        if r.actions.is_empty() {
            errors.push(
                err("E0305", r.id.span, format!("rule `{}` names no action", r.id.value))
                    .with_help("add `action hold` (or another action from vocabulary.toml)"),
            );
        }
        for a in &r.actions {
            match v.action(&a.value) {
                Some(i) => actions |= 1 << i,
                None => errors.push(
                    err("E0306", a.span, format!("unknown action `{}`", a.value))
                        .with_label("not an action")
                        .with_help_opt(did_you_mean(&a.value, v.actions.iter().map(|(n, _)| n.as_str()))),
                ),
            }
        }
        let mut agencies = doc.binds;
        if !r.agencies.is_empty() {
            agencies = 0;
            for a in &r.agencies {
                match v.agency(&a.value) {
                    Some(i) if doc.binds & (1 << i) != 0 => agencies |= 1 << i,
                    Some(_) => errors.push(
                        err("E0308", a.span, format!("agency `{}` is not bound by document `{}`", a.value, doc.id))
                            .with_help("a rule can only narrow the agencies its document `binds`"),
                    ),
                    None => errors.push(
                        err("E0309", a.span, format!("unknown agency `{}`", a.value))
                            .with_help_opt(did_you_mean(&a.value, v.agencies.iter().map(|(n, _)| n.as_str()))),
                    ),
                }
            }
        }
        let outcome = match &r.outcome {
            None => {
                errors.push(
                    err("E0310", r.id.span, format!("rule `{}` has no outcome", r.id.value))
                        .with_help("add `outcome permitted`, `prohibited`, `required` or `uncertain(...)`"),
                );
                RuleOutcome::Definite(Outcome::Uncertain)
            }
            Some(o) => match &o.value {
                OutcomeAst::Plain(name) => match Outcome::parse(name) {
                    Some(out @ (Outcome::Required | Outcome::Permitted | Outcome::Prohibited)) => RuleOutcome::Definite(out),
                    _ => {
                        errors.push(
                            err("E0311", o.span, format!("`{name}` is not an outcome a rule can give")).with_help_opt(
                                did_you_mean(name, ["required", "permitted", "prohibited", "uncertain"])
                                    .or(Some("use required, permitted, prohibited or uncertain(...)".into())),
                            ),
                        );
                        RuleOutcome::Definite(Outcome::Uncertain)
                    }
                },
                OutcomeAst::Uncertain(options) => {
                    let mut set = OutcomeSet::default();
                    for option in options {
                        match Outcome::parse(&option.value) {
                            Some(out @ (Outcome::Required | Outcome::Permitted | Outcome::Prohibited | Outcome::Unregulated)) => {
                                set.insert(out)
                            }
                            _ => errors.push(
                                err("E0311", option.span, format!("`{}` cannot be one of an uncertain rule's outcomes", option.value))
                                    .with_help("list required, permitted, prohibited or unregulated"),
                            ),
                        }
                    }
                    if options.is_empty() {
                        set.insert(Outcome::Permitted);
                        set.insert(Outcome::Prohibited);
                    }
                    if set.len() < 2 && !options.is_empty() {
                        errors.push(
                            err("E0312", o.span, "an uncertain rule must list at least two outcomes".into())
                                .with_help("if the answer is known, give it as a plain outcome"),
                        );
                    }
                    if r.reason.is_none() {
                        errors.push(
                            err("E0313", o.span, format!("uncertain rule `{}` gives no reason", r.id.value))
                                .with_help("add `reason \"...\"` naming the open legal question or the missing source"),
                        );
                    }
                    RuleOutcome::Uncertain(set)
                }
            },
        };
        let mut exception_to = Vec::new();
        for target in &r.exceptions {
            let full = if target.value.contains('#') { target.value.clone() } else { format!("{}#{}", doc.id, target.value) };
            match rule_index.get(&full) {
                Some(&id) => exception_to.push(id),
                None => {
                    let local: Vec<&str> =
                        rule_index.keys().filter(|k| k.starts_with(&format!("{}#", doc.id))).map(|k| &k[doc.id.len() + 1..]).collect();
                    let hint = if target.value.contains('#') {
                        did_you_mean(&target.value, rule_index.keys().map(String::as_str))
                    } else {
                        did_you_mean(&target.value, local)
                    };
                    errors.push(
                        err("E0314", target.span, format!("`exception to` names unknown rule `{}`", target.value)).with_help_opt(hint),
                    );
                }
            }
        }
        let date = |d: &Option<Spanned<String>>, errors: &mut Vec<Diagnostic>| -> Option<Date> {
            let d = d.as_ref()?;
            let parsed = Date::parse(&d.value);
            if parsed.is_none() {
                errors.push(err("E0105", d.span, format!("`{}` is not a date", d.value)).with_help("write dates as YYYY-MM-DD"));
            }
            parsed
        };
        let from = date(&r.from, &mut errors);
        let until = date(&r.until, &mut errors);
        if let (Some(f), Some(u)) = (from, until) {
            if u <= f {
                errors.push(err(
                    "E0315",
                    r.until.as_ref().map_or(r.id.span, |u| u.span),
                    format!("rule `{}` ends ({u}) before it starts ({f})", r.id.value),
                ));
            }
        }
        let confidence = match &r.confidence {
            None => doc.confidence,
            Some(c) => Confidence::parse(&c.value).unwrap_or_else(|| {
                errors.push(
                    err("E0205", c.span, format!("unknown confidence `{}`", c.value))
                        .with_help_opt(did_you_mean(&c.value, Confidence::NAMES)),
                );
                doc.confidence
            }),
        };
        let when = match &r.when {
            None => Cond::Const(true),
            Some(e) => {
                let mut scope = Scope { v: &v, path, section, class_index, classes, element: None, errors: &mut errors };
                scope.cond(e)
            }
        };
        if text.trim().is_empty() {
            self.diagnostics.push(
                Diagnostic::warning("W0101", path, Some(r.id.span), format!("rule `{}` has no source text above it", r.id.value))
                    .with_help("quote the words the rule encodes in a block quote right above the code block")
                    .with_section(Some(section.to_owned())),
            );
        }
        self.diagnostics.extend(errors);
        Rule {
            id: format!("{}#{}", doc.id, r.id.value),
            doc: doc_id,
            actions,
            agencies,
            when,
            outcome,
            reason: r.reason.as_ref().map(|s| s.value.clone()),
            obligations: r.obligations.iter().map(|o| o.value.clone()).collect(),
            exception_to,
            from,
            until,
            confidence,
            cite: r.cite.as_ref().map(|s| s.value.clone()),
            section: section.to_owned(),
            text: text.to_owned(),
            span: r.id.span,
        }
    }

    fn check_exception_cycles(&mut self, rules: &[Rule], documents: &[Document]) {
        // Depth-first search with colours; a back edge is a cycle.
        let mut colour = vec![0u8; rules.len()];
        for start in 0..rules.len() {
            if colour[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            colour[start] = 1;
            while let Some((node, next)) = stack.pop() {
                if let Some(&target) = rules[node].exception_to.get(next) {
                    stack.push((node, next + 1));
                    let t = target as usize;
                    if colour[t] == 1 {
                        let rule = &rules[node];
                        let doc = &documents[rule.doc as usize];
                        self.diagnostics.push(
                            Diagnostic::error(
                                "E0307",
                                &doc.path,
                                Some(rule.span),
                                format!("exceptions form a cycle through `{}` and `{}`", rule.id, rules[t].id),
                            )
                            .with_help("an exception must not, through other exceptions, be an exception to itself")
                            .with_section(Some(rule.section.clone())),
                        );
                    } else if colour[t] == 0 {
                        colour[t] = 1;
                        stack.push((t, 0));
                    }
                } else {
                    colour[node] = 2;
                }
            }
        }
    }
}

/// Name resolution for one condition.
struct Scope<'a> {
    v: &'a Vocabulary,
    path: &'a str,
    section: &'a str,
    class_index: &'a HashMap<String, ClassId>,
    classes: &'a [Class],
    /// Inside `any`/`all`/`no`: the list being quantified over.
    element: Option<FactType>,
    errors: &'a mut Vec<Diagnostic>,
}

impl Scope<'_> {
    fn err(&mut self, code: &'static str, span: Span, message: String, help: Option<String>) {
        self.errors
            .push(Diagnostic::error(code, self.path, Some(span), message).with_help_opt(help).with_section(Some(self.section.to_owned())));
    }

    /// Resolves a name to where it is read and its type.
    fn place(&mut self, name: &Spanned<String>) -> Option<(Place, ScalarOrList)> {
        let v = self.v;
        match self.element {
            Some(FactType::Records(r)) => {
                let record = &v.records[r as usize];
                if let Some(i) = record.fields.iter().position(|(f, _)| *f == name.value) {
                    return Some((Place::Field(i as u8), ScalarOrList::Scalar(record.fields[i].1)));
                }
            }
            Some(FactType::Values(e)) if name.value == "it" => {
                return Some((Place::It, ScalarOrList::Scalar(ScalarType::Enum(e))));
            }
            _ => {}
        }
        if let Some(f) = v.fact(&name.value) {
            return Some((
                Place::Fact(f),
                match v.facts[f as usize].ty {
                    FactType::Scalar(s) => ScalarOrList::Scalar(s),
                    list => ScalarOrList::List(list),
                },
            ));
        }
        let mut names: Vec<String> = v.facts.iter().map(|f| f.name.clone()).collect();
        if let Some(FactType::Records(r)) = self.element {
            names.extend(v.records[r as usize].fields.iter().map(|(f, _)| f.clone()));
        }
        if let Some(FactType::Values(_)) = self.element {
            names.push("it".into());
        }
        let help = did_you_mean(&name.value, names.iter().map(String::as_str)).or(Some("facts are declared in vocabulary.toml".into()));
        self.err("E0320", name.span, format!("unknown fact `{}`", name.value), help);
        None
    }

    fn scalar(&mut self, name: &Spanned<String>) -> Option<(Place, ScalarType)> {
        match self.place(name)? {
            (place, ScalarOrList::Scalar(s)) => Some((place, s)),
            (_, ScalarOrList::List(_)) => {
                self.err("E0321", name.span, format!("`{}` is a list", name.value), Some(format!("use `any {} where ...`", name.value)));
                None
            }
        }
    }

    fn enum_mask(&mut self, e: u16, values: &[&Spanned<String>]) -> Option<u64> {
        let mut mask = 0;
        let mut ok = true;
        for value in values {
            match self.v.enum_value(e, &value.value) {
                Some(i) => mask |= 1u64 << i,
                None => {
                    let def = &self.v.enums[e as usize];
                    let help = did_you_mean(&value.value, def.values.iter().map(String::as_str));
                    self.err("E0322", value.span, format!("`{}` is not a value of `{}`", value.value, def.name), help);
                    ok = false;
                }
            }
        }
        ok.then_some(mask)
    }

    fn cond(&mut self, e: &ast::Expr) -> Cond {
        self.try_cond(e).unwrap_or(Cond::Const(false))
    }

    fn try_cond(&mut self, e: &ast::Expr) -> Option<Cond> {
        Some(match &e.kind {
            ExprKind::Bool(b) => Cond::Const(*b),
            ExprKind::Not(inner) => Cond::Not(Box::new(self.cond(inner))),
            ExprKind::And(parts) => Cond::And(parts.iter().map(|p| self.cond(p)).collect()),
            ExprKind::Or(parts) => Cond::Or(parts.iter().map(|p| self.cond(p)).collect()),
            ExprKind::Known(name) => Cond::Known(self.place(name)?.0),
            ExprKind::Truthy(name) => {
                let (place, ty) = self.scalar(name)?;
                if ty != ScalarType::Bool {
                    let help = match ty {
                        ScalarType::Enum(en) => Some(format!(
                            "compare it: `{} = {}`",
                            name.value,
                            self.v.enums[en as usize].values.first().cloned().unwrap_or_default()
                        )),
                        _ => Some("compare it with `=`, `<` or `>`".into()),
                    };
                    self.err(
                        "E0323",
                        name.span,
                        format!("`{}` holds a `{}` value, not true or false", name.value, self.v.scalar_name(ty)),
                        help,
                    );
                    return None;
                }
                Cond::Bool(place)
            }
            ExprKind::Compare { name, op, value } => {
                let (place, ty) = self.scalar(name)?;
                match (ty, &value.value) {
                    (ScalarType::Enum(en), Literal::Name(n)) if matches!(op, ast::CmpOp::Eq | ast::CmpOp::Ne) => {
                        let mask = self.enum_mask(en, &[&Spanned::new(n.clone(), value.span)])?;
                        let c = Cond::EnumIn(place, mask);
                        if *op == ast::CmpOp::Ne { Cond::Not(Box::new(c)) } else { c }
                    }
                    (ScalarType::Bool, Literal::Name(n))
                        if matches!(op, ast::CmpOp::Eq | ast::CmpOp::Ne) && (n == "true" || n == "false") =>
                    {
                        if (n == "true") == (*op == ast::CmpOp::Eq) { Cond::Bool(place) } else { Cond::Not(Box::new(Cond::Bool(place))) }
                    }
                    (ScalarType::Int, Literal::Int(i)) => Cond::IntCmp(place, *op, *i),
                    (ScalarType::Date, Literal::Date(d)) => match Date::parse(d) {
                        Some(date) => Cond::DateCmp(place, *op, date),
                        None => {
                            self.err("E0105", value.span, format!("`{d}` is not a date"), None);
                            return None;
                        }
                    },
                    _ => {
                        self.err(
                            "E0324",
                            e.span,
                            format!(
                                "cannot compare `{}` ({}) with `{}` using `{}`",
                                name.value,
                                self.v.scalar_name(ty),
                                literal_text(&value.value),
                                op.symbol()
                            ),
                            Some(match ty {
                                ScalarType::Enum(en) => format!(
                                    "`{}` takes `=`, `!=` or `in` with one of: {}",
                                    name.value,
                                    self.v.enums[en as usize].values.join(", ")
                                ),
                                ScalarType::Bool => format!("write `{}` or `not {}`", name.value, name.value),
                                ScalarType::Int => "compare with a number".into(),
                                ScalarType::Date => "compare with a date such as `2014-01-01`, or use `within N years`".into(),
                                ScalarType::Statute | ScalarType::Classes => {
                                    "a record's statute and classes are read by `offense is <class>`, through the class's lines".into()
                                }
                            }),
                        );
                        return None;
                    }
                }
            }
            ExprKind::In { name, values } => {
                let (place, ty) = self.scalar(name)?;
                let ScalarType::Enum(en) = ty else {
                    self.err("E0324", name.span, format!("`in` needs an enum, and `{}` is a {}", name.value, self.v.scalar_name(ty)), None);
                    return None;
                };
                let refs: Vec<&Spanned<String>> = values.iter().collect();
                Cond::EnumIn(place, self.enum_mask(en, &refs)?)
            }
            ExprKind::Is { name, class } => {
                let (place, ty) = self.scalar(name)?;
                if ty != ScalarType::Enum(self.v.offense_enum()) {
                    self.err(
                        "E0325",
                        name.span,
                        format!("`is` tests an offense against a class, and `{}` is a {}", name.value, self.v.scalar_name(ty)),
                        Some("write `offense is <class>`".into()),
                    );
                    return None;
                }
                let Some(&class_id) = self.class_index.get(&class.value) else {
                    let help = did_you_mean(&class.value, self.classes.iter().map(|c| c.id.as_str()))
                        .or(Some("classes are declared with `class <id> { ... }`".into()));
                    self.err("E0326", class.span, format!("unknown offense class `{}`", class.value), help);
                    return None;
                };
                let field = |name: &str, ty: ScalarType| match (self.element, place) {
                    (Some(FactType::Records(r)), Place::Field(_)) => {
                        self.v.records[r as usize].fields.iter().position(|(n, t)| n == name && *t == ty).map(|p| p as u8)
                    }
                    _ => None,
                };
                let level = field("level", ScalarType::Enum(self.v.level_enum()));
                let statute = field("statute", ScalarType::Statute);
                let asserted = field("classes", ScalarType::Classes);
                Cond::Is { place, class: class_id, level, statute, asserted }
            }
            ExprKind::Within { name, amount, unit } => {
                let (place, ty) = self.scalar(name)?;
                if ty != ScalarType::Date {
                    self.err(
                        "E0324",
                        name.span,
                        format!("`within` needs a date, and `{}` is a {}", name.value, self.v.scalar_name(ty)),
                        None,
                    );
                    return None;
                }
                let unit = match unit.value.as_str() {
                    "year" | "years" => Unit::Years,
                    "month" | "months" => Unit::Months,
                    "day" | "days" => Unit::Days,
                    other => {
                        let help = did_you_mean(other, ["years", "months", "days"]);
                        self.err("E0327", unit.span, format!("unknown unit `{other}`"), help);
                        return None;
                    }
                };
                if amount.value < 0 {
                    self.err("E0327", amount.span, "a window cannot be negative".into(), None);
                    return None;
                }
                Cond::Within(place, amount.value, unit)
            }
            ExprKind::Quant { quantifier, list, body } => {
                if self.element.is_some() {
                    self.err("E0328", list.span, "lists cannot be quantified inside another `any`/`all`/`no`".into(), None);
                    return None;
                }
                let (place, ty) = self.place(list)?;
                let (Place::Fact(fact), ScalarOrList::List(list_ty)) = (place, ty) else {
                    self.err(
                        "E0321",
                        list.span,
                        format!("`{}` is not a list", list.value),
                        Some("`any`/`all`/`no` range over list facts such as `charges`".into()),
                    );
                    return None;
                };
                self.element = Some(list_ty);
                let body = self.cond(body);
                self.element = None;
                Cond::Quant(*quantifier, fact, Box::new(body))
            }
        })
    }
}

#[derive(Clone, Copy)]
enum ScalarOrList {
    Scalar(ScalarType),
    List(FactType),
}

fn literal_text(l: &Literal) -> String {
    match l {
        Literal::Name(n) => n.clone(),
        Literal::Int(i) => i.to_string(),
        Literal::Date(d) => d.clone(),
    }
}

/// The mask of the first `count` agencies. Agencies are bits of a `u64`, so `count` is at most 64
/// (the vocabulary checks it); `1 << 64` would overflow, so the mask is built by shifting down.
fn all_agencies(count: usize) -> u64 {
    match count {
        0 => 0,
        n => u64::MAX >> (64 - n.min(64)),
    }
}

/// Precomputes, for every (jurisdiction, agency, action), the rules across the stack that could
/// speak to it, and which of them are exceptions to which.
fn build_candidates(v: &Vocabulary, documents: &[Document], rules: &[Rule], diagnostics: &mut Vec<Diagnostic>) -> Vec<Candidates> {
    let mut by_jurisdiction: BTreeMap<u16, Vec<RuleId>> = BTreeMap::new();
    for (d, doc) in documents.iter().enumerate() {
        let _ = d;
        by_jurisdiction.entry(doc.jurisdiction).or_default().extend(doc.rules.iter().copied());
    }
    let mut out = Vec::with_capacity(v.jurisdictions.len() * v.agencies.len() * v.actions.len());
    for j in 0..v.jurisdictions.len() as u16 {
        let stack = v.stack(j);
        for agency in 0..v.agencies.len() {
            for action in 0..v.actions.len() {
                let mut c = Candidates::default();
                for (layer, layer_j) in stack.iter().enumerate() {
                    for &r in by_jurisdiction.get(layer_j).map_or(&[][..], Vec::as_slice) {
                        let rule = &rules[r as usize];
                        if rule.actions & (1 << action) != 0 && rule.agencies & (1 << agency) != 0 {
                            c.rules.push(r);
                            c.layers.push(layer as u8);
                        }
                    }
                }
                // INVARIANT: candidates are ordered by layer, then by rule id, so that every
                // choice made by position is independent of file and rule order.
                let mut order: Vec<usize> = (0..c.rules.len()).collect();
                order.sort_by(|&a, &b| (c.layers[a], &rules[c.rules[a] as usize].id).cmp(&(c.layers[b], &rules[c.rules[b] as usize].id)));
                c.rules = order.iter().map(|&i| c.rules[i]).collect();
                c.layers = order.iter().map(|&i| c.layers[i]).collect();
                c.defeaters = c
                    .rules
                    .iter()
                    .map(|&r| {
                        c.rules
                            .iter()
                            .enumerate()
                            .filter(|(i, e)| *i < MAX_CANDIDATES && rules[**e as usize].exception_to.contains(&r))
                            .fold(0u128, |mask, (i, _)| mask | (1u128 << i))
                    })
                    .collect();
                c.layer_masks = (0..stack.len())
                    .map(|layer| {
                        c.layers
                            .iter()
                            .enumerate()
                            .filter(|(i, l)| *i < MAX_CANDIDATES && **l as usize == layer)
                            .fold(0u128, |m, (i, _)| m | (1u128 << i))
                    })
                    .collect();
                // Date boundaries: every day on which a rule enters or leaves play.
                let mut boundaries: Vec<Date> = vec![Date::from_days(i32::MIN / 2)];
                for &r in &c.rules {
                    let rule = &rules[r as usize];
                    let doc = &documents[rule.doc as usize];
                    boundaries.extend(doc.effective.into_iter().chain(doc.ends).chain(rule.from).chain(rule.until));
                }
                boundaries.sort_unstable();
                boundaries.dedup();
                c.segments = boundaries
                    .into_iter()
                    .map(|from| {
                        let (mut in_play, mut advice) = (0u128, 0u128);
                        for (i, &r) in c.rules.iter().enumerate().take(MAX_CANDIDATES) {
                            let rule = &rules[r as usize];
                            let doc = &documents[rule.doc as usize];
                            if doc.in_force(from, false) && rule.in_period(from) {
                                if doc.kind == DocumentKind::Guidance {
                                    advice |= 1u128 << i;
                                } else {
                                    in_play |= 1u128 << i;
                                }
                            }
                        }
                        Segment { from, in_play, advice }
                    })
                    .collect();
                if c.rules.len() > MAX_CANDIDATES {
                    diagnostics.push(
                        Diagnostic::error(
                            "E0316",
                            VOCABULARY_FILE,
                            None,
                            format!(
                                "{} rules speak to `{}` by `{}` in `{}` and the jurisdictions above it; the limit is {MAX_CANDIDATES} rules per (jurisdiction, agency, action)",
                                c.rules.len(),
                                v.actions[action].0,
                                v.agencies[agency].0,
                                v.jurisdictions[j as usize].id
                            ),
                        )
                        .with_help(format!("the rules of one question are a {MAX_CANDIDATES}-bit mask: merge rules that give the same outcome, or narrow their `agency` and `action`")),
                    );
                }
                out.push(c);
            }
        }
    }
    out
}
