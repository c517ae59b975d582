//! `juris serve` as a process: a crash test (SIGKILL at random moments, 20 times; every
//! acknowledged decision survives and the log verifies after each restart), slow clients cut
//! off, and `juris log verify` exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests stop loudly")]

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const EXAMPLE: &str = include_str!("../../../examples/montgomery-jail-hold-2019.json");

/// A running server and the address it listens on.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_juris"))
        .args(["serve", "--listen", "127.0.0.1:0", "--log"])
        .arg(dir.join("log.sqlite"))
        .args(extra)
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start juris serve");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut seen = String::new();
    let address = loop {
        let Some(Ok(line)) = lines.next() else { panic!("the server stopped before listening:\n{seen}") };
        if let Some(rest) = line.split("on http://").nth(1) {
            break rest.trim().to_owned();
        }
        seen.push_str(&line);
        seen.push('\n');
    };
    // Keep draining stderr so that the server never blocks on it.
    std::thread::spawn(move || for _ in lines {});
    Server { child, address }
}

/// One HTTP/1.1 exchange on a fresh connection; the status and body, or `None` if the
/// connection failed (the server was killed).
fn post(address: &str, path: &str, body: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n")?.1.to_owned();
    Some((status, body))
}

fn juris(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_juris")).args(args).env("NO_COLOR", "1").output().unwrap()
}

/// A small deterministic generator, so that a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn acknowledged_decisions_survive_sigkill_twenty_times() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.sqlite");
    let key = dir.path().join("log.pub");
    let mut rng = Lcg(0x5eed);
    let mut acknowledged: HashSet<String> = HashSet::new();
    for round in 0..20 {
        let server = start(dir.path(), &[]);
        // Kill after a random number of acknowledged decisions, while four clients keep sending.
        let target = 1 + rng.below(40) as usize;
        let acked = Arc::new(Mutex::new(Vec::new()));
        let count = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let clients: Vec<_> = (0..4)
            .map(|c| {
                let (acked, count, stop, address) = (acked.clone(), count.clone(), stop.clone(), server.address.clone());
                std::thread::spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        let body = if c == 0 { format!("{{\"requests\": [{EXAMPLE}, {EXAMPLE}]}}") } else { EXAMPLE.to_owned() };
                        let Some((200, text)) = post(&address, "/v1/decide", &body) else { continue };
                        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                        let ids: Vec<String> = match value.get("decisions") {
                            Some(list) => list.as_array().unwrap().iter().map(|d| d["decision_id"].as_str().unwrap().to_owned()).collect(),
                            None => vec![value["decision_id"].as_str().unwrap().to_owned()],
                        };
                        count.fetch_add(ids.len(), Ordering::SeqCst);
                        acked.lock().unwrap().extend(ids);
                    }
                })
            })
            .collect();
        while count.load(Ordering::SeqCst) < target {
            std::thread::yield_now();
        }
        drop(server); // SIGKILL, then reap.
        stop.store(true, Ordering::SeqCst);
        for client in clients {
            client.join().unwrap();
        }
        acknowledged.extend(acked.lock().unwrap().drain(..));
        // Restart on the same log: it opens (its tree matches its checkpoint) and verifies.
        let restarted = start(dir.path(), &[]);
        drop(restarted);
        let verify = juris(&["log", "verify", "--log", log.to_str().unwrap(), "--key", key.to_str().unwrap()]);
        assert_eq!(verify.status.code(), Some(0), "round {round}: {}", String::from_utf8_lossy(&verify.stdout));
        let export = juris(&["log", "export", "--log", log.to_str().unwrap()]);
        let logged: HashSet<String> = String::from_utf8_lossy(&export.stdout)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["record"]["decision_id"].as_str().unwrap().to_owned())
            .collect();
        let lost: Vec<_> = acknowledged.difference(&logged).collect();
        assert!(lost.is_empty(), "round {round}: acknowledged but not logged: {lost:?}");
    }
    assert!(acknowledged.len() >= 20, "every round acknowledged at least one decision");
    eprintln!("crash test: 20 SIGKILLs, {} acknowledged decisions, none lost", acknowledged.len());
}

#[test]
fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &["--read-timeout", "1"]);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Type: app").unwrap();
    let mut buffer = Vec::new();
    // The server closes the connection (possibly after a 408); a read error would be a timeout here.
    let read = stream.read_to_end(&mut buffer);
    assert!(read.is_ok(), "the server kept the slow connection open: {read:?}");
    let text = String::from_utf8_lossy(&buffer);
    assert!(text.is_empty() || text.starts_with("HTTP/1.1 408"), "{text}");
    // And the server still answers others.
    let (status, _) = post(&server.address, "/v1/decide", EXAMPLE).unwrap();
    assert_eq!(status, 200);
}

#[test]
fn log_verify_exits_one_naming_the_damage() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    for _ in 0..3 {
        assert_eq!(post(&server.address, "/v1/decide", EXAMPLE).unwrap().0, 200);
    }
    drop(server);
    let log = dir.path().join("log.sqlite");
    let ok = juris(&["log", "verify", "--log", log.to_str().unwrap()]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("log intact: 3 records"), "{}", String::from_utf8_lossy(&ok.stdout));
    // Damage done the way an intruder would, in SQL.
    rusqlite::Connection::open(&log).unwrap().execute("DELETE FROM records WHERE position = 1", []).unwrap();
    let bad = juris(&["log", "verify", "--log", log.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(out.starts_with("log NOT intact: deleted at index 1"), "{out}");
    let missing = juris(&["log", "verify", "--log", dir.path().join("nothing.sqlite").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
}

/// The shared case corpus (tests/cases/decisions.jsonl) decided by `juris decide --format json`
/// and by `POST /v1/decide` (one at a time, and as one batch): the same decisions, field for
/// field (outcome, deciding and overridden rules, reasons, citations, messages), plus the
/// service's `decision_id` and `log_index`; and each case's expected outcome.
#[test]
fn the_service_and_the_cli_decide_every_shared_case_alike() {
    let cases = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cases/decisions.jsonl")).unwrap();
    let cases: Vec<serde_json::Value> = cases.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(cases.len() >= 20, "{}", cases.len());
    let input: String = cases.iter().map(|c| format!("{}\n", c["request"])).collect();
    let mut cli = Command::new(env!("CARGO_BIN_EXE_juris"))
        .args(["decide", "--format", "json"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    cli.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = cli.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let by_cli: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(by_cli.len(), cases.len());

    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let strip = |mut decision: serde_json::Value, index: usize| {
        let object = decision.as_object_mut().unwrap();
        assert_eq!(object.remove("decision_id").unwrap().as_str().map(str::len), Some(32), "{index}");
        assert!(object.remove("log_index").unwrap().is_u64(), "{index}");
        object.remove("request");
        decision
    };
    let mut index = 0;
    for (case, expected) in cases.iter().zip(&by_cli) {
        let (status, text) = post(&server.address, "/v1/decide", &case["request"].to_string()).unwrap();
        assert_eq!(status, 200, "{}: {text}", case["name"]);
        let decision = strip(serde_json::from_str(&text).unwrap(), index);
        assert_eq!(decision["outcome"], case["outcome"], "{}", case["name"]);
        assert_eq!(&decision, expected, "{}: the service and the CLI differ", case["name"]);
        index += 1;
    }
    let batch = serde_json::json!({ "requests": cases.iter().map(|c| c["request"].clone()).collect::<Vec<_>>() });
    let (status, text) = post(&server.address, "/v1/decide", &batch.to_string()).unwrap();
    assert_eq!(status, 200, "{text}");
    let answer: serde_json::Value = serde_json::from_str(&text).unwrap();
    let decisions = answer["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), cases.len());
    for ((case, expected), item) in cases.iter().zip(&by_cli).zip(decisions) {
        assert_eq!(item["request"], case["request"], "a batch item echoes its request");
        assert_eq!(&strip(item.clone(), index), expected, "{}: the batch and the CLI differ", case["name"]);
        index += 1;
    }
}
