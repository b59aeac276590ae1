//! Word lists the labeller consults as features: personal names, words of
//! journal titles, of publisher names and of places.
//!
//! They are built from the *training* splits only (see
//! `examples/train_refparse.rs`, which writes `data/lexicons/*.txt`) and are
//! compiled into the crate, so the feature extractor at tagging time sees the
//! same lists the model was trained with.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{CiteError, Result};

/// The kinds of word list, in the order their feature names are emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexiconKind {
    Name,
    Journal,
    Publisher,
    Place,
}

impl LexiconKind {
    pub const ALL: [LexiconKind; 4] = [
        LexiconKind::Name,
        LexiconKind::Journal,
        LexiconKind::Publisher,
        LexiconKind::Place,
    ];

    /// File stem under `data/lexicons/` and the feature name.
    pub fn name(self) -> &'static str {
        match self {
            LexiconKind::Name => "name",
            LexiconKind::Journal => "journal",
            LexiconKind::Publisher => "publisher",
            LexiconKind::Place => "place",
        }
    }
}

/// The four word lists, lowercased: one map from a word to the set of
/// lists holding it (a bit per [`LexiconKind`]), so a token costs one lookup.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    words: HashMap<Box<str>, u8, FastHash>,
}

impl Lexicons {
    /// The lists shipped with the crate.
    pub fn embedded() -> Lexicons {
        Lexicons::from_texts([
            include_str!("../data/lexicons/name.txt"),
            include_str!("../data/lexicons/journal.txt"),
            include_str!("../data/lexicons/publisher.txt"),
            include_str!("../data/lexicons/place.txt"),
        ])
    }

    /// Build from four texts with one word a line, in [`LexiconKind::ALL`] order.
    pub fn from_texts(texts: [&str; 4]) -> Lexicons {
        let mut words: HashMap<Box<str>, u8, FastHash> = HashMap::default();
        for (kind, text) in LexiconKind::ALL.into_iter().zip(texts) {
            for line in text.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                *words.entry(line.to_lowercase().into()).or_default() |= 1 << kind as u8;
            }
        }
        Lexicons { words }
    }

    /// Read `name.txt`, `journal.txt`, `publisher.txt` and `place.txt` from
    /// a directory (lists written next to a model by the training example).
    pub fn from_dir(dir: &Path) -> Result<Lexicons> {
        let mut texts: Vec<String> = Vec::with_capacity(4);
        for kind in LexiconKind::ALL {
            let path = dir.join(format!("{}.txt", kind.name()));
            texts.push(std::fs::read_to_string(&path).map_err(|e| CiteError::io(&path, e))?);
        }
        Ok(Lexicons::from_texts([
            &texts[0], &texts[1], &texts[2], &texts[3],
        ]))
    }

    /// The lists holding `word` (already lowercased, punctuation trimmed),
    /// one bit per kind in [`LexiconKind::ALL`] order.
    pub fn mask_of(&self, word: &str) -> u8 {
        self.words.get(word).copied().unwrap_or(0)
    }

    /// Which lists contain `word` (already lowercased, punctuation trimmed).
    pub fn kinds_of(&self, word: &str) -> impl Iterator<Item = LexiconKind> + '_ {
        let mask = self.mask_of(word);
        LexiconKind::ALL
            .into_iter()
            .filter(move |k| mask & (1 << *k as u8) != 0)
    }

    pub fn contains(&self, kind: LexiconKind, word: &str) -> bool {
        self.mask_of(word) & (1 << kind as u8) != 0
    }
}

/// The FxHash function (rustc's): a multiply and a rotate per 8 bytes. The
/// keys are short words and feature names looked up tens of times per
/// token, where SipHash's flood resistance buys nothing and costs most of
/// the lookup time.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.mix(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Which lexicon a gold label feeds, across the label sets of the data.
fn kind_of_label(label: &str) -> Option<LexiconKind> {
    match label {
        "author" | "editor" | "translator" => Some(LexiconKind::Name),
        "journal" | "container-title" | "booktitle" | "collection-title" => {
            Some(LexiconKind::Journal)
        }
        "publisher" | "institution" => Some(LexiconKind::Publisher),
        "location" => Some(LexiconKind::Place),
        _ => None,
    }
}

/// Build the four word lists from labelled training references: a word goes
/// into a list when it occurs there at least `min_count` times and at least
/// 70% of its occurrences anywhere are in fields of that kind.
pub fn build(references: &[crate::gold::GoldReference], min_count: usize) -> [Vec<String>; 4] {
    let mut counts: HashMap<String, [usize; 5]> = HashMap::new();
    for r in references {
        let (tokens, labels) = r.labelled_tokens();
        for (t, l) in tokens.iter().zip(&labels) {
            let word = t.text.to_lowercase();
            let core = word.trim_matches(|c: char| !c.is_alphanumeric());
            if core.chars().count() < 2 || !core.chars().all(char::is_alphabetic) {
                continue;
            }
            let slot = match kind_of_label(l) {
                Some(k) => k as usize,
                None => 4,
            };
            counts.entry(core.to_string()).or_default()[slot] += 1;
        }
    }
    let mut lists: [Vec<String>; 4] = Default::default();
    for (word, c) in counts {
        let total: usize = c.iter().sum();
        for kind in LexiconKind::ALL {
            let n = c[kind as usize];
            if n >= min_count && n * 10 >= total * 7 {
                lists[kind as usize].push(word.clone());
            }
        }
    }
    for l in &mut lists {
        l.sort();
    }
    lists
}
