//! Diagnostics: located, coded errors and warnings about corpus files and requests.
//!
//! Every problem found while loading a corpus becomes a [`Diagnostic`] with a stable code, the
//! file and byte span it concerns, a label, and a hint. All of them are collected and returned at
//! once. They render through `miette` with the offending excerpt.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, SourceSpan};

/// One input file of a corpus: its path relative to the corpus root, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path relative to the corpus root, with `/` separators (`us-md/cp-5-104.md`).
    pub path: String,
    /// The whole text of the file.
    pub text: String,
}

impl Source {
    /// A file from its path relative to the corpus root and its text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source { path: path.into(), text: text.into() }
    }
}

/// A byte range in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// The first byte, from the start of the file.
    pub start: usize,
    /// The byte after the last one (`end > start` except for a point).
    pub end: usize,
}

impl Span {
    /// The bytes `start..end` of a file.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span shifted by `offset` bytes (for text embedded in a larger file).
    pub fn shift(self, offset: usize) -> Span {
        Span { start: self.start + offset, end: self.end + offset }
    }
}

/// Whether a diagnostic stops the corpus from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The corpus is not built: a decision from it could be wrong.
    Error,
    /// The corpus loads, but something is probably not what its author meant (a rule that can
    /// never apply, two rules that conflict, a missing label).
    Warning,
    /// A flag for the reader that is not a defect (such as a rule contested under federal law).
    Note,
}

/// A problem in a corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, such as `E0201`; listed in docs/diagnostics.md.
    pub code: &'static str,
    /// Whether it stops the corpus from loading.
    pub severity: Severity,
    /// Lowercase, no final period, user text in backticks.
    pub message: String,
    /// The path of the file, as given in its [`Source`].
    pub path: String,
    /// Where in the file, when the problem has a place (a missing file or key has none).
    pub span: Option<Span>,
    /// What the span shows.
    pub label: Option<String>,
    /// How to fix it, or what was expected.
    pub help: Option<String>,
    /// The heading chain of the law section the problem sits in, when it is inside a rule.
    pub section: Option<String>,
}

impl Diagnostic {
    /// An error with its code, file, place and message.
    pub fn error(code: &'static str, path: &str, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            path: path.to_owned(),
            span,
            label: None,
            help: None,
            section: None,
        }
    }

    /// A warning with its code, file, place and message.
    pub fn warning(code: &'static str, path: &str, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, path, span, message) }
    }

    /// Says what the span shows.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds how to fix it, when there is a hint.
    pub fn with_help_opt(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    /// Names the law section (heading chain) the problem sits in; an empty one is dropped.
    pub fn with_section(mut self, section: Option<String>) -> Diagnostic {
        self.section = section.filter(|s| !s.is_empty());
        self
    }

    /// Whether it stops the corpus from loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The 1-based line and column of the span's start in `text`.
    pub fn line_column(&self, text: &str) -> Option<(usize, usize)> {
        let start = self.span?.start.min(text.len());
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((line, column))
    }

    /// A one-line rendering, `path:line:column: error[CODE]: message (help: ...)`, for logs and tests.
    pub fn short(&self, sources: &[Source]) -> String {
        let location = sources
            .iter()
            .find(|s| s.path == self.path)
            .and_then(|s| self.line_column(&s.text))
            .map_or_else(|| self.path.clone(), |(l, c)| format!("{}:{l}:{c}", self.path));
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let mut out = format!("{location}: {kind}[{}]: {}", self.code, self.message);
        if let Some(help) = &self.help {
            out.push_str(&format!(" (help: {help})"));
        }
        out
    }

    /// A report that `miette` renders with the labelled excerpt of the file.
    pub fn to_report(&self, sources: &[Source]) -> miette::Report {
        let text = sources.iter().find(|s| s.path == self.path).map(|s| s.text.clone()).unwrap_or_default();
        miette::Report::new(Rendered { diagnostic: self.clone(), source: NamedSource::new(self.path.clone(), Arc::new(text)) })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Debug)]
struct Rendered {
    diagnostic: Diagnostic,
    source: NamedSource<Arc<String>>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let d = &self.diagnostic;
        match (&d.help, &d.section) {
            (Some(help), Some(section)) => Some(Box::new(format!("{help}\nin the law at: {section}"))),
            (Some(help), None) => Some(Box::new(help.clone())),
            (None, Some(section)) => Some(Box::new(format!("in the law at: {section}"))),
            (None, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.diagnostic.span.map(|_| &self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.diagnostic.span?;
        let len = span.end.saturating_sub(span.start).max(1);
        let text_len = self.source.inner().len();
        let start = span.start.min(text_len);
        let len = len.min(text_len.saturating_sub(start)).max(if text_len > start { 1 } else { 0 });
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(self.diagnostic.label.clone(), SourceSpan::new(start.into(), len)))))
    }
}

/// The closest of `candidates` to `word`, for "did you mean" hints.
pub(crate) fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(word, candidate);
        if score > 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// A hint naming the closest candidate, or listing them all when there are few.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Sorted first, so that the hint never depends on the order of a hash map.
    let mut all: Vec<&str> = candidates.into_iter().collect();
    all.sort_unstable();
    all.dedup();
    if let Some(best) = suggest(word, all.iter().copied()) {
        return Some(format!("did you mean `{best}`?"));
    }
    if !all.is_empty() && all.len() <= 12 {
        Some(format!("expected one of: {}", all.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")))
    } else {
        None
    }
}
