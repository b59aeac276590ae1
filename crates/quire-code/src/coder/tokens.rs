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
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
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

/// Lower-cased content words, plural-stemmed, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            push_word(&mut out, &mut cur);
        }
    }
    if !cur.is_empty() {
        push_word(&mut out, &mut cur);
    }
    out
}

fn push_word(out: &mut Vec<String>, cur: &mut String) {
    let w = std::mem::take(cur);
    if !is_stopword(&w) {
        out.push(stem(w));
    }
}

/// A light plural stem: "refugees" → "refugee", "countries" → "country",
/// "attacks" → "attack"; leaves "process", "us", "isis" alone.
pub fn stem(mut w: String) -> String {
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
    w
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

/// Sparse term-frequency vector of unigrams (and bigrams when asked),
/// sorted by feature, with sublinear counts (1 + ln tf).
pub fn features(words: &[String], bigrams: bool) -> Vec<(u32, f32)> {
    let mut ids: Vec<u32> = words.iter().map(|w| hash(w)).collect();
    if bigrams {
        let mut buf = String::new();
        for pair in words.windows(2) {
            buf.clear();
            buf.push_str(&pair[0]);
            buf.push(' ');
            buf.push_str(&pair[1]);
            ids.push(hash(&buf));
        }
    }
    ids.sort_unstable();
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(ids.len());
    for id in ids {
        match out.last_mut() {
            Some((last, tf)) if *last == id => *tf += 1.0,
            _ => out.push((id, 1.0)),
        }
    }
    for (_, tf) in &mut out {
        *tf = 1.0 + tf.ln();
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
        let w = words("border border trade");
        let f = features(&w, true);
        let border = f.iter().find(|(id, _)| *id == hash("border")).map(|x| x.1);
        assert!((border.unwrap() - (1.0 + 2f32.ln())).abs() < 1e-6);
        assert!(f.iter().any(|(id, _)| *id == hash("border trade")));
    }
}
