//! The vocabulary's size limits at their boundaries: agencies are bits of a 64-bit mask.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use common::{doc, effective};
use juris::{Outcome, Source};

/// The shipped vocabulary with agencies added (at the end of its `[agencies]` table) until it
/// declares `count` in all.
fn vocabulary_with_agencies(count: usize) -> String {
    let base = common::VOCABULARY;
    let (head, rest) = base.split_once("[agencies]\n").expect("an [agencies] table");
    let end = rest.find("\n[").expect("a table after [agencies]");
    let (block, tail) = rest.split_at(end);
    let existing = block.lines().filter(|l| l.contains('=')).count();
    assert!(existing < count, "the shipped vocabulary already has {existing} agencies");
    let extra: String = (existing..count).map(|i| format!("zz-agency-{i:02} = \"agency {i}\"\n")).collect();
    format!("{head}[agencies]\n{}\n{extra}{tail}", block.trim_end())
}

/// Loads the vocabulary with `count` agencies and one document binding `"all"` that prohibits holds.
fn load_with_agencies(count: usize) -> juris::Loaded {
    let body = "rule no-hold {\n  action hold\n  outcome prohibited\n}";
    let (path, text) = doc("us-md-montgomery/eo", "executive-order", "\"all\"", &effective("2019-07-22"), body);
    juris::load(&[Source::new("vocabulary.toml", vocabulary_with_agencies(count)), Source::new(path, text)])
}

// Regression: with exactly 64 agencies, `binds = "all"` computed `(1u64 << 64) - 1`, which panics
// in debug builds and gives an empty mask (the document binds no agency) in release builds.
#[test]
fn binds_all_with_63_and_64_agencies_binds_every_agency() {
    for count in [63, 64] {
        let loaded = load_with_agencies(count);
        let errors: Vec<&juris::Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{count} agencies: {errors:?}");
        let corpus = loaded.corpus.expect("a corpus");
        assert_eq!(corpus.vocabulary().agencies.len(), count);
        for (agency, _) in [corpus.vocabulary().agencies.first(), corpus.vocabulary().agencies.last()].into_iter().flatten() {
            let view = common::decide(
                &corpus,
                serde_json::json!({"jurisdiction": "us-md-montgomery", "agency": agency, "as_of": "2020-01-01", "action": "hold", "facts": {}}),
            );
            assert_eq!(view.outcome, Outcome::Prohibited, "{count} agencies: `{agency}` is bound by `binds = \"all\"`");
        }
    }
}

// Regression: 65 agencies cannot fit the 64-bit agency mask; loading must say so, naming the count
// and the limit, instead of building a corpus with a wrong mask.
#[test]
fn sixty_five_agencies_is_a_clear_diagnostic() {
    let loaded = load_with_agencies(65);
    assert!(loaded.corpus.is_none());
    let messages: Vec<String> = loaded.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
    assert!(messages.iter().any(|m| m == "E0004 65 agencies are declared; at most 64 may be"), "{messages:?}");
}
