//! `juris serve`: the HTTP decision service over a corpus, with its durable decision log.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use juris_server::auth::Tokens;
use juris_server::journal::DecisionLog;
use juris_server::log::note::LogKey;
use juris_server::store::LogLocation;
use juris_server::{Access, AppState, Config, Limits, LogPolicy};

use crate::corpus::{self, CorpusArgs};
use crate::exit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Policy {
    /// Answer 503 and decide nothing when the log cannot be written.
    Required,
    /// Answer anyway, with `log_index: null`.
    BestEffort,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The decision log: a file path, `sqlite:PATH`, `postgres://...`, or `none` (no log: for
    /// benchmarks only; nothing is verifiable).
    #[arg(long, value_name = "URL", default_value = "juris-log.sqlite")]
    pub log: String,
    /// What to do when the log cannot be written.
    #[arg(long, value_enum, default_value_t = Policy::Required)]
    pub log_policy: Policy,
    /// The key that signs checkpoints; created (mode 0600) with its `.pub` verifier key when
    /// absent. Default: the SQLite log's path with `.key`, or `juris-log.key` for PostgreSQL.
    #[arg(long, value_name = "FILE")]
    pub signing_key: Option<PathBuf>,
    /// The log's name in its checkpoints (a new log only; an existing log keeps its own).
    #[arg(long, value_name = "NAME", default_value = "juris.local/decision-log")]
    pub origin: String,
    /// Tokens and their roles: lines `ROLE sha256:HEX` (roles: decide, log-read, admin).
    #[arg(long, value_name = "FILE")]
    pub tokens: Option<PathBuf>,
    /// Deciding needs a token with the `decide` role.
    #[arg(long)]
    pub private_decide: bool,
    /// Reading the law (`/v1/corpus`) needs a token with the `decide` role.
    #[arg(long)]
    pub private_law: bool,
    /// The largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_body_bytes: usize,
    /// The deepest JSON nesting accepted.
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub max_json_depth: usize,
    /// The most requests in one batch.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_batch: usize,
    /// Seconds a client may take to send its headers, and then its body.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub read_timeout: u64,
    /// Seconds one request may take, from its headers to its answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub request_timeout: u64,
    /// How often a checkpoint is signed while decisions arrive (`500ms`, `1s`, `5m`); receipts and
    /// `POST /v1/log/checkpoint` sign one at once.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    pub checkpoint_every: Duration,
    /// The most open connections.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_connections: usize,
    /// Megabytes of distinct answers (request and language) to keep for the corpus serving now,
    /// so a request asked again is answered without deciding it again; 0 keeps none. Every answer
    /// is logged either way, and a reload starts with none kept.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub decision_cache_mb: u64,
}

pub fn run(args: &Args) -> Result<u8> {
    let (corpus, sources) = match corpus::require(&args.corpus)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let situations = match sources.iter().find(|s| s.path == juris::analysis::SITUATIONS_FILE) {
        None => None,
        Some(s) => match juris::analysis::Situations::parse(&s.path, &s.text, &corpus) {
            Ok(situations) => Some(situations),
            Err(d) => {
                crate::stderr!("{:?}", d.to_report(std::slice::from_ref(s)));
                return Ok(exit::FAILED);
            }
        },
    };
    let corpus = juris_server::Served { corpus, situations };
    let tokens = match &args.tokens {
        None => Tokens::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading `{}`", path.display()))?;
            Tokens::parse(&text).with_context(|| format!("`{}`", path.display()))?
        }
    };
    let log = if args.log == "none" {
        crate::stderr!("warning: `--log none`: decisions are not logged and cannot be verified");
        None
    } else {
        let location = LogLocation::parse(&args.log).context("`--log`")?;
        let key_path = args.signing_key.clone().unwrap_or_else(|| match &location {
            LogLocation::Sqlite(path) => path.with_extension("key"),
            LogLocation::Postgres(_) => PathBuf::from("juris-log.key"),
        });
        let key = signing_key(&key_path, &args.origin)?;
        let log = DecisionLog::open(location.clone(), &key, &args.origin)
            .with_context(|| format!("opening the decision log {}", location.describe()))?;
        crate::stderr!("log: {} ({} records), checkpoints signed by {}", location.describe(), log.size(), log.verifier.encode());
        Some(log)
    };
    let config = Config {
        limits: Limits {
            body_bytes: args.max_body_bytes,
            json_depth: args.max_json_depth,
            batch: args.max_batch,
            read_timeout: Duration::from_secs(args.read_timeout.max(1)),
            request_timeout: Duration::from_secs(args.request_timeout.max(1)),
            connections: args.max_connections.max(1),
        },
        access: Access { public_decide: !args.private_decide, public_law: !args.private_law },
        log_policy: match args.log_policy {
            Policy::Required => LogPolicy::Required,
            Policy::BestEffort => LogPolicy::BestEffort,
        },
        checkpoint_every: args.checkpoint_every,
        decision_cache_bytes: args.decision_cache_mb.saturating_mul(1 << 20),
    };
    let corpus_args = args.corpus.clone();
    let loader: juris_server::CorpusLoader = Arc::new(move || corpus::readable_sources(&corpus_args).map_err(|e| format!("{e:#}")));
    let hash = corpus.hash().to_owned();
    let state = AppState::new(corpus, Some(loader), log, tokens, config);
    // The public page answers from the service's current corpus (so it follows reloads);
    // today's date is read here, at the edge.
    let state = state.with_page(juris_server::PageState::new(Arc::new(crate::options::today)));
    juris_server::serve::run(&args.listen, state, |address| {
        crate::stderr!("serving {} (corpus {hash}) on http://{address}", corpus::describe(&args.corpus));
        let _ = std::io::stderr().flush();
    })
    .with_context(|| format!("serving on `{}`", args.listen))?;
    Ok(exit::OK)
}

/// Parses a duration such as `500ms`, `1s`, `2m` or `1h 30m`.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let parsed: jiff::SignedDuration =
        text.parse().map_err(|e| format!("`{text}` is not a duration ({e}); write it like `500ms`, `1s` or `5m`"))?;
    let duration = Duration::try_from(parsed).map_err(|_| format!("`{text}` is negative"))?;
    if duration < Duration::from_millis(10) {
        return Err(format!("`{text}` is shorter than 10ms; sign at most a hundred checkpoints a second"));
    }
    Ok(duration)
}

/// Reads the signing key, or creates it (readable by its owner only) with its verifier key.
fn signing_key(path: &Path, origin: &str) -> Result<LogKey> {
    if path.exists() {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading the signing key `{}`", path.display()))?;
        return LogKey::parse(&text).with_context(|| format!("the signing key `{}`", path.display()));
    }
    let key = LogKey::generate(origin).context("generating a signing key")?;
    let public = path.with_extension("pub");
    std::fs::write(&public, format!("{}\n", key.verifier().encode())).with_context(|| format!("writing `{}`", public.display()))?;
    // Written whole to a temporary file, then renamed: a crash never leaves half a key.
    let partial = path.with_extension("key-partial");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&partial).with_context(|| format!("creating the signing key `{}`", partial.display()))?;
    writeln!(file, "{}", key.encode())?;
    file.sync_all()?;
    std::fs::rename(&partial, path).with_context(|| format!("saving the signing key `{}`", path.display()))?;
    crate::stderr!(
        "generated a signing key in `{}` (keep it secret); its verifier key, to publish, is in `{}`",
        path.display(),
        public.display()
    );
    Ok(key)
}
