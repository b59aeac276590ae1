//! Works and Documents: insert, merge, read back.

use crate::{Store, StoreError, StoreTx};
use quire_model::normalize::{doi as normalize_doi, fold, title_key};
use quire_model::{Document, Work};
use rusqlite::{params, Connection, OptionalExtension};

/// The fields dedup needs to recognise a work, as stored in their own
/// columns so they can be loaded without decoding every record.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkKey {
    pub id: String,
    pub doi: Option<String>,
    pub title_key: String,
    pub first_author: Option<String>,
    pub year: Option<i32>,
}

impl StoreTx<'_> {
    /// Insert a new work. If its id is taken, a numbered suffix makes it
    /// unique; the id actually stored is returned.
    pub fn insert_work(&self, work: &Work) -> Result<String, StoreError> {
        let id = unique_id(&self.tx, &work.id)?;
        let mut stored = work.clone();
        stored.id = id.clone();
        write_work(&self.tx, &stored, true)?;
        Ok(id)
    }

    /// Replace a stored work (after a merge) and count one more merged copy.
    pub fn update_merged_work(&self, work: &Work) -> Result<(), StoreError> {
        write_work(&self.tx, work, false)?;
        self.tx.execute(
            "UPDATE works SET merged_copies = merged_copies + 1 WHERE id = ?1",
            [&work.id],
        )?;
        Ok(())
    }

    pub fn get_work(&self, id: &str) -> Result<Option<Work>, StoreError> {
        get_work(&self.tx, id)
    }

    /// Replace a stored work's record (same id), merged copies unchanged.
    pub fn update_work(&self, work: &Work) -> Result<(), StoreError> {
        write_work(&self.tx, work, false)
    }

    /// Attach (or replace) the full text of a work.
    pub fn put_document(&self, doc: &Document) -> Result<(), StoreError> {
        let pages = serde_json::to_string(&doc.page_starts).unwrap_or_else(|_| "[]".into());
        self.tx.execute(
            "INSERT INTO documents (work_id, format, file, text, page_starts) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(work_id) DO UPDATE SET format = excluded.format, file = excluded.file,
               text = excluded.text, page_starts = excluded.page_starts",
            params![doc.work_id, doc.format, doc.file, doc.text, pages],
        )?;
        Ok(())
    }

    /// Take back what an earlier import of `file` stored, before the
    /// changed file is read again: works only it gave are deleted (with
    /// their full texts and near-duplicate pairs); works it shares with
    /// other files lose its provenance, one merged copy, and its full
    /// text; the attachment links it made as an export go. Screening
    /// decisions and hand codes stay, keyed by work id, for the works the
    /// file gives again. Returns the ids touched.
    pub fn forget_file(&self, file: &str) -> Result<Vec<String>, StoreError> {
        self.forget_links_of(file)?;
        let touched = self.works_from_file(file)?;
        for mut work in touched.iter().cloned() {
            let before = work.provenance.len();
            work.provenance.retain(|p| p.file != file);
            if work.provenance.is_empty() {
                self.tx
                    .execute("DELETE FROM works WHERE id = ?1", [&work.id])?;
                self.tx.execute(
                    "DELETE FROM near_duplicates WHERE a = ?1 OR b = ?1",
                    [&work.id],
                )?;
                continue;
            }
            write_work(&self.tx, &work, false)?;
            let dropped = (before - work.provenance.len()) as i64;
            self.tx.execute(
                "UPDATE works SET merged_copies = MAX(merged_copies - ?2, 0) WHERE id = ?1",
                params![work.id, dropped],
            )?;
            self.tx.execute(
                "DELETE FROM documents WHERE work_id = ?1 AND file = ?2",
                params![work.id, file],
            )?;
        }
        Ok(touched.into_iter().map(|w| w.id).collect())
    }

    /// Every work's comparison keys as this transaction sees them.
    pub fn work_keys(&self) -> Result<Vec<WorkKey>, StoreError> {
        work_keys(&self.tx)
    }

    /// The works that name `file` in their provenance, as this
    /// transaction sees them.
    pub fn works_from_file(&self, file: &str) -> Result<Vec<Work>, StoreError> {
        // The file's name in the stored JSON narrows the scan; the
        // provenance decides.
        let as_json = serde_json::to_string(file).unwrap_or_default();
        let mut stmt = self
            .tx
            .prepare("SELECT id, data FROM works WHERE data LIKE ?1 ESCAPE '\\'")?;
        let rows = stmt.query_map([like_containing(as_json.trim_matches('"'))], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, data) = row?;
            let work = decode(&id, &data)?;
            if work.provenance.iter().any(|p| p.file == file) {
                out.push(work);
            }
        }
        Ok(out)
    }

    /// The full text of a work, if it has one.
    pub fn document_text(&self, work_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .query_row(
                "SELECT text FROM documents WHERE work_id = ?1",
                [work_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The format of a work's full text (`pdf`, `html` …), if it has one.
    pub fn document_format(&self, work_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .query_row(
                "SELECT format FROM documents WHERE work_id = ?1",
                [work_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn has_document(&self, work_id: &str) -> Result<bool, StoreError> {
        Ok(self
            .tx
            .query_row(
                "SELECT 1 FROM documents WHERE work_id = ?1",
                [work_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}

impl Store {
    pub fn get_work(&self, id: &str) -> Result<Option<Work>, StoreError> {
        get_work(&self.conn, id)
    }

    /// Every work, in id order.
    pub fn works(&self) -> Result<Vec<Work>, StoreError> {
        let mut out = Vec::new();
        self.for_each_work(|w| {
            out.push(w);
            Ok(())
        })?;
        Ok(out)
    }

    /// Visit every work in id order without holding them all in memory.
    pub fn for_each_work(
        &self,
        mut visit: impl FnMut(Work) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, data FROM works ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let data: String = row.get(1)?;
            visit(decode(&id, &data)?)?;
        }
        Ok(())
    }

    /// The dedup keys of every stored work.
    pub fn work_keys(&self) -> Result<Vec<WorkKey>, StoreError> {
        work_keys(&self.conn)
    }

    pub fn document(&self, work_id: &str) -> Result<Option<Document>, StoreError> {
        self.conn
            .query_row(
                "SELECT work_id, format, file, text, page_starts FROM documents WHERE work_id = ?1",
                [work_id],
                row_to_document,
            )
            .optional()
            .map_err(StoreError::from)
    }

    /// Every document, in work id order.
    pub fn documents(&self) -> Result<Vec<Document>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT work_id, format, file, text, page_starts FROM documents ORDER BY work_id",
        )?;
        let rows = stmt.query_map([], row_to_document)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Ids of the works that have a full text.
    pub fn document_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT work_id FROM documents")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn count_works(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM works", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    pub fn count_documents(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Number of works per value of a column: `kind`, `source_type` or `year`.
    pub fn count_by(&self, column: GroupBy) -> Result<Vec<(String, usize)>, StoreError> {
        let col = match column {
            GroupBy::Kind => "kind",
            GroupBy::SourceType => "source_type",
            GroupBy::Year => "year",
        };
        let sql = format!("SELECT COALESCE(CAST({col} AS TEXT), 'unknown'), COUNT(*) FROM works GROUP BY 1 ORDER BY 1");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Total number of duplicate copies merged into stored works.
    pub fn count_merged(&self) -> Result<usize, StoreError> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(SUM(merged_copies), 0) FROM works",
            [],
            |r| r.get::<_, i64>(0),
        )? as usize)
    }
}

/// How [`Store::count_by`] groups works.
#[derive(Debug, Clone, Copy)]
pub enum GroupBy {
    Kind,
    SourceType,
    Year,
}

fn row_to_document(r: &rusqlite::Row<'_>) -> rusqlite::Result<Document> {
    let pages: String = r.get(4)?;
    Ok(Document {
        work_id: r.get(0)?,
        format: r.get(1)?,
        file: r.get(2)?,
        text: r.get(3)?,
        page_starts: serde_json::from_str(&pages).unwrap_or_default(),
    })
}

/// Every work's comparison keys, for deduplication.
fn work_keys(conn: &Connection) -> Result<Vec<WorkKey>, StoreError> {
    let mut stmt = conn.prepare("SELECT id, doi, title_key, first_author, year FROM works")?;
    let rows = stmt.query_map([], |r| {
        Ok(WorkKey {
            id: r.get(0)?,
            doi: r.get(1)?,
            title_key: r.get(2)?,
            first_author: r.get(3)?,
            year: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A LIKE pattern matching any text that contains `text`: its `%`, `_`
/// and `\` escaped (with `\`).
fn like_containing(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn decode(id: &str, data: &str) -> Result<Work, StoreError> {
    serde_json::from_str(data).map_err(|e| StoreError::Corrupt {
        id: id.to_string(),
        message: e.to_string(),
    })
}

fn get_work(conn: &Connection, id: &str) -> Result<Option<Work>, StoreError> {
    let data: Option<String> = conn
        .query_row("SELECT data FROM works WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    data.map(|d| decode(id, &d)).transpose()
}

fn unique_id(conn: &Connection, wanted: &str) -> Result<String, StoreError> {
    let base = if wanted.trim().is_empty() {
        "work"
    } else {
        wanted
    };
    let taken = |id: &str| -> Result<bool, StoreError> {
        Ok(conn
            .query_row("SELECT 1 FROM works WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    };
    if !taken(base)? {
        return Ok(base.to_string());
    }
    for n in 2.. {
        let candidate = format!("{base}-{n}");
        if !taken(&candidate)? {
            return Ok(candidate);
        }
    }
    unreachable!("an unbounded counter always finds a free id")
}

fn write_work(conn: &Connection, work: &Work, insert: bool) -> Result<(), StoreError> {
    let data = serde_json::to_string(work).map_err(|e| StoreError::Corrupt {
        id: work.id.clone(),
        message: e.to_string(),
    })?;
    let doi = work.doi.as_deref().and_then(normalize_doi);
    let first_author = work.first_author_family().map(fold);
    let key = title_key(&work.title);
    let sql = if insert {
        "INSERT INTO works (id, doi, openalex_id, title_key, first_author, year, kind, source_type, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    } else {
        "UPDATE works SET doi = ?2, openalex_id = ?3, title_key = ?4, first_author = ?5, year = ?6,
           kind = ?7, source_type = ?8, data = ?9 WHERE id = ?1"
    };
    conn.prepare_cached(sql)?.execute(params![
        work.id,
        doi,
        work.openalex_id,
        key,
        first_author,
        work.year,
        work.kind.as_str(),
        work.source_type.as_str(),
        data
    ])?;
    Ok(())
}
