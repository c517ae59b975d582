//! `compare-engines`: the TRUST-Act-shaped rule set in juris, Cedar and Rego (regorus), checked to
//! agree decision for decision on random requests, then timed in one run.
//!
//! Prints one JSON line on stdout, `{"requests":N,"juris_ns":..,"cedar_ns":..,"regorus_ns":..}`
//! (median ns per decision over batches, requests prebuilt); everything else goes to stderr.
//! Exit codes: 0 success, 1 the engines disagree or fail, 2 a bad argument.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::bail;
use juris_bench::trust::{ACTIONS, Engines, JurisEngine, RegoEngine, check_agreement, random_facts};

const USAGE: &str = "usage: compare-engines [--requests N (200000)] [--seed S (4)] [--batches B (10)]";

fn main() -> ExitCode {
    let mut options = [("requests", 200_000), ("seed", 4), ("batches", 10)];
    match juris_bench::args::parse(std::env::args().skip(1), &mut options, USAGE) {
        Ok(true) => {}
        Ok(false) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let [(_, requests), (_, seed), (_, batches)] = options;
    match run(requests as usize, seed, batches as usize) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(n: usize, seed: u64, batches: usize) -> anyhow::Result<()> {
    if n == 0 || batches == 0 || batches > n {
        bail!("need at least one request and one batch, and no more batches than requests");
    }
    let mut engines = Engines::new()?;
    let facts = random_facts(n, seed);

    let start = Instant::now();
    let agreement = check_agreement(&mut engines, &facts)?;
    eprintln!(
        "agreement: juris, cedar and regorus agree on all {} decisions ({n} requests x {} actions, seed {seed}) in {:.1} s",
        agreement.decisions,
        ACTIONS.len(),
        start.elapsed().as_secs_f64()
    );
    eprint!("{}", agreement.summary());

    // Request i asks about action i mod 5; every engine gets its own prebuilt form of it.
    let action = |i: usize| i % ACTIONS.len();
    let juris_requests = facts.iter().enumerate().map(|(i, f)| engines.juris.request(f, action(i))).collect::<Result<Vec<_>, _>>()?;
    let cedar_requests = facts.iter().enumerate().map(|(i, f)| engines.cedar.request(f, action(i))).collect::<Result<Vec<_>, _>>()?;
    let rego_inputs: Vec<(regorus::Value, usize)> = facts.iter().enumerate().map(|(i, f)| (RegoEngine::input(f), action(i))).collect();
    let chunk = n.div_ceil(batches);

    let juris = &engines.juris.corpus;
    let juris_time = time(&juris_requests, chunk, |r| JurisEngine::allows(juris.decide(r).outcome))?;
    let outcome_time = time(&juris_requests, chunk, |r| JurisEngine::allows(juris.outcome(r)))?;
    let cedar = &engines.cedar;
    let cedar_time = time(&cedar_requests, chunk, |r| Ok(cedar.allows(r)))?;
    let rego = &mut engines.rego;
    let rego_time = time(&rego_inputs, chunk, |(input, action)| rego.allows(input, *action))?;

    let allowed = juris_time.allowed;
    if [outcome_time.allowed, cedar_time.allowed, rego_time.allowed].iter().any(|a| *a != allowed) {
        bail!("the timed runs disagree on the number of allows (a bug in the benchmark)");
    }
    eprintln!("timing: {n} prebuilt requests in {} batches of {chunk}, median ns per decision ({allowed} allowed):", n.div_ceil(chunk));
    eprintln!("  juris (Corpus::decide)    {:>9.1}", juris_time.median_ns);
    eprintln!("  juris (Corpus::outcome)   {:>9.1}", outcome_time.median_ns);
    eprintln!(
        "  cedar-policy              {:>9.1}  ({:.1}x juris decide)",
        cedar_time.median_ns,
        cedar_time.median_ns / juris_time.median_ns
    );
    eprintln!(
        "  regorus                   {:>9.1}  ({:.1}x juris decide)",
        rego_time.median_ns,
        rego_time.median_ns / juris_time.median_ns
    );
    let round = |ns: f64| (ns * 10.0).round() / 10.0;
    println!(
        "{}",
        serde_json::json!({
            "requests": n,
            "juris_ns": round(juris_time.median_ns),
            "cedar_ns": round(cedar_time.median_ns),
            "regorus_ns": round(rego_time.median_ns),
        })
    );
    Ok(())
}

struct Timing {
    median_ns: f64,
    /// How many decisions were allow in one pass over all the requests.
    allowed: usize,
}

/// Decides every request once, batch by batch, after warming up on the first batch; the median
/// over batches of the ns per decision.
fn time<T>(requests: &[T], chunk: usize, mut allows: impl FnMut(&T) -> anyhow::Result<bool>) -> anyhow::Result<Timing> {
    for request in &requests[..chunk.min(requests.len())] {
        black_box(allows(black_box(request))?);
    }
    let mut per_decision = Vec::new();
    let mut allowed = 0;
    for batch in requests.chunks(chunk) {
        let start = Instant::now();
        for request in batch {
            allowed += usize::from(black_box(allows(black_box(request))?));
        }
        per_decision.push(start.elapsed().as_nanos() as f64 / batch.len() as f64);
    }
    per_decision.sort_by(f64::total_cmp);
    Ok(Timing { median_ns: per_decision[per_decision.len() / 2], allowed })
}
