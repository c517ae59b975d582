//! The PostgreSQL store, for `--log postgres://...`: the same tables as SQLite; a commit returns
//! once PostgreSQL has flushed it (`synchronous_commit` is left on). A connection that was lost
//! (the server restarted, the backend was terminated) is made again at the next operation, so
//! the service recovers by itself once the database is back.

use postgres::{Client, NoTls};

use super::{NewRecord, Store, StoreError, StoredCheckpoint, StoredRecord, StoredRequest, assemble};

/// The columns [`to_record`] reads, the body joined from `juris_decisions`.
const RECORD_COLUMNS: &str = "SELECT r.position, r.decision_id, r.record, r.leaf_hash, d.body \
     FROM juris_records r LEFT JOIN juris_decisions d ON d.hash = r.body_hash";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS juris_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS juris_records (
    position BIGINT PRIMARY KEY,
    decision_id TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL,
    leaf_hash BYTEA NOT NULL,
    body_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS juris_decisions (hash TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS juris_requests (hash TEXT PRIMARY KEY, request TEXT);
CREATE TABLE IF NOT EXISTS juris_checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL);
";

/// A decision log in PostgreSQL tables named `juris_*`.
pub struct PostgresStore {
    url: String,
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
        let earlier = client.query_one(
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'juris_records' AND column_name = 'decision'",
            &[],
        )?;
        if earlier.get::<_, i64>(0) > 0 {
            return Err(StoreError::EarlierLayout);
        }
        client.batch_execute(SCHEMA)?;
        Ok(PostgresStore { url: url.to_owned(), client })
    }

    fn try_append(client: &mut Client, records: &[NewRecord], checkpoint: Option<&StoredCheckpoint>) -> Result<(), StoreError> {
        let mut tx = client.transaction()?;
        let insert =
            tx.prepare("INSERT INTO juris_records (position, decision_id, record, leaf_hash, body_hash) VALUES ($1, $2, $3, $4, $5)")?;
        let decision = tx.prepare("INSERT INTO juris_decisions (hash, body) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING")?;
        let request = tx.prepare("INSERT INTO juris_requests (hash, request) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING")?;
        // A group often repeats a body or a request: each is written once per group.
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for r in records {
            tx.execute(&insert, &[&signed(r.index), &r.decision_id, &r.record, &&r.leaf_hash[..], &&*r.body_hash])?;
            if seen.insert(&r.body_hash) {
                tx.execute(&decision, &[&&*r.body_hash, &&*r.body])?;
            }
            if seen.insert(&r.request_hash) {
                tx.execute(&request, &[&&*r.request_hash, &&*r.request])?;
            }
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

    /// Runs `op` on the connection; when it fails because the connection was lost (a lost idle
    /// connection is only noticed by the statement that uses it), once more on a new one. Safe
    /// for every operation here: reads repeat, and a repeated append fails on its unique
    /// positions rather than logging twice.
    fn retrying<T>(&mut self, mut op: impl FnMut(&mut Client) -> Result<T, StoreError>) -> Result<T, StoreError> {
        match op(self.client()?) {
            Err(e) if self.client.is_closed() => {
                tracing::warn!(error = %e, "the PostgreSQL connection was lost; trying once more on a new one");
                op(self.client()?)
            }
            other => other,
        }
    }

    /// The connection, made again first when the last one was lost.
    fn client(&mut self) -> Result<&mut Client, StoreError> {
        if self.client.is_closed() {
            self.client = Client::connect(&self.url, NoTls)?;
            tracing::info!("reconnected to the PostgreSQL decision log");
        }
        Ok(&mut self.client)
    }
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn unsigned(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn to_record(row: &postgres::Row) -> StoredRecord {
    let decision_id: String = row.get(1);
    let body: Option<String> = row.get(4);
    StoredRecord {
        position: unsigned(row.get(0)),
        decision: assemble(body.as_deref(), &decision_id),
        decision_id,
        record: row.get(2),
        leaf_hash: row.get(3),
    }
}

impl Store for PostgresStore {
    fn append(&mut self, records: &[NewRecord], checkpoint: Option<&StoredCheckpoint>) -> Result<(), StoreError> {
        self.retrying(|client| PostgresStore::try_append(client, records, checkpoint))
    }

    fn record_count(&mut self) -> Result<u64, StoreError> {
        let row = self.retrying(|client| Ok(client.query_one("SELECT COUNT(*) FROM juris_records", &[])?))?;
        Ok(unsigned(row.get(0)))
    }

    fn records(&mut self, from: u64, limit: usize) -> Result<Vec<StoredRecord>, StoreError> {
        let rows = self.retrying(|client| {
            Ok(client.query(
                &format!("{RECORD_COLUMNS} WHERE r.position >= $1 ORDER BY r.position LIMIT $2"),
                &[&signed(from), &i64::try_from(limit).unwrap_or(i64::MAX)],
            )?)
        })?;
        Ok(rows.iter().map(to_record).collect())
    }

    fn record_by_id(&mut self, decision_id: &str) -> Result<Option<StoredRecord>, StoreError> {
        let row = self.retrying(|client| Ok(client.query_opt(&format!("{RECORD_COLUMNS} WHERE r.decision_id = $1"), &[&decision_id])?))?;
        Ok(row.as_ref().map(to_record))
    }

    fn request(&mut self, hash: &str) -> Result<StoredRequest, StoreError> {
        let row = self.retrying(|client| Ok(client.query_opt("SELECT request FROM juris_requests WHERE hash = $1", &[&hash])?))?;
        Ok(match row {
            None => StoredRequest::Missing,
            Some(row) => match row.get::<_, Option<String>>(0) {
                None => StoredRequest::Redacted,
                Some(text) => StoredRequest::Present(text),
            },
        })
    }

    fn redact(&mut self, hash: &str) -> Result<bool, StoreError> {
        let n = self.retrying(|client| {
            Ok(client.execute("UPDATE juris_requests SET request = NULL WHERE hash = $1 AND request IS NOT NULL", &[&hash])?)
        })?;
        Ok(n > 0)
    }

    fn checkpoints(&mut self) -> Result<Vec<StoredCheckpoint>, StoreError> {
        let rows = self.retrying(|client| Ok(client.query("SELECT size, note FROM juris_checkpoints ORDER BY size", &[])?))?;
        Ok(rows.iter().map(|r| StoredCheckpoint { size: unsigned(r.get(0)), note: r.get(1) }).collect())
    }

    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError> {
        let row =
            self.retrying(|client| Ok(client.query_opt("SELECT size, note FROM juris_checkpoints ORDER BY size DESC LIMIT 1", &[])?))?;
        Ok(row.map(|r| StoredCheckpoint { size: unsigned(r.get(0)), note: r.get(1) }))
    }

    fn setting(&mut self, key: &str) -> Result<Option<String>, StoreError> {
        let row = self.retrying(|client| Ok(client.query_opt("SELECT value FROM juris_settings WHERE key = $1", &[&key])?))?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.retrying(|client| {
            Ok(client.execute(
                "INSERT INTO juris_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                &[&key, &value],
            )?)
        })?;
        Ok(())
    }

    fn check_writable(&mut self) -> Result<(), StoreError> {
        self.retrying(|client| Ok(client.execute("UPDATE juris_settings SET value = value WHERE key = ''", &[])?))?;
        Ok(())
    }
}
