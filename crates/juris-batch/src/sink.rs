//! Outputs: output rows gathered into Arrow record batches and written as Parquet, CSV or JSON
//! Lines, chosen by the file's extension.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int16Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::analyse::OutputRow;
use crate::error::BatchError;

/// Output rows per record batch written.
pub const OUTPUT_BATCH_ROWS: usize = 8192;

/// The output's columns (documented in docs/batch.md).
pub fn schema() -> SchemaRef {
    let text = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    Arc::new(Schema::new(vec![
        text("group", false),
        Field::new("first_row", DataType::Int64, false),
        Field::new("year", DataType::Int16, true),
        text("question", false),
        text("law", false),
        text("action", false),
        text("jurisdiction", false),
        text("agency", false),
        text("as_of", false),
        text("outcome", false),
        text("possible_outcomes", false),
        text("deciding_rule", true),
        text("missing_facts", false),
        text("uncertain_because", false),
        text("compared_to", true),
        text("compared_outcome", true),
        Field::new("changed", DataType::Boolean, true),
    ]))
}

/// Gathers output rows into record batches.
#[derive(Default)]
pub struct Builder {
    text: Vec<StringBuilder>,
    first_row: Int64Builder,
    year: Int16Builder,
    changed: BooleanBuilder,
    len: usize,
    /// Dates as written: a run has few distinct ones, and formatting a date per row cost more
    /// than every other column together.
    dates: std::collections::HashMap<juris::Date, Box<str>>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder { text: (0..14).map(|_| StringBuilder::new()).collect(), ..Builder::default() }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, row: &OutputRow) {
        let a = &row.answer;
        let t = &mut self.text;
        t[0].append_value(&row.group);
        self.first_row.append_value(i64::try_from(row.first_row).unwrap_or(i64::MAX));
        self.year.append_option(row.year);
        t[1].append_value(&*row.question);
        t[2].append_value(&*row.law);
        t[3].append_value(&*row.action);
        t[4].append_value(&*row.jurisdiction);
        t[5].append_value(&*row.agency);
        if self.dates.len() >= 1 << 16 {
            self.dates.clear();
        }
        t[6].append_value(self.dates.entry(row.as_of).or_insert_with(|| row.as_of.to_string().into_boxed_str()));
        t[7].append_value(a.outcome.name());
        t[8].append_value(&a.columns[0]);
        t[9].append_option(a.deciding.as_deref());
        t[10].append_value(&a.columns[1]);
        t[11].append_value(&a.columns[2]);
        t[12].append_option(row.compared.as_ref().map(|(law, _)| &**law));
        t[13].append_option(row.compared.as_ref().map(|(_, o)| o.name()));
        self.changed.append_option(row.compared.as_ref().map(|(_, o)| *o != a.outcome));
        self.len += 1;
    }

    /// The rows gathered so far as one record batch; the builder starts empty again.
    pub fn finish(&mut self) -> RecordBatch {
        let t = &mut self.text;
        let mut columns: Vec<ArrayRef> = vec![Arc::new(t[0].finish()), Arc::new(self.first_row.finish()), Arc::new(self.year.finish())];
        for b in t.iter_mut().skip(1) {
            columns.push(Arc::new(b.finish()));
        }
        columns.push(Arc::new(self.changed.finish()));
        self.len = 0;
        // The columns match the schema by construction.
        RecordBatch::try_new(schema(), columns).unwrap_or_else(|_| RecordBatch::new_empty(schema()))
    }
}

enum Writer {
    Parquet(ArrowWriter<File>),
    Csv(arrow_csv::Writer<BufWriter<File>>),
    Jsonl(BufWriter<File>),
}

/// A file the output rows are written to, in batches.
pub struct Sink {
    path: PathBuf,
    /// Where the output is written until it is complete; then it is renamed to `path`.
    partial: PathBuf,
    writer: Writer,
    builder: Builder,
    pub rows: u64,
}

impl Sink {
    /// Creates the output file; its format follows the extension: .parquet, .csv, .jsonl.
    pub fn create(path: &Path) -> Result<Sink, BatchError> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let fail = |e: &dyn std::fmt::Display| BatchError::Output { path: path.to_owned(), message: e.to_string() };
        let kind = match ext.as_deref() {
            Some("parquet" | "pq") => 0,
            Some("csv") => 1,
            Some("jsonl" | "ndjson") => 2,
            _ => return Err(BatchError::OutputFormat { path: path.to_owned() }),
        };
        let mut name = path.file_name().unwrap_or_default().to_owned();
        name.push(".partial");
        let partial = path.with_file_name(name);
        let file = File::create(&partial).map_err(|e| fail(&e))?;
        let writer = match kind {
            0 => {
                let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
                Writer::Parquet(ArrowWriter::try_new(file, schema(), Some(props)).map_err(|e| fail(&e))?)
            }
            1 => Writer::Csv(arrow_csv::WriterBuilder::new().with_header(true).build(BufWriter::new(file))),
            _ => Writer::Jsonl(BufWriter::new(file)),
        };
        Ok(Sink { path: path.to_owned(), partial, writer, builder: Builder::new(), rows: 0 })
    }

    /// The file written until the output is complete.
    pub fn partial(&self) -> &Path {
        &self.partial
    }

    pub fn push(&mut self, row: &OutputRow) -> Result<(), BatchError> {
        self.rows += 1;
        if let Writer::Jsonl(out) = &mut self.writer {
            let value = json(row);
            let fail = |e: &dyn std::fmt::Display| BatchError::Output { path: self.path.clone(), message: e.to_string() };
            serde_json::to_writer(&mut *out, &value).map_err(|e| fail(&e))?;
            return out.write_all(b"\n").map_err(|e| fail(&e));
        }
        self.builder.push(row);
        if self.builder.len() >= OUTPUT_BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), BatchError> {
        if self.builder.is_empty() {
            return Ok(());
        }
        let batch = self.builder.finish();
        let fail = |e: &dyn std::fmt::Display| BatchError::Output { path: self.path.clone(), message: e.to_string() };
        match &mut self.writer {
            Writer::Parquet(w) => w.write(&batch).map_err(|e| fail(&e)),
            Writer::Csv(w) => w.write(&batch).map_err(|e| fail(&e)),
            Writer::Jsonl(_) => Ok(()),
        }
    }

    /// Writes what is left and closes the file.
    pub fn close(mut self) -> Result<(), BatchError> {
        self.flush()?;
        let fail = |e: &dyn std::fmt::Display| BatchError::Output { path: self.path.clone(), message: e.to_string() };
        match self.writer {
            Writer::Parquet(w) => w.close().map(|_| ()).map_err(|e| fail(&e))?,
            Writer::Csv(w) => w.into_inner().flush().map_err(|e| fail(&e))?,
            Writer::Jsonl(mut w) => w.flush().map_err(|e| fail(&e))?,
        }
        std::fs::rename(&self.partial, &self.path).map_err(|e| fail(&e))
    }
}

/// One output row as a JSON object with the column names of [`schema`].
pub fn json(row: &OutputRow) -> serde_json::Value {
    let a = &row.answer;
    serde_json::json!({
        "group": &*row.group,
        "first_row": row.first_row,
        "year": row.year,
        "question": &*row.question,
        "law": &*row.law,
        "action": &*row.action,
        "jurisdiction": &*row.jurisdiction,
        "agency": &*row.agency,
        "as_of": row.as_of.to_string(),
        "outcome": a.outcome.name(),
        "possible_outcomes": a.possible.iter().map(|o| o.name()).collect::<Vec<_>>(),
        "deciding_rule": a.deciding,
        "missing_facts": a.missing_facts,
        "uncertain_because": a.because,
        "compared_to": row.compared.as_ref().map(|(l, _)| &**l),
        "compared_outcome": row.compared.as_ref().map(|(_, o)| o.name()),
        "changed": row.compared.as_ref().map(|(_, o)| *o != a.outcome),
    })
}
