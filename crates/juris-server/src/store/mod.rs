//! Where the decision log lives: one [`Store`] trait, with SQLite (the default) and PostgreSQL
//! behind it, chosen by the `--log` URL.
//!
//! A store keeps five things: records (their canonical JSON and leaf hash), decisions apart,
//! keyed by the hash of their body (the decision without its `decision_id`, so that every record
//! of the same answer to the same request shares one stored body), requests apart, keyed by their
//! hash (so that a person's facts can be redacted without breaking verification), the signed
//! checkpoints, and a few settings (origin, verifier key). A record's full decision is its body
//! with the record's `decision_id` put back ([`assemble`]); that is what its `decision_hash`
//! covers.

mod postgres;
mod sqlite;

use std::path::PathBuf;

use crate::log::merkle::Hash;

pub use self::postgres::PostgresStore;
pub use self::sqlite::SqliteStore;

/// A failure of the log's storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] ::postgres::Error),
    #[error("the log is damaged: {0}")]
    Damaged(String),
    #[error("`{0}` is not a log location: give a file path, `sqlite:PATH` or `postgres://...`")]
    BadUrl(String),
    #[error(
        "this log was written by an earlier juris, which kept a copy of each decision in its record; \
         export it with that version (`juris log export`) or start a new log"
    )]
    EarlierLayout,
}

/// One record ready to be appended.
#[derive(Debug, Clone)]
pub struct NewRecord {
    pub index: u64,
    pub decision_id: String,
    /// The record's canonical bytes, as UTF-8.
    pub record: String,
    pub leaf_hash: Hash,
    /// The decision's canonical JSON without its `decision_id`, stored once per distinct body.
    pub body: std::sync::Arc<str>,
    /// `sha256:` and the hex of the body's bytes: the key it is stored under.
    pub body_hash: std::sync::Arc<str>,
    pub request_hash: std::sync::Arc<str>,
    /// The request's canonical JSON.
    pub request: std::sync::Arc<str>,
}

/// One record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    /// The position the store files it under.
    pub position: u64,
    pub decision_id: String,
    pub record: String,
    pub leaf_hash: Vec<u8>,
    /// The full decision JSON (its body with the `decision_id` put back); empty when its body is
    /// missing from the store.
    pub decision: String,
}

/// The full decision of a record: the stored body with `decision_id` put back, as canonical
/// JSON. A body that is not a JSON object is returned as it is, so that verification reports it.
///
/// Many records share a body, so each body's canonical bytes are cut once around its
/// `decision_id` member and kept (per thread, up to [`TEMPLATE_BYTES`]); a record's decision is
/// then the two parts with its id, escaped as canonical JSON escapes it, between them.
pub fn assemble(body: Option<&str>, decision_id: &str) -> String {
    let Some(body) = body else { return String::new() };
    TEMPLATES.with(|templates| {
        let mut templates = templates.borrow_mut();
        if !templates.0.contains_key(body) {
            if templates.1 + body.len() > TEMPLATE_BYTES {
                templates.0.clear();
                templates.1 = 0;
            }
            let template = template(body);
            templates.1 += body.len();
            templates.0.insert(body.to_owned(), template);
        }
        match &templates.0[body] {
            Some((before, after)) => {
                let id = serde_json::to_string(decision_id).unwrap_or_default();
                let mut out = String::with_capacity(before.len() + id.len() + after.len());
                out.push_str(before);
                out.push_str(&id);
                out.push_str(after);
                out
            }
            None => body.to_owned(),
        }
    })
}

/// The most bytes of bodies whose cut canonical bytes a thread keeps.
pub const TEMPLATE_BYTES: usize = 32 << 20;

type Templates = (std::collections::HashMap<String, Option<(String, String)>>, usize);

thread_local! {
    static TEMPLATES: std::cell::RefCell<Templates> = std::cell::RefCell::new((std::collections::HashMap::new(), 0));
}

/// A body's canonical bytes with `decision_id` added, cut before and after the id's value; `None`
/// when the body is not a JSON object.
fn template(body: &str) -> Option<(String, String)> {
    let serde_json::Value::Object(fields) = serde_json::from_str::<serde_json::Value>(body).ok()? else { return None };
    let mut parts = crate::log::record::cut_around(fields, &["decision_id"])?.into_iter();
    let mut before = String::from_utf8(parts.next()?).ok()?;
    before.push_str(",\"decision_id\":");
    Some((before, String::from_utf8(parts.next()?).ok()?))
}

/// A signed checkpoint as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCheckpoint {
    pub size: u64,
    pub note: String,
}

/// What a request lookup finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredRequest {
    Present(String),
    Redacted,
    Missing,
}

/// The storage of a decision log.
pub trait Store: Send {
    /// Appends records, and a checkpoint when one is given, in one transaction, durably.
    fn append(&mut self, records: &[NewRecord], checkpoint: Option<&StoredCheckpoint>) -> Result<(), StoreError>;
    /// The number of records.
    fn record_count(&mut self) -> Result<u64, StoreError>;
    /// Up to `limit` records from position `from` on, in position order.
    fn records(&mut self, from: u64, limit: usize) -> Result<Vec<StoredRecord>, StoreError>;
    /// The record with a decision id.
    fn record_by_id(&mut self, decision_id: &str) -> Result<Option<StoredRecord>, StoreError>;
    /// A request by its hash.
    fn request(&mut self, hash: &str) -> Result<StoredRequest, StoreError>;
    /// Removes a request's content, keeping its hash; true when there was one to remove.
    fn redact(&mut self, hash: &str) -> Result<bool, StoreError>;
    /// Every stored checkpoint, by size.
    fn checkpoints(&mut self) -> Result<Vec<StoredCheckpoint>, StoreError>;
    /// The latest checkpoint.
    fn latest_checkpoint(&mut self) -> Result<Option<StoredCheckpoint>, StoreError>;
    /// A setting.
    fn setting(&mut self, key: &str) -> Result<Option<String>, StoreError>;
    /// Sets a setting, durably.
    fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Checks that the store can still be written (for readiness).
    fn check_writable(&mut self) -> Result<(), StoreError>;
}

/// Where a log lives, parsed from `--log`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogLocation {
    Sqlite(PathBuf),
    Postgres(String),
}

impl LogLocation {
    /// Parses a file path, `sqlite:PATH`, or a `postgres://` / `postgresql://` URL.
    pub fn parse(url: &str) -> Result<LogLocation, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(LogLocation::Postgres(url.to_owned()));
        }
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        if path.is_empty() || url.contains("://") && !url.starts_with("sqlite://") {
            return Err(StoreError::BadUrl(url.to_owned()));
        }
        Ok(LogLocation::Sqlite(PathBuf::from(path)))
    }

    /// Opens (creating when absent) the store.
    pub fn open(&self) -> Result<Box<dyn Store>, StoreError> {
        Ok(match self {
            LogLocation::Sqlite(path) => Box::new(SqliteStore::open(path)?),
            LogLocation::Postgres(url) => Box::new(PostgresStore::open(url)?),
        })
    }

    /// For messages; a PostgreSQL URL's password is hidden.
    pub fn describe(&self) -> String {
        match self {
            LogLocation::Sqlite(path) => format!("`{}`", path.display()),
            LogLocation::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => format!("`{}://…@{}`", &url[..scheme], &url[at + 1..]),
                _ => format!("`{url}`"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The spliced decision is exactly the canonical bytes of the body with the id added, for ids
    /// that need escaping too, the second time (from the kept template) as the first.
    #[test]
    fn assembling_splices_the_id_into_the_canonical_body() {
        let body = r#"{"action":"hold","corpus":"c","deciding":[{"rule":"a#b","text":"\"quoted\" é"}],"jurisdiction":"us-md","z":1}"#;
        for id in ["0123456789abcdef0123456789abcdef", "with \"quotes\" and \\ and \u{1}", ""] {
            let mut value: serde_json::Value = serde_json::from_str(body).unwrap();
            value["decision_id"] = serde_json::Value::String(id.to_owned());
            let expected = String::from_utf8(crate::log::record::canonical_bytes(&value)).unwrap();
            assert_eq!(assemble(Some(body), id), expected);
            assert_eq!(assemble(Some(body), id), expected);
        }
        assert_eq!(assemble(Some("[1, 2]"), "x"), "[1, 2]", "a body that is not an object is returned as it is");
        assert_eq!(assemble(None, "x"), "");
    }

    #[test]
    fn log_urls_parse() {
        assert_eq!(LogLocation::parse("juris-log.sqlite").unwrap(), LogLocation::Sqlite("juris-log.sqlite".into()));
        assert_eq!(LogLocation::parse("sqlite:/tmp/a.db").unwrap(), LogLocation::Sqlite("/tmp/a.db".into()));
        assert!(matches!(LogLocation::parse("postgres://u:p@localhost/db").unwrap(), LogLocation::Postgres(_)));
        assert!(LogLocation::parse("mysql://x").is_err());
        assert!(LogLocation::parse("").is_err());
        assert_eq!(LogLocation::parse("postgres://u:secret@h/db").unwrap().describe(), "`postgres://…@h/db`");
    }
}
