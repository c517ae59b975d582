//! `juris test`: run scenario suites, show a diff for each failure, end with `N passed, N failed`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use juris::scenario::{Scenario, is_suite, parse_suite};

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

fn collect(path: &Path, out: &mut Vec<(String, String)>) -> Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("reading `{}`", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            collect(&entry, out)?;
        }
    } else if is_suite(&path.to_string_lossy()) || out.is_empty() && path.extension().is_some_and(|e| e == "toml") {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading `{}`", path.display()))?;
        out.push((path.display().to_string(), text));
    }
    Ok(())
}

pub fn run(args: &Args) -> Result<u8> {
    let (corpus, sources) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let mut suites: Vec<(String, String)> = Vec::new();
    if args.paths.is_empty() {
        suites.extend(sources.iter().filter(|s| is_suite(&s.path)).map(|s| (s.path.clone(), s.text.clone())));
    } else {
        for p in &args.paths {
            if !p.exists() {
                eprintln!("error: `{}` does not exist", p.display());
                return Ok(exit::BAD_INPUT);
            }
            collect(p, &mut suites)?;
        }
    }
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut broken = false;
    for (path, text) in &suites {
        match parse_suite(path, text) {
            Ok(mut list) => scenarios.append(&mut list),
            Err(d) => {
                let sources = [juris::Source::new(path.clone(), text.clone())];
                eprintln!("{:?}", d.to_report(&sources));
                broken = true;
            }
        }
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
    let mut code = if failed > 0 || broken { exit::FAILED } else { exit::OK };
    if args.coverage {
        let unexercised = corpus.unexercised(&runs);
        if unexercised.is_empty() {
            writeln!(std::io::stdout(), "coverage: every one of {} rules is exercised", corpus.rules.len())?;
        } else {
            writeln!(std::io::stdout(), "coverage: {} of {} rules are exercised by no scenario:", unexercised.len(), corpus.rules.len())?;
            for rule in &unexercised {
                writeln!(std::io::stdout(), "  {rule}")?;
            }
            code = exit::FAILED;
        }
    }
    writeln!(std::io::stdout(), "{passed} passed, {failed} failed")?;
    Ok(code)
}
