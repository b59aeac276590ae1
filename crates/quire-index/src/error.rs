//! The one error type of the index crate: what went wrong opening, writing
//! or searching the index, and why a query could not be understood.

use std::path::PathBuf;

/// Everything that can go wrong in `quire-index`.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The query text could not be parsed. `message` names the column and
    /// points at it under a copy of the query, ready to print as is.
    #[error("{message}")]
    Query { message: String },

    /// The directory holds an index written with another schema (an older
    /// quire); the index is a cache, so the cure is to rebuild it.
    #[error(
        "the search index in {path} was built by another version of quire; \
         rebuild it (quire index --rebuild)"
    )]
    SchemaMismatch { path: PathBuf },

    /// A file-system problem with the index directory.
    #[error("search index {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Refused to delete a directory that does not look like a search index.
    #[error("{path} does not look like a quire search index; not deleting it")]
    NotAnIndex { path: PathBuf },

    /// An error reported by tantivy (storage, lock, merge, ...).
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}
