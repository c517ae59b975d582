//! The engine stage: the compiled corpus ([`ir`]), three-valued evaluation ([`eval`]), requests
//! and their decoding ([`request`], [`decode`], [`request_error`]), deciding ([`decide`]), the
//! candidate values of facts and the search that splits requests on them ([`domain`]), which
//! gives diffs ([`diff`]), a decision's conditional [`cases`] and the linter's satisfiability
//! questions, and the views front ends render ([`view`], [`cases_view`]).

pub(crate) mod cases;
pub(crate) mod cases_view;
pub(crate) mod decide;
pub(crate) mod decode;
pub(crate) mod diff;
pub(crate) mod domain;
pub(crate) mod eval;
pub(crate) mod ir;
#[cfg(feature = "internals")]
pub(crate) mod reference;
pub(crate) mod request;
pub(crate) mod request_error;
pub(crate) mod view;
