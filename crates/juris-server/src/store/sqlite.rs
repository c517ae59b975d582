//! The SQLite store: one file, write-ahead logging, `synchronous=FULL`, so a committed
//! transaction survives a crash or a power cut.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::{NewRecord, Store, StoreError, StoredCheckpoint, StoredRecord, StoredRequest, assemble};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    position INTEGER PRIMARY KEY,
    decision_id TEXT NOT NULL,
    id_key INTEGER NOT NULL,
    record TEXT NOT NULL,
    leaf_hash BLOB NOT NULL,
    body_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_id ON records (id_key);
CREATE TABLE IF NOT EXISTS decisions (hash TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (hash TEXT PRIMARY KEY, request TEXT);
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
";

/// A decision log in a SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Connection,
}

impl SqliteStore {
    /// Opens the file, creating it and its tables when absent.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        // The writer inserts into the records' and decision ids' B-trees at every commit: with
        // SQLite's default 2 MB page cache it spent a third of its time reading back and spilling
        // pages. 64 MB keeps the working set, and fewer, larger WAL checkpoints (every 16,384
        // pages, 64 MB) amortise their copying. Durability is unchanged: every commit is synced.
        connection.pragma_update(None, "cache_size", -65536)?;
        connection.pragma_update(None, "wal_autocheckpoint", 16384)?;
        let earlier: i64 =
            connection.query_row("SELECT COUNT(*) FROM pragma_table_info('records') WHERE name = 'decision'", [], |r| r.get(0))?;
        if earlier > 0 {
            return Err(StoreError::EarlierLayout);
        }
        connection.execute_batch(SCHEMA)?;
        Ok(SqliteStore { connection })
    }
}

/// The key decision ids are looked up by: their first 64 bits (ids are 128 random bits in hex).
/// An index of small integers instead of the 32-character ids keeps the pages each commit touches
/// few: the ids are random, so every insert lands on a different page of the index.
fn id_key(decision_id: &str) -> i64 {
    match decision_id.get(..16).and_then(|h| u64::from_str_radix(h, 16).ok()) {
        Some(k) => k as i64,
        // Not an id this service made: any stable value finds it, compared in full.
        None => decision_id.bytes().fold(0i64, |h, b| h.wrapping_mul(31).wrapping_add(i64::from(b))),
    }
}

fn position(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The columns [`row_to_record`] reads, the body joined from `decisions`.
const RECORD_COLUMNS: &str =
    "SELECT r.position, r.decision_id, r.record, r.leaf_hash, d.body FROM records r LEFT JOIN decisions d ON d.hash = r.body_hash";

fn row_to_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRecord> {
    let decision_id: String = row.get(1)?;
    let body: Option<String> = row.get(4)?;
    Ok(StoredRecord {
        position: u64::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
        decision: assemble(body.as_deref(), &decision_id),
        decision_id,
        record: row.get(2)?,
        leaf_hash: row.get(3)?,
    })
}

impl Store for SqliteStore {
    fn append(&mut self, records: &[NewRecord], checkpoint: Option<&StoredCheckpoint>) -> Result<(), StoreError> {
        let tx = self.connection.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO records (position, decision_id, id_key, record, leaf_hash, body_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut decision = tx.prepare_cached("INSERT OR IGNORE INTO decisions (hash, body) VALUES (?1, ?2)")?;
            let mut request = tx.prepare_cached("INSERT OR IGNORE INTO requests (hash, request) VALUES (?1, ?2)")?;
            // A group often repeats a body or a request: each is written once per group.
            let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
            for r in records {
                insert.execute(params![
                    position(r.index),
                    r.decision_id,
                    id_key(&r.decision_id),
                    r.record,
                    &r.leaf_hash[..],
                    &*r.body_hash
                ])?;
                if seen.insert(&r.body_hash) {
                    decision.execute(params![&*r.body_hash, &*r.body])?;
                }
                if seen.insert(&r.request_hash) {
                    request.execute(params![&*r.request_hash, &*r.request])?;
                }
            }
            if let Some(checkpoint) = checkpoint {
                tx.prepare_cached("INSERT OR REPLACE INTO checkpoints (size, note) VALUES (?1, ?2)")?
                    .execute(params![position(checkpoint.size), checkpoint.note])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn record_count(&mut self) -> Result<u64, StoreError> {
        let n: i64 = self.connection.query_row("SELECT COUNT(*) FROM records", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn records(&mut self, from: u64, limit: usize) -> Result<Vec<StoredRecord>, StoreError> {
        let mut statement =
            self.connection.prepare_cached(&format!("{RECORD_COLUMNS} WHERE r.position >= ?1 ORDER BY r.position LIMIT ?2"))?;
        let rows = statement.query_map(params![position(from), i64::try_from(limit).unwrap_or(i64::MAX)], row_to_record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn record_by_id(&mut self, decision_id: &str) -> Result<Option<StoredRecord>, StoreError> {
        let mut statement = self.connection.prepare_cached(&format!("{RECORD_COLUMNS} WHERE r.id_key = ?1 AND r.decision_id = ?2"))?;
        Ok(statement.query_row(params![id_key(decision_id), decision_id], row_to_record).optional()?)
    }

    fn request(&mut self, hash: &str) -> Result<StoredRequest, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT request FROM requests WHERE hash = ?1")?;
        let found: Option<Option<String>> = statement.query_row(params![hash], |r| r.get(0)).optional()?;
        Ok(match found {
            None => StoredRequest::Missing,
            Some(None) => StoredRequest::Redacted,
            Some(Some(text)) => StoredRequest::Present(text),
        })
    }

    fn redact(&mut self, hash: &str) -> Result<bool, StoreError> {
        let n = self.connection.execute("UPDATE requests SET request = NULL WHERE hash = ?1 AND request IS NOT NULL", params![hash])?;
        Ok(n > 0)
    }

    fn checkpoints(&mut self) -> Result<Vec<StoredCheckpoint>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT size, note FROM checkpoints ORDER BY size")?;
        let rows =
            statement.query_map([], |r| Ok(StoredCheckpoint { size: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0), note: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1")?;
        Ok(statement
            .query_row([], |r| Ok(StoredCheckpoint { size: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0), note: r.get(1)? }))
            .optional()?)
    }

    fn setting(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.connection.query_row("SELECT value FROM settings WHERE key = ?1", params![key], |r| r.get(0)).optional()?)
    }

    fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.connection.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", params![key, value])?;
        Ok(())
    }

    fn check_writable(&mut self) -> Result<(), StoreError> {
        // A write that changes nothing still needs the write lock and a writable file.
        self.connection.execute("UPDATE settings SET value = value WHERE key = ''", [])?;
        Ok(())
    }
}
