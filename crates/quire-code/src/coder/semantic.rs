//! Sentence embeddings in trained mode. A pretrained sentence encoder
//! (the `quire-encode` crate) places passages that say the same thing in
//! other words near each other, which neither the codebook's terms nor the
//! classifier's n-grams can see. The coder does not compute embeddings:
//! the caller encodes each passage and hands the vectors in; they are
//! mixed with their neighbours' ([`in_context`]) as the codebook's actor
//! evidence is.
//!
//! When every hand-coded passage has an embedding, each category with
//! enough examples is scored by a [`DenseLogistic`] over the embedding and
//! the category's codebook score, fitted exactly (L2-regularised, Newton's
//! method), in place of the n-gram classifier: measured on eval/coding,
//! this pair is what helps (test half 0.51 → 0.65 macro-F1), and only
//! with an exact fit — the n-gram classifier's stochastic training with
//! the same features gained nothing.

use nalgebra::{DMatrix, DVector};

/// Share of the neighbours' mean embedding added to a passage's own.
pub const NEIGHBOUR_WEIGHT: f32 = 0.5;
/// Inverse L2 strength (scikit-learn's `C`) of the dense classifier.
const INVERSE_L2: f64 = 10.0;
/// Weight of the standardised codebook score beside the unit-length
/// embedding, per √dimension.
const CODEBOOK_WEIGHT: f64 = 3.0;
/// Newton iterations at most; the fit usually converges in under ten.
const MAX_NEWTON_STEPS: usize = 30;

/// The embeddings of one document's passages, in order, each plus
/// [`NEIGHBOUR_WEIGHT`] × the mean of the passages either side of it,
/// scaled to unit length.
pub fn in_context(embeddings: &[Vec<f32>]) -> Vec<Vec<f32>> {
    (0..embeddings.len())
        .map(|i| {
            let neighbours: Vec<&Vec<f32>> = [i.wrapping_sub(1), i + 1]
                .iter()
                .filter_map(|&j| embeddings.get(j))
                .filter(|v| v.len() == embeddings[i].len())
                .collect();
            let mut v = embeddings[i].clone();
            for n in &neighbours {
                let share = NEIGHBOUR_WEIGHT / neighbours.len() as f32;
                for (x, y) in v.iter_mut().zip(n.iter()) {
                    *x += share * y;
                }
            }
            unit_length(v)
        })
        .collect()
}

/// [`in_context`] over passages in document order, one embedding per
/// passage: each work's run of passages is one document. A passage
/// beyond the embeddings given gets an empty vector (none).
pub fn in_context_by_work(
    passages: &[quire_model::Passage],
    embeddings: &[Vec<f32>],
) -> Vec<Vec<f32>> {
    let mut out = Vec::with_capacity(passages.len());
    let mut start = 0;
    for doc in passages.chunk_by(|a, b| a.work_id == b.work_id) {
        let end = (start + doc.len()).min(embeddings.len());
        out.extend(in_context(&embeddings[start.min(end)..end]));
        out.resize(start + doc.len(), Vec::new());
        start += doc.len();
    }
    out
}

fn unit_length(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

/// One category's classifier over a passage's embedding and its codebook
/// score for the category.
#[derive(Debug, Clone)]
pub struct DenseLogistic {
    weights: Vec<f64>,
    bias: f64,
    /// Mean and spread of the codebook score over the training passages.
    codebook_mean: f64,
    codebook_spread: f64,
}

impl DenseLogistic {
    /// Fit on (embedding, codebook score, hand code) triples, classes
    /// balanced; every embedding must have the same length.
    pub fn train(examples: &[(&[f32], f32, bool)]) -> DenseLogistic {
        let n = examples.len().max(1) as f64;
        let mean = examples.iter().map(|e| e.1 as f64).sum::<f64>() / n;
        let var = examples
            .iter()
            .map(|e| (e.1 as f64 - mean).powi(2))
            .sum::<f64>()
            / n;
        let mut model = DenseLogistic {
            weights: Vec::new(),
            bias: 0.0,
            codebook_mean: mean,
            codebook_spread: var.sqrt().max(1e-6),
        };
        let rows: Vec<Vec<f64>> = examples.iter().map(|e| model.input(e.0, e.1)).collect();
        let labels: Vec<f64> = examples.iter().map(|e| f64::from(u8::from(e.2))).collect();
        let positives = labels.iter().sum::<f64>().max(1.0);
        let negatives = (n - labels.iter().sum::<f64>()).max(1.0);
        let class_weight = |y: f64| {
            if y > 0.5 {
                n / (2.0 * positives)
            } else {
                n / (2.0 * negatives)
            }
        };
        let sample_weights: Vec<f64> = labels.iter().map(|&y| class_weight(y)).collect();
        let dim = rows.first().map_or(0, Vec::len);
        let (weights, bias) = newton_fit(&rows, &labels, &sample_weights, dim);
        model.weights = weights;
        model.bias = bias;
        model
    }

    /// The classifier's input: the embedding, then the standardised
    /// codebook score weighted like [`CODEBOOK_WEIGHT`] dimensions' worth.
    fn input(&self, embedding: &[f32], codebook: f32) -> Vec<f64> {
        let mut x: Vec<f64> = embedding.iter().map(|&v| f64::from(v)).collect();
        let z = (f64::from(codebook) - self.codebook_mean) / self.codebook_spread;
        x.push(CODEBOOK_WEIGHT * z / (embedding.len().max(1) as f64).sqrt());
        x
    }

    /// Probability that the passage belongs to the category.
    pub fn prob(&self, embedding: &[f32], codebook: f32) -> f32 {
        let x = self.input(embedding, codebook);
        if x.len() != self.weights.len() {
            return codebook;
        }
        let margin = self.bias + dot(&self.weights, &x);
        (1.0 / (1.0 + (-margin).exp())) as f32
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimise ½‖w‖² + C Σᵢ sᵢ · logloss(yᵢ, σ(w·xᵢ + b)) (the bias is not
/// penalised) by Newton's method, halving a step that does not lower the
/// objective. Small problems only: the Hessian is dim² (a few hundred).
fn newton_fit(rows: &[Vec<f64>], labels: &[f64], weights: &[f64], dim: usize) -> (Vec<f64>, f64) {
    // One row per example: its input, then 1 for the bias.
    let x = DMatrix::from_fn(rows.len(), dim + 1, |i, j| {
        rows[i].get(j).copied().unwrap_or(1.0)
    });
    let y = DVector::from_column_slice(labels);
    let s = DVector::from_column_slice(weights);
    let objective = |theta: &DVector<f64>| {
        let w = theta.rows(0, dim);
        let loss: f64 = (&x * theta)
            .iter()
            .zip(y.iter().zip(s.iter()))
            // log(1 + e^m) − y·m, computed stably.
            .map(|(&m, (&y, &s))| s * (m.max(0.0) + (-m.abs()).exp().ln_1p() - y * m))
            .sum();
        0.5 * w.dot(&w) + INVERSE_L2 * loss
    };
    let mut theta = DVector::zeros(dim + 1);
    let mut current = objective(&theta);
    for _ in 0..MAX_NEWTON_STEPS {
        let (gradient, hessian) = gradient_and_hessian(&theta, &x, &y, &s, dim);
        let Some(step) = hessian.cholesky().map(|c| c.solve(&gradient)) else {
            break;
        };
        let mut scale = 1.0;
        let mut improved = false;
        while scale > 1e-4 {
            let trial = &theta - scale * &step;
            let value = objective(&trial);
            if value <= current {
                let gain = current - value;
                theta = trial;
                current = value;
                improved = gain > 1e-9 * current.abs().max(1.0);
                break;
            }
            scale *= 0.5;
        }
        if !improved {
            break;
        }
    }
    let bias = theta[dim];
    (theta.rows(0, dim).iter().copied().collect(), bias)
}

/// The objective's gradient and Hessian at `theta`: the penalty's (the
/// identity on the weights, not the bias) plus Xᵀ(g) and Xᵀ diag(h) X.
fn gradient_and_hessian(
    theta: &DVector<f64>,
    x: &DMatrix<f64>,
    y: &DVector<f64>,
    s: &DVector<f64>,
    dim: usize,
) -> (DVector<f64>, DMatrix<f64>) {
    let p = (x * theta).map(|m| 1.0 / (1.0 + (-m).exp()));
    let g = (&p - y).component_mul(s) * INVERSE_L2;
    let root_h = p.zip_map(s, |p, s| (INVERSE_L2 * s * p * (1.0 - p)).sqrt());
    let mut penalty = theta.clone();
    penalty[dim] = 0.0;
    let gradient = penalty + x.tr_mul(&g);
    let scaled = DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| root_h[i] * x[(i, j)]);
    let mut hessian = scaled.tr_mul(&scaled);
    for i in 0..dim {
        hessian[(i, i)] += 1.0;
    }
    (gradient, hessian)
}

/// Solve A x = b for a symmetric positive definite A (row-major, n × n) by
/// Cholesky factorisation; `None` if A is not positive definite.
#[cfg(test)]
fn solve_positive_definite(a: Vec<f64>, b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    let factor = DMatrix::from_row_slice(n, n, &a).cholesky()?;
    Some(
        factor
            .solve(&DVector::from_column_slice(b))
            .iter()
            .copied()
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixes_in_the_neighbours_and_keeps_unit_length() {
        let doc = vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![0.0, 1.0]];
        let mixed = in_context(&doc);
        for v in &mixed {
            let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-5);
        }
        // The first leans towards its only neighbour; the last stays
        // where it and its neighbour both are.
        assert!(mixed[0][1] > 0.4 && mixed[0][0] > 0.85);
        assert!(mixed[1][0] > 0.15);
        assert!((mixed[2][1] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn each_work_is_its_own_document() {
        let passage = |work: &str, ordinal| quire_model::Passage {
            work_id: work.into(),
            ordinal,
            ..Default::default()
        };
        let ps = [passage("a", 0), passage("b", 0), passage("b", 1)];
        let mixed = in_context_by_work(&ps, &[vec![1.0, 0.0], vec![0.0, 1.0], vec![0.0, 1.0]]);
        // "a" has no neighbour in its own work: unchanged.
        assert_eq!(mixed[0], vec![1.0, 0.0]);
        assert_eq!(mixed[1], vec![0.0, 1.0]);
        // Too few embeddings: the rest get none.
        let short = in_context_by_work(&ps, &[vec![1.0, 0.0]]);
        assert_eq!(short.len(), 3);
        assert!(short[1].is_empty() && short[2].is_empty());
    }

    #[test]
    fn solves_a_positive_definite_system() {
        let a = vec![4.0, 2.0, 2.0, 3.0];
        let x = solve_positive_definite(a, &[2.0, 1.0]).unwrap();
        assert!((x[0] - 0.5).abs() < 1e-12 && x[1].abs() < 1e-12);
        assert!(solve_positive_definite(vec![0.0, 1.0, 1.0, 0.0], &[1.0, 1.0]).is_none());
    }

    #[test]
    fn learns_a_direction_of_the_embedding() {
        // Positives point one way in the embedding, negatives another; the
        // codebook score says nothing.
        let mut data: Vec<(Vec<f32>, f32, bool)> = Vec::new();
        for i in 0..20 {
            let t = i as f32 / 20.0;
            data.push((unit_length(vec![1.0, t, 0.2]), 0.3, true));
            data.push((unit_length(vec![t, 1.0, 0.2]), 0.3, false));
        }
        let examples: Vec<(&[f32], f32, bool)> = data
            .iter()
            .map(|(v, c, y)| (v.as_slice(), *c, *y))
            .collect();
        let model = DenseLogistic::train(&examples);
        assert!(model.prob(&unit_length(vec![1.0, 0.1, 0.2]), 0.3) > 0.8);
        assert!(model.prob(&unit_length(vec![0.1, 1.0, 0.2]), 0.3) < 0.2);
        // An embedding of another length is not read: the codebook stands.
        assert_eq!(model.prob(&[1.0], 0.3), 0.3);
    }

    #[test]
    fn matches_the_regularised_optimum() {
        // One feature, separable data: without the penalty the weight would
        // grow without end; with it the gradient vanishes at a finite one.
        let rows = vec![vec![1.0], vec![-1.0]];
        let (w, b) = newton_fit(&rows, &[1.0, 0.0], &[1.0, 1.0], 1);
        let p = |x: f64| 1.0 / (1.0 + (-(w[0] * x + b)).exp());
        let gradient = w[0] + INVERSE_L2 * ((p(1.0) - 1.0) - p(-1.0));
        assert!(gradient.abs() < 1e-6, "gradient {gradient}, w {w:?}");
        assert!(b.abs() < 1e-9 && w[0] > 1.0);
    }
}
