//! `juris log`: verify a decision log or a receipt, export a log as JSON Lines, and replay its
//! requests under another corpus.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use juris_server::journal::PAGE;
use juris_server::log::note::VerifierKey;
use juris_server::log::receipt::{Receipt, verify_receipt};
use juris_server::log::record::LogRecord;
use juris_server::log::verify::verify_log;
use juris_server::store::{LogLocation, Store, StoredRequest};

use crate::corpus::{self, CorpusArgs};
use crate::exit;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: LogCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum LogCommand {
    /// Check every record's hashes, the tree and the checkpoints; exit 1 naming the first bad
    /// index and the kind of damage (edited, deleted, reordered, truncated, forged checkpoint).
    Verify(VerifyArgs),
    /// Write every record with its decision (and, with --requests, its request) as JSON Lines.
    Export(ExportArgs),
    /// Decide the logged requests again under another corpus and list the decisions that change.
    Replay(ReplayArgs),
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The log: a file path, `sqlite:PATH` or `postgres://...`.
    #[arg(long, value_name = "URL", required_unless_present = "receipt", conflicts_with = "receipt")]
    pub log: Option<String>,
    /// A signed checkpoint obtained from the log earlier (`GET /v1/log/checkpoint`): the log
    /// must still contain what it covers.
    #[arg(long, value_name = "FILE")]
    pub checkpoint: Option<PathBuf>,
    /// The published verifier key (`<name>+<id>+<key>`, as in the `.pub` file); without it the
    /// key stored in the log or the receipt is used, which proves only self-consistency.
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Verify one receipt offline instead of a log.
    #[arg(long, value_name = "FILE")]
    pub receipt: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_name = "URL")]
    pub log: String,
    /// Include each record's request (personal data; redacted ones are `null`).
    #[arg(long)]
    pub requests: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    #[arg(long, value_name = "URL")]
    pub log: String,
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

pub fn run(args: &Args) -> Result<u8> {
    match &args.command {
        LogCommand::Verify(a) => verify(a),
        LogCommand::Export(a) => export(a),
        LogCommand::Replay(a) => replay(a),
    }
}

fn open(url: &str) -> Result<Box<dyn Store>> {
    let location = LogLocation::parse(url).context("`--log`")?;
    if let LogLocation::Sqlite(path) = &location {
        anyhow::ensure!(path.is_file(), "`{}` does not exist; `--log` names an existing log", path.display());
    }
    location.open().with_context(|| format!("opening the log {}", location.describe()))
}

fn read_key(path: &Option<PathBuf>) -> Result<Option<VerifierKey>> {
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(path).with_context(|| format!("reading `{}`", path.display()))?;
    Ok(Some(VerifierKey::parse(&text).with_context(|| format!("the key `{}`", path.display()))?))
}

fn verify(args: &VerifyArgs) -> Result<u8> {
    let key = read_key(&args.key)?;
    if let Some(path) = &args.receipt {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading `{}`", path.display()))?;
        let receipt: Receipt = serde_json::from_str(&text).with_context(|| format!("`{}` is not a receipt", path.display()))?;
        return Ok(match verify_receipt(&receipt, key.as_ref()) {
            Ok(check) => {
                crate::stdout!(
                    "receipt intact: decision {} is record {} of {} in `{}`",
                    receipt.record.decision_id,
                    check.index,
                    check.tree_size,
                    check.origin
                )?;
                if check.self_signed {
                    crate::stderr!(
                        "note: checked against the key inside the receipt; pass --key with the log's published key to know who signed it"
                    );
                }
                exit::OK
            }
            Err(e) => {
                crate::stdout!("receipt NOT intact: {e}")?;
                exit::FAILED
            }
        });
    }
    let Some(url) = &args.log else { anyhow::bail!("give `--log URL` or `--receipt FILE`") };
    let mut store = open(url)?;
    let key = match key {
        Some(k) => k,
        None => {
            let stored = store.setting("verifier_key")?.context("the log holds no verifier key; pass --key")?;
            crate::stderr!("note: checked against the key stored in the log; pass --key with the published key to know who signed it");
            VerifierKey::parse(&stored).context("the key stored in the log")?
        }
    };
    let checkpoint = match &args.checkpoint {
        None => None,
        Some(p) => Some(std::fs::read_to_string(p).with_context(|| format!("reading `{}`", p.display()))?),
    };
    let report = verify_log(store.as_mut(), &key, checkpoint.as_deref())?;
    match &report.damage {
        None => {
            crate::stdout!(
                "log intact: {} records, root {}, {} checkpoints checked, {} requests redacted",
                report.records,
                report.root,
                report.checkpoints,
                report.redacted
            )?;
            if report.unsigned > 0 {
                crate::stdout!(
                    "{} records after the latest checkpoint: each matches its own hashes, but no signed root covers them yet",
                    report.unsigned
                )?;
            }
            Ok(exit::OK)
        }
        Some(damage) => {
            crate::stdout!("log NOT intact: {} at index {}: {}", damage.kind.name(), damage.index, damage.detail)?;
            Ok(exit::FAILED)
        }
    }
}

fn export(args: &ExportArgs) -> Result<u8> {
    let mut store = open(&args.log)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut from = 0;
    loop {
        let page = store.records(from, PAGE)?;
        let Some(last) = page.last() else { break };
        from = last.position + 1;
        for row in page {
            let record: serde_json::Value = serde_json::from_str(&row.record).context("a record is not JSON")?;
            let decision: serde_json::Value = serde_json::from_str(&row.decision).context("a decision is not JSON")?;
            let mut line = serde_json::json!({ "record": record, "decision": decision });
            if args.requests {
                let hash = record["request_hash"].as_str().unwrap_or_default().to_owned();
                line["request"] = match store.request(&hash)? {
                    StoredRequest::Present(text) => serde_json::from_str(&text).context("a request is not JSON")?,
                    StoredRequest::Redacted | StoredRequest::Missing => serde_json::Value::Null,
                };
            }
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

fn replay(args: &ReplayArgs) -> Result<u8> {
    let mut store = open(&args.log)?;
    let (corpus, _) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut replayed, mut changed, mut redacted, mut failed) = (0u64, 0u64, 0u64, 0u64);
    let mut from = 0;
    loop {
        let page = store.records(from, PAGE)?;
        let Some(last) = page.last() else { break };
        from = last.position + 1;
        for row in page {
            let record: LogRecord = serde_json::from_str(&row.record).context("a record is not a log record")?;
            let request = match store.request(&record.request_hash)? {
                StoredRequest::Present(text) => serde_json::from_str::<serde_json::Value>(&text).context("a request is not JSON")?,
                StoredRequest::Redacted | StoredRequest::Missing => {
                    redacted += 1;
                    continue;
                }
            };
            replayed += 1;
            match juris_server::decide_json(&corpus, &request, juris_api::Lang::En) {
                Ok(decision) => {
                    let mut deciding: Vec<String> = decision.deciding.iter().map(|r| r.rule.clone()).collect();
                    deciding.sort();
                    let outcome = serde_json::to_value(decision.outcome)?;
                    if outcome.as_str() != Some(record.outcome.as_str()) || deciding != record.deciding {
                        changed += 1;
                        let line = serde_json::json!({
                            "index": record.index,
                            "decision_id": record.decision_id,
                            "was": { "outcome": record.outcome, "deciding": record.deciding },
                            "now": { "outcome": outcome, "deciding": deciding },
                        });
                        writeln!(out, "{line}")?;
                    }
                }
                Err(e) => {
                    failed += 1;
                    crate::stderr!("record {}: the request no longer resolves: {}", record.index, e.message);
                }
            }
        }
    }
    crate::stderr!(
        "{replayed} requests replayed under corpus {}: {changed} decisions would change, {failed} no longer resolve; {redacted} redacted requests skipped",
        corpus.hash()
    );
    Ok(exit::OK)
}
