//! The plain-data model of a quire review.
//!
//! Every stage of the pipeline (ingest → store → index → select → code →
//! synthesise → report) speaks in these types and nothing else. They are
//! plain data with serde; behaviour lives in the stage that owns it. The one
//! exception is [`protocol`], which also parses `review.toml`, because the
//! protocol *is* data the user writes by hand.
//!
//! What this crate deliberately does not do: read bibliographic formats
//! (`quire-ingest`), persist anything (`quire-store`), or format citations
//! (`quire-report` through hayagriva).

pub mod coding;
pub mod normalize;
pub mod notes;
pub mod protocol;
pub mod sentences;
pub mod work;

pub use coding::{Coding, CodingOrigin, Decision, DecisionLabel, Passage, ScreeningStage};
pub use protocol::{
    Actor, ActorKind, Category, Codebook, CodingSettings, Protocol, ProtocolError, SelectionRule,
    SeminalRule, SourceTypeRules, YearRange,
};
pub use work::{Document, Person, Provenance, SourceType, Work, WorkKind};
