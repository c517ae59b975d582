//! End to end: rows in, one answer per group, question, state of the law and action out, each
//! agreeing with a direct decision of the same request.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly on a broken setup")]

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::{Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use common::{CHARGES, INPUT, MAP, folder, path, shipped};
use juris::{Corpus, RawRequest};
use juris_batch::{BatchError, Map, Options, Summary};
use serde_json::{Value, json};

/// Runs the test map over `input` and returns the JSON Lines output and the summary.
fn run(corpus: &Corpus, map: &str, input: &str, strict: bool) -> Result<(Vec<Value>, Summary, tempfile::TempDir), BatchError> {
    let dir = folder(&[("map.toml", map), ("charges.toml", CHARGES), ("input.csv", input)]);
    let map = Map::load(&path(&dir, "map.toml"), corpus).unwrap();
    let options = Options { input: None, output: path(&dir, "out.jsonl"), report: Some(path(&dir, "report")), strict };
    let summary = juris_batch::run(corpus, &map, &options, &mut |_| {})?;
    let text = std::fs::read_to_string(path(&dir, "out.jsonl")).unwrap();
    let rows = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    Ok((rows, summary, dir))
}

/// The outcome `decide` gives for a request written out by hand.
fn decided(corpus: &Corpus, request: Value) -> String {
    let raw: RawRequest = serde_json::from_value(request).unwrap();
    let request = corpus.resolve(&raw).unwrap();
    corpus.decide(&request).outcome.name().to_owned()
}

fn find<'a>(rows: &'a [Value], group: &str, law: &str, action: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["group"] == group && r["law"] == law && r["action"] == action)
        .unwrap_or_else(|| panic!("no row {group}/{law}/{action}"))
}

#[test]
fn every_answer_agrees_with_deciding_the_same_request_directly() {
    let corpus = shipped();
    let (rows, summary, _dir) = run(&corpus, MAP, INPUT, false).unwrap();
    assert_eq!(rows.len(), 3 * 2 * 2, "three groups, two states of the law, two actions");
    assert_eq!(summary.groups, 3);
    assert_eq!(summary.issues, 0);
    let facts =
        |charges: Value, convictions: Value| json!({"role": "inmate", "warrant": "none", "charges": charges, "convictions": convictions});
    // The conviction of booking 2 (2011-07-20, five days after booking) moves with the booking date.
    let cases = [
        (
            "1",
            facts(json!([{"offense": "burglary", "level": "felony", "statute": "TX PC 30.02"}]), json!([])),
            ["2015-06-01", "2019-06-01"],
            [None, None],
        ),
        (
            "2",
            facts(json!([]), json!([{"offense": "dui", "level": "misdemeanor", "statute": "TX PC 49.04", "date": "2015-06-06"}])),
            ["2015-06-01", "2019-06-01"],
            [Some("2015-06-06"), Some("2019-06-06")],
        ),
        ("3", facts(json!([{"level": "felony"}]), json!([])), ["2015-06-01", "2019-06-01"], [None, None]),
    ];
    for (group, base, dates, conviction_dates) in cases {
        for (i, law) in ["trust-act", "values-act"].into_iter().enumerate() {
            let mut facts = base.clone();
            if let Some(d) = conviction_dates[i] {
                facts["convictions"][0]["date"] = json!(d);
            }
            for action in ["hold", "notify"] {
                let row = find(&rows, group, law, action);
                let expected = decided(
                    &corpus,
                    json!({"jurisdiction": "us-ca-county", "agency": "corrections", "as_of": dates[i], "action": action, "facts": facts}),
                );
                assert_eq!(row["outcome"], expected, "{group} {law} {action}: {row}");
                assert_eq!(row["as_of"], dates[i]);
            }
        }
    }
}

#[test]
fn an_uncertain_answer_says_why_and_a_comparison_says_what_changed() {
    let corpus = shipped();
    let (rows, _, _dir) = run(&corpus, MAP, INPUT, false).unwrap();
    for row in &rows {
        let because = row["uncertain_because"].as_array().unwrap();
        if row["outcome"] == "uncertain" {
            assert!(!because.is_empty(), "{row}");
            assert!(row["possible_outcomes"].as_array().unwrap().len() >= 2, "{row}");
        } else {
            assert!(because.is_empty(), "{row}");
        }
        if row["law"] == "values-act" {
            let before = find(&rows, row["group"].as_str().unwrap(), "trust-act", row["action"].as_str().unwrap());
            assert_eq!(row["compared_to"], "trust-act");
            assert_eq!(row["compared_outcome"], before["outcome"]);
            assert_eq!(row["changed"], json!(before["outcome"] != row["outcome"]));
        } else {
            assert_eq!(row["compared_to"], Value::Null);
        }
    }
    // Booking 3's only charge is not placed by the table: its offense is unknown, never guessed.
    let unknown = find(&rows, "3", "trust-act", "hold");
    if unknown["outcome"] == "uncertain" {
        assert!(unknown["missing_facts"].as_array().unwrap().iter().any(|f| f == "charges"), "{unknown}");
    }
}

#[test]
fn identical_cases_are_decided_once() {
    let corpus = shipped();
    let mut input = String::from("booking,booked,code,literal,level,disposition,disposed\n");
    for b in 0..200 {
        input.push_str(&format!("{b},2010-03-01,100,BURGLARY OF HABITATION,F,,\n"));
    }
    let (rows, summary, _dir) = run(&corpus, MAP, &input, false).unwrap();
    assert_eq!(rows.len(), 200 * 4);
    assert_eq!(summary.requests, 800);
    assert_eq!(summary.decided, 4, "one decision per state of the law and action");
}

#[test]
fn a_bad_row_is_reported_with_its_row_and_column_and_the_run_goes_on() {
    let corpus = shipped();
    let input = INPUT.replace("2011-07-15,200", "2011-17-15,200");
    let (rows, summary, dir) = run(&corpus, MAP, &input, false).unwrap();
    assert_eq!(summary.issues, 1);
    assert_eq!(summary.skipped_groups, 1);
    let issue = &summary.first_issues[0];
    assert_eq!((issue.row, issue.column.as_str()), (3, "booked"));
    assert!(issue.reason.contains("`2011-17-15` is not a date"), "{}", issue.reason);
    assert_eq!(rows.len(), 2 * 2 * 2, "the other two groups are answered");
    let report = std::fs::read_to_string(dir.path().join("report/report.html")).unwrap();
    assert!(report.contains("Rows that could not be turned into requests") && report.contains("2011-17-15"));
}

#[test]
fn strict_makes_a_bad_row_an_error() {
    let corpus = shipped();
    let input = INPUT.replace("2011-07-15,200", "2011-17-15,200");
    let Err(BatchError::Strict { count, row, column, .. }) = run(&corpus, MAP, &input, true) else { panic!("strict should fail") };
    assert_eq!((count, row, column.as_str()), (1, 3, "booked"));
}

#[test]
fn an_unplaced_disposition_is_reported_when_the_map_says_reject() {
    let corpus = shipped();
    let map = MAP.replace("otherwise = \"pending\"", "otherwise = \"reject\"");
    let (_, summary, _dir) = run(&corpus, &map, INPUT, false).unwrap();
    // Booking 1's burglary and booking 3's charge have an empty disposition, which is not listed.
    assert_eq!(summary.issues, 2);
    assert_eq!(summary.first_issues[0].column, "disposition");
}

#[test]
fn a_missing_column_is_named() {
    let corpus = shipped();
    let input = INPUT.replace("booking,booked,code", "booking,booking_date,code");
    let Err(BatchError::MissingColumn { column, found }) = run(&corpus, MAP, &input, false) else { panic!("should fail") };
    assert_eq!(column, "booked");
    assert!(found.contains("`booking_date`"));
}

#[test]
fn the_report_has_a_table_beside_every_chart_and_a_summary() {
    let corpus = shipped();
    let (_, summary, dir) = run(&corpus, MAP, INPUT, false).unwrap();
    let report = dir.path().join("report");
    let html = std::fs::read_to_string(report.join("report.html")).unwrap();
    let svgs: Vec<_> =
        std::fs::read_dir(&report).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "svg")).collect();
    assert!(svgs.len() >= 2, "{svgs:?}");
    assert_eq!(html.matches("<figure>").count(), svgs.len());
    assert_eq!(html.matches("<figure>").count(), html.matches("</svg><table>").count(), "every chart is followed by its table");
    let json: Summary = summary.clone();
    let written: Value = serde_json::from_str(&std::fs::read_to_string(report.join("summary.json")).unwrap()).unwrap();
    assert_eq!(written["groups"], json.groups);
    let total: u64 = summary.cells.iter().map(|c| c.outcomes.values().sum::<u64>()).sum();
    assert_eq!(total, 12);
}

#[test]
fn parquet_and_csv_outputs_hold_the_same_answers_as_json_lines() {
    let corpus = shipped();
    let (rows, _, dir) = run(&corpus, MAP, INPUT, false).unwrap();
    let map = Map::load(&path(&dir, "map.toml"), &corpus).unwrap();
    for out in ["out.csv", "out.parquet"] {
        let options = Options { input: None, output: path(&dir, out), report: None, strict: false };
        juris_batch::run(&corpus, &map, &options, &mut |_| {}).unwrap();
    }
    let csv = std::fs::read_to_string(path(&dir, "out.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let outcome = header.iter().position(|h| *h == "outcome").unwrap();
    let csv_outcomes: Vec<String> = lines.map(|l| l.split(',').nth(outcome).unwrap().to_owned()).collect();
    let json_outcomes: Vec<String> = rows.iter().map(|r| r["outcome"].as_str().unwrap().to_owned()).collect();
    assert_eq!(csv_outcomes, json_outcomes);
    // The Parquet output read back through the batch input path gives the same outcomes.
    let file = std::fs::File::open(path(&dir, "out.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let mut parquet_outcomes = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let column = batch.column(batch.schema().index_of("outcome").unwrap()).as_any().downcast_ref::<StringArray>().unwrap().clone();
        parquet_outcomes.extend((0..column.len()).map(|i| column.value(i).to_owned()));
    }
    assert_eq!(parquet_outcomes, json_outcomes);
}

#[test]
fn a_parquet_input_gives_the_same_answers_as_csv() {
    let corpus = shipped();
    let (rows, _, dir) = run(&corpus, MAP, INPUT, false).unwrap();
    // Write the CSV input as Parquet, with the booking number as an integer column.
    let mut columns: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut lines = INPUT.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for line in lines {
        for (i, v) in line.split(',').enumerate() {
            columns.entry(i).or_default().push(v.to_owned());
        }
    }
    let mut fields = Vec::new();
    let mut arrays: Vec<Arc<dyn Array>> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if i == 0 {
            fields.push(Field::new(*name, DataType::Int64, false));
            arrays.push(Arc::new(arrow_array::Int64Array::from(columns[&i].iter().map(|v| v.parse::<i64>().unwrap()).collect::<Vec<_>>())));
        } else {
            fields.push(Field::new(*name, DataType::Utf8, true));
            arrays.push(Arc::new(StringArray::from(columns[&i].iter().map(|v| (!v.is_empty()).then_some(v.as_str())).collect::<Vec<_>>())));
        }
    }
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).unwrap();
    let file = std::fs::File::create(path(&dir, "input.parquet")).unwrap();
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
    let map = Map::load(&path(&dir, "map.toml"), &corpus).unwrap();
    let options =
        Options { input: Some(path(&dir, "input.parquet")), output: path(&dir, "from-parquet.jsonl"), report: None, strict: false };
    juris_batch::run(&corpus, &map, &options, &mut |_| {}).unwrap();
    let text = std::fs::read_to_string(path(&dir, "from-parquet.jsonl")).unwrap();
    let again: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(again, rows);
    // The same batches in memory (the Python and Spark path) give the same rows too.
    let (batches, summary) = juris_batch::run_batches(&corpus, &map, [Ok(batch)]).unwrap();
    assert_eq!(batches.iter().map(RecordBatch::num_rows).sum::<usize>(), rows.len());
    assert_eq!(summary.groups, 3);
}

#[test]
fn a_charge_tables_statute_and_class_assertions_reach_the_request() {
    let corpus = shipped();
    // A conviction the record places on the 7282.5 list, and one it places off it: under the
    // Values Act the list is one ground on which the jail may notify.
    let charges = format!(
        "{CHARGES}\n[[charge]]\ncode = \"300\"\noffense = \"other\"\nclasses = {{ ca-7282-5-listed = true }}\nsource = \"test\"\n\n\
         [[charge]]\ncode = \"301\"\noffense = \"other\"\nclasses = {{ ca-7282-5-listed = false }}\nsource = \"test\"\n"
    );
    let input = "booking,booked,code,literal,level,disposition,disposed\n\
                 1,2014-03-01,300,LISTED,F,SENTENCE COMPLETE,2014-03-01\n\
                 2,2014-03-01,301,NOT LISTED,F,SENTENCE COMPLETE,2014-03-01\n";
    let dir = folder(&[("map.toml", MAP), ("charges.toml", &charges), ("input.csv", input)]);
    let map = Map::load(&path(&dir, "map.toml"), &corpus).unwrap();
    let options = Options { input: None, output: path(&dir, "out.jsonl"), report: None, strict: true };
    juris_batch::run(&corpus, &map, &options, &mut |_| {}).unwrap();
    let text = std::fs::read_to_string(path(&dir, "out.jsonl")).unwrap();
    let rows: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut outcomes = Vec::new();
    for (group, listed) in [("1", true), ("2", false)] {
        let conviction = json!({"offense": "other", "level": "felony", "date": "2019-06-01", "classes": {"ca-7282-5-listed": listed}});
        let request = json!({"jurisdiction": "us-ca-county", "agency": "corrections", "as_of": "2019-06-01", "action": "notify",
            "facts": {"role": "inmate", "warrant": "none", "charges": [], "convictions": [conviction]}});
        let row = find(&rows, group, "values-act", "notify");
        assert_eq!(row["outcome"], decided(&corpus, request), "{row}");
        outcomes.push(row["outcome"].clone());
    }
    assert_ne!(outcomes[0], outcomes[1], "the class assertion decides the answer: {rows:?}");
}
