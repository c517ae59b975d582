//! The service's settings: limits, who may do what, and what happens when the log fails.

use std::time::Duration;

/// What the service does when a decision cannot be logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogPolicy {
    /// Answer 503 and decide nothing (the default).
    Required,
    /// Answer anyway, with `log_index: null`; chosen explicitly.
    BestEffort,
}

/// Limits on what clients may send.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// The deepest nesting of JSON arrays and objects.
    pub json_depth: usize,
    /// The most requests in one batch.
    pub batch: usize,
    /// How long a client may take to send its headers, and then its body.
    pub read_timeout: Duration,
    /// How long one request may take, from its headers to its answer; a request still running
    /// then is answered 503 `timeout` (a decision being logged is never cut off mid-commit: its
    /// record is committed or not, and `juris log verify` holds either way).
    pub request_timeout: Duration,
    /// The most open connections; further clients wait in the listen queue.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: 1 << 20,
            json_depth: 32,
            batch: 1000,
            read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            connections: 1024,
        }
    }
}

/// Which endpoints need a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// Deciding (`/v1/decide`) needs no token.
    pub public_decide: bool,
    /// Reading the law (corpus, bills, compare, diff, timeline) needs no token.
    pub public_law: bool,
}

impl Default for Access {
    fn default() -> Access {
        Access { public_decide: true, public_law: true }
    }
}

/// Everything `app` needs besides the corpus and the log.
#[derive(Debug, Clone)]
pub struct Config {
    pub limits: Limits,
    pub access: Access,
    pub log_policy: LogPolicy,
    /// How often a checkpoint is signed while decisions arrive ([`crate::serve`] runs the signer;
    /// receipts and `POST /v1/log/checkpoint` sign one at once).
    pub checkpoint_every: Duration,
    /// How many bytes of distinct answers (request, language) are kept for the corpus serving
    /// now; 0 keeps none. A kept answer is the same bytes deciding would give: deciding is a
    /// function of the corpus, the request and the language, and a reload starts an empty cache.
    pub decision_cache_bytes: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            limits: Limits::default(),
            access: Access::default(),
            log_policy: LogPolicy::Required,
            checkpoint_every: Duration::from_secs(1),
            decision_cache_bytes: 64 << 20,
        }
    }
}
