//! The trained sequence labeller: a linear-chain CRF that gives every token
//! of a reference string a field label, and groups runs of equal labels into
//! segments.
//!
//! Models are trained by the pure-Rust `crfs` crate (a CRFsuite port) and
//! stored in the CRFsuite format. For tagging, the model is compiled once
//! into flat tables — a hash map from attribute name to its run of
//! (label, weight) pairs, and the label-transition matrix — and the feature
//! extractor adds each feature's weights as it builds the name, in one
//! reused buffer: no attribute strings are allocated and no per-token
//! attribute lists are built. Viterbi decoding is the standard one and
//! gives the same labels as `crfs`'s own tagger (tested below).
//!
//! Training lives here too ([`train`]), so that the training example and the
//! evaluation script use exactly the features the shipped labeller uses.
//!
//! With a second stage ([`crate::stacking`]) the two models share one
//! attribute table: a token feature is hashed and looked up once, and its
//! weights in both models are added in the same pass; only the stacked
//! features of the first stage's labels are looked up for the second stage
//! alone. The labels equal those of the two models applied in turn
//! (tested below).

use std::path::Path;

use crate::error::{CiteError, Result};
use crate::features::{features, features_into, FeatureSink};
use crate::gold::{GoldReference, OTHER};
use crate::lexicon::Lexicons;
use crate::stacking::{LabelContext, Template, Value, TEMPLATES};
use crate::tokenize::{tokenize, Token};

/// The models shipped in the repository, built by `models/refparse/train.sh`
/// (which runs `examples/train_refparse.rs`): the first stage, and the
/// second stage that relabels with the first stage's labels in view
/// ([`crate::stacking`]).
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/refparse/model.crfsuite");
static EMBEDDED_STAGE_TWO: &[u8] = include_bytes!("../../../models/refparse/stage2.crfsuite");

/// A labelled run of tokens: the field label and the exact source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub label: String,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// A loaded CRF model with the lexicons its features were trained on, and
/// optionally a second stage that relabels with the first stage's labels
/// in view ([`crate::stacking`]).
pub struct Labeller {
    model: CompiledModel,
    stage_two: Option<StageTwo>,
    lexicons: Lexicons,
}

/// The second stage, with one attribute table for both stages: a token
/// feature's weights in both models are found with one lookup; and the
/// runs of its stacked features, precomputed for every first-stage label
/// value, so that they cost neither a name nor a lookup.
struct StageTwo {
    model: CompiledModel,
    joint: JointTable,
    stacked: StackedRuns,
}

impl std::fmt::Debug for Labeller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Labeller({} labels, {} attributes)",
            self.model.labels.len(),
            self.model.attrs.len
        )
    }
}

impl Labeller {
    /// The first-stage model and lexicons compiled into the crate: the
    /// default labeller.
    pub fn embedded() -> Result<Labeller> {
        Labeller::from_bytes(EMBEDDED_MODEL, Lexicons::embedded())
    }

    /// Both shipped stages: more accurate, about 0.6 times as fast
    /// (`eval/refparse/README.md`).
    pub fn embedded_stacked() -> Result<Labeller> {
        Labeller::embedded()?.with_stage_two(EMBEDDED_STAGE_TWO)
    }

    /// Add a second stage (CRFsuite format, trained by
    /// [`crate::stacking::train_stage_two`] on this model's labels).
    pub fn with_stage_two(mut self, bytes: &[u8]) -> Result<Labeller> {
        let model = CompiledModel::new(bytes)?;
        let joint = JointTable::new(&self.model.attrs, &model.attrs)?;
        let stacked = StackedRuns::new(&self.model.labels, &model);
        self.stage_two = Some(StageTwo {
            model,
            joint,
            stacked,
        });
        Ok(self)
    }

    /// [`Labeller::with_stage_two`] from a file.
    pub fn with_stage_two_file(self, path: &Path) -> Result<Labeller> {
        let bytes = std::fs::read(path).map_err(|e| CiteError::io(path, e))?;
        self.with_stage_two(&bytes).map_err(|e| match e {
            CiteError::Model(m) => CiteError::Model(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// Whether a second stage relabels the first stage's output.
    pub fn has_stage_two(&self) -> bool {
        self.stage_two.is_some()
    }

    /// Load a model file (e.g. one just trained by the evaluation script)
    /// with the lexicons it was trained with.
    pub fn from_file(path: &Path, lexicons: Lexicons) -> Result<Labeller> {
        let bytes = std::fs::read(path).map_err(|e| CiteError::io(path, e))?;
        Labeller::from_bytes(&bytes, lexicons).map_err(|e| match e {
            CiteError::Model(m) => CiteError::Model(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// A model in CRFsuite format, held in memory.
    pub fn from_bytes(bytes: &[u8], lexicons: Lexicons) -> Result<Labeller> {
        Ok(Labeller {
            model: CompiledModel::new(bytes)?,
            stage_two: None,
            lexicons,
        })
    }

    /// The label names the labeller gives, by label id (those of the last
    /// stage).
    pub fn labels(&self) -> &[String] {
        match &self.stage_two {
            Some(two) => &two.model.labels,
            None => &self.model.labels,
        }
    }

    /// Label every token of `text`.
    pub fn label_tokens<'a>(&self, text: &'a str) -> Result<(Vec<Token<'a>>, Vec<String>)> {
        let (tokens, ids) = self.label_ids(text);
        let labels = ids.iter().map(|&l| self.labels()[l].clone()).collect();
        Ok((tokens, labels))
    }

    /// Label every token of `text`, as label ids into [`Labeller::labels`].
    pub fn label_ids<'a>(&self, text: &'a str) -> (Vec<Token<'a>>, Vec<usize>) {
        let tokens = tokenize(text);
        if tokens.is_empty() {
            return (tokens, Vec::new());
        }
        if let Some(two) = &self.stage_two {
            let ids = self.label_stacked(two, &tokens);
            return (tokens, ids);
        }
        let mut scorer = self.scorer(tokens.len());
        features_into(&tokens, &self.lexicons, &mut scorer);
        scorer.flush();
        let ids = self.model.viterbi(&scorer.state, tokens.len());
        (tokens, ids)
    }

    /// Both stages. One pass over the token features fills both stages'
    /// scores (one joint lookup per feature); the first stage's Viterbi
    /// labels give the stacked features, whose weights only the second
    /// stage has; its Viterbi gives the labels.
    fn label_stacked(&self, two: &StageTwo, tokens: &[Token<'_>]) -> Vec<usize> {
        let n = tokens.len();
        let mut scorer = JointScorer {
            joint: &two.joint,
            first: &self.model,
            second: &two.model,
            state_one: vec![0.0; n * self.model.labels.len()],
            state_two: vec![0.0; n * two.model.labels.len()],
            token: 0,
            hashes: Vec::with_capacity(128),
            runs: Vec::with_capacity(128),
        };
        features_into(tokens, &self.lexicons, &mut scorer);
        scorer.flush();
        let first = self.model.viterbi(&scorer.state_one, n);
        // Label ids fit u16: `CompiledModel::viterbi` keeps them so.
        let ids: Vec<u16> = first.iter().map(|&l| l as u16).collect();
        let context = LabelContext::new(tokens, &ids, self.model.labels.len() as u16);
        let l2 = two.model.labels.len();
        for (i, row) in scorer.state_two.chunks_exact_mut(l2).enumerate() {
            for (t, runs) in TEMPLATES.iter().zip(&two.stacked.runs) {
                let (a, b) = context.values(*t, i);
                let (start, count) = runs.get(a, b);
                for f in &two.model.features[start..start + count] {
                    row[f.label as usize] += f.weight;
                }
            }
        }
        two.model.viterbi(&scorer.state_two, n)
    }

    /// Label tokens whose features `produce` writes into the sink it is
    /// given (for experiments that add features to the shipped ones);
    /// first stage only, label ids into its labels (those of a labeller
    /// without a second stage). `produce` must announce every token with
    /// `start_token(i)` in order, as [`features_into`] does.
    pub fn label_ids_with(
        &self,
        tokens: &[Token<'_>],
        produce: &mut dyn FnMut(&mut dyn FeatureSink),
    ) -> Vec<usize> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut scorer = self.scorer(tokens.len());
        produce(&mut scorer);
        scorer.flush();
        self.model.viterbi(&scorer.state, tokens.len())
    }

    /// Label a reference from feature hashes computed once by
    /// [`HashedFeatures::of`], adding the features `extra` writes for each
    /// token `i` after that token's shipped ones: several models can then
    /// share one feature pass. First stage only, as
    /// [`Labeller::label_ids_with`].
    pub fn label_hashed(
        &self,
        features: &HashedFeatures,
        extra: &mut dyn FnMut(usize, &mut dyn FeatureSink),
    ) -> Vec<usize> {
        let n = features.len();
        if n == 0 {
            return Vec::new();
        }
        let mut scorer = self.scorer(n);
        for i in 0..n {
            scorer.start_token(i);
            scorer.hashes.extend_from_slice(features.token(i));
            extra(i, &mut scorer);
        }
        scorer.flush();
        self.model.viterbi(&scorer.state, n)
    }

    /// Label `text` and return its segments in order (`other` dropped); a
    /// link the model called `url` that is a DOI link is returned as `doi`.
    pub fn segments<'a>(&self, text: &'a str) -> Result<Vec<Segment<'a>>> {
        let (tokens, ids) = self.label_ids(text);
        let labels: Vec<&str> = ids.iter().map(|&l| self.labels()[l].as_str()).collect();
        let mut segments = group(text, &tokens, &labels);
        relabel_doi_links(&mut segments);
        Ok(segments)
    }
}

/// A link labelled `url` that is a DOI link (`https://doi.org/…`) is the
/// work's DOI: the training data labels such links either way.
pub(crate) fn relabel_doi_links(segments: &mut [Segment<'_>]) {
    for seg in segments {
        if seg.label == "url" && is_doi_link(seg.text) {
            seg.label = "doi".into();
        }
    }
}

/// The hashed feature names of every token of one reference (the shipped
/// features), for [`Labeller::label_hashed`].
#[derive(Debug, Clone, Default)]
pub struct HashedFeatures {
    hashes: Vec<u64>,
    /// Where each token's hashes start.
    starts: Vec<usize>,
}

impl HashedFeatures {
    pub fn of(tokens: &[Token<'_>], lexicons: &Lexicons) -> HashedFeatures {
        let mut h = HashedFeatures {
            hashes: Vec::with_capacity(tokens.len() * 64),
            starts: Vec::with_capacity(tokens.len()),
        };
        features_into(tokens, lexicons, &mut h);
        h
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn token(&self, i: usize) -> &[u64] {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.hashes.len());
        &self.hashes[self.starts[i]..end]
    }
}

impl FeatureSink for HashedFeatures {
    fn start_token(&mut self, _i: usize) {
        self.starts.push(self.hashes.len());
    }

    fn add(&mut self, name: &str) {
        self.hashes.push(name_hash(name));
    }
}

impl Labeller {
    /// A scorer for `n` tokens: feature names in, per-token label scores out.
    fn scorer(&self, n: usize) -> Scorer<'_> {
        Scorer {
            model: &self.model,
            state: vec![0.0; n * self.model.labels.len()],
            row: 0,
            hashes: Vec::with_capacity(96),
            runs: Vec::with_capacity(96),
        }
    }
}

/// A CRFsuite model flattened for fast tagging.
struct CompiledModel {
    labels: Vec<String>,
    /// Attribute name → its run of state features.
    attrs: AttrTable,
    /// The state features of all attributes, each attribute's run together.
    features: Vec<StateFeature>,
    /// `trans[j * L + i]`: the weight of label `i` followed by label `j`
    /// (stored by target label, so Viterbi reads it contiguously).
    trans: Vec<f64>,
}

/// CRFsuite feature types.
const STATE_FEATURE: u32 = 0;
const TRANSITION_FEATURE: u32 = 1;

impl CompiledModel {
    fn new(bytes: &[u8]) -> Result<CompiledModel> {
        let bad = |what: &str| CiteError::Model(format!("not a CRFsuite model: {what}"));
        // `crfs` slices the buffer at the header's offsets unchecked: check
        // them first, so a damaged file is an error and not a panic.
        let header_ok = bytes.len() >= 48
            && bytes.starts_with(b"lCRF")
            && (28..48)
                .step_by(4)
                .all(|at| read_u32(bytes, at).is_some_and(|off| (off as usize) < bytes.len()));
        if !header_ok {
            return Err(bad("header"));
        }
        let model = crfs::Model::new(bytes).map_err(|e| CiteError::Model(e.to_string()))?;
        let num_labels = model.num_labels() as usize;
        let labels = (0..num_labels as u32)
            .map(|l| {
                model
                    .to_label(l)
                    .map(str::to_string)
                    .ok_or_else(|| bad("label"))
            })
            .collect::<Result<Vec<_>>>()?;
        // The feature count is read from the features chunk ("FEAT", size,
        // count): CRFsuite's own writer leaves the header's copy at 0.
        let off_features = read_u32(bytes, 28).ok_or_else(|| bad("header"))? as usize;
        if bytes.get(off_features..off_features + 4) != Some(b"FEAT".as_slice()) {
            return Err(bad("features chunk"));
        }
        let num_features = read_u32(bytes, off_features + 8).ok_or_else(|| bad("header"))? as usize;
        let mut state: Vec<(u32, u32, f64)> = Vec::with_capacity(num_features);
        let mut trans = vec![0.0; num_labels * num_labels];
        for fid in 0..num_features {
            let at = off_features + 12 + 20 * fid;
            let (Some(kind), Some(src), Some(dst), Some(w)) = (
                read_u32(bytes, at),
                read_u32(bytes, at + 4),
                read_u32(bytes, at + 8),
                read_f64(bytes, at + 12),
            ) else {
                return Err(bad("truncated features"));
            };
            if dst as usize >= num_labels {
                return Err(bad("feature label out of range"));
            }
            match kind {
                STATE_FEATURE => state.push((src, dst, w)),
                TRANSITION_FEATURE if (src as usize) < num_labels => {
                    trans[dst as usize * num_labels + src as usize] = w;
                }
                _ => return Err(bad("unknown feature type")),
            }
        }
        // Group the state features by attribute, keeping file order within one.
        state.sort_by_key(|&(a, _, _)| a);
        let mut runs: Vec<(&str, u32, u32)> = Vec::new();
        let mut features = Vec::with_capacity(state.len());
        let mut k = 0;
        while k < state.len() {
            let aid = state[k].0;
            let name = model.to_attr(aid).ok_or_else(|| bad("attribute id"))?;
            let start = features.len() as u32;
            while k < state.len() && state[k].0 == aid {
                features.push(StateFeature {
                    label: state[k].1,
                    weight: state[k].2,
                });
                k += 1;
            }
            runs.push((name, start, features.len() as u32 - start));
        }
        Ok(CompiledModel {
            labels,
            attrs: AttrTable::new(&runs)?,
            features,
            trans,
        })
    }

    /// The best label sequence for the state scores (`n` rows of L).
    fn viterbi(&self, state: &[f64], n: usize) -> Vec<usize> {
        let l = self.labels.len();
        let mut score = state[..l].to_vec();
        let mut next = vec![0.0; l];
        let mut back = vec![0u16; n * l];
        for t in 1..n {
            for j in 0..l {
                let into_j = &self.trans[j * l..(j + 1) * l];
                let (mut best, mut arg) = (f64::MIN, 0usize);
                for (i, (s, t)) in score.iter().zip(into_j).enumerate() {
                    let v = s + t;
                    if best < v {
                        best = v;
                        arg = i;
                    }
                }
                back[t * l + j] = arg as u16;
                next[j] = best + state[t * l + j];
            }
            std::mem::swap(&mut score, &mut next);
        }
        let mut last = 0;
        let mut best = f64::MIN;
        for (j, &s) in score.iter().enumerate() {
            if best < s {
                best = s;
                last = j;
            }
        }
        let mut out = vec![0usize; n];
        out[n - 1] = last;
        for t in (1..n).rev() {
            out[t - 1] = back[t * l + out[t]] as usize;
        }
        out
    }
}

/// One (attribute, label) weight.
#[derive(Debug, Clone, Copy)]
struct StateFeature {
    label: u32,
    weight: f64,
}

/// An open-addressing hash table from attribute name to its run of state
/// features, keyed by a 64-bit hash of the name. Only the hash is stored
/// and compared: a lookup touches one 16-byte slot instead of a key string,
/// which is what makes tagging fast. A feature name that is not in the
/// model could share the 64-bit hash of one that is; with some 10^6
/// attributes and 10^9 lookups the chance of that ever happening is about
/// 10^-4 over the life of the program, and the effect would be one
/// misweighted feature. Two model attributes with the same hash are
/// refused when the model is loaded.
struct AttrTable {
    slots: Vec<Slot>,
    mask: usize,
    len: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u64,
    start: u32,
    /// Number of state features; 0 marks an empty slot.
    count: u32,
}

impl AttrTable {
    fn new(runs: &[(&str, u32, u32)]) -> Result<AttrTable> {
        let capacity = (runs.len() * 2).next_power_of_two().max(16);
        let mut table = AttrTable {
            slots: vec![Slot::default(); capacity],
            mask: capacity - 1,
            len: runs.len(),
        };
        for &(name, start, count) in runs {
            let hash = name_hash(name);
            let mut i = hash as usize & table.mask;
            while table.slots[i].count != 0 {
                if table.slots[i].hash == hash {
                    return Err(CiteError::Model(format!(
                        "two attributes share a hash (one is {name:?}); rename a feature"
                    )));
                }
                i = (i + 1) & table.mask;
            }
            table.slots[i] = Slot { hash, start, count };
        }
        Ok(table)
    }

    /// The run of state features of the attribute with this name hash.
    #[inline]
    fn get_hash(&self, hash: u64) -> Option<(usize, usize)> {
        let mut i = hash as usize & self.mask;
        loop {
            let slot = self.slots[i];
            if slot.count == 0 {
                return None;
            }
            if slot.hash == hash {
                return Some((slot.start as usize, slot.count as usize));
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// A 64-bit hash of a feature name in the manner of wyhash: each 8-byte
/// word is folded in with a 64×64→128-bit multiply whose halves are
/// xored, which spreads every input bit over the whole result (plain
/// FxHash does not, and collided on real feature names).
#[inline]
fn name_hash(name: &str) -> u64 {
    const P0: u64 = 0xa076_1d64_78bd_642f;
    const P1: u64 = 0xe703_7ed1_a0b4_28db;
    let mut h = P0 ^ name.len() as u64;
    let mut chunks = name.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = mum(h ^ u64::from_le_bytes(b), P1);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = mum(h ^ u64::from_le_bytes(b), P1);
    }
    mum(h ^ P0, P1 ^ 0x8ebc_6af0_9c88_c6e3)
}

#[inline]
fn mum(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ ((r >> 64) as u64)
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

fn read_f64(bytes: &[u8], at: usize) -> Option<f64> {
    let b = bytes.get(at..at + 8)?;
    Some(f64::from_le_bytes(b.try_into().ok()?))
}

/// Adds each feature's state weights to its token's row of scores. The
/// names of one token are hashed as they come and looked up together when
/// the token is complete: independent table loads in a tight loop overlap
/// in the processor, where one lookup per feature between name-building
/// code would wait for each cache miss in turn. Weights are added in the
/// order the features came, as `crfs` does.
struct Scorer<'m> {
    model: &'m CompiledModel,
    state: Vec<f64>,
    row: usize,
    hashes: Vec<u64>,
    runs: Vec<(usize, usize)>,
}

impl Scorer<'_> {
    fn flush(&mut self) {
        let m = self.model;
        self.runs.clear();
        self.runs
            .extend(self.hashes.iter().filter_map(|&h| m.attrs.get_hash(h)));
        self.hashes.clear();
        let row = &mut self.state[self.row..self.row + m.labels.len()];
        for &(start, count) in &self.runs {
            for f in &m.features[start..start + count] {
                row[f.label as usize] += f.weight;
            }
        }
    }
}

impl FeatureSink for Scorer<'_> {
    fn start_token(&mut self, i: usize) {
        self.flush();
        self.row = i * self.model.labels.len();
    }

    fn add(&mut self, name: &str) {
        self.hashes.push(name_hash(name));
    }
}

/// One table for the attributes of both stages: per name hash, the run
/// of state features in the first model and in the second (count 0 where
/// a model lacks the attribute). Built from the two models' own tables.
struct JointTable {
    slots: Vec<JointSlot>,
    mask: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct JointSlot {
    hash: u64,
    first: (u32, u32),
    second: (u32, u32),
}

impl JointSlot {
    fn is_empty(&self) -> bool {
        self.first.1 == 0 && self.second.1 == 0
    }
}

impl JointTable {
    fn new(first: &AttrTable, second: &AttrTable) -> Result<JointTable> {
        let capacity = ((first.len + second.len) * 2).next_power_of_two().max(16);
        let mut table = JointTable {
            slots: vec![JointSlot::default(); capacity],
            mask: capacity - 1,
        };
        for (which, attrs) in [(0, first), (1, second)] {
            for slot in attrs.slots.iter().filter(|s| s.count != 0) {
                let entry = table.entry(slot.hash);
                let run = (slot.start, slot.count);
                if which == 0 {
                    entry.first = run;
                } else {
                    entry.second = run;
                }
            }
        }
        Ok(table)
    }

    /// The slot of `hash`, claimed when new.
    fn entry(&mut self, hash: u64) -> &mut JointSlot {
        let mut i = hash as usize & self.mask;
        while !self.slots[i].is_empty() && self.slots[i].hash != hash {
            i = (i + 1) & self.mask;
        }
        self.slots[i].hash = hash;
        &mut self.slots[i]
    }

    #[inline]
    fn get(&self, hash: u64) -> Option<JointSlot> {
        let mut i = hash as usize & self.mask;
        loop {
            let slot = self.slots[i];
            if slot.is_empty() {
                return None;
            }
            if slot.hash == hash {
                return Some(slot);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Adds every token feature's weights of both stages to their rows.
struct JointScorer<'m> {
    joint: &'m JointTable,
    first: &'m CompiledModel,
    second: &'m CompiledModel,
    state_one: Vec<f64>,
    state_two: Vec<f64>,
    token: usize,
    hashes: Vec<u64>,
    runs: Vec<JointSlot>,
}

impl JointScorer<'_> {
    fn flush(&mut self) {
        let joint = self.joint;
        self.runs.clear();
        self.runs
            .extend(self.hashes.iter().filter_map(|&h| joint.get(h)));
        self.hashes.clear();
        let (l1, l2) = (self.first.labels.len(), self.second.labels.len());
        let row_one = &mut self.state_one[self.token * l1..(self.token + 1) * l1];
        let row_two = &mut self.state_two[self.token * l2..(self.token + 1) * l2];
        for slot in &self.runs {
            let (start, count) = (slot.first.0 as usize, slot.first.1 as usize);
            for f in &self.first.features[start..start + count] {
                row_one[f.label as usize] += f.weight;
            }
            let (start, count) = (slot.second.0 as usize, slot.second.1 as usize);
            for f in &self.second.features[start..start + count] {
                row_two[f.label as usize] += f.weight;
            }
        }
    }
}

impl FeatureSink for JointScorer<'_> {
    fn start_token(&mut self, i: usize) {
        self.flush();
        self.token = i;
    }

    fn add(&mut self, name: &str) {
        self.hashes.push(name_hash(name));
    }
}

/// The second stage's runs of stacked features, per template, for every
/// value the template can read (first-stage labels and "none", seen,
/// count buckets): the names are built and looked up once, at load.
struct StackedRuns {
    runs: Vec<TemplateRuns>,
}

struct TemplateRuns {
    /// Values of the second side (1 when the template reads one value).
    width: usize,
    /// (start, count) into the second model's features; count 0 when the
    /// model has no such attribute.
    runs: Vec<(usize, usize)>,
}

impl TemplateRuns {
    #[inline]
    fn get<T: Into<usize> + Copy>(&self, a: Value<T>, b: Value<T>) -> (usize, usize) {
        let index = |v: Value<T>| match v {
            Value::Label(l) => l.into(),
            Value::Small(k) => k,
            Value::Unused => 0,
        };
        self.runs
            .get(index(a) * self.width + index(b))
            .copied()
            .unwrap_or((0, 0))
    }
}

impl StackedRuns {
    fn new(first_labels: &[String], second: &CompiledModel) -> StackedRuns {
        let l = first_labels.len();
        let label = |v: usize| first_labels.get(v).map_or("#", String::as_str);
        let mut buf = String::new();
        let runs = TEMPLATES
            .iter()
            .map(|&t| {
                let (da, db) = t.domain(l);
                let mut runs = Vec::with_capacity(da * db);
                for a in 0..da {
                    for b in 0..db {
                        let a_text = match t {
                            Template::Seen => t.small_word(a),
                            _ => label(a),
                        };
                        let b_text = match t {
                            Template::Count => t.small_word(b),
                            Template::PrevMe | Template::MeNext => label(b),
                            _ => "",
                        };
                        t.name(a_text, b_text, &mut buf);
                        runs.push(second.attrs.get_hash(name_hash(&buf)).unwrap_or((0, 0)));
                    }
                }
                TemplateRuns { width: db, runs }
            })
            .collect();
        StackedRuns { runs }
    }
}

/// Group consecutive tokens with the same label into segments spanning the
/// source text from the first token's start to the last token's end. An
/// opening or closing mark goes with the field it opens or closes (see
/// `label_at`).
pub fn group<'a, L: AsRef<str>>(
    text: &'a str,
    tokens: &[Token<'_>],
    labels: &[L],
) -> Vec<Segment<'a>> {
    let mut out: Vec<Segment<'a>> = Vec::new();
    let mut prev: Option<&str> = None;
    for (i, t) in tokens.iter().enumerate().take(labels.len()) {
        let l = label_at(tokens, labels, i);
        if l == OTHER {
            prev = None;
            continue;
        }
        match out.last_mut() {
            Some(seg) if prev == Some(l) => {
                seg.end = t.end;
                seg.text = &text[seg.start..seg.end];
            }
            _ => out.push(Segment {
                label: l.to_string(),
                text: &text[t.start..t.end],
                start: t.start,
                end: t.end,
            }),
        }
        prev = Some(l);
    }
    out
}

/// The label token `i` is reported with: its own, except for punctuation
/// on the edge between two fields. In the corpora's labelling no field
/// ends with an opening bracket or quote, and none begins with a closing
/// one or with a stop, comma, colon or semicolon: marks go with the field
/// they open or close. The labeller now and then gives such a mark to the
/// wrong side — "39–46 (doi:10.1017/…)" read as pages "39–46 (" and DOI
/// "doi:10.1017/…)" — so an opener between two fields takes the next
/// field's label, and a closing mark that begins a field the previous
/// field's. (Corpora that keep punctuation outside fields label it
/// `other`, which is left alone.)
fn label_at<'l, L: AsRef<str>>(tokens: &[Token<'_>], labels: &'l [L], i: usize) -> &'l str {
    let own = labels[i].as_ref();
    if own == OTHER {
        return own;
    }
    let neighbour = match tokens[i].text {
        "(" | "[" | "{" | "«" | "“" | "‘" => labels.get(i + 1),
        "." | "," | ":" | ";" | ")" | "]" | "}" | "»" | "”" | "’" => {
            i.checked_sub(1).and_then(|before| labels.get(before))
        }
        _ => None,
    };
    match neighbour.map(AsRef::as_ref) {
        Some(other_field) if other_field != OTHER && other_field != own => other_field,
        _ => own,
    }
}

/// A link that is a DOI ("https://doi.org/10...", "doi:10..."): reported by
/// [`Labeller::segments`] as the DOI field whatever the model called it
/// (corpora disagree on whether such a link is a URL or a DOI; [`group`]
/// keeps the model's label, which is what the evaluation scores).
fn is_doi_link(text: &str) -> bool {
    let t = text.trim_start().to_ascii_lowercase();
    t.contains("doi.org/10.") || t.starts_with("doi:") || t.starts_with("10.")
}

/// Training settings: L-BFGS with elastic-net regularisation; L1 keeps the
/// model file small by zeroing most feature weights.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub c1: f64,
    pub c2: f64,
    pub max_iterations: usize,
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            c1: 0.05,
            c2: 0.01,
            max_iterations: 150,
            verbose: false,
        }
    }
}

/// Train a CRF on gold references and write it to `out` (CRFsuite format).
pub fn train(
    references: &[GoldReference],
    lexicons: &Lexicons,
    options: &TrainOptions,
    out: &Path,
) -> Result<()> {
    let sequences = references.iter().filter_map(|r| {
        let (tokens, labels) = r.labelled_tokens();
        (!tokens.is_empty()).then(|| (features(&tokens, lexicons), labels))
    });
    train_sequences(sequences, options, out)
}

/// Train a CRF on attribute sequences with their gold labels (one pair per
/// reference) and write it to `out`: the training loop of [`train`] and of
/// the stacked second stage ([`crate::stacking::train_stage_two`]).
///
/// With the `c-trainer` feature the model is trained by CRFsuite itself
/// (the C library, through the `crfsuite` crate; building it needs cmake):
/// the same L-BFGS/OWL-QN training and model format, 7.5 times (92 s
/// against 688 s for the dev model) faster than the pure-Rust trainer of
/// `crfs`, which computes its forward–backward passes in log space with
/// an `exp` in the inner loop.
/// The shipped models are trained that way (`models/refparse/train.sh`);
/// without the feature (CI, tests) `crfs` trains.
pub fn train_sequences(
    sequences: impl Iterator<Item = (Vec<Vec<crfs::Attribute>>, Vec<String>)>,
    options: &TrainOptions,
    out: &Path,
) -> Result<()> {
    #[cfg(feature = "c-trainer")]
    return train_with_crfsuite(sequences, options, out);
    #[cfg(not(feature = "c-trainer"))]
    train_with_crfs(sequences, options, out)
}

#[cfg(not(feature = "c-trainer"))]
fn train_with_crfs(
    sequences: impl Iterator<Item = (Vec<Vec<crfs::Attribute>>, Vec<String>)>,
    options: &TrainOptions,
    out: &Path,
) -> Result<()> {
    let model_err = |e: std::io::Error| CiteError::Model(e.to_string());
    let mut trainer = crfs::Trainer::lbfgs();
    trainer.verbose(options.verbose);
    let params = trainer.params_mut();
    params.set_c1(options.c1).map_err(model_err)?;
    params.set_c2(options.c2).map_err(model_err)?;
    params
        .set_max_iterations(options.max_iterations)
        .map_err(model_err)?;
    for (xseq, labels) in sequences {
        trainer.append(&xseq, &labels).map_err(model_err)?;
    }
    trainer.train(out).map_err(|e| CiteError::io(out, e))
}

#[cfg(feature = "c-trainer")]
fn train_with_crfsuite(
    sequences: impl Iterator<Item = (Vec<Vec<crfs::Attribute>>, Vec<String>)>,
    options: &TrainOptions,
    out: &Path,
) -> Result<()> {
    let model_err = |e: crfsuite::CrfError| CiteError::Model(e.to_string());
    let mut trainer = crfsuite::Trainer::new(options.verbose);
    trainer
        .select(crfsuite::Algorithm::LBFGS, crfsuite::GraphicalModel::CRF1D)
        .map_err(model_err)?;
    for (xseq, labels) in sequences {
        let items: Vec<Vec<crfsuite::Attribute>> = xseq
            .into_iter()
            .map(|item| {
                item.into_iter()
                    .map(|a| crfsuite::Attribute::new(a.name, a.value))
                    .collect()
            })
            .collect();
        trainer.append(&items, &labels, 0).map_err(model_err)?;
    }
    trainer
        .set("c1", &options.c1.to_string())
        .map_err(model_err)?;
    trainer
        .set("c2", &options.c2.to_string())
        .map_err(model_err)?;
    trainer
        .set("max_iterations", &options.max_iterations.to_string())
        .map_err(model_err)?;
    let path = out
        .to_str()
        .ok_or_else(|| CiteError::Model(format!("{}: not a UTF-8 path", out.display())))?;
    trainer.train(path, -1).map_err(model_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(text: &str, fields: &[(&str, &str)]) -> GoldReference {
        GoldReference {
            id: String::new(),
            text: text.to_string(),
            fields: fields
                .iter()
                .map(|(l, t)| crate::gold::GoldField {
                    label: l.to_string(),
                    text: t.to_string(),
                })
                .collect(),
        }
    }

    /// Segments of `text` labelled token by token.
    fn grouped<'a>(text: &'a str, labels: &[&str]) -> Vec<(String, &'a str)> {
        let tokens = crate::tokenize::tokenize(text);
        assert_eq!(tokens.len(), labels.len(), "{tokens:?}");
        group(text, &tokens, labels)
            .into_iter()
            .map(|s| (s.label, s.text))
            .collect()
    }

    #[test]
    fn marks_between_fields_go_with_the_field_they_open_or_close() {
        // "(" labelled with the pages before it opens the DOI.
        let text = "39–46 (doi:10.1017/aog.2016.20)";
        let tokens = crate::tokenize::tokenize(text);
        let mut labels = vec!["pages"; 4];
        labels.resize(tokens.len(), "doi");
        assert_eq!(
            grouped(text, &labels),
            [
                ("pages".to_string(), "39–46"),
                ("doi".to_string(), "(doi:10.1017/aog.2016.20)")
            ]
        );
        // A stop labelled with the journal after it closes the title.
        assert_eq!(
            grouped(
                "Refugee return. Asian Survey",
                &["title", "title", "journal", "journal", "journal"]
            ),
            [
                ("title".to_string(), "Refugee return."),
                ("journal".to_string(), "Asian Survey")
            ]
        );
        // Punctuation labelled `other` (corpora that keep it outside
        // fields) and marks inside one field stay where they are.
        assert_eq!(
            grouped("Phys. ( 2009", &["journal", "journal", "other", "date"]),
            [
                ("journal".to_string(), "Phys."),
                ("date".to_string(), "2009")
            ]
        );
        assert_eq!(
            grouped("(Eds.),", &["editor"; 5]),
            [("editor".to_string(), "(Eds.),")]
        );
    }

    fn tiny_training_set() -> Vec<GoldReference> {
        let mut refs = Vec::new();
        for (a, y, t, j) in [
            (
                "Akaike, H.",
                "1974",
                "A new look at model identification.",
                "IEEE Trans.",
            ),
            (
                "Okafor, N.",
                "2021",
                "Aid and state building.",
                "World Politics",
            ),
            (
                "Lindqvist, S.",
                "2019",
                "Borders in Central Asia.",
                "Asian Survey",
            ),
            (
                "Haddad, R.",
                "2020",
                "Refugee return.",
                "Journal of Peace Research",
            ),
        ] {
            let text = format!("{a} ({y}). {t} {j}, 12(3), 45-67.");
            refs.push(gold(
                &text,
                &[
                    ("author", a),
                    ("date", &format!("({y}).")),
                    ("title", t),
                    ("journal", &format!("{j},")),
                    ("volume", "12(3),"),
                    ("pages", "45-67."),
                ],
            ));
        }
        refs
    }

    /// A model trained on the tiny set (in a temp dir kept alive by the
    /// caller, as `m.crfsuite`), with its lexicons.
    fn tiny_labeller() -> (tempfile::TempDir, Lexicons, Labeller) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.crfsuite");
        let lex = Lexicons::default();
        let options = TrainOptions {
            max_iterations: 30,
            ..TrainOptions::default()
        };
        train(&tiny_training_set(), &lex, &options, &path).unwrap();
        let labeller = Labeller::from_file(&path, lex.clone()).unwrap();
        (dir, lex, labeller)
    }

    /// The compiled tables and our Viterbi give exactly the labels of the
    /// `crfs` tagger on the same model file.
    #[test]
    fn compiled_model_agrees_with_crfs_tagger() {
        let (dir, lex, labeller) = tiny_labeller();
        let path = dir.path().join("m.crfsuite");
        let bytes = std::fs::read(&path).unwrap();
        let model = crfs::Model::new(&bytes).unwrap();
        let tagger = model.tagger().unwrap();
        for text in [
            "Brennan, K. (2018). Water politics. Asian Survey, 9(2), 1-20.",
            "Ruiz, P. 2017. Title words here. Some Journal 4: 5-6",
            "x",
        ] {
            let (tokens, ours) = labeller.label_tokens(text).unwrap();
            let theirs = tagger.tag(&features(&tokens, &lex)).unwrap();
            assert_eq!(ours, theirs, "{text}");
        }
        let segs = labeller
            .segments("Brennan, K. (2018). Water politics. Asian Survey, 9(2), 1-20.")
            .unwrap();
        assert_eq!(segs[0].label, "author");
        assert_eq!(segs[0].text, "Brennan, K.");
    }

    /// CRFsuite's own writer (the `c-trainer` feature) leaves the header's
    /// feature count at 0 and gives it in the features chunk only: such a
    /// model labels as the same model with the count in its header (it
    /// labelled every token with one label before).
    #[test]
    fn reads_the_feature_count_of_crfsuites_writer() {
        let (dir, lex, labeller) = tiny_labeller();
        let mut bytes = std::fs::read(dir.path().join("m.crfsuite")).unwrap();
        bytes[16..20].copy_from_slice(&0u32.to_le_bytes());
        let as_crfsuite_writes_it = Labeller::from_bytes(&bytes, lex).unwrap();
        for text in [
            "Brennan, K. (2018). Water politics. Asian Survey, 9(2), 1-20.",
            "Ruiz, P. 2017. Title words here. Some Journal 4: 5-6",
        ] {
            assert_eq!(
                as_crfsuite_writes_it.label_ids(text).1,
                labeller.label_ids(text).1,
                "{text}"
            );
        }
        let ruined = [&bytes[..28], &[0xff; 4], &bytes[32..]].concat();
        assert!(Labeller::from_bytes(&ruined, Lexicons::embedded()).is_err());
    }

    /// One shared feature pass gives the labels of the ordinary path.
    #[test]
    fn hashed_features_label_as_label_ids() {
        let (_dir, lex, labeller) = tiny_labeller();
        for text in [
            "Brennan, K. (2018). Water politics. Asian Survey, 9(2), 1-20.",
            "x",
            "",
        ] {
            let (tokens, want) = labeller.label_ids(text);
            let hf = HashedFeatures::of(&tokens, &lex);
            assert_eq!(labeller.label_hashed(&hf, &mut |_, _| {}), want, "{text}");
            let with =
                labeller.label_ids_with(&tokens, &mut |sink| features_into(&tokens, &lex, sink));
            assert_eq!(with, want, "{text}");
        }
    }

    use crate::stacking::StageOneLabels;

    /// Feeds the token features and, after each token's, its stacked
    /// features: the second stage's input written out the plain way.
    struct WithStacked<'a, 's> {
        inner: &'s mut dyn FeatureSink,
        context: &'a StageOneLabels<'a>,
        current: Option<usize>,
        buf: String,
    }

    impl FeatureSink for WithStacked<'_, '_> {
        fn start_token(&mut self, i: usize) {
            if let Some(c) = self.current {
                self.context.features_into(c, &mut self.buf, self.inner);
            }
            self.inner.start_token(i);
            self.current = Some(i);
        }
        fn add(&mut self, name: &str) {
            self.inner.add(name);
        }
    }

    /// The stacked labeller's one-table path gives the labels of the two
    /// models applied one after the other the plain way.
    #[test]
    fn stacked_labels_equal_the_two_stages_in_turn() {
        let (dir, lex, first) = tiny_labeller();
        let refs = tiny_training_set();
        let options = TrainOptions {
            max_iterations: 30,
            ..TrainOptions::default()
        };
        let folds = dir.path().join("folds");
        let oof = crate::stacking::out_of_fold_labels(&refs, &lex, &options, 2, &folds).unwrap();
        let two_path = dir.path().join("two.crfsuite");
        crate::stacking::train_stage_two(&refs, &oof, &lex, &options, &two_path).unwrap();
        let second = Labeller::from_file(&two_path, lex.clone()).unwrap();
        let stacked = Labeller::from_file(&dir.path().join("m.crfsuite"), lex.clone())
            .unwrap()
            .with_stage_two_file(&two_path)
            .unwrap();
        assert!(stacked.has_stage_two());
        for text in [
            "Brennan, K. (2018). Water politics. Asian Survey, 9(2), 1-20.",
            "Okafor, C., & Lindqvist, E. (2021). Border trade. Journal of Peace Research, 58(3).",
            "x",
            "",
        ] {
            let (tokens, ids) = first.label_ids(text);
            let labels: Vec<&str> = ids.iter().map(|&l| first.labels()[l].as_str()).collect();
            let context = StageOneLabels::of(&tokens, &labels);
            let plain = second.label_ids_with(&tokens, &mut |sink| {
                let mut with = WithStacked {
                    inner: sink,
                    context: &context,
                    current: None,
                    buf: String::new(),
                };
                features_into(&tokens, &lex, &mut with);
                if let Some(c) = with.current {
                    context.features_into(c, &mut with.buf, with.inner);
                }
            });
            let want: Vec<&str> = plain.iter().map(|&l| second.labels()[l].as_str()).collect();
            let (_, got) = stacked.label_tokens(text).unwrap();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn a_file_that_is_no_model_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.crfsuite");
        std::fs::write(
            &path,
            b"lCRF but not really a model at all, just junk bytes",
        )
        .unwrap();
        let err = Labeller::from_file(&path, Lexicons::default()).unwrap_err();
        assert!(err.to_string().contains("junk.crfsuite"), "{err}");
    }
}
