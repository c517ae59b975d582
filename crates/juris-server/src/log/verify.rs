//! Verification of a whole decision log: every record's hashes, its place in the tree, every
//! stored checkpoint's signature and root, and (when given) a checkpoint held elsewhere. It names
//! the first bad index and the kind of damage.

use serde::Serialize;

use super::merkle::{Frontier, Hash, hex};
use super::note::{Checkpoint, VerifierKey};
use super::record::{LogRecord, content_hash};
use crate::journal::PAGE;
use crate::store::{Store, StoreError, StoredCheckpoint, StoredRequest};

/// The kind of damage found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DamageKind {
    /// A record, its decision or its request no longer matches the hashes committed to.
    Edited,
    /// A record is missing from the middle of the log.
    Deleted,
    /// A record sits at another index than the one it was committed at.
    Reordered,
    /// The log ends before a checkpoint says it should.
    Truncated,
    /// A checkpoint's signature does not verify: it was altered or forged.
    ForgedCheckpoint,
}

impl DamageKind {
    /// The kind's name, as printed.
    pub fn name(self) -> &'static str {
        match self {
            DamageKind::Edited => "edited",
            DamageKind::Deleted => "deleted",
            DamageKind::Reordered => "reordered",
            DamageKind::Truncated => "truncated",
            DamageKind::ForgedCheckpoint => "forged checkpoint",
        }
    }
}

/// The first problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Damage {
    /// The first bad index.
    pub index: u64,
    pub kind: DamageKind,
    pub detail: String,
}

/// What verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub records: u64,
    pub root: String,
    /// Checkpoints whose signature and root were checked.
    pub checkpoints: u64,
    /// Requests that were redacted (their hashes remain).
    pub redacted: u64,
    /// Records after the latest checkpoint: committed since it was signed, so each is checked
    /// against its own hashes but no signed root covers it yet.
    pub unsigned: u64,
    pub damage: Option<Damage>,
}

/// Verifies a log. `trusted` is a signed checkpoint obtained elsewhere (it must verify with `key`).
pub fn verify_log(store: &mut dyn Store, key: &VerifierKey, trusted: Option<&str>) -> Result<Verification, StoreError> {
    let mut checkpoints: Vec<(StoredCheckpoint, bool)> = store.checkpoints()?.into_iter().map(|c| (c, false)).collect();
    let mut report = Verification { records: 0, root: String::new(), checkpoints: 0, redacted: 0, unsigned: 0, damage: None };
    if let Some(note) = trusted {
        match Checkpoint::open(note, key) {
            Ok(head) => checkpoints.push((StoredCheckpoint { size: head.size, note: note.to_owned() }, true)),
            Err(e) => {
                report.damage = Some(Damage { index: 0, kind: DamageKind::ForgedCheckpoint, detail: format!("the given checkpoint: {e}") });
                return Ok(report);
            }
        }
    }
    // A checkpoint of the empty tree covers nothing beyond its signature, checked above.
    checkpoints.retain(|(c, _)| c.size > 0);
    checkpoints.sort_by_key(|(c, _)| c.size);
    let mut frontier = Frontier::default();
    let mut next_checkpoint = 0;
    let mut last_good = 0;
    let mut requests = Requests::default();
    let damage = 'scan: loop {
        let page = store.records(frontier.size(), PAGE)?;
        if page.is_empty() {
            break None;
        }
        for row in page {
            let index = frontier.size();
            if row.position != index {
                break 'scan Some(Damage {
                    index,
                    kind: DamageKind::Deleted,
                    detail: format!("records {index} to {} are missing", row.position - 1),
                });
            }
            match check_record(store, index, &row.record, &row.leaf_hash, &row.decision, &row.decision_id, &mut requests)? {
                Ok(leaf) => frontier.push(leaf),
                Err(damage) => break 'scan Some(damage),
            }
            while let Some((c, _)) = checkpoints.get(next_checkpoint).filter(|(c, _)| c.size == frontier.size()) {
                if let Some(damage) = check_checkpoint(c, key, &frontier.root(), last_good) {
                    break 'scan Some(damage);
                }
                report.checkpoints += 1;
                last_good = c.size;
                next_checkpoint += 1;
            }
        }
    };
    report.redacted = requests.redacted;
    report.records = frontier.size();
    report.unsigned = frontier.size() - last_good;
    report.root = hex(&frontier.root());
    report.damage = damage.or_else(|| {
        // A checkpoint never reached means records were cut off the end.
        checkpoints.get(next_checkpoint).map(|(c, trusted)| Damage {
            index: frontier.size(),
            kind: DamageKind::Truncated,
            detail: format!(
                "{} checkpoint covers {} records but the log holds {}",
                if *trusted { "the given" } else { "a stored" },
                c.size,
                frontier.size()
            ),
        })
    });
    Ok(report)
}

fn check_checkpoint(c: &StoredCheckpoint, key: &VerifierKey, root: &Hash, last_good: u64) -> Option<Damage> {
    match Checkpoint::open(&c.note, key) {
        Err(e) => Some(Damage {
            index: c.size.saturating_sub(1),
            kind: DamageKind::ForgedCheckpoint,
            detail: format!("checkpoint at size {}: {e}", c.size),
        }),
        Ok(head) if head.size != c.size => Some(Damage {
            index: c.size.saturating_sub(1),
            kind: DamageKind::ForgedCheckpoint,
            detail: format!("a checkpoint filed under size {} says size {}", c.size, head.size),
        }),
        Ok(head) if head.root != *root => Some(Damage {
            index: last_good,
            kind: DamageKind::Edited,
            detail: format!(
                "the records from index {last_good} to {} no longer match the root signed at size {}: one of them was changed",
                c.size - 1,
                c.size
            ),
        }),
        Ok(_) => None,
    }
}

/// The requests checked so far in one verification, and how many records' requests were redacted.
#[derive(Default)]
struct Requests {
    /// Request hash → whether it was redacted.
    seen: std::collections::HashMap<String, bool>,
    redacted: u64,
}

impl Requests {
    /// The most request hashes kept; past it they are checked again.
    const KEPT: usize = 100_000;
}

/// Checks one record against its own hashes; returns its leaf hash, or the damage.
fn check_record(
    store: &mut dyn Store,
    index: u64,
    text: &str,
    stored_leaf: &[u8],
    decision: &str,
    decision_id: &str,
    requests: &mut Requests,
) -> Result<Result<Hash, Damage>, StoreError> {
    let edited = |detail: String| Ok(Err(Damage { index, kind: DamageKind::Edited, detail }));
    let record: LogRecord = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => return edited(format!("the record is not a valid log record: {e}")),
    };
    if record.index != index {
        return Ok(Err(Damage {
            index,
            kind: DamageKind::Reordered,
            detail: format!("the record committed at index {} sits at index {index}", record.index),
        }));
    }
    let canonical = record.canonical_bytes();
    if canonical != text.as_bytes() {
        return edited("the record's bytes are not the canonical bytes that were hashed".into());
    }
    let leaf = super::merkle::leaf_hash(&canonical);
    if stored_leaf != leaf {
        return edited("the record does not match its leaf hash".into());
    }
    if record.decision_id != decision_id {
        return edited(format!("the record names decision `{}` but is filed as `{decision_id}`", record.decision_id));
    }
    // The store gives the decision as canonical JSON (`store::assemble`), so its bytes are what
    // `decision_hash` covers; it is parsed only to say what is wrong when they do not match.
    if crate::log::record::sha256_tagged(decision.as_bytes()) != record.decision_hash {
        return match serde_json::from_str::<serde_json::Value>(decision) {
            Err(e) => edited(format!("the stored decision is not JSON: {e}")),
            Ok(d) if content_hash(&d) == record.decision_hash => edited("the stored decision is not in canonical form".into()),
            Ok(_) => edited("the stored decision does not match the record's decision_hash".into()),
        };
    }
    // A request many records share is read and checked once (the last ones seen are kept).
    let redacted = match requests.seen.get(&record.request_hash) {
        Some(&redacted) => redacted,
        None => {
            let redacted = match store.request(&record.request_hash)? {
                StoredRequest::Present(request) => {
                    let value: Option<serde_json::Value> = serde_json::from_str(&request).ok();
                    if value.map(|v| content_hash(&v)).as_deref() != Some(record.request_hash.as_str()) {
                        return edited("the stored request does not match the record's request_hash".into());
                    }
                    false
                }
                StoredRequest::Redacted => true,
                StoredRequest::Missing => return edited("the record's request is missing (not redacted, deleted)".into()),
            };
            if requests.seen.len() >= Requests::KEPT {
                requests.seen.clear();
            }
            requests.seen.insert(record.request_hash.clone(), redacted);
            redacted
        }
    };
    if redacted {
        requests.redacted += 1;
    }
    Ok(Ok(leaf))
}
