//! Benchmarks of juris against its peers: the same TRUST-Act-shaped rule set in juris, Cedar and
//! Rego (through regorus), checked to agree decision for decision and then timed, and a batch
//! throughput run over the shipped corpus.
//!
//! [`rng`] is a seeded generator so that every run draws the same requests; [`trust`] holds the
//! rule set's attributes, their random draw, the three engines and the agreement check; [`batch`]
//! draws fully specified requests against the shipped Maryland stack.

pub mod args;
pub mod batch;
pub mod rng;
pub mod trust;
