//! Words and n-gram features of a passage: lower-cased alphanumeric words,
//! stop words dropped, a light plural stem, and word 1–2-grams hashed into
//! a fixed feature space (so no vocabulary has to be stored to score).

/// Number of hashed feature slots (2^18).
pub const DIM: u32 = 1 << 18;

const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "t",
    "ll",
    "re",
    "ve",
    "d",
    "m",
    "said",
    "say",
    "says",
    "many",
    "well",
    "like",
    "get",
    "got",
    "going",
    "go",
    "make",
    "made",
    "know",
    "think",
    "within",
    "among",
    "across",
    "already",
    "still",
    "however",
    "therefore",
    "thus",
];

fn is_stopword(w: &str) -> bool {
    type Set =
        std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<FeatureHasher>>;
    static SET: std::sync::OnceLock<Set> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(w)
}

/// Feature ids are already hashes, so maps keyed by them hash by
/// multiplication only (SipHash would dominate the scoring time).
#[derive(Default, Clone, Copy)]
pub struct FeatureHasher(u64);

impl std::hash::Hasher for FeatureHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by feature id.
pub type FeatureMap<V> =
    std::collections::HashMap<u32, V, std::hash::BuildHasherDefault<FeatureHasher>>;

/// Call `f` with every lower-cased, plural-stemmed content word, in order,
/// reusing one buffer (scoring must not allocate per word).
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut cur = String::with_capacity(32);
    let mut flush = |cur: &mut String| {
        if !cur.is_empty() && !is_stopword(cur) {
            stem_in_place(cur);
            f(cur);
        }
        cur.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                cur.push(c.to_ascii_lowercase());
            } else {
                cur.extend(c.to_lowercase());
            }
        } else {
            flush(&mut cur);
        }
    }
    flush(&mut cur);
}

/// Lower-cased content words, plural-stemmed, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// The hashed ids of [`words`], without building the strings.
pub fn word_ids(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |w| out.push(hash(w)));
    out
}

/// A light plural stem: "refugees" → "refugee", "countries" → "country",
/// "attacks" → "attack"; leaves "process", "us", "isis" alone.
fn stem_in_place(w: &mut String) {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(n - 1);
    }
}

/// FNV-1a, folded into the feature space; bigrams hash "a b".
pub fn hash(s: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ((h ^ (h >> 32)) as u32) % DIM
}

/// The feature id of the bigram of two word ids.
pub fn bigram(a: u32, b: u32) -> u32 {
    let h = (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    ((h >> 29) as u32) % DIM
}

/// Sparse term-frequency vector of unigrams (and bigrams when asked),
/// sorted by feature, with sublinear counts (1 + ln tf).
pub fn features(ids: &[u32], bigrams: bool) -> Vec<(u32, f32)> {
    let mut all: Vec<u32> = Vec::with_capacity(ids.len() * 2);
    all.extend_from_slice(ids);
    if bigrams {
        all.extend(ids.windows(2).map(|p| bigram(p[0], p[1])));
    }
    all.sort_unstable();
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(all.len());
    for id in all {
        match out.last_mut() {
            Some((last, tf)) if *last == id => *tf += 1.0,
            _ => out.push((id, 1.0)),
        }
    }
    for (_, tf) in &mut out {
        if *tf > 1.0 {
            *tf = 1.0 + tf.ln();
        }
    }
    out
}

/// Scale a sparse vector to unit length.
pub fn normalise(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, x) in v.iter_mut() {
            *x /= norm;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stem_and_drop_stopwords() {
        assert_eq!(
            words("The Refugees of the countries; ISIS attacks, the process."),
            vec!["refugee", "country", "isis", "attack", "process"]
        );
    }

    #[test]
    fn features_count_and_merge() {
        let f = features(&word_ids("border border trade"), true);
        let border = f.iter().find(|(id, _)| *id == hash("border")).map(|x| x.1);
        assert!((border.unwrap() - (1.0 + 2f32.ln())).abs() < 1e-6);
        assert!(f
            .iter()
            .any(|(id, _)| *id == bigram(hash("border"), hash("trade"))));
        assert_eq!(word_ids("The refugees"), vec![hash("refugee")]);
    }
}
