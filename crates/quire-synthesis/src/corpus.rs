//! The analysed corpus: the selected works, their passages, sentences and
//! codings, indexed once so that every synthesis step reads the same,
//! validated view of the input.

use crate::cite_apa;
use crate::text;
use crate::tokens::{self, Lexicon, PassageTokens};
use crate::types::{CategoryLabel, PassageRef, WorkLabel};
use crate::ReviewInput;
use quire_model::{Passage, Protocol, SourceType, Work};
use std::collections::{BTreeMap, HashMap};

/// One passage coded with one category.
#[derive(Debug, Clone, Copy)]
pub struct Coded<'a> {
    /// Index into `Corpus::passages`.
    pub passage: usize,
    pub score: f32,
    pub evidence: &'a [String],
}

pub struct Corpus<'a> {
    pub protocol: &'a Protocol,
    /// Selected works, by year (undated last) then id.
    pub works: Vec<&'a Work>,
    /// Parallel to `works`.
    pub labels: Vec<WorkLabel>,
    /// Parallel to `works`: the source type, classified by the protocol's
    /// rules when the work does not say.
    pub source_types: Vec<SourceType>,
    /// Passages of the selected works, by work then ordinal.
    pub passages: Vec<&'a Passage>,
    /// Parallel to `passages`: index into `works`.
    pub passage_work: Vec<usize>,
    /// Parallel to `passages`: byte ranges of its sentences.
    pub sentences: Vec<Vec<(usize, usize)>>,
    /// Parallel to `passages`: its words as lexicon ids, by sentence.
    pub tokens: Vec<PassageTokens>,
    pub lexicon: Lexicon,
    /// Per category (protocol order): its coded passages, by passage.
    pub coded: Vec<Vec<Coded<'a>>>,
    /// Per passage: the categories it is coded with.
    pub categories_of: Vec<Vec<usize>>,
    /// Per work: the codebook actor it speaks for, if any (see
    /// `actors::work_voices`); the actor map and the debates both read it.
    pub voices: Vec<Option<usize>>,
    pub warnings: Vec<String>,
}

impl<'a> Corpus<'a> {
    pub fn build(input: &ReviewInput<'a>) -> Corpus<'a> {
        let mut warnings = Vec::new();
        let mut works: Vec<&Work> = input
            .works
            .iter()
            .filter(|w| input.selected.contains(&w.id))
            .collect();
        works.sort_by(|a, b| {
            (a.year.is_none(), a.year, &a.id).cmp(&(b.year.is_none(), b.year, &b.id))
        });
        works.dedup_by(|a, b| a.id == b.id);
        let work_index: HashMap<&str, usize> = works
            .iter()
            .enumerate()
            .map(|(i, w)| (w.id.as_str(), i))
            .collect();
        let (passages, passage_work) = index_passages(input.passages, &work_index, &mut warnings);
        let sentences: Vec<Vec<(usize, usize)>> =
            passages.iter().map(|p| text::sentences(&p.text)).collect();
        let mut lexicon = Lexicon::default();
        let tokens = passages
            .iter()
            .zip(&sentences)
            .map(|(p, s)| tokens::tokenise(&p.text, s, &mut lexicon))
            .collect();
        let passage_index: HashMap<(&str, usize), usize> = passages
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.work_id.as_str(), p.ordinal), i))
            .collect();
        let coded = index_codings(input, &passage_index, &work_index, &mut warnings);
        let mut categories_of = vec![Vec::new(); passages.len()];
        for (c, list) in coded.iter().enumerate() {
            for k in list {
                categories_of[k.passage].push(c);
            }
        }
        let labels = work_labels(&works, input.protocol);
        let source_types = labels.iter().map(|l| l.source_type).collect();
        let mut corpus = Corpus {
            protocol: input.protocol,
            works,
            labels,
            source_types,
            passages,
            passage_work,
            sentences,
            tokens,
            lexicon,
            coded,
            categories_of,
            voices: Vec::new(),
            warnings,
        };
        corpus.voices = crate::actors::work_voices(&corpus);
        corpus
    }

    pub fn category_labels(&self) -> Vec<CategoryLabel> {
        self.protocol
            .categories
            .iter()
            .map(|c| CategoryLabel {
                id: c.id.clone(),
                label: c.label.clone(),
            })
            .collect()
    }

    pub fn category_id(&self, c: usize) -> &str {
        &self.protocol.categories[c].id
    }

    pub fn category_label(&self, c: usize) -> &str {
        &self.protocol.categories[c].label
    }

    /// The text of sentence `s` of passage `p`.
    pub fn sentence(&self, p: usize, s: usize) -> &'a str {
        let (a, b) = self.sentences[p][s];
        let passage: &'a Passage = self.passages[p];
        &passage.text[a..b]
    }

    /// A reference to passage `p` quoting `quote` (shortened to 400 bytes).
    pub fn passage_ref(&self, p: usize, quote: &str) -> PassageRef {
        let passage = self.passages[p];
        PassageRef {
            work_id: passage.work_id.clone(),
            passage: passage.ordinal,
            page: passage.page,
            offset: passage.start,
            quote: text::shorten(quote, 400),
            citation: self.labels[self.passage_work[p]].citation.clone(),
        }
    }

    /// The sentence that best shows why passage `k` is coded with category
    /// `c`: the one with most of its evidence terms (or, for manual codings
    /// without evidence, of the category's key terms).
    pub fn coded_quote(&self, c: usize, k: &Coded) -> &'a str {
        if k.evidence.is_empty() {
            self.best_sentence(k.passage, &self.protocol.categories[c].terms)
        } else {
            self.best_sentence(k.passage, k.evidence)
        }
    }

    /// The sentence of passage `p` that contains the most of `terms`
    /// (case-insensitively); the first sentence when none does. Without a
    /// transcript's speaker label ("THE PRESIDENT:"). A sentence that leans
    /// on the one before ("They are …") comes with that one.
    pub fn best_sentence(&self, p: usize, terms: &[String]) -> &'a str {
        let lowered: Vec<String> = terms.iter().map(|t| t.to_lowercase()).collect();
        let hits = |s: usize| {
            let sentence = self.sentence(p, s).to_lowercase();
            lowered
                .iter()
                .filter(|t| sentence.contains(t.as_str()))
                .count()
        };
        // A reporter's question is what the source was asked, not what it
        // says: any other sentence first.
        let said = |s: usize| !crate::text::is_transcript_question(self.sentence(p, s));
        let best = (0..self.sentences[p].len())
            .map(|s| (said(s), hits(s), std::cmp::Reverse(s)))
            .max()
            .map(|(_, _, std::cmp::Reverse(s))| s);
        match best {
            Some(s) => self.sentence_in_context(p, s),
            None => &self.passages[p].text,
        }
    }

    /// Sentence `s` of passage `p`, with the sentence before when it leans
    /// on it ("But how to attain that goal remains unclear."), without a
    /// transcript's speaker label.
    pub fn sentence_in_context(&self, p: usize, s: usize) -> &'a str {
        if s > 0 && crate::text::leans_on_previous(self.sentence(p, s)) {
            let text: &'a str = &self.passages[p].text;
            let from = self.sentences[p][s - 1].0;
            crate::text::without_speaker_label(&text[from..self.sentences[p][s].1])
        } else {
            crate::text::without_speaker_label(self.sentence(p, s))
        }
    }
}

/// Passages of selected works, ordered by work then ordinal; duplicates of
/// (work, ordinal) are dropped with a warning.
fn index_passages<'a>(
    all: &'a [Passage],
    work_index: &HashMap<&str, usize>,
    warnings: &mut Vec<String>,
) -> (Vec<&'a Passage>, Vec<usize>) {
    let mut keyed: BTreeMap<(usize, usize), &Passage> = BTreeMap::new();
    for p in all {
        let Some(&w) = work_index.get(p.work_id.as_str()) else {
            continue;
        };
        if keyed.insert((w, p.ordinal), p).is_some() {
            warnings.push(format!(
                "passage {} of work `{}` appears twice; the last copy is used",
                p.ordinal, p.work_id
            ));
        }
    }
    keyed.into_iter().map(|((w, _), p)| (p, w)).unzip()
}

/// Codings of selected passages grouped by category. Several codings of the
/// same passage and category (auto and manual) count once, at the best
/// score. Codings naming an unknown category or passage are skipped and
/// reported once per category/work.
fn index_codings<'a>(
    input: &ReviewInput<'a>,
    passage_index: &HashMap<(&str, usize), usize>,
    work_index: &HashMap<&str, usize>,
    warnings: &mut Vec<String>,
) -> Vec<Vec<Coded<'a>>> {
    let categories: HashMap<&str, usize> = input
        .protocol
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut best: HashMap<(usize, usize), Coded<'a>> = HashMap::new();
    let mut unknown_categories: BTreeMap<&str, usize> = BTreeMap::new();
    let mut missing_passages: BTreeMap<&str, usize> = BTreeMap::new();
    for coding in input.codings {
        if !work_index.contains_key(coding.work_id.as_str()) {
            continue; // not selected: not synthesised
        }
        let Some(&c) = categories.get(coding.category.as_str()) else {
            *unknown_categories.entry(&coding.category).or_default() += 1;
            continue;
        };
        let Some(&p) = passage_index.get(&(coding.work_id.as_str(), coding.passage)) else {
            *missing_passages.entry(&coding.work_id).or_default() += 1;
            continue;
        };
        let score = if coding.score.is_finite() {
            coding.score
        } else {
            0.0
        };
        let entry = best.entry((c, p)).or_insert(Coded {
            passage: p,
            score,
            evidence: &coding.evidence,
        });
        if score > entry.score {
            *entry = Coded {
                passage: p,
                score,
                evidence: &coding.evidence,
            };
        }
    }
    for (category, n) in unknown_categories {
        warnings.push(format!(
            "{n} coding(s) name category `{category}`, which the protocol does not define; skipped"
        ));
    }
    for (work, n) in missing_passages {
        warnings.push(format!(
            "{n} coding(s) of work `{work}` point at passages that do not exist; skipped"
        ));
    }
    let mut coded = vec![Vec::new(); input.protocol.categories.len()];
    for ((c, _), k) in best {
        coded[c].push(k);
    }
    for list in &mut coded {
        list.sort_by_key(|k| k.passage);
    }
    coded
}

fn work_labels(works: &[&Work], protocol: &Protocol) -> Vec<WorkLabel> {
    cite_apa::cite_all(works)
        .into_iter()
        .zip(works)
        .map(|(cite, w)| WorkLabel {
            work_id: w.id.clone(),
            title: w.title.clone(),
            year: w.year,
            source_type: source_type(w, protocol),
            citation: cite.parenthetical(),
            narrative: cite.narrative(),
        })
        .collect()
}

/// The work's own source type, or the protocol's rules when it is unknown.
pub fn source_type(work: &Work, protocol: &Protocol) -> SourceType {
    match work.source_type {
        SourceType::Unknown => protocol.source_types.classify(work).0,
        known => known,
    }
}
