//! quire-screen: active-learning title/abstract screening.
//!
//! A reviewer screens records most-likely-relevant first; after every
//! decision the model is retrained and the rest re-ranked, so most
//! relevant records turn up after reading a fraction of the pile.
//!
//! ```no_run
//! use quire_screen::{tfidf, ActiveLearner, FeatureConfig, LearnerConfig, ScreenRecord};
//! # let records: Vec<ScreenRecord> = Vec::new();
//! let texts: Vec<String> = records.iter().map(ScreenRecord::text).collect();
//! let x = tfidf(&texts, &FeatureConfig::default());
//! let mut learner = ActiveLearner::new(&x, LearnerConfig::default());
//! learner.record(0, true); // the reviewer's decisions, by row
//! learner.retrain();
//! let next_row = learner.next_to_screen();
//! ```
//!
//! - [`features`]: TF-IDF over title + abstract + keywords (words and
//!   bigrams, hashed), protocol key terms boostable.
//! - [`classifier`]: linear SVM, logistic regression, multinomial NB.
//! - [`learner`]: the loop — training set with class balancing, query
//!   strategies (max relevance, uncertainty, mixed), prior guards.
//! - [`stopping`]: recall test with stated confidence, knee method,
//!   N-consecutive-irrelevant heuristic.
//! - [`simulate`](mod@simulate) and [`metrics`]: replay labelled data as ASReview does
//!   and report WSS, recall@10%, n@95%.
//! - [`agreement`]: Cohen's and Fleiss' kappa, conflicts between reviewers.
//! - [`dataset`]: labelled CSV (gz) / RIS input; records from `Work`s.
//! - [`keyword`]: key-term highlighting and pre-model ranking.
//!
//! It does not store decisions (that is `quire-store`), draw the terminal
//! screen (the CLI does), or decide full-text eligibility.

pub mod agreement;
pub mod classifier;
pub mod dataset;
pub mod error;
pub mod features;
pub mod keyword;
pub mod learner;
pub mod metrics;
pub mod simulate;
pub mod stopping;

pub use agreement::{cohen_kappa, conflicts, fleiss_kappa, Agreement, Conflict};
pub use classifier::ModelKind;
pub use dataset::{read_labelled, ScreenRecord};
pub use error::{Result, ScreenError};
pub use features::{tfidf, FeatureConfig, FeatureMatrix};
pub use learner::{ActiveLearner, LearnerConfig, QueryStrategy};
pub use metrics::Metrics;
pub use simulate::{simulate, simulate_records, write_curve, Simulation, SimulationConfig};
pub use stopping::{evaluate as stopping_status, StoppingConfig, StoppingStatus};
