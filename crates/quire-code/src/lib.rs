//! quire-code: the coding stage of a quire review.
//!
//! It cuts documents into passages and codes every passage against the
//! review's analytical framework (the codebook in `review.toml`):
//!
//! ```no_run
//! use quire_code::{passages, Coder};
//! # fn main() -> Result<(), quire_code::CodeError> {
//! # let codebook = quire_model::Codebook::default();
//! let ps = passages::split_text("khan-2023", "Cross-border attacks by the TTP rose.\n");
//! let mut coder = Coder::from_codebook(&codebook)?;
//! coder.fit_corpus(&ps.iter().map(|p| p.text.as_str()).collect::<Vec<_>>());
//! for p in &ps {
//!     for code in coder.assigned(&p.text) {
//!         println!("{} {} {:.2} {:?}", p.ordinal, code.category, code.score, code.evidence);
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! - [`passages`] cuts text into paragraph-sized passages and repairs PDF
//!   and scraping artefacts.
//! - [`coder`] scores passages per category, explainably: matched codebook
//!   terms (and actor aliases) weighted by specificity plus similarity to
//!   the definition, and, once passages are coded by hand, a classifier
//!   trained on them — over the passages' sentence embeddings too when
//!   the caller has them ([`semantic`]; `quire-encode` computes them).
//!   [`code_passages`] and [`Coder::score_document`] score each passage
//!   with its neighbours (who acts is often named a paragraph earlier) and
//!   discount passages off the review's focus.
//! - [`exchange`] reads and writes manual codes as CSV, coded passages as
//!   JSON Lines, and whole coded projects as REFI-QDA `.qdpx`.
//!
//! What it does not do: read PDFs or HTML (`quire-ingest` turns them into
//! Documents), run a neural encoder (`quire-encode`), store codings
//! (`quire-store`), or synthesise themes (`quire-synthesis`).

pub mod coder;
pub mod exchange;
pub mod passages;

pub use coder::{
    code_passages, code_passages_with, semantic, CategoryScore, Coder, LabelledPassage,
};

/// Everything that can go wrong while coding: a bad codebook, bad hand
/// codes, unreadable or unwritable files. Messages name the file and line.
#[derive(Debug, thiserror::Error)]
pub enum CodeError {
    #[error("codebook: {0}")]
    Codebook(String),
    #[error("unknown category `{category}` in {context}: it is not in the codebook")]
    UnknownCategory { category: String, context: String },
    #[error("{path}:{line}: {message}")]
    Input {
        path: String,
        line: u64,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Output { path: String, message: String },
}
