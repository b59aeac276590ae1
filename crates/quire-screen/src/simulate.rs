//! Simulation: replay known labels as an oracle, the way ASReview's
//! `simulate` does — a random prior of included + excluded records per
//! seed, then one record queried per step, a retrain after every label,
//! until the last relevant record is found.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use rand::SeedableRng;

use crate::dataset::ScreenRecord;
use crate::error::{Result, ScreenError};
use crate::features::{tfidf, FeatureConfig, FeatureMatrix};
use crate::learner::{ActiveLearner, LearnerConfig};
use crate::metrics::{recall_curve, Metrics};

/// Settings of one simulation run.
#[derive(Debug, Clone)]
pub struct SimulationConfig {
    pub features: FeatureConfig,
    pub learner: LearnerConfig,
    pub prior_included: usize,
    pub prior_excluded: usize,
    /// Seed of the prior draw (and of the learner's random choices).
    pub seed: u64,
    /// Stop after this many queried records even if relevant ones remain.
    pub max_steps: Option<usize>,
}

impl Default for SimulationConfig {
    fn default() -> Self {
        SimulationConfig {
            features: FeatureConfig::default(),
            learner: LearnerConfig::default(),
            prior_included: 1,
            prior_excluded: 1,
            seed: 42,
            max_steps: None,
        }
    }
}

/// What a simulation run found.
#[derive(Debug, Clone)]
pub struct Simulation {
    /// Rows used as prior knowledge.
    pub prior: Vec<usize>,
    /// Rows in the order they were queried (priors excluded).
    pub queried: Vec<usize>,
    /// Their labels.
    pub labels: Vec<bool>,
    /// Records that were not prior knowledge.
    pub n_records: usize,
    pub metrics: Metrics,
}

impl Simulation {
    /// (records screened, recall) after each query, priors excluded.
    pub fn curve(&self) -> Vec<(usize, f64)> {
        recall_curve(&self.labels)
    }
}

/// Build features for labelled records and simulate; the reported seconds
/// include feature extraction.
pub fn simulate_records(records: &[ScreenRecord], config: &SimulationConfig) -> Result<Simulation> {
    let start = Instant::now();
    let truth = truth_of(records)?;
    let texts: Vec<String> = records.iter().map(ScreenRecord::text).collect();
    let x = tfidf(&texts, &config.features);
    drop(texts);
    let mut sim = simulate(&x, &truth, config)?;
    sim.metrics.seconds = start.elapsed().as_secs_f64();
    Ok(sim)
}

fn truth_of(records: &[ScreenRecord]) -> Result<Vec<bool>> {
    records
        .iter()
        .map(|r| {
            r.label.ok_or_else(|| {
                ScreenError::Invalid(format!(
                    "record `{}` has no label; a simulation needs every record labelled",
                    r.id
                ))
            })
        })
        .collect()
}

/// Simulate on a ready feature matrix with known labels.
pub fn simulate(
    x: &FeatureMatrix,
    truth: &[bool],
    config: &SimulationConfig,
) -> Result<Simulation> {
    if truth.len() != x.n_rows() {
        return Err(ScreenError::Invalid(format!(
            "{} labels for {} records",
            truth.len(),
            x.n_rows()
        )));
    }
    let start = Instant::now();
    let prior = draw_prior(truth, config)?;
    let mut learner = ActiveLearner::new(
        x,
        LearnerConfig {
            seed: config.seed,
            ..config.learner.clone()
        },
    );
    for &row in &prior {
        learner.record(row, truth[row]);
    }
    let total_relevant = truth.iter().filter(|&&t| t).count();
    let max_steps = config.max_steps.unwrap_or(usize::MAX);
    let mut queried = Vec::new();
    let mut labels = Vec::new();
    while learner.n_relevant() < total_relevant && queried.len() < max_steps {
        learner.retrain();
        let Some(row) = learner.next_to_screen() else {
            break;
        };
        learner.record(row, truth[row]);
        queried.push(row);
        labels.push(truth[row]);
    }
    let n_records = truth.len() - prior.len();
    let mut metrics = Metrics::from_labels(&labels, n_records);
    metrics.seconds = start.elapsed().as_secs_f64();
    Ok(Simulation {
        prior,
        queried,
        labels,
        n_records,
        metrics,
    })
}

/// Random prior records, drawn like ASReview's `--n-prior-included` /
/// `--n-prior-excluded`.
pub fn draw_prior(truth: &[bool], config: &SimulationConfig) -> Result<Vec<usize>> {
    let mut rng = SmallRng::seed_from_u64(config.seed);
    let included: Vec<usize> = (0..truth.len()).filter(|&i| truth[i]).collect();
    let excluded: Vec<usize> = (0..truth.len()).filter(|&i| !truth[i]).collect();
    if included.len() < config.prior_included || excluded.len() < config.prior_excluded {
        return Err(ScreenError::Invalid(format!(
            "prior asks for {} included and {} excluded records; the data has {} and {}",
            config.prior_included,
            config.prior_excluded,
            included.len(),
            excluded.len()
        )));
    }
    let mut prior: Vec<usize> = included
        .choose_multiple(&mut rng, config.prior_included)
        .copied()
        .collect();
    prior.extend(
        excluded
            .choose_multiple(&mut rng, config.prior_excluded)
            .copied(),
    );
    Ok(prior)
}

/// Write the recall curve as CSV: `step,recall`.
pub fn write_curve(path: &Path, sim: &Simulation) -> Result<()> {
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| ScreenError::io(path, e))?);
    let mut write = || -> std::io::Result<()> {
        writeln!(out, "step,recall")?;
        for (step, recall) in sim.curve() {
            writeln!(out, "{step},{recall:.6}")?;
        }
        out.flush()
    };
    write().map_err(|e| ScreenError::io(path, e))
}
