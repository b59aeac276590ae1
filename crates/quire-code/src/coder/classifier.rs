//! A binary logistic regression over sparse hashed features, one per
//! category (one-vs-rest), trained with AdaGrad on class-balanced log loss
//! with L2 shrinkage of the weights it touches. Small and deterministic:
//! the same examples always give the same model.

/// Training settings. The defaults suit a few dozen to a few thousand
/// hand-coded passages.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 30,
            learning_rate: 0.3,
            l2: 1e-2,
            seed: 0x5eed,
        }
    }
}

/// A trained one-category model.
#[derive(Debug, Clone)]
pub struct Logistic {
    weights: Vec<f32>,
    bias: f32,
}

impl Logistic {
    /// Train on sparse examples (`dim` slots); positives and negatives are
    /// weighted so that each class counts as much as the other.
    pub fn train(examples: &[(&[(u32, f32)], bool)], dim: usize, opts: TrainOptions) -> Logistic {
        let mut model = Logistic {
            weights: vec![0.0; dim],
            bias: 0.0,
        };
        let positives = examples.iter().filter(|e| e.1).count().max(1) as f32;
        let negatives = examples.iter().filter(|e| !e.1).count().max(1) as f32;
        let total = positives + negatives;
        let (w_pos, w_neg) = (total / (2.0 * positives), total / (2.0 * negatives));
        let mut g2 = vec![0f32; dim];
        let mut g2_bias = 0f32;
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = opts.seed | 1;
        for _ in 0..opts.epochs {
            shuffle(&mut order, &mut rng);
            for &k in &order {
                let (x, y) = examples[k];
                let err =
                    (model.prob(x) - if y { 1.0 } else { 0.0 }) * if y { w_pos } else { w_neg };
                for &(i, v) in x {
                    let i = i as usize;
                    let g = err * v + opts.l2 * model.weights[i];
                    g2[i] += g * g;
                    model.weights[i] -= opts.learning_rate * g / (g2[i].sqrt() + 1e-6);
                }
                g2_bias += err * err;
                model.bias -= opts.learning_rate * err / (g2_bias.sqrt() + 1e-6);
            }
        }
        model
    }

    pub fn margin(&self, x: &[(u32, f32)]) -> f32 {
        self.bias
            + x.iter()
                .map(|&(i, v)| self.weights.get(i as usize).copied().unwrap_or(0.0) * v)
                .sum::<f32>()
    }

    pub fn prob(&self, x: &[(u32, f32)]) -> f32 {
        sigmoid(self.margin(x))
    }

    pub fn weight(&self, feature: u32) -> f32 {
        self.weights.get(feature as usize).copied().unwrap_or(0.0)
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Fisher–Yates with xorshift64: deterministic, no dependency.
fn shuffle(v: &mut [usize], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_feature() {
        let pos: Vec<(u32, f32)> = vec![(1, 1.0), (3, 0.5)];
        let neg: Vec<(u32, f32)> = vec![(2, 1.0), (3, 0.5)];
        let examples: Vec<(&[(u32, f32)], bool)> =
            vec![(&pos, true), (&neg, false), (&neg, false), (&neg, false)];
        let m = Logistic::train(&examples, 8, TrainOptions::default());
        assert!(m.prob(&pos) > 0.8, "{}", m.prob(&pos));
        assert!(m.prob(&neg) < 0.2, "{}", m.prob(&neg));
        assert!(m.weight(1) > 0.0 && m.weight(2) < 0.0);
    }
}
