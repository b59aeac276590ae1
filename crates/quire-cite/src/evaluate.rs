//! Field-level accuracy of the labeller against gold references.
//!
//! A field counts as found when the predicted segment has the same label
//! and the same text as a gold field after whitespace normalisation (exact
//! segment match; the usual metric for reference parsers). Scores are per
//! label and micro-averaged over the labels with at least `min_support`
//! gold fields, `other` excluded.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::gold::{normalize_ws, GoldReference};
use crate::labeller::Labeller;

/// True/false positive counts for one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The scores of one test set.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub per_label: BTreeMap<String, Counts>,
    pub references: usize,
    pub tokens: usize,
    pub tokens_correct: usize,
    /// References whose every field was right.
    pub exact_references: usize,
}

impl Scores {
    /// Micro-averaged counts over labels with at least `min_support` gold fields.
    pub fn overall(&self, min_support: usize) -> Counts {
        let mut total = Counts::default();
        for c in self.per_label.values().filter(|c| c.gold >= min_support) {
            total.add(*c);
        }
        total
    }

    pub fn token_accuracy(&self) -> f64 {
        ratio(self.tokens_correct, self.tokens)
    }
}

/// Score the labeller on gold references. `map_label` renames predicted and
/// gold labels into one vocabulary (identity when model and data share one)
/// and drops a label by returning None.
pub fn score(
    labeller: &Labeller,
    references: &[GoldReference],
    map_label: &dyn Fn(&str) -> Option<String>,
) -> Result<Scores> {
    let mut scores = Scores::default();
    for r in references {
        let (tokens, predicted) = labeller.label_tokens(&r.text)?;
        add_reference(&mut scores, r, &tokens, &predicted, map_label);
    }
    Ok(scores)
}

/// [`score`] for labels predicted by other means (one label per token of
/// each reference, e.g. from a stacked model): the same metric.
pub fn score_labels<L: AsRef<str>>(
    references: &[GoldReference],
    predicted: &[Vec<L>],
    map_label: &dyn Fn(&str) -> Option<String>,
) -> Scores {
    let mut scores = Scores::default();
    for (r, predicted) in references.iter().zip(predicted) {
        let (tokens, _) = r.labelled_tokens();
        add_reference(&mut scores, r, &tokens, predicted, map_label);
    }
    scores
}

/// Score one reference's predicted token labels against its gold fields.
fn add_reference<L: AsRef<str>>(
    scores: &mut Scores,
    r: &GoldReference,
    tokens: &[crate::tokenize::Token<'_>],
    predicted: &[L],
    map_label: &dyn Fn(&str) -> Option<String>,
) {
    let (_, gold_labels) = r.labelled_tokens();
    scores.tokens += tokens.len();
    scores.tokens_correct += predicted
        .iter()
        .zip(&gold_labels)
        .filter(|(p, g)| map_label(p.as_ref()) == map_label(g))
        .count();
    // Scored as the parser returns them, DOI links included.
    let mut segments = crate::labeller::group(&r.text, tokens, predicted);
    crate::labeller::relabel_doi_links(&mut segments);
    let pred: Vec<(String, String)> = segments
        .iter()
        .filter_map(|s| map_label(&s.label).map(|l| (l, normalize_ws(s.text))))
        .collect();
    let gold: Vec<(String, String)> = r
        .field_values()
        .into_iter()
        .filter_map(|(l, t)| map_label(&l).map(|l| (l, t)))
        .collect();
    let exact = tally(&mut scores.per_label, &gold, &pred);
    scores.exact_references += usize::from(exact);
    scores.references += 1;
}

/// Add one reference's matches to the per-label counts; true when the
/// prediction matched the gold fields exactly.
fn tally(
    per_label: &mut BTreeMap<String, Counts>,
    gold: &[(String, String)],
    pred: &[(String, String)],
) -> bool {
    let mut unmatched: Vec<Option<&(String, String)>> = gold.iter().map(Some).collect();
    let mut correct_all = 0;
    for g in gold {
        per_label.entry(g.0.clone()).or_default().gold += 1;
    }
    for p in pred {
        let c = per_label.entry(p.0.clone()).or_default();
        c.predicted += 1;
        if let Some(slot) = unmatched.iter_mut().find(|g| g.is_some_and(|g| g == p)) {
            *slot = None;
            c.correct += 1;
            correct_all += 1;
        }
    }
    correct_all == gold.len() && correct_all == pred.len()
}

/// The looser value-level metric used for the side-by-side with refextract
/// (`peer_refextract_results.json` in the shared data): fields author,
/// year, title, container, volume, pages, doi; values lowercased with only
/// letters and digits kept; year = its four digits; volume and pages = the
/// first number.
pub fn value_scores(
    labeller: &Labeller,
    references: &[GoldReference],
) -> Result<BTreeMap<String, Counts>> {
    let mut per_field: BTreeMap<String, Counts> = BTreeMap::new();
    for r in references {
        let gold: Vec<(String, String)> = r
            .fields
            .iter()
            .filter_map(|f| peer_value(&f.label, &f.text))
            .collect();
        let segments = labeller.segments(&r.text)?;
        let pred: Vec<(String, String)> = segments
            .iter()
            .filter_map(|s| peer_value(&s.label, s.text))
            .collect();
        tally(&mut per_field, &gold, &pred);
    }
    Ok(per_field)
}

fn peer_value(label: &str, text: &str) -> Option<(String, String)> {
    let field = match label {
        "author" => "author",
        "date" => "year",
        "title" => "title",
        "journal" | "container-title" | "booktitle" => "container",
        "volume" => "volume",
        "pages" => "pages",
        "doi" => "doi",
        _ => return None,
    };
    let alnum: String = text
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let value = match field {
        "year" => text
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 4)?
            .to_string(),
        "volume" | "pages" => text
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| !w.is_empty())?
            .to_string(),
        _ => alnum,
    };
    (!value.is_empty()).then(|| (field.to_string(), value))
}
