//! juris-batch: impact analysis over records. A map file says how the rows of a table (CSV or
//! Parquet) become requests; each group of rows is asked the map's questions under one or more
//! states of the law, each distinct request is decided once, and the answers are written as
//! Parquet, CSV or JSON Lines with a summary and a report.
//!
//! The crate uses the library's front door only (`Corpus::resolve`, `Corpus::decide`,
//! `Corpus::view`) and is the only crate that depends on Arrow and Parquet.

mod analyse;
mod charges;
mod chart;
mod error;
mod input;
mod map;
mod report;
mod sink;
mod summary;

use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use juris::Corpus;

// Re-exported so that the benchmarks and the Python package reach Arrow and Parquet through this
// crate, the only one that depends on them.
pub use {arrow_array, arrow_schema, parquet};

/// Arrow's bridge to pyarrow, for the Python package.
#[cfg(feature = "python")]
pub use arrow;

pub use analyse::{Analysis, Answer, OutputRow, RowIssue};
pub use charges::{ChargeEntry, ChargeTable};
pub use error::{BatchError, MapError, Problem};
pub use input::{BATCH_ROWS, Batches, InputFormat, open as open_input};
pub use map::{AsOf, Charges, Disposition, FactColumn, Law, Map, PriorConvictions, Question, ValueSource};
pub use sink::{Builder, Sink, json as output_json, schema as output_schema};
pub use summary::{Cell, Change, Summary};

/// What a run reads and writes.
#[derive(Debug, Clone)]
pub struct Options {
    /// The input; the map's own input when `None`.
    pub input: Option<PathBuf>,
    pub output: PathBuf,
    /// A folder for the report, when one is wanted.
    pub report: Option<PathBuf>,
    /// Rows that cannot become requests are an error rather than reported and counted.
    pub strict: bool,
}

/// Runs a map over its input. `progress` is called after each record batch with the rows read.
pub fn run(corpus: &Corpus, map: &Map, options: &Options, progress: &mut dyn FnMut(u64)) -> Result<Summary, BatchError> {
    let input = match (&options.input, &map.input) {
        (Some(i), _) | (None, Some(i)) => i.clone(),
        (None, None) => {
            return Err(BatchError::Input {
                path: PathBuf::from("(none)"),
                message: "no input: give INPUT or set `input` in the map".into(),
            });
        }
    };
    let mut analysis = Analysis::new(corpus, map);
    let columns: Vec<String> = analysis.column_names().into_iter().map(str::to_owned).collect();
    let wanted: Vec<&str> = columns.iter().map(String::as_str).collect();
    let (found, batches) = input::open(&input, map.delimiter, &wanted)?;
    if let Some(missing) = wanted.iter().find(|c| !found.iter().any(|f| f == *c)) {
        return Err(BatchError::MissingColumn {
            column: (*missing).to_owned(),
            found: found.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "),
        });
    }
    let mut sink = Sink::create(&options.output)?;
    let partial = sink.partial().to_owned();
    let result = (|| {
        let mut read = 0u64;
        let mut emit = |row: OutputRow| sink.push(&row);
        for batch in batches {
            let batch = batch?;
            read += batch.num_rows() as u64;
            analysis.push(&batch, &mut emit)?;
            progress(read);
        }
        analysis.finish(&mut emit)?;
        if options.strict
            && let Some(first) = analysis.issues.first()
        {
            return Err(BatchError::Strict {
                count: analysis.summary.issues,
                row: first.row,
                column: first.column.clone(),
                reason: first.reason.clone(),
            });
        }
        sink.close()
    })();
    if let Err(e) = result {
        // A run that fails leaves nothing behind.
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    let mut summary = std::mem::take(&mut analysis.summary);
    summary.input = display(&input);
    summary.corpus = corpus.hash().to_owned();
    summary.first_issues = std::mem::take(&mut analysis.issues);
    if let Some(dir) = &options.report {
        report::write(dir, &summary)?;
    }
    Ok(summary)
}

/// Runs a map over record batches already in memory (from Python or Spark) and returns the output
/// rows as record batches of [`output_schema`], with the summary.
pub fn run_batches(
    corpus: &Corpus,
    map: &Map,
    batches: impl IntoIterator<Item = Result<RecordBatch, BatchError>>,
) -> Result<(Vec<RecordBatch>, Summary), BatchError> {
    let mut analysis = Analysis::new(corpus, map);
    let mut builder = Builder::new();
    let mut out = Vec::new();
    {
        let mut emit = |row: OutputRow| {
            builder.push(&row);
            if builder.len() >= sink::OUTPUT_BATCH_ROWS {
                out.push(builder.finish());
            }
            Ok(())
        };
        for batch in batches {
            analysis.push(&batch?, &mut emit)?;
        }
        analysis.finish(&mut emit)?;
    }
    if !builder.is_empty() {
        out.push(builder.finish());
    }
    let mut summary = std::mem::take(&mut analysis.summary);
    summary.corpus = corpus.hash().to_owned();
    summary.first_issues = std::mem::take(&mut analysis.issues);
    Ok((out, summary))
}

/// A path as the report shows it, with forward slashes.
fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
