//! The corpus's sourcing counts (`Corpus::stats`, shown by `juris check --stats`): per document
//! folder and in total, by confidence and by whether the primary text was read.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests and benchmarks stop loudly on a broken setup")]

mod common;

use common::{corpus, doc, effective};

/// A document whose front matter says `confidence` and whose rules say their own where given.
fn document(id: &str, confidence: &str, rules: &[Option<&str>]) -> (String, String) {
    let body: Vec<String> = rules
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let own = c.map(|c| format!("  confidence {c}\n")).unwrap_or_default();
            format!("rule r{i} {{\n  action hold\n  outcome permitted\n{own}}}")
        })
        .collect();
    let (path, text) = doc(id, "statute", "\"all\"", &effective("2014-01-01"), &body.join("\n"));
    (path, text.replace("confidence = \"sourced\"", &format!("confidence = \"{confidence}\"")))
}

#[test]
fn rules_are_counted_by_their_own_confidence_per_folder() {
    let c = corpus(&[
        document("us/a", "sourced", &[None, Some("secondary"), Some("uncertain")]),
        document("us/b", "secondary", &[None, Some("uncertain")]),
        document("us-md/c", "secondary", &[Some("sourced")]),
    ]);
    let stats = c.stats();
    let folders: Vec<&str> = stats.folders.iter().map(|f| f.folder.as_str()).collect();
    assert_eq!(folders, ["us", "us-md"]);
    let us = stats.folders[0].counts;
    assert_eq!((us.documents, us.rules, us.sourced, us.secondary, us.uncertain), (2, 5, 1, 2, 2));
    // Read in the primary text: the sourced rule, and the uncertain rule of the sourced document;
    // not the uncertain rule of the secondary document.
    assert_eq!((us.primary_read, us.primary_not_read), (2, 3));
    let md = stats.folders[1].counts;
    assert_eq!((md.rules, md.sourced, md.primary_read, md.primary_percent()), (1, 1, 1, 100));
    assert_eq!((stats.total.documents, stats.total.rules, stats.total.primary_read), (3, 6, 3));
    assert_eq!(stats.total.primary_percent(), 50);
}

#[test]
fn the_shipped_corpus_counts_every_rule_once() {
    let c = common::shipped();
    let stats = c.stats();
    assert_eq!(stats.total.rules, c.rules().len());
    assert_eq!(stats.total.documents, c.documents().len());
    let sum: usize = stats.folders.iter().map(|f| f.counts.rules).sum();
    assert_eq!(sum, c.rules().len());
    let t = stats.total;
    assert_eq!(t.sourced + t.secondary + t.uncertain, t.rules);
    assert_eq!(t.primary_read + t.primary_not_read, t.rules);
}
