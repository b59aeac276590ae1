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
use crate::render::{Block, Document, Section};

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

    /// Put the outcome in the reference section, before the list, and the
    /// problems, if any, in a section of their own before it: listed under
    /// the References heading they would read as entries of the list to
    /// anyone who parses the report (`quire import --references`).
    pub fn annotate(&self, doc: &mut Document) {
        let Some(at) = doc.sections.iter().position(|s| s.id == "references") else {
            return;
        };
        let section = &mut doc.sections[at];
        let list_at = section
            .blocks
            .iter()
            .position(|b| matches!(b, Block::References(_)))
            .unwrap_or(section.blocks.len());
        let note = Block::Note(format!(
            "Citation check before writing (the same checks as quire cite check; details in citation-check.json): {}",
            self.summary()
        ));
        section.blocks.insert(list_at, note);
        if !self.problems.is_empty() {
            doc.sections.insert(
                at,
                Section {
                    id: "citation-problems".into(),
                    title: "Citation problems".into(),
                    blocks: vec![
                        Block::Note(
                            "Found by the citation check before the report was written; line \
                             numbers are those of the Markdown as checked."
                                .into(),
                        ),
                        Block::List(self.problems.clone()),
                    ],
                },
            );
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_get_a_section_of_their_own_before_the_references() {
        let mut doc = Document {
            title: "T".into(),
            question: String::new(),
            facts: Vec::new(),
            sections: vec![
                Section {
                    id: "actors".into(),
                    title: "Actor map".into(),
                    blocks: Vec::new(),
                },
                Section {
                    id: "references".into(),
                    title: "References".into(),
                    blocks: vec![Block::References(Vec::new())],
                },
            ],
        };
        let check = CitationCheck {
            problems: vec!["line 3: reference 1 is never cited (uncited_reference)".into()],
            ..Default::default()
        };
        check.annotate(&mut doc);
        let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["actors", "citation-problems", "references"]);
        // The reference section holds the one-line summary and the list only.
        let blocks = &doc.sections[2].blocks;
        assert!(matches!(blocks[0], Block::Note(_)));
        assert!(matches!(blocks[1], Block::References(_)));
        assert_eq!(blocks.len(), 2);
    }
}
