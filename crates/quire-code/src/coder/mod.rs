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
//! The codebook's actors are evidence too (`actors`): a category that
//! names an actor among its key terms also counts the actor's aliases.
//! Scored as a document ([`Coder::score_document`], used by
//! [`code_passages`]), a passage adds part of its neighbours' *actor*
//! evidence to its own — who speaks or acts ("we will complete our
//! mission") is often named a paragraph earlier — while topical evidence
//! stays the passage's own. And a passage that neither it nor its
//! neighbours relate to the review's focus (its keywords and their
//! actors' names, `Codebook::focus`) keeps half its evidence: the
//! framework's words used about Kazakhstan's vaccines or Gaza are out of
//! scope.
//!
//! Trained mode: hand-coded passages train one logistic regression per
//! category over TF-IDF word 1–2-grams plus the codebook score itself, so
//! the classifier learns how far to trust the codebook and which other
//! words matter. The final score blends classifier and codebook with a
//! weight and cut-off chosen by cross-validation inside the training
//! passages (`tuning`), rescaled so the cut-off sits at 0.5. Categories
//! with too few hand-coded examples keep their codebook score. When every
//! hand-coded passage comes with a sentence embedding (`semantic`), a
//! classifier over the embedding and the codebook score takes the n-gram
//! classifier's place.

mod actors;
mod classifier;
pub mod semantic;
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
/// Share of the neighbours' mean actor evidence a passage adds to its own.
const CONTEXT_WEIGHT: f32 = 0.8;
/// Share of the raw evidence kept by a passage that, with its neighbours,
/// never mentions the review's focus.
const OFF_FOCUS_FACTOR: f32 = 0.5;
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
    /// Per term: whether it names an actor of the codebook.
    actor_term: Vec<bool>,
    /// The review's focus (its keywords and their actors' names): a
    /// passage that mentions none of them, nor do its neighbours, is
    /// about something else.
    focus: Option<TermMatcher>,
    stats: CorpusStats,
    /// feature → (category, weight) of the definition profiles.
    profiles: tokens::FeatureMap<Vec<(usize, f32)>>,
    models: Vec<Option<Logistic>>,
    /// Per category, how the trained score is made (see [`tuning`]).
    blends: Vec<Blend>,
    labelled: Vec<LabelledPassage>,
    /// Per category, the classifier over sentence embeddings, when every
    /// hand-coded passage had one.
    semantic_models: Vec<Option<semantic::DenseLogistic>>,
    /// n-gram text of features seen in training, to explain learned scores.
    vocabulary: tokens::FeatureMap<String>,
    /// Score at or above which a category is assigned.
    pub threshold: f32,
    /// Share of the neighbours' mean raw evidence a passage adds to its
    /// own in [`Coder::score_document`].
    pub context_weight: f32,
    pub train_options: TrainOptions,
}

impl Coder {
    pub fn from_codebook(codebook: &Codebook) -> Result<Coder, CodeError> {
        if codebook.categories.is_empty() {
            return Err(CodeError::Codebook(
                "the codebook has no categories: add [[categories]] to review.toml".into(),
            ));
        }
        let categories = actors::with_actor_names(&codebook.categories, &codebook.actors);
        let matcher = TermMatcher::new(&categories)?;
        let actor_term = matcher
            .terms
            .iter()
            .map(|t| actors::names_a_speaking_actor(&t.text, &codebook.actors))
            .collect();
        let definitions = codebook
            .categories
            .iter()
            .map(|c| format!("{} {} {}", c.label, c.definition, c.examples.join(" ")))
            .collect();
        let mut coder = Coder {
            ids: codebook.categories.iter().map(|c| c.id.clone()).collect(),
            definitions,
            term_weight: Vec::new(),
            actor_term,
            focus: focus_matcher(&codebook.focus, &codebook.actors)?,
            stats: CorpusStats {
                term_df: vec![0; matcher.terms.len()],
                ..Default::default()
            },
            matcher,
            profiles: Default::default(),
            models: vec![None; codebook.categories.len()],
            blends: vec![Blend::default(); codebook.categories.len()],
            labelled: Vec::new(),
            semantic_models: vec![None; codebook.categories.len()],
            vocabulary: Default::default(),
            threshold: 0.5,
            context_weight: CONTEXT_WEIGHT,
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
            let _ = self.train_passages(&labelled);
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
    /// Without the passages around them, the hand-coded passages are
    /// scored alone; [`Coder::train_passages`] gives the classifier the
    /// same context evidence that [`Coder::score_document`] uses.
    pub fn train(&mut self, labelled: &[(String, Vec<String>)]) -> Result<(), CodeError> {
        let passages: Vec<LabelledPassage> = labelled
            .iter()
            .map(|(text, categories)| LabelledPassage {
                text: text.clone(),
                categories: categories.clone(),
                ..Default::default()
            })
            .collect();
        self.train_passages(&passages)
    }

    /// Train on hand-coded passages with their neighbours. Replaces any
    /// earlier training.
    pub fn train_passages(&mut self, labelled: &[LabelledPassage]) -> Result<(), CodeError> {
        for p in labelled {
            if let Some(bad) = p.categories.iter().find(|c| !self.ids.contains(c)) {
                return Err(CodeError::UnknownCategory {
                    category: bad.clone(),
                    context: format!("a hand-coded passage (\"{}\")", preview(&p.text)),
                });
            }
        }
        let inputs: Vec<(SparseVector, Vec<f32>)> = labelled
            .iter()
            .map(|p| {
                self.remember_ngrams(&p.text);
                let analysis =
                    self.analyse_in_context(&p.text, p.before.as_deref(), p.after.as_deref());
                (
                    analysis.vector,
                    analysis.codebook.iter().map(|s| s.score).collect(),
                )
            })
            .collect();
        self.labelled = labelled.to_vec();
        if has_embeddings(labelled) {
            self.train_on_embeddings(labelled, &inputs);
            return Ok(());
        }
        self.semantic_models = vec![None; self.ids.len()];
        for c in 0..self.ids.len() {
            let rows: Vec<(Vec<(u32, f32)>, bool)> = inputs
                .iter()
                .zip(labelled)
                .map(|((v, cb), p)| (with_codebook(v, cb, c), p.categories.contains(&self.ids[c])))
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
        Ok(())
    }

    /// Train each category's [`semantic::DenseLogistic`] on the hand-coded
    /// passages' embeddings and codebook scores; the n-gram classifiers
    /// are dropped.
    fn train_on_embeddings(
        &mut self,
        labelled: &[LabelledPassage],
        inputs: &[(SparseVector, Vec<f32>)],
    ) {
        self.models = vec![None; self.ids.len()];
        self.blends = vec![Blend::default(); self.ids.len()];
        self.semantic_models = (0..self.ids.len())
            .map(|c| {
                let examples: Vec<(&[f32], f32, bool)> = labelled
                    .iter()
                    .zip(inputs)
                    .filter_map(|(p, (_, cb))| {
                        let v = p.semantic.as_deref()?;
                        Some((v, cb[c], p.categories.contains(&self.ids[c])))
                    })
                    .collect();
                let positives = examples.iter().filter(|e| e.2).count();
                let enough =
                    positives >= MIN_EXAMPLES && examples.len() - positives >= MIN_EXAMPLES;
                enough.then(|| semantic::DenseLogistic::train(&examples))
            })
            .collect();
    }

    /// Whether trained classifiers read sentence embeddings: then passages
    /// should be scored with theirs ([`Coder::score_document_with`]).
    pub fn uses_embeddings(&self) -> bool {
        self.semantic_models.iter().any(Option::is_some)
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
            .is_some_and(|c| self.models[c].is_some() || self.semantic_models[c].is_some())
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
        self.rescore(self.analyse(text), None)
    }

    /// Apply the trained classifiers (if any) and sort best first.
    fn rescore(&self, analysis: Analysis, semantic: Option<&[f32]>) -> Vec<CategoryScore> {
        let mut out = analysis.codebook;
        let codebook: Vec<f32> = out.iter().map(|s| s.score).collect();
        if let Some(v) = semantic.filter(|v| !v.is_empty()) {
            for (c, model) in self.semantic_models.iter().enumerate() {
                if let Some(model) = model {
                    out[c].score = model.prob(v, codebook[c]);
                }
            }
        }
        for (c, model) in self.models.iter().enumerate() {
            if let Some(model) = model {
                let x = with_codebook(&analysis.vector, &codebook, c);
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
        let evidence = self.evidence(text);
        self.finish(evidence, None)
    }

    /// Raw codebook evidence of a passage per category: term evidence
    /// (length-normalised) plus similarity to the definition.
    fn evidence(&self, text: &str) -> Evidence {
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
        let mut raw = Vec::with_capacity(self.ids.len());
        let mut actor = Vec::with_capacity(self.ids.len());
        let mut terms = Vec::with_capacity(self.ids.len());
        for (c, sim) in similarity.iter().enumerate() {
            let (evidence, actor_evidence, found) = self.term_evidence(text, &hits, c);
            let r = evidence / length + SIMILARITY_WEIGHT * sim;
            raw.push(r * lone_word_factor(&hits, &self.matcher, c));
            actor.push(actor_evidence / length);
            terms.push(found);
        }
        let on_focus = self.focus.as_ref().is_none_or(|f| !f.find(text).is_empty());
        Evidence {
            raw,
            actor,
            on_focus,
            terms,
            vector,
        }
    }

    /// Map raw evidence (plus any context evidence) to 0..1 scores.
    fn finish(&self, evidence: Evidence, context: Option<&Context>) -> Analysis {
        let on_focus = evidence.on_focus || context.is_some_and(|c| c.on_focus);
        let focus_factor = if on_focus { 1.0 } else { OFF_FOCUS_FACTOR };
        let codebook = evidence
            .raw
            .iter()
            .zip(evidence.terms)
            .enumerate()
            .map(|(c, (&raw, terms))| {
                let raw = raw + context.map_or(0.0, |x| self.context_weight * x.actor[c]);
                let raw = raw * focus_factor;
                CategoryScore {
                    category: self.ids[c].clone(),
                    score: 1.0 - (-raw / KAPPA).exp(),
                    evidence: terms,
                    learned: Vec::new(),
                }
            })
            .collect();
        Analysis {
            vector: evidence.vector,
            codebook,
        }
    }

    /// Score the passages of one document, in order: each passage also
    /// counts part of its neighbours' evidence, since a short passage
    /// ("We will complete our mission.") is about what the paragraphs
    /// around it are about.
    pub fn score_document(&self, texts: &[&str]) -> Vec<Vec<CategoryScore>> {
        self.score_document_with(texts, None)
    }

    /// [`Coder::score_document`] with each passage's sentence embedding,
    /// already mixed with its neighbours' ([`semantic::in_context`]), one
    /// per text.
    pub fn score_document_with(
        &self,
        texts: &[&str],
        semantic: Option<&[Vec<f32>]>,
    ) -> Vec<Vec<CategoryScore>> {
        let evidence: Vec<Evidence> = texts.iter().map(|t| self.evidence(t)).collect();
        let context: Vec<Context> = (0..texts.len())
            .map(|i| neighbour_context(&evidence, i, self.ids.len()))
            .collect();
        evidence
            .into_iter()
            .zip(&context)
            .enumerate()
            .map(|(i, (e, ctx))| {
                let v = semantic.and_then(|s| s.get(i)).map(Vec::as_slice);
                self.rescore(self.finish(e, Some(ctx)), v)
            })
            .collect()
    }

    /// One passage scored with the passages before and after it, as
    /// [`Coder::score_document`] would score it.
    pub fn score_in_context(
        &self,
        text: &str,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Vec<CategoryScore> {
        self.rescore(self.analyse_in_context(text, before, after), None)
    }

    /// [`Coder::score_in_context`] with the passage's sentence embedding,
    /// already mixed with its neighbours'.
    pub fn score_in_context_with(
        &self,
        text: &str,
        before: Option<&str>,
        after: Option<&str>,
        semantic: Option<&[f32]>,
    ) -> Vec<CategoryScore> {
        self.rescore(self.analyse_in_context(text, before, after), semantic)
    }

    fn analyse_in_context(
        &self,
        text: &str,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Analysis {
        if before.is_none() && after.is_none() {
            return self.analyse(text);
        }
        let window = [
            before.map(|t| self.evidence(t)),
            after.map(|t| self.evidence(t)),
        ];
        let neighbours: Vec<&Evidence> = window.iter().flatten().collect();
        let context = context_of(&neighbours, self.ids.len());
        self.finish(self.evidence(text), Some(&context))
    }

    /// Summed weight of the category's terms in the passage (repeats
    /// dampened) and the matched surface forms, strongest first.
    fn term_evidence(&self, text: &str, hits: &[Hit], c: usize) -> (f32, f32, Vec<String>) {
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
        let weight = |t: usize, n: usize| self.term_weight[t] * (1.0 + 0.5 * (n as f32).ln());
        let total = per_term.iter().map(|&(t, n, _)| weight(t, n)).sum();
        let actor = per_term
            .iter()
            .filter(|&&(t, _, _)| self.actor_term[t])
            .map(|&(t, n, _)| weight(t, n))
            .sum();
        let mut surfaces: Vec<String> = Vec::new();
        for (_, _, s) in per_term {
            if !surfaces.iter().any(|x| x.eq_ignore_ascii_case(s)) {
                surfaces.push(s.to_string());
            }
        }
        (total, actor, surfaces)
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

/// A hand-coded passage: its text, the categories given to it, and the
/// passages before and after it in its document (when known).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelledPassage {
    pub text: String,
    pub categories: Vec<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Its sentence embedding mixed with its neighbours'
    /// ([`semantic::in_context`]), when the review has an encoder.
    pub semantic: Option<Vec<f32>>,
}

/// Whether every hand-coded passage has an embedding, all of one length:
/// only then are the classifiers trained on embeddings.
fn has_embeddings(labelled: &[LabelledPassage]) -> bool {
    let Some(dim) = labelled
        .first()
        .and_then(|p| p.semantic.as_ref())
        .map(Vec::len)
    else {
        return false;
    };
    dim > 0
        && labelled
            .iter()
            .all(|p| p.semantic.as_ref().is_some_and(|v| v.len() == dim))
}

/// Feature id → value, sorted by id.
type SparseVector = Vec<(u32, f32)>;

struct Evidence {
    raw: Vec<f32>,
    /// The part of the term evidence that names actors.
    actor: Vec<f32>,
    /// Whether the passage mentions the review's focus.
    on_focus: bool,
    terms: Vec<Vec<String>>,
    vector: SparseVector,
}

/// What a passage's neighbours say about it.
struct Context {
    /// Mean actor evidence of the passages either side, per category.
    actor: Vec<f32>,
    /// Whether either neighbour mentions the review's focus.
    on_focus: bool,
}

fn neighbour_context(evidence: &[Evidence], i: usize, categories: usize) -> Context {
    let neighbours: Vec<&Evidence> = [i.wrapping_sub(1), i + 1]
        .iter()
        .filter_map(|&j| evidence.get(j))
        .collect();
    context_of(&neighbours, categories)
}

fn context_of(neighbours: &[&Evidence], categories: usize) -> Context {
    let mut sum = vec![0f32; categories];
    let mut n = 0.0;
    let mut on_focus = false;
    for e in neighbours {
        {
            on_focus |= e.on_focus;
            for (s, r) in sum.iter_mut().zip(&e.actor) {
                *s += r;
            }
            n += 1.0;
        }
    }
    if n > 0.0 {
        sum.iter_mut().for_each(|s| *s /= n);
    }
    Context {
        actor: sum,
        on_focus,
    }
}

/// The focus terms: the review's keywords plus every name of an actor
/// one of them names ("Afghanistan" brings "Kabul" and "Afghan").
fn focus_matcher(
    keywords: &[String],
    actors: &[quire_model::Actor],
) -> Result<Option<TermMatcher>, CodeError> {
    if keywords.is_empty() {
        return Ok(None);
    }
    let mut terms: Vec<String> = keywords.to_vec();
    for a in actors {
        let names: Vec<&String> = std::iter::once(&a.name).chain(&a.aliases).collect();
        if names.iter().any(|n| {
            keywords
                .iter()
                .any(|k| k.trim().eq_ignore_ascii_case(n.trim()))
        }) {
            terms.extend(names.into_iter().cloned());
        }
    }
    let cat = quire_model::Category {
        id: "focus".into(),
        label: "focus".into(),
        terms,
        ..Default::default()
    };
    TermMatcher::new(&[cat]).map(Some)
}

struct Analysis {
    /// Unit-length TF-IDF vector of word 1–2-grams.
    vector: Vec<(u32, f32)>,
    codebook: Vec<CategoryScore>,
}

/// The classifier's input: the passage's n-grams plus its codebook score.
fn with_codebook(vector: &[(u32, f32)], codebook: &[f32], c: usize) -> Vec<(u32, f32)> {
    let mut x = Vec::with_capacity(vector.len() + 1);
    x.extend_from_slice(vector);
    x.push((CODEBOOK_FEATURE, 2.0 * codebook[c]));
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

/// Code passages automatically: one Coding per assigned category. Runs of
/// passages of the same work are scored as one document, so each passage
/// sees its neighbours ([`Coder::score_document`]).
pub fn code_passages(coder: &Coder, passages: &[Passage]) -> Vec<Coding> {
    code_passages_with(coder, passages, None)
}

/// [`code_passages`] with each passage's sentence embedding (one per
/// passage, in the same order, not yet mixed with its neighbours').
pub fn code_passages_with(
    coder: &Coder,
    passages: &[Passage],
    embeddings: Option<&[Vec<f32>]>,
) -> Vec<Coding> {
    let semantic = embeddings.map(|e| semantic::in_context_by_work(passages, e));
    let mut start = 0;
    passages
        .chunk_by(|a, b| a.work_id == b.work_id)
        .flat_map(|doc| {
            let texts: Vec<&str> = doc.iter().map(|p| p.text.as_str()).collect();
            let doc_semantic = semantic.as_ref().map(|s| &s[start..start + doc.len()]);
            start += doc.len();
            doc.iter()
                .zip(coder.score_document_with(&texts, doc_semantic))
                .flat_map(|(p, scores)| {
                    scores
                        .into_iter()
                        .filter(|s| s.score >= coder.threshold)
                        .map(move |s| Coding {
                            work_id: p.work_id.clone(),
                            passage: p.ordinal,
                            category: s.category,
                            origin: CodingOrigin::Auto,
                            score: s.score,
                            evidence: s.evidence,
                            coder: None,
                        })
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// A category with only an id and key terms, for the unit tests.
#[cfg(test)]
pub(crate) fn test_category(id: &str, terms: &[&str]) -> quire_model::Category {
    quire_model::Category {
        id: id.into(),
        label: id.into(),
        terms: terms.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}
