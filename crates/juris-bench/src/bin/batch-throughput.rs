//! `batch-throughput`: decides a batch of random, fully specified requests against the shipped
//! Maryland stack on several threads and reports decisions per second.
//!
//! Prints one JSON line on stdout,
//! `{"requests":N,"threads":T,"seconds":..,"decisions_per_second":..,"outcomes":{..}}`, where
//! `seconds` is the median over `--runs` passes of the decide phase alone (requests are generated
//! and resolved up front). Everything else goes to stderr. Exit codes: 0 success, 1 failure,
//! 2 a bad argument.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::bail;
use juris::Outcome;
use juris_bench::batch::{decide_all, load_corpus, maryland_requests};

const USAGE: &str = "usage: batch-throughput [--requests N (1000000)] [--threads T (2)] [--runs R (3)] [--seed S (7)]";

fn main() -> ExitCode {
    let mut options = [("requests", 1_000_000), ("threads", 2), ("runs", 3), ("seed", 7)];
    match juris_bench::args::parse(std::env::args().skip(1), &mut options, USAGE) {
        Ok(true) => {}
        Ok(false) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let [(_, requests), (_, threads), (_, runs), (_, seed)] = options;
    match run(requests as usize, threads as usize, runs as usize, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(n: usize, threads: usize, runs: usize, seed: u64) -> anyhow::Result<()> {
    if n == 0 || threads == 0 || runs == 0 {
        bail!("requests, threads and runs must be at least 1");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let start = Instant::now();
    let corpus = load_corpus(&root)?;
    let requests = maryland_requests(&corpus, n, seed)?;
    eprintln!("generated and resolved {n} requests (seed {seed}) in {:.1} s", start.elapsed().as_secs_f64());

    let mut seconds = Vec::with_capacity(runs);
    let mut counts = Default::default();
    for _ in 0..runs {
        let start = Instant::now();
        counts = decide_all(&corpus, &requests, threads);
        seconds.push(start.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    eprintln!("decided {n} requests on {threads} threads, {runs} runs: {seconds:.3?} s");
    let outcomes: serde_json::Map<String, serde_json::Value> =
        Outcome::ALL.iter().zip(counts).map(|(o, c)| (o.name().to_owned(), c.into())).collect();
    println!(
        "{}",
        serde_json::json!({
            "requests": n,
            "threads": threads,
            "seconds": (median * 1e4).round() / 1e4,
            "decisions_per_second": (n as f64 / median).round() as u64,
            "outcomes": outcomes,
        })
    );
    Ok(())
}
