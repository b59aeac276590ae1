//! The one error type of the report stage: every variant names the file
//! that could not be written.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write CSV: {source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },
    #[error("{}: cannot write the workbook: {source}", path.display())]
    Xlsx {
        path: PathBuf,
        source: rust_xlsxwriter::XlsxError,
    },
    #[error("{}: cannot serialise: {source}", path.display())]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{}: {message}", path.display())]
    Format { path: PathBuf, message: String },
}

impl ReportError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> ReportError {
        ReportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Write `contents` to `path`, creating parent directories first.
pub(crate) fn write_file(path: &std::path::Path, contents: &[u8]) -> Result<(), ReportError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| ReportError::io(dir, e))?;
    }
    std::fs::write(path, contents).map_err(|e| ReportError::io(path, e))
}
