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

    /// Append rows built by a feature worker.
    fn append(&mut self, block: RowBlock) {
        self.indices.extend_from_slice(&block.indices);
        self.values.extend_from_slice(&block.values);
        for len in block.lens {
            let end = self.indptr[self.indptr.len() - 1] + len;
            self.indptr.push(end);
        }
        self.sq_norms.extend_from_slice(&block.sq_norms);
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
    word_spans(text).map(str::to_lowercase)
}

/// The raw (not lowercased) tokens of a text, as slices of it. Scans bytes
/// and decodes only non-ASCII characters, since most text is ASCII.
fn word_spans(text: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let start = i;
        let mut chars = 0usize;
        while i < bytes.len() {
            let (is_word, width) = char_class(text, i);
            if !is_word {
                break;
            }
            i += width;
            chars += 1;
        }
        if chars >= 2 {
            return Some(&text[start..i]);
        }
        if i >= bytes.len() {
            return None;
        }
        // Skip the separator that ended the run.
        i += char_class(text, i).1;
    })
}

/// Whether the character at byte `i` is a word character, and its width.
#[inline]
fn char_class(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b.is_ascii_alphanumeric() || b == b'_', 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric() || c == '_', c.len_utf8())
    }
}

const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

/// 64-bit FNV-1a, then a murmur finaliser for good low bits.
fn hash_token(token: &str) -> u64 {
    let mut h: u64 = FNV_OFFSET;
    for b in token.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    mix(h)
}

/// `hash_token` of the lowercased token, without allocating for ASCII
/// tokens (whose lowercase is bytewise).
#[inline]
fn hash_lowercased(token: &str) -> u64 {
    if token.is_ascii() {
        let mut h: u64 = FNV_OFFSET;
        for b in token.bytes() {
            h ^= b.to_ascii_lowercase() as u64;
            h = h.wrapping_mul(FNV_PRIME);
        }
        mix(h)
    } else {
        hash_token(&token.to_lowercase())
    }
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

/// Buffers reused from document to document by one worker, so the hot
/// loop of feature extraction does not allocate.
#[derive(Default)]
struct Scratch {
    words: Vec<u64>,
    buckets: Vec<u32>,
    counts: Vec<(u32, u16)>,
}

impl Scratch {
    /// The hashed terms of one text with their counts, sorted by bucket
    /// (left in `self.counts`).
    fn term_counts(&mut self, text: &str, config: &FeatureConfig) -> &[(u32, u16)] {
        let mask = (1u64 << config.hash_bits) - 1;
        self.words.clear();
        self.words.extend(word_spans(text).map(hash_lowercased));
        self.buckets.clear();
        self.buckets
            .extend(self.words.iter().map(|h| (h & mask) as u32));
        if config.bigrams {
            self.buckets.extend(
                self.words
                    .windows(2)
                    .map(|p| (hash_bigram(p[0], p[1]) & mask) as u32),
            );
        }
        self.buckets.sort_unstable();
        self.counts.clear();
        for &b in &self.buckets {
            match self.counts.last_mut() {
                Some((last, n)) if *last == b => *n = n.saturating_add(1),
                _ => self.counts.push((b, 1)),
            }
        }
        &self.counts
    }
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

/// The kept buckets' dense column numbers and idf weights.
struct Columns {
    /// Bucket → column; u32::MAX marks a dropped bucket.
    column: Vec<u32>,
    idf: Vec<f32>,
    /// Non-zeros of the final matrix (the kept buckets' document counts).
    nnz: usize,
}

/// Number the kept buckets densely, most frequent first: frequent terms'
/// weights then share cache lines, which makes every sparse dot product of
/// training and ranking cheaper. Rows keep their entries in bucket order,
/// so sums (and results) do not depend on the numbering.
fn number_columns(df: &[u32], n_docs: usize, config: &FeatureConfig) -> Columns {
    let max_df = (config.max_df as f64 * n_docs as f64).floor() as u32;
    let kept = |d: u32| d >= config.min_df.max(1) && (d <= max_df || n_docs < 2);
    let order = by_descending_frequency(df, kept);
    let mut column = vec![u32::MAX; df.len()];
    let mut idf = Vec::with_capacity(order.len());
    let mut nnz = 0usize;
    for (j, &b) in order.iter().enumerate() {
        let d = df[b as usize];
        column[b as usize] = j as u32;
        idf.push((((1 + n_docs) as f64 / (1 + d) as f64).ln() + 1.0) as f32);
        nnz += d as usize;
    }
    Columns { column, idf, nnz }
}

/// The buckets that pass `kept`, most frequent first, ties in bucket
/// order (so the numbering is deterministic). A counting sort: document
/// frequencies are small integers, and there are millions of buckets.
fn by_descending_frequency(df: &[u32], kept: impl Fn(u32) -> bool) -> Vec<u32> {
    let top = df.iter().copied().filter(|&d| kept(d)).max().unwrap_or(0) as usize;
    // starts[top - d] = first slot of frequency d.
    let mut starts = vec![0usize; top + 2];
    for &d in df.iter().filter(|&&d| kept(d)) {
        starts[top - d as usize + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut order = vec![0u32; starts[top + 1]];
    for (b, &d) in df.iter().enumerate() {
        if kept(d) {
            let slot = &mut starts[top - d as usize];
            order[*slot] = b as u32;
            *slot += 1;
        }
    }
    order
}

/// Build the TF-IDF matrix of `n_docs` documents whose text `text(i)`
/// yields on demand. Two passes (document frequencies, then rows), so only
/// the final matrix is held in memory, not per-document term lists. Both
/// passes run in parallel over chunks of records and merge in record
/// order, so the matrix does not depend on the number of threads.
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
    let Columns { column, idf, nnz } = number_columns(&df, n_docs, config);
    drop(df);
    let boosted = key_term_buckets(config);
    let mut m = FeatureMatrix {
        n_features: idf.len(),
        indptr: Vec::with_capacity(n_docs + 1),
        indices: Vec::with_capacity(nnz),
        values: Vec::with_capacity(nnz),
        sq_norms: Vec::with_capacity(n_docs),
    };
    m.indptr.push(0);
    let weights = Weights {
        column: &column,
        idf: &idf,
        boosted: &boosted,
        config,
    };
    let per_task = CHUNK.div_ceil(4 * rayon::current_num_threads()).max(64);
    for start in (0..n_docs).step_by(CHUNK) {
        let end = (start + CHUNK).min(n_docs);
        let parts: Vec<RowBlock> = (start..end)
            .into_par_iter()
            .chunks(per_task)
            .map(|rows| {
                let mut scratch = Scratch::default();
                let mut block = RowBlock::default();
                for i in rows {
                    let counts = scratch.term_counts(&text(i), config);
                    block.push(counts, &weights);
                }
                block
            })
            .collect();
        for block in parts {
            m.append(block);
        }
    }
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
            let mut scratch = Scratch::default();
            for i in chunk {
                for &(b, _) in scratch.term_counts(&text(i), config) {
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

/// What turns term counts into a weighted row.
struct Weights<'a> {
    column: &'a [u32],
    idf: &'a [f32],
    boosted: &'a [u32],
    config: &'a FeatureConfig,
}

/// Consecutive weighted rows built by one worker, flat.
#[derive(Default)]
struct RowBlock {
    lens: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
    sq_norms: Vec<f32>,
}

impl RowBlock {
    /// Append one document's row: tf × idf × boost, L2-normalised, in
    /// bucket order.
    fn push(&mut self, counts: &[(u32, u16)], w: &Weights) {
        let start = self.values.len();
        for &(bucket, count) in counts {
            let j = w.column[bucket as usize];
            if j == u32::MAX {
                continue;
            }
            let tf = if w.config.sublinear_tf {
                1.0 + (count as f32).ln()
            } else {
                count as f32
            };
            let boost = if w.boosted.binary_search(&bucket).is_ok() {
                w.config.boost
            } else {
                1.0
            };
            self.indices.push(j);
            self.values.push(tf * w.idf[j as usize] * boost);
        }
        let row = &mut self.values[start..];
        let norm = row.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            row.iter_mut().for_each(|v| *v /= norm);
        }
        self.sq_norms.push(row.iter().map(|v| v * v).sum());
        self.lens.push(self.values.len() - start);
    }
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
    fn frequent_terms_get_the_first_columns() {
        let texts = ["rare border", "border trade", "border talks", "zz"];
        let config = FeatureConfig {
            max_df: 1.0,
            bigrams: false,
            ..Default::default()
        };
        let m = tfidf(&texts, &config);
        // `border` (df 3) is column 0; the row keeps bucket order, so
        // look for it rather than at a position.
        for i in 0..3 {
            assert!(m.row(i).0.contains(&0), "row {i}: {:?}", m.row(i));
        }
        assert!(!m.row(3).0.contains(&0));
        assert_eq!(m.nnz(), 7);
    }

    #[test]
    fn buckets_are_ordered_by_frequency_then_bucket() {
        let df = [2, 0, 5, 2, 1, 5];
        assert_eq!(
            by_descending_frequency(&df, |d| d >= 1),
            vec![2, 5, 0, 3, 4]
        );
        assert_eq!(by_descending_frequency(&df, |d| d == 2), vec![0, 3]);
        assert!(by_descending_frequency(&[0, 0], |d| d >= 1).is_empty());
    }

    #[test]
    fn hashing_lowercases_without_allocating_the_same_way() {
        for t in ["Border", "ÉTAT", "x_Y2"] {
            assert_eq!(hash_lowercased(t), hash_token(&t.to_lowercase()));
        }
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
