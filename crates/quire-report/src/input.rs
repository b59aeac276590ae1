//! What the report stage reads: the protocol, the works, their passages and
//! codings, the synthesis, and the PRISMA counts the selection stage made.

use quire_model::{Coding, Passage, Protocol, Work};
use quire_synthesis::Synthesis;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// PRISMA-style flow counts: identified → duplicates removed → screened →
/// excluded → included. The caller (the CLI) fills them from the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrismaCounts {
    /// Records found in `sources/`, before deduplication.
    pub identified: usize,
    pub duplicates_removed: usize,
    /// Records screened (identified − duplicates).
    pub screened: usize,
    /// Records excluded at any stage (years, screening decisions).
    pub excluded: usize,
    /// Exclusion reasons with counts, for the side boxes of the flow.
    #[serde(default)]
    pub exclusion_reasons: Vec<(String, usize)>,
    pub included: usize,
    /// Records whose full text was assessed (second screening stage), when
    /// that stage was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulltext_assessed: Option<usize>,
}

/// Everything the report stage renders.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub protocol: &'a Protocol,
    /// Every work of the review; the report lists those the synthesis
    /// covers (all of them when the synthesis names none).
    pub works: &'a [Work],
    pub passages: &'a [Passage],
    pub codings: &'a [Coding],
    pub synthesis: &'a Synthesis,
    pub prisma: &'a PrismaCounts,
    /// The sentence encoder (its model folder's name) whose passage
    /// embeddings the trained coder read, if it read any: the methods say so.
    pub encoder: Option<&'a str>,
}

impl<'a> ReportInput<'a> {
    /// The works the report is about, in the synthesis order (or input
    /// order when the synthesis lists none and has no selection either: a
    /// selection that kept no work includes none).
    pub fn included_works(&self) -> Vec<&'a Work> {
        if self.synthesis.works.is_empty() {
            if !self.synthesis.recency.works.is_empty() {
                return Vec::new();
            }
            return self.works.iter().collect();
        }
        let by_id: HashMap<&str, &Work> = self.works.iter().map(|w| (w.id.as_str(), w)).collect();
        self.synthesis
            .works
            .iter()
            .filter_map(|l| by_id.get(l.work_id.as_str()).copied())
            .collect()
    }

    /// The APA parenthetical citation of a work: the synthesis's when it
    /// has one, else "(Family, Year)" from the record.
    pub fn citation(&self, work: &Work) -> String {
        self.synthesis
            .works
            .iter()
            .find(|l| l.work_id == work.id)
            .map(|l| l.citation.clone())
            .unwrap_or_else(|| fallback_citation(work))
    }

    /// A table cell naming a work: its citation, then its title (clipped)
    /// in italics, so that "(The White House, 2021a)" can be told from
    /// "(The White House, 2021b)" without the reference list.
    pub fn work_cell(&self, work: &Work) -> crate::render::Cell {
        crate::render::Cell::work(self.citation(work), short_title(&work.title))
    }

    /// The label of a category id (the id itself when unknown).
    pub fn category_label(&self, id: &str) -> String {
        self.synthesis
            .categories
            .iter()
            .map(|c| (&c.id, &c.label))
            .chain(self.protocol.categories.iter().map(|c| (&c.id, &c.label)))
            .find(|(cid, _)| cid.as_str() == id)
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

fn fallback_citation(work: &Work) -> String {
    let who = match work.authors.as_slice() {
        [] => work
            .title
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" "),
        [a] => a.family.clone(),
        [a, b] => format!("{} & {}", a.family, b.family),
        [a, ..] => format!("{} et al.", a.family),
    };
    let year = work
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "n.d.".into());
    format!("({who}, {year})")
}

/// A title clipped for a table: its first 60 characters.
pub(crate) fn short_title(title: &str) -> String {
    const MAX_TITLE: usize = 60;
    let title = title.trim();
    match title.char_indices().nth(MAX_TITLE) {
        Some((cut, _)) => format!("{}…", title[..cut].trim_end()),
        None => title.to_string(),
    }
}
