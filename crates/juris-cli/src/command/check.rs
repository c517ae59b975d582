//! `juris check`: parse and check a corpus, every problem at once.

use anyhow::Result;
use juris::Severity;

use crate::corpus::{self, CorpusArgs};
use crate::exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Print each problem on one line (`path:line:column: error[CODE]: message`) instead of with excerpts.
    #[arg(long)]
    pub short: bool,
}

pub fn run(args: &Args) -> Result<u8> {
    let (corpus, sources, diagnostics) = corpus::load(&args.corpus)?;
    for d in &diagnostics {
        if args.short {
            eprintln!("{}", d.short(&sources));
        } else {
            eprintln!("{:?}", d.to_report(&sources));
        }
    }
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.len() - errors;
    match corpus {
        Some(c) => {
            println!(
                "checked {}: {} documents, {} rules, {} classes; {errors} errors, {warnings} warnings",
                corpus::describe(&args.corpus),
                c.documents.len(),
                c.rules.len(),
                c.classes.len()
            );
            Ok(exit::OK)
        }
        None => {
            println!("checked {}: {errors} errors, {warnings} warnings", corpus::describe(&args.corpus));
            Ok(exit::FAILED)
        }
    }
}
