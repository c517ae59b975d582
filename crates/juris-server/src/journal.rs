//! The decision log as the service uses it: one writer thread that commits the records of
//! requests that arrive together in one transaction (group commit), the in-memory Merkle tree,
//! and the latest signed checkpoint, signed on an interval ([`sign_every`]) and on demand
//! ([`DecisionLog::sign`], [`DecisionLog::covering`]).
//!
//! INVARIANT: an `append` returns only after its records are committed (durable); a checkpoint
//! covering them follows within the signing interval, or at once when one is asked for. Readers
//! see a tree size only once it is committed, and proofs only up to the latest signed size.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot, watch};

use crate::log::merkle::{Hash, ProofError, Tree};
use crate::log::note::{Checkpoint, LogKey, VerifierKey};
use crate::log::record::{LogRecord, RECORD_VERSION};
use crate::store::{LogLocation, NewRecord, Store, StoreError, StoredCheckpoint};

/// The most records one transaction commits.
const MAX_GROUP: usize = 4096;
/// Records read per page when scanning a log.
pub const PAGE: usize = 1024;

/// A decision to be logged; the writer assigns its index.
#[derive(Debug, Clone)]
pub struct Entry {
    pub decision_id: String,
    pub decided_at: String,
    pub corpus: String,
    pub engine: String,
    pub outcome: String,
    pub deciding: Vec<String>,
    pub request_hash: std::sync::Arc<str>,
    /// `sha256:` and the hex of the full decision's canonical bytes (its `decision_id` included).
    pub decision_hash: String,
    /// The decision's canonical JSON without its `decision_id`, and the hash it is stored under.
    pub body: std::sync::Arc<str>,
    pub body_hash: std::sync::Arc<str>,
    /// The request's canonical JSON.
    pub request: std::sync::Arc<str>,
}

/// Why a decision could not be logged.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("the decision log cannot be written: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Proof(#[from] ProofError),
    #[error("the decision log's writer has stopped")]
    Stopped,
    #[error("the log's signing key does not match the key its checkpoints were signed with: {0}")]
    WrongKey(String),
}

enum Job {
    /// Commit these entries; answer with the index of the first.
    Append { entries: Vec<Entry>, reply: oneshot::Sender<Result<u64, String>> },
    /// Sign a checkpoint of every committed record (when there is a record it does not cover yet).
    Sign { reply: oneshot::Sender<Result<StoredCheckpoint, String>> },
}

/// Entries waiting to be committed, and where to send the index of the first.
type Pending = (Vec<Entry>, oneshot::Sender<Result<u64, String>>);

impl Job {
    fn records(&self) -> usize {
        match self {
            Job::Append { entries, .. } => entries.len(),
            Job::Sign { .. } => 0,
        }
    }
}

/// Counters the metrics endpoint reads.
#[derive(Debug, Default)]
pub struct LogStats {
    pub commits: AtomicU64,
    pub commit_failures: AtomicU64,
    /// Total commit time, in microseconds.
    pub commit_micros: AtomicU64,
    /// Commit latency histogram: counts of commits at or under each bound of [`COMMIT_BUCKETS`].
    pub commit_buckets: [AtomicU64; 8],
}

/// Upper bounds of the commit latency buckets, in seconds.
pub const COMMIT_BUCKETS: [f64; 8] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1.0];

struct TreeState {
    // INVARIANT: the tree holds exactly the committed records, except while the writer commits
    // (it pushes the group's leaves first and takes them back when the commit fails).
    tree: Tree,
    committed: u64,
    checkpoint: Option<StoredCheckpoint>,
}

/// The service's handle on its decision log.
pub struct DecisionLog {
    sender: mpsc::Sender<Job>,
    state: Arc<RwLock<TreeState>>,
    reader: Arc<Mutex<Box<dyn Store>>>,
    healthy: Arc<AtomicBool>,
    /// The size the latest signed checkpoint covers.
    signed: watch::Receiver<u64>,
    pub stats: Arc<LogStats>,
    pub verifier: VerifierKey,
    pub origin: String,
    pub location: LogLocation,
}

impl std::fmt::Debug for DecisionLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecisionLog").field("location", &self.location).finish_non_exhaustive()
    }
}

/// Reads every leaf hash of a store, checking that positions run 0, 1, 2, ... without a gap.
fn load_tree(store: &mut dyn Store) -> Result<Tree, LogError> {
    let mut tree = Tree::new();
    loop {
        let page = store.records(tree.size(), PAGE)?;
        if page.is_empty() {
            return Ok(tree);
        }
        for row in page {
            if row.position != tree.size() {
                return Err(StoreError::Damaged(format!("record {} is missing; run `juris log verify`", tree.size())).into());
            }
            let leaf: Hash = row
                .leaf_hash
                .as_slice()
                .try_into()
                .map_err(|_| StoreError::Damaged(format!("record {} has no valid leaf hash; run `juris log verify`", row.position)))?;
            tree.push(leaf);
        }
    }
}

impl DecisionLog {
    /// Opens the log, checks that its tree matches its latest checkpoint, and starts the writer.
    pub fn open(location: LogLocation, key: &LogKey, origin: &str) -> Result<DecisionLog, LogError> {
        let store = location.open()?;
        let reader = location.open()?;
        DecisionLog::from_stores(location, store, reader, key, origin)
    }

    /// Like [`DecisionLog::open`], over stores already open: `store` is the writer's, `reader`
    /// serves reads.
    pub fn from_stores(
        location: LogLocation,
        mut store: Box<dyn Store>,
        reader: Box<dyn Store>,
        key: &LogKey,
        origin: &str,
    ) -> Result<DecisionLog, LogError> {
        let verifier = key.verifier();
        match store.setting("verifier_key")? {
            Some(stored) if stored != verifier.encode() => return Err(LogError::WrongKey(stored)),
            Some(_) => {}
            None => store.set_setting("verifier_key", &verifier.encode())?,
        }
        let origin = match store.setting("origin")? {
            Some(stored) => stored,
            None => {
                store.set_setting("origin", origin)?;
                origin.to_owned()
            }
        };
        let tree = load_tree(store.as_mut())?;
        let checkpoint = store.latest_checkpoint()?;
        if let Some(c) = &checkpoint {
            // Records after the latest checkpoint are those committed since it was signed (the
            // process stopped before the next one); the records it covers must match its root.
            let head = Checkpoint::open(&c.note, &verifier).map_err(|e| StoreError::Damaged(e.to_string()))?;
            if head.size > tree.size() || head.root != tree.root(head.size)? {
                return Err(StoreError::Damaged(format!(
                    "the log holds {} records but its latest checkpoint covers {} with another root; run `juris log verify`",
                    tree.size(),
                    head.size
                ))
                .into());
            }
        } else if tree.size() > 0 {
            return Err(StoreError::Damaged("the log has records but no checkpoint".into()).into());
        }
        // A new log starts with a signed checkpoint of the empty tree, so there is always one; a
        // log reopened with records no checkpoint covers gets one covering them before it serves.
        let checkpoint = match checkpoint {
            Some(c) if c.size == tree.size() => c,
            _ => {
                let note = Checkpoint { origin: origin.clone(), size: tree.size(), root: tree.root(tree.size())? }.sign(key);
                let signed = StoredCheckpoint { size: tree.size(), note };
                store.append(&[], Some(&signed))?;
                signed
            }
        };
        let committed = tree.size();
        let (signed_tx, signed) = watch::channel(checkpoint.size);
        let checkpoint = Some(checkpoint);
        let state = Arc::new(RwLock::new(TreeState { tree, committed, checkpoint }));
        let healthy = Arc::new(AtomicBool::new(true));
        let stats = Arc::new(LogStats::default());
        let (sender, receiver) = mpsc::channel(8192);
        let writer = Writer {
            store,
            receiver,
            state: state.clone(),
            healthy: healthy.clone(),
            stats: stats.clone(),
            key: key.clone(),
            origin: origin.clone(),
            signed: signed_tx,
            resync: false,
        };
        std::thread::Builder::new()
            .name("juris-log-writer".into())
            .spawn(move || writer.run())
            .map_err(|e| LogError::Unavailable(format!("cannot start the log writer: {e}")))?;
        let reader = Arc::new(Mutex::new(reader));
        Ok(DecisionLog { sender, state, reader, healthy, signed, stats, verifier, origin, location })
    }

    /// Appends entries and waits until they are committed; returns the index of the first.
    pub async fn append(&self, entries: Vec<Entry>) -> Result<u64, LogError> {
        let (reply, answer) = oneshot::channel();
        self.sender.send(Job::Append { entries, reply }).await.map_err(|_| stopped())?;
        match answer.await {
            Ok(Ok(index)) => Ok(index),
            Ok(Err(cause)) => Err(LogError::Unavailable(cause)),
            Err(_) => Err(stopped()),
        }
    }

    /// Signs a checkpoint of every committed record now (when the latest does not cover them
    /// all) and returns the latest checkpoint.
    pub async fn sign(&self) -> Result<StoredCheckpoint, LogError> {
        let (reply, answer) = oneshot::channel();
        self.sender.send(Job::Sign { reply }).await.map_err(|_| stopped())?;
        match answer.await {
            Ok(Ok(checkpoint)) => Ok(checkpoint),
            Ok(Err(cause)) => Err(LogError::Unavailable(cause)),
            Err(_) => Err(stopped()),
        }
    }

    /// A checkpoint covering at least `size` records: the latest, or one signed now.
    pub async fn covering(&self, size: u64) -> Result<StoredCheckpoint, LogError> {
        match self.checkpoint() {
            Some(c) if c.size >= size => Ok(c),
            _ => self.sign().await,
        }
    }

    /// The number of committed records.
    pub fn size(&self) -> u64 {
        self.read(|s| s.committed)
    }

    /// The number of records the latest signed checkpoint covers.
    pub fn signed_size(&self) -> u64 {
        *self.signed.borrow()
    }

    /// Follows the signed size: it changes each time a checkpoint is signed.
    pub fn watch_signed(&self) -> watch::Receiver<u64> {
        self.signed.clone()
    }

    /// Whether the last commit succeeded.
    pub fn healthy(&self) -> bool {
        self.healthy.load(Ordering::Relaxed)
    }

    /// The latest signed checkpoint.
    pub fn checkpoint(&self) -> Option<StoredCheckpoint> {
        self.read(|s| s.checkpoint.clone())
    }

    /// The inclusion proof of `index` at the latest checkpoint, with that checkpoint.
    pub fn inclusion(&self, index: u64) -> Result<(Vec<Hash>, StoredCheckpoint), LogError> {
        self.read(|s| {
            let checkpoint = s.checkpoint.clone().unwrap_or(StoredCheckpoint { size: 0, note: String::new() });
            Ok((s.tree.inclusion_proof(index, checkpoint.size)?, checkpoint))
        })
    }

    /// The consistency proof between two committed sizes.
    pub fn consistency(&self, from: u64, to: u64) -> Result<Vec<Hash>, LogError> {
        self.read(|s| {
            let size = s.checkpoint.as_ref().map_or(0, |c| c.size);
            if to > size {
                return Err(ProofError::SizeOutOfRange { requested: to, size }.into());
            }
            Ok(s.tree.consistency_proof(from, to)?)
        })
    }

    /// The root at a committed size.
    pub fn root(&self, size: u64) -> Result<Hash, LogError> {
        self.read(|s| {
            let committed = s.checkpoint.as_ref().map_or(0, |c| c.size);
            if size > committed {
                return Err(ProofError::SizeOutOfRange { requested: size, size: committed }.into());
            }
            Ok(s.tree.root(size)?)
        })
    }

    /// Runs a read on the store on a blocking thread.
    pub async fn with_store<T: Send + 'static>(
        &self,
        read: impl FnOnce(&mut dyn Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, LogError> {
        let reader = self.reader.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let mut store = reader.lock().unwrap_or_else(PoisonError::into_inner);
            read(store.as_mut())
        })
        .await;
        match joined {
            Ok(result) => Ok(result?),
            Err(e) => Err(LogError::Unavailable(format!("a log read failed: {e}"))),
        }
    }

    fn read<T>(&self, f: impl FnOnce(&TreeState) -> T) -> T {
        f(&self.state.read().unwrap_or_else(PoisonError::into_inner))
    }
}

struct Writer {
    store: Box<dyn Store>,
    receiver: mpsc::Receiver<Job>,
    state: Arc<RwLock<TreeState>>,
    healthy: Arc<AtomicBool>,
    stats: Arc<LogStats>,
    key: LogKey,
    origin: String,
    signed: watch::Sender<u64>,
    /// Set when a commit failed: its outcome may be unknown (a connection lost during COMMIT),
    /// so the next commit first reads back any records the store holds beyond `committed`.
    resync: bool,
}

fn stopped() -> LogError {
    LogError::Stopped
}

impl Writer {
    fn run(mut self) {
        while let Some(first) = self.receiver.blocking_recv() {
            let mut count = first.records();
            let mut jobs = vec![first];
            while count < MAX_GROUP {
                match self.receiver.try_recv() {
                    Ok(job) => {
                        count += job.records();
                        jobs.push(job);
                    }
                    Err(_) => break,
                }
            }
            let (mut appends, mut signs) = (Vec::with_capacity(jobs.len()), Vec::new());
            for job in jobs {
                match job {
                    Job::Append { entries, reply } => appends.push((entries, reply)),
                    Job::Sign { reply } => signs.push(reply),
                }
            }
            if !appends.is_empty() {
                self.commit_group(appends, count);
            }
            if !signs.is_empty() {
                let signed = self.sign().map_err(|e| {
                    tracing::error!(error = %e, "signing a checkpoint failed");
                    e.to_string()
                });
                for reply in signs {
                    let _ = reply.send(signed.clone());
                }
            }
        }
    }

    fn commit_group(&mut self, appends: Vec<Pending>, count: usize) {
        let started = Instant::now();
        match self.commit(&appends) {
            Ok(firsts) => {
                self.healthy.store(true, Ordering::Relaxed);
                self.observe(started.elapsed());
                for ((_, reply), index) in appends.into_iter().zip(firsts) {
                    // A client that went away no longer waits for its answer.
                    let _ = reply.send(Ok(index));
                }
            }
            Err(e) => {
                self.healthy.store(false, Ordering::Relaxed);
                self.resync = true;
                self.stats.commit_failures.fetch_add(1, Ordering::Relaxed);
                tracing::error!(error = %e, records = count, "decision log commit failed");
                for (_, reply) in appends {
                    let _ = reply.send(Err(e.to_string()));
                }
            }
        }
    }

    /// Signs and stores a checkpoint of every committed record, unless the latest covers them.
    fn sign(&mut self) -> Result<StoredCheckpoint, LogError> {
        let (size, root, latest) = {
            let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
            (state.committed, state.tree.root(state.committed)?, state.checkpoint.clone())
        };
        if let Some(latest) = latest.filter(|c| c.size >= size) {
            return Ok(latest);
        }
        let note = Checkpoint { origin: self.origin.clone(), size, root }.sign(&self.key);
        let checkpoint = StoredCheckpoint { size, note };
        if let Err(e) = self.store.append(&[], Some(&checkpoint)) {
            self.healthy.store(false, Ordering::Relaxed);
            return Err(e.into());
        }
        self.state.write().unwrap_or_else(PoisonError::into_inner).checkpoint = Some(checkpoint.clone());
        self.signed.send_replace(size);
        Ok(checkpoint)
    }

    fn observe(&self, elapsed: Duration) {
        self.stats.commits.fetch_add(1, Ordering::Relaxed);
        self.stats.commit_micros.fetch_add(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX), Ordering::Relaxed);
        let seconds = elapsed.as_secs_f64();
        for (bound, bucket) in COMMIT_BUCKETS.iter().zip(&self.stats.commit_buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Builds and commits the records of a group; returns each job's first index.
    fn commit(&mut self, appends: &[Pending]) -> Result<Vec<u64>, LogError> {
        if self.resync {
            self.catch_up()?;
            self.resync = false;
        }
        let start = self.state.read().unwrap_or_else(PoisonError::into_inner).committed;
        let mut records = Vec::new();
        let mut firsts = Vec::with_capacity(appends.len());
        for (entries, _) in appends {
            firsts.push(start + records.len() as u64);
            for entry in entries {
                let index = start + records.len() as u64;
                records.push(new_record(index, entry));
            }
        }
        let size = start + records.len() as u64;
        {
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            for r in &records {
                state.tree.push(r.leaf_hash);
            }
        }
        if let Err(e) = self.store.append(&records, None) {
            self.state.write().unwrap_or_else(PoisonError::into_inner).tree.truncate(start);
            return Err(e.into());
        }
        self.state.write().unwrap_or_else(PoisonError::into_inner).committed = size;
        Ok(firsts)
    }
}

impl Writer {
    /// Takes into the tree the records the store holds beyond the committed ones: those of a
    /// commit that failed on the way back (its answers were never sent, as after a crash).
    fn catch_up(&mut self) -> Result<(), LogError> {
        loop {
            let committed = self.state.read().unwrap_or_else(PoisonError::into_inner).committed;
            let page = self.store.records(committed, PAGE)?;
            if page.is_empty() {
                return Ok(());
            }
            tracing::warn!(records = page.len(), from = committed, "a commit reported as failed had reached the log; taking its records");
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            for row in page {
                let leaf: Hash =
                    row.leaf_hash.as_slice().try_into().map_err(|_| {
                        StoreError::Damaged(format!("record {} has no valid leaf hash; run `juris log verify`", row.position))
                    })?;
                if row.position != state.committed {
                    return Err(StoreError::Damaged(format!("record {} is missing; run `juris log verify`", state.committed)).into());
                }
                state.tree.push(leaf);
                state.committed += 1;
            }
        }
    }
}

/// The record of an entry at `index`: its canonical bytes and leaf hash.
fn new_record(index: u64, entry: &Entry) -> NewRecord {
    let record = LogRecord {
        v: RECORD_VERSION,
        index,
        decision_id: entry.decision_id.clone(),
        decided_at: entry.decided_at.clone(),
        corpus: entry.corpus.clone(),
        engine: entry.engine.clone(),
        request_hash: entry.request_hash.to_string(),
        outcome: entry.outcome.clone(),
        deciding: entry.deciding.clone(),
        decision_hash: entry.decision_hash.clone(),
    };
    let bytes = record.canonical_bytes();
    let leaf = crate::log::merkle::leaf_hash(&bytes);
    NewRecord {
        index,
        decision_id: entry.decision_id.clone(),
        // Canonical JSON bytes are UTF-8.
        record: String::from_utf8_lossy(&bytes).into_owned(),
        leaf_hash: leaf,
        body: entry.body.clone(),
        body_hash: entry.body_hash.clone(),
        request_hash: entry.request_hash.clone(),
        request: entry.request.clone(),
    }
}

/// Signs a checkpoint every `every` while records arrive (none when nothing new was committed),
/// until the log's writer stops. The first is signed one interval after the call.
pub async fn sign_every(log: Arc<DecisionLog>, every: Duration) {
    let every = every.max(Duration::from_millis(1));
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if log.size() <= log.signed_size() {
            continue;
        }
        match log.sign().await {
            Ok(_) => {}
            Err(LogError::Stopped) => return,
            Err(e) => tracing::warn!(error = %e, "the periodic checkpoint was not signed; trying again at the next interval"),
        }
    }
}
