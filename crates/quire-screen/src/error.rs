//! The one error type of quire-screen: bad input files (with path and
//! line), I/O failures, and requests the screening state cannot honour.

/// Everything that can go wrong while reading labelled data, building
/// features or running a screening session.
#[derive(Debug, thiserror::Error)]
pub enum ScreenError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: u64,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
}

impl ScreenError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        ScreenError::Io {
            path: path.display().to_string(),
            source,
        }
    }

    pub(crate) fn parse(path: &std::path::Path, line: u64, message: impl Into<String>) -> Self {
        ScreenError::Parse {
            path: path.display().to_string(),
            line,
            message: message.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, ScreenError>;
