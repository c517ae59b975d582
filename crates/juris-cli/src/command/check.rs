//! `juris check`: parse and check a corpus, every problem at once.

use anyhow::Result;
use juris::scenario::{is_suite, parse_suite};
use juris::{Corpus, Diagnostic, Severity, Source};
use std::io::Write;

use crate::corpus::{self, CorpusArgs};
use crate::exit;
use crate::options::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Print each problem on one line (`path:line:column: error[CODE]: message`) instead of with excerpts.
    #[arg(long)]
    pub short: bool,
    /// Also count the rules of each document folder by confidence and by whether the primary
    /// text was read.
    #[arg(long)]
    pub stats: bool,
    /// How `--stats` is written: a table, or JSON (the `CorpusStats` shape; the summary line then
    /// goes to standard error).
    #[arg(long, value_enum, default_value_t = Format::Text, requires = "stats")]
    pub format: Format,
}

/// Warnings for rules and documents that no scenario of the corpus's own suites exercises.
fn coverage(corpus: &Corpus, sources: &[Source]) -> Vec<Diagnostic> {
    let mut runs = Vec::new();
    for source in sources.iter().filter(|s| is_suite(&s.path)) {
        // A broken suite is reported by `juris test`; here it simply exercises nothing.
        if let Ok(scenarios) = parse_suite(&source.path, &source.text) {
            runs.extend(scenarios.iter().map(|s| corpus.run_scenario(s)));
        }
    }
    if runs.is_empty() {
        return Vec::new();
    }
    let unexercised = corpus.unexercised(&runs);
    let mut out = Vec::new();
    for doc in corpus.documents() {
        let rules: Vec<&juris::Rule> = doc.rules.iter().map(|&r| &corpus.rules()[r as usize]).collect();
        let missing: Vec<&&juris::Rule> = rules.iter().filter(|r| unexercised.contains(&r.id)).collect();
        if !rules.is_empty() && missing.len() == rules.len() {
            out.push(
                Diagnostic::warning(juris::Code::W0302, &doc.path, None, format!("no scenario exercises document `{}`", doc.id))
                    .with_help("add scenarios to a `.scenarios.toml` suite beside it"),
            );
            continue;
        }
        for rule in missing {
            out.push(
                Diagnostic::warning(juris::Code::W0301, &doc.path, Some(rule.span), format!("no scenario exercises rule `{}`", rule.id))
                    .with_help("add a scenario whose decision this rule decides or overrides")
                    .with_section(Some(rule.section.clone())),
            );
        }
    }
    out
}

pub fn run(args: &Args) -> Result<u8> {
    let corpus::Loaded { corpus, sources, rendered, mut diagnostics } = corpus::load(&args.corpus)?;
    if let Some(c) = &corpus {
        diagnostics.extend(coverage(c, &sources));
        // The standard situations that `juris compare` and `juris timeline` use.
        if let Some(file) = sources.iter().find(|s| s.path == juris::analysis::SITUATIONS_FILE) {
            if let Err(d) = juris::analysis::Situations::parse(&file.path, &file.text, c) {
                diagnostics.push(d);
            }
        }
    }
    for d in &diagnostics {
        if args.short {
            crate::stderr!("{}", d.short(&rendered));
        } else {
            crate::stderr!("{:?}", d.to_report(&rendered));
        }
    }
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let notes = diagnostics.iter().filter(|d| d.severity == Severity::Note).count();
    match corpus.filter(|_| errors == 0) {
        Some(c) => {
            let summary = format!(
                "checked {}: {} documents, {} rules, {} classes; {errors} errors, {warnings} warnings, {notes} notes",
                corpus::describe(&args.corpus),
                c.documents().len(),
                c.rules().len(),
                c.classes().len()
            );
            let mut out = std::io::stdout().lock();
            match (args.stats, args.format) {
                (true, Format::Json) => {
                    let stats = juris_api::v1::CorpusStats::from(c.stats());
                    writeln!(out, "{}", serde_json::to_string_pretty(&stats)?)?;
                    crate::stderr!("{summary}");
                }
                (true, Format::Text) => {
                    write!(out, "{}", stats_table(&c.stats()))?;
                    writeln!(out, "{summary}")?;
                }
                (false, _) => writeln!(out, "{summary}")?,
            }
            Ok(exit::OK)
        }
        None => {
            writeln!(std::io::stdout(), "checked {}: {errors} errors, {warnings} warnings", corpus::describe(&args.corpus))?;
            Ok(exit::FAILED)
        }
    }
}

/// The sourcing table of `--stats`: one row per document folder and a total.
fn stats_table(stats: &juris::analysis::CorpusStats) -> String {
    use std::fmt::Write as _;
    let width = stats.folders.iter().map(|f| f.folder.len()).max().unwrap_or(0).max("folder".len());
    let mut out = format!(
        "{:<width$}  {:>9}  {:>5}  {:>7}  {:>9}  {:>9}  {:>12}  {:>16}\n",
        "folder", "documents", "rules", "sourced", "secondary", "uncertain", "primary read", "primary not read"
    );
    let row = |out: &mut String, name: &str, c: &juris::analysis::SourcingCounts| {
        let _ = writeln!(
            out,
            "{name:<width$}  {:>9}  {:>5}  {:>7}  {:>9}  {:>9}  {:>12}  {:>16}",
            c.documents,
            c.rules,
            c.sourced,
            c.secondary,
            c.uncertain,
            format!("{} ({}%)", c.primary_read, c.primary_percent()),
            c.primary_not_read
        );
    };
    for f in &stats.folders {
        row(&mut out, &f.folder, &f.counts);
    }
    row(&mut out, "total", &stats.total);
    out
}
