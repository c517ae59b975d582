//! The `juris` command. Parses arguments and hands over to [`juris_cli::run`].

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = juris_cli::Cli::parse();
    juris_cli::run(cli)
}
