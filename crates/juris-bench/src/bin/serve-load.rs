//! A load generator for `juris serve`: keep-alive HTTP/1.1 clients on loopback sending one
//! request (or one batch) after another for a fixed count; prints decisions per second and
//! p50/p99 latency.
//!
//! `serve-load ADDR [--connections N] [--requests N] [--batch N]`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

const EXAMPLE: &str = include_str!("../../../../examples/montgomery-jail-hold-2019.json");

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let address = args.first().context("usage: serve-load ADDR [--connections N] [--requests N] [--batch N]")?.clone();
    let option = |name: &str, default: usize| -> Result<usize> {
        match args.iter().position(|a| a == name) {
            Some(i) => args.get(i + 1).context("a value")?.parse().with_context(|| format!("`{name}`")),
            None => Ok(default),
        }
    };
    let connections = option("--connections", 32)?;
    let requests = option("--requests", 20_000)?;
    let batch = option("--batch", 1)?;
    let one = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(EXAMPLE)?)?;
    let body = if batch > 1 { format!("{{\"requests\":[{}]}}", vec![one.as_str(); batch].join(",")) } else { one };
    let per_connection = requests.div_ceil(connections);
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (address, body) = (address.clone(), body.clone());
            std::thread::spawn(move || client(&address, &body, per_connection))
        })
        .collect();
    let mut latencies = Vec::with_capacity(requests);
    for worker in workers {
        latencies.extend(worker.join().map_err(|_| anyhow::anyhow!("a client panicked"))??);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pick = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    let sent = latencies.len();
    println!(
        "{sent} requests x {batch} decisions over {connections} connections in {:.2}s: {:.0} requests/s, {:.0} decisions/s, p50 {:.2} ms, p99 {:.2} ms",
        elapsed.as_secs_f64(),
        sent as f64 / elapsed.as_secs_f64(),
        (sent * batch) as f64 / elapsed.as_secs_f64(),
        pick(0.50).as_secs_f64() * 1e3,
        pick(0.99).as_secs_f64() * 1e3,
    );
    Ok(())
}

/// Sends `count` requests on one keep-alive connection; returns each one's latency.
fn client(address: &str, body: &str, count: usize) -> Result<Vec<Duration>> {
    let stream = TcpStream::connect(address).with_context(|| format!("connecting to {address}"))?;
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let request = format!(
        "POST /v1/decide HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut latencies = Vec::with_capacity(count);
    let mut line = String::new();
    let mut buffer = Vec::new();
    for _ in 0..count {
        let start = Instant::now();
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
            if line == "\r\n" {
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
