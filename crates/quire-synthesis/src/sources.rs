//! Primary vs secondary sources: for each category, how much of its
//! evidence (passages and works) rests on primary sources — government
//! reports, official statements, legislation, UN records.

use crate::corpus::{Coded, Corpus};
use crate::types::{SourceBalance, SourceShare};
use quire_model::SourceType;
use std::collections::HashSet;

pub fn source_balance(corpus: &Corpus) -> SourceBalance {
    let rows = (0..corpus.coded.len()).map(|c| share(corpus, c)).collect();
    SourceBalance { rows }
}

fn share(corpus: &Corpus, c: usize) -> SourceShare {
    let mut row = SourceShare {
        category: corpus.category_id(c).to_string(),
        ..Default::default()
    };
    let mut works = HashSet::new();
    for k in &corpus.coded[c] {
        let w = corpus.passage_work[k.passage];
        let new_work = works.insert(w);
        let (passages, work_count) = match corpus.source_types[w] {
            SourceType::Primary => (&mut row.primary_passages, &mut row.primary_works),
            SourceType::Secondary => (&mut row.secondary_passages, &mut row.secondary_works),
            SourceType::Unknown => (&mut row.unknown_passages, &mut row.unknown_works),
        };
        *passages += 1;
        if new_work {
            *work_count += 1;
        }
    }
    let total = row.primary_passages + row.secondary_passages + row.unknown_passages;
    if total > 0 {
        row.primary_share = row.primary_passages as f32 / total as f32;
    }
    row.primary_examples = strongest_primary(corpus, c);
    row
}

/// Up to three of the best-scored primary passages, from different works.
fn strongest_primary(corpus: &Corpus, c: usize) -> Vec<crate::types::PassageRef> {
    let mut primary: Vec<&Coded> = corpus.coded[c]
        .iter()
        .filter(|k| corpus.source_types[corpus.passage_work[k.passage]] == SourceType::Primary)
        .collect();
    primary.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
    // One passage per author first (one office's twenty statements are one
    // voice), then one per work to fill up.
    let voice = |k: &Coded| {
        let w = corpus.passage_work[k.passage];
        corpus.works[w]
            .first_author_family()
            .map_or(format!("#{w}"), quire_model::normalize::fold)
    };
    let mut voices = HashSet::new();
    let mut chosen: Vec<&Coded> = primary
        .iter()
        .copied()
        .filter(|k| voices.insert(voice(k)))
        .take(3)
        .collect();
    let mut works: HashSet<usize> = chosen
        .iter()
        .map(|k| corpus.passage_work[k.passage])
        .collect();
    for k in &primary {
        if chosen.len() >= 3 {
            break;
        }
        if works.insert(corpus.passage_work[k.passage]) {
            chosen.push(k);
        }
    }
    chosen
        .into_iter()
        .map(|k| corpus.passage_ref(k.passage, corpus.coded_quote(c, k)))
        .collect()
}
