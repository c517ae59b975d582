//! Inputs: CSV and Parquet files read as a stream of record batches whose columns are text.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::error::BatchError;

/// Rows per record batch read.
pub const BATCH_ROWS: usize = 8192;

/// A stream of record batches.
pub type Batches = Box<dyn Iterator<Item = Result<RecordBatch, BatchError>> + Send>;

/// The kinds of input by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Csv,
    Parquet,
}

impl InputFormat {
    pub fn of(path: &Path) -> Result<InputFormat, BatchError> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv" | "psv" | "tsv" | "txt") => Ok(InputFormat::Csv),
            Some("parquet" | "pq") => Ok(InputFormat::Parquet),
            _ => Err(BatchError::InputFormat { path: path.to_owned() }),
        }
    }
}

fn input_error(path: &Path, e: impl std::fmt::Display) -> BatchError {
    BatchError::Input { path: path.to_owned(), message: e.to_string() }
}

/// Opens a CSV or Parquet file; every column of a CSV file is read as text, and of a Parquet file
/// only the `columns` the map reads.
pub fn open(path: &Path, delimiter: u8, columns: &[&str]) -> Result<(Vec<String>, Batches), BatchError> {
    match InputFormat::of(path)? {
        InputFormat::Csv => open_csv(path, delimiter),
        InputFormat::Parquet => open_parquet(path, columns),
    }
}

fn open_csv(path: &Path, delimiter: u8) -> Result<(Vec<String>, Batches), BatchError> {
    let file = File::open(path).map_err(|e| input_error(path, e))?;
    let format = arrow_csv::reader::Format::default().with_header(true).with_delimiter(delimiter);
    let (schema, _) = format.infer_schema(file, Some(0)).map_err(|e| input_error(path, e))?;
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let text = Schema::new(names.iter().map(|n| Field::new(n, DataType::Utf8, true)).collect::<Vec<_>>());
    let file = File::open(path).map_err(|e| input_error(path, e))?;
    let reader = arrow_csv::ReaderBuilder::new(Arc::new(text))
        .with_header(true)
        .with_delimiter(delimiter)
        .with_batch_size(BATCH_ROWS)
        .build(file)
        .map_err(|e| input_error(path, e))?;
    let owned = path.to_owned();
    Ok((names, Box::new(reader.map(move |b| b.map_err(|e| input_error(&owned, e))))))
}

fn open_parquet(path: &Path, columns: &[&str]) -> Result<(Vec<String>, Batches), BatchError> {
    let file = File::open(path).map_err(|e| input_error(path, e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| input_error(path, e))?;
    let names: Vec<String> = builder.schema().fields().iter().map(|f| f.name().clone()).collect();
    let wanted: Vec<usize> = names.iter().enumerate().filter(|(_, n)| columns.contains(&n.as_str())).map(|(i, _)| i).collect();
    let mask = ProjectionMask::roots(builder.parquet_schema(), wanted);
    let reader = builder.with_projection(mask).with_batch_size(BATCH_ROWS).build().map_err(|e| input_error(path, e))?;
    let owned = path.to_owned();
    Ok((names, Box::new(reader.map(move |b| b.map_err(|e| input_error(&owned, e))))))
}

/// A batch's columns, by the map's column order, as text (cast when they are not).
pub fn text_columns(batch: &RecordBatch, columns: &[&str]) -> Result<Vec<StringArray>, BatchError> {
    let schema = batch.schema();
    columns
        .iter()
        .map(|name| {
            let index = schema.index_of(name).map_err(|_| BatchError::MissingColumn {
                column: (*name).to_owned(),
                found: schema.fields().iter().map(|f| format!("`{}`", f.name())).collect::<Vec<_>>().join(", "),
            })?;
            let column: &ArrayRef = batch.column(index);
            let cast = if column.data_type() == &DataType::Utf8 {
                column.clone()
            } else {
                arrow_cast::cast(column, &DataType::Utf8).map_err(|e| BatchError::Input { path: name.into(), message: e.to_string() })?
            };
            cast.as_any()
                .downcast_ref::<StringArray>()
                .cloned()
                .ok_or_else(|| BatchError::Input { path: name.into(), message: "the column cannot be read as text".into() })
        })
        .collect()
}

/// The value of a text column at a row; a null and an empty string are both absent.
pub fn cell(column: &StringArray, row: usize) -> Option<&str> {
    if column.is_null(row) {
        return None;
    }
    let value = column.value(row).trim();
    (!value.is_empty()).then_some(value)
}
