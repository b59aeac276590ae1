//! quire-report: the last stage of a quire review. It writes everything a
//! reader takes away into `out/`:
//!
//! - `report.html` — one self-contained page (inline CSS and SVG, no
//!   scripts, no external resources), readable on screen and printable;
//! - `report.md` — the same content in Markdown, charts linked from `charts/`;
//! - `evidence.csv` and `evidence.xlsx` — one row per coded passage and
//!   category; the workbook adds the works × categories matrix and sources;
//! - `references.bib`, `.ris`, `.json` (CSL-JSON) and `.txt` (APA 7,
//!   rendered through CSL by hayagriva);
//! - `charts/*.svg` — PRISMA flow, category × year heat map, source types,
//!   theme map, actor network.
//!
//! # Use
//!
//! ```no_run
//! # fn demo(protocol: &quire_model::Protocol, works: &[quire_model::Work],
//! #         passages: &[quire_model::Passage], codings: &[quire_model::Coding],
//! #         synthesis: &quire_synthesis::Synthesis) -> Result<(), quire_report::ReportError> {
//! use quire_report::{write_report, PrismaCounts, ReportInput};
//! let prisma = PrismaCounts { identified: 60, duplicates_removed: 9, screened: 51,
//!                             excluded: 11, included: 40, ..Default::default() };
//! let input = ReportInput { protocol, works, passages, codings, synthesis, prisma: &prisma,
//!                           encoder: None };
//! let files = write_report(&input, std::path::Path::new("out"))?;
//! println!("wrote {}", files.html.display());
//! # Ok(()) }
//! ```
//!
//! What it does not do: decide anything. Selection, coding and synthesis
//! happen in earlier stages; this crate only renders their results, and it
//! never reads the review store.

pub mod charts;
pub mod citecheck;
pub mod error;
pub mod escape;
pub mod evidence;
pub mod input;
pub mod references;
pub mod render;
pub mod sections;
pub mod workbook;

pub use error::ReportError;
pub use input::{PrismaCounts, ReportInput};

use error::write_file;
use render::{Block, Document};
use std::path::{Path, PathBuf};

/// The files one `write_report` call wrote.
#[derive(Debug, Clone, Default)]
pub struct ReportFiles {
    pub html: PathBuf,
    pub markdown: PathBuf,
    pub evidence_csv: PathBuf,
    pub evidence_xlsx: PathBuf,
    /// references.bib, .ris, .json, .txt
    pub references: Vec<PathBuf>,
    pub charts: Vec<PathBuf>,
    /// `citation-check.json`: the report's citations checked before writing.
    pub citation_check_json: PathBuf,
    pub citation_check: citecheck::CitationCheck,
    /// `synthesis.json`: every synthesis result, also those the report
    /// leaves out for length (all interests of an actor, all themes).
    pub synthesis_json: PathBuf,
}

impl ReportFiles {
    /// Every path written, in a stable order.
    pub fn all(&self) -> Vec<&Path> {
        let mut out = vec![
            self.html.as_path(),
            self.markdown.as_path(),
            self.evidence_csv.as_path(),
            self.evidence_xlsx.as_path(),
        ];
        out.extend(self.references.iter().map(PathBuf::as_path));
        out.extend(self.charts.iter().map(PathBuf::as_path));
        out.push(self.citation_check_json.as_path());
        out.push(self.synthesis_json.as_path());
        out
    }
}

/// Write the report, the evidence tables, the references and the charts
/// into `out_dir` (created when missing; existing files are overwritten).
pub fn write_report(input: &ReportInput, out_dir: &Path) -> Result<ReportFiles, ReportError> {
    std::fs::create_dir_all(out_dir).map_err(|e| ReportError::io(out_dir, e))?;
    let included: Vec<quire_model::Work> = input.included_works().into_iter().cloned().collect();
    let (apa, references) = references::write_references(&included, out_dir)?;

    let rows = evidence::evidence_rows(input);
    let evidence_csv = out_dir.join("evidence.csv");
    evidence::write_csv(&rows, &evidence_csv)?;
    let evidence_xlsx = out_dir.join("evidence.xlsx");
    workbook::write_xlsx(input, &rows, &evidence_xlsx)?;

    let mut doc = sections::build_document(input, &apa);
    // Check the citations on the Markdown a reader would check, then say
    // so in the report itself.
    let citation_check = citecheck::check_markdown(&render::markdown::to_markdown(&doc), out_dir)?;
    citation_check.annotate(&mut doc);
    let citation_check_json = out_dir.join("citation-check.json");
    citation_check.write_json(&citation_check_json)?;
    let synthesis_json = out_dir.join("synthesis.json");
    let text =
        serde_json::to_string_pretty(input.synthesis).map_err(|source| ReportError::Json {
            path: synthesis_json.clone(),
            source,
        })?;
    write_file(&synthesis_json, text.as_bytes())?;
    let charts = write_charts(&doc, &out_dir.join("charts"))?;
    let html = out_dir.join("report.html");
    write_file(&html, render::html::to_html(&doc).as_bytes())?;
    let markdown = out_dir.join("report.md");
    write_file(&markdown, render::markdown::to_markdown(&doc).as_bytes())?;

    Ok(ReportFiles {
        html,
        markdown,
        evidence_csv,
        evidence_xlsx,
        references,
        charts,
        citation_check_json,
        citation_check,
        synthesis_json,
    })
}

/// Every chart of the document as `charts/<name>.svg`.
fn write_charts(doc: &Document, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let mut written = Vec::new();
    for section in &doc.sections {
        for block in &section.blocks {
            if let Block::Chart(chart) = block {
                let path = dir.join(format!("{}.svg", chart.name));
                let file = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}", chart.svg);
                write_file(&path, file.as_bytes())?;
                written.push(path);
            }
        }
    }
    Ok(written)
}
