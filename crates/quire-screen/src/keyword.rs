//! Protocol key terms in record text: a score used to rank records before
//! the model has anything to learn from, and the spans to highlight on
//! screen. Matching is case-insensitive on word boundaries; a trailing `*`
//! matches any word ending ("militan*"), as in the codebook.

use crate::dataset::ScreenRecord;

/// A compiled key term: its words, the last one maybe a prefix.
#[derive(Debug, Clone)]
struct Term {
    words: Vec<String>,
    prefix: bool,
}

fn compile(terms: &[String]) -> Vec<Term> {
    terms
        .iter()
        .filter_map(|t| {
            let prefix = t.trim_end().ends_with('*');
            let words: Vec<String> = t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            (!words.is_empty()).then_some(Term { words, prefix })
        })
        .collect()
}

/// Words of a text with their byte spans.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), text[s..].to_lowercase()));
    }
    out
}

fn matches_at(words: &[(usize, usize, String)], at: usize, term: &Term) -> bool {
    let n = term.words.len();
    if at + n > words.len() {
        return false;
    }
    term.words.iter().enumerate().all(|(k, w)| {
        let word = &words[at + k].2;
        if term.prefix && k == n - 1 {
            word.starts_with(w.as_str())
        } else {
            word == w
        }
    })
}

/// Byte spans of key-term matches in `text`, sorted, non-overlapping.
pub fn highlight_spans(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let terms = compile(terms);
    let words = words(text);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let hit = terms
            .iter()
            .filter(|t| matches_at(&words, i, t))
            .map(|t| t.words.len())
            .max();
        match hit {
            Some(n) => {
                spans.push((words[i].0, words[i + n - 1].1));
                i += n;
            }
            None => i += 1,
        }
    }
    spans
}

/// Per record: the number of distinct key terms it mentions, plus a small
/// share for repeats; 0 for all records when there are no key terms.
pub fn key_term_scores(records: &[ScreenRecord], terms: &[String]) -> Vec<f32> {
    let compiled = compile(terms);
    records
        .iter()
        .map(|r| {
            let words = words(&r.text());
            compiled
                .iter()
                .map(|t| {
                    let hits = (0..words.len())
                        .filter(|&i| matches_at(&words, i, t))
                        .count();
                    if hits == 0 {
                        0.0
                    } else {
                        1.0 + (hits as f32).ln() * 0.1
                    }
                })
                .sum()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_words_phrases_and_prefixes() {
        let text = "Militants crossed the Durand Line; militancy rose.";
        let terms = vec!["militan*".to_string(), "durand line".to_string()];
        let spans = highlight_spans(text, &terms);
        let got: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(got, vec!["Militants", "Durand Line", "militancy"]);
    }

    #[test]
    fn scores_rank_records_that_mention_terms() {
        let rec = |t: &str| ScreenRecord {
            title: t.into(),
            ..Default::default()
        };
        let records = vec![rec("trade policy"), rec("border security and border trade")];
        let s = key_term_scores(&records, &["border".into(), "security".into()]);
        assert_eq!(s[0], 0.0);
        assert!(s[1] > 2.0);
    }
}
