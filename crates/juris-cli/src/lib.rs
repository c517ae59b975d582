//! The `juris` command line: argument definitions and dispatch to one module per subcommand.

pub mod command;
pub mod corpus;
pub mod options;
pub mod page;
pub mod render;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes, documented in `juris --help` and the README.
pub mod exit {
    /// Everything succeeded.
    pub const OK: u8 = 0;
    /// The law or the scenarios are wrong: corpus errors, failing scenarios, unexercised rules.
    pub const FAILED: u8 = 1;
    /// Bad input: an invalid request, an unreadable file, a wrong argument.
    pub const BAD_INPUT: u8 = 2;
}

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  the corpus has errors, a scenario failed, (with --coverage) a rule is unexercised,
     or (`juris log verify`) the log or receipt is not intact
  2  bad input: an invalid request or argument, or an unreadable file

Without --corpus, the corpus shipped with juris (embedded at build time) is used.
--lang es (or JURIS_LANG=es) writes messages in Spanish; the words of the law stay in the
language of their source. Set NO_COLOR to turn colours off.";

#[derive(Debug, Parser)]
#[command(name = "juris", version, about = "Rules as code for local cooperation with federal immigration enforcement", after_help = AFTER_HELP)]
pub struct Cli {
    /// The language of messages: `en` (the default) or `es`; also read from `JURIS_LANG`.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check a corpus, reporting every problem at once.
    Check(command::check::Args),
    /// Decide requests (a JSON object, or JSON Lines) and explain each decision.
    Decide(command::decide::Args),
    /// Run scenario suites and report every difference.
    Test(command::test::Args),
    /// Every region of requests where two states of the law decide differently, with witnesses.
    Diff(command::diff::Args),
    /// Compare outcomes across jurisdictions, actions and standard situations on a date.
    Compare(command::compare::Args),
    /// List every date on which the answer to one question changed, and why.
    Timeline(command::timeline::Args),
    /// List bills with their lifecycle and whether each is in force on a date.
    Bills(command::bills::Args),
    /// Serve decisions over HTTP, logging every one durably and verifiably.
    Serve(command::serve::Args),
    /// Verify, export or replay a decision log, or verify a receipt.
    Log(command::log::Args),
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let requested = cli.lang.clone().or_else(|| std::env::var("JURIS_LANG").ok().filter(|l| !l.is_empty()));
    if let Some(code) = requested {
        match code.parse::<juris_api::Lang>() {
            Ok(lang) => options::set_lang(lang),
            Err(error) => {
                let source = if cli.lang.is_some() { "--lang" } else { "JURIS_LANG" };
                eprintln!("error: `{source}`: {error}");
                return ExitCode::from(exit::BAD_INPUT);
            }
        }
    }
    let code = match cli.command {
        Command::Check(args) => command::check::run(&args),
        Command::Decide(args) => command::decide::run(&args),
        Command::Test(args) => command::test::run(&args),
        Command::Compare(args) => command::compare::run(&args),
        Command::Timeline(args) => command::timeline::run(&args),
        Command::Bills(args) => command::bills::run(&args),
        Command::Diff(args) => command::diff::run(&args),
        Command::Serve(args) => command::serve::run(&args),
        Command::Log(args) => command::log::run(&args),
    };
    match code {
        Ok(code) => ExitCode::from(code),
        // A reader that stops early (`juris compare | head`) is not an error.
        Err(error)
            if error.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)) =>
        {
            ExitCode::from(exit::OK)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(exit::BAD_INPUT)
        }
    }
}
