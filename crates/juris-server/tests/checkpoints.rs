//! Checkpoints are signed on an interval (`--checkpoint-every`), not at every commit, and on
//! demand: by an admin, by a receipt or proof of a record no checkpoint covers yet, and when a log
//! with such records is opened again. The interval runs on tokio's paused clock, so the test
//! waits for no real time (the paused clock jumps to the next timer whenever the test waits on
//! the log's writer thread, so the request deadline is set beyond any interval it may jump over).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use juris_server::Config;
use juris_server::journal::sign_every;
use juris_server::log::note::Checkpoint;
use juris_server::log::verify::verify_log;
use juris_server::store::LogLocation;
use serde_json::json;

fn stored_sizes(path: &std::path::Path) -> Vec<u64> {
    let mut store = LogLocation::Sqlite(path.to_owned()).open().unwrap();
    store.checkpoints().unwrap().iter().map(|c| c.size).collect()
}

#[tokio::test]
async fn checkpoints_are_signed_on_the_interval_and_not_at_every_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    let every = Duration::from_secs(60);
    let limits = juris_server::Limits { request_timeout: Duration::from_secs(100 * 365 * 86_400), ..Default::default() };
    let (app, state) = service_at(&path, Config { checkpoint_every: every, limits, ..Config::default() });
    for _ in 0..3 {
        let (status, _, body) = send(&app, post_json("/v1/decide", &example())).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let log = state.log_handle().unwrap();
    assert_eq!((log.size(), log.signed_size()), (3, 0), "the commits are durable, none is signed yet");
    let (_, _, note) = send(&app, get("/v1/log/checkpoint", None)).await;
    assert_eq!(Checkpoint::open(note.as_str().unwrap(), &key().verifier()).unwrap().size, 0);

    tokio::time::pause();
    let started = tokio::time::Instant::now();
    let mut signed = log.watch_signed();
    let signer = tokio::spawn(sign_every(log.clone(), every));
    signed.wait_for(|size| *size == 3).await.unwrap();
    assert!(started.elapsed() >= every, "signed at the first interval, not before: {:?}", started.elapsed());
    send(&app, post_json("/v1/decide", &json!({ "requests": [example(), example()] }))).await;
    signed.wait_for(|size| *size == 5).await.unwrap();
    assert!(started.elapsed() >= 2 * every, "{:?}", started.elapsed());
    signer.abort();
    // Intervals with nothing new signed nothing: one checkpoint per interval that saw records.
    assert_eq!(stored_sizes(&path), vec![0, 3, 5]);
    let (_, _, note) = send(&app, get("/v1/log/checkpoint", None)).await;
    let head = Checkpoint::open(note.as_str().unwrap(), &key().verifier()).unwrap();
    assert_eq!((head.size, head.root), (5, log.root(5).unwrap()));
}

#[tokio::test]
async fn an_admin_signs_one_on_demand_and_a_receipt_gets_one_covering_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    let (app, state) = service_at(&path, Config { checkpoint_every: Duration::from_secs(3600), ..Config::default() });
    send(&app, post_json("/v1/decide", &example())).await;
    let post = |token: Option<&str>| {
        let mut b = Request::post("/v1/log/checkpoint");
        if let Some(t) = token {
            b = b.header("authorization", format!("Bearer {t}"));
        }
        b.body(Body::empty()).unwrap()
    };
    let (status, _, body) = send(&app, post(None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    error_of(&body, "unauthorized");
    let (status, _, body) = send(&app, post(Some(READER))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    error_of(&body, "forbidden");
    let (status, _, note) = send(&app, post(Some(ADMIN))).await;
    assert_eq!(status, StatusCode::OK, "{note}");
    assert_eq!(Checkpoint::open(note.as_str().unwrap(), &key().verifier()).unwrap().size, 1);
    // Nothing new: asking again answers the same checkpoint and stores no other.
    let (_, _, again) = send(&app, post(Some(ADMIN))).await;
    assert_eq!(again, note);
    assert_eq!(stored_sizes(&path), vec![0, 1]);
    // A receipt of a record no checkpoint covers has one signed for it.
    let (_, _, decided) = send(&app, post_json("/v1/decide", &json!({ "requests": [example(), example()] }))).await;
    let id = decided["decisions"][1]["decision_id"].as_str().unwrap();
    assert_eq!(state.log().unwrap().signed_size(), 1);
    let (status, _, receipt) = send(&app, get(&format!("/v1/log/receipt/{id}"), None)).await;
    assert_eq!(status, StatusCode::OK, "{receipt}");
    let receipt: juris_server::log::receipt::Receipt = serde_json::from_value(receipt).unwrap();
    let check = juris_server::log::receipt::verify_receipt(&receipt, Some(&key().verifier())).unwrap();
    assert_eq!((check.index, check.tree_size), (2, 3));
    let (status, _, body) = send(&app, get("/v1/log/proof/3", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(error_of(&body, "not_found")["field"], "index");
}

/// A process stopped between checkpoints leaves records no checkpoint covers: `verify` counts
/// them, and opening the log again signs one covering them before it serves.
#[tokio::test]
async fn a_log_reopened_with_unsigned_records_signs_them_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    {
        let (app, _) = service_at(&path, Config::default());
        send(&app, post_json("/v1/decide", &json!({ "requests": [example(), example(), example()] }))).await;
    }
    let mut store = LogLocation::Sqlite(path.clone()).open().unwrap();
    let report = verify_log(store.as_mut(), &key().verifier(), None).unwrap();
    assert_eq!((report.records, report.unsigned, report.damage), (3, 3, None));
    let (_, state) = service_at(&path, Config::default());
    assert_eq!((state.log().unwrap().size(), state.log().unwrap().signed_size()), (3, 3));
    let report = verify_log(store.as_mut(), &key().verifier(), None).unwrap();
    assert_eq!((report.records, report.unsigned, report.checkpoints, report.damage), (3, 0, 1, None));
}
