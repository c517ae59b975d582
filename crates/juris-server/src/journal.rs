//! The decision log as the service uses it: one writer thread that commits the records of
//! requests that arrive together in one transaction (group commit), the in-memory Merkle tree,
//! and the latest signed checkpoint.
//!
//! INVARIANT: an `append` returns only after its records and a checkpoint covering them are
//! committed; readers see a tree size only once it is committed.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};

use crate::log::merkle::{Hash, ProofError, Tree};
use crate::log::note::{Checkpoint, LogKey, VerifierKey};
use crate::log::record::{CanonicalError, LogRecord, RECORD_VERSION};
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
    pub request_hash: String,
    pub decision_hash: String,
    /// The full decision JSON.
    pub decision: String,
    /// The request's canonical JSON.
    pub request: String,
}

/// Why a decision could not be logged.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("the decision log cannot be written: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
    #[error(transparent)]
    Proof(#[from] ProofError),
    #[error("the log's signing key does not match the key its checkpoints were signed with: {0}")]
    WrongKey(String),
}

struct Job {
    entries: Vec<Entry>,
    reply: oneshot::Sender<Result<u64, String>>,
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
    tree: Tree,
    checkpoint: Option<StoredCheckpoint>,
}

/// The service's handle on its decision log.
pub struct DecisionLog {
    sender: mpsc::Sender<Job>,
    state: Arc<RwLock<TreeState>>,
    reader: Arc<Mutex<Box<dyn Store>>>,
    healthy: Arc<AtomicBool>,
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
            let head = Checkpoint::open(&c.note, &verifier).map_err(|e| StoreError::Damaged(e.to_string()))?;
            if head.size != tree.size() || head.root != tree.root(head.size)? {
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
        // A new log starts with a signed checkpoint of the empty tree, so there is always one.
        let checkpoint = match checkpoint {
            Some(c) => c,
            None => {
                let note = Checkpoint { origin: origin.clone(), size: 0, root: tree.root(0)? }.sign(key);
                let empty = StoredCheckpoint { size: 0, note };
                store.append(&[], &empty)?;
                empty
            }
        };
        let checkpoint = Some(checkpoint);
        let state = Arc::new(RwLock::new(TreeState { tree, checkpoint }));
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
        };
        std::thread::Builder::new()
            .name("juris-log-writer".into())
            .spawn(move || writer.run())
            .map_err(|e| LogError::Unavailable(format!("cannot start the log writer: {e}")))?;
        let reader = Arc::new(Mutex::new(reader));
        Ok(DecisionLog { sender, state, reader, healthy, stats, verifier, origin, location })
    }

    /// Appends entries and waits until they are committed; returns the index of the first.
    pub async fn append(&self, entries: Vec<Entry>) -> Result<u64, LogError> {
        let (reply, answer) = oneshot::channel();
        self.sender.send(Job { entries, reply }).await.map_err(|_| LogError::Unavailable("the log writer has stopped".into()))?;
        match answer.await {
            Ok(Ok(index)) => Ok(index),
            Ok(Err(cause)) => Err(LogError::Unavailable(cause)),
            Err(_) => Err(LogError::Unavailable("the log writer has stopped".into())),
        }
    }

    /// The number of committed records.
    pub fn size(&self) -> u64 {
        self.read(|s| s.checkpoint.as_ref().map_or(0, |c| c.size))
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
}

impl Writer {
    fn run(mut self) {
        while let Some(first) = self.receiver.blocking_recv() {
            let mut count = first.entries.len();
            let mut jobs = vec![first];
            while count < MAX_GROUP {
                match self.receiver.try_recv() {
                    Ok(job) => {
                        count += job.entries.len();
                        jobs.push(job);
                    }
                    Err(_) => break,
                }
            }
            let started = Instant::now();
            match self.commit(&jobs) {
                Ok(firsts) => {
                    self.healthy.store(true, Ordering::Relaxed);
                    self.observe(started.elapsed());
                    for (job, index) in jobs.into_iter().zip(firsts) {
                        // A client that went away no longer waits for its answer.
                        let _ = job.reply.send(Ok(index));
                    }
                }
                Err(e) => {
                    self.healthy.store(false, Ordering::Relaxed);
                    self.stats.commit_failures.fetch_add(1, Ordering::Relaxed);
                    tracing::error!(error = %e, records = count, "decision log commit failed");
                    for job in jobs {
                        let _ = job.reply.send(Err(e.to_string()));
                    }
                }
            }
        }
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

    /// Builds, commits and publishes the records of a group; returns each job's first index.
    fn commit(&mut self, jobs: &[Job]) -> Result<Vec<u64>, LogError> {
        let start = self.state.read().unwrap_or_else(PoisonError::into_inner).tree.size();
        let mut records = Vec::new();
        let mut firsts = Vec::with_capacity(jobs.len());
        for job in jobs {
            firsts.push(start + records.len() as u64);
            for entry in &job.entries {
                let index = start + records.len() as u64;
                let record = LogRecord {
                    v: RECORD_VERSION,
                    index,
                    decision_id: entry.decision_id.clone(),
                    decided_at: entry.decided_at.clone(),
                    corpus: entry.corpus.clone(),
                    engine: entry.engine.clone(),
                    request_hash: entry.request_hash.clone(),
                    outcome: entry.outcome.clone(),
                    deciding: entry.deciding.clone(),
                    decision_hash: entry.decision_hash.clone(),
                };
                let bytes = record.canonical_bytes()?;
                let leaf = crate::log::merkle::leaf_hash(&bytes);
                records.push(NewRecord {
                    index,
                    decision_id: entry.decision_id.clone(),
                    record: String::from_utf8(bytes).map_err(|e| LogError::Unavailable(e.to_string()))?,
                    leaf_hash: leaf,
                    decision: entry.decision.clone(),
                    request_hash: entry.request_hash.clone(),
                    request: entry.request.clone(),
                });
            }
        }
        let size = start + records.len() as u64;
        let root = {
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            for r in &records {
                state.tree.push(r.leaf_hash);
            }
            state.tree.root(size)?
        };
        let note = Checkpoint { origin: self.origin.clone(), size, root }.sign(&self.key);
        let checkpoint = StoredCheckpoint { size, note };
        if let Err(e) = self.store.append(&records, &checkpoint) {
            self.state.write().unwrap_or_else(PoisonError::into_inner).tree.truncate(start);
            return Err(e.into());
        }
        self.state.write().unwrap_or_else(PoisonError::into_inner).checkpoint = Some(checkpoint);
        Ok(firsts)
    }
}
