//! Simulation metrics with the exact definitions of ASReview Insights 1.x
//! (`asreviewcontrib.insights.algorithms`): the labels in query order with
//! the prior records left out, padded with zeros to all non-prior records.
//!
//! - recall@x: recall after the first ⌊x·N⌋ records (the last point of the
//!   curve at or before x).
//! - WSS@r: for the k-th relevant record with k/R ≤ r (the last such k),
//!   (position at which random screening — `round(linspace(0, R, N))` —
//!   would have found k) − (position at which the ranking found it), over N.
//! - n@r: records screened (after the prior) until ⌈r·R⌉ relevant were found.

use serde::Serialize;

/// The standard summary of one simulation run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    #[serde(rename = "n@95")]
    pub n_at_95: usize,
    #[serde(rename = "n@100")]
    pub n_at_100: usize,
    #[serde(rename = "wss@95")]
    pub wss_at_95: f64,
    #[serde(rename = "wss@100")]
    pub wss_at_100: f64,
    #[serde(rename = "recall@10%")]
    pub recall_at_10: f64,
    pub seconds: f64,
}

impl Metrics {
    /// All metrics from the query-ordered labels (priors excluded) and the
    /// number of non-prior records. `seconds` is filled by the caller.
    pub fn from_labels(labels: &[bool], n_records: usize) -> Metrics {
        Metrics {
            n_at_95: records_to_recall(labels, 0.95),
            n_at_100: records_to_recall(labels, 1.0),
            wss_at_95: wss(labels, n_records, 0.95),
            wss_at_100: wss(labels, n_records, 1.0),
            recall_at_10: recall_at(labels, n_records, 0.10),
            seconds: 0.0,
        }
    }
}

/// The recall curve: (records screened, recall) after each step.
pub fn recall_curve(labels: &[bool]) -> Vec<(usize, f64)> {
    let total = labels.iter().filter(|&&l| l).count().max(1) as f64;
    let mut found = 0usize;
    labels
        .iter()
        .enumerate()
        .map(|(i, &l)| {
            found += l as usize;
            (i + 1, found as f64 / total)
        })
        .collect()
}

/// Recall after screening the share `x` of the `n_records` records.
pub fn recall_at(labels: &[bool], n_records: usize, x: f64) -> f64 {
    let n_pos = labels.iter().filter(|&&l| l).count();
    if n_pos == 0 || n_records == 0 {
        return 0.0;
    }
    // Last position i (1-based) with i / N <= x, as numpy's searchsorted.
    let i = (1..=n_records)
        .take_while(|&i| i as f64 / n_records as f64 <= x)
        .last();
    match i {
        None => 0.0,
        Some(i) => labels.iter().take(i).filter(|&&l| l).count() as f64 / n_pos as f64,
    }
}

/// Records screened until ⌈r·R⌉ relevant records were found.
pub fn records_to_recall(labels: &[bool], r: f64) -> usize {
    let n_pos = labels.iter().filter(|&&l| l).count();
    let target = ((r * n_pos as f64) - 1e-9).ceil().max(0.0) as usize;
    if target == 0 {
        return 0;
    }
    let mut found = 0;
    for (i, &l) in labels.iter().enumerate() {
        found += l as usize;
        if found >= target {
            return i + 1;
        }
    }
    labels.len()
}

/// Work saved over sampling at recall `r`, ASReview Insights' definition.
pub fn wss(labels: &[bool], n_records: usize, r: f64) -> f64 {
    let n_pos = labels.iter().filter(|&&l| l).count();
    if n_pos == 0 || n_records < 2 {
        return 0.0;
    }
    // Last k with k / R <= r.
    let Some(k) = (1..=n_pos)
        .take_while(|&k| k as f64 / n_pos as f64 <= r)
        .last()
    else {
        return 0.0;
    };
    // 0-based index where the ranking found the k-th relevant record.
    let mut found = 0;
    let mut when_found = labels.len();
    for (i, &l) in labels.iter().enumerate() {
        found += l as usize;
        if found >= k {
            when_found = i;
            break;
        }
    }
    // numpy: round(linspace(0, R, N)) with round-half-to-even; the first
    // index where it reaches k.
    let step = n_pos as f64 / (n_records - 1) as f64;
    let when_random = (0..n_records)
        .find(|&j| (j as f64 * step).round_ties_even() >= k as f64)
        .unwrap_or(n_records);
    (when_random as f64 - when_found as f64) / n_records as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<bool> {
        s.chars().map(|c| c == '1').collect()
    }

    #[test]
    fn hand_computed_curve() {
        // 10 records, 4 relevant, found at positions 1, 2, 4, 7.
        let l = labels("1101001000");
        // Random: round(linspace(0,4,10)) = [0,0,1,1,2,2,3,3,4,4]
        // (0.444→0, 0.889→1, 1.333→1, 1.778→2, 2.222→2, 2.667→3,
        //  3.111→3, 3.556→4, 4.0→4).
        // k = 3 (3/4 ≤ 0.95): ranking index 3, random index 6 → 0.3.
        assert!((wss(&l, 10, 0.95) - 0.3).abs() < 1e-12);
        // k = 4: ranking index 6, random index 8 → 0.2.
        assert!((wss(&l, 10, 1.0) - 0.2).abs() < 1e-12);
        assert_eq!(records_to_recall(&l, 0.95), 7);
        assert_eq!(records_to_recall(&l, 0.5), 2);
        assert_eq!(records_to_recall(&l, 1.0), 7);
        // recall@10% = recall after 1 record = 1/4; @30% after 3 = 2/4.
        assert!((recall_at(&l, 10, 0.10) - 0.25).abs() < 1e-12);
        assert!((recall_at(&l, 10, 0.30) - 0.5).abs() < 1e-12);
        let curve = recall_curve(&l);
        assert_eq!(curve[3], (4, 0.75));
    }

    #[test]
    fn labels_shorter_than_corpus_count_as_padded() {
        // Stopped after the last inclusion: 3 labels of 10 records.
        let l = labels("011");
        // round(linspace(0,2,10)) = [0,0,0,1,1,1,1,2,2,2]: random finds the
        // second at index 7, the ranking at index 2.
        assert!((wss(&l, 10, 1.0) - 0.5).abs() < 1e-12);
        let m = Metrics::from_labels(&l, 10);
        assert_eq!(m.n_at_100, 3);
    }
}
