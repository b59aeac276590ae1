//! quire-synthesis: from coded passages to the findings of a structured
//! literature review — evidence matrix, common themes, debates, knowledge
//! gaps, primary vs secondary sources, the actor map, recency, and a written
//! (extractive) synthesis per category with APA in-text citations.
//!
//! Use it by filling a [`ReviewInput`] with the protocol, the works, their
//! passages and codings, the selected work ids and in-corpus cited-by
//! counts, and calling `synthesise`. The result, [`Synthesis`], is plain
//! serde data that `quire-report` renders; every finding carries
//! [`PassageRef`]s back to the passages it rests on.
//!
//! What it does not do: cut passages or code them (`quire-code`), decide
//! the selected set (`quire-screen`), or render anything (`quire-report`).

pub mod types;

pub use types::*;

use quire_model::{Coding, Passage, Protocol, Work};
use std::collections::{HashMap, HashSet};

/// Everything the synthesis stage reads.
#[derive(Debug, Clone, Copy)]
pub struct ReviewInput<'a> {
    pub protocol: &'a Protocol,
    /// Every work of the review, selected or not (recency shows both).
    pub works: &'a [Work],
    pub passages: &'a [Passage],
    pub codings: &'a [Coding],
    /// Work ids the protocol's selection rule (and screening) kept; only
    /// these are synthesised.
    pub selected: &'a HashSet<String>,
    /// In-corpus cited-by counts per work id.
    pub citation_counts: &'a HashMap<String, usize>,
}
