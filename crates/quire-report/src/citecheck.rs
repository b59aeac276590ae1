//! The report checks its own citations before it is written: its Markdown
//! goes through quire-cite's checker exactly as `quire cite check
//! out/report.md` would take it (reference section found, entries parsed by
//! the CRF, every in-text citation matched). The outcome is printed in the
//! report's reference section and written to `out/citation-check.json`, so a
//! citation the synthesis got wrong cannot slip out unnoticed.

use std::path::Path;

use quire_cite::check::{check, CheckReport, CitationStyle};
use quire_cite::parse::ReferenceParser;

use crate::error::ReportError;
use crate::render::{Block, Document};

/// What the check found, in the numbers a reader wants first.
#[derive(Debug, Clone, Default)]
pub struct CitationCheck {
    pub citations: usize,
    pub matched: usize,
    pub references: usize,
    /// One line per problem, as `quire cite check` words it.
    pub problems: Vec<String>,
    pub report: CheckReport,
}

/// Check the citations of the report's Markdown text.
pub fn check_markdown(markdown: &str, out_dir: &Path) -> Result<CitationCheck, ReportError> {
    let fail = |message: String| ReportError::Format {
        path: out_dir.join("report.md"),
        message,
    };
    let parser = ReferenceParser::new().map_err(|e| fail(e.to_string()))?;
    let references = parser
        .parse_text(markdown)
        .map_err(|e| fail(format!("cannot parse the reference list: {e}")))?;
    let report = check(markdown, references, CitationStyle::Apa);
    Ok(CitationCheck {
        citations: report.citations.len(),
        matched: report.matches.iter().filter(|m| m.is_some()).count(),
        references: report.references.len(),
        problems: report
            .problems
            .iter()
            .map(|p| format!("line {}: {} ({})", p.line, p.message, p.kind.as_str()))
            .collect(),
        report,
    })
}

impl CitationCheck {
    /// One sentence for the report and the terminal.
    pub fn summary(&self) -> String {
        let head = format!(
            "{} in-text citations, {} matched to the {} references",
            self.citations, self.matched, self.references
        );
        match self.problems.len() {
            0 => format!("{head}; no problems."),
            1 => format!("{head}; 1 problem."),
            n => format!("{head}; {n} problems."),
        }
    }

    /// Put the outcome in the reference section, before the list.
    pub fn annotate(&self, doc: &mut Document) {
        let Some(section) = doc.sections.iter_mut().find(|s| s.id == "references") else {
            return;
        };
        let at = section
            .blocks
            .iter()
            .position(|b| matches!(b, Block::References(_)))
            .unwrap_or(section.blocks.len());
        let mut blocks = vec![Block::Note(format!(
            "Citation check before writing (the same checks as quire cite check; details in citation-check.json): {}",
            self.summary()
        ))];
        if !self.problems.is_empty() {
            blocks.push(Block::List(self.problems.clone()));
        }
        section.blocks.splice(at..at, blocks);
    }

    /// `citation-check.json`: the checker's JSON report.
    pub fn write_json(&self, path: &Path) -> Result<(), ReportError> {
        let text = serde_json::to_string_pretty(&self.report.to_json()).map_err(|source| {
            ReportError::Json {
                path: path.to_path_buf(),
                source,
            }
        })?;
        std::fs::write(path, text).map_err(|e| ReportError::io(path, e))
    }
}
