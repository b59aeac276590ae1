//! Links from a reference manager's export to the files it attached to
//! its records: the attached file (as the review shows its path) belongs
//! to that record's work, whatever title the file itself carries.
//!
//! A link remembers which export named it (so a changed or removed export
//! takes its links with it) and whether the file has been read into its
//! work since the link was made (so a file imported on its own before its
//! export arrived is read again, into the right work).

use crate::{Store, StoreError, StoreTx};
use rusqlite::{params, Connection, OptionalExtension};

/// Where an attached file belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub work_id: String,
    /// The file has been read into that work since the link was made.
    pub read: bool,
}

impl StoreTx<'_> {
    /// Link `file` to `work_id`, as `named_by` (an export) says. A link
    /// that already points there keeps its read state.
    pub fn attach_file(&self, file: &str, work_id: &str, named_by: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO attachments (file, work_id, named_by, read) VALUES (?1, ?2, ?3, 0)
             ON CONFLICT(file) DO UPDATE SET named_by = excluded.named_by,
               read = CASE WHEN attachments.work_id = excluded.work_id THEN attachments.read ELSE 0 END,
               work_id = excluded.work_id",
            params![file, work_id, named_by],
        )?;
        Ok(())
    }

    /// The work `file` is attached to, if its link points to a stored work.
    pub fn attachment(&self, file: &str) -> Result<Option<Attachment>, StoreError> {
        attachment(&self.tx, file)
    }

    /// Note that `file` has been read into the work it is attached to.
    pub fn mark_attachment_read(&self, file: &str) -> Result<(), StoreError> {
        self.tx
            .execute("UPDATE attachments SET read = 1 WHERE file = ?1", [file])?;
        Ok(())
    }

    /// Drop the links an export made (it changed, or is gone).
    pub(crate) fn forget_links_of(&self, named_by: &str) -> Result<(), StoreError> {
        self.tx
            .execute("DELETE FROM attachments WHERE named_by = ?1", [named_by])?;
        Ok(())
    }
}

impl Store {
    /// The work `file` is attached to, if its link points to a stored work.
    pub fn attachment(&self, file: &str) -> Result<Option<Attachment>, StoreError> {
        attachment(&self.conn, file)
    }

    /// The attached files not yet read into their (stored) works, with the
    /// export that names each: missing files, or files that appeared since.
    pub fn unread_attachments(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.file, a.named_by FROM attachments a JOIN works w ON w.id = a.work_id
             WHERE a.read = 0 ORDER BY a.named_by, a.file",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn attachment(conn: &Connection, file: &str) -> Result<Option<Attachment>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT a.work_id, a.read FROM attachments a JOIN works w ON w.id = a.work_id
             WHERE a.file = ?1",
            [file],
            |r| {
                Ok(Attachment {
                    work_id: r.get(0)?,
                    read: r.get::<_, i64>(1)? != 0,
                })
            },
        )
        .optional()?)
}
