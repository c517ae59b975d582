//! Phase 2: documents, their lifecycles and their declared overrides.

use std::collections::HashMap;

use super::candidates::all_agencies;
use super::front_matter::{Binds, ParsedDocument};
use super::{Checker, span_of};
use crate::diagnostic::{Diagnostic, Span, did_you_mean};
use crate::engine::ir::*;

impl Checker {
    /// Compiles every document's front matter: its jurisdiction, kind, confidence, agencies
    /// bound and lifecycle.
    pub(super) fn compile_documents(&mut self, parsed: &[ParsedDocument]) -> (Vec<Document>, HashMap<String, DocId>) {
        let v = self.vocabulary.clone();
        let mut documents: Vec<Document> = Vec::new();
        let mut document_index: HashMap<String, DocId> = HashMap::new();
        for p in parsed {
            let off = p.front_offset;
            let f = &p.front;
            let id = f.id.get_ref().clone();
            let id_span = span_of(&f.id, off);
            let jurisdiction = match v.jurisdiction(f.jurisdiction.get_ref()) {
                Some(j) => j,
                None => {
                    let hint = did_you_mean(f.jurisdiction.get_ref(), v.jurisdictions.iter().map(|j| j.id.as_str()));
                    self.error(
                        crate::diagnostic::Code::E0201,
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
                self.error(
                    crate::diagnostic::Code::E0202,
                    &p.path,
                    id_span,
                    format!("document id `{id}` must be `{}/<slug>`", f.jurisdiction.get_ref()),
                )
                .help = Some("the slug uses lowercase letters, digits and `-`".into());
            }
            if document_index.contains_key(&id) {
                self.error(crate::diagnostic::Code::E0203, &p.path, id_span, format!("document id `{id}` is used twice"));
            }
            let kind = DocumentKind::parse(f.kind.get_ref()).unwrap_or_else(|| {
                let hint = did_you_mean(f.kind.get_ref(), DocumentKind::NAMES);
                self.error(
                    crate::diagnostic::Code::E0204,
                    &p.path,
                    span_of(&f.kind, off),
                    format!("unknown document kind `{}`", f.kind.get_ref()),
                )
                .help = hint;
                DocumentKind::Practice
            });
            let confidence = Confidence::parse(f.confidence.get_ref()).unwrap_or_else(|| {
                let hint = did_you_mean(f.confidence.get_ref(), Confidence::NAMES);
                self.error(
                    crate::diagnostic::Code::E0205,
                    &p.path,
                    span_of(&f.confidence, off),
                    format!("unknown confidence `{}`", f.confidence.get_ref()),
                )
                .help = hint;
                Confidence::Uncertain
            });
            let binds = match f.binds.get_ref() {
                Binds::All(s) if s == "all" => all_agencies(v.agencies.len()),
                Binds::All(s) => {
                    self.error(
                        crate::diagnostic::Code::E0206,
                        &p.path,
                        span_of(&f.binds, off),
                        format!("`binds` must be a list of agencies or `\"all\"`, found `{s}`"),
                    );
                    0
                }
                Binds::Some(list) => {
                    let mut mask = 0u64;
                    for a in list {
                        match v.agency(a.as_str()) {
                            Some(i) => mask |= 1 << i,
                            None => {
                                let hint = did_you_mean(a.as_str(), v.agencies.iter().map(|(n, _)| n.as_str()));
                                self.error(
                                    crate::diagnostic::Code::E0206,
                                    &p.path,
                                    span_of(&f.binds, off),
                                    format!("unknown agency `{a}`"),
                                )
                                .help = hint;
                            }
                        }
                    }
                    mask
                }
            };
            if f.sources.is_empty() {
                self.error(crate::diagnostic::Code::E0207, &p.path, id_span, "a document must give at least one source address").help =
                    Some("add `sources = [\"https://...\"]`".into());
            }
            let mut lifecycle = Vec::new();
            for e in &f.lifecycle {
                let raw = e.get_ref();
                let Some(kind) = EventKind::parse(raw.event.get_ref()) else {
                    let hint = did_you_mean(raw.event.get_ref(), EventKind::NAMES);
                    self.error(
                        crate::diagnostic::Code::E0208,
                        &p.path,
                        span_of(&raw.event, off),
                        format!("unknown lifecycle event `{}`", raw.event.get_ref()),
                    )
                    .help = hint;
                    continue;
                };
                let Some(date) = self.parse_date(&p.path, span_of(&raw.date, off), &raw.date.get_ref().text()) else {
                    continue;
                };
                if !raw.placeholder && raw.note.as_deref().is_some_and(|n| n.trim_start().to_uppercase().starts_with("PLACEHOLDER")) {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            crate::diagnostic::Code::W0103,
                            &p.path,
                            Some(span_of(&raw.date, off)),
                            format!("the note calls {} a placeholder, but the event does not say so", raw.date.get_ref().text()),
                        )
                        .with_help("add `placeholder = true` to the event, so bills and timelines mark the date"),
                    );
                }
                lifecycle.push(Event {
                    event: kind,
                    date,
                    vote: raw.vote.clone(),
                    succeeded: raw.succeeded,
                    by: raw.by.clone(),
                    chamber: raw.chamber.clone(),
                    note: raw.note.clone(),
                    placeholder: raw.placeholder,
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
        (documents, document_index)
    }

    /// Resolves each document's `overrides` to documents of the same jurisdiction.
    pub(super) fn resolve_overrides(
        &mut self,
        parsed: &[ParsedDocument],
        documents: &mut [Document],
        document_index: &HashMap<String, DocId>,
    ) {
        for (d, p) in parsed.iter().enumerate() {
            for o in &p.front.overrides {
                match document_index.get(o.get_ref()) {
                    Some(&target) if documents[target as usize].jurisdiction == documents[d].jurisdiction => {
                        documents[d].overrides.push(target)
                    }
                    Some(_) => {
                        self.error(
                            crate::diagnostic::Code::E0209,
                            &p.path,
                            span_of(o, p.front_offset),
                            format!("`{}` is in another jurisdiction", o.get_ref()),
                        )
                        .help = Some(
                            "`overrides` orders documents within one jurisdiction; layers are ordered by the jurisdiction tree".into(),
                        );
                    }
                    None => {
                        let hint = did_you_mean(o.get_ref(), document_index.keys().map(String::as_str));
                        self.error(
                            crate::diagnostic::Code::E0209,
                            &p.path,
                            span_of(o, p.front_offset),
                            format!("unknown document `{}`", o.get_ref()),
                        )
                        .help = hint;
                    }
                }
            }
        }
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
                self.error(
                    crate::diagnostic::Code::E0211,
                    &path,
                    span,
                    format!("bill `{}` has neither a `passed` nor an `introduced` event", doc.id),
                )
                .help = Some("what-if evaluation treats a bill as law from its passage; record when it passed or was introduced".into());
            }
        }
        if doc.effective.is_none() && !doc.is_bill() && doc.kind != DocumentKind::Classification {
            self.error(crate::diagnostic::Code::E0212, &path, span, format!("document `{}` has no `effective` event", doc.id))
                .help = Some("record the first day it was law; if that day is unknown, use the earliest supported date and explain in `notes` and with `uncertain` rules".into());
        }
        if let (Some(start), Some(end)) = (doc.effective, doc.ends) {
            if end <= start {
                self.error(
                    crate::diagnostic::Code::E0213,
                    &path,
                    span,
                    format!("document `{}` ends ({end}) before it takes effect ({start})", doc.id),
                );
            }
        }
        let vetoed = doc.lifecycle.iter().any(|e| e.event == EventKind::Vetoed);
        let overridden = doc.lifecycle.iter().any(|e| e.event == EventKind::Override && e.succeeded == Some(true));
        if vetoed && !overridden && doc.effective.is_some() {
            self.error(
                crate::diagnostic::Code::E0214,
                &path,
                span,
                format!("`{}` was vetoed and never overridden, yet has an `effective` event", doc.id),
            )
            .help = Some("a vetoed bill becomes law only after a successful override".into());
        }
        // Charter thresholds: an override's votes must agree with its recorded result.
        let jurisdiction = self.vocabulary.jurisdictions[doc.jurisdiction as usize].clone();
        if let Some(needed) = jurisdiction.override_votes {
            for e in doc.lifecycle.iter().filter(|e| e.event == EventKind::Override) {
                let yes = e.vote.as_deref().and_then(|v| v.split('-').next()).and_then(|y| y.trim().parse::<u32>().ok());
                match (yes, e.succeeded) {
                    (Some(yes), Some(true)) if yes < needed => {
                        self.error(
                            crate::diagnostic::Code::E0215,
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
                            crate::diagnostic::Code::E0215,
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
}
