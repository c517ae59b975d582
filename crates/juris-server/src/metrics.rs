//! Counters and histograms for `/metrics`, written in the Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::PoisonError;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::journal::{COMMIT_BUCKETS, DecisionLog};

/// Upper bounds of the request latency buckets, in seconds.
const LATENCY_BUCKETS: [f64; 10] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1.0];

/// The service's counters.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Requests by (route, status).
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// Decisions by outcome.
    decisions: Mutex<BTreeMap<String, u64>>,
    /// Decisions answered without a log record (best-effort policy only).
    pub unlogged: AtomicU64,
    latency_buckets: [AtomicU64; 10],
    latency_count: AtomicU64,
    latency_micros: AtomicU64,
}

impl Metrics {
    /// Counts one answered request.
    pub fn request(&self, route: &str, status: u16, elapsed: Duration) {
        *self.requests.lock().unwrap_or_else(PoisonError::into_inner).entry((route.to_owned(), status)).or_default() += 1;
        let seconds = elapsed.as_secs_f64();
        for (bound, bucket) in LATENCY_BUCKETS.iter().zip(&self.latency_buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        self.latency_micros.fetch_add(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    /// Counts decisions by outcome.
    pub fn decisions<'a>(&self, outcomes: impl IntoIterator<Item = &'a str>) {
        let mut map = self.decisions.lock().unwrap_or_else(PoisonError::into_inner);
        for outcome in outcomes {
            *map.entry(outcome.to_owned()).or_default() += 1;
        }
    }

    /// The Prometheus text.
    pub fn render(&self, log: Option<&DecisionLog>) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# HELP juris_requests_total HTTP requests answered, by route and status.");
        let _ = writeln!(out, "# TYPE juris_requests_total counter");
        for ((route, status), n) in self.requests.lock().unwrap_or_else(PoisonError::into_inner).iter() {
            let _ = writeln!(out, "juris_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}");
        }
        let _ = writeln!(out, "# HELP juris_decisions_total Decisions made, by outcome.");
        let _ = writeln!(out, "# TYPE juris_decisions_total counter");
        for (outcome, n) in self.decisions.lock().unwrap_or_else(PoisonError::into_inner).iter() {
            let _ = writeln!(out, "juris_decisions_total{{outcome=\"{outcome}\"}} {n}");
        }
        let _ = writeln!(out, "# HELP juris_decisions_unlogged_total Decisions answered without a log record (best-effort policy).");
        let _ = writeln!(out, "# TYPE juris_decisions_unlogged_total counter");
        let _ = writeln!(out, "juris_decisions_unlogged_total {}", self.unlogged.load(Ordering::Relaxed));
        histogram(
            &mut out,
            "juris_request_duration_seconds",
            "Time from a request's arrival to its answer.",
            &LATENCY_BUCKETS,
            &self.latency_buckets,
            self.latency_count.load(Ordering::Relaxed),
            self.latency_micros.load(Ordering::Relaxed),
        );
        if let Some(log) = log {
            let stats = &log.stats;
            histogram(
                &mut out,
                "juris_log_commit_duration_seconds",
                "Time to commit one group of log records (one transaction, one sync).",
                &COMMIT_BUCKETS,
                &stats.commit_buckets,
                stats.commits.load(Ordering::Relaxed),
                stats.commit_micros.load(Ordering::Relaxed),
            );
            let _ = writeln!(out, "# HELP juris_log_commit_failures_total Log commits that failed.");
            let _ = writeln!(out, "# TYPE juris_log_commit_failures_total counter");
            let _ = writeln!(out, "juris_log_commit_failures_total {}", stats.commit_failures.load(Ordering::Relaxed));
            let _ = writeln!(out, "# HELP juris_log_records Records in the decision log.");
            let _ = writeln!(out, "# TYPE juris_log_records gauge");
            let _ = writeln!(out, "juris_log_records {}", log.size());
        }
        out
    }
}

fn histogram(out: &mut String, name: &str, help: &str, bounds: &[f64], buckets: &[AtomicU64], count: u64, micros: u64) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} histogram");
    for (bound, bucket) in bounds.iter().zip(buckets) {
        let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {}", bucket.load(Ordering::Relaxed));
    }
    let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
    let _ = writeln!(out, "{name}_sum {}", micros as f64 / 1e6);
    let _ = writeln!(out, "{name}_count {count}");
}
