//! Shared helpers: build a corpus from inline documents and decide JSON requests against it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, reason = "shared by several test crates, each using some; tests stop loudly")]

#[path = "../../../../tests/support/corpus_files.rs"]
mod corpus_files;

use juris::view::DecisionView;
use juris::{Corpus, Outcome, RawRequest, Source};

/// The real vocabulary, so tests speak the contract's names.
pub const VOCABULARY: &str = include_str!("../../../../corpus/vocabulary.toml");

/// A document with front matter; `lifecycle` is TOML `[[lifecycle]]` tables.
pub fn doc(id: &str, kind: &str, binds: &str, lifecycle: &str, body: &str) -> (String, String) {
    let jurisdiction = id.split('/').next().unwrap_or_default();
    let text = format!(
        "+++\nid = \"{id}\"\njurisdiction = \"{jurisdiction}\"\nkind = \"{kind}\"\ntitle = \"Title of {id}\"\ncitation = \"Citation of {id}\"\nsources = [\"https://example.org/{id}\"]\nbinds = {binds}\nconfidence = \"sourced\"\n{lifecycle}\n+++\n\n# Section\n\n> The words of {id}.\n\n```juris\n{body}\n```\n"
    );
    (format!("{id}.md"), text)
}

/// Lifecycle tables for a document in force from `date`.
pub fn effective(date: &str) -> String {
    format!("[[lifecycle]]\nevent = \"effective\"\ndate = \"{date}\"\n")
}

pub fn sources(docs: &[(String, String)]) -> Vec<Source> {
    let mut sources = vec![Source::new("vocabulary.toml", VOCABULARY)];
    sources.extend(docs.iter().map(|(p, t)| Source::new(p.clone(), t.clone())));
    sources
}

/// Loads a corpus that must have no errors.
pub fn corpus(docs: &[(String, String)]) -> Corpus {
    let sources = sources(docs);
    let loaded = juris::load(&sources);
    let errors: Vec<String> = loaded.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.short(&sources)).collect();
    assert!(errors.is_empty(), "corpus has errors:\n{}", errors.join("\n"));
    loaded.corpus.expect("no errors, so a corpus")
}

/// Decides a request given as JSON.
pub fn decide(corpus: &Corpus, request: serde_json::Value) -> DecisionView {
    let raw: RawRequest = serde_json::from_value(request).expect("request shape");
    let request = corpus.resolve(&raw).unwrap_or_else(|e| panic!("invalid request: {e}"));
    corpus.view(&corpus.decide(&request))
}

/// Asserts the outcome and the deciding rules (exactly, in any order).
pub fn check(corpus: &Corpus, request: serde_json::Value, outcome: Outcome, deciding: &[&str]) -> DecisionView {
    let view = decide(corpus, request);
    let mut got: Vec<&str> = view.deciding.iter().map(|d| d.rule.as_str()).collect();
    got.sort_unstable();
    let mut want = deciding.to_vec();
    want.sort_unstable();
    assert_eq!((view.outcome, got), (outcome, want), "decision: {view:#?}");
    view
}

/// The corpus shipped in the repository, read from `corpus/`.
pub fn shipped() -> Corpus {
    let sources = corpus_files::shipped(env!("CARGO_MANIFEST_DIR"));
    juris::load(&sources).corpus.expect("the shipped corpus loads")
}
