//! How long the public page takes to answer, per page type: `cargo bench -p juris-server --bench
//! page`. Each iteration is one `GET` through the router (`oneshot`, no socket): reading the
//! address, deciding, rendering the template in the page's language.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a benchmark stops loudly")]

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt;
use juris::{Date, Source};
use juris_server::auth::Tokens;
use juris_server::{AppState, Config, PageState, Served};
use tower::ServiceExt;

/// One address of each page type, in English and Spanish.
const PAGES: [(&str, &str); 10] = [
    ("home", "/?place=us-md-prince-georges&date=2019-07-01"),
    ("answer", "/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant"),
    ("answer-es", "/es/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant"),
    ("answer-with-cases", "/us-md-montgomery/2020-01-01/hold"),
    ("guided", "/us-md-montgomery/2020-01-01/hold/guided?warrant=administrative"),
    ("county", "/us-md-howard?date=2017-03-06"),
    ("card", "/us-md-howard/card?date=2021-01-01"),
    ("compare", "/compare?date=2020-01-01"),
    ("about", "/es/about"),
    ("error", "/us-md-nowhere"),
];

fn read(dir: &Path, root: &Path, out: &mut Vec<Source>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push(Source::new(relative, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut sources = Vec::new();
    read(&root, &root, &mut sources);
    let today = Date::parse("2026-01-15").unwrap();
    let state = AppState::new(Served::load(&sources).unwrap(), None, None, Tokens::default(), Config::default())
        .with_page(PageState::new(Arc::new(move || today)));
    let app = juris_server::app(state);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let get = |path: &str| {
        runtime.block_on(async {
            let response = app.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, bytes.len())
        })
    };
    let mut group = c.benchmark_group("page");
    for (name, path) in PAGES {
        let (status, size) = get(path);
        assert!(status == StatusCode::OK || name == "error", "{path}: {status}");
        println!("{name}: {path} ({size} bytes)");
        group.bench_function(name, |b| b.iter(|| get(path)));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
