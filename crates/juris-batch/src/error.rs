//! Errors: located problems in a map or charge table, and what can stop a run.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One problem in a map or charge table, at a file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {} (hint: {})", self.file.display(), self.message, self.hint)
        } else {
            write!(f, "{}:{}:{}: {} (hint: {})", self.file.display(), self.line, self.column, self.message, self.hint)
        }
    }
}

/// A file's text, for turning byte offsets into lines and columns.
pub(crate) struct Located<'a> {
    path: &'a Path,
    text: &'a str,
}

impl<'a> Located<'a> {
    pub(crate) fn new(path: &'a Path, text: &'a str) -> Located<'a> {
        Located { path, text }
    }

    /// A problem at a byte span; an empty span at 0 concerns the whole file.
    pub(crate) fn error(&self, span: Range<usize>, message: &str, hint: &str) -> Problem {
        let (line, column) = if span == (0..0) { (0, 0) } else { self.position(span.start) };
        Problem { file: self.path.to_owned(), line, column, message: message.to_owned(), hint: hint.to_owned() }
    }

    pub(crate) fn toml(&self, e: &toml::de::Error) -> MapError {
        let (line, column) = e.span().map(|s| self.position(s.start)).unwrap_or((1, 1));
        MapError::Invalid(vec![Problem {
            file: self.path.to_owned(),
            line,
            column,
            message: e.message().trim().to_owned(),
            hint: "see docs/batch.md for the keys a map file takes".to_owned(),
        }])
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }
}

/// A map or charge table that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("cannot read the map file {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}", render(.0))]
    Invalid(Vec<Problem>),
}

fn render(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    format!("the map has {} problem{}:\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, lines.join("\n"))
}

/// What stops a batch run.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Map(#[from] MapError),
    #[error("cannot read the input {}: {message}", path.display())]
    Input { path: PathBuf, message: String },
    #[error("the input has no column `{column}` (the map reads it); columns: {found}")]
    MissingColumn { column: String, found: String },
    #[error("cannot write {}: {message}", path.display())]
    Output { path: PathBuf, message: String },
    #[error("{count} row{} could not be turned into a request (--strict); the first: row {row}, column `{column}`: {reason}", if *.count == 1 { "" } else { "s" })]
    Strict { count: u64, row: u64, column: String, reason: String },
    #[error("the output `{}` has no known extension", path.display())]
    OutputFormat { path: PathBuf },
    #[error("the input `{}` has no known extension (expected .csv, .parquet)", path.display())]
    InputFormat { path: PathBuf },
}
