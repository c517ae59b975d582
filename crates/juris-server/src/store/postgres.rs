//! The PostgreSQL store, for `--log postgres://...`: the same tables as SQLite; a commit returns
//! once PostgreSQL has flushed it (`synchronous_commit` is left on).

use postgres::{Client, NoTls};

use super::{NewRecord, Store, StoreError, StoredCheckpoint, StoredRecord, StoredRequest};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS juris_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS juris_records (
    position BIGINT PRIMARY KEY,
    decision_id TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL,
    leaf_hash BYTEA NOT NULL,
    decision TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS juris_requests (hash TEXT PRIMARY KEY, request TEXT);
CREATE TABLE IF NOT EXISTS juris_checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL);
";

/// A decision log in PostgreSQL tables named `juris_*`.
pub struct PostgresStore {
    client: Client,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore").finish_non_exhaustive()
    }
}

impl PostgresStore {
    /// Connects and creates the tables when absent.
    pub fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let mut client = Client::connect(url, NoTls)?;
        client.batch_execute(SCHEMA)?;
        Ok(PostgresStore { client })
    }
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn unsigned(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn to_record(row: &postgres::Row) -> StoredRecord {
    StoredRecord {
        position: unsigned(row.get(0)),
        decision_id: row.get(1),
        record: row.get(2),
        leaf_hash: row.get(3),
        decision: row.get(4),
    }
}

impl Store for PostgresStore {
    fn append(&mut self, records: &[NewRecord], checkpoint: Option<&StoredCheckpoint>) -> Result<(), StoreError> {
        let mut tx = self.client.transaction()?;
        let insert =
            tx.prepare("INSERT INTO juris_records (position, decision_id, record, leaf_hash, decision) VALUES ($1, $2, $3, $4, $5)")?;
        let request = tx.prepare("INSERT INTO juris_requests (hash, request) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING")?;
        for r in records {
            tx.execute(&insert, &[&signed(r.index), &r.decision_id, &r.record, &&r.leaf_hash[..], &r.decision])?;
            tx.execute(&request, &[&r.request_hash, &r.request])?;
        }
        if let Some(checkpoint) = checkpoint {
            tx.execute(
                "INSERT INTO juris_checkpoints (size, note) VALUES ($1, $2) ON CONFLICT (size) DO UPDATE SET note = EXCLUDED.note",
                &[&signed(checkpoint.size), &checkpoint.note],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn record_count(&mut self) -> Result<u64, StoreError> {
        let row = self.client.query_one("SELECT COUNT(*) FROM juris_records", &[])?;
        Ok(unsigned(row.get(0)))
    }

    fn records(&mut self, from: u64, limit: usize) -> Result<Vec<StoredRecord>, StoreError> {
        let rows = self.client.query(
            "SELECT position, decision_id, record, leaf_hash, decision FROM juris_records WHERE position >= $1 ORDER BY position LIMIT $2",
            &[&signed(from), &i64::try_from(limit).unwrap_or(i64::MAX)],
        )?;
        Ok(rows.iter().map(to_record).collect())
    }

    fn record_by_id(&mut self, decision_id: &str) -> Result<Option<StoredRecord>, StoreError> {
        let row = self.client.query_opt(
            "SELECT position, decision_id, record, leaf_hash, decision FROM juris_records WHERE decision_id = $1",
            &[&decision_id],
        )?;
        Ok(row.as_ref().map(to_record))
    }

    fn request(&mut self, hash: &str) -> Result<StoredRequest, StoreError> {
        let row = self.client.query_opt("SELECT request FROM juris_requests WHERE hash = $1", &[&hash])?;
        Ok(match row {
            None => StoredRequest::Missing,
            Some(row) => match row.get::<_, Option<String>>(0) {
                None => StoredRequest::Redacted,
                Some(text) => StoredRequest::Present(text),
            },
        })
    }

    fn redact(&mut self, hash: &str) -> Result<bool, StoreError> {
        let n = self.client.execute("UPDATE juris_requests SET request = NULL WHERE hash = $1 AND request IS NOT NULL", &[&hash])?;
        Ok(n > 0)
    }

    fn checkpoints(&mut self) -> Result<Vec<StoredCheckpoint>, StoreError> {
        let rows = self.client.query("SELECT size, note FROM juris_checkpoints ORDER BY size", &[])?;
        Ok(rows.iter().map(|r| StoredCheckpoint { size: unsigned(r.get(0)), note: r.get(1) }).collect())
    }

    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError> {
        let row = self.client.query_opt("SELECT size, note FROM juris_checkpoints ORDER BY size DESC LIMIT 1", &[])?;
        Ok(row.map(|r| StoredCheckpoint { size: unsigned(r.get(0)), note: r.get(1) }))
    }

    fn setting(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        let row = self.client.query_opt("SELECT value FROM juris_settings WHERE key = $1", &[&key])?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.client.execute(
            "INSERT INTO juris_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            &[&key, &value],
        )?;
        Ok(())
    }

    fn check_writable(&mut self) -> Result<(), StoreError> {
        self.client.execute("UPDATE juris_settings SET value = value WHERE key = ''", &[])?;
        Ok(())
    }
}
