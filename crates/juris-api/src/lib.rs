//! juris-api: the one wire format of juris.
//!
//! Every shape that crosses a boundary (the CLI's JSON, the service, batch, the Python and
//! WebAssembly bindings) is defined here: the versioned shapes in [`v1`], the decision-log
//! record and the exact bytes a log hashes in [`log`], the English and Spanish message
//! [`catalog`], JSON Schema for every shape ([`schemas`]), and a JSON-in/JSON-out entry point
//! ([`handle()`]). The crate is pure: it does no IO and reads no clock; timestamps, dates and
//! identifiers are passed in.

pub mod catalog;
pub mod handle;
pub mod log;
pub mod v1;

use std::collections::BTreeMap;

pub use catalog::{Lang, UnknownLanguage};
pub use handle::{BillsRequest, CompareRequest, DiffRequest, Operation, Options, TimelineRequest, handle};

/// The JSON Schema (draft 2020-12) of every shape, by name: the request and answer of every
/// operation, the request error and the decision-log record.
pub fn schemas() -> BTreeMap<&'static str, serde_json::Value> {
    fn schema<T: schemars::JsonSchema>() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
    }
    BTreeMap::from([
        ("Request", schema::<v1::Request>()),
        ("Charge", schema::<v1::Charge>()),
        ("Conviction", schema::<v1::Conviction>()),
        ("Decision", schema::<v1::Decision>()),
        ("RequestError", schema::<v1::RequestError>()),
        ("ErrorEnvelope", schema::<v1::ErrorEnvelope>()),
        ("BillsRequest", schema::<BillsRequest>()),
        ("Bill", schema::<v1::Bill>()),
        ("Bills", schema::<Vec<v1::Bill>>()),
        ("CompareRequest", schema::<CompareRequest>()),
        ("Comparison", schema::<v1::Comparison>()),
        ("TimelineRequest", schema::<TimelineRequest>()),
        ("Timeline", schema::<v1::Timeline>()),
        ("DiffRequest", schema::<DiffRequest>()),
        ("DiffReport", schema::<v1::DiffReport>()),
        ("CorpusListing", schema::<v1::CorpusListing>()),
        ("CorpusStats", schema::<v1::CorpusStats>()),
        ("LogRecord", schema::<log::LogRecord>()),
    ])
}
