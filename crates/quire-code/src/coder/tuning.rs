//! Trained mode's per-category decision rule, chosen by cross-validation
//! inside the training passages only: how much to trust the classifier
//! against the codebook score, and where to cut.
//!
//! With a few dozen hand-coded passages a logistic regression alone is
//! noisy, and the codebook's fixed cut-off is too lenient for broad
//! categories. So each category gets a [`Blend`]: `w · classifier +
//! (1 − w) · codebook`, and the cut-off that maximised F1 on out-of-fold
//! predictions of the training passages. The blended score is then mapped
//! piecewise-linearly so the chosen cut-off lands on 0.5, and the coder's
//! threshold keeps its meaning. The test passages are never seen here.

/// Blend weights tried, classifier share (0 = codebook alone).
const CLASSIFIER_SHARES: [f32; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];
/// Cut-offs tried, in twentieths: 0.30..=0.80. A cut-off further out
/// would rest on two or three of the few positive training passages.
const CUT_STEPS: std::ops::RangeInclusive<u32> = 6..=16;
/// Inner folds of the training passages.
pub(super) const INNER_FOLDS: usize = 3;

/// How one category's final score is made from its two scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blend {
    /// Share of the classifier's probability, 0..1.
    pub classifier_share: f32,
    /// Blended score that maps to 0.5.
    pub cut: f32,
}

impl Default for Blend {
    fn default() -> Self {
        Blend {
            classifier_share: 1.0,
            cut: 0.5,
        }
    }
}

impl Blend {
    /// Final score: the blend, stretched so `cut` maps to 0.5.
    pub fn score(&self, classifier: f32, codebook: f32) -> f32 {
        let s = self.classifier_share * classifier + (1.0 - self.classifier_share) * codebook;
        recentre(s, self.cut)
    }
}

/// Monotone map of 0..1 onto 0..1 with `cut` ↦ 0.5.
fn recentre(s: f32, cut: f32) -> f32 {
    if s < cut {
        0.5 * s / cut
    } else {
        0.5 + 0.5 * (s - cut) / (1.0 - cut).max(1e-6)
    }
}

/// One training passage seen out of fold: classifier probability (from a
/// model not trained on it), codebook score, and the hand code.
#[derive(Debug, Clone, Copy)]
pub(super) struct OutOfFold {
    pub classifier: f32,
    pub codebook: f32,
    pub positive: bool,
}

/// The blend and cut-off with the best F1 on the out-of-fold scores. Ties
/// go to the cut-off nearest 0.5 and then the larger codebook share, the
/// choices that assume least from few passages.
pub(super) fn choose(oof: &[OutOfFold]) -> Blend {
    let mut best = (f32::MIN, f32::MIN, Blend::default());
    for &share in CLASSIFIER_SHARES.iter().rev() {
        let blended: Vec<(f32, bool)> = oof
            .iter()
            .map(|o| {
                (
                    share * o.classifier + (1.0 - share) * o.codebook,
                    o.positive,
                )
            })
            .collect();
        for step in CUT_STEPS {
            let cut = step as f32 * 0.05;
            let key = (f1(&blended, cut), -(cut - 0.5).abs());
            if key.0 > best.0 || (key.0 == best.0 && key.1 > best.1) {
                best = (
                    key.0,
                    key.1,
                    Blend {
                        classifier_share: share,
                        cut,
                    },
                );
            }
        }
    }
    best.2
}

fn f1(scored: &[(f32, bool)], cut: f32) -> f32 {
    let (mut tp, mut fp, mut fn_) = (0f32, 0f32, 0f32);
    for &(s, y) in scored {
        match (s >= cut, y) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            _ => {}
        }
    }
    if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fn_)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recentre_maps_the_cut_to_one_half_and_keeps_order() {
        assert!((recentre(0.7, 0.7) - 0.5).abs() < 1e-6);
        assert!(recentre(0.69, 0.7) < 0.5 && recentre(0.71, 0.7) > 0.5);
        assert!((recentre(1.0, 0.7) - 1.0).abs() < 1e-6 && recentre(0.0, 0.7) == 0.0);
    }

    #[test]
    fn chooses_the_codebook_and_its_cut_when_only_the_codebook_separates() {
        let oof: Vec<OutOfFold> = (0..20)
            .map(|i| OutOfFold {
                classifier: if i % 3 == 0 { 0.9 } else { 0.1 },
                codebook: if i < 10 { 0.8 } else { 0.6 },
                positive: i < 10,
            })
            .collect();
        let b = choose(&oof);
        assert_eq!(b.classifier_share, 0.0);
        assert!(b.cut > 0.6 && b.cut <= 0.8, "{b:?}");
        assert!(b.score(0.0, 0.8) >= 0.5 && b.score(1.0, 0.6) < 0.5);
    }
}
