//! juris: the policy language and decision engine.
//!
//! The pipeline is a sequence of named stages, each a module:
//! [`markdown`] splits literate documents, [`lexer`] and [`parser`] build the [`ast`],
//! [`check`] resolves names and types against the [`vocabulary`] and compiles the [`ir`],
//! [`eval`] evaluates conditions in three values, and [`decide`] turns a [`request`] into a
//! [`Decision`], which [`view`] renders with citations. The library does no IO and knows no wire
//! format: front ends hand it file contents and deserialized requests. [`analysis`] answers
//! questions over many decisions: bills, timelines and comparisons.

pub mod analysis;
pub mod ast;
pub mod cases;
pub mod cases_view;
pub mod check;
pub mod date;
pub mod decide;
pub mod decode;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod ir;
pub mod labels;
pub mod lexer;
pub mod lint;
pub mod markdown;
pub mod parser;
pub mod printer;
pub mod request;
pub mod request_error;
pub mod scenario;
pub mod statute;
pub mod view;
pub mod vocabulary;

pub use check::{Loaded, check, load};
pub use date::Date;
pub use decide::Decision;
pub use decode::{DecodeOptions, parse_date};
pub use diagnostic::{Diagnostic, Severity, Source};
pub use ir::{Corpus, Outcome};
pub use request::{RawRequest, RawValue, Request, RequestError, RequestErrorKind};
pub use view::DecisionView;
