//! The service through its router, without a socket: decisions are logged and verifiable,
//! batches keep their order, the log endpoints prove what they claim, and tokens are enforced.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use juris_server::log::merkle::{leaf_hash, verify_consistency, verify_inclusion};
use juris_server::log::note::Checkpoint;
use juris_server::log::receipt::{Receipt, ReceiptError, verify_receipt};
use juris_server::log::record::content_hash;
use juris_server::log::verify::verify_log;
use juris_server::store::LogLocation;
use juris_server::{Config, ENGINE};
use serde_json::{Value, json};

#[tokio::test]
async fn a_decision_is_logged_and_names_its_corpus_and_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (app, state) = service_at(&dir.path().join("log.sqlite"), Config::default());
    let (status, headers, body) = send(&app, post_json("/v1/decide", &example())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["outcome"], "prohibited", "{body}");
    assert_eq!(body["log_index"], 0);
    assert_eq!(body["decision_id"].as_str().unwrap().len(), 32);
    assert_eq!(headers["juris-corpus"], state.corpus().hash());
    assert_eq!(headers["juris-engine"], ENGINE);
    let (_, _, second) = send(&app, post_json("/v1/decide", &example())).await;
    assert_eq!(second["log_index"], 1);
    assert_ne!(second["decision_id"], body["decision_id"]);
    assert_eq!(state.log().unwrap().size(), 2);
}

/// The CLI and the service decide alike: the service's decision is the `juris-api` decision plus
/// `decision_id` and `log_index`.
#[tokio::test]
async fn the_service_decides_as_the_library_does() {
    let dir = tempfile::tempdir().unwrap();
    let (app, state) = service_at(&dir.path().join("log.sqlite"), Config::default());
    let corpus = state.corpus();
    let raw: juris::RawRequest = serde_json::from_value(example()).unwrap();
    let view = corpus.view(&corpus.decide(&corpus.resolve(&raw).unwrap()));
    let expected = serde_json::to_value(juris_api::v1::Decision::from_view(&corpus, &view, juris_api::Lang::En)).unwrap();
    let (_, _, mut body) = send(&app, post_json("/v1/decide", &example())).await;
    let object = body.as_object_mut().unwrap();
    object.remove("decision_id").unwrap();
    object.remove("log_index").unwrap();
    assert_eq!(body, expected);
}

/// A kept answer is the answer deciding again gives, in either language, singly and in batches;
/// each is logged with its own id and verifies, and a reload keeps nothing of the old corpus.
#[tokio::test]
async fn kept_answers_are_the_answers_deciding_gives() {
    let strip = |mut body: Value| {
        let object = body.as_object_mut().unwrap();
        object.remove("decision_id").unwrap();
        object.remove("log_index").unwrap();
        body
    };
    let dir = tempfile::tempdir().unwrap();
    let (kept, state) = service_at(&dir.path().join("kept.sqlite"), Config::default());
    let (fresh, _) = service_at(&dir.path().join("fresh.sqlite"), Config { decision_cache_bytes: 0, ..Config::default() });
    let mut spanish = post_json("/v1/decide", &example());
    spanish.headers_mut().insert("accept-language", "es".parse().unwrap());
    let (_, _, first_es) = send(&kept, spanish).await;
    let mut answers = Vec::new();
    for _ in 0..3 {
        let (status, _, body) = send(&kept, post_json("/v1/decide", &example())).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        answers.push(body);
    }
    let (_, _, decided) = send(&fresh, post_json("/v1/decide", &example())).await;
    assert_ne!(answers[1]["decision_id"], answers[2]["decision_id"]);
    assert_eq!(strip(answers[2].clone()), strip(decided.clone()));
    assert_ne!(strip(first_es.clone()), strip(decided), "the Spanish answer is kept apart");
    let batch = json!({"requests": [example(), example()]});
    let (_, _, kept_batch) = send(&kept, post_json("/v1/decide", &batch)).await;
    let (_, _, fresh_batch) = send(&fresh, post_json("/v1/decide", &batch)).await;
    for (a, b) in kept_batch["decisions"].as_array().unwrap().iter().zip(fresh_batch["decisions"].as_array().unwrap()) {
        assert_eq!(strip(a.clone()), strip(b.clone()));
    }
    assert_eq!(kept_batch["decisions"][1]["log_index"], 5);
    let mut store = LogLocation::Sqlite(dir.path().join("kept.sqlite")).open().unwrap();
    let report = verify_log(store.as_mut(), &key().verifier(), None).unwrap();
    assert!(report.damage.is_none(), "{report:?}");
    drop(store);
    state.reload().unwrap();
    let (_, _, after) = send(&kept, post_json("/v1/decide", &example())).await;
    assert_eq!(strip(after), strip(answers[0].clone()), "the same corpus reloaded answers alike");
}

#[tokio::test]
async fn a_batch_answers_in_order_with_errors_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    let mut bad = example();
    bad["jurisdiction"] = json!("us-md-montgomeri");
    let mut notify = example();
    notify["action"] = json!("notify");
    let (status, _, body) = send(&app, post_json("/v1/decide", &json!({ "requests": [example(), bad, notify] }))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let decisions = body["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 3);
    assert_eq!(decisions[0]["request"], example());
    assert_eq!(decisions[0]["log_index"], 0);
    let error = error_of(&decisions[1], "invalid_request");
    assert_eq!(error["field"], "jurisdiction");
    assert_eq!(error["request"], 2);
    assert!(error["hint"].as_str().unwrap().contains("us-md-montgomery"), "{error}");
    assert_eq!(decisions[2]["action"], "notify");
    assert_eq!(decisions[2]["log_index"], 1);
}

#[tokio::test]
async fn a_batch_over_the_limit_is_refused_and_nothing_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config { limits: juris_server::Limits { batch: 2, ..Default::default() }, ..Default::default() };
    let (app, state) = service_at(&dir.path().join("log.sqlite"), config);
    let (status, _, body) = send(&app, post_json("/v1/decide", &json!({ "requests": [example(), example(), example()] }))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_of(&body, "too_large")["field"], "requests");
    assert_eq!(state.log().unwrap().size(), 0);
}

#[tokio::test]
async fn a_receipt_verifies_offline_and_a_changed_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    let mut ids = Vec::new();
    for _ in 0..5 {
        let (_, _, body) = send(&app, post_json("/v1/decide", &example())).await;
        ids.push(body["decision_id"].as_str().unwrap().to_owned());
    }
    let (status, _, body) = send(&app, get(&format!("/v1/log/receipt/{}", ids[2]), None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let receipt: Receipt = serde_json::from_value(body).unwrap();
    assert!(receipt.request.is_none(), "a receipt without a token carries no request");
    let check = verify_receipt(&receipt, Some(&key().verifier())).unwrap();
    assert_eq!((check.index, check.tree_size), (2, 5));
    let mut changed = receipt.clone();
    changed.decision["outcome"] = json!("permitted");
    assert_eq!(verify_receipt(&changed, Some(&key().verifier())), Err(ReceiptError::DecisionChanged));
    let mut moved = receipt.clone();
    moved.record.outcome = "permitted".into();
    assert_eq!(verify_receipt(&moved, Some(&key().verifier())), Err(ReceiptError::NotIncluded));
    let other = juris_server::log::note::LogKey::from_seed("test.juris/log", [4; 32]).unwrap();
    assert!(verify_receipt(&receipt, Some(&other.verifier())).is_err(), "another key does not verify it");
}

#[tokio::test]
async fn a_receipt_with_its_request_needs_a_log_read_token() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    let (_, _, body) = send(&app, post_json("/v1/decide", &example())).await;
    let uri = format!("/v1/log/receipt/{}?request=true", body["decision_id"].as_str().unwrap());
    let (status, headers, body) = send(&app, get(&uri, None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers["www-authenticate"], "Bearer");
    error_of(&body, "unauthorized");
    let (status, _, body) = send(&app, get(&uri, Some("wrong"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _, body) = send(&app, get(&uri, Some(READER))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let receipt: Receipt = serde_json::from_value(body).unwrap();
    assert_eq!(receipt.request.as_ref().unwrap()["jurisdiction"], "us-md-montgomery");
    assert_eq!(content_hash(receipt.request.as_ref().unwrap()), receipt.record.request_hash);
    verify_receipt(&receipt, None).unwrap();
}

#[tokio::test]
async fn proofs_and_checkpoints_verify_against_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let (app, state) = service_at(&dir.path().join("log.sqlite"), Config::default());
    for _ in 0..3 {
        send(&app, post_json("/v1/decide", &example())).await;
    }
    sign(&app).await;
    let (_, _, old_note) = send(&app, get("/v1/log/checkpoint", None)).await;
    let old = Checkpoint::open(old_note.as_str().unwrap(), &key().verifier()).unwrap();
    assert_eq!(old.size, 3);
    for _ in 0..4 {
        send(&app, post_json("/v1/decide", &json!({ "requests": [example(), example()] }))).await;
    }
    // A proof of a record no checkpoint covers yet has one signed first.
    let (status, _, proof) = send(&app, get("/v1/log/proof/10", None)).await;
    assert_eq!(status, StatusCode::OK, "{proof}");
    assert_eq!(proof["tree_size"], 11);
    let (_, _, note) = send(&app, get("/v1/log/checkpoint", None)).await;
    let head = Checkpoint::open(note.as_str().unwrap(), &key().verifier()).unwrap();
    assert_eq!((head.size, head.origin.as_str()), (11, "test.juris/log"));
    let (status, _, proof) = send(&app, get("/v1/log/proof/4", None)).await;
    assert_eq!(status, StatusCode::OK, "{proof}");
    let hashes = juris_server::log::receipt::InclusionProof {
        index: 4,
        tree_size: 11,
        hashes: serde_json::from_value(proof["hashes"].clone()).unwrap(),
    }
    .decode()
    .unwrap();
    let store = juris_server::store::SqliteStore::open(&dir.path().join("log.sqlite")).unwrap();
    let _ = store;
    let mut reader = LogLocation::Sqlite(dir.path().join("log.sqlite")).open().unwrap();
    let record = reader.records(4, 1).unwrap().remove(0);
    assert!(verify_inclusion(&leaf_hash(record.record.as_bytes()), 4, 11, &hashes, &head.root));
    let (status, _, consistency) = send(&app, get("/v1/log/consistency?from=3&to=11", None)).await;
    assert_eq!(status, StatusCode::OK, "{consistency}");
    let hashes = juris_server::log::receipt::InclusionProof {
        index: 0,
        tree_size: 11,
        hashes: serde_json::from_value(consistency["hashes"].clone()).unwrap(),
    }
    .decode()
    .unwrap();
    assert!(verify_consistency(3, 11, &hashes, &old.root, &head.root));
    let (status, _, body) = send(&app, get("/v1/log/proof/11", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    error_of(&body, "not_found");
    let (status, _, body) = send(&app, get("/v1/log/consistency?from=3", None)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    error_of(&body, "bad_request");
    let report = verify_log(reader.as_mut(), &key().verifier(), Some(note.as_str().unwrap())).unwrap();
    assert_eq!(report.damage, None, "{report:?}");
    assert_eq!(report.records, 11);
    assert_eq!(state.log().unwrap().size(), 11);
}

#[tokio::test]
async fn bad_input_gets_the_documented_error_shape() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config { limits: juris_server::Limits { body_bytes: 4096, ..Default::default() }, ..Default::default() };
    let (app, state) = service_at(&dir.path().join("log.sqlite"), config);
    let raw = |body: &str, content_type: Option<&str>| {
        let mut b = Request::post("/v1/decide");
        if let Some(c) = content_type {
            b = b.header("content-type", c);
        }
        b.body(Body::from(body.to_owned())).unwrap()
    };
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (raw("{\"jurisdiction\": ", Some("application/json")), StatusCode::BAD_REQUEST, "bad_request"),
        (raw("[1, 2]", Some("application/json")), StatusCode::BAD_REQUEST, "bad_request"),
        (raw(&example().to_string(), Some("text/plain")), StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
        (raw(&example().to_string(), None), StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
        (raw(&format!("{{\"x\": \"{}\"}}", "a".repeat(10_000)), Some("application/json")), StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
        (raw(&("[".repeat(100) + &"]".repeat(100)), Some("application/json")), StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
        (get("/v1/nothing", None), StatusCode::NOT_FOUND, "not_found"),
        (get("/v1/decide", None), StatusCode::NOT_FOUND, "not_found"),
    ];
    for (request, status, code) in cases {
        let (got, _, body) = send(&app, request).await;
        assert_eq!(got, status, "{body}");
        error_of(&body, code);
    }
    let mut unknown = example();
    unknown["fact"] = json!({});
    let (status, _, body) = send(&app, post_json("/v1/decide", &unknown)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body, "invalid_request")["field"], "fact");
    let mut wrong_type = example();
    wrong_type["facts"]["warrant"] = json!(7);
    let (status, _, body) = send(&app, post_json("/v1/decide", &wrong_type)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body, "invalid_request")["field"], "facts.warrant");
    let (_, _, body) = send(&app, post_json("/v1/decide", &json!({ "requests": [example()], "extra": 1 }))).await;
    assert_eq!(error_of(&body, "bad_request")["field"], "extra");
    assert_eq!(state.log().unwrap().size(), 0, "nothing bad was decided or logged");
}

#[tokio::test]
async fn reload_needs_admin_and_a_corpus_with_errors_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_copy = tempfile::tempdir().unwrap();
    for source in read_corpus(&corpus_dir()).unwrap() {
        let path = corpus_copy.path().join(&source.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &source.text).unwrap();
    }
    let sources = read_corpus(corpus_copy.path()).unwrap();
    let corpus = juris_server::Served::load(&sources).unwrap();
    let before = corpus.hash().to_owned();
    let log =
        juris_server::journal::DecisionLog::open(LogLocation::Sqlite(dir.path().join("log.sqlite")), &key(), "test.juris/log").unwrap();
    let root = corpus_copy.path().to_owned();
    let loader: juris_server::CorpusLoader = std::sync::Arc::new(move || read_corpus(&root));
    let state = juris_server::AppState::new(corpus, Some(loader), Some(log), tokens(), Config::default());
    let app = juris_server::app(state.clone());
    let reload = |token: Option<&str>| {
        let mut b = Request::post("/v1/admin/reload");
        if let Some(t) = token {
            b = b.header("authorization", format!("Bearer {t}"));
        }
        b.body(Body::empty()).unwrap()
    };
    let (status, _, _) = send(&app, reload(None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, body) = send(&app, reload(Some(READER))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    error_of(&body, "forbidden");
    std::fs::write(corpus_copy.path().join("us/broken.md"), "---\nid = \"broken\"\n---\n\n```juris\nrule nonsense {\n```\n").unwrap();
    let (status, _, body) = send(&app, reload(Some(ADMIN))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    error_of(&body, "corpus_rejected");
    assert_eq!(state.corpus().hash(), before, "the old corpus keeps serving");
    std::fs::remove_file(corpus_copy.path().join("us/broken.md")).unwrap();
    // A valid change: one more blank line at the end of a document changes the corpus hash only.
    let document = corpus_copy.path().join("us/8-usc-1373.md");
    let text = std::fs::read_to_string(&document).unwrap();
    std::fs::write(&document, text + "\n").unwrap();
    let (status, _, body) = send(&app, reload(Some(ADMIN))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["previous"], before.as_str());
    assert_ne!(body["corpus"], before.as_str());
    let (_, headers, decision) = send(&app, post_json("/v1/decide", &example())).await;
    assert_eq!(decision["corpus"], body["corpus"], "the decision names the corpus that decided it");
    assert_eq!(headers["juris-corpus"], body["corpus"].as_str().unwrap());
    let records = state.log().unwrap().with_store(|s| s.records(0, 10)).await.unwrap();
    let record: Value = serde_json::from_str(&records[0].record).unwrap();
    assert_eq!(record["corpus"], body["corpus"]);
}

#[tokio::test]
async fn health_metrics_openapi_and_the_corpus_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = service_at(&dir.path().join("log.sqlite"), Config::default());
    send(&app, post_json("/v1/decide", &example())).await;
    let (status, _, body) = send(&app, get("/health", None)).await;
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("ok")));
    let (status, _, body) = send(&app, get("/health/ready", None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["log"], "writable");
    let (_, _, metrics) = send(&app, get("/metrics", None)).await;
    let metrics = metrics.as_str().unwrap().to_owned();
    assert!(metrics.contains("juris_decisions_total{outcome=\"prohibited\"} 1"), "{metrics}");
    assert!(metrics.contains("juris_requests_total{route=\"/v1/decide\",status=\"200\"} 1"), "{metrics}");
    assert!(metrics.contains("juris_log_records 1"), "{metrics}");
    assert!(metrics.contains("juris_log_commit_duration_seconds_count"), "{metrics}");
    let (_, _, openapi) = send(&app, get("/openapi.json", None)).await;
    assert_eq!(openapi["openapi"], "3.1.0");
    assert!(openapi["paths"]["/v1/log/receipt/{decision_id}"].is_object());
    let (status, _, corpus) = send(&app, get("/v1/corpus", None)).await;
    assert_eq!(status, StatusCode::OK, "{corpus}");
    // The sourcing stats: rules by confidence and by whether the primary text was read, adding up.
    let total = &corpus["stats"]["total"];
    let rules = total["rules"].as_u64().unwrap();
    assert_eq!(rules, corpus["rules"].as_array().unwrap().len() as u64, "{total}");
    let by_confidence: u64 = ["sourced", "secondary", "uncertain"].iter().map(|k| total[k].as_u64().unwrap()).sum();
    assert_eq!(by_confidence, rules, "{total}");
    assert!(total["primary_read"].as_u64().unwrap() + total["primary_not_read"].as_u64().unwrap() <= rules, "{total}");
    let folders = corpus["stats"]["folders"].as_array().unwrap();
    assert!(folders.iter().any(|f| f["folder"] == "us-md"), "{folders:?}");
    assert_eq!(folders.iter().map(|f| f["rules"].as_u64().unwrap()).sum::<u64>(), rules);
    let first_rule = corpus["rules"][0]["rule"]
        .as_str()
        .or_else(|| corpus["rules"][0]["id"].as_str())
        .unwrap_or_else(|| panic!("{}", corpus["rules"][0]))
        .to_owned();
    let (status, _, bills) = send(&app, get("/v1/bills?as_of=2026-01-01", None)).await;
    assert_eq!(status, StatusCode::OK, "{bills}");
    assert!(bills.as_array().is_some_and(|b| !b.is_empty()), "{bills}");
    let (status, _, bills) = send(&app, get("/v1/bills", None)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bills}");
    assert_eq!(error_of(&bills, "invalid_request")["field"], "as_of");
    let compare = json!({ "as_of": "2026-01-01", "jurisdictions": ["us-md-montgomery"], "actions": ["hold"] });
    let (status, _, matrix) = send(&app, post_json("/v1/compare", &compare)).await;
    assert_eq!(status, StatusCode::OK, "{matrix}");
    let timeline = json!({ "jurisdiction": "us-md-montgomery", "action": "hold", "facts": example()["facts"].clone() });
    let (status, _, history) = send(&app, post_json("/v1/timeline", &timeline)).await;
    assert_eq!(status, StatusCode::OK, "{history}");
    let diff = json!({ "jurisdiction": "us-md-montgomery", "as_of": "2019-08-13", "against_as_of": "2026-01-01", "actions": ["hold"] });
    let (status, _, regions) = send(&app, post_json("/v1/diff", &diff)).await;
    assert_eq!(status, StatusCode::OK, "{regions}");
    let (status, _, rule) = send(&app, get(&format!("/v1/corpus/rules/{}", first_rule.replace('#', "%23")), None)).await;
    assert_eq!(status, StatusCode::OK, "{first_rule}: {rule}");
    assert_eq!(rule["rule"], first_rule.as_str());
    assert!(!rule["citation"].as_str().unwrap().is_empty());
    let (status, _, body) = send(&app, get("/v1/corpus/rules/no-such-rule", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    error_of(&body, "not_found");
}

/// Reopening a log continues it: indexes go on and the tree matches the stored checkpoint.
#[tokio::test]
async fn a_reopened_log_continues_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.sqlite");
    {
        let (app, _) = service_at(&path, Config::default());
        send(&app, post_json("/v1/decide", &json!({ "requests": [example(), example(), example()] }))).await;
    }
    let (app, _) = service_at(&path, Config::default());
    let (_, _, body) = send(&app, post_json("/v1/decide", &example())).await;
    assert_eq!(body["log_index"], 3);
    let mut reader = LogLocation::Sqlite(path).open().unwrap();
    let report = verify_log(reader.as_mut(), &key().verifier(), None).unwrap();
    assert_eq!((report.records, report.damage), (4, None));
    let _: Value = json!(null);
}
