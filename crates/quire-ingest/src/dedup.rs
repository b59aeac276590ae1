//! Deduplication: is an incoming work one the review already holds?
//!
//! The rules, in order:
//! 1. **Same DOI** (normalised) → duplicate, unless both have titles that
//!    name different works (other numbers, or similarity below 0.85): the
//!    DOI is then their collection's (chapters cited with their book's
//!    DOI, statements with their corpus's), and the pair is not merged
//!    (listed as a near-duplicate unless their numbers differ). Two *different* DOIs are never merged (a
//!    preprint and its article are two works); at most they are listed as
//!    near-duplicates.
//! 2. **Same title, year and first author**, fuzzily: title similarity ≥
//!    0.93 on [`normalize::title_key`] titles, equal years, equal folded
//!    first-author family names → duplicate. Title similarity is the larger
//!    of Jaro–Winkler and the normalised Levenshtein ratio: Jaro–Winkler
//!    alone scores a long title with one typo in its first word as low as
//!    0.91 (its greedy matching mispairs repeated letters). When one side lacks the year or the authors,
//!    only an *identical* title key merges (the missing field cannot
//!    contradict, but a fuzzy title alone is too weak).
//! 3. **Near-duplicates**, reported not merged: title similarity in
//!    [0.85, 0.93) with compatible year and author, an identical title with
//!    a different year (a reprint? a new edition?), or a fuzzy match that
//!    rule 2 refused for lack of a year or author. Not listed: works dated
//!    to different days (a speaker's statements of April and August), and
//!    titles of one pattern with a different word in place of another
//!    ("History of Pakistan" / "History of Afghanistan"); a typo, a variant
//!    ("insecurity") or an added subtitle is still listed.
//!
//! It scales by blocking, never comparing all pairs: candidates are only
//! the works sharing a DOI, an exact title key, a (first author, year), or
//! a (first two title words, year) with the incoming one; a work without a
//! year shares the last block with the works of every year (grey
//! literature and exports often lack one, and a missing year cannot
//! contradict). Each block is
//! scanned up to [`MAX_BLOCK_SCAN`] most recent entries, so a pathological
//! block ("the impact" + 2021 in a million-record corpus) stays bounded.

use quire_model::{normalize, Work};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Title similarity from which a match (with same year and author) merges.
pub const DUPLICATE_SIMILARITY: f64 = 0.93;
/// Title similarity from which a match is reported as a near-duplicate.
pub const NEAR_SIMILARITY: f64 = 0.85;
/// At most this many entries of one block are compared with a new work.
pub const MAX_BLOCK_SCAN: usize = 256;
/// Title keys are compared on at most this many characters.
const TITLE_KEY_MAX: usize = 160;

/// The outcome of looking a work up.
#[derive(Debug, Clone, PartialEq)]
pub enum DedupMatch {
    None,
    /// The same work: merge it into `id`.
    Duplicate {
        id: String,
        reason: &'static str,
    },
    /// Probably related; list it for the user, do not merge.
    Near {
        id: String,
        similarity: f64,
    },
}

/// What is kept of each known work: its comparison keys.
#[derive(Debug, Clone)]
struct Known {
    id: String,
    title: String,
    year: Option<i32>,
    author: Option<String>,
    doi: Option<String>,
    /// The date when it is known to the day ("2021-08-16").
    day: Option<String>,
    /// One bit per word (hashed mod 64): a cheap word-overlap test.
    sketch: u64,
    /// The title is the file's name, for want of one of its own
    /// ("ungdc-2016-tuv"): alike names say nothing of alike works.
    named_after_file: bool,
}

/// The keys of the works known so far, blocked for fast lookup.
#[derive(Debug, Default, Clone)]
pub struct DedupIndex {
    known: Vec<Known>,
    by_doi: HashMap<String, u32>,
    by_title: HashMap<u64, Vec<u32>>,
    by_author_year: HashMap<u64, Vec<u32>>,
    /// Keyed by (first two title words, year or none).
    by_words_year: HashMap<u64, Vec<u32>>,
    /// The earliest and latest years known: the years a work without one
    /// is looked up in.
    years: Option<(i32, i32)>,
}

/// At most this many years (the latest known) are looked through for a
/// work without a year.
const MAX_YEARS_PROBED: i32 = 300;

impl DedupIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// Remember a work (normally one for which `find` said `None` or `Near`).
    pub fn insert(&mut self, work: &Work) {
        self.insert_keys(keys(work));
    }

    /// `find`, then `insert` unless it is a duplicate — computing the keys
    /// once. This is what an importer calls for every incoming work.
    pub fn insert_unless_duplicate(&mut self, work: &Work) -> DedupMatch {
        let k = keys(work);
        let found = self.find_keys(&k, &[]);
        if !matches!(found, DedupMatch::Duplicate { .. }) {
            self.insert_keys(k);
        }
        found
    }

    fn insert_keys(&mut self, k: Known) {
        let at = self.known.len() as u32;
        if let Some(doi) = &k.doi {
            self.by_doi.entry(doi.clone()).or_insert(at);
        }
        for (map, key) in self.blocks_of(&k) {
            map.entry(key).or_default().push(at);
        }
        if let Some(y) = k.year {
            let (first, last) = self.years.get_or_insert((y, y));
            *first = (*first).min(y);
            *last = (*last).max(y);
        }
        self.known.push(k);
    }

    /// Is `work` a duplicate or near-duplicate of a known work?
    pub fn find(&self, work: &Work) -> DedupMatch {
        self.find_keys(&keys(work), &[])
    }

    /// [`find`](Self::find), passing over the works `ruled_out` (ids the
    /// caller found to be other works on evidence the keys do not hold,
    /// such as their full texts).
    pub fn find_except(&self, work: &Work, ruled_out: &[String]) -> DedupMatch {
        self.find_keys(&keys(work), ruled_out)
    }

    fn find_keys(&self, k: &Known, ruled_out: &[String]) -> DedupMatch {
        let mut best_near: Option<(f64, u32)> = None;
        let open = |at: &u32| !ruled_out.contains(&self.known[*at as usize].id);
        if let Some(&at) = k
            .doi
            .as_ref()
            .and_then(|d| self.by_doi.get(d))
            .filter(|at| open(at))
        {
            let other = &self.known[at as usize];
            if !titles_differ(k, other) {
                return DedupMatch::Duplicate {
                    id: other.id.clone(),
                    reason: "same DOI",
                };
            }
            // Numbered parts of one series are plainly two works; other
            // titles under one DOI are worth the user's look.
            if numbers(&k.title).eq(numbers(&other.title)) {
                best_near = Some((title_similarity(&k.title, &other.title), at));
            }
        }
        for at in self.candidates(k).into_iter().filter(open) {
            let other = &self.known[at as usize];
            match judge(k, other) {
                Verdict::Duplicate(reason) => {
                    return DedupMatch::Duplicate {
                        id: other.id.clone(),
                        reason,
                    }
                }
                Verdict::Near(sim) if best_near.is_none_or(|(b, _)| sim > b) => {
                    best_near = Some((sim, at))
                }
                _ => {}
            }
        }
        match best_near {
            Some((similarity, at)) => DedupMatch::Near {
                id: self.known[at as usize].id.clone(),
                similarity,
            },
            None => DedupMatch::None,
        }
    }

    fn blocks_of(&mut self, k: &Known) -> Vec<(&mut HashMap<u64, Vec<u32>>, u64)> {
        let (title, author_year, words_year) = block_keys(k);
        let mut out = Vec::new();
        let DedupIndex {
            by_title,
            by_author_year,
            by_words_year,
            ..
        } = self;
        if let Some(key) = title {
            out.push((by_title, key));
        }
        if let Some(key) = author_year {
            out.push((by_author_year, key));
        }
        if let Some(key) = words_year {
            out.push((by_words_year, key));
        }
        out
    }

    /// Known works sharing a block with `k`, most recent first, each once.
    fn candidates(&self, k: &Known) -> Vec<u32> {
        let (title, author_year, words_year) = block_keys(k);
        let mut out: Vec<u32> = Vec::new();
        let blocks = [
            title.and_then(|key| self.by_title.get(&key)),
            author_year.and_then(|key| self.by_author_year.get(&key)),
            words_year.and_then(|key| self.by_words_year.get(&key)),
        ];
        let other_years = self
            .other_years(k)
            .into_iter()
            .filter_map(|key| self.by_words_year.get(&key));
        for block in blocks.into_iter().flatten().chain(other_years) {
            out.extend(block.iter().rev().take(MAX_BLOCK_SCAN));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The (first two title words, year) blocks a work's missing year
    /// cannot tell from its own: the yearless block for a dated work,
    /// every known year's for a work without one.
    fn other_years(&self, k: &Known) -> Vec<u64> {
        if k.title.is_empty() {
            return Vec::new();
        }
        let words = title_words(k);
        let years: Vec<Option<i32>> = match (k.year, self.years) {
            (Some(_), _) => vec![None],
            (None, Some((first, last))) => (first.max(last - MAX_YEARS_PROBED)..=last)
                .map(Some)
                .collect(),
            (None, None) => Vec::new(),
        };
        years.into_iter().map(|y| hash(&("w", &words, y))).collect()
    }
}

/// Two titles that name different works: the DOI they share is their
/// collection's ("Statement by Pakistan … 74th session" and "… 75th
/// session", both cited with the DOI of the corpus that holds them).
fn titles_differ(a: &Known, b: &Known) -> bool {
    !a.title.is_empty()
        && !b.title.is_empty()
        && a.title != b.title
        && (!numbers(&a.title).eq(numbers(&b.title))
            || words_substituted(&a.title, &b.title)
            || title_similarity(&a.title, &b.title) < NEAR_SIMILARITY)
}

enum Verdict {
    Duplicate(&'static str),
    Near(f64),
    Different,
}

/// Apply rules 1–3 to two works' keys.
fn judge(a: &Known, b: &Known) -> Verdict {
    // A record without a title (a reference the parser could not read
    // one from) has nothing to be compared on but its DOI: two such
    // records of one author and year are not one work.
    if a.title.is_empty() || b.title.is_empty() {
        return Verdict::Different;
    }
    let different_dois = matches!((&a.doi, &b.doi), (Some(x), Some(y)) if x != y);
    let same_title = a.title == b.title;
    // "ungdc-2001-cmr" and "ungdc-2001-and" are two files, not one work
    // misspelt; only the same name (a PDF and its web page) is compared on.
    if !same_title && (a.named_after_file || b.named_after_file) {
        return Verdict::Different;
    }
    if !same_title && word_overlap(a.sketch, b.sketch) < MIN_WORD_OVERLAP {
        return Verdict::Different;
    }
    // "Report No. 12" and "Report No. 13", "the 74th session" and "the
    // 75th": numbers tell works of a series apart, however alike the rest.
    if !same_title && !numbers(&a.title).eq(numbers(&b.title)) {
        return Verdict::Different;
    }
    let sim = if same_title {
        1.0
    } else {
        title_similarity(&a.title, &b.title)
    };
    if sim < NEAR_SIMILARITY {
        return Verdict::Different;
    }
    let years = agreement(a.year, b.year);
    let authors = agreement(a.author.as_ref(), b.author.as_ref());
    if different_dois || years == Agreement::Differ || authors == Agreement::Differ {
        // Identical titles in different years are worth a look; else no.
        return if same_title && authors != Agreement::Differ {
            Verdict::Near(sim)
        } else {
            Verdict::Different
        };
    }
    let both_known = years == Agreement::Same && authors == Agreement::Same;
    // Jaro-Winkler rewards a shared prefix, so "Remarks by President Biden
    // on the Drawdown ..." and "... on the End of the War ..." score high;
    // a merge also needs most of the words in common.
    // Words are compared with a typo allowed (a swapped or changed letter),
    // so "Broder security" still agrees with "Border security".
    let words_agree = fuzzy_word_overlap(&a.title, &b.title) >= DUPLICATE_WORD_OVERLAP;
    if sim >= DUPLICATE_SIMILARITY && both_known && words_agree {
        return Verdict::Duplicate("same title, year and first author");
    }
    if same_title {
        return Verdict::Duplicate("same title; year or author missing on one side");
    }
    // Not worth the user's look: two statements of one speaker on
    // different days, or titles of one pattern about different things
    // ("History of Pakistan" and "History of Afghanistan").
    let different_days = matches!((&a.day, &b.day), (Some(x), Some(y)) if x != y);
    if different_days || words_substituted(&a.title, &b.title) {
        return Verdict::Different;
    }
    Verdict::Near(sim)
}

/// Whether each title has a content word the other lacks, with nothing
/// like it there: another word in its place, not a typo ("Broder"), a
/// variant ("insecurity" for "security") or an added subtitle.
fn words_substituted(a: &str, b: &str) -> bool {
    let content = |t: &str| -> Vec<String> {
        t.split_whitespace()
            .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(w))
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (content(a), content(b));
    let leftover = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter()
            .filter(|w| !y.iter().any(|v| v == *w || one_typo_apart(w, v)))
            .cloned()
            .collect()
    };
    let (only_a, only_b) = (leftover(&wa, &wb), leftover(&wb, &wa));
    let unlike = |x: &[String], y: &[String]| {
        x.iter()
            .any(|w| y.iter().all(|v| strsim::normalized_levenshtein(w, v) < 0.7))
    };
    !only_a.is_empty() && !only_b.is_empty() && unlike(&only_a, &only_b) && unlike(&only_b, &only_a)
}

/// Words that say nothing about what a title is about.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "from", "with", "after", "its", "their", "are", "was", "into", "over",
    "under", "about", "between", "this", "that", "what", "how", "why", "who",
];

/// The runs of digits in a title key, in order.
fn numbers(title: &str) -> impl Iterator<Item = &str> {
    title
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
}

/// Below this share of common word bits, titles are not compared at all.
/// One changed word in an 8-word title keeps ~0.78; unrelated titles ~0.1.
const MIN_WORD_OVERLAP: f64 = 0.4;

/// A fuzzy title merge also needs this share of common word bits (one
/// changed word in an 8-word title keeps ~0.78).
const DUPLICATE_WORD_OVERLAP: f64 = 0.7;

/// Share of words that have a twin in the other title (the same word, or
/// one letter changed or two adjacent letters swapped in a word of four
/// letters or more), over the longer title. Only run on candidate pairs.
fn fuzzy_word_overlap(a: &str, b: &str) -> f64 {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    let longer = wa.len().max(wb.len());
    if longer == 0 {
        return 1.0;
    }
    let mut unused: Vec<&str> = wb.clone();
    let mut matched = 0usize;
    for w in &wa {
        if let Some(at) = unused.iter().position(|v| v == w || one_typo_apart(w, v)) {
            unused.swap_remove(at);
            matched += 1;
        }
    }
    matched as f64 / longer as f64
}

/// One substitution, or one swap of neighbouring letters, in words of four
/// letters or more.
fn one_typo_apart(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() != y.len() || x.len() < 4 {
        return false;
    }
    let diffs: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    match diffs.as_slice() {
        [_] => true,
        [i, j] => *j == i + 1 && x[*i] == y[*j] && x[*j] == y[*i],
        _ => false,
    }
}

/// Jaccard overlap of two word sketches.
fn word_overlap(a: u64, b: u64) -> f64 {
    let union = (a | b).count_ones();
    if union == 0 {
        return 1.0;
    }
    f64::from((a & b).count_ones()) / f64::from(union)
}

/// The larger of Jaro–Winkler and the normalised Levenshtein ratio; the
/// (quadratic) Levenshtein only when Jaro–Winkler says no.
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let jw = strsim::jaro_winkler(a, b);
    if jw >= DUPLICATE_SIMILARITY {
        return jw;
    }
    jw.max(strsim::normalized_levenshtein(a, b))
}

fn sketch(title_key: &str) -> u64 {
    title_key
        .split(' ')
        .filter(|w| !w.is_empty())
        .fold(0u64, |acc, w| acc | (1u64 << (hash(&w) % 64)))
}

#[derive(Debug, PartialEq, Eq)]
enum Agreement {
    Same,
    Unknown,
    Differ,
}

fn agreement<T: PartialEq>(a: Option<T>, b: Option<T>) -> Agreement {
    match (a, b) {
        (Some(x), Some(y)) if x == y => Agreement::Same,
        (Some(_), Some(_)) => Agreement::Differ,
        _ => Agreement::Unknown,
    }
}

fn keys(work: &Work) -> Known {
    let mut title = normalize::title_key(&work.title);
    if title.len() > TITLE_KEY_MAX {
        let mut cut = TITLE_KEY_MAX;
        while !title.is_char_boundary(cut) {
            cut -= 1;
        }
        title.truncate(cut);
    }
    Known {
        id: work.id.clone(),
        sketch: sketch(&title),
        title,
        year: work.year,
        author: work
            .first_author_family()
            .map(normalize::title_key)
            .filter(|a| !a.is_empty()),
        doi: work.doi.as_deref().and_then(normalize::doi),
        day: work.date.clone().filter(|d| d.len() == 10),
        named_after_file: work
            .provenance
            .iter()
            .any(|p| crate::ids::is_file_name(&work.title, &p.file)),
    }
}

/// (exact title, first author + year, first two title words + year).
fn block_keys(k: &Known) -> (Option<u64>, Option<u64>, Option<u64>) {
    let title = (!k.title.is_empty()).then(|| hash(&("t", &k.title)));
    let author_year = match (&k.author, k.year) {
        (Some(a), Some(y)) => Some(hash(&("a", a, y))),
        _ => None,
    };
    let words_year = (!k.title.is_empty()).then(|| hash(&("w", &title_words(k), k.year)));
    (title, author_year, words_year)
}

/// The first two words of a title key.
fn title_words(k: &Known) -> Vec<&str> {
    k.title.split(' ').take(2).collect()
}

fn hash<T: Hash>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Are two full texts those of different works? Two speeches that open
/// with the same "Mr. President," (their only title) or two reports
/// named alike match on their keys, but a work's copies — its PDF and its
/// web page, a re-export — share most of their wording. Compared on
/// three-word runs: the share of the shorter text's runs found in the
/// other. Different UN speeches share at most ~12 % (formulas of
/// address); copies of one text far more. Texts too short to tell are
/// never called different.
pub fn texts_tell_different_works(a: &str, b: &str) -> bool {
    let (a, b) = (word_triples(a), word_triples(b));
    let shorter = a.len().min(b.len());
    if shorter < MIN_TRIPLES_TO_COMPARE {
        return false;
    }
    let shared = if a.len() <= b.len() {
        a.iter().filter(|t| b.contains(t)).count()
    } else {
        b.iter().filter(|t| a.contains(t)).count()
    };
    (shared as f64) < SAME_TEXT_SHARE * shorter as f64
}

/// Below this share of shared three-word runs two texts are two works.
const SAME_TEXT_SHARE: f64 = 0.3;
/// Texts with fewer distinct three-word runs are not compared.
const MIN_TRIPLES_TO_COMPARE: usize = 20;

/// The hashed runs of three words (lowercased letters and digits) of a text.
fn word_triples(text: &str) -> std::collections::HashSet<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(3).map(|w| hash(&w)).collect()
}

/// Merge a duplicate into the work already held: fill what is missing,
/// keep the longer abstract, union keywords, references and provenance.
/// A bibliographic record (BibTeX, RIS, CSL-JSON, OpenAlex, front matter)
/// outranks what was read off a PDF or web page (an info dictionary's
/// title, a first line): merged into such a work, its fields come first
/// and the PDF's fill the gaps. The id stays the one already held.
pub fn merge_into(existing: &mut Work, incoming: Work) {
    if read_off_full_text(existing) && !read_off_full_text(&incoming) {
        let id = std::mem::take(&mut existing.id);
        let held = std::mem::replace(existing, incoming);
        existing.id = id;
        if existing.source_type == quire_model::SourceType::Unknown {
            existing.source_type = held.source_type;
            existing.source_type_rule = held.source_type_rule.clone();
        }
        merge_fields(existing, held);
        return;
    }
    merge_fields(existing, incoming);
}

/// Whether every source of a work's metadata is a PDF or HTML file.
fn read_off_full_text(work: &Work) -> bool {
    !work.provenance.is_empty()
        && work.provenance.iter().all(|p| {
            let file = p.file.to_ascii_lowercase();
            [".pdf", ".html", ".htm"]
                .iter()
                .any(|ext| file.ends_with(ext))
        })
}

fn merge_fields(existing: &mut Work, incoming: Work) {
    let Work {
        kind,
        title: _,
        authors,
        editors,
        year,
        date,
        container,
        volume,
        edition,
        issue,
        pages,
        publisher,
        doi,
        url,
        abstract_text,
        keywords,
        language,
        genre,
        source_type: _,
        source_type_rule: _,
        licence,
        openalex_id,
        references,
        provenance,
        id: _,
    } = incoming;
    if existing.kind == quire_model::WorkKind::Other {
        existing.kind = kind;
    }
    if existing.authors.is_empty() {
        existing.authors = authors;
    }
    if existing.editors.is_empty() {
        existing.editors = editors;
    }
    fill(&mut existing.year, year);
    fill(&mut existing.date, date);
    fill(&mut existing.container, container);
    fill(&mut existing.volume, volume);
    fill(&mut existing.edition, edition);
    fill(&mut existing.issue, issue);
    fill(&mut existing.pages, pages);
    fill(&mut existing.publisher, publisher);
    fill(&mut existing.doi, doi);
    fill(&mut existing.url, url);
    fill(&mut existing.language, language);
    fill(&mut existing.genre, genre);
    fill(&mut existing.licence, licence);
    fill(&mut existing.openalex_id, openalex_id);
    if abstract_text.as_ref().map_or(0, String::len)
        > existing.abstract_text.as_ref().map_or(0, String::len)
    {
        existing.abstract_text = abstract_text;
    }
    union_folded(&mut existing.keywords, keywords);
    union_exact(&mut existing.references, references);
    union_exact(&mut existing.provenance, provenance);
}

fn fill<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn union_exact<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
    for item in from {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

fn union_folded(into: &mut Vec<String>, from: Vec<String>) {
    for item in from {
        let key = normalize::fold(&item);
        if !into.iter().any(|k| normalize::fold(k) == key) {
            into.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn works_named_after_their_files_are_not_alike_by_their_names() {
        let named = |stem: &str| Work {
            id: stem.into(),
            title: stem.into(),
            year: Some(2001),
            provenance: vec![quire_model::Provenance {
                file: format!("sources/{stem}.txt"),
                line: Some(1),
                record: None,
            }],
            ..Default::default()
        };
        let mut index = DedupIndex::new();
        index.insert(&named("ungdc-2001-and"));
        assert_eq!(index.find(&named("ungdc-2001-cmr")), DedupMatch::None);
        // The same name (the file as PDF and as web page) is still one.
        assert!(matches!(
            index.find(&named("ungdc-2001-and")),
            DedupMatch::Duplicate { .. }
        ));
    }

    #[test]
    fn different_texts_under_one_title_are_two_works_and_copies_are_one() {
        let speech = |topic: &str| {
            format!(
                "Mr. President, I congratulate you on your election. {topic} \
                 We thank the Secretary-General for his report and his tireless work."
            )
        };
        let a = speech(
            "Sea-level rise threatens the very survival of our atolls, and the king tides \
             reach further inland every year while our wells turn salt. Our children ask \
             whether they will grow old on the islands of their ancestors. We have begun \
             to raise the land itself, one causeway and one sea wall at a time.",
        );
        let b = speech(
            "Our debt has grown since the hurricane destroyed the port, and concessional \
             finance remains out of reach for middle-income island states like ours. The \
             vulnerability index must count what a single storm can undo. Graduation from \
             aid should not punish the resilience we paid for with borrowed money.",
        );
        assert!(texts_tell_different_works(&a, &b));
        // A copy with other line breaks, hyphenation and a page header.
        let copy = format!(
            "Page 1\n{}",
            a.replace("survival", "sur-\nvival").replace(". ", ".\n")
        );
        assert!(!texts_tell_different_works(&a, &copy));
        assert!(!texts_tell_different_works(&a, &a));
        // Too short to tell.
        assert!(!texts_tell_different_works(
            "Mr. President, thank you.",
            "Mr. President, welcome."
        ));
    }
    use quire_model::Person;

    fn work(id: &str, title: &str, year: Option<i32>, author: Option<&str>) -> Work {
        Work {
            id: id.into(),
            title: title.into(),
            year,
            authors: author
                .map(|a| vec![Person::new(a, None)])
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    #[test]
    fn works_without_titles_are_not_merged() {
        let mut index = DedupIndex::new();
        index.insert(&work("a", "", Some(2026), Some("Wikipedia contributors")));
        let other = work("b", "", Some(2026), Some("Wikipedia contributors"));
        assert_eq!(index.find(&other), DedupMatch::None);
        // A DOI still tells.
        let mut doi = other.clone();
        doi.doi = Some("10.1234/x".into());
        let mut index = DedupIndex::new();
        let mut first = work("a", "", Some(2026), None);
        first.doi = Some("10.1234/x".into());
        index.insert(&first);
        assert!(matches!(index.find(&doi), DedupMatch::Duplicate { .. }));
    }

    #[test]
    fn a_doi_shared_by_different_titles_is_their_collections() {
        let with_doi = |id: &str, title: &str, year: i32| {
            let mut w = work(id, title, Some(year), Some("Khan"));
            w.doi = Some("10.7910/DVN/0TJX8Y".into());
            w
        };
        let mut index = DedupIndex::new();
        index.insert(&with_doi(
            "s74",
            "Statement by Pakistan in the General Debate of the 74th session",
            2019,
        ));
        let s75 = with_doi(
            "s75",
            "Statement by Pakistan in the General Debate of the 75th session",
            2020,
        );
        assert_eq!(index.find(&s75), DedupMatch::None);
        let afghanistan = with_doi(
            "a74",
            "Statement by Afghanistan in the General Debate of the 74th session",
            2019,
        );
        assert_ne!(
            index.find(&afghanistan),
            DedupMatch::Duplicate {
                id: "s74".into(),
                reason: "same DOI"
            }
        );
        let other = with_doi(
            "x",
            "Water and borders in the Indus basin after the 74th session",
            2019,
        );
        assert!(matches!(index.find(&other), DedupMatch::Near { .. }));
        // The same work with its title cut or retyped still merges.
        let same = with_doi(
            "s74b",
            "Statement by Pakistan in the general debate of the 74th session.",
            2019,
        );
        assert!(matches!(index.find(&same), DedupMatch::Duplicate { .. }));
    }

    #[test]
    fn shared_prefix_titles_are_not_merged() {
        // Two White House remarks of 2021 whose titles share a long prefix:
        // Jaro-Winkler alone scores them above 0.93.
        let mut idx = DedupIndex::new();
        let a = work(
            "a",
            "Remarks by President Biden on the Drawdown of U.S. Forces in Afghanistan",
            Some(2021),
            Some("The White House"),
        );
        idx.insert(&a);
        let b = work(
            "b",
            "Remarks by President Biden on the End of the War in Afghanistan",
            Some(2021),
            Some("The White House"),
        );
        assert!(!matches!(idx.find(&b), DedupMatch::Duplicate { .. }));
        let typo = work(
            "c",
            "Remarks by President Biden on the Drawdown of US Forces in Afghanistan",
            Some(2021),
            Some("The White House"),
        );
        assert!(matches!(idx.find(&typo), DedupMatch::Duplicate { .. }));
        // Two letters swapped in a short title, as in a second export.
        let mut idx = DedupIndex::new();
        idx.insert(&work(
            "d",
            "Border trade in Khyber",
            Some(2022),
            Some("Khan"),
        ));
        let swapped = work("e", "Border tarde in Khyber", Some(2022), Some("Khan"));
        assert!(
            matches!(idx.find(&swapped), DedupMatch::Duplicate { .. }),
            "{:?}",
            idx.find(&swapped)
        );
    }

    #[test]
    fn doi_wins_and_different_dois_never_merge() {
        let mut idx = DedupIndex::new();
        let mut a = work(
            "a",
            "Border fencing and its discontents",
            Some(2020),
            Some("Khan"),
        );
        a.doi = Some("10.1080/X.2020.1".into());
        idx.insert(&a);
        let mut b = work("b", "Border fencing and its discontents.", None, None);
        b.doi = Some("https://doi.org/10.1080/x.2020.1".into());
        assert_eq!(
            idx.find(&b),
            DedupMatch::Duplicate {
                id: "a".into(),
                reason: "same DOI"
            }
        );
        // A different title under the same DOI: listed, not merged.
        let mut other = work("o", "Something else entirely", None, None);
        other.doi = b.doi.clone();
        assert!(matches!(idx.find(&other), DedupMatch::Near { .. }));
        let mut c = a.clone();
        c.doi = Some("10.1080/x.2020.2".into());
        assert!(matches!(idx.find(&c), DedupMatch::Near { .. }));
    }

    #[test]
    fn fuzzy_title_year_author() {
        let mut idx = DedupIndex::new();
        idx.insert(&work(
            "a",
            "The Durand Line: Pakistan-Afghanistan border security after 2021",
            Some(2022),
            Some("Siddiqá"),
        ));
        let typo = work(
            "b",
            "The Durand line - Pakistan–Afghanistan border securty after 2021",
            Some(2022),
            Some("Siddiqa"),
        );
        assert!(matches!(idx.find(&typo), DedupMatch::Duplicate { ref id, .. } if id == "a"));
        let other_year = work(
            "c",
            "The Durand Line: Pakistan-Afghanistan border security after 2021",
            Some(2019),
            Some("Siddiqa"),
        );
        assert!(matches!(idx.find(&other_year), DedupMatch::Near { .. }));
        let other_author = work(
            "d",
            "The Durand Line: Pakistan-Afghanistan border security after 2021",
            Some(2022),
            Some("Rashid"),
        );
        assert_eq!(idx.find(&other_author), DedupMatch::None);
        let no_year = work(
            "e",
            "The Durand Line: Pakistan-Afghanistan border security after 2021",
            None,
            Some("Siddiqa"),
        );
        assert!(matches!(idx.find(&no_year), DedupMatch::Duplicate { .. }));
        let fuzzy_no_year = work(
            "f",
            "The Durand line - Pakistan–Afghanistan border securty after 2021",
            None,
            Some("Siddiqa"),
        );
        assert!(matches!(
            idx.find(&fuzzy_no_year),
            DedupMatch::None | DedupMatch::Near { .. }
        ));
    }

    #[test]
    fn typo_in_the_first_word_still_merges() {
        let mut idx = DedupIndex::new();
        let a = work(
            "a",
            "Landscape economic: the actors, challenges and opportunities",
            Some(2022),
            Some("Khan"),
        );
        assert_eq!(idx.insert_unless_duplicate(&a), DedupMatch::None);
        let b = work(
            "b",
            "Landscap economic the actors challenges and opportunities",
            Some(2022),
            Some("Khan"),
        );
        assert!(
            strsim::jaro_winkler(
                "landscape economic the actors challenges and opportunities",
                "landscap economic the actors challenges and opportunities"
            ) < 0.93
        );
        assert!(
            matches!(idx.insert_unless_duplicate(&b), DedupMatch::Duplicate { ref id, .. } if id == "a")
        );
        assert_eq!(idx.len(), 1);
    }

    #[test]
    fn a_work_without_a_year_is_compared_with_every_year() {
        let title =
            "Using implementation intentions to teach practitioners: changing practice behaviors";
        let variant =
            "Using implementation intentions to teach practitioners: changing practice behaviours.";
        for (held, incoming) in [(None, None), (Some(2009), None), (None, Some(2009))] {
            let mut index = DedupIndex::new();
            index.insert(&work("other", "Using checklists", Some(1990), None));
            index.insert(&work("a", title, held, None));
            index.insert(&work("later", "Using checklists again", Some(2024), None));
            // A spelling variant without a year: listed, not merged.
            match index.find(&work("b", variant, incoming, None)) {
                DedupMatch::Near { id, .. } => assert_eq!(id, "a"),
                other => panic!("{held:?} / {incoming:?}: {other:?}"),
            }
            // The same title is the same work.
            assert!(matches!(
                index.find(&work("c", title, incoming, None)),
                DedupMatch::Duplicate { .. }
            ));
        }
    }

    #[test]
    fn near_duplicates_between_thresholds() {
        let mut idx = DedupIndex::new();
        idx.insert(&work(
            "a",
            "Border trade and security in Khyber",
            Some(2022),
            Some("Khan"),
        ));
        let near = work(
            "b",
            "Border Trade and Insecurity in the Khyber Region",
            Some(2022),
            Some("Khan"),
        );
        match idx.find(&near) {
            DedupMatch::Near { id, similarity } => {
                assert_eq!(id, "a");
                assert!(
                    (NEAR_SIMILARITY..DUPLICATE_SIMILARITY).contains(&similarity),
                    "{similarity}"
                );
            }
            other => panic!("expected near, got {other:?}"),
        }
    }

    #[test]
    fn titles_of_one_pattern_about_different_things_are_not_near() {
        let mut idx = DedupIndex::new();
        for (id, title) in [
            ("pk", "Pakistan (Wikipedia lead summary)"),
            ("hpk", "History of Pakistan (Wikipedia lead summary)"),
        ] {
            idx.insert(&work(id, title, Some(2024), Some("Wikipedia")));
        }
        for title in [
            "Afghanistan (Wikipedia lead summary)",
            "Peshawar (Wikipedia lead summary)",
            "History of Afghanistan (Wikipedia lead summary)",
        ] {
            let other = work("x", title, Some(2024), Some("Wikipedia"));
            assert_eq!(idx.find(&other), DedupMatch::None, "{title}");
        }
        // An added subtitle or a changed article is still worth a look.
        let subtitled = work(
            "y",
            "History of Pakistan and its neighbours (Wikipedia lead summary)",
            Some(2024),
            Some("Wikipedia"),
        );
        let found = idx.find(&subtitled);
        assert!(matches!(found, DedupMatch::Near { .. }), "{found:?}");
    }

    #[test]
    fn statements_of_one_speaker_on_different_days_are_not_near() {
        let mut idx = DedupIndex::new();
        let mut april = work(
            "apr",
            "Remarks by President Biden on the Way Forward in Afghanistan",
            Some(2021),
            Some("Biden"),
        );
        april.date = Some("2021-04-14".into());
        idx.insert(&april);
        let mut august = work(
            "aug",
            "Remarks by President Biden on Afghanistan",
            Some(2021),
            Some("Biden"),
        );
        august.date = Some("2021-08-16".into());
        assert_eq!(idx.find(&august), DedupMatch::None);
        august.date = None;
        assert!(matches!(idx.find(&august), DedupMatch::Near { .. }));
    }

    #[test]
    fn numbered_works_of_a_series_are_neither_merged_nor_near() {
        let mut idx = DedupIndex::new();
        idx.insert(&work(
            "a",
            "Statement by Pakistan in the General Debate of the 74th session",
            Some(2019),
            Some("Khan"),
        ));
        let next = work(
            "b",
            "Statement by Pakistan in the General Debate of the 75th session",
            Some(2019),
            Some("Khan"),
        );
        assert!(
            matches!(idx.find(&next), DedupMatch::None),
            "{:?}",
            idx.find(&next)
        );
    }

    #[test]
    fn a_bibliographic_record_outranks_what_was_read_off_a_pdf() {
        let mut pdf = work(
            "pdf-id",
            "FITTING LINEAR MIXED-EFFECTS MODELS",
            None,
            Some("Bates"),
        );
        pdf.doi = Some("10.18637/jss.v067.i01".into());
        pdf.abstract_text = Some("Maximum likelihood or restricted maximum likelihood …".into());
        pdf.provenance = vec![quire_model::Provenance {
            file: "sources/lme4.PDF".into(),
            line: Some(1),
            record: None,
        }];
        let mut bib = work(
            "bates2015",
            "Fitting Linear Mixed-Effects Models Using lme4",
            Some(2015),
            Some("Bates"),
        );
        bib.container = Some("Journal of Statistical Software".into());
        bib.provenance = vec![quire_model::Provenance {
            file: "sources/refs.bib".into(),
            line: Some(3),
            record: Some("bates2015".into()),
        }];
        let mut held = pdf.clone();
        merge_into(&mut held, bib.clone());
        assert_eq!(held.id, "pdf-id", "the id already stored stays");
        assert_eq!(held.title, "Fitting Linear Mixed-Effects Models Using lme4");
        assert_eq!(held.year, Some(2015));
        assert_eq!(
            held.container.as_deref(),
            Some("Journal of Statistical Software")
        );
        assert_eq!(held.doi, pdf.doi, "the PDF's fields fill the gaps");
        assert!(held.abstract_text.is_some());
        assert_eq!(held.provenance.len(), 2);
        // The other way round nothing changes rank: the record stays first.
        let mut held = bib.clone();
        merge_into(&mut held, pdf);
        assert_eq!(held.title, bib.title);
        assert_eq!(held.id, "bates2015");
    }

    #[test]
    fn merge_fills_and_unions() {
        let mut a = work("a", "T", Some(2021), Some("Khan"));
        a.keywords = vec!["Border".into()];
        a.provenance = vec![quire_model::Provenance {
            file: "a.bib".into(),
            line: Some(1),
            record: None,
        }];
        let mut b = work("b", "T", Some(2021), Some("Khan"));
        b.doi = Some("10.1234/x".into());
        b.keywords = vec!["border".into(), "TTP".into()];
        b.abstract_text = Some("Longer abstract".into());
        b.provenance = vec![quire_model::Provenance {
            file: "b.ris".into(),
            line: Some(9),
            record: None,
        }];
        merge_into(&mut a, b);
        assert_eq!(a.doi.as_deref(), Some("10.1234/x"));
        assert_eq!(a.keywords, vec!["Border", "TTP"]);
        assert_eq!(a.provenance.len(), 2);
        assert_eq!(a.id, "a");
    }
}
