//! The one error type of quire-cite: every failure names the file (and the
//! line, where there is one) so the CLI can print one clear message.

use std::path::PathBuf;

/// Everything that can go wrong while reading manuscripts, loading the
/// model or writing outputs.
#[derive(Debug, thiserror::Error)]
pub enum CiteError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a readable {format} file: {message}")]
    Format {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
    #[error("{path}:{line}: {message}")]
    BadRecord {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("reference-parsing model: {0}")]
    Model(String),
    #[error("rendering with CSL: {0}")]
    Render(String),
}

impl CiteError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> CiteError {
        CiteError::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T> = std::result::Result<T, CiteError>;
