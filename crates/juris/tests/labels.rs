//! `labels.toml`: every vocabulary name has a label (and facts and actions a prompt) in every
//! language, and problems with the file are located diagnostics.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use std::path::Path;

use juris::vocabulary::LabelKind;
use juris::{Source, load};

const LABELS: &str = include_str!("../../../corpus/labels.toml");

/// Loads the real vocabulary with `labels` and returns the label diagnostics as `code: message`.
fn check(labels: &str) -> Vec<String> {
    let sources = vec![Source::new("vocabulary.toml", common::VOCABULARY), Source::new("labels.toml", labels)];
    let loaded = load(&sources);
    loaded.diagnostics.iter().filter(|d| d.path == "labels.toml").map(|d| format!("{}: {}", d.code, d.message)).collect()
}

#[test]
fn the_shipped_labels_cover_the_vocabulary_in_english_and_spanish() {
    assert_eq!(check(LABELS), Vec::<String>::new());
    let c = common::shipped();
    assert_eq!(c.labels().languages, ["en", "es"]);
    assert_eq!(c.labels().label(LabelKind::Value, "warrant.judicial", "es"), Some("orden judicial (firmada por un juez)"));
    assert!(c.labels().prompt(LabelKind::Fact, "warrant", "es").unwrap().starts_with('¿'));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/labels.toml");
    assert_eq!(std::fs::read_to_string(root).unwrap(), LABELS);
}

#[test]
fn a_name_without_a_label_or_prompt_is_a_warning_naming_it() {
    let without =
        LABELS.replace("prompt = { en = \"Is the question asked as part of routine booking at the jail?\"", "prompt = { xx = \"\"");
    let got = check(&without);
    assert!(got.contains(&"W0801: fact `routine_booking` has no prompt in `en`".to_owned()), "{got:#?}");
    // The Spanish prompt is still there.
    assert!(!got.contains(&"W0801: fact `routine_booking` has no prompt in `es`".to_owned()), "{got:#?}");
    assert!(got.iter().any(|d| d.starts_with("W0802: `routine_booking` has text in `xx`")), "{got:#?}");
}

#[test]
fn a_label_for_an_unknown_name_is_a_located_warning() {
    let renamed = LABELS.replace("[facts.routine_booking]", "[facts.routine_bookin]");
    let sources = vec![Source::new("vocabulary.toml", common::VOCABULARY), Source::new("labels.toml", renamed.clone())];
    let loaded = load(&sources);
    let d = loaded.diagnostics.iter().find(|d| d.code == "W0802").expect("W0802");
    assert_eq!(d.message, "`facts` labels `routine_bookin`, which the vocabulary does not declare");
    assert_eq!(d.help.as_deref(), Some("did you mean `routine_booking`?"));
    let span = d.span.expect("located");
    assert_eq!(&renamed[span.start..span.end], "routine_bookin");
    assert!(loaded.corpus.is_none_or(|c| c.labels().entry(LabelKind::Fact, "routine_booking").is_none()));
}

#[test]
fn an_invalid_labels_file_is_an_error() {
    let got = check("languages = [\"en\"]\n[facts.warrant]\nlabel = 3\n");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].starts_with("E0801: invalid labels file"), "{got:#?}");
}
