//! Codebook term matching: every key term of every category compiled into
//! Aho–Corasick automata and found in one pass over a passage.
//!
//! Matching follows the codebook's documented rules: case-insensitive, on
//! word boundaries, a trailing `*` matches any word ending ("militan*").
//! Two refinements keep it honest on real text: an all-capitals term (an
//! acronym such as "US" or "SCO") matches only in capitals, so "US" does
//! not fire on "us"; and a term written with a hyphen or a space also
//! matches the other spellings ("al Qaeda", "al-Qaeda", "alQaeda").
//! Plain lower-case words also match their regular plural.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use quire_model::normalize::continues_word;
use quire_model::Category;

use crate::CodeError;

/// One key term as the codebook writes it.
#[derive(Debug, Clone)]
pub struct Term {
    /// As written, without the wildcard star.
    pub text: String,
    /// Indices of the categories that list it.
    pub categories: Vec<usize>,
    pub words: usize,
    pub wildcard: bool,
}

/// A term found in a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub term: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct TermMatcher {
    pub terms: Vec<Term>,
    folded: Option<AhoCorasick>,
    folded_terms: Vec<usize>,
    exact: Option<AhoCorasick>,
    exact_terms: Vec<usize>,
}

impl TermMatcher {
    pub fn new(categories: &[Category]) -> Result<TermMatcher, CodeError> {
        let mut terms: Vec<Term> = Vec::new();
        for (ci, cat) in categories.iter().enumerate() {
            for raw in &cat.terms {
                let wildcard = raw.trim().ends_with('*');
                let text = raw.trim().trim_end_matches('*').trim().to_string();
                if text.is_empty() {
                    continue;
                }
                match terms
                    .iter_mut()
                    .find(|t| t.wildcard == wildcard && t.text.eq_ignore_ascii_case(&text))
                {
                    Some(t) if !t.categories.contains(&ci) => t.categories.push(ci),
                    Some(_) => {}
                    None => terms.push(Term {
                        words: text.split([' ', '-']).filter(|w| !w.is_empty()).count(),
                        text,
                        categories: vec![ci],
                        wildcard,
                    }),
                }
            }
        }
        let mut folded_pats = Vec::new();
        let mut folded_terms = Vec::new();
        let mut exact_pats = Vec::new();
        let mut exact_terms = Vec::new();
        for (ti, t) in terms.iter().enumerate() {
            let acronym = is_acronym(&t.text);
            for v in spellings(&t.text, t.wildcard, acronym) {
                if acronym {
                    exact_pats.push(v);
                    exact_terms.push(ti);
                } else {
                    folded_pats.push(v.to_ascii_lowercase());
                    folded_terms.push(ti);
                }
            }
        }
        let build = |pats: &[String], fold: bool| -> Result<Option<AhoCorasick>, CodeError> {
            if pats.is_empty() {
                return Ok(None);
            }
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(fold)
                .match_kind(MatchKind::Standard)
                .build(pats)
                .map(Some)
                .map_err(|e| CodeError::Codebook(format!("cannot compile the key terms: {e}")))
        };
        Ok(TermMatcher {
            folded: build(&folded_pats, true)?,
            exact: build(&exact_pats, false)?,
            terms,
            folded_terms,
            exact_terms,
        })
    }

    /// All term occurrences on word boundaries. An occurrence inside a
    /// longer one is dropped, whatever its category: the longer term is the
    /// unit that was written ("British India" is not "India", "humanitarian
    /// crisis" does not also count "humanitarian").
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (ac, map) in [
            (&self.folded, &self.folded_terms),
            (&self.exact, &self.exact_terms),
        ] {
            let Some(ac) = ac else { continue };
            for m in ac.find_overlapping_iter(text) {
                let term = map[m.pattern().as_usize()];
                if let Some(end) = self.word_end(text, m.start(), m.end(), term) {
                    hits.push(Hit {
                        term,
                        start: m.start(),
                        end,
                    });
                }
            }
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits.dedup_by_key(|h| (h.term, h.start));
        self.drop_nested(hits)
    }

    /// Where an occurrence ends if it stands on word boundaries. Next to
    /// Chinese, Japanese or Korean characters a term is a word of its own
    /// (those scripts put no space between words).
    fn word_end(&self, text: &str, start: usize, end: usize, term: usize) -> Option<usize> {
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(continues_word)
        {
            return None;
        }
        let rest = &text[end..];
        if self.terms[term].wildcard {
            let ext: usize = rest
                .chars()
                .take_while(|&c| continues_word(c))
                .map(char::len_utf8)
                .sum();
            return Some(end + ext);
        }
        (!rest.chars().next().is_some_and(continues_word)).then_some(end)
    }

    fn drop_nested(&self, hits: Vec<Hit>) -> Vec<Hit> {
        hits.iter()
            .filter(|h| {
                !hits.iter().any(|o| {
                    o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start
                })
            })
            .copied()
            .collect()
    }
}

/// "US", "SCO", "ISIS-K", "CASA-1000": two or more letters, all capitals.
fn is_acronym(term: &str) -> bool {
    let letters: Vec<char> = term.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The spellings a term matches: hyphen/space/closed variants of compounds,
/// the regular plural of a plain word (and "TTPs" for acronyms).
fn spellings(term: &str, wildcard: bool, acronym: bool) -> Vec<String> {
    let parts: Vec<&str> = term.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    let mut out = vec![term.to_string()];
    if parts.len() > 1 && parts.len() <= 3 {
        for sep in [" ", "-", ""] {
            out.push(parts.join(sep));
        }
    }
    if !wildcard && term.chars().last().is_some_and(|c| c.is_alphabetic()) {
        for v in out.clone() {
            if acronym {
                out.push(format!("{v}s"));
            } else if let Some(stem) = v
                .strip_suffix('y')
                .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
            {
                out.push(format!("{stem}ies"));
            } else if v.ends_with(['s', 'x', 'z']) || v.ends_with("ch") || v.ends_with("sh") {
                if !v.ends_with("ss") && v.ends_with('s') {
                    continue;
                }
                out.push(format!("{v}es"));
            } else {
                out.push(format!("{v}s"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coder::test_category;

    fn found(m: &TermMatcher, text: &str) -> Vec<String> {
        m.find(text)
            .iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn word_boundaries_case_and_wildcards() {
        let m = TermMatcher::new(&[test_category(
            "t",
            &["terror", "militan*", "safe haven", "US"],
        )])
        .unwrap();
        assert_eq!(
            found(&m, "Terrorist militants and Militancy found safe havens; terror in the US, not for us."),
            vec!["militants", "Militancy", "safe havens", "terror", "US"]
        );
    }

    #[test]
    fn terms_in_scripts_without_spaces_are_found_inside_a_run() {
        let m = TermMatcher::new(&[test_category("t", &["恐怖主义", "TTP"])]).unwrap();
        assert_eq!(
            found(&m, "恐怖主义威胁仍然存在，TTP的袭击增加。"),
            vec!["恐怖主义", "TTP"]
        );
    }

    #[test]
    fn compound_spellings_and_nesting() {
        let m = TermMatcher::new(&[
            test_category("t", &["al Qaeda", "counter-terrorism"]),
            test_category("c", &["humanitarian", "humanitarian crisis", "crisis"]),
        ])
        .unwrap();
        assert_eq!(
            found(
                &m,
                "al-Qaeda, Al Qaeda and counterterrorism; a humanitarian crisis."
            ),
            vec![
                "al-Qaeda",
                "Al Qaeda",
                "counterterrorism",
                "humanitarian crisis"
            ]
        );
    }

    #[test]
    fn a_longer_term_of_another_category_hides_the_shorter() {
        let m = TermMatcher::new(&[
            test_category("h", &["British India"]),
            test_category("r", &["India"]),
        ])
        .unwrap();
        assert_eq!(
            found(&m, "British India and India"),
            vec!["British India", "India"]
        );
    }

    #[test]
    fn a_term_shared_by_categories_is_one_term() {
        let m = TermMatcher::new(&[
            test_category("a", &["border"]),
            test_category("b", &["Border"]),
        ])
        .unwrap();
        assert_eq!(m.terms.len(), 1);
        assert_eq!(m.terms[0].categories, vec![0, 1]);
    }
}
