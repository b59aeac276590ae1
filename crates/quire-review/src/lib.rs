//! A review on disk and the pipeline stages that need more than one crate:
//! importing sources into the store while deduplicating and keeping the
//! search index current ([`import()`]), the protocol's selection rule
//! ([`selection`]) over the citations inside the corpus ([`citations`]),
//! what the review holds ([`status`]), the analysis pipeline
//! ([`pipeline`]) and the passage embeddings it may train on
//! ([`embeddings`]).
//!
//! The CLI (`quire`) and the web server are thin shells over this crate.
//! It does not parse formats (`quire-ingest`), own the schema
//! (`quire-store`) or the search engine (`quire-index`).

pub mod attachments;
pub mod citations;
pub mod embeddings;
pub mod import;
mod index_sync;
pub mod layout;
pub mod pipeline;
pub mod selection;
mod sources;
pub mod status;
mod successors;

pub use import::{import, FileOutcome, ImportSummary};
pub use index_sync::{index_is_current, rebuild_index};
pub use layout::ReviewDir;
pub use pipeline::{run_analysis, Analysis};
pub use selection::{select, Selection, SelectionReason};

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("{dir}: not a quire review (no review.toml here or above; run `quire init DIR`)")]
    NotAReview { dir: String },
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Protocol(#[from] quire_model::ProtocolError),
    #[error(transparent)]
    Store(#[from] quire_store::StoreError),
    #[error(transparent)]
    Ingest(#[from] quire_ingest::IngestError),
    #[error("search index: {0}")]
    Index(#[from] quire_index::IndexError),
    #[error("coding: {0}")]
    Code(#[from] quire_code::CodeError),
    #[error("report: {0}")]
    Report(#[from] quire_report::ReportError),
    #[error("encoder: {0}")]
    Encoder(String),
}

/// Progress reporting for long stages. The CLI shows bars on a terminal
/// and plain lines otherwise; tests use [`NoProgress`].
pub trait Progress {
    fn begin(&self, stage: &str, total: u64);
    fn advance(&self, n: u64, message: &str);
    fn end(&self);
    /// More work than `begin` announced (files found on the way).
    fn add_to_total(&self, _n: u64) {}
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn begin(&self, _stage: &str, _total: u64) {}
    fn advance(&self, _n: u64, _message: &str) {}
    fn end(&self) {}
}
