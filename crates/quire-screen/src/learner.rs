//! The active-learning loop: labels so far, the classifier retrained after
//! each decision, and the query strategy that picks the next record.
//!
//! Guards for a thin prior: with no relevant record yet there is nothing to
//! learn, so records are ranked by protocol key-term score (random among
//! ties); with relevant but no irrelevant records, a random sample of
//! unlabelled records stands in as presumed-irrelevant (relevant records
//! are rare, so the sample is almost all irrelevant — the trick of
//! Cormack & Grossman's continuous active learning).
//!
//! At scale only part of the ranking is refreshed every step: every
//! `refresh_every` steps all unlabelled records are scored and the best
//! `pool_size` kept; in between only that pool is re-scored.

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use crate::classifier::{
    new_classifier, Classifier, LinearModel, ModelKind, SolverConfig, TrainingSet,
};
use crate::features::FeatureMatrix;

/// How the next record is chosen from the ranking.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum QueryStrategy {
    /// The record the model thinks most likely relevant (the default).
    MaxRelevance,
    /// The record closest to the decision boundary.
    Uncertainty,
    /// Max relevance, but a random record with this probability, to escape
    /// a narrow topic.
    Mixed { random_share: f32 },
}

impl std::str::FromStr for QueryStrategy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_lowercase().as_str() {
            "max" => Ok(QueryStrategy::MaxRelevance),
            "uncertainty" => Ok(QueryStrategy::Uncertainty),
            "mixed" => Ok(QueryStrategy::Mixed { random_share: 0.05 }),
            other => Err(format!(
                "unknown query strategy `{other}` (max, uncertainty, mixed)"
            )),
        }
    }
}

/// Settings of an active-learning session. `Default` is quire's tuned
/// configuration, the same for every dataset.
#[derive(Debug, Clone)]
pub struct LearnerConfig {
    pub model: ModelKind,
    pub solver: SolverConfig,
    pub query: QueryStrategy,
    /// Irrelevant records' weight is `n_relevant / (ratio · n_irrelevant)`
    /// of a relevant record's (ASReview's "balanced" sample weight).
    pub balance_ratio: f32,
    /// Random unlabelled records added as presumed irrelevant.
    pub presumed_irrelevant: usize,
    /// Their sample weight relative to a labelled irrelevant record.
    pub presumed_weight: f32,
    pub seed: u64,
    /// Score every record each step while the corpus has at most this many
    /// non-zeros; above it, use the candidate pool, and refresh it so that
    /// full scorings cost about this many non-zeros per step on average.
    pub full_scoring_nnz: usize,
    /// Smallest candidate pool; it grows with the refresh interval.
    pub pool_size: usize,
    /// Smallest number of steps between full scorings.
    pub refresh_every: usize,
}

impl Default for LearnerConfig {
    fn default() -> Self {
        LearnerConfig {
            model: ModelKind::Svm,
            solver: SolverConfig::default(),
            query: QueryStrategy::MaxRelevance,
            balance_ratio: 15.0,
            presumed_irrelevant: 0,
            presumed_weight: 1.0,
            seed: 0,
            full_scoring_nnz: 2_000_000,
            pool_size: 1_000,
            refresh_every: 20,
        }
    }
}

/// One screening session over a fixed feature matrix.
pub struct ActiveLearner<'a> {
    x: &'a FeatureMatrix,
    config: LearnerConfig,
    labels: Vec<Option<bool>>,
    history: Vec<(usize, bool)>,
    n_relevant: usize,
    classifier: Box<dyn Classifier>,
    trained: bool,
    scores: Vec<f32>,
    pool: Vec<usize>,
    steps_since_refresh: usize,
    key_scores: Vec<f32>,
    rng: SmallRng,
}

impl<'a> ActiveLearner<'a> {
    pub fn new(x: &'a FeatureMatrix, config: LearnerConfig) -> ActiveLearner<'a> {
        let n = x.n_rows();
        ActiveLearner {
            x,
            classifier: new_classifier(config.model, &config.solver, config.seed),
            rng: SmallRng::seed_from_u64(config.seed ^ 0x5eed),
            config,
            labels: vec![None; n],
            history: Vec::new(),
            n_relevant: 0,
            trained: false,
            scores: vec![0.0; n],
            pool: Vec::new(),
            steps_since_refresh: usize::MAX,
            key_scores: Vec::new(),
        }
    }

    /// Key-term scores per record, used to rank before anything relevant
    /// is known (see `keyword::key_term_scores`).
    pub fn with_key_term_scores(mut self, scores: Vec<f32>) -> Self {
        if scores.len() == self.labels.len() {
            self.key_scores = scores;
        }
        self
    }

    pub fn n_records(&self) -> usize {
        self.labels.len()
    }

    pub fn n_labelled(&self) -> usize {
        self.history.len()
    }

    pub fn n_relevant(&self) -> usize {
        self.n_relevant
    }

    pub fn label_of(&self, row: usize) -> Option<bool> {
        self.labels.get(row).copied().flatten()
    }

    /// The decisions in the order they were made: (row, relevant).
    pub fn history(&self) -> &[(usize, bool)] {
        &self.history
    }

    /// The current model, if one could be trained.
    pub fn model(&self) -> Option<&LinearModel> {
        self.trained.then(|| self.classifier.model())
    }

    /// Record a decision. Relabelling a row replaces its earlier label.
    pub fn record(&mut self, row: usize, relevant: bool) {
        if row >= self.labels.len() {
            return;
        }
        if let Some(old) = self.labels[row] {
            self.history.retain(|&(r, _)| r != row);
            self.n_relevant -= old as usize;
        }
        self.labels[row] = Some(relevant);
        self.history.push((row, relevant));
        self.n_relevant += relevant as usize;
    }

    /// Take back the last decision; returns it.
    pub fn undo(&mut self) -> Option<(usize, bool)> {
        let (row, relevant) = self.history.pop()?;
        self.labels[row] = None;
        self.n_relevant -= relevant as usize;
        self.steps_since_refresh = usize::MAX;
        Some((row, relevant))
    }

    /// The training set: labelled rows with balanced weights, plus
    /// presumed-irrelevant random unlabelled rows.
    fn training_set(&mut self) -> TrainingSet {
        let n_rel = self.n_relevant as f32;
        let n_irr = (self.history.len() - self.n_relevant) as f32;
        let presumed = if n_irr == 0.0 {
            self.config.presumed_irrelevant.max(10)
        } else {
            self.config.presumed_irrelevant
        };
        let irr_weight = if n_irr > 0.0 {
            n_rel / (self.config.balance_ratio * n_irr)
        } else {
            n_rel / (self.config.balance_ratio * presumed as f32)
        };
        let mut train = TrainingSet::default();
        for &(row, relevant) in &self.history {
            train.push(row, relevant, if relevant { 1.0 } else { irr_weight });
        }
        let unlabelled = self.labels.len() - self.history.len();
        for _ in 0..presumed.min(unlabelled) {
            let row = self.random_unlabelled();
            train.push(row, false, irr_weight * self.config.presumed_weight);
        }
        // Renormalise to mean weight 1 so the regularisation strength does
        // not drift with the class ratio (as ASReview does).
        let mean = train.weight.iter().sum::<f32>() / train.len().max(1) as f32;
        if mean > 0.0 {
            train.weight.iter_mut().for_each(|w| *w /= mean);
        }
        train
    }

    fn random_unlabelled(&mut self) -> usize {
        loop {
            let row = self.rng.random_range(0..self.labels.len());
            if self.labels[row].is_none() {
                return row;
            }
        }
    }

    /// Retrain on all decisions so far; false when nothing relevant is
    /// known yet (the ranking then falls back to key terms / random).
    pub fn retrain(&mut self) -> bool {
        self.trained = false;
        if self.n_relevant == 0 || self.history.len() == self.labels.len() {
            return false;
        }
        let train = self.training_set();
        self.classifier.fit(self.x, &train);
        self.trained = true;
        true
    }

    fn uses_pool(&self) -> bool {
        self.x.nnz() > self.config.full_scoring_nnz
    }

    /// Steps between full scorings: at least `refresh_every`, more on a
    /// big corpus so the amortised cost per step stays bounded.
    fn refresh_interval(&self) -> usize {
        let amortised = self.x.nnz() / self.config.full_scoring_nnz.max(1);
        self.config.refresh_every.max(amortised)
    }

    /// Score all unlabelled rows (or only the pool at scale).
    fn rescore(&mut self) {
        let x = self.x;
        let labels = &self.labels;
        let trained = self.trained;
        let model = self.classifier.model();
        let key = &self.key_scores;
        let score_row = |row: usize| -> f32 {
            if labels[row].is_some() {
                f32::NEG_INFINITY
            } else if trained {
                model.score(x, row)
            } else {
                key.get(row).copied().unwrap_or(0.0)
            }
        };
        let use_pool = self.uses_pool();
        if !use_pool || self.steps_since_refresh >= self.refresh_interval() {
            self.scores
                .par_iter_mut()
                .enumerate()
                .for_each(|(row, s)| *s = score_row(row));
            if use_pool {
                self.refill_pool();
            }
            self.steps_since_refresh = 0;
        } else {
            let scores: Vec<f32> = self.pool.par_iter().map(|&r| score_row(r)).collect();
            for (&r, s) in self.pool.iter().zip(scores) {
                self.scores[r] = s;
            }
            self.steps_since_refresh += 1;
        }
    }

    fn refill_pool(&mut self) {
        let mut rows: Vec<usize> = (0..self.labels.len())
            .filter(|&r| self.labels[r].is_none())
            .collect();
        let k = self
            .config
            .pool_size
            .max(50 * self.refresh_interval())
            .min(rows.len());
        if k > 0 && k < rows.len() {
            let (query, scores) = (self.config.query, &self.scores);
            let key = |r: &usize| priority(query, scores[*r]);
            rows.select_nth_unstable_by(k - 1, |a, b| key(b).total_cmp(&key(a)));
            rows.truncate(k);
        }
        self.pool = rows;
    }

    /// The next record to screen, or None when all are labelled.
    pub fn next_to_screen(&mut self) -> Option<usize> {
        self.top(1).first().copied()
    }

    /// The `k` records to screen next, best first. Under the mixed
    /// strategy the first may be a random record.
    pub fn top(&mut self, k: usize) -> Vec<usize> {
        let unlabelled = self.labels.len() - self.history.len();
        if unlabelled == 0 || k == 0 {
            return Vec::new();
        }
        self.rescore();
        let mut out = Vec::with_capacity(k);
        if let QueryStrategy::Mixed { random_share } = self.config.query {
            if self.trained && self.rng.random::<f32>() < random_share {
                out.push(self.random_unlabelled());
            }
        }
        let candidates: Vec<usize> = if self.uses_pool() {
            self.pool.clone()
        } else {
            (0..self.labels.len()).collect()
        };
        // Random tie-break keys, so that an untrained ranking is a random one.
        let jitter = self.rng.random::<u64>();
        let (labels, scores, key) = (&self.labels, &self.scores, &self.key_scores);
        let (trained, query) = (self.trained, self.config.query);
        let taken = &out;
        let mut ranked: Vec<(f32, u64, usize)> = candidates
            .into_par_iter()
            .filter(|&r| labels[r].is_none() && !taken.contains(&r))
            .map(|r| {
                let p = if trained {
                    priority(query, scores[r])
                } else {
                    key.get(r).copied().unwrap_or(0.0)
                };
                (p, crate::features::mix(r as u64 ^ jitter), r)
            })
            .collect();
        let want = (k - out.len()).min(ranked.len());
        if want == 0 {
            return out;
        }
        let cmp =
            |a: &(f32, u64, usize), b: &(f32, u64, usize)| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1));
        if want < ranked.len() {
            ranked.select_nth_unstable_by(want - 1, cmp);
            ranked.truncate(want);
        }
        ranked.sort_unstable_by(cmp);
        out.extend(ranked.into_iter().map(|(_, _, r)| r));
        out
    }
}

/// The ranking key of a score under the query strategy (higher first).
fn priority(query: QueryStrategy, score: f32) -> f32 {
    match query {
        QueryStrategy::Uncertainty => -score.abs(),
        _ => score,
    }
}
