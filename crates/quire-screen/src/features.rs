//! TF-IDF features: tokenisation (sklearn's `\w\w+`, lowercased), word
//! unigrams and bigrams hashed to buckets, document-frequency pruning,
//! sublinear tf × smoothed idf, optional boost of protocol key terms, and
//! L2-normalised sparse rows in CSR layout.
//!
//! Hashing instead of a vocabulary keeps memory flat at a million records;
//! the surviving buckets are renumbered densely so the weight vector stays
//! small and cache-friendly.

use rayon::prelude::*;

/// How the text becomes features. The defaults match ASReview's ELAS u4
/// feature extractor (sklearn `TfidfVectorizer(ngram_range=(1,2),
/// sublinear_tf=True, min_df=1, max_df=0.95)`).
#[derive(Debug, Clone)]
pub struct FeatureConfig {
    pub bigrams: bool,
    /// Drop terms seen in fewer documents (1 keeps all).
    pub min_df: u32,
    /// Drop terms seen in more than this share of documents.
    pub max_df: f32,
    pub sublinear_tf: bool,
    /// Protocol key terms (words or phrases); their features are multiplied
    /// by `boost` before normalisation.
    pub key_terms: Vec<String>,
    pub boost: f32,
    /// log2 of the largest number of hash buckets; small corpora use fewer
    /// (about 2,000 buckets per document, at least 2^16).
    pub hash_bits: u32,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            bigrams: true,
            min_df: 1,
            max_df: 0.95,
            sublinear_tf: true,
            key_terms: Vec::new(),
            boost: 2.0,
            hash_bits: 24,
        }
    }
}

/// A sparse matrix of documents × features, rows L2-normalised.
#[derive(Debug, Clone, Default)]
pub struct FeatureMatrix {
    pub n_features: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
    /// x_i · x_i per row, cached for the solvers.
    sq_norms: Vec<f32>,
}

impl FeatureMatrix {
    pub fn n_rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// The feature ids and values of one row.
    #[inline]
    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.indptr[i], self.indptr[i + 1]);
        (&self.indices[a..b], &self.values[a..b])
    }

    /// w · x_i.
    #[inline]
    pub fn dot(&self, i: usize, w: &[f32]) -> f32 {
        let (idx, val) = self.row(i);
        idx.iter().zip(val).map(|(&j, &v)| w[j as usize] * v).sum()
    }

    /// x_i · x_i (1 for non-empty rows, 0 for empty ones).
    #[inline]
    pub fn sq_norm(&self, i: usize) -> f32 {
        self.sq_norms[i]
    }

    fn push_row(&mut self, row: impl IntoIterator<Item = (u32, f32)>) {
        let mut sq = 0.0;
        for (j, v) in row {
            self.indices.push(j);
            self.values.push(v);
            sq += v * v;
        }
        self.indptr.push(self.indices.len());
        self.sq_norms.push(sq);
    }

    /// w += scale · x_i.
    #[inline]
    pub fn add_to(&self, i: usize, scale: f32, w: &mut [f32]) {
        let (idx, val) = self.row(i);
        for (&j, &v) in idx.iter().zip(val) {
            w[j as usize] += scale * v;
        }
    }

    /// Build a matrix from explicit rows (sorted or not); for tests and
    /// callers with their own features.
    pub fn from_rows(n_features: usize, rows: &[Vec<(u32, f32)>]) -> FeatureMatrix {
        let mut m = FeatureMatrix {
            n_features,
            indptr: vec![0],
            ..Default::default()
        };
        for row in rows {
            m.push_row(row.iter().copied());
        }
        m
    }
}

/// The lowercased word tokens of a text: runs of letters, digits or `_`
/// of at least two characters (sklearn's default token pattern).
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| t.chars().nth(1).is_some())
        .map(str::to_lowercase)
}

/// 64-bit FNV-1a, then a murmur finaliser for good low bits.
fn hash_token(token: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in token.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    mix(h)
}

pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ceb93fe53e63b9);
    h ^ (h >> 33)
}

fn hash_bigram(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b.wrapping_mul(0x9e3779b97f4a7c15))
}

/// The hashed terms of one text with their counts, sorted by bucket.
fn term_counts(text: &str, config: &FeatureConfig) -> Vec<(u32, u16)> {
    let mask = (1u64 << config.hash_bits) - 1;
    let words: Vec<u64> = tokens(text).map(|t| hash_token(&t)).collect();
    let mut buckets: Vec<u32> = words.iter().map(|h| (h & mask) as u32).collect();
    if config.bigrams {
        buckets.extend(
            words
                .windows(2)
                .map(|p| (hash_bigram(p[0], p[1]) & mask) as u32),
        );
    }
    buckets.sort_unstable();
    let mut counts: Vec<(u32, u16)> = Vec::with_capacity(buckets.len());
    for b in buckets {
        match counts.last_mut() {
            Some((last, n)) if *last == b => *n = n.saturating_add(1),
            _ => counts.push((b, 1)),
        }
    }
    counts
}

/// The buckets of the protocol's key terms: a one-word term is a unigram,
/// a longer phrase contributes its bigrams.
fn key_term_buckets(config: &FeatureConfig) -> Vec<u32> {
    let mask = (1u64 << config.hash_bits) - 1;
    let mut out = Vec::new();
    for term in &config.key_terms {
        let words: Vec<u64> = tokens(term).map(|t| hash_token(&t)).collect();
        match words.len() {
            0 => {}
            1 => out.push((words[0] & mask) as u32),
            _ => out.extend(
                words
                    .windows(2)
                    .map(|p| (hash_bigram(p[0], p[1]) & mask) as u32),
            ),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Build the TF-IDF matrix of a corpus (idf is fitted on the corpus itself,
/// labelled and unlabelled alike, as ASReview does).
pub fn tfidf<S: AsRef<str> + Sync>(texts: &[S], config: &FeatureConfig) -> FeatureMatrix {
    tfidf_with(texts.len(), |i| texts[i].as_ref().into(), config)
}

/// Rows handed to the CSR builder at a time: bounds the extra memory.
const CHUNK: usize = 8192;

/// Build the TF-IDF matrix of `n_docs` documents whose text `text(i)`
/// yields on demand. Two passes (document frequencies, then rows), so only
/// the final matrix is held in memory, not per-document term lists.
pub fn tfidf_with<'t, F>(n_docs: usize, text: F, config: &FeatureConfig) -> FeatureMatrix
where
    F: Fn(usize) -> std::borrow::Cow<'t, str> + Sync,
{
    let wanted = (n_docs.max(1) * 2000).next_power_of_two().trailing_zeros();
    let config = &FeatureConfig {
        hash_bits: config.hash_bits.min(wanted.max(16)),
        ..config.clone()
    };
    let df = document_frequencies(n_docs, &text, config);
    let max_df = (config.max_df as f64 * n_docs as f64).floor() as u32;
    // Dense renumbering of the kept buckets; u32::MAX marks a dropped one.
    let mut column = vec![u32::MAX; df.len()];
    let mut idf = Vec::new();
    for (bucket, &d) in df.iter().enumerate() {
        if d >= config.min_df.max(1) && (d <= max_df || n_docs < 2) {
            column[bucket] = idf.len() as u32;
            idf.push((((1 + n_docs) as f64 / (1 + d) as f64).ln() + 1.0) as f32);
        }
    }
    drop(df);
    let boosted = key_term_buckets(config);
    let mut m = FeatureMatrix {
        n_features: idf.len(),
        indptr: Vec::with_capacity(n_docs + 1),
        sq_norms: Vec::with_capacity(n_docs),
        ..Default::default()
    };
    m.indptr.push(0);
    for start in (0..n_docs).step_by(CHUNK) {
        let rows: Vec<Vec<(u32, f32)>> = (start..(start + CHUNK).min(n_docs))
            .into_par_iter()
            .map(|i| {
                weigh_row(
                    term_counts(&text(i), config),
                    &column,
                    &idf,
                    &boosted,
                    config,
                )
            })
            .collect();
        for row in rows {
            m.push_row(row);
        }
    }
    m.indices.shrink_to_fit();
    m.values.shrink_to_fit();
    m
}

fn document_frequencies<'t, F>(n_docs: usize, text: &F, config: &FeatureConfig) -> Vec<u32>
where
    F: Fn(usize) -> std::borrow::Cow<'t, str> + Sync,
{
    let n_buckets = 1usize << config.hash_bits;
    let per_thread = n_docs.div_ceil(rayon::current_num_threads()).max(1);
    (0..n_docs)
        .into_par_iter()
        .chunks(per_thread)
        .map(|chunk| {
            let mut df = vec![0u32; n_buckets];
            for i in chunk {
                for (b, _) in term_counts(&text(i), config) {
                    df[b as usize] += 1;
                }
            }
            df
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_else(|| vec![0; n_buckets])
}

fn weigh_row(
    doc: Vec<(u32, u16)>,
    column: &[u32],
    idf: &[f32],
    boosted: &[u32],
    config: &FeatureConfig,
) -> Vec<(u32, f32)> {
    let mut row: Vec<(u32, f32)> = doc
        .into_iter()
        .filter_map(|(bucket, count)| {
            let j = column[bucket as usize];
            (j != u32::MAX).then(|| {
                let tf = if config.sublinear_tf {
                    1.0 + (count as f32).ln()
                } else {
                    count as f32
                };
                let boost = if boosted.binary_search(&bucket).is_ok() {
                    config.boost
                } else {
                    1.0
                };
                (j, tf * idf[j as usize] * boost)
            })
        })
        .collect();
    let norm = row.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
    if norm > 0.0 {
        row.iter_mut().for_each(|(_, v)| *v /= norm);
    }
    row.sort_unstable_by_key(|(j, _)| *j);
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_sklearn_pattern() {
        let t: Vec<String> = tokens("A Durand-Line, e.g. 2021 ÉTAT x_y").collect();
        assert_eq!(t, vec!["durand", "line", "2021", "état", "x_y"]);
    }

    #[test]
    fn rows_are_normalised_and_idf_weights_rare_terms() {
        let texts = ["taliban border border", "border trade", "trade talks"];
        let config = FeatureConfig {
            max_df: 1.0,
            bigrams: false,
            ..Default::default()
        };
        let m = tfidf(&texts, &config);
        assert_eq!(m.n_rows(), 3);
        assert_eq!(m.n_features, 4);
        for i in 0..3 {
            assert!((m.sq_norm(i) - 1.0).abs() < 1e-5);
        }
        // "taliban" (df 1) outweighs "border" (df 2) despite tf 1 vs 2.
        let (_, vals) = m.row(0);
        let max = vals.iter().cloned().fold(0.0, f32::max);
        let min = vals.iter().cloned().fold(1.0, f32::min);
        assert!(max > min);
    }

    #[test]
    fn max_df_drops_ubiquitous_terms_and_bigrams_add_features() {
        let texts = ["the cat", "the dog", "the cow"];
        let uni = tfidf(
            &texts,
            &FeatureConfig {
                bigrams: false,
                ..Default::default()
            },
        );
        assert_eq!(uni.n_features, 3, "`the` is in every document");
        let bi = tfidf(&texts, &FeatureConfig::default());
        assert_eq!(bi.n_features, 6);
    }

    #[test]
    fn key_terms_are_boosted() {
        let texts = ["drone strike report", "trade report notes"];
        let plain = tfidf(&texts, &FeatureConfig::default());
        let boosted = tfidf(
            &texts,
            &FeatureConfig {
                key_terms: vec!["drone".into()],
                boost: 5.0,
                ..Default::default()
            },
        );
        let max_of = |m: &FeatureMatrix| m.row(0).1.iter().cloned().fold(0.0, f32::max);
        assert!(max_of(&boosted) > max_of(&plain));
    }
}
