//! Screening decisions and manual codes. Every decision is written at once
//! (nothing is lost on a crash); undo retracts the latest one instead of
//! deleting it, so the audit trail stays complete.

use crate::{Store, StoreError, StoreTx};
use quire_model::{Decision, DecisionLabel, ScreeningStage};
use rusqlite::params;
use std::collections::HashSet;

fn stage_str(stage: ScreeningStage) -> &'static str {
    match stage {
        ScreeningStage::Abstract => "abstract",
        ScreeningStage::Fulltext => "fulltext",
    }
}

fn label_str(label: DecisionLabel) -> &'static str {
    match label {
        DecisionLabel::Include => "include",
        DecisionLabel::Exclude => "exclude",
        DecisionLabel::Maybe => "maybe",
    }
}

fn parse_label(s: &str) -> DecisionLabel {
    match s {
        "include" => DecisionLabel::Include,
        "exclude" => DecisionLabel::Exclude,
        _ => DecisionLabel::Maybe,
    }
}

impl Store {
    /// Write one decision, durably, in its own transaction.
    pub fn record_decision(&mut self, d: &Decision) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO decisions (work_id, stage, reviewer, label, reason, note, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![d.work_id, stage_str(d.stage), d.reviewer, label_str(d.label), d.reason, d.note, d.at],
        )?;
        Ok(())
    }

    /// Retract the reviewer's latest decision at a stage (undo). Returns the
    /// work id it was about, if any.
    pub fn undo_decision(
        &mut self,
        stage: ScreeningStage,
        reviewer: &str,
    ) -> Result<Option<String>, StoreError> {
        let tx = self.conn.transaction()?;
        let last: Option<(i64, String)> = {
            let mut stmt = tx.prepare(
                "SELECT seq, work_id FROM decisions WHERE stage = ?1 AND reviewer = ?2 AND retracted = 0
                 ORDER BY seq DESC LIMIT 1",
            )?;
            let mut rows = stmt.query(params![stage_str(stage), reviewer])?;
            match rows.next()? {
                Some(r) => Some((r.get(0)?, r.get(1)?)),
                None => None,
            }
        };
        if let Some((seq, _)) = &last {
            tx.execute("UPDATE decisions SET retracted = 1 WHERE seq = ?1", [seq])?;
        }
        tx.commit()?;
        Ok(last.map(|(_, id)| id))
    }

    /// The current decisions at a stage: for each (work, reviewer) the
    /// latest decision not retracted, in the order they were made.
    pub fn decisions(&self, stage: ScreeningStage) -> Result<Vec<Decision>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT work_id, reviewer, label, reason, note, at FROM decisions d
             WHERE stage = ?1 AND retracted = 0 AND seq = (
               SELECT MAX(seq) FROM decisions e WHERE e.work_id = d.work_id AND e.reviewer = d.reviewer
                 AND e.stage = d.stage AND e.retracted = 0)
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([stage_str(stage)], |r| {
            Ok(Decision {
                work_id: r.get(0)?,
                stage,
                reviewer: r.get(1)?,
                label: parse_label(&r.get::<_, String>(2)?),
                reason: r.get(3)?,
                note: r.get(4)?,
                at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Add manual codes (work, passage ordinal, category, coder); existing
    /// ones are kept, not duplicated. Returns how many were new.
    pub fn add_manual_codes(
        &mut self,
        codes: &[(String, usize, String, String)],
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO manual_codes (work_id, passage, category, coder) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (work, passage, category, coder) in codes {
                added += stmt.execute(params![work, *passage as i64, category, coder])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Every manual code as (work, passage ordinal, category, coder).
    pub fn manual_codes(&self) -> Result<Vec<(String, usize, String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT work_id, passage, category, coder FROM manual_codes ORDER BY work_id, passage, category")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get(2)?,
                r.get(3)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl StoreTx<'_> {
    /// The works some screening decision or hand code names.
    pub fn reviewed_work_ids(&self) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self
            .tx
            .prepare("SELECT work_id FROM decisions UNION SELECT work_id FROM manual_codes")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    /// Give the screening decisions and hand codes of `from` to `to`: the
    /// same work under a new id (its record was changed and read again).
    /// A hand code `to` already has is not doubled. Returns how many moved.
    pub fn move_reviewer_records(&self, from: &str, to: &str) -> Result<usize, StoreError> {
        let decisions = self.tx.execute(
            "UPDATE decisions SET work_id = ?2 WHERE work_id = ?1",
            params![from, to],
        )?;
        let codes = self.tx.execute(
            "UPDATE OR IGNORE manual_codes SET work_id = ?2 WHERE work_id = ?1",
            params![from, to],
        )?;
        self.tx
            .execute("DELETE FROM manual_codes WHERE work_id = ?1", [from])?;
        Ok(decisions + codes)
    }
}
