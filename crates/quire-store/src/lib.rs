//! The store of a review: the one place where what the review holds is kept.
//!
//! An embedded SQLite database (`.quire/quire.db`, WAL mode) with versioned
//! migrations ([`schema`]). It holds Works (as JSON, with a few columns
//! pulled out for lookups and dedup), Documents, the files already imported
//! (with their content hash, so re-importing adds nothing), the records that
//! were skipped and why, near-duplicate pairs, the files an export
//! attached to its records, screening decisions and manual codes.
//!
//! Writes that belong together go through a [`StoreTx`] so an interrupted
//! import leaves the store as it was before that file. The search index is
//! not kept here: it is a cache rebuilt from the store, and the store's
//! [`Store::generation`] tells whether a cache is current.
//!
//! ```no_run
//! # fn main() -> Result<(), quire_store::StoreError> {
//! let mut store = quire_store::Store::open(std::path::Path::new(".quire/quire.db"))?;
//! let tx = store.transaction()?;
//! // tx.insert_work(&work)?; tx.record_file(...)?;
//! tx.commit()?;
//! # Ok(()) }
//! ```

mod attachments;
mod decisions;
mod embeddings;
mod files;
pub mod schema;
mod works;

pub use attachments::Attachment;
pub use files::{FileRecord, NearDuplicate, SkipRecord};
pub use works::{GroupBy, WorkKey};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored record {id} is corrupt: {message}")]
    Corrupt { id: String, message: String },
    #[error(
        "{path}: the store was written by a newer quire (schema {found}, this build knows {known})"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
}

/// An open review store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Open (creating if needed) the store at `path` and bring its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                    path: shown.clone(),
                    source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
                })?;
            }
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: shown.clone(),
            source,
        })?;
        Self::configure(&conn)?;
        schema::migrate(&conn, &shown)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// An in-memory store, for tests and for coding files without a review.
    pub fn in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        Self::configure(&conn)?;
        schema::migrate(&conn, ":memory:")?;
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
        })
    }

    fn configure(conn: &Connection) -> Result<(), StoreError> {
        // WAL lets readers (search, serve) work while an import writes;
        // NORMAL sync is durable across application crashes, which is the
        // failure we guard against (Ctrl-C, kill -9).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Start a transaction; nothing it writes is visible or durable until
    /// [`StoreTx::commit`]. Dropping it rolls back.
    pub fn transaction(&mut self) -> Result<StoreTx<'_>, StoreError> {
        Ok(StoreTx {
            tx: self.conn.transaction()?,
        })
    }

    /// A counter bumped by every committed change to works or documents.
    /// The search index records the generation it was built from.
    pub fn generation(&self) -> Result<i64, StoreError> {
        schema::get_meta_i64(&self.conn, "generation")
    }
}

/// A write transaction on the store.
pub struct StoreTx<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl StoreTx<'_> {
    pub fn commit(self) -> Result<(), StoreError> {
        let next = schema::get_meta_i64(&self.tx, "generation")? + 1;
        schema::set_meta(&self.tx, "generation", &next.to_string())?;
        self.tx.commit()?;
        Ok(())
    }

    /// Commit changes the search index does not show (a work's reference
    /// list, a flag): the generation stays, so an index that was current
    /// stays current and is not rebuilt for them.
    pub fn commit_unindexed(self) -> Result<(), StoreError> {
        self.tx.commit()?;
        Ok(())
    }

    /// Record whether a one-time step (`key`) has been done on this store
    /// (unset, it runs again).
    pub fn set_flag(&self, key: &str, done: bool) -> Result<(), StoreError> {
        schema::set_meta(&self.tx, key, if done { "1" } else { "0" })
    }
}

impl Store {
    /// Whether the one-time step `key` has been done on this store.
    pub fn flag(&self, key: &str) -> Result<bool, StoreError> {
        Ok(schema::get_meta_i64(&self.conn, key)? == 1)
    }
}

#[cfg(test)]
mod tests;
