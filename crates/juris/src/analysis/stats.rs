//! The corpus's sourcing: how many rules each document folder holds, by confidence and by whether
//! the primary text of the law was read.
//!
//! Counted from each rule's own data: its confidence (the rule's `confidence`, else its
//! document's). A rule counts as *primary text read* when its confidence is `sourced`, or when it
//! is `uncertain` in a `sourced` document (the words were read in the primary text; only their
//! reading is unsettled). Every other rule was read in a copy, a news report or a summary.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::ir::{Confidence, Corpus, Rule};

/// Counts of rules (and documents) for one folder or for the whole corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SourcingCounts {
    /// Documents counted.
    pub documents: usize,
    /// Rules of those documents.
    pub rules: usize,
    /// Rules whose confidence is `sourced`.
    pub sourced: usize,
    /// Rules whose confidence is `secondary`.
    pub secondary: usize,
    /// Rules whose confidence is `uncertain`.
    pub uncertain: usize,
    /// Rules whose words were read in the primary text of the law.
    pub primary_read: usize,
    /// Rules whose words were read only in a copy, a report or a summary.
    pub primary_not_read: usize,
}

impl SourcingCounts {
    fn add_rule(&mut self, rule: &Rule, document: Confidence) {
        self.rules += 1;
        match rule.confidence {
            Confidence::Sourced => self.sourced += 1,
            Confidence::Secondary => self.secondary += 1,
            Confidence::Uncertain => self.uncertain += 1,
        }
        if primary_read(rule.confidence, document) {
            self.primary_read += 1;
        } else {
            self.primary_not_read += 1;
        }
    }

    /// The share of rules whose primary text was read, in whole per cent (0 without rules).
    pub fn primary_percent(&self) -> usize {
        (self.primary_read * 100).checked_div(self.rules).unwrap_or(0)
    }
}

/// Whether a rule of this confidence, in a document of that confidence, was read in the primary text.
pub(super) fn primary_read(rule: Confidence, document: Confidence) -> bool {
    match rule {
        Confidence::Sourced => true,
        Confidence::Uncertain => document == Confidence::Sourced,
        Confidence::Secondary => false,
    }
}

/// The sourcing of a corpus: per document folder (in path order) and in total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CorpusStats {
    /// Each document folder, in path order.
    pub folders: Vec<FolderStats>,
    /// The whole corpus.
    pub total: SourcingCounts,
}

/// One document folder's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FolderStats {
    /// The folder, relative to the corpus root (`us-ca`); empty for documents at the root.
    pub folder: String,
    /// Its documents' and rules' counts.
    #[serde(flatten)]
    pub counts: SourcingCounts,
}

/// The folder part of a document path (`us-ca/values-act.md` → `us-ca`).
fn folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

impl Corpus {
    /// Counts the corpus's rules by folder, confidence and whether the primary text was read.
    pub fn stats(&self) -> CorpusStats {
        let mut folders: BTreeMap<&str, SourcingCounts> = BTreeMap::new();
        let mut total = SourcingCounts::default();
        for doc in &self.documents {
            let counts = folders.entry(folder(&doc.path)).or_default();
            counts.documents += 1;
            total.documents += 1;
            for &r in &doc.rules {
                let rule = &self.rules[r as usize];
                counts.add_rule(rule, doc.confidence);
                total.add_rule(rule, doc.confidence);
            }
        }
        CorpusStats {
            folders: folders.into_iter().map(|(folder, counts)| FolderStats { folder: folder.to_owned(), counts }).collect(),
            total,
        }
    }
}
