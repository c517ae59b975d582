//! Batch throughput over the shipped corpus: random, fully specified requests against the
//! Maryland stack (the state and its counties, every agency and action), decided on several
//! threads.

use std::path::Path;

use anyhow::{Context as _, anyhow, bail};
use juris::vocabulary::{FactType, ScalarType, Vocabulary};
use juris::{Corpus, Outcome, RawRequest, RawValue, Request, Source};

use crate::rng::Rng;

/// The state whose stack the batch covers: it and every jurisdiction whose parent it is.
pub const STATE: &str = "us-md";
/// `as_of` is drawn from these years (the shipped Maryland law changes in 2013-2026).
const YEARS: (i64, i64) = (2010, 2026);

/// Loads a corpus folder (vocabulary.toml and one folder of documents per jurisdiction).
pub fn load_corpus(root: &Path) -> anyhow::Result<Corpus> {
    let mut sources = Vec::new();
    read(root, root, &mut sources)?;
    let loaded = juris::load(&sources);
    loaded.corpus.ok_or_else(|| {
        let problems: Vec<String> = loaded.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.short(&sources)).collect();
        anyhow!("the corpus at {} does not load:\n{}", root.display(), problems.join("\n"))
    })
}

fn read(root: &Path, dir: &Path, out: &mut Vec<Source>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            read(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let relative = path.strip_prefix(root)?.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            out.push(Source::new(relative, text));
        }
    }
    Ok(())
}

/// `n` random requests against the Maryland stack, every fact of the vocabulary given, resolved.
pub fn maryland_requests(corpus: &Corpus, n: usize, seed: u64) -> anyhow::Result<Vec<Request>> {
    let v = corpus.vocabulary();
    let state = v.jurisdiction(STATE).ok_or_else(|| anyhow!("the corpus has no jurisdiction `{STATE}`"))?;
    let jurisdictions: Vec<&str> = v
        .jurisdictions
        .iter()
        .enumerate()
        .filter(|(i, j)| *i == state as usize || j.parent == Some(state))
        .map(|(_, j)| j.id.as_str())
        .collect();
    if jurisdictions.len() < 2 {
        bail!("`{STATE}` has no counties in the corpus");
    }
    let mut rng = Rng::new(seed);
    let mut requests = Vec::with_capacity(n);
    for _ in 0..n {
        let year = rng.range(YEARS.0, YEARS.1);
        let raw = RawRequest {
            jurisdiction: (*rng.pick(&jurisdictions)).to_owned(),
            agency: rng.pick(&v.agencies).0.clone(),
            as_of: Some(date(&mut rng, year)),
            action: rng.pick(&v.actions).0.clone(),
            facts: v.facts.iter().map(|f| (f.name.clone(), value(v, f.ty, &mut rng, year))).collect(),
            assume_enacted: Vec::new(),
        };
        requests.push(corpus.resolve(&raw).map_err(|e| anyhow!("a generated request is invalid: {e}"))?);
    }
    Ok(requests)
}

/// A date in `year` (days 1-28, so that every month has it).
fn date(rng: &mut Rng, year: i64) -> String {
    format!("{year:04}-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28))
}

/// A random value of a fact's type. Dates (convictions) lie in the 30 years before `year`.
fn value(v: &Vocabulary, ty: FactType, rng: &mut Rng, year: i64) -> RawValue {
    match ty {
        FactType::Scalar(s) => scalar(v, s, rng, year),
        FactType::Values(e) => RawValue::List((0..rng.range(0, 2)).map(|_| scalar(v, ScalarType::Enum(e), rng, year)).collect()),
        FactType::Records(r) => {
            let record = &v.records[r as usize];
            let items = (0..rng.range(0, 3))
                .map(|_| RawValue::Map(record.fields.iter().map(|(name, ty)| (name.clone(), scalar(v, *ty, rng, year))).collect()))
                .collect();
            RawValue::List(items)
        }
    }
}

/// Statutes a random charge may carry: some named by the corpus's classes, one that is not.
const STATUTES: [&str; 4] = ["CA PC 459", "CA PC 245(a)(1)", "CA VC 23152", "TX PC 49.04"];

fn scalar(v: &Vocabulary, ty: ScalarType, rng: &mut Rng, year: i64) -> RawValue {
    match ty {
        ScalarType::Bool => RawValue::Bool(rng.chance(0.25)),
        ScalarType::Int => RawValue::Int(rng.range(0, 80)),
        ScalarType::Date => {
            let back = rng.range(0, 30);
            RawValue::Text(date(rng, year - back))
        }
        ScalarType::Enum(e) => RawValue::Text(rng.pick(&v.enums[e as usize].values).clone()),
        ScalarType::Statute => RawValue::Text(rng.pick(&STATUTES).to_string()),
        ScalarType::Classes => RawValue::Map(Default::default()),
    }
}

/// Outcome counts, in the order of [`Outcome::ALL`].
pub type Counts = [u64; 5];

fn index(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(Outcome::ALL.len() - 1)
}

/// Decides every request, the batch split evenly over `threads` threads, and counts the outcomes.
pub fn decide_all(corpus: &Corpus, requests: &[Request], threads: usize) -> Counts {
    let chunk = requests.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = requests
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut counts = Counts::default();
                    for request in part {
                        counts[index(corpus.outcome(request))] += 1;
                    }
                    counts
                })
            })
            .collect();
        let mut total = Counts::default();
        for worker in workers {
            // A worker only counts; it cannot panic short of a bug in the engine, which should surface.
            let counts = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (t, c) in total.iter_mut().zip(counts) {
                *t += c;
            }
        }
        total
    })
}
