//! Word lists the labeller consults as features: personal names, words of
//! journal titles, of publisher names and of places.
//!
//! They are built from the *training* splits only (see
//! `examples/train_refparse.rs`, which writes `data/lexicons/*.txt`) and are
//! compiled into the crate, so the feature extractor at tagging time sees the
//! same lists the model was trained with.

use std::collections::HashSet;

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

/// The four word lists, lowercased.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    lists: [HashSet<String>; 4],
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
        let lists = texts.map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect()
        });
        Lexicons { lists }
    }

    /// Which lists contain `word` (already lowercased, punctuation trimmed).
    pub fn kinds_of(&self, word: &str) -> impl Iterator<Item = LexiconKind> + '_ {
        let word = word.to_string();
        LexiconKind::ALL
            .into_iter()
            .zip(self.lists.iter())
            .filter(move |(_, set)| set.contains(&word))
            .map(|(k, _)| k)
    }

    pub fn contains(&self, kind: LexiconKind, word: &str) -> bool {
        self.lists[kind as usize].contains(word)
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
    use std::collections::HashMap;
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
