//! What the juris-api tests share: the shipped corpus's files, read from `corpus/`.
#![allow(clippy::expect_used, reason = "tests stop loudly on a broken setup")]

#[path = "../../../../tests/support/corpus_files.rs"]
mod corpus_files;

/// Every `.md` and `.toml` file under the repository's `corpus/`, with its path relative to it.
pub fn shipped_sources() -> Vec<juris::Source> {
    corpus_files::shipped(env!("CARGO_MANIFEST_DIR"))
}
