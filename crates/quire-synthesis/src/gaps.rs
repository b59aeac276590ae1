//! Knowledge gaps: where the evidence is thin (category × year and
//! category × source-type matrices, with the thin cells called out in
//! words) and where the sources themselves say something is not known.

use crate::corpus::Corpus;
use crate::types::{CountMatrix, GapStatement, Gaps, ThinCell};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use quire_model::SourceType;
use std::collections::HashSet;

/// Phrases with which a source states a gap in knowledge (with
/// `CUES_NEEDING_A_NEED`, which state one only beside a word of need).
pub const GAP_CUES: &[&str] = &[
    "further research is needed",
    "further research is required",
    "more research is needed",
    "remains unclear",
    "remain unclear",
    "it is unclear",
    "is not clear",
    "remains to be seen",
    "little is known",
    "less is known",
    "lack of data",
    "lack of reliable data",
    "lack of reliable",
    "no reliable data",
    "limited data",
    "insufficient data",
    "data are scarce",
    "data is scarce",
    "scarcity of data",
    "not well understood",
    "poorly understood",
    "under-researched",
    "under-studied",
    "understudied",
    "knowledge gap",
    "gap in the literature",
    "gaps in the literature",
    "received little attention",
    "has been overlooked",
    "open question",
    "remains unknown",
    "remain unknown",
    "largely unknown",
    "difficult to verify",
    "cannot be verified",
    "could not be verified",
    "limited evidence",
    "evidence is limited",
    "evidence is lacking",
    "evidence is scarce",
];
/// Cues that also speak of study as schooling, of plans or of an inquiry
/// under way ("further studies in the digital fields", "we will do more
/// research", "after further investigation, police"): they state a gap
/// only in a sentence that says it is needed ("should be further
/// investigated").
const CUES_NEEDING_A_NEED: &[&str] = &[
    "further research",
    "more research",
    "further study",
    "further studies",
    "more evidence",
    "further investigation",
    "further investigated",
    "further evaluation",
    "further evaluated",
    "further exploration",
    "further explored",
];
/// Words that say research is wanted.
const NEED_WORDS: &[&str] = &[
    "need",
    "needs",
    "needed",
    "require",
    "requires",
    "required",
    "warrant",
    "warrants",
    "warranted",
    "necessary",
    "should",
    "must",
    "merit",
    "merits",
    "deserve",
    "deserves",
    "call",
    "calls",
];

/// Years shown one by one before older ones are pooled.
const MAX_YEAR_COLUMNS: i32 = 40;
/// At most this many gap statements are listed.
const MAX_STATED: usize = 100;

pub fn gaps(corpus: &Corpus) -> Gaps {
    let years = YearColumns::new(corpus);
    let by_year = count_matrix(corpus, &years.labels, |w| {
        years.column(corpus.works[w].year)
    });
    let types = source_type_columns(corpus);
    let by_source_type = count_matrix(corpus, &types, |w| {
        types
            .iter()
            .position(|t| t == corpus.source_types[w].as_str())
            .unwrap_or(0)
    });
    let mut thin_cells = primary_gaps(corpus);
    thin_cells.extend(secondary_gaps(corpus));
    thin_cells.extend(year_gaps(corpus, &years, &by_year));
    // An empty category is one gap, not one per year and source type.
    let empty = empty_categories(corpus);
    thin_cells.retain(|t| !empty.iter().any(|e| e.category == t.category));
    thin_cells.splice(0..0, empty);
    Gaps {
        by_year,
        by_source_type,
        thin_cells,
        stated: stated_gaps(corpus),
    }
}

/// "No included work speaks to X": a category of the framework with no
/// passage coded, the plainest gap of all. When nothing at all is coded,
/// one sentence says so instead (the terms may not fit the corpus).
fn empty_categories(corpus: &Corpus) -> Vec<ThinCell> {
    if corpus.works.is_empty() {
        return Vec::new();
    }
    let empty: Vec<usize> = (0..corpus.coded.len())
        .filter(|&c| corpus.coded[c].is_empty())
        .collect();
    if empty.len() == corpus.coded.len() && !empty.is_empty() {
        return vec![ThinCell {
            category: String::new(),
            column: "all".into(),
            works: 0,
            sentence: format!(
                "No passage of {} is coded with any category of the framework: check that the categories' terms are the corpus's words.",
                match corpus.works.len() {
                    1 => "the one included work".to_string(),
                    n => format!("the {n} included works"),
                }
            ),
        }];
    }
    empty
        .into_iter()
        .map(|c| ThinCell {
            category: corpus.category_id(c).to_string(),
            column: "all".into(),
            works: 0,
            sentence: format!(
                "No included work speaks to {}: none of their passages is coded with it.",
                corpus.category_label(c)
            ),
        })
        .collect()
}

/// Year columns: every year from the protocol's first recent year (or the
/// earliest year) to the latest, so that empty years show; older years pooled into "before Y"; "n.d." for undated.
pub struct YearColumns {
    pub labels: Vec<String>,
    first: i32,
    last: i32,
    before: bool,
}

impl YearColumns {
    pub fn new(corpus: &Corpus) -> YearColumns {
        let known: Vec<i32> = corpus.works.iter().filter_map(|w| w.year).collect();
        let (min, max) = (
            known.iter().copied().min().unwrap_or(0),
            known.iter().copied().max().unwrap_or(-1),
        );
        let recent = corpus.protocol.selection.years.and_then(|r| r.from);
        // The protocol's recent period is shown in full, even its empty
        // years; at most MAX_YEAR_COLUMNS years are shown one by one.
        let first = recent.unwrap_or(min).max(max - MAX_YEAR_COLUMNS);
        let before = known.iter().any(|&y| y < first);
        let undated = corpus.works.iter().any(|w| w.year.is_none());
        let mut labels = Vec::new();
        if before {
            labels.push(format!("before {first}"));
        }
        labels.extend((first..=max).map(|y| y.to_string()));
        if undated {
            labels.push("n.d.".into());
        }
        YearColumns {
            labels,
            first,
            last: max,
            before,
        }
    }

    pub fn column(&self, year: Option<i32>) -> usize {
        let offset = usize::from(self.before);
        match year {
            None => self.labels.len().saturating_sub(1),
            Some(y) if y < self.first => 0,
            Some(y) => offset + (y.min(self.last) - self.first) as usize,
        }
    }

    /// (column, year) of the year-by-year columns.
    fn years(&self) -> impl Iterator<Item = (usize, i32)> + '_ {
        let offset = usize::from(self.before);
        (self.first..=self.last)
            .enumerate()
            .map(move |(i, y)| (i + offset, y))
    }
}

/// Rows: categories; `column_of` maps a work index to its column.
pub fn count_matrix(
    corpus: &Corpus,
    columns: &[String],
    column_of: impl Fn(usize) -> usize,
) -> CountMatrix {
    let width = columns.len();
    let mut passages = vec![vec![0; width]; corpus.coded.len()];
    let mut works = vec![vec![0; width]; corpus.coded.len()];
    for (c, list) in corpus.coded.iter().enumerate() {
        let mut seen = HashSet::new();
        for k in list {
            let w = corpus.passage_work[k.passage];
            let col = column_of(w);
            if col >= width {
                continue;
            }
            passages[c][col] += 1;
            if seen.insert(w) {
                works[c][col] += 1;
            }
        }
    }
    CountMatrix {
        rows: (0..corpus.coded.len())
            .map(|c| corpus.category_id(c).to_string())
            .collect(),
        columns: columns.to_vec(),
        works,
        passages,
    }
}

fn source_type_columns(corpus: &Corpus) -> Vec<String> {
    let mut cols = vec!["primary".to_string(), "secondary".to_string()];
    if corpus.source_types.contains(&SourceType::Unknown) {
        cols.push("unknown".into());
    }
    cols
}

/// "No primary source on X" / "No primary source on X after 2022", each
/// against what the corpus holds: a category is called out when its
/// primary sources stop before the corpus's own do (if the corpus has
/// none at all, that is said once).
fn primary_gaps(corpus: &Corpus) -> Vec<ThinCell> {
    let is_primary = |w: &usize| corpus.source_types[*w] == SourceType::Primary;
    let corpus_last = (0..corpus.works.len())
        .filter(is_primary)
        .filter_map(|w| corpus.works[w].year)
        .max();
    if !(0..corpus.works.len()).any(|w| is_primary(&w)) {
        return vec![ThinCell {
            category: String::new(),
            column: "primary".into(),
            works: 0,
            sentence: "The corpus has no primary source.".into(),
        }];
    }
    let mut out = Vec::new();
    for (c, list) in corpus.coded.iter().enumerate() {
        let primary: HashSet<usize> = list
            .iter()
            .map(|k| corpus.passage_work[k.passage])
            .filter(is_primary)
            .collect();
        let label = corpus.category_label(c);
        let last = primary.iter().filter_map(|&w| corpus.works[w].year).max();
        let (column, sentence) = match (last, corpus_last) {
            _ if primary.is_empty() => (
                "primary".to_string(),
                format!("No primary source on {label}."),
            ),
            (Some(y), Some(all)) if y < all => (
                format!("primary after {y}"),
                format!(
                    "No primary source on {label} after {y} (the corpus has primary sources up to {all})."
                ),
            ),
            _ => continue,
        };
        out.push(ThinCell {
            category: corpus.category_id(c).to_string(),
            column,
            works: 0,
            sentence,
        });
    }
    out
}

/// "No secondary source on X": a category whose evidence rests on
/// primary sources alone has statements but no analysis of them — worth
/// saying when the corpus has analyses of other categories (a corpus
/// with none at all is told so once). A category coded in fewer than two
/// works is too thin to be judged this way.
fn secondary_gaps(corpus: &Corpus) -> Vec<ThinCell> {
    let is_secondary = |w: usize| corpus.source_types[w] == SourceType::Secondary;
    if !(0..corpus.works.len()).any(is_secondary) {
        if corpus.coded.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        return vec![ThinCell {
            category: String::new(),
            column: "secondary".into(),
            works: 0,
            sentence: "The corpus has no secondary source: every category rests on primary sources alone, with no analysis of them.".into(),
        }];
    }
    let mut out = Vec::new();
    for (c, list) in corpus.coded.iter().enumerate() {
        let works: HashSet<usize> = list
            .iter()
            .map(|k| corpus.passage_work[k.passage])
            .collect();
        if works.len() < 2 || works.iter().any(|&w| is_secondary(w)) {
            continue;
        }
        let label = corpus.category_label(c);
        let unknown = works
            .iter()
            .filter(|&&w| corpus.source_types[w] == SourceType::Unknown)
            .count();
        let rest = if unknown == 0 {
            format!("all {} of its works are primary sources", works.len())
        } else {
            format!(
                "of its {} works, {} are primary sources and {unknown} unclassified",
                works.len(),
                works.len() - unknown
            )
        };
        out.push(ThinCell {
            category: corpus.category_id(c).to_string(),
            column: "secondary".into(),
            works: 0,
            sentence: format!("No secondary source on {label}: {rest}."),
        });
    }
    out
}

/// A year is judged per category only when the corpus has at least this
/// many works from it: in a year with one work every category is thin,
/// which says nothing about the category.
const YEAR_WORKS_TO_JUDGE: usize = 3;

/// Years from which the corpus has no work at all (said once, runs
/// pooled: "2019–2020"); then, per category, years with enough works in
/// the corpus (encyclopedia entries not counted) of which none or one is
/// on the category.
fn year_gaps(corpus: &Corpus, years: &YearColumns, matrix: &CountMatrix) -> Vec<ThinCell> {
    let mut totals = vec![0usize; years.labels.len()];
    // An encyclopedia entry's year is that of the revision read, not of a
    // finding: a year is judged by its other works.
    let mut judged_by = vec![0usize; years.labels.len()];
    for w in corpus.works.iter() {
        let col = years.column(w.year);
        if let Some(t) = totals.get_mut(col) {
            *t += 1;
        }
        if w.kind != quire_model::WorkKind::Encyclopedia {
            if let Some(t) = judged_by.get_mut(col) {
                *t += 1;
            }
        }
    }
    let mut out = Vec::new();
    let pool =
        |run: &mut Vec<i32>, out: &mut Vec<ThinCell>, category: &str, label: Option<&str>| {
            if let (Some(&a), Some(&b)) = (run.first(), run.last()) {
                let span = if a == b {
                    a.to_string()
                } else {
                    format!("{a}\u{2013}{b}")
                };
                let sentence = match label {
                    Some(label) => format!("No work on {label} in {span}."),
                    None => format!("The corpus has no work from {span}."),
                };
                out.push(ThinCell {
                    category: category.to_string(),
                    column: span,
                    works: 0,
                    sentence,
                });
            }
            run.clear();
        };
    let mut empty: Vec<i32> = Vec::new();
    for (col, year) in years.years() {
        if totals[col] == 0 {
            empty.push(year);
        } else {
            pool(&mut empty, &mut out, "", None);
        }
    }
    pool(&mut empty, &mut out, "", None);
    for c in 0..corpus.coded.len() {
        let label = corpus.category_label(c);
        let id = corpus.category_id(c);
        for (col, year) in years.years() {
            let judged = judged_by[col] >= YEAR_WORKS_TO_JUDGE;
            match matrix.works[c][col] {
                0 if judged => empty.push(year),
                1 if judged => {
                    pool(&mut empty, &mut out, id, Some(label));
                    out.push(ThinCell {
                        category: id.to_string(),
                        column: year.to_string(),
                        works: 1,
                        sentence: format!(
                            "Only 1 of the corpus's {} works from {year} is on {label}.",
                            totals[col]
                        ),
                    });
                }
                _ => pool(&mut empty, &mut out, id, Some(label)),
            }
        }
        pool(&mut empty, &mut out, id, Some(label));
    }
    out
}

/// Sentences that state a gap, once each, with the categories of their
/// passage.
fn stated_gaps(corpus: &Corpus) -> Vec<GapStatement> {
    let Ok(automaton) = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(GAP_CUES.iter().chain(CUES_NEEDING_A_NEED))
    else {
        return Vec::new();
    };
    let check: &AhoCorasick = &automaton;
    let actors = crate::mentions::ActorMatcher::new(&corpus.protocol.actors);
    let keywords: Vec<String> = corpus
        .protocol
        .review
        .keywords
        .iter()
        .map(|k| k.to_lowercase())
        .collect();
    let on_subject = |sentence: &str| {
        let lower = sentence.to_lowercase();
        keywords.iter().any(|k| lower.contains(k.as_str())) || !actors.find(sentence).is_empty()
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for p in 0..corpus.passages.len() {
        for s in 0..corpus.sentences[p].len() {
            let sentence = corpus.sentence(p, s);
            let cue = check
                .find_iter(sentence)
                .find(|m| crate::text::at_word_boundary(sentence, m.start(), m.end()));
            let Some(m) = cue else { continue };
            let cue_text = sentence[m.start()..m.end()].to_lowercase();
            if CUES_NEEDING_A_NEED.contains(&cue_text.as_str()) && !says_needed(sentence) {
                continue;
            }
            // "It is not clear cut" is a judgement, not an unknown.
            let after = sentence[m.end()..].trim_start_matches([' ', '-']);
            if cue_text.ends_with("clear") && after.to_lowercase().starts_with("cut") {
                continue;
            }
            // "a globalization that, if poorly understood, will …": a
            // condition, not a state of knowledge.
            if is_conditional(&sentence[..m.start()]) {
                continue;
            }
            // A passage outside the framework counts when the sentence is
            // about the review's subject (a keyword or a codebook actor):
            // an aside on a virus is no gap of a climate review.
            if corpus.categories_of[p].is_empty() && !on_subject(sentence) {
                continue;
            }
            if !seen.insert(crate::text::collapse_whitespace(sentence).to_lowercase()) {
                continue;
            }
            out.push(GapStatement {
                categories: corpus.categories_of[p]
                    .iter()
                    .map(|&c| corpus.category_id(c).to_string())
                    .collect(),
                cue: cue_text,
                source: corpus.passage_ref(p, corpus.sentence_in_context(p, s)),
            });
            if out.len() == MAX_STATED {
                return out;
            }
        }
    }
    out
}

/// The cue follows "if", "unless" or "when" within two words: "if poorly
/// understood", "unless further studied".
fn is_conditional(before: &str) -> bool {
    crate::text::words(before)
        .iter()
        .rev()
        .take(2)
        .any(|&(s, e)| {
            matches!(
                before[s..e].to_lowercase().as_str(),
                "if" | "unless" | "when"
            )
        })
}

/// "Further research is needed", "merits further study".
fn says_needed(sentence: &str) -> bool {
    crate::text::words(sentence)
        .iter()
        .any(|&(s, e)| NEED_WORDS.contains(&sentence[s..e].to_lowercase().as_str()))
}
