//! The review's references in every format a reader's tools take: BibTeX,
//! RIS, CSL-JSON, and the APA 7 reference list (plain text here, HTML and
//! Markdown through the report). Each format lives in its own file.

pub mod apa;
pub mod bibtex;
pub mod csl_json;
pub mod ris;

pub use apa::{apa_references, Reference, Span};

use crate::error::{write_file, ReportError};
use quire_model::Work;
use std::path::{Path, PathBuf};

/// Write `references.{bib,ris,json,txt}` into `out_dir` and return the APA
/// list (for the report) with the paths written.
pub fn write_references(
    works: &[Work],
    out_dir: &Path,
) -> Result<(Vec<Reference>, Vec<PathBuf>), ReportError> {
    let apa = apa_references(works);
    let bib = out_dir.join("references.bib");
    write_file(&bib, bibtex::to_bibtex(works).as_bytes())?;
    let ris_path = out_dir.join("references.ris");
    write_file(&ris_path, ris::to_ris(works).as_bytes())?;
    let json_path = out_dir.join("references.json");
    let json = serde_json::to_vec_pretty(&csl_json::to_csl_json(works)).map_err(|source| {
        ReportError::Json {
            path: json_path.clone(),
            source,
        }
    })?;
    write_file(&json_path, &json)?;
    let txt = out_dir.join("references.txt");
    let text: String = apa.iter().map(|r| r.plain() + "\n\n").collect();
    write_file(&txt, text.as_bytes())?;
    Ok((apa, vec![bib, ris_path, json_path, txt]))
}
