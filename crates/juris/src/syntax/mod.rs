//! The syntax stage: literate Markdown documents split into front matter and code blocks
//! ([`markdown`]), the policy language's tokens ([`lexer`]) and grammar ([`parser`]) building the
//! [`ast`], its printer, statute citations ([`statute`]) and scenario suites ([`scenario`]).

pub(crate) mod ast;
pub(crate) mod lexer;
pub(crate) mod markdown;
pub(crate) mod parser;
pub(crate) mod printer;
pub(crate) mod scenario;
pub(crate) mod statute;
