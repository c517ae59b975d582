//! A load generator for `juris serve`: keep-alive HTTP/1.1 clients on loopback, each sending one
//! request (or one batch) after another for a fixed time; prints decisions per second and
//! p50/p99 latency as one line of JSON.
//!
//! `serve-load ADDR [--connections N] [--seconds S] [--batch N]`
//!
//! The requests are the shared decision cases (tests/cases/decisions.jsonl, 20 distinct
//! requests across Maryland, its counties and California), taken in turn, so no answer is the
//! same request decided over and over. Every answer must be 200; anything else stops the run.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

const CASES: &str = include_str!("../../../../tests/cases/decisions.jsonl");

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let address = args.first().context("usage: serve-load ADDR [--connections N] [--seconds S] [--batch N]")?.clone();
    let option = |name: &str, default: usize| -> Result<usize> {
        match args.iter().position(|a| a == name) {
            Some(i) => args.get(i + 1).with_context(|| format!("`{name}` needs a value"))?.parse().with_context(|| format!("`{name}`")),
            None => Ok(default),
        }
    };
    let connections = option("--connections", 32)?.max(1);
    let seconds = option("--seconds", 10)?.max(1);
    let batch = option("--batch", 1)?.max(1);
    let requests: Vec<String> =
        CASES.lines().map(|line| Ok(serde_json::from_str::<serde_json::Value>(line)?["request"].to_string())).collect::<Result<_>>()?;
    // Each connection gets its own bodies, starting at a different case.
    let bodies = |offset: usize| -> Vec<String> {
        (0..requests.len())
            .map(|start| {
                let pick = |i: usize| requests[(offset + start + i) % requests.len()].as_str();
                if batch == 1 {
                    pick(0).to_owned()
                } else {
                    format!("{{\"requests\":[{}]}}", (0..batch).map(pick).collect::<Vec<_>>().join(","))
                }
            })
            .collect()
    };
    let deadline = Instant::now() + Duration::from_secs(seconds as u64);
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|c| {
            let (address, bodies) = (address.clone(), bodies(c));
            std::thread::spawn(move || client(&address, &bodies, deadline))
        })
        .collect();
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.join().map_err(|_| anyhow::anyhow!("a client panicked"))??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    if latencies.is_empty() {
        bail!("no request was answered");
    }
    latencies.sort();
    let pick = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)].as_secs_f64() * 1e3;
    let sent = latencies.len();
    println!(
        "{}",
        serde_json::json!({
            "connections": connections,
            "batch": batch,
            "seconds": (elapsed * 100.0).round() / 100.0,
            "requests": sent,
            "requests_per_second": (sent as f64 / elapsed).round(),
            "decisions_per_second": ((sent * batch) as f64 / elapsed).round(),
            "p50_ms": (pick(0.50) * 1000.0).round() / 1000.0,
            "p99_ms": (pick(0.99) * 1000.0).round() / 1000.0,
        })
    );
    Ok(())
}

/// Sends requests on one keep-alive connection until `deadline`; returns each one's latency.
fn client(address: &str, bodies: &[String], deadline: Instant) -> Result<Vec<Duration>> {
    let stream = TcpStream::connect(address).with_context(|| format!("connecting to {address}"))?;
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let requests: Vec<String> = bodies
        .iter()
        .map(|body| {
            format!(
                "POST /v1/decide HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
        })
        .collect();
    let mut latencies = Vec::new();
    let mut line = String::new();
    let mut buffer = Vec::new();
    for request in requests.iter().cycle() {
        let start = Instant::now();
        if start >= deadline {
            break;
        }
        writer.write_all(request.as_bytes())?;
        line.clear();
        reader.read_line(&mut line)?;
        if !line.starts_with("HTTP/1.1 200") {
            bail!("the service answered `{}`", line.trim());
        }
        let mut length = 0;
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse()?;
            }
        }
        buffer.resize(length, 0);
        reader.read_exact(&mut buffer)?;
        latencies.push(start.elapsed());
    }
    Ok(latencies)
}
