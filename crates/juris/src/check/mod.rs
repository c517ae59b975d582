//! Loads a corpus: parses every file, resolves names and types against the vocabulary, checks
//! lifecycles and exceptions, and compiles the result into a [`Corpus`].
//!
//! All problems are collected and returned at once; a corpus with any error is not built.
//!
//! The phases, each in its own file: [`front_matter`] parses each document's TOML front matter
//! and code blocks; [`documents`] compiles documents and their lifecycles; [`rules`] compiles
//! offense classes and rules, resolving each condition's names in a [`scope::Scope`];
//! [`candidates`] builds the per-question index the engine decides from. [`lint`] runs after
//! loading, only for `juris check`.

mod candidates;
mod documents;
mod front_matter;
pub(crate) mod lint;
mod rules;
mod scope;

use sha2::{Digest, Sha256};
use toml::Spanned as TSpanned;

use candidates::build_candidates;
use front_matter::ParsedDocument;

use crate::diagnostic::{Diagnostic, Source, Span};
use crate::engine::ir::Corpus;
use crate::vocabulary::Vocabulary;

/// The result of loading: the corpus when there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    /// The compiled corpus, present only when loading found no error.
    pub corpus: Option<Corpus>,
    /// Every diagnostic: errors first, then warnings and notes, each by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

/// The file name of the vocabulary at the corpus root.
pub const VOCABULARY_FILE: &str = "vocabulary.toml";

/// Whether a corpus file is a policy document (Markdown inside a jurisdiction folder).
pub fn is_document(path: &str) -> bool {
    path.ends_with(".md") && path.contains('/') && !path.ends_with("README.md")
}

/// Loads and checks a corpus from its files (paths relative to the corpus root).
pub fn load(sources: &[Source]) -> Loaded {
    let mut diagnostics = Vec::new();
    let Some(vocab_source) = sources.iter().find(|s| s.path == VOCABULARY_FILE) else {
        diagnostics.push(
            Diagnostic::error(crate::diagnostic::Code::E0000, VOCABULARY_FILE, None, "the corpus has no `vocabulary.toml`")
                .with_help("a corpus folder holds vocabulary.toml and one folder of documents per jurisdiction"),
        );
        return Loaded { corpus: None, diagnostics };
    };
    let vocabulary = match Vocabulary::parse(&vocab_source.path, &vocab_source.text) {
        Ok(v) => v,
        Err(errors) => {
            return Loaded { corpus: None, diagnostics: errors };
        }
    };
    let mut documents: Vec<Source> = sources.iter().filter(|s| is_document(&s.path)).cloned().collect();
    // INVARIANT: documents are processed in path order, so ids do not depend on input order.
    documents.sort_by(|a, b| a.path.cmp(&b.path));

    let mut checker = Checker { vocabulary, diagnostics: Vec::new(), parsed: Vec::new() };
    for source in &documents {
        checker.parse_document(source);
    }
    let mut corpus = checker.compile(sources);
    diagnostics.append(&mut checker.diagnostics);
    if let (Some(c), Some(file)) = (corpus.as_mut(), sources.iter().find(|s| s.path == crate::labels::LABELS_FILE)) {
        let (labels, problems) = crate::labels::Labels::parse(&file.path, &file.text, &c.vocabulary);
        c.labels = labels;
        diagnostics.extend(problems);
    }
    sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Loaded { corpus: if has_errors { None } else { corpus }, diagnostics }
}

/// Loads the corpus as [`load`] does, then, when it has no error, runs the lints
/// (the lints: dead rules, static conflicts, ...) over it: what `juris check` reports.
/// Loading alone does not lint, so that a front end that only decides (the CLI's other commands,
/// the service, batch, Python) does not pay for the lints' searches at every start.
pub fn check(sources: &[Source]) -> Loaded {
    let mut loaded = load(sources);
    if let Some(c) = &loaded.corpus {
        loaded.diagnostics.extend(crate::check::lint::lint(c));
        sort(&mut loaded.diagnostics);
    }
    loaded
}

/// Diagnostics by severity, then file, then position.
fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (a.severity, &a.path, a.span.map(|s| s.start)).cmp(&(b.severity, &b.path, b.span.map(|s| s.start))));
}

/// The sha256 of the files that decisions depend on (vocabulary and documents), by path order.
pub fn corpus_hash(sources: &[Source]) -> String {
    let mut files: Vec<&Source> = sources.iter().filter(|s| s.path == VOCABULARY_FILE || is_document(&s.path)).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.path.as_bytes());
        hasher.update([0]);
        hasher.update((file.text.len() as u64).to_le_bytes());
        hasher.update(file.text.as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

struct Checker {
    vocabulary: Vocabulary,
    diagnostics: Vec<Diagnostic>,
    parsed: Vec<ParsedDocument>,
}

fn span_of<T>(s: &TSpanned<T>, offset: usize) -> Span {
    let r = s.span();
    Span::new(r.start + offset, r.end + offset)
}

impl Checker {
    fn error(&mut self, code: crate::diagnostic::Code, path: &str, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(code, path, Some(span), message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Compiles the parsed documents, phase by phase: documents and their lifecycles
    /// ([`documents`]), declared overrides, offense classes and rules ([`rules`]), exception
    /// cycles, then the decision index ([`candidates`]).
    fn compile(&mut self, sources: &[Source]) -> Option<Corpus> {
        let parsed = std::mem::take(&mut self.parsed);
        let v = self.vocabulary.clone();
        let (mut documents, document_index) = self.compile_documents(&parsed);
        self.resolve_overrides(&parsed, &mut documents, &document_index);
        let (classes, class_index) = self.compile_classes(&parsed);
        let (rules, rule_index) = self.compile_rules(&parsed, &mut documents, &class_index, &classes);
        self.check_exception_cycles(&rules, &documents);

        let candidates = build_candidates(&v, &documents, &rules, &mut self.diagnostics);
        let mut by_name: Vec<usize> = (0..rules.len()).collect();
        by_name.sort_by(|a, b| rules[*a].id.cmp(&rules[*b].id));
        let mut rank = vec![0u32; rules.len()];
        for (position, &r) in by_name.iter().enumerate() {
            rank[r] = position as u32;
        }
        Some(Corpus {
            vocabulary: v,
            documents,
            rules,
            classes,
            candidates,
            hash: corpus_hash(sources),
            rank,
            labels: Default::default(),
            document_index,
            rule_index,
        })
    }
}
