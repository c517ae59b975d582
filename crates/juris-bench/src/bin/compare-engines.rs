//! `compare-engines`: the TRUST-Act-shaped rule set in juris, hand-written Rust (the floor), Cedar
//! and Rego (regorus's interpreter and its compiled virtual machine), checked to agree decision for
//! decision on random requests, then timed in one run.
//!
//! Prints one JSON line on stdout, `{"requests":N,"native_ns":..,"juris_ns":..,
//! "juris_outcome_ns":..,"cedar_ns":..,"regorus_ns":..,"regorus_rvm_ns":..}` (ns per decision:
//! the median over runs of the median over batches, requests prebuilt); everything else goes to
//! stderr.
//! Exit codes: 0 success, 1 the engines disagree or fail, 2 a bad argument.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::bail;
use juris_bench::native;
use juris_bench::trust::{ACTIONS, Engines, JurisEngine, RegoEngine, check_agreement, random_facts};

const USAGE: &str = "usage: compare-engines [--requests N (200000)] [--seed S (4)] [--batches B (10)] [--runs R (3)]";

fn main() -> ExitCode {
    let mut options = [("requests", 200_000), ("seed", 4), ("batches", 10), ("runs", 3)];
    match juris_bench::args::parse(std::env::args().skip(1), &mut options, USAGE) {
        Ok(true) => {}
        Ok(false) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let [(_, requests), (_, seed), (_, batches), (_, runs)] = options;
    match run(requests as usize, seed, batches as usize, runs as usize) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(n: usize, seed: u64, batches: usize, runs: usize) -> anyhow::Result<()> {
    if n == 0 || batches == 0 || batches > n || runs == 0 {
        bail!("need at least one request, one batch and one run, and no more batches than requests");
    }
    let mut engines = Engines::new()?;
    let facts = random_facts(n, seed);

    let start = Instant::now();
    let agreement = check_agreement(&mut engines, &facts)?;
    eprintln!(
        "agreement: juris, the hand-written evaluator, cedar, regorus and regorus's RVM agree on all {} decisions ({n} requests x {} actions, seed {seed}) in {:.1} s",
        agreement.decisions,
        ACTIONS.len(),
        start.elapsed().as_secs_f64()
    );
    eprint!("{}", agreement.summary());

    // Request i asks about action i mod 5; every engine gets its own prebuilt form of it.
    let action = |i: usize| i % ACTIONS.len();
    let native_requests = facts.iter().enumerate().map(|(i, f)| native::Request::new(f, action(i))).collect::<Result<Vec<_>, _>>()?;
    let juris_requests = facts.iter().enumerate().map(|(i, f)| engines.juris.request(f, action(i))).collect::<Result<Vec<_>, _>>()?;
    let cedar_requests = facts.iter().enumerate().map(|(i, f)| engines.cedar.request(f, action(i))).collect::<Result<Vec<_>, _>>()?;
    let rego_inputs: Vec<(regorus::Value, usize)> = facts.iter().enumerate().map(|(i, f)| (RegoEngine::input(f), action(i))).collect();
    let chunk = n.div_ceil(batches);

    // The engines take turns, run after run, so that a change in the machine's load falls on all.
    let mut samples: [Vec<f64>; 6] = Default::default();
    let mut allowed = [0; 6];
    for _ in 0..runs {
        let juris = &engines.juris.corpus;
        let cedar = &engines.cedar;
        let timings = [
            time(&native_requests, chunk, |r| Ok(native::allows(r)))?,
            time(&juris_requests, chunk, |r| JurisEngine::allows(juris.decide(r).outcome))?,
            time(&juris_requests, chunk, |r| JurisEngine::allows(juris.outcome(r)))?,
            time(&cedar_requests, chunk, |r| Ok(cedar.allows(r)))?,
            time(&rego_inputs, chunk, |(input, action)| engines.rego.allows(input, *action))?,
            time(&rego_inputs, chunk, |(input, action)| engines.rvm.allows(input, *action))?,
        ];
        for (i, timing) in timings.iter().enumerate() {
            samples[i].push(timing.median_ns);
            allowed[i] = timing.allowed;
        }
    }
    if allowed.iter().any(|a| *a != allowed[0]) {
        bail!("the timed runs disagree on the number of allows (a bug in the benchmark): {allowed:?}");
    }
    let [native_ns, juris_ns, outcome_ns, cedar_ns, regorus_ns, rvm_ns] = samples.map(|mut s| median(&mut s));

    eprintln!(
        "timing: {n} prebuilt requests in {} batches of {chunk}, {runs} runs; median over runs of the median ns per decision over batches ({} allowed):",
        n.div_ceil(chunk),
        allowed[0]
    );
    let row = |name: &str, ns: f64| eprintln!("  {name:<27} {ns:>9.1}  juris decide / this {:>7.3}", juris_ns / ns);
    row("hand-written Rust (floor)", native_ns);
    row("juris (Corpus::decide)", juris_ns);
    row("juris (Corpus::outcome)", outcome_ns);
    row("cedar-policy", cedar_ns);
    row("regorus (interpreter)", regorus_ns);
    row("regorus (RVM)", rvm_ns);
    let round = |ns: f64| (ns * 10.0).round() / 10.0;
    println!(
        "{}",
        serde_json::json!({
            "requests": n,
            "native_ns": round(native_ns),
            "juris_ns": round(juris_ns),
            "juris_outcome_ns": round(outcome_ns),
            "cedar_ns": round(cedar_ns),
            "regorus_ns": round(regorus_ns),
            "regorus_rvm_ns": round(rvm_ns),
        })
    );
    Ok(())
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
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
    Ok(Timing { median_ns: median(&mut per_decision), allowed })
}
