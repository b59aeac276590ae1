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
    #[error("{file}: unknown format; quire reads .bib .ris .nbib (PubMed) .csv/.tsv (Scopus, Web of Science, tables) .json (CSL-JSON) .jsonl (OpenAlex) .md .txt .html .pdf .docx")]
    UnknownFormat { file: String },
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
