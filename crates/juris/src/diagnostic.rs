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

/// A stable diagnostic code, such as `E0201`; each is listed once in docs/diagnostics.md.
/// The letter gives the severity it is usually reported with: `E` error, `W` warning, `N` note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The corpus has no `vocabulary.toml`.
    E0000,
    /// `vocabulary.toml` is not valid.
    E0001,
    /// A jurisdiction names an unknown parent.
    E0002,
    /// A jurisdiction is its own ancestor.
    E0003,
    /// A vocabulary limit is exceeded (64 agencies, 64 actions, 64 values an enum, 256 facts).
    E0004,
    /// A fact or record field has an unknown type (`statute` and `classes` are types of record fields only).
    E0005,
    /// The vocabulary lacks the `offense` or `level` enum.
    E0006,
    /// `[contested]` names an action the vocabulary does not declare.
    E0007,
    /// A document does not start with `+++` front matter.
    E0101,
    /// The front matter is never closed.
    E0102,
    /// The front matter is not valid (TOML syntax, a missing or unknown key).
    E0103,
    /// A syntax error in a `juris` block.
    E0104,
    /// A date is not a calendar date.
    E0105,
    /// Unknown jurisdiction.
    E0201,
    /// The document id is not `<jurisdiction>/<slug>`.
    E0202,
    /// Two documents share an id.
    E0203,
    /// Unknown document kind.
    E0204,
    /// Unknown confidence.
    E0205,
    /// `binds` names an unknown agency, or is neither a list nor `"all"`.
    E0206,
    /// A document gives no source address.
    E0207,
    /// Unknown lifecycle event.
    E0208,
    /// `overrides` names an unknown document or one in another jurisdiction.
    E0209,
    /// A bill has neither `passed` nor `introduced`.
    E0211,
    /// A document (other than a bill or classification) has no `effective` event.
    E0212,
    /// A document ends before it takes effect.
    E0213,
    /// A vetoed bill that was never overridden has an `effective` event.
    E0214,
    /// An override's vote contradicts the charter's threshold (`override_votes` in the vocabulary).
    E0215,
    /// Two classes share an id.
    E0301,
    /// A rule id is not lowercase letters, digits and `-`.
    E0302,
    /// Two rules of a document share an id.
    E0303,
    /// A class names an unknown offense or level, or a statute that is not one (empty, or with no code and section).
    E0304,
    /// A rule names no action.
    E0305,
    /// Unknown action.
    E0306,
    /// Exceptions form a cycle.
    E0307,
    /// A rule's `agency` is not bound by its document.
    E0308,
    /// Unknown agency.
    E0309,
    /// A rule has no outcome.
    E0310,
    /// Not an outcome a rule can give.
    E0311,
    /// An uncertain rule lists fewer than two outcomes.
    E0312,
    /// An uncertain rule gives no reason.
    E0313,
    /// `exception to` names an unknown rule.
    E0314,
    /// A rule's period ends before it starts.
    E0315,
    /// More than 128 rules speak to one (jurisdiction, agency, action), counting the jurisdictions above it: the limit of the engine's 128-bit rule sets.
    E0316,
    /// Unknown fact.
    E0320,
    /// A list used as a value, or a value quantified as a list.
    E0321,
    /// Not a value of the fact's enum.
    E0322,
    /// A non-boolean fact used as a condition.
    E0323,
    /// A comparison the types do not allow.
    E0324,
    /// `is` applied to something that is not an offense.
    E0325,
    /// Unknown offense class.
    E0326,
    /// Unknown or negative window.
    E0327,
    /// A quantifier inside a quantifier.
    E0328,
    /// A rule's `source` is not one of its document's `sources`.
    E0329,
    /// A scenario suite is not valid.
    E0501,
    /// Two scenarios of a suite share a name.
    E0502,
    /// A scenario expects something that is not an outcome.
    E0503,
    /// A situations file is not valid (TOML syntax, a missing or unknown key).
    E0601,
    /// A situations file names an unknown action, agency or jurisdiction.
    E0602,
    /// A situation id is malformed or used twice.
    E0603,
    /// A situation's facts are not valid for the vocabulary (the message names the fact).
    E0604,
    /// A corpus file (or a suite given to `juris test`) is not UTF-8 text; the location is its first byte that is not.
    E0701,
    /// A corpus file or folder cannot be read.
    E0702,
    /// `labels.toml` is not valid (TOML syntax, a missing or unknown key).
    E0801,
    /// A rule has no source text above it.
    W0101,
    /// Two rules of a document can both be active for some request with different definite outcomes and no exception between them (found by a search for a witness).
    W0102,
    /// A lifecycle note calls its date a placeholder, but the event does not say `placeholder = true`.
    W0103,
    /// A rule can never apply: its period lies outside its document's, or no request satisfies its condition.
    W0201,
    /// A rule is always overridden: whenever it applies, a definite exception of its document applies too.
    W0202,
    /// No scenario of the corpus's suites exercises a rule (`juris check` runs the suites).
    W0301,
    /// No scenario exercises any rule of a document.
    W0302,
    /// A folder is reached a second time through a symlink (a loop such as `ln -s . loop`, or a second name): it is read once and skipped after.
    W0701,
    /// A vocabulary name (jurisdiction, agency, action, fact, enum value, record field, outcome) has no label, or a fact or action no prompt, in a language of `labels.toml`.
    W0801,
    /// `labels.toml` labels a name the vocabulary does not declare, or has text in a language its `languages` does not list.
    W0802,
    /// Note: a rule restricts sharing immigration status information, contested under 8 U.S.C. 1373 and 1644 (a flag, not a defect).
    N0001,
}

impl Code {
    /// Every code, in the order of docs/diagnostics.md.
    pub const ALL: &'static [Code] = &[
        Code::E0000,
        Code::E0001,
        Code::E0002,
        Code::E0003,
        Code::E0004,
        Code::E0005,
        Code::E0006,
        Code::E0007,
        Code::E0101,
        Code::E0102,
        Code::E0103,
        Code::E0104,
        Code::E0105,
        Code::E0201,
        Code::E0202,
        Code::E0203,
        Code::E0204,
        Code::E0205,
        Code::E0206,
        Code::E0207,
        Code::E0208,
        Code::E0209,
        Code::E0211,
        Code::E0212,
        Code::E0213,
        Code::E0214,
        Code::E0215,
        Code::E0301,
        Code::E0302,
        Code::E0303,
        Code::E0304,
        Code::E0305,
        Code::E0306,
        Code::E0307,
        Code::E0308,
        Code::E0309,
        Code::E0310,
        Code::E0311,
        Code::E0312,
        Code::E0313,
        Code::E0314,
        Code::E0315,
        Code::E0316,
        Code::E0320,
        Code::E0321,
        Code::E0322,
        Code::E0323,
        Code::E0324,
        Code::E0325,
        Code::E0326,
        Code::E0327,
        Code::E0328,
        Code::E0329,
        Code::E0501,
        Code::E0502,
        Code::E0503,
        Code::E0601,
        Code::E0602,
        Code::E0603,
        Code::E0604,
        Code::E0701,
        Code::E0702,
        Code::E0801,
        Code::W0101,
        Code::W0102,
        Code::W0103,
        Code::W0201,
        Code::W0202,
        Code::W0301,
        Code::W0302,
        Code::W0701,
        Code::W0801,
        Code::W0802,
        Code::N0001,
    ];

    /// The code as printed, such as `"E0201"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::E0000 => "E0000",
            Code::E0001 => "E0001",
            Code::E0002 => "E0002",
            Code::E0003 => "E0003",
            Code::E0004 => "E0004",
            Code::E0005 => "E0005",
            Code::E0006 => "E0006",
            Code::E0007 => "E0007",
            Code::E0101 => "E0101",
            Code::E0102 => "E0102",
            Code::E0103 => "E0103",
            Code::E0104 => "E0104",
            Code::E0105 => "E0105",
            Code::E0201 => "E0201",
            Code::E0202 => "E0202",
            Code::E0203 => "E0203",
            Code::E0204 => "E0204",
            Code::E0205 => "E0205",
            Code::E0206 => "E0206",
            Code::E0207 => "E0207",
            Code::E0208 => "E0208",
            Code::E0209 => "E0209",
            Code::E0211 => "E0211",
            Code::E0212 => "E0212",
            Code::E0213 => "E0213",
            Code::E0214 => "E0214",
            Code::E0215 => "E0215",
            Code::E0301 => "E0301",
            Code::E0302 => "E0302",
            Code::E0303 => "E0303",
            Code::E0304 => "E0304",
            Code::E0305 => "E0305",
            Code::E0306 => "E0306",
            Code::E0307 => "E0307",
            Code::E0308 => "E0308",
            Code::E0309 => "E0309",
            Code::E0310 => "E0310",
            Code::E0311 => "E0311",
            Code::E0312 => "E0312",
            Code::E0313 => "E0313",
            Code::E0314 => "E0314",
            Code::E0315 => "E0315",
            Code::E0316 => "E0316",
            Code::E0320 => "E0320",
            Code::E0321 => "E0321",
            Code::E0322 => "E0322",
            Code::E0323 => "E0323",
            Code::E0324 => "E0324",
            Code::E0325 => "E0325",
            Code::E0326 => "E0326",
            Code::E0327 => "E0327",
            Code::E0328 => "E0328",
            Code::E0329 => "E0329",
            Code::E0501 => "E0501",
            Code::E0502 => "E0502",
            Code::E0503 => "E0503",
            Code::E0601 => "E0601",
            Code::E0602 => "E0602",
            Code::E0603 => "E0603",
            Code::E0604 => "E0604",
            Code::E0701 => "E0701",
            Code::E0702 => "E0702",
            Code::E0801 => "E0801",
            Code::W0101 => "W0101",
            Code::W0102 => "W0102",
            Code::W0103 => "W0103",
            Code::W0201 => "W0201",
            Code::W0202 => "W0202",
            Code::W0301 => "W0301",
            Code::W0302 => "W0302",
            Code::W0701 => "W0701",
            Code::W0801 => "W0801",
            Code::W0802 => "W0802",
            Code::N0001 => "N0001",
        }
    }

    /// The severity the code's letter implies.
    pub const fn severity(self) -> Severity {
        match self.as_str().as_bytes()[0] {
            b'E' => Severity::Error,
            b'W' => Severity::Warning,
            _ => Severity::Note,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
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
    pub code: Code,
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
    pub fn error(code: Code, path: &str, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
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
    pub fn warning(code: Code, path: &str, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
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
