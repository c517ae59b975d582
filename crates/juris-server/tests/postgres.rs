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

/// A real outage: the log's database stops taking connections and its backends are terminated
/// (as a restart or a failover would). Under `--log-policy required` the service answers 503 and
/// decides nothing while it is away, and reconnects by itself once it is back: the log goes on
/// without a hole and verifies.
#[test]
fn the_service_answers_503_while_postgres_is_away_and_recovers() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let Ok(url) = std::env::var("JURIS_TEST_POSTGRES") else {
        eprintln!("JURIS_TEST_POSTGRES is not set: the PostgreSQL outage was not tested (.ci/run sets it)");
        return;
    };
    let mut admin = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("JURIS_TEST_POSTGRES is set but PostgreSQL cannot be reached: {e}"));
    // A database of its own, so that closing it to connections leaves the admin connection be.
    admin.batch_execute("DROP DATABASE IF EXISTS juris_outage WITH (FORCE)").unwrap();
    admin.batch_execute("CREATE DATABASE juris_outage").unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    let location = LogLocation::parse(&format!("{base}/juris_outage")).unwrap();
    let log = DecisionLog::open(location.clone(), &key(), "test.juris/log").unwrap();
    let corpus = Served::load(&read_corpus(&corpus_dir()).unwrap()).unwrap();
    let state = AppState::new(corpus, None, Some(log), tokens(), Config::default());
    let app = juris_server::app(state.clone());
    let decide = || runtime.block_on(send(&app, post_json("/v1/decide", &example())));
    assert_eq!(decide().0, StatusCode::OK);

    let mut away = |allow: bool| {
        admin.batch_execute(&format!("ALTER DATABASE juris_outage WITH ALLOW_CONNECTIONS {allow}")).unwrap();
        if !allow {
            admin
                .batch_execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'juris_outage' AND pid <> pg_backend_pid()",
                )
                .unwrap();
        }
    };
    away(false);
    for _ in 0..3 {
        let (status, _, body) = decide();
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        error_of(&body, "log_unavailable");
        assert!(body.get("outcome").is_none(), "nothing was decided: {body}");
    }
    let (status, _, ready) = runtime.block_on(send(&app, get("/health/ready", None)));
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{ready}");
    assert_eq!(state.log().unwrap().size(), 1);

    away(true);
    let (status, _, body) = decide();
    assert_eq!(status, StatusCode::OK, "reconnected: {body}");
    assert_eq!(body["log_index"], 1, "the refused requests left no hole in the log");
    let (status, _, ready) = runtime.block_on(send(&app, get("/health/ready", None)));
    assert_eq!(status, StatusCode::OK, "{ready}");
    let uri = format!("/v1/log/receipt/{}", body["decision_id"].as_str().unwrap());
    let (status, _, receipt) = runtime.block_on(send(&app, get(&uri, None)));
    assert_eq!(status, StatusCode::OK, "{receipt}");
    drop(app);
    drop(state);
    let mut store = location.open().unwrap();
    let report = verify_log(store.as_mut(), &key().verifier(), None).unwrap();
    assert_eq!((report.records, report.damage), (2, None));
    drop(store);
    admin.batch_execute("DROP DATABASE IF EXISTS juris_outage WITH (FORCE)").unwrap();
}
