//! The evidence matrix: for every work and category, how many passages are
//! coded with it and the strongest quote.

use crate::corpus::{Coded, Corpus};
use crate::types::{EvidenceCell, EvidenceMatrix};
use std::collections::BTreeMap;

pub fn evidence_matrix(corpus: &Corpus) -> EvidenceMatrix {
    // (work, category) → (count, strongest coding)
    let mut cells: BTreeMap<(usize, usize), (usize, Coded)> = BTreeMap::new();
    for (c, list) in corpus.coded.iter().enumerate() {
        for k in list {
            let w = corpus.passage_work[k.passage];
            let cell = cells.entry((w, c)).or_insert((0, *k));
            cell.0 += 1;
            // The body's passages before the notes' (a note cites a
            // source; the text says what the work argues); then the
            // higher score. Passages come in reading order, so ties keep
            // the earliest.
            let rank = |k: &Coded| (!corpus.passages[k.passage].is_note(), k.score);
            if rank(k) > rank(&cell.1) {
                cell.1 = *k;
            }
        }
    }
    let cells = cells
        .into_iter()
        .map(|((w, c), (passages, best))| EvidenceCell {
            work_id: corpus.works[w].id.clone(),
            category: corpus.category_id(c).to_string(),
            passages,
            score: best.score,
            strongest: corpus.passage_ref(best.passage, corpus.coded_quote(c, &best)),
        })
        .collect();
    EvidenceMatrix { cells }
}
