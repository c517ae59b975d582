//! juris-api: the one wire format of juris.
//!
//! Every shape that crosses a boundary (the CLI's JSON, the service, batch, the Python and
//! WebAssembly bindings) is defined here, together with the decision-log record and the exact
//! bytes a log hashes. The crate is pure: it does no IO and reads no clock; timestamps and
//! identifiers are passed in.

pub mod log;
