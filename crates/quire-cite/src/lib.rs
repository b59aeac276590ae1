//! quire-cite: reference lists and in-text citations.
pub mod error;
pub mod evaluate;
pub mod features;
pub mod gold;
pub mod labeller;
pub mod lexicon;
pub mod tokenize;

pub use error::{CiteError, Result};
