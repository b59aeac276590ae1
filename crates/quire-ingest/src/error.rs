//! The one error type of the crate: what makes a whole file unusable.
//!
//! A bad *record* is not an error: it becomes a [`crate::Skipped`] and the
//! rest of the file is read. `IngestError` is for the file as a whole —
//! unreadable, empty, binary, too large, or of a format quire does not read.

use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: empty file, nothing to import")]
    Empty { file: String },
    #[error("{file}: binary data ({why}); not a text, bibliography or PDF file")]
    Binary { file: String, why: String },
    #[error("{file}: {size} bytes is over the {limit}-byte limit for {format} files (raise ReadOptions::max_file_bytes to read it)")]
    TooLarge {
        file: String,
        size: u64,
        limit: u64,
        format: crate::Format,
    },
    #[error("{file}: unknown format; quire reads .bib .ris .nbib (PubMed) .csv/.tsv (Scopus, Web of Science, tables) .json (CSL-JSON) .jsonl (OpenAlex) .md .txt .html .pdf .docx{hint}")]
    UnknownFormat {
        file: String,
        /// What to do with a document of a format quire does not read
        /// (save it as .docx or PDF), if the file is one.
        hint: &'static str,
    },
    #[error("{file}: {message}")]
    Unusable { file: String, message: String },
}

impl IngestError {
    pub(crate) fn unusable(file: &str, message: impl fmt::Display) -> IngestError {
        IngestError::Unusable {
            file: file.to_string(),
            message: message.to_string(),
        }
    }

    pub(crate) fn io(file: &str, source: std::io::Error) -> IngestError {
        IngestError::Io {
            file: file.to_string(),
            source,
        }
    }
}

/// For a document format quire does not read, how to make it one it does.
pub(crate) fn conversion_hint(path: &std::path::Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "doc" | "odt" | "rtf" | "pages" | "wpd" => {
            " (a word-processor document: save it as .docx or PDF)"
        }
        "epub" | "mobi" | "azw3" | "djvu" | "xps" => " (save or print it as PDF)",
        "ppt" | "pptx" | "odp" | "key" => " (slides: save them as PDF)",
        "xls" | "xlsx" | "ods" => " (a spreadsheet of references: save it as .csv)",
        "enw" | "xml" | "rdf" => {
            " (if it is a reference manager's export: export RIS or BibTeX instead)"
        }
        _ => "",
    }
}
