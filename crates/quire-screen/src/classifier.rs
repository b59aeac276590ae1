//! The relevance models: linear SVM (squared hinge, dual coordinate
//! descent as in LIBLINEAR), L2 logistic regression (dual coordinate
//! descent with a 1-D Newton step, Yu, Huang & Lin 2011), and multinomial
//! Naive Bayes. All three are linear in the features, so ranking is one
//! sparse dot product per record whichever model trained the weights.
//!
//! The dual solvers warm-start from the previous retrain's dual variables,
//! which is what keeps a retrain after one more decision to milliseconds.

use std::collections::HashMap;

use rand::rngs::SmallRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

use crate::features::FeatureMatrix;

/// Which classifier ranks the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ModelKind {
    #[default]
    Svm,
    Logistic,
    NaiveBayes,
}

impl std::str::FromStr for ModelKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_lowercase().as_str() {
            "svm" => Ok(ModelKind::Svm),
            "logistic" | "lr" => Ok(ModelKind::Logistic),
            "nb" | "naive-bayes" | "naive_bayes" => Ok(ModelKind::NaiveBayes),
            other => Err(format!("unknown model `{other}` (svm, logistic, nb)")),
        }
    }
}

/// The rows a model learns from: matrix row, relevant?, sample weight.
#[derive(Debug, Clone, Default)]
pub struct TrainingSet {
    pub rows: Vec<usize>,
    pub relevant: Vec<bool>,
    pub weight: Vec<f32>,
}

impl TrainingSet {
    pub fn push(&mut self, row: usize, relevant: bool, weight: f32) {
        self.rows.push(row);
        self.relevant.push(relevant);
        self.weight.push(weight);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// A trained linear scorer: score(x) = w·x + bias; higher = more relevant.
#[derive(Debug, Clone, Default)]
pub struct LinearModel {
    pub w: Vec<f32>,
    pub bias: f32,
}

impl LinearModel {
    pub fn score(&self, x: &FeatureMatrix, row: usize) -> f32 {
        x.dot(row, &self.w) + self.bias
    }
}

/// A classifier that can be refitted many times on a growing training set.
pub trait Classifier: Send {
    fn fit(&mut self, x: &FeatureMatrix, train: &TrainingSet) -> &LinearModel;
    fn model(&self) -> &LinearModel;
}

/// Solver settings shared by the models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolverConfig {
    /// Inverse regularisation strength C of the SVM.
    pub svm_c: f32,
    /// Inverse regularisation strength C of logistic regression.
    pub logistic_c: f32,
    /// Additive (Laplace/Lidstone) smoothing of Naive Bayes.
    pub nb_alpha: f32,
    /// Coordinate-descent epochs per refit (warm-started, so a cap trades
    /// a little precision for speed; the next refit continues).
    pub max_epochs: usize,
    /// Stop when no dual variable's projected gradient exceeds this.
    pub tolerance: f32,
    /// Coordinates visited per refit besides the new rows: a random
    /// sample of the older ones (stochastic dual coordinate ascent), so a
    /// refit costs the same at 100 or 100,000 decisions. 0 = all.
    pub rows_per_fit: usize,
}

impl Default for SolverConfig {
    fn default() -> Self {
        SolverConfig {
            svm_c: 0.05,
            logistic_c: 1.0,
            nb_alpha: 3.822,
            max_epochs: 2,
            tolerance: 0.05,
            rows_per_fit: 200,
        }
    }
}

/// A fresh classifier of the given kind.
pub fn new_classifier(kind: ModelKind, solver: &SolverConfig, seed: u64) -> Box<dyn Classifier> {
    let dual = |loss, c| {
        let mut d = DualCd::new(loss, c, seed);
        d.max_epochs = solver.max_epochs.max(1);
        d.tolerance = solver.tolerance;
        d.rows_per_fit = solver.rows_per_fit;
        Box::new(d)
    };
    match kind {
        ModelKind::Svm => dual(Loss::SquaredHinge, solver.svm_c),
        ModelKind::Logistic => dual(Loss::Logistic, solver.logistic_c),
        ModelKind::NaiveBayes => Box::new(NaiveBayes::new(solver.nb_alpha)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Loss {
    SquaredHinge,
    Logistic,
}

/// Dual coordinate descent for L2-regularised linear SVM / logistic
/// regression with a regularised bias (intercept scaling 1, as LIBLINEAR).
///
/// The primal weights are kept in step with the dual variables across
/// fits, so a refit after one more decision only touches what changed:
/// rows that left the training set are subtracted, and a refit visits the
/// new rows plus a random sample of the older ones; over successive refits
/// every row is revisited (stochastic dual coordinate ascent).
pub struct DualCd {
    loss: Loss,
    c: f32,
    /// row → y·α, the row's signed contribution to w.
    signed_alpha: HashMap<usize, f32>,
    model: LinearModel,
    rng: SmallRng,
    max_epochs: usize,
    tolerance: f32,
    rows_per_fit: usize,
}

impl DualCd {
    fn new(loss: Loss, c: f32, seed: u64) -> DualCd {
        DualCd {
            loss,
            c,
            signed_alpha: HashMap::new(),
            model: LinearModel::default(),
            rng: SmallRng::seed_from_u64(seed),
            max_epochs: 100,
            tolerance: 0.05,
            rows_per_fit: 0,
        }
    }

    /// Bring w and the dual variables to the new training set: drop rows
    /// that left it (or changed label), start new rows at their initial
    /// value. Returns α per training row.
    fn sync(
        &mut self,
        x: &FeatureMatrix,
        train: &TrainingSet,
        costs: &[f32],
    ) -> (Vec<f32>, Vec<bool>) {
        if self.model.w.len() != x.n_features {
            self.model.w = vec![0.0; x.n_features];
            self.model.bias = 0.0;
            self.signed_alpha.clear();
        }
        let mut previous = std::mem::take(&mut self.signed_alpha);
        let mut alpha = Vec::with_capacity(train.len());
        let mut is_new = Vec::with_capacity(train.len());
        for (k, &row) in train.rows.iter().enumerate() {
            let y = if train.relevant[k] { 1.0 } else { -1.0 };
            let old = previous.remove(&row).unwrap_or(0.0);
            // A row whose label flipped restarts from zero.
            let (kept, fresh) = if old * y > 0.0 {
                (old * y, false)
            } else {
                (0.0, old == 0.0)
            };
            let a = match self.loss {
                Loss::SquaredHinge => kept,
                Loss::Logistic => {
                    let c = costs[k];
                    let start = if kept > 0.0 {
                        kept
                    } else {
                        (1e-3 * c).min(1e-8)
                    };
                    start.clamp(c * 1e-6, c * (1.0 - 1e-3))
                }
            };
            self.shift(x, row, y * a - old);
            self.signed_alpha.insert(row, y * a);
            alpha.push(a);
            is_new.push(fresh);
        }
        for (row, old) in previous {
            self.shift(x, row, -old);
        }
        (alpha, is_new)
    }

    fn shift(&mut self, x: &FeatureMatrix, row: usize, delta: f32) {
        if delta != 0.0 {
            x.add_to(row, delta, &mut self.model.w);
            self.model.bias += delta;
        }
    }

    /// One coordinate step; returns the projected gradient magnitude.
    fn step(&mut self, x: &FeatureMatrix, row: usize, y: f32, c: f32, q: f32, a: &mut f32) -> f32 {
        let margin = y * (x.dot(row, &self.model.w) + self.model.bias);
        let old = *a;
        let (new, violation) = match self.loss {
            Loss::SquaredHinge => {
                let d = 0.5 / c;
                let g = margin - 1.0 + d * old;
                let pg = if old == 0.0 { g.min(0.0) } else { g };
                ((old - g / (q + d)).max(0.0), pg.abs())
            }
            Loss::Logistic => logistic_newton(old, c, q, margin - q * old),
        };
        if new != old {
            self.shift(x, row, (new - old) * y);
            *a = new;
        }
        violation
    }

    /// Coordinate sweeps over `active` (indices into the training set)
    /// until the largest violation is below tolerance.
    fn sweep(
        &mut self,
        x: &FeatureMatrix,
        train: &TrainingSet,
        costs: &[f32],
        alpha: &mut [f32],
        active: &mut Vec<usize>,
    ) {
        let mut violation = vec![0f32; train.len()];
        for _ in 0..self.max_epochs {
            active.shuffle(&mut self.rng);
            let mut worst = 0.0f32;
            for &k in active.iter() {
                let y = if train.relevant[k] { 1.0 } else { -1.0 };
                let row = train.rows[k];
                let q = x.sq_norm(row) + 1.0;
                violation[k] = self.step(x, row, y, costs[k], q, &mut alpha[k]);
                worst = worst.max(violation[k]);
            }
            if worst < self.tolerance {
                break;
            }
            // Shrinking: rows at α = 0 that satisfy their margin stay out
            // of the following epochs.
            active.retain(|&k| alpha[k] > 0.0 || violation[k] >= self.tolerance);
        }
    }
}

/// Minimise ½qα² + bα + α ln α + (c−α) ln(c−α) over (0, c) by a
/// safeguarded Newton method, from `old`. Returns (α, |gradient at old|).
fn logistic_newton(old: f32, c: f32, q: f32, b: f32) -> (f32, f32) {
    let grad = |a: f32| q * a + b + (a / (c - a)).ln();
    let first = grad(old).abs();
    let mut a = old;
    for _ in 0..20 {
        let g = grad(a);
        if g.abs() < 1e-5 {
            break;
        }
        let h = q + c / (a * (c - a));
        let mut next = a - g / h;
        // Stay strictly inside (0, c): shrink towards the violated bound.
        if next <= 0.0 {
            next = a * 0.1;
        } else if next >= c {
            next = c - (c - a) * 0.1;
        }
        a = next;
    }
    (a, first)
}

impl Classifier for DualCd {
    fn fit(&mut self, x: &FeatureMatrix, train: &TrainingSet) -> &LinearModel {
        let costs: Vec<f32> = train.weight.iter().map(|w| w * self.c).collect();
        let (mut alpha, is_new) = self.sync(x, train, &costs);
        let mut active: Vec<usize> = (0..train.len()).filter(|&k| is_new[k]).collect();
        let older = train.len() - active.len();
        if self.rows_per_fit == 0 || older <= self.rows_per_fit {
            active.extend((0..train.len()).filter(|&k| !is_new[k]));
        } else {
            let picks = rand::seq::index::sample(&mut self.rng, train.len(), self.rows_per_fit);
            active.extend(picks.into_iter().filter(|&k| !is_new[k]));
        }
        self.sweep(x, train, &costs, &mut alpha, &mut active);
        for (k, &row) in train.rows.iter().enumerate() {
            let y = if train.relevant[k] { 1.0 } else { -1.0 };
            self.signed_alpha.insert(row, y * alpha[k]);
        }
        &self.model
    }

    fn model(&self) -> &LinearModel {
        &self.model
    }
}

/// Multinomial Naive Bayes over TF-IDF weights, as sklearn's MultinomialNB;
/// the weights are log P(f|relevant) − log P(f|irrelevant).
pub struct NaiveBayes {
    smoothing: f32,
    model: LinearModel,
}

impl NaiveBayes {
    fn new(smoothing: f32) -> NaiveBayes {
        NaiveBayes {
            smoothing,
            model: LinearModel::default(),
        }
    }
}

impl Classifier for NaiveBayes {
    fn fit(&mut self, x: &FeatureMatrix, train: &TrainingSet) -> &LinearModel {
        let f = x.n_features;
        let mut counts = [vec![0f32; f], vec![0f32; f]];
        let mut class_weight = [0f32; 2];
        for (k, &row) in train.rows.iter().enumerate() {
            let c = train.relevant[k] as usize;
            x.add_to(row, train.weight[k], &mut counts[c]);
            class_weight[c] += train.weight[k];
        }
        let alpha = self.smoothing;
        let totals = counts
            .each_ref()
            .map(|c| c.iter().sum::<f32>() + alpha * f as f32);
        self.model.w = counts[1]
            .iter()
            .zip(&counts[0])
            .map(|(p, n)| ((p + alpha) / totals[1]).ln() - ((n + alpha) / totals[0]).ln())
            .collect();
        self.model.bias = ((class_weight[1] + 1e-9) / (class_weight[0] + 1e-9)).ln();
        &self.model
    }

    fn model(&self) -> &LinearModel {
        &self.model
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> (FeatureMatrix, TrainingSet) {
        // Feature 0 marks relevant rows, feature 1 irrelevant ones.
        let rows = vec![
            vec![(0, 1.0)],
            vec![(0, 0.8), (2, 0.6)],
            vec![(1, 1.0)],
            vec![(1, 0.6), (2, 0.8)],
        ];
        let x = FeatureMatrix::from_rows(3, &rows);
        let mut t = TrainingSet::default();
        for (row, rel) in [(0, true), (1, true), (2, false), (3, false)] {
            t.push(row, rel, 1.0);
        }
        (x, t)
    }

    #[test]
    fn every_model_separates_a_separable_set() {
        for kind in [ModelKind::Svm, ModelKind::Logistic, ModelKind::NaiveBayes] {
            let (x, t) = toy();
            let mut clf = new_classifier(kind, &SolverConfig::default(), 7);
            let m = clf.fit(&x, &t).clone();
            let s: Vec<f32> = (0..4).map(|r| m.score(&x, r)).collect();
            assert!(s[0] > s[2] && s[0] > s[3], "{kind:?}: {s:?}");
            assert!(s[1] > s[2] && s[1] > s[3], "{kind:?}: {s:?}");
        }
    }

    #[test]
    fn warm_start_gives_the_same_model() {
        let (x, t) = toy();
        let mut warm = new_classifier(ModelKind::Svm, &SolverConfig::default(), 1);
        let mut partial = t.clone();
        partial.rows.truncate(3);
        partial.relevant.truncate(3);
        partial.weight.truncate(3);
        warm.fit(&x, &partial);
        let a = warm.fit(&x, &t).clone();
        let b = new_classifier(ModelKind::Svm, &SolverConfig::default(), 1)
            .fit(&x, &t)
            .clone();
        for (u, v) in a.w.iter().zip(&b.w) {
            assert!((u - v).abs() < 0.05, "{:?} vs {:?}", a.w, b.w);
        }
    }

    #[test]
    fn logistic_newton_solves_the_subproblem() {
        let (a, _) = logistic_newton(0.5, 1.0, 2.0, -1.0);
        let g = 2.0 * a - 1.0 + (a / (1.0 - a)).ln();
        assert!(g.abs() < 1e-4 && a > 0.0 && a < 1.0);
    }
}
