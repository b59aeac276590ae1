//! The database schema and its migrations. Each migration is applied once,
//! in order, inside a transaction; `PRAGMA user_version` records how far a
//! database has come.

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension};

/// Migrations in order; index i brings the schema from version i to i+1.
const MIGRATIONS: &[&str] = &[
    // 1: the foundation.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     INSERT INTO meta (key, value) VALUES ('generation', '0');
     CREATE TABLE works (
        id TEXT PRIMARY KEY,
        doi TEXT,
        openalex_id TEXT,
        title_key TEXT NOT NULL,
        first_author TEXT,
        year INTEGER,
        kind TEXT NOT NULL,
        source_type TEXT NOT NULL,
        data TEXT NOT NULL,
        merged_copies INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX works_doi ON works(doi);
     CREATE TABLE documents (
        work_id TEXT PRIMARY KEY REFERENCES works(id) ON DELETE CASCADE,
        format TEXT NOT NULL,
        file TEXT NOT NULL,
        text TEXT NOT NULL,
        page_starts TEXT NOT NULL
     );
     CREATE TABLE files (
        path TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        format TEXT,
        records INTEGER NOT NULL,
        added INTEGER NOT NULL,
        merged INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        imported_at TEXT NOT NULL
     );
     CREATE TABLE skips (
        file TEXT NOT NULL,
        line INTEGER,
        message TEXT NOT NULL
     );
     CREATE INDEX skips_file ON skips(file);
     CREATE TABLE near_duplicates (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        similarity REAL NOT NULL,
        PRIMARY KEY (a, b)
     );",
    // 2: screening decisions and manual codes.
    "CREATE TABLE decisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        work_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        label TEXT NOT NULL,
        reason TEXT,
        note TEXT,
        at TEXT NOT NULL,
        retracted INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX decisions_work ON decisions(work_id, stage, reviewer);
     CREATE TABLE manual_codes (
        work_id TEXT NOT NULL,
        passage INTEGER NOT NULL,
        category TEXT NOT NULL,
        coder TEXT NOT NULL,
        PRIMARY KEY (work_id, passage, category, coder)
     );",
    // 3: files a reference manager's export attached to its records.
    "CREATE TABLE attachments (
        file TEXT PRIMARY KEY,
        work_id TEXT NOT NULL,
        named_by TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX attachments_named_by ON attachments(named_by);",
    // 4: sentence embeddings of passages, by encoder and passage text (a
    // cache: dropping it costs only time).
    "CREATE TABLE embeddings (
        model TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (model, text_hash)
     );",
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrate(conn: &Connection, shown: &str) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: shown.to_string(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

pub(crate) fn get_meta_i64(conn: &Connection, key: &str) -> Result<i64, StoreError> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
