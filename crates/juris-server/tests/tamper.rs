//! Tamper tests: editing, deleting, reordering and truncating records each make verification fail
//! at the right index with the right kind; a forged checkpoint fails the signature check; and a
//! log that cannot be written makes the service answer 503 and decide nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::http::StatusCode;
use common::*;
use juris_server::journal::DecisionLog;
use juris_server::log::note::{Checkpoint, LogKey};
use juris_server::log::verify::{DamageKind, verify_log};
use juris_server::store::{LogLocation, NewRecord, SqliteStore, Store, StoreError, StoredCheckpoint, StoredRecord, StoredRequest};
use juris_server::{AppState, Config, LogPolicy};
use serde_json::json;

/// A log of `n` decisions, made one request at a time with a checkpoint signed after each, so
/// that every record has its own checkpoint; returns the last.
async fn log_of(path: &Path, n: usize) -> String {
    let (app, _) = service_at(path, Config::default());
    for i in 0..n {
        let mut request = example();
        request["facts"]["role"] = json!(if i % 2 == 0 { "inmate" } else { "witness" });
        let (status, _, body) = send(&app, post_json("/v1/decide", &request)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        sign(&app).await;
    }
    let (_, _, note) = send(&app, get("/v1/log/checkpoint", None)).await;
    note.as_str().unwrap().to_owned()
}

fn sql(path: &Path, statement: &str) {
    let connection = rusqlite::Connection::open(path).unwrap();
    connection.execute_batch(statement).unwrap();
}

fn verify(path: &Path, trusted: Option<&str>) -> Option<(u64, DamageKind)> {
    let mut store = LogLocation::Sqlite(path.to_owned()).open().unwrap();
    let report = verify_log(store.as_mut(), &key().verifier(), trusted).unwrap();
    report.damage.map(|d| (d.index, d.kind))
}

#[tokio::test]
async fn an_intact_log_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    let note = log_of(&path, 6).await;
    assert_eq!(verify(&path, Some(&note)), None);
}

#[tokio::test]
async fn an_edited_record_fails_at_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    log_of(&path, 6).await;
    sql(&path, "UPDATE records SET record = replace(record, '\"outcome\":\"prohibited\"', '\"outcome\":\"permitted\"') WHERE position = 2");
    assert_eq!(verify(&path, None), Some((2, DamageKind::Edited)));
}

/// An editor who also rewrites the leaf hash is caught by the signed checkpoints.
#[tokio::test]
async fn an_edited_record_with_a_recomputed_leaf_fails_at_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    log_of(&path, 6).await;
    let connection = rusqlite::Connection::open(&path).unwrap();
    let record: String = connection.query_row("SELECT record FROM records WHERE position = 3", [], |r| r.get(0)).unwrap();
    let forged = record.replace("\"engine\":\"juris 0.1.0\"", "\"engine\":\"juris 0.0.9\"");
    assert_ne!(forged, record);
    let leaf = juris_server::log::merkle::leaf_hash(forged.as_bytes());
    connection.execute("UPDATE records SET record = ?1, leaf_hash = ?2 WHERE position = 3", rusqlite::params![forged, &leaf[..]]).unwrap();
    assert_eq!(verify(&path, None), Some((3, DamageKind::Edited)));
}

#[tokio::test]
async fn an_edited_decision_or_request_fails_at_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    log_of(&path, 4).await;
    // The role does not change the answer, so the four records share one stored body: editing
    // it breaks the first record that names it.
    sql(
        &path,
        "UPDATE decisions SET body = replace(body, '\"action\":\"hold\"', '\"action\":\"notify\"') \
         WHERE hash = (SELECT body_hash FROM records WHERE position = 1)",
    );
    assert_eq!(verify(&path, None), Some((0, DamageKind::Edited)));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    log_of(&path, 4).await;
    sql(&path, "DELETE FROM decisions WHERE hash = (SELECT body_hash FROM records WHERE position = 1)");
    assert_eq!(verify(&path, None), Some((0, DamageKind::Edited)));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    log_of(&path, 4).await;
    sql(&path, "UPDATE requests SET request = replace(request, 'witness', 'inmate')");
    assert_eq!(verify(&path, None), Some((1, DamageKind::Edited)));
}

/// Equal answers are stored once (the role changes neither the answer nor its body, only the
/// request); every record still names its own decision.
#[tokio::test]
async fn equal_answers_share_one_stored_body() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    log_of(&path, 6).await;
    let connection = rusqlite::Connection::open(&path).unwrap();
    let count = |table: &str| -> i64 { connection.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap() };
    assert_eq!((count("records"), count("decisions"), count("requests")), (6, 1, 2));
    let ids: i64 = connection.query_row("SELECT COUNT(DISTINCT decision_id) FROM records", [], |r| r.get(0)).unwrap();
    assert_eq!(ids, 6);
    drop(connection);
    assert_eq!(verify(&path, None), None);
}

/// A log file in the layout of an earlier juris (a copy of each decision in its record) is
/// refused with a message saying so, not read as damaged.
#[test]
fn a_log_of_the_earlier_layout_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    sql(
        &path,
        "CREATE TABLE records (position INTEGER PRIMARY KEY, decision_id TEXT NOT NULL UNIQUE, record TEXT NOT NULL, \
         leaf_hash BLOB NOT NULL, decision TEXT NOT NULL)",
    );
    let Err(error) = LogLocation::Sqlite(path).open() else { panic!("a log of the earlier layout opened") };
    assert!(error.to_string().contains("written by an earlier juris"), "{error}");
}

/// Redaction removes a request's facts but keeps every record verifiable.
#[tokio::test]
async fn a_redacted_request_keeps_the_log_verifiable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    let (app, _) = service_at(&path, Config::default());
    let (_, _, body) = send(&app, post_json("/v1/decide", &example())).await;
    let receipt_uri = format!("/v1/log/receipt/{}?request=true", body["decision_id"].as_str().unwrap());
    let (_, _, receipt) = send(&app, get(&receipt_uri, Some(READER))).await;
    let hash = receipt["record"]["request_hash"].as_str().unwrap().to_owned();
    let delete = |token: &str| {
        axum::http::Request::delete(format!("/v1/log/requests/{hash}"))
            .header("authorization", format!("Bearer {token}"))
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let (status, _, _) = send(&app, delete(READER)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, answer) = send(&app, delete(ADMIN)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (_, _, receipt) = send(&app, get(&receipt_uri, Some(READER))).await;
    assert!(receipt.get("request").is_none(), "{receipt}");
    let mut store = LogLocation::Sqlite(path.clone()).open().unwrap();
    let report = verify_log(store.as_mut(), &key().verifier(), None).unwrap();
    assert_eq!((report.damage, report.redacted), (None, 1));
}

#[tokio::test]
async fn a_deleted_record_fails_at_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    log_of(&path, 6).await;
    sql(&path, "DELETE FROM records WHERE position = 4");
    assert_eq!(verify(&path, None), Some((4, DamageKind::Deleted)));
}

#[tokio::test]
async fn reordered_records_fail_at_the_first_moved_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    log_of(&path, 6).await;
    sql(
        &path,
        "UPDATE records SET position = -1 WHERE position = 2;
         UPDATE records SET position = 2 WHERE position = 3;
         UPDATE records SET position = 3 WHERE position = -1;",
    );
    assert_eq!(verify(&path, None), Some((2, DamageKind::Reordered)));
}

#[tokio::test]
async fn a_truncated_log_fails_at_its_new_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    let note = log_of(&path, 6).await;
    sql(&path, "DELETE FROM records WHERE position >= 4");
    assert_eq!(verify(&path, None), Some((4, DamageKind::Truncated)), "the stored checkpoints see it");
    // Even when the stored checkpoints are cut too, a checkpoint kept elsewhere sees it.
    sql(&path, "DELETE FROM checkpoints WHERE size > 4");
    assert_eq!(verify(&path, None), None, "without an outside checkpoint, a clean cut is invisible");
    assert_eq!(verify(&path, Some(&note)), Some((4, DamageKind::Truncated)));
}

#[tokio::test]
async fn a_forged_checkpoint_fails_the_signature_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    let note = log_of(&path, 3).await;
    let forged = note.replacen("\n3\n", "\n2\n", 1);
    assert_eq!(verify(&path, Some(&forged)), Some((0, DamageKind::ForgedCheckpoint)));
    let impostor = LogKey::from_seed("test.juris/log", [9; 32]).unwrap();
    let head = Checkpoint::open(&note, &key().verifier()).unwrap();
    let signed_by_impostor = head.sign(&impostor);
    assert_eq!(verify(&path, Some(&signed_by_impostor)), Some((0, DamageKind::ForgedCheckpoint)));
    // A stored checkpoint replaced by one signed with another key is caught as well.
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.execute("UPDATE checkpoints SET note = ?1 WHERE size = 3", [signed_by_impostor]).unwrap();
    assert_eq!(verify(&path, None), Some((2, DamageKind::ForgedCheckpoint)));
}

/// A store whose writes fail on demand, as a full disk or a lost database would.
struct Failing {
    inner: SqliteStore,
    fail: Arc<AtomicBool>,
}

impl Store for Failing {
    fn append(&mut self, records: &[NewRecord], checkpoint: Option<&StoredCheckpoint>) -> Result<(), StoreError> {
        if self.fail.load(Ordering::SeqCst) {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(13),
                Some("database or disk is full".into()),
            )));
        }
        self.inner.append(records, checkpoint)
    }
    fn record_count(&mut self) -> Result<u64, StoreError> {
        self.inner.record_count()
    }
    fn records(&mut self, from: u64, limit: usize) -> Result<Vec<StoredRecord>, StoreError> {
        self.inner.records(from, limit)
    }
    fn record_by_id(&mut self, id: &str) -> Result<Option<StoredRecord>, StoreError> {
        self.inner.record_by_id(id)
    }
    fn request(&mut self, hash: &str) -> Result<StoredRequest, StoreError> {
        self.inner.request(hash)
    }
    fn redact(&mut self, hash: &str) -> Result<bool, StoreError> {
        self.inner.redact(hash)
    }
    fn checkpoints(&mut self) -> Result<Vec<StoredCheckpoint>, StoreError> {
        self.inner.checkpoints()
    }
    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError> {
        self.inner.latest_checkpoint()
    }
    fn setting(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.setting(key)
    }
    fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.inner.set_setting(key, value)
    }
    fn check_writable(&mut self) -> Result<(), StoreError> {
        self.inner.check_writable()
    }
}

fn failing_service(path: &Path, policy: LogPolicy) -> (axum::Router, Arc<AtomicBool>, AppState) {
    let fail = Arc::new(AtomicBool::new(false));
    let writer = Box::new(Failing { inner: SqliteStore::open(path).unwrap(), fail: fail.clone() });
    let reader = Box::new(SqliteStore::open(path).unwrap());
    let log = DecisionLog::from_stores(LogLocation::Sqlite(path.to_owned()), writer, reader, &key(), "test.juris/log").unwrap();
    let corpus = juris_server::Served::load(&read_corpus(&corpus_dir()).unwrap()).unwrap();
    let state = AppState::new(corpus, None, Some(log), tokens(), Config { log_policy: policy, ..Config::default() });
    (juris_server::app(state.clone()), fail, state)
}

#[tokio::test]
async fn when_the_log_cannot_be_written_nothing_is_decided() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    let (app, fail, state) = failing_service(&path, LogPolicy::Required);
    let (status, _, _) = send(&app, post_json("/v1/decide", &example())).await;
    assert_eq!(status, StatusCode::OK);
    fail.store(true, Ordering::SeqCst);
    let (status, _, body) = send(&app, post_json("/v1/decide", &example())).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    let error = error_of(&body, "log_unavailable");
    assert!(!error["message"].as_str().unwrap().contains("disk"), "internal causes are not sent: {error}");
    assert!(body.get("outcome").is_none());
    let (status, _, _) = send(&app, get("/health/ready", None)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    fail.store(false, Ordering::SeqCst);
    let (status, _, body) = send(&app, post_json("/v1/decide", &example())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["log_index"], 1, "the failed commit left no hole in the log");
    assert_eq!(state.log().unwrap().size(), 2);
    let mut store = LogLocation::Sqlite(path).open().unwrap();
    assert_eq!(verify_log(store.as_mut(), &key().verifier(), None).unwrap().damage, None);
}

#[tokio::test]
async fn best_effort_answers_without_a_record_only_when_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let (app, fail, state) = failing_service(&dir.path().join("log.sqlite"), LogPolicy::BestEffort);
    fail.store(true, Ordering::SeqCst);
    let (status, _, body) = send(&app, post_json("/v1/decide", &example())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["log_index"], serde_json::Value::Null);
    assert_eq!(body["outcome"], "prohibited");
    assert!(state.metrics().render(state.log()).contains("juris_decisions_unlogged_total 1"));
}
