//! The output of the synthesis stage: plain data (serde) that the report
//! stage renders. Every finding points back to the passages it rests on
//! through a [`PassageRef`] (work id + passage ordinal + quote + citation).

use quire_model::{ActorKind, SourceType};
use serde::{Deserialize, Serialize};

/// Everything the synthesis stage found, one field per report section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Synthesis {
    /// The framework's categories in protocol order (id + label), so that
    /// every matrix below can be laid out without the protocol.
    pub categories: Vec<CategoryLabel>,
    /// One entry per selected work: its citation forms, year and source type.
    pub works: Vec<WorkLabel>,
    pub evidence: EvidenceMatrix,
    pub themes: Themes,
    pub debates: Debates,
    pub gaps: Gaps,
    pub sources: SourceBalance,
    pub actors: ActorMap,
    pub recency: Recency,
    /// The written synthesis, one per category, in protocol order.
    pub summaries: Vec<CategorySummary>,
    /// Input problems that were skipped (e.g. a coding for a passage that
    /// does not exist), in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryLabel {
    pub id: String,
    pub label: String,
}

/// How a selected work is cited and placed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkLabel {
    pub work_id: String,
    pub title: String,
    pub year: Option<i32>,
    pub source_type: SourceType,
    /// APA in-text citation, parenthetical: "(Khan & Ali, 2021)".
    pub citation: String,
    /// APA in-text citation, narrative: "Khan and Ali (2021)".
    pub narrative: String,
}

/// A pointer to one passage, with the quote that is shown for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PassageRef {
    pub work_id: String,
    /// 0-based ordinal of the passage within its work.
    pub passage: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Byte offset of the passage in the document text.
    pub offset: usize,
    /// The quoted text: a sentence or the (shortened) passage.
    pub quote: String,
    /// APA parenthetical citation of the work: "(Khan, 2021)".
    pub citation: String,
}

// ---------------------------------------------------------------- evidence

/// Works × categories: how much each work says on each category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceMatrix {
    /// Non-empty cells only, ordered by work (as in `Synthesis::works`)
    /// then category (protocol order).
    pub cells: Vec<EvidenceCell>,
}

impl EvidenceMatrix {
    /// The cells by (work id, category id), for tables that look up every
    /// work and category.
    pub fn by_work_and_category(&self) -> std::collections::HashMap<(&str, &str), &EvidenceCell> {
        self.cells
            .iter()
            .map(|c| ((c.work_id.as_str(), c.category.as_str()), c))
            .collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceCell {
    pub work_id: String,
    pub category: String,
    /// Number of the work's passages coded with the category.
    pub passages: usize,
    /// The best coding score among them.
    pub score: f32,
    /// The strongest passage (highest score; earliest on ties).
    pub strongest: PassageRef,
}

// ------------------------------------------------------------------ themes

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Themes {
    /// Key phrases per category, protocol order.
    pub by_category: Vec<CategoryThemes>,
    /// Phrases (nodes; `group` = category id) that co-occur in passages
    /// (edges weighted by the number of passages they share).
    pub map: Network,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryThemes {
    pub category: String,
    /// Best first.
    pub phrases: Vec<KeyPhrase>,
}

/// A 1–3 word phrase that recurs across works within a category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyPhrase {
    pub phrase: String,
    /// TF-IDF contrast of the phrase in this category against the others.
    pub score: f32,
    /// Number of distinct works in the category that use it (≥ 2).
    pub works: usize,
    /// Number of passages in the category that use it.
    pub passages: usize,
    /// Up to three passages that use it, from different works.
    pub examples: Vec<PassageRef>,
}

/// A weighted undirected graph: the theme map and the actor network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkNode {
    /// Unique within the network (phrase or actor id).
    pub id: String,
    pub label: String,
    /// Category id (theme map) or actor kind (actor network).
    pub group: String,
    /// Number of passages mentioning it.
    pub weight: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkEdge {
    /// Node ids; `source < target`.
    pub source: String,
    pub target: String,
    /// Number of passages in which both occur.
    pub weight: usize,
}

// ----------------------------------------------------------------- debates

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Debates {
    /// How debates were found, in words, for the report to print.
    pub method: String,
    pub debates: Vec<Debate>,
    /// Accusations an actor answers in its own statements that no
    /// included work makes: debates with one side missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unvoiced: Vec<UnvoicedAccusation>,
}

/// Blame an actor reports against itself ("we will be blamed", "Pakistan
/// has been blamed … by politicians in the United States") that no
/// included work voices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnvoicedAccusation {
    /// The category of the strongest-coded sentence saying so.
    pub category: String,
    /// The actor blamed: the voice of the sources saying so (id, name).
    pub accused: String,
    pub accused_name: String,
    /// The accuser those sentences name, if any (id, name; empty if none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accuser: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accuser_name: String,
    /// The strongest-coded sentence, and its blame word ("blamed").
    pub source: PassageRef,
    pub cue: String,
    /// How many sentences, in how many works, report this blame.
    pub sentences: usize,
    pub works: usize,
}

/// Two passages from different works, on the same category and actor (or
/// matter), taking opposing positions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Debate {
    pub category: String,
    /// Actor id from the codebook; empty when the debate is about a matter
    /// (one of the category's key terms, e.g. whether "sanctions" caused a
    /// crisis) rather than an actor.
    pub actor: String,
    /// The actor's name, or the matter's key term as the sources write it;
    /// for a mutual accusation, both names ("India and Pakistan").
    pub actor_name: String,
    /// For a mutual accusation, the second actor's id (`actor` is the
    /// first's); empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other_actor: String,
    pub side_a: DebateSide,
    pub side_b: DebateSide,
    /// Why the pair was flagged: "accuse vs deny", "positive vs negative
    /// evaluation", ...
    pub reason: String,
    /// Strength of the opposition, 0..1, used to rank debates.
    pub strength: f32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DebateSide {
    pub source: PassageRef,
    pub stance: Stance,
    /// The words that carry the stance ("accuses", "denies", "however").
    pub cue: String,
}

/// The position a sentence takes towards an actor.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Accuse,
    Deny,
    Support,
    Oppose,
    Positive,
    Negative,
    /// Names the actor or matter as a cause ("caused by sanctions").
    Cause,
    /// Denies that the actor or matter is the cause ("not caused by
    /// sanctions", "it was not the sanctions").
    #[serde(rename = "not_cause")]
    NotCause,
    /// A contrastive marker ("however", "contrary to") against another view.
    Contrast,
    #[default]
    Neutral,
}

// -------------------------------------------------------------------- gaps

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gaps {
    /// Category × year (columns are years as text, ascending; a final
    /// column "n.d." when some works have no year).
    pub by_year: CountMatrix,
    /// Category × source type (columns "primary", "secondary", "unknown").
    pub by_source_type: CountMatrix,
    /// Thin cells called out in words.
    pub thin_cells: Vec<ThinCell>,
    /// Sentences in the sources that state a gap.
    pub stated: Vec<GapStatement>,
}

/// Rows are category ids (protocol order), columns as named; `works[r][c]`
/// counts distinct works, `passages[r][c]` coded passages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CountMatrix {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub works: Vec<Vec<usize>>,
    pub passages: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThinCell {
    pub category: String,
    /// Column of the matrix it was found in ("2023", "primary", or a span
    /// such as "after 2022").
    pub column: String,
    pub works: usize,
    /// "No primary source on Cooperation initiatives after 2022."
    pub sentence: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GapStatement {
    /// The categories the passage is coded with (may be empty).
    pub categories: Vec<String>,
    /// The gap phrase found ("further research is needed").
    pub cue: String,
    /// `source.quote` is the sentence that states the gap.
    pub source: PassageRef,
}

// ----------------------------------------------------------------- sources

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceBalance {
    /// One row per category, protocol order.
    pub rows: Vec<SourceShare>,
}

/// How much of a category's evidence rests on primary sources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceShare {
    pub category: String,
    pub primary_passages: usize,
    pub secondary_passages: usize,
    pub unknown_passages: usize,
    pub primary_works: usize,
    pub secondary_works: usize,
    pub unknown_works: usize,
    /// primary / (primary + secondary + unknown) passages; 0 when empty.
    pub primary_share: f32,
    /// The strongest primary passages (up to three: different authors
    /// first, then different works).
    pub primary_examples: Vec<PassageRef>,
}

// ------------------------------------------------------------------ actors

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorMap {
    /// Every codebook actor, codebook order, even when never mentioned.
    pub actors: Vec<ActorProfile>,
    /// Actors mentioned in the same passage (node `group` = actor kind).
    pub network: Network,
    /// Frequent names not in the codebook, proposed for it; most frequent
    /// first.
    pub unknown: Vec<UnknownActor>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorProfile {
    pub actor: String,
    pub name: String,
    pub kind: ActorKind,
    /// Passages and works that mention it (name or alias).
    pub passages: usize,
    pub works: usize,
    pub interests: Vec<Interest>,
}

/// An interest attributed to an actor: "Pakistan seeks a friendly
/// government in Kabul" → marker "seeks", object "a friendly government in
/// Kabul".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Interest {
    pub marker: String,
    pub object: String,
    /// Stated by the actor itself ("we seek …" in a source spoken for it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_words: bool,
    /// Found in a passage coded with no category: an aside off the
    /// review's subject (listed after the others, left out of the report).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub off_subject: bool,
    /// `source.quote` is the whole sentence.
    pub source: PassageRef,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnknownActor {
    pub name: String,
    /// "acronym", "proper name" or "state" (a state of the world, by name).
    pub form: String,
    pub mentions: usize,
    pub works: usize,
    /// Up to three passages from different works.
    pub examples: Vec<PassageRef>,
}

// ----------------------------------------------------------------- recency

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recency {
    /// The protocol's selection rule in words.
    pub rule: String,
    /// Every work of the review (selected or not), by year then id.
    pub works: Vec<RecencyEntry>,
    pub recent: usize,
    pub seminal: usize,
    pub kept: usize,
    /// Works without a year: kept for the reviewer to judge (the selection
    /// rule cannot place them).
    #[serde(default)]
    pub undated: usize,
    pub out: usize,
    /// Works per year per category (category × year, selected works).
    pub timeline: CountMatrix,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecencyEntry {
    pub work_id: String,
    pub year: Option<i32>,
    /// In-corpus cited-by count.
    pub cited_by: usize,
    pub status: RecencyStatus,
    /// Whether the work is in the analysed set (`ReviewInput::selected`).
    pub selected: bool,
    /// Why, in words: "from 2021; the protocol takes works from 2019 on",
    /// "cited by 3 works in the corpus (seminal at 2 or more)", "on the
    /// protocol's keep-list".
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecencyStatus {
    Recent,
    Seminal,
    Kept,
    /// No year known and not otherwise in: kept for the reviewer to judge.
    Undated,
    #[default]
    Out,
}

// ----------------------------------------------------------------- summary

/// The written synthesis of one category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategorySummary {
    pub category: String,
    pub label: String,
    /// 0–6 items, in reading order (chronological).
    pub items: Vec<SummaryItem>,
    /// The items joined into one paragraph, each followed by its citation.
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryItem {
    /// `source.quote` is the extracted sentence(s); `source.citation` its
    /// APA citation.
    pub source: PassageRef,
    /// Representativeness: coding score × centrality.
    pub score: f32,
}
