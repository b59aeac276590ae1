//! The coder: scores a passage against every category of the codebook and
//! says why.
//!
//! Codebook mode needs no training data. A category's evidence is the sum
//! of its key terms found in the passage, each weighted by its specificity
//! (inverse passage frequency over the corpus when [`Coder::fit_corpus`]
//! has seen one, a prior otherwise: phrases and names above plain words;
//! a term listed under several categories counts less for each) and
//! dampened for repeats; long passages are normalised for length. To that
//! is added the TF-IDF cosine similarity of the passage to the category's
//! label, definition and example passages, which catches passages that
//! paraphrase a definition without using a key term. The sum is mapped to
//! 0..1 by `1 - exp(-raw / KAPPA)`; a passage is assigned a category when
//! its score reaches the threshold (0.5).
//!
//! A category whose only evidence is one plain word ("attack", "American")
//! keeps half its raw evidence: one generic word alone should not code a
//! passage; a key phrase or two distinct terms count in full.
//!
//! Trained mode: hand-coded passages train one logistic regression per
//! category over TF-IDF word 1–2-grams plus the codebook score itself, so
//! the classifier learns how far to trust the codebook and which other
//! words matter. The final score blends classifier and codebook with a
//! weight and cut-off chosen by cross-validation inside the training
//! passages ([`tuning`]), rescaled so the cut-off sits at 0.5. Categories
//! with too few hand-coded examples keep their codebook score.

mod classifier;
mod terms;
mod tokens;
mod tuning;

pub use classifier::{Logistic, TrainOptions};
pub use terms::{Hit, Term, TermMatcher};
pub use tuning::Blend;

use quire_model::{Codebook, Coding, CodingOrigin, Passage};
use serde::{Deserialize, Serialize};

use crate::CodeError;

/// How strongly a passage belongs to a category, and the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryScore {
    pub category: String,
    /// 0..1.
    pub score: f32,
    /// Codebook terms found in the passage, as written there, strongest first.
    pub evidence: Vec<String>,
    /// In trained mode, the n-grams that pushed the classifier's score up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learned: Vec<String>,
}

/// Raw evidence that maps to a score of 0.5 is `KAPPA * ln 2` ≈ 1.0: one
/// specific key term, or a weaker term plus a close paraphrase of the
/// definition.
const KAPPA: f32 = 1.5;
/// Weight of the cosine similarity to the category definition.
const SIMILARITY_WEIGHT: f32 = 4.0;
/// Passages this long (in words) count their term evidence at face value.
const REFERENCE_WORDS: f32 = 120.0;
/// A term in one passage out of this many has specificity 1.
const REFERENCE_RARITY: f32 = 20.0;
/// Corpus size at which measured term frequencies outweigh the prior.
const PRIOR_PASSAGES: f32 = 50.0;
/// Share of the raw evidence kept when it rests on one plain word.
const LONE_WORD_FACTOR: f32 = 0.5;
/// Fewest positive (and negative) hand-coded passages to train a category.
const MIN_EXAMPLES: usize = 3;
/// Feature slot of the codebook score in the classifier's input.
const CODEBOOK_FEATURE: u32 = tokens::DIM;

/// Corpus statistics: how many passages contain each term and feature.
#[derive(Debug, Clone, Default)]
struct CorpusStats {
    passages: usize,
    feature_df: tokens::FeatureMap<u32>,
    term_df: Vec<u32>,
}

impl CorpusStats {
    fn idf(&self, feature: u32) -> f32 {
        if self.passages == 0 {
            return 1.0;
        }
        let df = self.feature_df.get(&feature).copied().unwrap_or(0) as f32;
        ((self.passages as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

/// The framework compiled for scoring.
#[derive(Debug, Clone)]
pub struct Coder {
    ids: Vec<String>,
    definitions: Vec<String>,
    matcher: TermMatcher,
    term_weight: Vec<f32>,
    stats: CorpusStats,
    /// feature → (category, weight) of the definition profiles.
    profiles: tokens::FeatureMap<Vec<(usize, f32)>>,
    models: Vec<Option<Logistic>>,
    /// Per category, how the trained score is made (see [`tuning`]).
    blends: Vec<Blend>,
    labelled: Vec<(String, Vec<String>)>,
    /// n-gram text of features seen in training, to explain learned scores.
    vocabulary: tokens::FeatureMap<String>,
    /// Score at or above which a category is assigned.
    pub threshold: f32,
    pub train_options: TrainOptions,
}

impl Coder {
    pub fn from_codebook(codebook: &Codebook) -> Result<Coder, CodeError> {
        if codebook.categories.is_empty() {
            return Err(CodeError::Codebook(
                "the codebook has no categories: add [[categories]] to review.toml".into(),
            ));
        }
        let matcher = TermMatcher::new(&codebook.categories)?;
        let definitions = codebook
            .categories
            .iter()
            .map(|c| format!("{} {} {}", c.label, c.definition, c.examples.join(" ")))
            .collect();
        let mut coder = Coder {
            ids: codebook.categories.iter().map(|c| c.id.clone()).collect(),
            definitions,
            term_weight: Vec::new(),
            stats: CorpusStats {
                term_df: vec![0; matcher.terms.len()],
                ..Default::default()
            },
            matcher,
            profiles: Default::default(),
            models: vec![None; codebook.categories.len()],
            blends: vec![Blend::default(); codebook.categories.len()],
            labelled: Vec::new(),
            vocabulary: Default::default(),
            threshold: 0.5,
            train_options: TrainOptions::default(),
        };
        coder.refresh_weights();
        Ok(coder)
    }

    /// The category ids, in codebook order.
    pub fn categories(&self) -> &[String] {
        &self.ids
    }

    /// Learn term and word specificity from the passages of the corpus
    /// being coded. Retrains the classifier if it was trained, so the two
    /// stay consistent.
    pub fn fit_corpus(&mut self, passages: &[&str]) {
        let mut stats = CorpusStats {
            passages: passages.len(),
            feature_df: Default::default(),
            term_df: vec![0; self.matcher.terms.len()],
        };
        for text in passages {
            let mut seen: Vec<usize> = self.matcher.find(text).iter().map(|h| h.term).collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                stats.term_df[t] += 1;
            }
            for (f, _) in tokens::features(&tokens::word_ids(text), true) {
                *stats.feature_df.entry(f).or_default() += 1;
            }
        }
        self.stats = stats;
        self.refresh_weights();
        if !self.labelled.is_empty() {
            let labelled = std::mem::take(&mut self.labelled);
            // Labels were validated when first given; this cannot fail.
            let _ = self.train(&labelled);
        }
    }

    fn refresh_weights(&mut self) {
        let n = self.stats.passages as f32;
        self.term_weight = self
            .matcher
            .terms
            .iter()
            .enumerate()
            .map(|(t, term)| {
                let prior = term_prior(term);
                let measured =
                    ((n + 1.0) / (self.stats.term_df[t] as f32 + 0.5)).ln() / REFERENCE_RARITY.ln();
                let specificity =
                    (n * measured.clamp(0.15, 1.5) + PRIOR_PASSAGES * prior) / (n + PRIOR_PASSAGES);
                let phrase = 1.0 + 0.25 * (term.words.saturating_sub(1)) as f32;
                specificity * phrase / (term.categories.len() as f32).sqrt()
            })
            .collect();
        self.profiles.clear();
        for (c, def) in self.definitions.iter().enumerate() {
            let mut v = self.tfidf(&tokens::word_ids(def));
            tokens::normalise(&mut v);
            for (f, w) in v {
                self.profiles.entry(f).or_default().push((c, w));
            }
        }
    }

    fn tfidf(&self, ids: &[u32]) -> Vec<(u32, f32)> {
        let mut v = tokens::features(ids, true);
        for (f, x) in &mut v {
            *x *= self.stats.idf(*f);
        }
        v
    }

    /// Train on hand-coded passages: (passage text, category ids). Replaces
    /// any earlier training.
    pub fn train(&mut self, labelled: &[(String, Vec<String>)]) -> Result<(), CodeError> {
        for (text, cats) in labelled {
            if let Some(bad) = cats.iter().find(|c| !self.ids.contains(c)) {
                return Err(CodeError::UnknownCategory {
                    category: bad.clone(),
                    context: format!("a hand-coded passage (\"{}\")", preview(text)),
                });
            }
        }
        let inputs: Vec<(SparseVector, Vec<f32>)> = labelled
            .iter()
            .map(|(text, _)| {
                self.remember_ngrams(text);
                let analysis = self.analyse(text);
                (
                    analysis.vector,
                    analysis.codebook.iter().map(|s| s.score).collect(),
                )
            })
            .collect();
        for c in 0..self.ids.len() {
            let rows: Vec<(Vec<(u32, f32)>, bool)> = inputs
                .iter()
                .zip(labelled)
                .map(|((v, cb), (_, cats))| (with_codebook(v, cb[c]), cats.contains(&self.ids[c])))
                .collect();
            let positives = rows.iter().filter(|r| r.1).count();
            let enough = positives >= MIN_EXAMPLES && rows.len() - positives >= MIN_EXAMPLES;
            self.models[c] = enough.then(|| self.fit_category(&rows));
            self.blends[c] = if enough {
                let codebook: Vec<f32> = inputs.iter().map(|(_, cb)| cb[c]).collect();
                tuning::choose(&self.out_of_fold(&rows, &codebook))
            } else {
                Blend::default()
            };
        }
        self.labelled = labelled.to_vec();
        Ok(())
    }

    /// Every training passage scored by a classifier trained on the other
    /// inner folds (fold = position mod [`tuning::INNER_FOLDS`]), with its
    /// codebook score: the evidence for choosing the category's blend.
    fn out_of_fold(
        &self,
        rows: &[(Vec<(u32, f32)>, bool)],
        codebook: &[f32],
    ) -> Vec<tuning::OutOfFold> {
        let folds = tuning::INNER_FOLDS;
        let mut out = Vec::with_capacity(rows.len());
        for k in 0..folds {
            let inner: Vec<(Vec<(u32, f32)>, bool)> = rows
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, r)| r.clone())
                .collect();
            let model = self.fit_category(&inner);
            for (i, (x, y)) in rows.iter().enumerate().filter(|(i, _)| i % folds == k) {
                out.push(tuning::OutOfFold {
                    classifier: model.prob(x),
                    codebook: codebook[i],
                    positive: *y,
                });
            }
        }
        out
    }

    /// Train one category's classifier (classes balanced).
    fn fit_category(&self, rows: &[(Vec<(u32, f32)>, bool)]) -> Logistic {
        let refs: Vec<(&[(u32, f32)], bool)> =
            rows.iter().map(|(v, y)| (v.as_slice(), *y)).collect();
        Logistic::train(&refs, tokens::DIM as usize + 1, self.train_options)
    }

    /// Whether a trained classifier re-scores this category.
    pub fn is_trained(&self, category: &str) -> bool {
        self.ids
            .iter()
            .position(|c| c == category)
            .is_some_and(|c| self.models[c].is_some())
    }

    fn remember_ngrams(&mut self, text: &str) {
        let words = tokens::words(text);
        for w in &words {
            self.vocabulary
                .entry(tokens::hash(w))
                .or_insert_with(|| w.clone());
        }
        for pair in words.windows(2) {
            let id = tokens::bigram(tokens::hash(&pair[0]), tokens::hash(&pair[1]));
            self.vocabulary
                .entry(id)
                .or_insert_with(|| format!("{} {}", pair[0], pair[1]));
        }
    }

    /// Every category's score for a passage, best first.
    pub fn score(&self, text: &str) -> Vec<CategoryScore> {
        let analysis = self.analyse(text);
        let mut out = analysis.codebook;
        for (c, model) in self.models.iter().enumerate() {
            if let Some(model) = model {
                let x = with_codebook(&analysis.vector, out[c].score);
                out[c].score = self.blends[c].score(model.prob(&x), out[c].score);
                out[c].learned = self.learned_evidence(model, &x);
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.category.cmp(&b.category))
        });
        out
    }

    /// The categories a passage is assigned to (score ≥ threshold), best first.
    pub fn assigned(&self, text: &str) -> Vec<CategoryScore> {
        let mut s = self.score(text);
        s.retain(|c| c.score >= self.threshold);
        s
    }

    fn analyse(&self, text: &str) -> Analysis {
        let hits = self.matcher.find(text);
        let mut vector = self.tfidf(&tokens::word_ids(text));
        tokens::normalise(&mut vector);
        let mut similarity = vec![0f32; self.ids.len()];
        for (f, x) in &vector {
            if let Some(entries) = self.profiles.get(f) {
                for &(c, w) in entries {
                    similarity[c] += x * w;
                }
            }
        }
        let words = text.split_whitespace().count() as f32;
        let length = (words.max(REFERENCE_WORDS / 2.0) / REFERENCE_WORDS).sqrt();
        let codebook = (0..self.ids.len())
            .map(|c| {
                let (evidence, terms) = self.term_evidence(text, &hits, c);
                let raw = evidence / length + SIMILARITY_WEIGHT * similarity[c];
                let raw = raw * lone_word_factor(&hits, &self.matcher, c);
                CategoryScore {
                    category: self.ids[c].clone(),
                    score: 1.0 - (-raw / KAPPA).exp(),
                    evidence: terms,
                    learned: Vec::new(),
                }
            })
            .collect();
        Analysis { vector, codebook }
    }

    /// Summed weight of the category's terms in the passage (repeats
    /// dampened) and the matched surface forms, strongest first.
    fn term_evidence(&self, text: &str, hits: &[Hit], c: usize) -> (f32, Vec<String>) {
        let mut per_term: Vec<(usize, usize, &str)> = Vec::new(); // (term, count, first surface)
        for h in hits
            .iter()
            .filter(|h| self.matcher.terms[h.term].categories.contains(&c))
        {
            match per_term.iter_mut().find(|(t, _, _)| *t == h.term) {
                Some(entry) => entry.1 += 1,
                None => per_term.push((h.term, 1, &text[h.start..h.end])),
            }
        }
        per_term.sort_by(|a, b| self.term_weight[b.0].total_cmp(&self.term_weight[a.0]));
        let total = per_term
            .iter()
            .map(|&(t, n, _)| self.term_weight[t] * (1.0 + 0.5 * (n as f32).ln()))
            .sum();
        let mut surfaces: Vec<String> = Vec::new();
        for (_, _, s) in per_term {
            if !surfaces.iter().any(|x| x.eq_ignore_ascii_case(s)) {
                surfaces.push(s.to_string());
            }
        }
        (total, surfaces)
    }

    fn learned_evidence(&self, model: &Logistic, x: &[(u32, f32)]) -> Vec<String> {
        let mut contributions: Vec<(f32, &String)> = x
            .iter()
            .filter_map(|&(f, v)| {
                let c = model.weight(f) * v;
                (c > 0.0)
                    .then(|| self.vocabulary.get(&f).map(|s| (c, s)))
                    .flatten()
            })
            .collect();
        contributions.sort_by(|a, b| b.0.total_cmp(&a.0));
        contributions
            .into_iter()
            .take(3)
            .map(|(_, s)| s.clone())
            .collect()
    }
}

/// Feature id → value, sorted by id.
type SparseVector = Vec<(u32, f32)>;

struct Analysis {
    /// Unit-length TF-IDF vector of word 1–2-grams.
    vector: Vec<(u32, f32)>,
    codebook: Vec<CategoryScore>,
}

/// The classifier's input: the passage's n-grams plus its codebook score.
fn with_codebook(vector: &[(u32, f32)], codebook_score: f32) -> Vec<(u32, f32)> {
    let mut x = Vec::with_capacity(vector.len() + 1);
    x.extend_from_slice(vector);
    x.push((CODEBOOK_FEATURE, 2.0 * codebook_score));
    x
}

/// Specificity before any corpus is seen: phrases, acronyms and names are
/// telling, plain lower-case words less so.
fn term_prior(term: &Term) -> f32 {
    let named = term.text.chars().next().is_some_and(char::is_uppercase)
        || term.text.chars().any(|c| c.is_ascii_digit());
    if term.words > 1 || named {
        1.0
    } else {
        0.6
    }
}

/// A lone plain word is weak evidence: "attack", "mission" or "American"
/// appear in passages about anything. When a category's only evidence is
/// one distinct single-word term (however often repeated), its raw
/// evidence counts half, so it reaches the threshold only in a short
/// passage that also paraphrases the definition. A key phrase, or two
/// distinct terms, count in full.
fn lone_word_factor(hits: &[Hit], matcher: &TermMatcher, c: usize) -> f32 {
    let mut own = hits
        .iter()
        .filter(|h| matcher.terms[h.term].categories.contains(&c));
    let Some(first) = own.next() else { return 1.0 };
    let lone = own.all(|h| h.term == first.term);
    if lone && matcher.terms[first.term].words == 1 {
        LONE_WORD_FACTOR
    } else {
        1.0
    }
}

fn preview(text: &str) -> String {
    let mut s: String = text.chars().take(50).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// Code passages automatically: one Coding per assigned category.
pub fn code_passages(coder: &Coder, passages: &[Passage]) -> Vec<Coding> {
    passages
        .iter()
        .flat_map(|p| {
            coder.assigned(&p.text).into_iter().map(move |s| Coding {
                work_id: p.work_id.clone(),
                passage: p.ordinal,
                category: s.category,
                origin: CodingOrigin::Auto,
                score: s.score,
                evidence: s.evidence,
                coder: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
