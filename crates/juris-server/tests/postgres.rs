//! The PostgreSQL log against a real server: set `JURIS_TEST_POSTGRES` to a `postgres://` URL
//! (`.ci/run` installs PostgreSQL, starts it on loopback and sets it). When the variable is set the
//! test fails if the server cannot be reached; when it is not set, it says so and checks nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use axum::http::StatusCode;
use common::*;
use juris_server::journal::DecisionLog;
use juris_server::log::verify::{DamageKind, verify_log};
use juris_server::store::LogLocation;
use juris_server::{AppState, Config, Served};
use serde_json::json;

/// A plain test: the `postgres` client is synchronous and runs outside the async runtime, as the
/// service runs it (on the writer thread and on blocking threads).
#[test]
fn the_postgres_log_is_durable_and_verifiable() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let Ok(url) = std::env::var("JURIS_TEST_POSTGRES") else {
        eprintln!("JURIS_TEST_POSTGRES is not set: the PostgreSQL log was not tested (.ci/run sets it)");
        return;
    };
    // A clean slate: the tables are the log's own.
    {
        let mut client = postgres::Client::connect(&url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("JURIS_TEST_POSTGRES is set but PostgreSQL cannot be reached: {e}"));
        client
            .batch_execute(
                "DROP TABLE IF EXISTS juris_records; DROP TABLE IF EXISTS juris_requests; DROP TABLE IF EXISTS juris_checkpoints; DROP TABLE IF EXISTS juris_settings;",
            )
            .unwrap();
    }
    let location = LogLocation::parse(&url).unwrap();
    let open = || {
        let log = DecisionLog::open(location.clone(), &key(), "test.juris/log").unwrap();
        let corpus = Served::load(&read_corpus(&corpus_dir()).unwrap()).unwrap();
        juris_server::app(AppState::new(corpus, None, Some(log), tokens(), Config::default()))
    };
    let app = open();
    for _ in 0..3 {
        let (status, _, body) = runtime.block_on(send(&app, post_json("/v1/decide", &example())));
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (_, _, body) = runtime.block_on(send(&app, post_json("/v1/decide", &json!({ "requests": [example(), example()] }))));
    assert_eq!(body["decisions"][1]["log_index"], 4);
    drop(app);
    // Reopened, it continues; verified, it is intact.
    let app = open();
    let (_, _, body) = runtime.block_on(send(&app, post_json("/v1/decide", &example())));
    assert_eq!(body["log_index"], 5);
    let uri = format!("/v1/log/receipt/{}", body["decision_id"].as_str().unwrap());
    let (_, _, receipt) = runtime.block_on(send(&app, get(&uri, None)));
    let receipt: juris_server::log::receipt::Receipt = serde_json::from_value(receipt).unwrap();
    juris_server::log::receipt::verify_receipt(&receipt, Some(&key().verifier())).unwrap();
    let mut store = location.open().unwrap();
    let report = verify_log(store.as_mut(), &key().verifier(), None).unwrap();
    assert_eq!((report.records, report.damage), (6, None));
    // And an edit is caught at its index.
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client.execute("UPDATE juris_records SET record = replace(record, 'prohibited', 'permitted') WHERE position = 2", &[]).unwrap();
    let report = verify_log(store.as_mut(), &key().verifier(), None).unwrap();
    assert_eq!(report.damage.map(|d| (d.index, d.kind)), Some((2, DamageKind::Edited)));
}
