//! The written synthesis: for each category an extractive summary of its
//! most representative sentences — well coded and close to the category's
//! TF-IDF centroid — with near-duplicates removed, put in chronological
//! order, each followed by its APA citation. Voices come before volume: a
//! first pass takes one sentence per author (twenty statements of one
//! government office are one voice), later passes allow a second per
//! author and then per work only when the category has too few voices.
//! A journalist's question in a transcript ("Q Mr. President, …") is not
//! the source's own statement and is never quoted; a speaker label
//! ("THE PRESIDENT:") is dropped from the quote. A sentence that names
//! neither a search keyword of the review nor a codebook actor counts for
//! less: a speech's list of world crises ("Gaza; Ukraine; …") is coded
//! with the category but is not what the review is about.

use crate::corpus::Corpus;
use crate::text;
use crate::tokens::Token;
use crate::types::{CategorySummary, SummaryItem};
use std::collections::HashSet;

/// Sentences per summary: at most, and the number tried for first with
/// one sentence per work.
const MAX_ITEMS: usize = 5;
const MIN_ITEMS: usize = 3;
/// Candidate sentences come from this many best-coded passages.
const CANDIDATE_PASSAGES: usize = 200;
/// Sentence length in words for a summary sentence.
const MIN_WORDS: usize = 8;
const MAX_WORDS: usize = 60;
/// Two sentences this similar (cosine) are near-duplicates.
const DUPLICATE: f32 = 0.5;
/// Share of its score a sentence keeps when it names nothing of the
/// review's focus (keywords, actors).
const OFF_FOCUS: f32 = 0.6;

type Vector = Vec<(u32, f32)>;

/// Inverse document frequencies of the lexicon's words over the selected
/// passages (content words only).
struct Vocabulary {
    idf: Vec<f32>,
}

impl Vocabulary {
    fn build(corpus: &Corpus) -> Vocabulary {
        let mut df = vec![0usize; corpus.lexicon.len()];
        let mut last_seen = vec![usize::MAX; corpus.lexicon.len()];
        for (p, tokens) in corpus.tokens.iter().enumerate() {
            for t in &tokens.tokens {
                let id = t.id as usize;
                if last_seen[id] != p {
                    last_seen[id] = p;
                    df[id] += 1;
                }
            }
        }
        let n = corpus.passages.len() as f32;
        let idf = df
            .iter()
            .zip(&corpus.lexicon.content)
            .map(|(&d, &content)| {
                if content {
                    (1.0 + n / (1.0 + d as f32)).ln()
                } else {
                    0.0
                }
            })
            .collect();
        Vocabulary { idf }
    }

    /// Unit-length TF-IDF vector of some tokens (terms sorted by id).
    fn vector(&self, tokens: &[Token]) -> Vector {
        let mut ids: Vec<u32> = tokens
            .iter()
            .map(|t| t.id)
            .filter(|&id| self.idf[id as usize] > 0.0)
            .collect();
        ids.sort_unstable();
        let mut v: Vector = Vec::new();
        for chunk in ids.chunk_by(|a, b| a == b) {
            let tf = chunk.len() as f32;
            v.push((chunk[0], (1.0 + tf.ln()) * self.idf[chunk[0] as usize]));
        }
        normalise(&mut v);
        v
    }
}

fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|e| e.1 /= norm);
    }
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

struct Candidate {
    passage: usize,
    sentence: usize,
    work: usize,
    /// The work's first author (folded), or the work itself without one.
    voice: String,
    vector: Vector,
    score: f32,
}

pub fn summaries(corpus: &Corpus) -> Vec<CategorySummary> {
    let vocabulary = Vocabulary::build(corpus);
    let focus = Focus::of(corpus);
    // A sentence quoted for one category is not quoted again for the next.
    let mut used = HashSet::new();
    (0..corpus.coded.len())
        .map(|c| summarise(corpus, &vocabulary, &focus, c, &mut used))
        .collect()
}

/// The review's focus: its search keywords (whole words, any case) and
/// its actors (as [`crate::mentions`] finds them: acronyms in capitals).
struct Focus {
    keywords: Option<aho_corasick::AhoCorasick>,
    actors: crate::mentions::ActorMatcher,
}

impl Focus {
    fn of(corpus: &Corpus) -> Focus {
        let p = corpus.protocol;
        let terms: Vec<&str> = p
            .review
            .keywords
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let keywords = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&terms)
            .ok();
        Focus {
            keywords,
            actors: crate::mentions::ActorMatcher::new(&p.actors),
        }
    }

    /// 1 when the sentence names the focus (or the review has none), else
    /// [`OFF_FOCUS`].
    fn weight(&self, sentence: &str, has_focus: bool) -> f32 {
        if !has_focus {
            return 1.0;
        }
        let keyword = self.keywords.as_ref().is_some_and(|k| {
            k.find_iter(sentence)
                .any(|m| text::at_word_boundary(sentence, m.start(), m.end()))
        });
        if keyword || !self.actors.find(sentence).is_empty() {
            1.0
        } else {
            OFF_FOCUS
        }
    }
}

fn summarise(
    corpus: &Corpus,
    vocabulary: &Vocabulary,
    focus: &Focus,
    c: usize,
    used: &mut HashSet<(usize, usize)>,
) -> CategorySummary {
    let mut coded = corpus.coded[c].clone();
    coded.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
    coded.truncate(CANDIDATE_PASSAGES);
    let centroid = centroid(corpus, vocabulary, c);
    let has_focus =
        !corpus.protocol.review.keywords.is_empty() || !corpus.protocol.actors.is_empty();
    let mut candidates: Vec<Candidate> = Vec::new();
    for k in &coded {
        for s in 0..corpus.sentences[k.passage].len() {
            if used.contains(&(k.passage, s)) {
                continue;
            }
            let tokens = corpus.tokens[k.passage].sentence(s);
            let sentence = corpus.sentence(k.passage, s);
            if !(MIN_WORDS..=MAX_WORDS).contains(&tokens.len())
                || text::is_transcript_question(sentence)
                || text::leans_on_previous(sentence)
            {
                continue;
            }
            let work = corpus.passage_work[k.passage];
            let vector = vocabulary.vector(tokens);
            let centrality: f32 = vector
                .iter()
                .map(|&(id, x)| x * centroid[id as usize])
                .sum();
            candidates.push(Candidate {
                passage: k.passage,
                sentence: s,
                work,
                voice: voice(corpus, work),
                vector,
                score: (0.5 + 0.5 * k.score.clamp(0.0, 1.0))
                    * centrality
                    * focus.weight(sentence, has_focus),
            });
        }
    }
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.passage, a.sentence).cmp(&(b.passage, b.sentence)))
    });
    let mut chosen = pick(
        &candidates,
        Limits {
            per_work: 1,
            per_voice: 1,
        },
        &[],
    );
    for limits in [
        Limits {
            per_work: 1,
            per_voice: 2,
        },
        Limits {
            per_work: 2,
            per_voice: 2,
        },
        Limits {
            per_work: 2,
            per_voice: MAX_ITEMS,
        },
    ] {
        if chosen.len() >= MIN_ITEMS {
            break;
        }
        chosen = pick(&candidates, limits, &chosen);
    }
    used.extend(
        chosen
            .iter()
            .map(|&i| (candidates[i].passage, candidates[i].sentence)),
    );
    chosen.sort_by_key(|&i| {
        let k = &candidates[i];
        (
            corpus.works[k.work].year.unwrap_or(i32::MAX),
            k.work,
            k.passage,
            k.sentence,
        )
    });
    let items: Vec<SummaryItem> = chosen
        .iter()
        .map(|&i| {
            let k = &candidates[i];
            let quote = text::without_speaker_label(corpus.sentence(k.passage, k.sentence));
            SummaryItem {
                source: corpus.passage_ref(k.passage, quote),
                score: k.score,
            }
        })
        .collect();
    CategorySummary {
        category: corpus.category_id(c).to_string(),
        label: corpus.category_label(c).to_string(),
        text: items
            .iter()
            .map(cited_sentence)
            .collect::<Vec<_>>()
            .join(" "),
        items,
    }
}

/// The category's centroid: the coding-score-weighted mean of its
/// passages' TF-IDF vectors, dense over the vocabulary (so that scoring a
/// sentence against it costs the sentence's length only), unit length.
fn centroid(corpus: &Corpus, vocabulary: &Vocabulary, c: usize) -> Vec<f32> {
    let mut sum = vec![0.0f32; vocabulary.idf.len()];
    for k in &corpus.coded[c] {
        let weight = k.score.clamp(0.05, 1.0);
        for (id, x) in vocabulary.vector(&corpus.tokens[k.passage].tokens) {
            sum[id as usize] += weight * x;
        }
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        sum.iter_mut().for_each(|x| *x /= norm);
    }
    sum
}

/// How many sentences one work and one author may give a summary.
#[derive(Clone, Copy)]
struct Limits {
    per_work: usize,
    per_voice: usize,
}

/// Who speaks in a work: its first author, folded; a work without
/// authors is a voice of its own.
fn voice(corpus: &Corpus, work: usize) -> String {
    match corpus.works[work].first_author_family() {
        Some(family) => quire_model::normalize::fold(family),
        None => format!("#{work}"),
    }
}

/// Greedy selection, best first: no near-duplicate of a chosen sentence,
/// within the limits per work and per author; starts from `already`.
fn pick(candidates: &[Candidate], limits: Limits, already: &[usize]) -> Vec<usize> {
    let mut chosen = already.to_vec();
    for (i, cand) in candidates.iter().enumerate() {
        if chosen.len() >= MAX_ITEMS {
            break;
        }
        if cand.score <= 0.0 || chosen.contains(&i) {
            continue;
        }
        let from_work = chosen
            .iter()
            .filter(|&&j| candidates[j].work == cand.work)
            .count();
        let from_voice = chosen
            .iter()
            .filter(|&&j| candidates[j].voice == cand.voice)
            .count();
        let duplicate = chosen
            .iter()
            .any(|&j| cosine(&candidates[j].vector, &cand.vector) >= DUPLICATE);
        if from_work < limits.per_work && from_voice < limits.per_voice && !duplicate {
            chosen.push(i);
        }
    }
    chosen
}

/// "Sentence text (Khan, 2021)." — the citation goes before the final
/// stop, which is kept.
fn cited_sentence(item: &SummaryItem) -> String {
    let quote = item.source.quote.trim();
    let (body, stop) = match quote.char_indices().next_back() {
        Some((i, '.' | '!' | '?')) => (&quote[..i], &quote[i..]),
        _ => (quote, "."),
    };
    format!("{} {}{}", body.trim_end(), item.source.citation, stop)
}
