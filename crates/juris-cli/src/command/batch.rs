//! `juris batch`: ask a map's questions of every group of rows of a CSV or Parquet table, and
//! write one answer per group, question, state of the law and action, with a report.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use juris_batch::{BatchError, Map, Options};

use crate::corpus::{self, CorpusArgs};
use crate::exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The table to read (.csv or .parquet); default: the `input` the map names.
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// The map file: how rows become requests, and the questions to ask (see docs/batch.md).
    #[arg(long, value_name = "MAP.toml")]
    pub map: PathBuf,
    /// Where to write the answers; the format follows the extension: .parquet, .csv, .jsonl.
    #[arg(long, value_name = "OUT")]
    pub out: PathBuf,
    /// A folder for the report: report.html, summary.json and one SVG file per chart.
    #[arg(long, value_name = "DIR")]
    pub report: Option<PathBuf>,
    /// Fail when any row cannot be turned into a request (default: report, count and go on).
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: &Args) -> Result<u8> {
    let (corpus, _) = match corpus::require(&args.corpus)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let map = match Map::load(&args.map, &corpus) {
        Ok(map) => map,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(exit::BAD_INPUT);
        }
    };
    let options = Options { input: args.input.clone(), output: args.out.clone(), report: args.report.clone(), strict: args.strict };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {human_pos} rows read, {per_sec} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let mut progress = |rows: u64| {
        if let Some(bar) = &bar {
            bar.set_position(rows);
        }
    };
    let result = juris_batch::run(&corpus, &map, &options, &mut progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = match result {
        Ok(summary) => summary,
        Err(
            e @ (BatchError::Strict { .. }
            | BatchError::MissingColumn { .. }
            | BatchError::Input { .. }
            | BatchError::InputFormat { .. }
            | BatchError::OutputFormat { .. }),
        ) => {
            eprintln!("error: {e}");
            return Ok(exit::BAD_INPUT);
        }
        Err(e) => return Err(e).context("running the batch"),
    };
    for issue in &summary.first_issues {
        eprintln!("warning: row {}, column `{}`: {}", issue.row, issue.column, issue.reason);
    }
    if summary.issues > summary.first_issues.len() as u64 {
        eprintln!("warning: {} more rows could not be turned into requests", summary.issues - summary.first_issues.len() as u64);
    }
    eprintln!(
        "{} rows, {} groups ({} skipped), {} requests, {} decided (the rest from the cache), {} rows could not be turned into requests; wrote {}",
        summary.rows,
        summary.groups,
        summary.skipped_groups,
        summary.requests,
        summary.decided,
        summary.issues,
        args.out.display()
    );
    if let Some(dir) = &args.report {
        eprintln!("report: {}", dir.join("report.html").display());
    }
    Ok(exit::OK)
}
