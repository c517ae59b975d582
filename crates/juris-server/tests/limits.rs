//! The limits, each answered in the documented error shape: a whole-request deadline, the cap
//! on open connections, slow clients (a client sending its headers byte by byte is cut off),
//! and body size through a real socket (declared and streamed). Body depth and batch size are
//! in service.rs. Servers listen on loopback only.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

mod common;

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use common::*;
use juris_server::{Config, Limits};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// A body whose bytes never come.
struct Stalled;

impl http_body::Body for Stalled {
    type Data = Bytes;
    type Error = std::convert::Infallible;
    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        Poll::Pending
    }
}

#[tokio::test(start_paused = true)]
async fn a_request_past_its_deadline_is_answered_deadline_exceeded() {
    let dir = tempfile::tempdir().unwrap();
    let limits = Limits { request_timeout: Duration::from_secs(2), read_timeout: Duration::from_secs(600), ..Limits::default() };
    let (app, state) = service_at(&dir.path().join("log.sqlite"), Config { limits, ..Config::default() });
    let started = tokio::time::Instant::now();
    let request = Request::post("/v1/decide").header("content-type", "application/json").body(Body::new(Stalled)).unwrap();
    let (status, headers, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(error_of(&body, "deadline_exceeded")["message"].as_str().unwrap().contains("2 seconds"), "{body}");
    assert!(headers.contains_key("juris-engine"), "the deadline's answer is stamped like any other");
    assert!(started.elapsed() >= Duration::from_secs(2) && started.elapsed() < Duration::from_secs(600));
    assert_eq!(state.log().unwrap().size(), 0, "nothing was decided");
}

/// A server on a loopback port; dropping the returned sender stops it.
async fn serve(config: Config) -> (String, watch::Sender<bool>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (_, state) = service_at(&dir.path().join("log.sqlite"), config);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let (stop, stopping) = watch::channel(false);
    tokio::spawn(juris_server::serve::serve_until(listener, state, |_| {}, stopping));
    (address, stop, dir)
}

/// Reads an HTTP/1.1 answer until the server closes the connection: its status and JSON body.
async fn answer(stream: &mut TcpStream) -> (u16, Value) {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await.unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn decide_request(body: &str, close: bool) -> String {
    format!(
        "POST /v1/decide HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}\r\n{body}",
        body.len(),
        if close { "Connection: close\r\n" } else { "" }
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_over_the_limit_is_refused_in_the_error_shape() {
    let (address, _stop, _dir) = serve(Config { limits: Limits { connections: 1, ..Limits::default() }, ..Config::default() }).await;
    let body = example().to_string();
    // The first client is answered and keeps its connection open.
    let mut first = TcpStream::connect(&address).await.unwrap();
    first.write_all(decide_request(&body, false).as_bytes()).await.unwrap();
    let mut head = vec![0u8; 12];
    first.read_exact(&mut head).await.unwrap();
    assert_eq!(&head, b"HTTP/1.1 200");
    // The second is over the limit.
    let mut second = TcpStream::connect(&address).await.unwrap();
    second.write_all(decide_request(&body, true).as_bytes()).await.unwrap();
    let (status, error) = answer(&mut second).await;
    assert_eq!(status, 503, "{error}");
    assert!(error_of(&error, "too_many_connections")["hint"].as_str().unwrap().contains("keep-alive"), "{error}");
    // Once the first leaves, others are served again (its slot frees when the server sees it go).
    drop(first);
    let mut served = None;
    for _ in 0..10_000 {
        let mut next = TcpStream::connect(&address).await.unwrap();
        next.write_all(decide_request(&body, true).as_bytes()).await.unwrap();
        match answer(&mut next).await {
            (200, decision) => {
                served = Some(decision);
                break;
            }
            (503, error) => {
                error_of(&error, "too_many_connections");
                tokio::task::yield_now().await;
            }
            (status, other) => panic!("{status}: {other}"),
        }
    }
    assert_eq!(served.expect("a free slot is used again")["outcome"], "prohibited");
}

/// A slowloris client: the headers come one byte at a time, each well within any per-read
/// timeout, and the server still cuts it off once the whole-header deadline has passed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_its_headers_byte_by_byte_is_cut_off() {
    let (address, _stop, _dir) =
        serve(Config { limits: Limits { read_timeout: Duration::from_secs(1), ..Limits::default() }, ..Config::default() }).await;
    let request = format!("{}{}", "POST /v1/decide HTTP/1.1\r\nHost: test\r\n", "X-Padding: slow\r\n".repeat(40));
    let stream = TcpStream::connect(&address).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let total = request.len();
    let sender = tokio::spawn(async move {
        let mut sent = 0;
        for byte in request.bytes() {
            if writer.write_all(&[byte]).await.is_err() {
                break;
            }
            sent += 1;
            // The client's pace, not a wait for the server: 50 ms a byte, 36 s for all of it.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        sent
    });
    let mut bytes = Vec::new();
    let closed = reader.read_to_end(&mut bytes).await;
    sender.abort();
    let text = String::from_utf8_lossy(&bytes);
    assert!(closed.is_ok() || text.is_empty(), "{closed:?}");
    assert!(text.is_empty() || text.starts_with("HTTP/1.1 408"), "{text}");
    let sent = sender.await.unwrap_or(0);
    assert!(sent < total, "the server waited for all {total} bytes");
    // The server still answers a client that sends its request at once.
    let mut other = TcpStream::connect(&address).await.unwrap();
    other.write_all(decide_request(&example().to_string(), true).as_bytes()).await.unwrap();
    assert_eq!(answer(&mut other).await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_limit_is_refused_declared_or_streamed() {
    let (address, _stop, _dir) = serve(Config { limits: Limits { body_bytes: 64 * 1024, ..Limits::default() }, ..Config::default() }).await;
    // Declared: refused from the headers, before any of the body is read.
    let mut declared = TcpStream::connect(&address).await.unwrap();
    declared
        .write_all(b"POST /v1/decide HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\n{")
        .await
        .unwrap();
    let (status, error) = answer(&mut declared).await;
    assert_eq!(status, 413, "{error}");
    assert!(error_of(&error, "too_large")["message"].as_str().unwrap().contains("65536 bytes"), "{error}");
    // Streamed without a length: refused once the limit is passed.
    let mut streamed = TcpStream::connect(&address).await.unwrap();
    streamed
        .write_all(b"POST /v1/decide HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    // One byte over the limit, and no more: the server reads all that was sent, so closing
    // the connection after its answer resets nothing.
    let chunk = format!("{:x}\r\n{}\r\n", 16 * 1024, " ".repeat(16 * 1024));
    for _ in 0..4 {
        streamed.write_all(chunk.as_bytes()).await.unwrap();
    }
    streamed.write_all(b"1\r\n \r\n").await.unwrap();
    let (status, error) = answer(&mut streamed).await;
    assert_eq!(status, 413, "{error}");
    error_of(&error, "too_large");
}
