//! The reference-list pipeline: manuscript → reference section → entries →
//! labelled segments → structured references.

use std::path::Path;

use crate::error::Result;
use crate::fields::Reference;
use crate::labeller::Labeller;
use crate::manuscript::read_manuscript;
use crate::section::{reference_entries, Entry};

/// Parses reference lists with a loaded labeller. Load once, parse many.
#[derive(Debug)]
pub struct ReferenceParser {
    labeller: Labeller,
}

impl ReferenceParser {
    /// A parser with the model shipped in the crate.
    pub fn new() -> Result<ReferenceParser> {
        Ok(ReferenceParser {
            labeller: Labeller::embedded()?,
        })
    }

    /// A parser with both shipped stages ([`crate::stacking`]): more
    /// accurate, slower.
    pub fn stacked() -> Result<ReferenceParser> {
        Ok(ReferenceParser {
            labeller: Labeller::embedded_stacked()?,
        })
    }

    pub fn with_labeller(labeller: Labeller) -> ReferenceParser {
        ReferenceParser { labeller }
    }

    pub fn labeller(&self) -> &Labeller {
        &self.labeller
    }

    /// Parse one reference string.
    pub fn parse_reference(&self, text: &str) -> Result<Reference> {
        let segments = self.labeller.segments(text)?;
        Ok(Reference::from_segments(text, &segments))
    }

    /// Parse one entry found in a manuscript, keeping its line and number.
    pub fn parse_entry(&self, entry: &Entry) -> Result<Reference> {
        let mut r = self.parse_reference(&entry.text)?;
        r.line = entry.line;
        r.number = entry.number.clone();
        if let (None, Some(title)) = (&r.title, &entry.italic_title) {
            r.set_title_from_italics(title);
        }
        r.apply_italics(&entry.italics);
        Ok(r)
    }

    /// Find the reference section of a text and parse every entry.
    pub fn parse_text(&self, text: &str) -> Result<Vec<Reference>> {
        reference_entries(text)
            .iter()
            .map(|e| self.parse_entry(e))
            .collect()
    }

    /// Read a manuscript (txt, md, html, docx) and parse its reference list.
    pub fn parse_file(&self, path: &Path) -> Result<Vec<Reference>> {
        let m = read_manuscript(path)?;
        self.parse_text(&m.text)
    }
}
