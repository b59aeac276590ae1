//! The second stage of the stacked labeller: a CRF that sees, besides the
//! token features of the first, the labels the first CRF gave the whole
//! reference — the label two tokens away, whether a label was seen
//! before, the label most of a whitespace chunk got, the labels of the
//! neighbouring words. A linear-chain CRF sees one label back; these
//! features let the second model correct a first-stage label that does not
//! fit the reference as a whole (a container title read as a title, a
//! date cut after "1998a").
//!
//! Training needs first-stage labels of the *training* references as the
//! first stage will give them on unseen text, so they come out of fold
//! ([`out_of_fold_labels`]): the training set is cut into folds and each
//! fold is labelled by a first-stage model trained on the others.
//!
//! Labelling, the token features' weights of both stages are looked up in
//! one pass (the labeller keeps one table for both models), and the
//! stacked features are read by label id from runs precomputed for every
//! value a `Template` can take: they cost neither a name nor a lookup.
//! Training builds them by name ([`StageOneLabels::features_into`]) from
//! the same templates.

use std::path::Path;

use crate::error::{CiteError, Result};
use crate::features::{features, FeatureSink};
use crate::gold::GoldReference;
use crate::labeller::{train, train_sequences, Labeller, TrainOptions};
use crate::lexicon::Lexicons;
use crate::tokenize::Token;

/// What the second stage knows about the first stage's labels of one
/// reference, over label names (`&str`, "#" beyond the ends) or label ids
/// (`u16`, the number of labels beyond the ends).
pub struct LabelContext<T> {
    labels: Vec<T>,
    /// The value standing for "no label" (before the first token, after
    /// the last, no word).
    none: T,
    /// Earlier segments (runs of one label) with this token's label.
    seen: Vec<u8>,
    /// The most frequent label in the token's whitespace chunk.
    chunk: Vec<T>,
    /// The label of the previous / next token that is a word.
    prev_word: Vec<T>,
    next_word: Vec<T>,
}

/// The stage-one labels of a reference by name: what training sees.
pub type StageOneLabels<'a> = LabelContext<&'a str>;

impl<'a> LabelContext<&'a str> {
    pub fn of(tokens: &[Token<'_>], labels: &[&'a str]) -> StageOneLabels<'a> {
        LabelContext::new(tokens, labels, "#")
    }

    /// The stacked features of token `i`, written to `sink`; `buf` is a
    /// reused name buffer.
    pub fn features_into(&self, i: usize, buf: &mut String, sink: &mut dyn FeatureSink) {
        for t in TEMPLATES {
            let (a, b) = self.values(t, i);
            t.name(word(t, a), word(t, b), buf);
            sink.add(buf);
        }
    }
}

/// A template's value as it appears in the feature name.
fn word(t: Template, v: Value<&str>) -> &str {
    match v {
        Value::Label(l) => l,
        Value::Small(k) => t.small_word(k),
        Value::Unused => "",
    }
}

impl<T: Copy + PartialEq> LabelContext<T> {
    pub fn new(tokens: &[Token<'_>], labels: &[T], none: T) -> LabelContext<T> {
        let n = tokens.len().min(labels.len());
        let labels = &labels[..n];
        let (prev_word, next_word) = word_neighbour_labels(tokens, labels, none);
        LabelContext {
            labels: labels.to_vec(),
            none,
            seen: segments_seen(labels),
            chunk: chunk_majority(tokens, labels),
            prev_word,
            next_word,
        }
    }

    fn at(&self, i: usize, d: isize) -> T {
        usize::try_from(i as isize + d)
            .ok()
            .and_then(|j| self.labels.get(j))
            .copied()
            .unwrap_or(self.none)
    }

    /// The values template `t` reads at token `i`.
    pub(crate) fn values(&self, t: Template, i: usize) -> (Value<T>, Value<T>) {
        use Template::*;
        let label = Value::Label;
        let seen = self.seen.get(i).copied().unwrap_or(0) as usize;
        match t {
            Me => (label(self.at(i, 0)), Value::Unused),
            Prev => (label(self.at(i, -1)), Value::Unused),
            Next => (label(self.at(i, 1)), Value::Unused),
            PrevMe => (label(self.at(i, -1)), label(self.at(i, 0))),
            MeNext => (label(self.at(i, 0)), label(self.at(i, 1))),
            PrevWord => (
                label(self.prev_word.get(i).copied().unwrap_or(self.none)),
                Value::Unused,
            ),
            NextWord => (
                label(self.next_word.get(i).copied().unwrap_or(self.none)),
                Value::Unused,
            ),
            Prev2 => (label(self.at(i, -2)), Value::Unused),
            Next2 => (label(self.at(i, 2)), Value::Unused),
            Seen => (Value::Small(usize::from(seen > 0)), Value::Unused),
            Count => (label(self.at(i, 0)), Value::Small(seen.min(3))),
            Chunk => (
                label(self.chunk.get(i).copied().unwrap_or(self.none)),
                Value::Unused,
            ),
        }
    }
}

/// One value a stacked feature template reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Value<T> {
    Label(T),
    /// A small number: seen (0/1) or a count bucket (0–3).
    Small(usize),
    Unused,
}

/// The stacked feature templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    /// The token's own stage-one label.
    Me,
    Prev,
    Next,
    PrevMe,
    MeNext,
    /// The label of the previous / next word (punctuation skipped).
    PrevWord,
    NextWord,
    Prev2,
    Next2,
    /// Whether an earlier segment had the token's label.
    Seen,
    /// The token's label with the number of earlier segments that had it.
    Count,
    /// The majority label of the token's whitespace chunk.
    Chunk,
}

/// The templates in the order their features are emitted (the order
/// matters: weights are summed in it).
pub(crate) const TEMPLATES: [Template; 12] = [
    Template::Me,
    Template::Prev,
    Template::Next,
    Template::PrevMe,
    Template::MeNext,
    Template::PrevWord,
    Template::NextWord,
    Template::Prev2,
    Template::Next2,
    Template::Seen,
    Template::Count,
    Template::Chunk,
];

const COUNT: [&str; 4] = ["0", "1", "2", "3+"];

impl Template {
    /// The feature name for the template's values `a` and `b` (as text).
    pub(crate) fn name(self, a: &str, b: &str, buf: &mut String) {
        use Template::*;
        let (prefix, two) = match self {
            Me => ("s1=", false),
            Prev => ("s1[-1]=", false),
            Next => ("s1[1]=", false),
            PrevMe => ("s1[-1]|s1=", true),
            MeNext => ("s1|s1[1]=", true),
            PrevWord => ("s1pw=", false),
            NextWord => ("s1nw=", false),
            Prev2 => ("s1[-2]=", false),
            Next2 => ("s1[2]=", false),
            Seen => ("s1seen=", false),
            Count => ("s1cnt=", true),
            Chunk => ("s1ch=", false),
        };
        buf.clear();
        buf.push_str(prefix);
        buf.push_str(a);
        if two {
            buf.push('|');
            buf.push_str(b);
        }
    }

    /// How a small number reads in a name.
    pub(crate) fn small_word(self, k: usize) -> &'static str {
        match self {
            Template::Seen => ["0", "1"].get(k).copied().unwrap_or("1"),
            _ => COUNT.get(k).copied().unwrap_or("3+"),
        }
    }

    /// How many values each side of the template takes, for `labels`
    /// labels plus "none": (first, second).
    pub(crate) fn domain(self, labels: usize) -> (usize, usize) {
        use Template::*;
        let l = labels + 1;
        match self {
            PrevMe | MeNext => (l, l),
            Seen => (2, 1),
            Count => (l, 4),
            _ => (l, 1),
        }
    }
}

/// Per token, how many earlier segments had its label.
fn segments_seen<T: Copy + PartialEq>(labels: &[T]) -> Vec<u8> {
    let mut seen = Vec::with_capacity(labels.len());
    let mut done: Vec<(T, u8)> = Vec::new();
    let mut here = 0u8;
    for i in 0..labels.len() {
        if i == 0 || labels[i] != labels[i - 1] {
            if i > 0 {
                bump(&mut done, labels[i - 1]);
            }
            here = done
                .iter()
                .find(|(l, _)| *l == labels[i])
                .map_or(0, |&(_, c)| c);
        }
        seen.push(here);
    }
    seen
}

/// Per token, the majority label of its whitespace chunk (ties: the label
/// seen first in the chunk).
fn chunk_majority<T: Copy + PartialEq>(tokens: &[Token<'_>], labels: &[T]) -> Vec<T> {
    let n = labels.len();
    let mut chunk = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && !tokens[j].space_before {
            j += 1;
        }
        let mut counts: Vec<(T, u8)> = Vec::new();
        for &l in &labels[i..j] {
            bump(&mut counts, l);
        }
        let mut best = counts[0];
        for &c in &counts[1..] {
            if c.1 > best.1 {
                best = c;
            }
        }
        chunk.extend(std::iter::repeat_n(best.0, j - i));
        i = j;
    }
    chunk
}

/// Per token, the labels of the previous and the next token that is a
/// word (not punctuation).
fn word_neighbour_labels<T: Copy>(tokens: &[Token<'_>], labels: &[T], none: T) -> (Vec<T>, Vec<T>) {
    let n = labels.len();
    let is_word: Vec<bool> = tokens[..n]
        .iter()
        .map(|t| {
            t.text
                .trim_start_matches('*')
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        })
        .collect();
    let mut prev = Vec::with_capacity(n);
    let mut last = none;
    for i in 0..n {
        prev.push(last);
        if is_word[i] {
            last = labels[i];
        }
    }
    let mut next = vec![none; n];
    let mut last = none;
    for i in (0..n).rev() {
        next[i] = last;
        if is_word[i] {
            last = labels[i];
        }
    }
    (prev, next)
}

fn bump<T: Copy + PartialEq>(counts: &mut Vec<(T, u8)>, l: T) {
    match counts.iter_mut().find(|(k, _)| *k == l) {
        Some(c) => c.1 = c.1.saturating_add(1),
        None => counts.push((l, 1)),
    }
}

/// First-stage labels of every training reference, each from a model that
/// did not see it: reference `i` is in fold `i % folds`; the fold models
/// are written to `work_dir` (and reused from there when present, so an
/// interrupted training resumes).
pub fn out_of_fold_labels(
    references: &[GoldReference],
    lexicons: &Lexicons,
    options: &TrainOptions,
    folds: usize,
    work_dir: &Path,
) -> Result<Vec<Vec<String>>> {
    let all: Vec<usize> = (0..folds).collect();
    train_folds(references, lexicons, options, folds, &all, work_dir)?;
    let mut labels: Vec<Vec<String>> = vec![Vec::new(); references.len()];
    for f in 0..folds {
        let path = fold_path(work_dir, f, folds);
        let model = Labeller::from_file(&path, lexicons.clone())?;
        for (i, r) in references
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == f)
        {
            labels[i] = model.label_tokens(&r.text)?.1;
        }
    }
    Ok(labels)
}

/// The first-stage model of fold `f`: trained on the other folds.
fn fold_path(work_dir: &Path, f: usize, folds: usize) -> std::path::PathBuf {
    work_dir.join(format!("stage1-fold{f}-of{folds}.crfsuite"))
}

/// Train the fold models `which` (of `folds`) that `work_dir` does not
/// hold yet: separate processes can train different folds at once.
pub fn train_folds(
    references: &[GoldReference],
    lexicons: &Lexicons,
    options: &TrainOptions,
    folds: usize,
    which: &[usize],
    work_dir: &Path,
) -> Result<()> {
    if folds < 2 {
        return Err(CiteError::Model("stacking needs at least 2 folds".into()));
    }
    std::fs::create_dir_all(work_dir).map_err(|e| CiteError::io(work_dir, e))?;
    for &f in which.iter().filter(|&&f| f < folds) {
        let path = fold_path(work_dir, f, folds);
        if path.exists() {
            continue;
        }
        let rest: Vec<GoldReference> = references
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, r)| r.clone())
            .collect();
        train(&rest, lexicons, options, &path)?;
    }
    Ok(())
}

/// Train the second stage on the gold labels: the token features plus the
/// stacked features of `stage_one` (out-of-fold first-stage labels, one
/// list per reference).
pub fn train_stage_two(
    references: &[GoldReference],
    stage_one: &[Vec<String>],
    lexicons: &Lexicons,
    options: &TrainOptions,
    out: &Path,
) -> Result<()> {
    let mut buf = String::new();
    let sequences = references.iter().zip(stage_one).filter_map(|(r, l1)| {
        let (tokens, labels) = r.labelled_tokens();
        if tokens.is_empty() || tokens.len() != l1.len() {
            return None;
        }
        let mut xseq = features(&tokens, lexicons);
        let l1: Vec<&str> = l1.iter().map(String::as_str).collect();
        let context = StageOneLabels::of(&tokens, &l1);
        for (i, attrs) in xseq.iter_mut().enumerate() {
            context.features_into(i, &mut buf, &mut AttributeList(attrs));
        }
        Some((xseq, labels))
    });
    train_sequences(sequences, options, out)
}

/// Appends features to one token's attribute list (training).
struct AttributeList<'a>(&'a mut Vec<crfs::Attribute>);

impl FeatureSink for AttributeList<'_> {
    fn start_token(&mut self, _i: usize) {}
    fn add(&mut self, name: &str) {
        self.0.push(crfs::Attribute::new(name, 1.0));
    }
}
