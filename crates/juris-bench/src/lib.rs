//! Benchmarks of juris against its peers: the same TRUST-Act-shaped rule set in juris, Cedar,
//! Rego (through regorus's interpreter and its compiled virtual machine) and hand-written Rust,
//! checked to agree decision for decision and then timed, and a batch throughput run over the
//! shipped corpus.
//!
//! [`rng`] is a seeded generator so that every run draws the same requests; [`trust`] holds the
//! rule set's attributes, their random draw, the engines and the agreement check; [`native`] is
//! the hand-written evaluator (the floor); [`rvm`] runs the Rego policy compiled for regorus's
//! virtual machine; [`batch`] draws fully specified requests against the shipped Maryland stack.

pub mod args;
pub mod batch;
pub mod native;
pub mod rng;
pub mod rvm;
pub mod trust;
