//! quire-synthesis: from coded passages to the findings of a structured
//! literature review — evidence matrix, common themes, debates, knowledge
//! gaps, primary vs secondary sources, the actor map, recency, and a written
//! (extractive) synthesis per category with APA in-text citations.
//!
//! Use it by filling a [`ReviewInput`] with the protocol, the works, their
//! passages and codings, the selected work ids and in-corpus cited-by
//! counts, and calling [`synthesise`]:
//!
//! ```
//! use quire_synthesis::{synthesise, ReviewInput};
//! use std::collections::{HashMap, HashSet};
//! let protocol = quire_model::Protocol::default();
//! let input = ReviewInput {
//!     protocol: &protocol,
//!     works: &[],
//!     passages: &[],
//!     codings: &[],
//!     selected: &HashSet::new(),
//!     citation_counts: &HashMap::new(),
//! };
//! let synthesis = synthesise(&input);
//! assert!(synthesis.debates.debates.is_empty());
//! ```
//!
//! The result, [`Synthesis`], is plain serde data that `quire-report`
//! renders; every finding carries [`PassageRef`]s (work id, passage ordinal,
//! page, quote, APA citation) back to the passages it rests on. The output
//! is deterministic: the same input gives byte-identical JSON.
//!
//! Every step is lexical and explainable — word lists, n-gram counts,
//! TF-IDF — so a reader can see why a theme, debate or gap was reported;
//! the debates section carries a `method` paragraph saying how. Only the
//! selected works are synthesised; recency also lists the works left out.
//! The work is linear in the corpus (debates are blocked by category and
//! actor and capped per block); `bench/run.sh` measures it.
//!
//! What it does not do: cut passages or code them (`quire-code`), decide
//! the selected set (`quire-screen`), render anything or format the
//! reference list (`quire-report`), or parse sentences syntactically —
//! subjects and objects are found by position, not by a parser.

mod actors;
mod answered;
mod blame;
pub mod cite_apa;
mod corpus;
mod debates;
mod evidence;
mod gaps;
mod mentions;
mod network;
mod recency;
mod sources;
mod stance;
mod states;
mod summary;
pub mod text;
mod themes;
mod tokens;
pub mod types;
mod unknown_actors;

pub use types::*;

use corpus::Corpus;
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

/// Synthesise the selected works: every section of [`Synthesis`], each
/// traceable to passages. Input problems (codings of unknown categories or
/// passages, duplicate passages) are skipped and listed in
/// `Synthesis::warnings`; nothing panics on bad input.
pub fn synthesise(input: &ReviewInput) -> Synthesis {
    let corpus = Corpus::build(input);
    let matcher = mentions::ActorMatcher::new(&input.protocol.actors);
    let actor_mentions: Vec<Vec<mentions::Mention>> = corpus
        .passages
        .iter()
        .map(|p| matcher.find(&p.text))
        .collect();
    Synthesis {
        categories: corpus.category_labels(),
        works: corpus.labels.clone(),
        evidence: evidence::evidence_matrix(&corpus),
        themes: themes::themes(&corpus),
        debates: debates::debates(&corpus, &actor_mentions),
        gaps: gaps::gaps(&corpus),
        sources: sources::source_balance(&corpus),
        actors: actors::actor_map(&corpus, &actor_mentions),
        recency: recency::recency(input, &corpus),
        summaries: summary::summaries(&corpus),
        warnings: corpus.warnings.clone(),
    }
}
