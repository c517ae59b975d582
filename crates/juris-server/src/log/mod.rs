//! The verifiable decision log, independent of any storage: the Merkle tree, signed checkpoints,
//! the record and its canonical bytes, whole-log verification and receipts.

pub mod merkle;
pub mod note;
pub mod receipt;
pub mod record;
pub mod verify;
