//! `juris test`: run scenario suites, show a diff for each failure, end with `N passed, N failed`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use juris::scenario::{Scenario, is_suite, parse_suite};
use juris::{Diagnostic, Source};

use crate::corpus::{self, CorpusArgs};
use crate::exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Suite files or folders to search for `*.scenarios.toml` (default: every suite in the corpus).
    pub paths: Vec<PathBuf>,
    /// Also list the rules that no scenario exercises (and fail if there are any).
    #[arg(long)]
    pub coverage: bool,
    /// Print every scenario, not only failures.
    #[arg(long, short)]
    pub verbose: bool,
}

/// The suites one path given on the command line holds: a file is read as a suite whatever its
/// name; a folder is searched for `*.scenarios.toml`, each folder once.
fn collect(path: &Path, suites: &mut Vec<Source>, problems: &mut Vec<Diagnostic>, rendered: &mut Vec<Source>) {
    if path.is_dir() {
        let walk = corpus::walk(path, &|name| is_suite(name));
        let root = path.display().to_string();
        let under = |s: Source| Source::new(format!("{}/{}", root.trim_end_matches('/'), s.path), s.text);
        rendered.extend(walk.unreadable.into_iter().map(under));
        problems.extend(walk.problems.into_iter().map(|mut d| {
            d.path = format!("{}/{}", root.trim_end_matches('/'), d.path);
            d
        }));
        suites.extend(walk.sources.into_iter().map(under));
    } else {
        let walk = corpus::read_one(path);
        rendered.extend(walk.unreadable);
        problems.extend(walk.problems);
        suites.extend(walk.sources);
    }
}

pub fn run(args: &Args) -> Result<u8> {
    let (corpus, sources) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    // Each path given, with the suites found under it. Every path is run; one that holds no
    // scenario is an error (never a silent "0 passed").
    let mut groups: Vec<(String, Vec<Source>)> = Vec::new();
    let mut problems = Vec::new();
    let mut rendered = Vec::new();
    if args.paths.is_empty() {
        groups.push((corpus::describe(&args.corpus), sources.iter().filter(|s| is_suite(&s.path)).cloned().collect()));
    } else {
        for p in &args.paths {
            let mut suites = Vec::new();
            if p.exists() {
                collect(p, &mut suites, &mut problems, &mut rendered);
            } else {
                crate::stderr!("error: `{}` does not exist", p.display());
            }
            groups.push((format!("`{}`", p.display()), suites));
        }
    }
    let mut broken = !problems.is_empty();
    for d in &problems {
        crate::stderr!("{:?}", d.to_report(&rendered));
    }
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut empty = Vec::new();
    for (name, suites) in &groups {
        let before = scenarios.len();
        for source in suites {
            match parse_suite(&source.path, &source.text) {
                Ok(mut list) => scenarios.append(&mut list),
                Err(d) => {
                    crate::stderr!("{:?}", d.to_report(std::slice::from_ref(source)));
                    broken = true;
                }
            }
        }
        if scenarios.len() == before {
            empty.push(name.as_str());
        }
    }
    for name in &empty {
        crate::stderr!(
            "error: {name} holds no scenario: give `*.scenarios.toml` suites, or folders holding them, each with `[[scenario]]` entries (docs/scenarios.md)"
        );
    }
    let mut passed = 0;
    let mut failed = 0;
    let mut runs = Vec::with_capacity(scenarios.len());
    for scenario in &scenarios {
        let run = corpus.run_scenario(scenario);
        if run.passed() {
            passed += 1;
            if args.verbose {
                writeln!(std::io::stdout(), "ok    {} ({}:{})", scenario.name, scenario.path, scenario.line)?;
            }
        } else {
            failed += 1;
            writeln!(std::io::stdout(), "FAIL  {} ({}:{})", scenario.name, scenario.path, scenario.line)?;
            if let Some(note) = &scenario.note {
                writeln!(std::io::stdout(), "      {note}")?;
            }
            let r = &scenario.request;
            writeln!(
                std::io::stdout(),
                "      {} · {} · {} · as of {}{}",
                r.jurisdiction,
                r.agency,
                r.action,
                r.as_of.as_deref().unwrap_or("?"),
                if r.assume_enacted.is_empty() { String::new() } else { format!(" · assuming {}", r.assume_enacted.join(", ")) }
            )?;
            for f in &run.failures {
                writeln!(std::io::stdout(), "      - {f}")?;
            }
            if let Some(d) = &run.decision {
                for rule in &d.deciding {
                    writeln!(std::io::stdout(), "        deciding: {} ({})", rule.rule, rule.outcome.name())?;
                }
                if !d.missing_facts.is_empty() {
                    writeln!(std::io::stdout(), "        missing facts: {}", d.missing_facts.join(", "))?;
                }
            }
        }
        runs.push(run);
    }
    let mut code = if !empty.is_empty() {
        exit::BAD_INPUT
    } else if failed > 0 || broken {
        exit::FAILED
    } else {
        exit::OK
    };
    if args.coverage {
        let unexercised = corpus.unexercised(&runs);
        if unexercised.is_empty() {
            writeln!(std::io::stdout(), "coverage: every one of {} rules is exercised", corpus.rules().len())?;
        } else {
            writeln!(std::io::stdout(), "coverage: {} of {} rules are exercised by no scenario:", unexercised.len(), corpus.rules().len())?;
            for rule in &unexercised {
                writeln!(std::io::stdout(), "  {rule}")?;
            }
            code = exit::FAILED;
        }
    }
    // With nothing found there is nothing to count: a "0 passed, 0 failed" would read as a pass.
    if !scenarios.is_empty() {
        writeln!(std::io::stdout(), "{passed} passed, {failed} failed")?;
    }
    Ok(code)
}
