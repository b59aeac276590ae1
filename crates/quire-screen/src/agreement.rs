//! Agreement between reviewers who screened the same records blind:
//! Cohen's kappa for two reviewers, Fleiss' kappa for any number, and the
//! list of conflicts to resolve. Pure functions over `Decision`s of one
//! stage; a reviewer's latest decision on a work counts.

use std::collections::{BTreeMap, BTreeSet};

use quire_model::{Decision, DecisionLabel, ScreeningStage};
use serde::Serialize;

const LABELS: [DecisionLabel; 3] = [
    DecisionLabel::Include,
    DecisionLabel::Exclude,
    DecisionLabel::Maybe,
];

fn label_index(label: DecisionLabel) -> usize {
    LABELS.iter().position(|&l| l == label).unwrap_or(2)
}

/// work → reviewer → label: each reviewer's latest decision per work
/// (by the RFC 3339 time, then by order given).
pub fn latest_decisions(
    decisions: &[Decision],
    stage: ScreeningStage,
) -> BTreeMap<String, BTreeMap<String, DecisionLabel>> {
    let mut ordered: Vec<&Decision> = decisions.iter().filter(|d| d.stage == stage).collect();
    ordered.sort_by(|a, b| a.at.cmp(&b.at));
    let mut out: BTreeMap<String, BTreeMap<String, DecisionLabel>> = BTreeMap::new();
    for d in ordered {
        out.entry(d.work_id.clone())
            .or_default()
            .insert(d.reviewer.clone(), d.label);
    }
    out
}

/// A kappa with the counts it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Agreement {
    pub kappa: f64,
    pub observed: f64,
    pub expected: f64,
    /// Works rated by all reviewers compared.
    pub works: usize,
}

/// Cohen's kappa from paired labels.
pub fn cohen_kappa_pairs(pairs: &[(DecisionLabel, DecisionLabel)]) -> Option<Agreement> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut table = [[0f64; 3]; 3];
    for &(a, b) in pairs {
        table[label_index(a)][label_index(b)] += 1.0;
    }
    let observed = (0..3).map(|i| table[i][i]).sum::<f64>() / n;
    let expected = (0..3)
        .map(|i| {
            let row: f64 = table[i].iter().sum();
            let col: f64 = (0..3).map(|j| table[j][i]).sum();
            row * col
        })
        .sum::<f64>()
        / (n * n);
    Some(Agreement {
        kappa: kappa(observed, expected),
        observed,
        expected,
        works: pairs.len(),
    })
}

fn kappa(observed: f64, expected: f64) -> f64 {
    if (1.0 - expected).abs() < 1e-12 {
        // Both reviewers used one label only: agreement is perfect or none.
        if (observed - 1.0).abs() < 1e-12 {
            1.0
        } else {
            0.0
        }
    } else {
        (observed - expected) / (1.0 - expected)
    }
}

/// Cohen's kappa between two reviewers on the works both screened.
pub fn cohen_kappa(
    decisions: &[Decision],
    stage: ScreeningStage,
    first: &str,
    second: &str,
) -> Option<Agreement> {
    let pairs: Vec<(DecisionLabel, DecisionLabel)> = latest_decisions(decisions, stage)
        .values()
        .filter_map(|by| Some((*by.get(first)?, *by.get(second)?)))
        .collect();
    cohen_kappa_pairs(&pairs)
}

/// Fleiss' kappa from per-work category counts (each row sums to the
/// same number of raters).
pub fn fleiss_kappa_counts(counts: &[[usize; 3]]) -> Option<Agreement> {
    let raters = counts.first()?.iter().sum::<usize>();
    if raters < 2 || counts.iter().any(|c| c.iter().sum::<usize>() != raters) {
        return None;
    }
    let n = counts.len() as f64;
    let m = raters as f64;
    let observed = counts
        .iter()
        .map(|c| {
            let agree: f64 = c.iter().map(|&k| (k * k) as f64).sum();
            (agree - m) / (m * (m - 1.0))
        })
        .sum::<f64>()
        / n;
    let expected = (0..3)
        .map(|j| {
            let p = counts.iter().map(|c| c[j] as f64).sum::<f64>() / (n * m);
            p * p
        })
        .sum::<f64>();
    Some(Agreement {
        kappa: kappa(observed, expected),
        observed,
        expected,
        works: counts.len(),
    })
}

/// Fleiss' kappa over all reviewers, on the works every one of them
/// screened at this stage.
pub fn fleiss_kappa(decisions: &[Decision], stage: ScreeningStage) -> Option<Agreement> {
    let latest = latest_decisions(decisions, stage);
    let reviewers: BTreeSet<&String> = latest.values().flat_map(|by| by.keys()).collect();
    let counts: Vec<[usize; 3]> = latest
        .values()
        .filter(|by| by.len() == reviewers.len())
        .map(|by| {
            let mut c = [0usize; 3];
            by.values().for_each(|&l| c[label_index(l)] += 1);
            c
        })
        .collect();
    fleiss_kappa_counts(&counts)
}

/// A work the reviewers labelled differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub work_id: String,
    /// (reviewer, label), sorted by reviewer.
    pub labels: Vec<(String, DecisionLabel)>,
}

/// Works with more than one distinct label among reviewers at this stage.
pub fn conflicts(decisions: &[Decision], stage: ScreeningStage) -> Vec<Conflict> {
    latest_decisions(decisions, stage)
        .into_iter()
        .filter(|(_, by)| {
            let distinct: BTreeSet<usize> = by.values().map(|&l| label_index(l)).collect();
            distinct.len() > 1
        })
        .map(|(work_id, by)| Conflict {
            work_id,
            labels: by.into_iter().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecisionLabel::*;

    fn decision(work: &str, reviewer: &str, label: DecisionLabel) -> Decision {
        Decision {
            work_id: work.into(),
            stage: ScreeningStage::Abstract,
            reviewer: reviewer.into(),
            label,
            reason: None,
            note: None,
            at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn cohen_textbook_example() {
        // Wikipedia "Cohen's kappa": 50 items, yes/yes 20, yes/no 5,
        // no/yes 10, no/no 15 → po = 0.7, pe = 0.5, κ = 0.4.
        let mut pairs = vec![(Include, Include); 20];
        pairs.extend(vec![(Include, Exclude); 5]);
        pairs.extend(vec![(Exclude, Include); 10]);
        pairs.extend(vec![(Exclude, Exclude); 15]);
        let a = cohen_kappa_pairs(&pairs).unwrap();
        assert!((a.observed - 0.7).abs() < 1e-12);
        assert!((a.expected - 0.5).abs() < 1e-12);
        assert!((a.kappa - 0.4).abs() < 1e-12);
    }

    #[test]
    fn fleiss_textbook_example() {
        // Fleiss (1971) computed by hand on 4 works, 3 raters:
        // [3,0,0] [0,3,0] [2,1,0] [1,1,1].
        // P_i = 1, 1, 1/3, 0 → P̄ = 7/12; p_j = 6/12, 5/12, 1/12 →
        // P̄e = (36+25+1)/144 = 62/144; κ = (7/12 − 62/144)/(1 − 62/144)
        // = (84 − 62)/(144 − 62) = 22/82.
        let a = fleiss_kappa_counts(&[[3, 0, 0], [0, 3, 0], [2, 1, 0], [1, 1, 1]]).unwrap();
        assert!((a.kappa - 22.0 / 82.0).abs() < 1e-12, "{}", a.kappa);
    }

    #[test]
    fn decisions_give_kappa_and_conflicts() {
        let ds = vec![
            decision("w1", "ann", Include),
            decision("w1", "bob", Include),
            decision("w2", "ann", Exclude),
            decision("w2", "bob", Include),
            decision("w3", "ann", Exclude),
            decision("w3", "bob", Exclude),
            decision("w4", "ann", Exclude),
        ];
        let stage = ScreeningStage::Abstract;
        let a = cohen_kappa(&ds, stage, "ann", "bob").unwrap();
        assert_eq!(a.works, 3);
        // po = 2/3; ann I1 E2, bob I2 E1 → pe = (1·2 + 2·1)/9 = 4/9; κ = 0.4.
        assert!((a.kappa - 0.4).abs() < 1e-12);
        let f = fleiss_kappa(&ds, stage).unwrap();
        assert_eq!(f.works, 3);
        let c = conflicts(&ds, stage);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].work_id, "w2");
    }
}
