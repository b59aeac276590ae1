//! The evidence table: one row per coded passage and category, with the
//! work's citation, year and source type, the coding's score and evidence
//! terms, where the passage sits, and the passage itself. Written as
//! `evidence.csv` (csv crate) and as the first sheet of `evidence.xlsx`.

use crate::error::ReportError;
use crate::input::ReportInput;
use quire_model::{Passage, Work};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// One coded passage under one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRow {
    pub work_id: String,
    pub citation: String,
    pub year: Option<i32>,
    pub source_type: String,
    pub category: String,
    pub category_label: String,
    pub score: f32,
    pub origin: String,
    /// Matched terms, "; "-separated.
    pub evidence: String,
    pub passage: usize,
    pub page: Option<usize>,
    /// Byte offset of the passage in the document text.
    pub offset: usize,
    pub heading: String,
    pub quote: String,
}

/// Evidence rows for the included works, ordered by work (report order),
/// passage, then category (protocol order). Codings whose passage is
/// missing are kept with an empty quote rather than dropped.
pub fn evidence_rows(input: &ReportInput) -> Vec<EvidenceRow> {
    let works = input.included_works();
    let work_rank: HashMap<&str, (usize, &Work)> = works
        .iter()
        .enumerate()
        .map(|(i, w)| (w.id.as_str(), (i, *w)))
        .collect();
    let passages: HashMap<(&str, usize), &Passage> = input
        .passages
        .iter()
        .map(|p| ((p.work_id.as_str(), p.ordinal), p))
        .collect();
    let category_rank = |id: &str| {
        input
            .protocol
            .categories
            .iter()
            .position(|c| c.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut keyed: Vec<((usize, usize, usize), EvidenceRow)> = input
        .codings
        .iter()
        .filter_map(|c| {
            let (rank, work) = work_rank.get(c.work_id.as_str())?;
            let passage = passages.get(&(c.work_id.as_str(), c.passage)).copied();
            let row = EvidenceRow {
                work_id: work.id.clone(),
                citation: input.citation(work),
                year: work.year,
                source_type: work.source_type.as_str().to_string(),
                category: c.category.clone(),
                category_label: input.category_label(&c.category),
                score: c.score,
                origin: format!("{:?}", c.origin).to_lowercase(),
                evidence: c.evidence.join("; "),
                passage: c.passage,
                page: passage.and_then(|p| p.page),
                offset: passage.map(|p| p.start).unwrap_or(0),
                heading: passage.and_then(|p| p.heading.clone()).unwrap_or_default(),
                quote: passage
                    .map(|p| p.text.trim().to_string())
                    .unwrap_or_default(),
            };
            Some(((*rank, c.passage, category_rank(&c.category)), row))
        })
        .collect();
    keyed.sort_by_key(|a| a.0);
    keyed.into_iter().map(|(_, row)| row).collect()
}

/// The column headers, shared by the CSV and the workbook.
pub const HEADERS: [&str; 14] = [
    "work_id",
    "citation",
    "year",
    "source_type",
    "category",
    "category_label",
    "score",
    "origin",
    "evidence",
    "passage",
    "page",
    "offset",
    "heading",
    "quote",
];

/// Write the rows as CSV with a header line.
pub fn write_csv(rows: &[EvidenceRow], path: &Path) -> Result<(), ReportError> {
    let err = |source| ReportError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    for row in rows {
        w.serialize(row).map_err(err)?;
    }
    w.flush().map_err(|e| ReportError::io(path, e))
}
