//! Writing parsed references out: CSL-JSON, BibTeX, RIS, and APA text
//! rendered through CSL by hayagriva. Each format lives in its own file
//! behind the same signature: a slice of references in, a string out.

pub mod apa;
pub mod bibtex;
pub mod csl;
pub mod ris;

use crate::error::Result;
use crate::fields::Reference;

/// The output formats of `quire cite parse --to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    CslJson,
    Bibtex,
    Ris,
    Apa,
}

impl OutputFormat {
    /// Parse a format name as given on the command line.
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        match name.to_ascii_lowercase().as_str() {
            "csl-json" | "csl" | "json" => Some(OutputFormat::CslJson),
            "bibtex" | "bib" => Some(OutputFormat::Bibtex),
            "ris" => Some(OutputFormat::Ris),
            "apa" => Some(OutputFormat::Apa),
            _ => None,
        }
    }
}

/// Write references in the chosen format.
pub fn write(references: &[Reference], format: OutputFormat) -> Result<String> {
    Ok(match format {
        OutputFormat::CslJson => csl::to_string(references),
        OutputFormat::Bibtex => bibtex::to_string(references),
        OutputFormat::Ris => ris::to_string(references),
        OutputFormat::Apa => apa::to_string(references)?,
    })
}

/// A citation key: first author's family name, year and suffix, made unique
/// by the caller. "Okafor2021", "InternationalCrisisGroup2020".
pub(crate) fn base_key(r: &Reference) -> String {
    let name = r.authors.first().map_or("Anon", |a| a.family.as_str());
    let name: String = quire_model::normalize::fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    let year = r.year.map_or("nd".to_string(), |y| y.to_string());
    let suffix = r.year_suffix.as_deref().unwrap_or_default();
    format!("{name}{year}{suffix}")
}

/// Unique keys for a list: a second "Ruiz2017" becomes "Ruiz2017-2".
pub(crate) fn keys(references: &[Reference]) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    references
        .iter()
        .map(|r| {
            let k = base_key(r);
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            if *n == 1 {
                k
            } else {
                format!("{k}-{n}")
            }
        })
        .collect()
}
