//! Imported files (with content hashes, so re-importing adds nothing), the
//! records skipped in them, and near-duplicate pairs left for the user.

use crate::{Store, StoreError, StoreTx};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// What one import of one file did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileRecord {
    pub path: String,
    pub hash: String,
    pub format: Option<String>,
    pub records: usize,
    pub added: usize,
    pub merged: usize,
    pub skipped: usize,
    pub imported_at: String,
}

/// A record that could not be imported, with where and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkipRecord {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for SkipRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Two works similar enough to look alike but below the merge threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearDuplicate {
    pub a: String,
    pub b: String,
    pub similarity: f64,
}

impl StoreTx<'_> {
    /// Record that `file.path` with content `file.hash` has been imported,
    /// replacing the skips of any earlier import of that path.
    pub fn record_file(&self, file: &FileRecord, skips: &[SkipRecord]) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO files (path, hash, format, records, added, merged, skipped, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(path) DO UPDATE SET hash = excluded.hash, format = excluded.format,
               records = excluded.records, added = excluded.added, merged = excluded.merged,
               skipped = excluded.skipped, imported_at = excluded.imported_at",
            params![
                file.path,
                file.hash,
                file.format,
                file.records as i64,
                file.added as i64,
                file.merged as i64,
                file.skipped as i64,
                file.imported_at
            ],
        )?;
        self.tx
            .execute("DELETE FROM skips WHERE file = ?1", [&file.path])?;
        let mut stmt = self
            .tx
            .prepare_cached("INSERT INTO skips (file, line, message) VALUES (?1, ?2, ?3)")?;
        for s in skips {
            stmt.execute(params![s.file, s.line.map(|l| l as i64), s.message])?;
        }
        Ok(())
    }

    /// Forget that `path` was ever imported (its record and its skips).
    pub fn forget_file_record(&self, path: &str) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM files WHERE path = ?1", [path])?;
        self.tx
            .execute("DELETE FROM skips WHERE file = ?1", [path])?;
        Ok(())
    }

    pub fn record_near_duplicate(&self, pair: &NearDuplicate) -> Result<(), StoreError> {
        let (a, b) = if pair.a <= pair.b {
            (&pair.a, &pair.b)
        } else {
            (&pair.b, &pair.a)
        };
        self.tx.execute(
            "INSERT OR REPLACE INTO near_duplicates (a, b, similarity) VALUES (?1, ?2, ?3)",
            params![a, b, pair.similarity],
        )?;
        Ok(())
    }
}

impl Store {
    /// The content hash recorded for a file path, if it was imported.
    pub fn file_hash(&self, path: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT hash FROM files WHERE path = ?1", [path], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn files(&self) -> Result<Vec<FileRecord>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT path, hash, format, records, added, merged, skipped, imported_at FROM files ORDER BY path",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FileRecord {
                path: r.get(0)?,
                hash: r.get(1)?,
                format: r.get(2)?,
                records: r.get::<_, i64>(3)? as usize,
                added: r.get::<_, i64>(4)? as usize,
                merged: r.get::<_, i64>(5)? as usize,
                skipped: r.get::<_, i64>(6)? as usize,
                imported_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn skips(&self) -> Result<Vec<SkipRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT file, line, message FROM skips ORDER BY file, line")?;
        let rows = stmt.query_map([], |r| {
            Ok(SkipRecord {
                file: r.get(0)?,
                line: r.get::<_, Option<i64>>(1)?.map(|l| l as usize),
                message: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn near_duplicates(&self) -> Result<Vec<NearDuplicate>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT a, b, similarity FROM near_duplicates ORDER BY similarity DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(NearDuplicate {
                a: r.get(0)?,
                b: r.get(1)?,
                similarity: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
