//! When to stop screening. Three rules over the decisions in order:
//!
//! - **Recall test** (Callaghan & Müller-Hansen 2020, "Statistical stopping
//!   criteria for automated screening in systematic reviews", Syst Rev
//!   9:273): treat the last n screened records as a random sample from
//!   those unscreened before them and test H0 "recall < target" with the
//!   hypergeometric distribution; stop when p < 1 − confidence for some n.
//!   Because the ranking puts likely-relevant records first, the sample is
//!   richer in relevant records than a random one, which makes the test
//!   conservative.
//! - **Knee method** (Cormack & Grossman 2016, "Engineering quality and
//!   reliability in technology-assisted review", SIGIR): the slope of the
//!   gain curve before its knee over the slope after it reaches
//!   156 − min(relevant found, 150), with at least 150 records screened.
//! - **Heuristic**: N consecutive irrelevant records.

use serde::Serialize;

/// Parameters of the stopping rules.
#[derive(Debug, Clone, Copy)]
pub struct StoppingConfig {
    pub consecutive_irrelevant: usize,
    pub target_recall: f64,
    pub confidence: f64,
}

impl Default for StoppingConfig {
    fn default() -> Self {
        StoppingConfig {
            consecutive_irrelevant: 100,
            target_recall: 0.95,
            confidence: 0.95,
        }
    }
}

/// Which rules are met now, with the numbers behind them.
#[derive(Debug, Clone, Serialize)]
pub struct StoppingStatus {
    pub screened: usize,
    pub relevant_found: usize,
    /// Irrelevant decisions since the last relevant one.
    pub irrelevant_run: usize,
    pub heuristic_met: bool,
    /// Smallest p-value of H0 "recall < target"; 1 when untestable.
    pub recall_p_value: f64,
    pub recall_test_met: bool,
    pub knee_slope_ratio: f64,
    pub knee_met: bool,
    /// Rough estimate of relevant records still unscreened: the share of
    /// relevant records among the last 100 decisions times the records
    /// left (an over-estimate while the ranking still works).
    pub estimated_relevant_left: f64,
}

impl StoppingStatus {
    /// Any principled rule (recall test or knee) met.
    pub fn principled_met(&self) -> bool {
        self.recall_test_met || self.knee_met
    }
}

/// Evaluate all rules on the decisions so far (`true` = relevant, in the
/// order they were made) among `n_records` records.
pub fn evaluate(decisions: &[bool], n_records: usize, config: &StoppingConfig) -> StoppingStatus {
    let screened = decisions.len();
    let relevant_found = decisions.iter().filter(|&&d| d).count();
    let irrelevant_run = decisions.iter().rev().take_while(|&&d| !d).count();
    let recall_p_value = recall_test_p_value(decisions, n_records, config.target_recall);
    let knee_slope_ratio = knee_slope_ratio(decisions);
    let window = screened.min(100);
    let recent = decisions[screened - window..]
        .iter()
        .filter(|&&d| d)
        .count();
    let left = n_records.saturating_sub(screened) as f64;
    StoppingStatus {
        screened,
        relevant_found,
        irrelevant_run,
        heuristic_met: irrelevant_run >= config.consecutive_irrelevant,
        recall_p_value,
        recall_test_met: recall_p_value < 1.0 - config.confidence,
        knee_slope_ratio,
        knee_met: screened >= 150 && knee_slope_ratio >= 156.0 - relevant_found.min(150) as f64,
        estimated_relevant_left: if window == 0 {
            0.0
        } else {
            recent as f64 / window as f64 * left
        },
    }
}

/// The knee method's slope ratio at the current point of the gain curve;
/// 0 when there is no knee yet.
pub fn knee_slope_ratio(decisions: &[bool]) -> f64 {
    let s = decisions.len();
    let total = decisions.iter().filter(|&&d| d).count();
    if s < 2 || total == 0 {
        return 0.0;
    }
    // The knee: the point farthest above the chord from (0,0) to (s, total).
    let (mut found, mut best, mut knee, mut knee_found) = (0usize, f64::MIN, 0usize, 0usize);
    for (i, &d) in decisions.iter().enumerate() {
        found += d as usize;
        let x = (i + 1) as f64;
        let distance = found as f64 * s as f64 - x * total as f64;
        if distance > best {
            (best, knee, knee_found) = (distance, i + 1, found);
        }
    }
    if knee == 0 || knee >= s {
        return 0.0;
    }
    let before = knee_found as f64 / knee as f64;
    let after = (total - knee_found + 1) as f64 / (s - knee) as f64;
    before / after
}

/// min over window sizes n of P(X ≤ k_n) for X ~ Hypergeometric(urn of
/// records unscreened before the window, K relevant in it under H0, n
/// draws), where H0 is the smallest total relevant count that would put
/// recall below `target`.
pub fn recall_test_p_value(decisions: &[bool], n_records: usize, target: f64) -> f64 {
    let s = decisions.len();
    let found = decisions.iter().filter(|&&d| d).count();
    if s == 0 || n_records <= s || !(0.0..1.0).contains(&target) {
        return if n_records == s && s > 0 { 0.0 } else { 1.0 };
    }
    let k_target = (found as f64 / target).floor() as usize + 1;
    let mut best = 1.0f64;
    let mut k = 0usize;
    for n in 1..=s {
        k += decisions[s - n] as usize;
        let urn = n_records - s + n;
        let relevant_before = found - k;
        let in_urn = k_target.saturating_sub(relevant_before);
        let p = if in_urn > urn {
            0.0
        } else {
            hypergeometric_cdf(k, urn, in_urn, n)
        };
        best = best.min(p);
    }
    best
}

/// P(X ≤ k), X ~ Hypergeometric(population, successes, draws).
pub fn hypergeometric_cdf(k: usize, population: usize, successes: usize, draws: usize) -> f64 {
    let lo = (draws + successes).saturating_sub(population);
    let hi = draws.min(successes);
    if k < lo {
        return 0.0;
    }
    if k >= hi {
        return 1.0;
    }
    let ln_total = ln_choose(population, draws);
    (lo..=k)
        .map(|x| {
            (ln_choose(successes, x) + ln_choose(population - successes, draws - x) - ln_total)
                .exp()
        })
        .sum::<f64>()
        .min(1.0)
}

fn ln_choose(n: usize, k: usize) -> f64 {
    ln_gamma(n as f64 + 1.0) - ln_gamma(k as f64 + 1.0) - ln_gamma((n - k) as f64 + 1.0)
}

/// ln Γ(x) for x > 0, Lanczos approximation (g = 7, 9 terms).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let sum = G[1..]
        .iter()
        .enumerate()
        .fold(G[0], |acc, (i, g)| acc + g / (x + i as f64 + 1.0));
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_matches_factorials() {
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-10);
        assert!((ln_gamma(11.0) - 3_628_800f64.ln()).abs() < 1e-9);
    }

    #[test]
    fn hypergeometric_textbook_value() {
        // 50 cards, 5 aces, draw 10: P(no ace) = C(45,10)/C(50,10) ≈ 0.3106.
        let p = hypergeometric_cdf(0, 50, 5, 10);
        assert!((p - 0.310_562).abs() < 1e-5, "{p}");
        assert_eq!(hypergeometric_cdf(5, 50, 5, 10), 1.0);
    }

    #[test]
    fn heuristic_counts_the_irrelevant_run() {
        let mut d = vec![true; 5];
        d.extend(vec![false; 100]);
        let s = evaluate(&d, 1000, &StoppingConfig::default());
        assert_eq!(s.irrelevant_run, 100);
        assert!(s.heuristic_met);
        d.push(true);
        assert!(!evaluate(&d, 1000, &StoppingConfig::default()).heuristic_met);
    }

    #[test]
    fn recall_test_needs_evidence() {
        // 20 relevant found early, then a long empty run over most of a
        // small corpus: recall ≥ 95% is very likely.
        let mut d = vec![true; 20];
        d.extend(vec![false; 900]);
        let s = evaluate(&d, 1000, &StoppingConfig::default());
        assert!(s.recall_test_met, "p = {}", s.recall_p_value);
        // Same start, but only 10 irrelevant screened of 10,000: no.
        let mut d = vec![true; 20];
        d.extend(vec![false; 10]);
        let s = evaluate(&d, 10_000, &StoppingConfig::default());
        assert!(!s.recall_test_met, "p = {}", s.recall_p_value);
    }

    #[test]
    fn knee_is_met_on_a_flat_tail() {
        let mut d = vec![true; 10];
        d.extend(vec![false; 990]);
        let s = evaluate(&d, 5000, &StoppingConfig::default());
        assert!(s.knee_met, "ratio {}", s.knee_slope_ratio);
        let early: Vec<bool> = (0..200).map(|i| i % 3 == 0).collect();
        assert!(!evaluate(&early, 5000, &StoppingConfig::default()).knee_met);
    }
}
