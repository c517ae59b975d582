//! Phase 1: each document's front matter (TOML) and its code blocks, parsed but not resolved.

use toml::Spanned as TSpanned;

use super::Checker;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Source, Span};
use crate::syntax::ast::Item;
use crate::syntax::markdown;
use crate::syntax::parser::parse_block;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FrontMatter {
    pub(super) id: TSpanned<String>,
    pub(super) jurisdiction: TSpanned<String>,
    pub(super) kind: TSpanned<String>,
    pub(super) title: String,
    pub(super) citation: String,
    pub(super) sources: Vec<String>,
    pub(super) binds: TSpanned<Binds>,
    pub(super) confidence: TSpanned<String>,
    #[serde(default)]
    pub(super) lifecycle: Vec<TSpanned<RawEvent>>,
    #[serde(default)]
    pub(super) overrides: Vec<TSpanned<String>>,
    pub(super) notes: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Binds {
    All(String),
    Some(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvent {
    pub(super) event: TSpanned<String>,
    pub(super) date: TSpanned<DateText>,
    pub(super) vote: Option<String>,
    pub(super) succeeded: Option<bool>,
    pub(super) by: Option<String>,
    pub(super) chamber: Option<String>,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) placeholder: bool,
}

/// A date written as a string or as a TOML date.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum DateText {
    Text(String),
    Toml(toml::value::Datetime),
}

impl DateText {
    pub(super) fn text(&self) -> String {
        match self {
            DateText::Text(t) => t.clone(),
            DateText::Toml(d) => d.to_string(),
        }
    }
}

pub(super) struct ParsedDocument {
    pub(super) path: String,
    pub(super) front: FrontMatter,
    pub(super) front_offset: usize,
    pub(super) items: Vec<(Item, String, String)>,
}

impl Checker {
    pub(super) fn parse_document(&mut self, source: &Source) {
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
                    Diagnostic::error(crate::diagnostic::Code::E0103, &source.path, span, format!("invalid front matter: {}", e.message().trim_end_matches('.')))
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
                    Diagnostic::error(crate::diagnostic::Code::E0104, &source.path, Some(e.span), e.message)
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

    pub(super) fn parse_date(&mut self, path: &str, span: Span, text: &str) -> Option<Date> {
        let date = Date::parse(text);
        if date.is_none() {
            self.error(crate::diagnostic::Code::E0105, path, span, format!("`{text}` is not a date")).label =
                Some("expected a calendar date".into());
            let last = self.diagnostics.len() - 1;
            self.diagnostics[last].help = Some("write dates as YYYY-MM-DD, e.g. `2019-07-22`".into());
        }
        date
    }
}
