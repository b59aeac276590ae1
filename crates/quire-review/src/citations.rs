//! Citations inside the corpus: which works of the review cite which. A
//! reference is a DOI or an OpenAlex id (OpenAlex `referenced_works`, a
//! record's DOI list), or an entry of a full text's own bibliography as
//! written ("Khan, A. (2005). The Durand Line and the making of the
//! frontier. …"), which is matched to a work of the corpus by its title,
//! year and first author. The protocol's seminal rule counts these.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use quire_model::normalize::{doi as normalize_doi, title_key};
use quire_model::Work;
use std::collections::{HashMap, HashSet};

/// A title shorter than this (in words, or in letters) is too generic to
/// recognise a work by ("Afghanistan", "Annual report").
const MIN_TITLE_WORDS: usize = 3;
const MIN_TITLE_LETTERS: usize = 15;

/// Entries of a full text's bibliography kept as its reference list: a
/// long document's list is rarely longer; beyond it is a parsing accident.
const MAX_ENTRIES: usize = 2_000;

/// In-corpus cited-by counts per work id: how many other works of `works`
/// cite it.
pub fn citation_counts(works: &[Work]) -> HashMap<String, usize> {
    let by_id = IdIndex::new(works);
    let by_title = TitleIndex::new(works);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for citing in works {
        let mut cited: HashSet<&str> = HashSet::new();
        for reference in &citing.references {
            match by_id.find(reference) {
                Some(id) => {
                    cited.insert(id);
                }
                None => cited.extend(by_title.find(reference)),
            }
        }
        cited.remove(citing.id.as_str());
        for id in cited {
            *counts.entry(id.to_string()).or_default() += 1;
        }
    }
    counts
}

/// The entries of the reference list of a full text (under a
/// "References", "Bibliography", "Works cited" … heading), as written;
/// none when the text has no such heading.
pub fn document_bibliography(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let section = quire_cite::section::find_section(&lines);
    if section.heading_line.is_none() {
        return Vec::new();
    }
    let body: Vec<(usize, &str)> = (section.first_line..section.end_line)
        .filter_map(|i| lines.get(i).map(|l| (i + 1, *l)))
        .collect();
    quire_cite::section::split_entries(&body)
        .into_iter()
        .map(|e| e.text)
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= MIN_TITLE_LETTERS)
        .take(MAX_ENTRIES)
        .collect()
}

/// Works by DOI and OpenAlex id.
struct IdIndex<'w> {
    ids: HashMap<String, &'w str>,
}

impl<'w> IdIndex<'w> {
    fn new(works: &'w [Work]) -> IdIndex<'w> {
        let mut ids = HashMap::new();
        for w in works {
            if let Some(d) = w.doi.as_deref().and_then(normalize_doi) {
                ids.insert(d, w.id.as_str());
            }
            if let Some(oa) = &w.openalex_id {
                ids.insert(openalex_key(oa), w.id.as_str());
            }
        }
        IdIndex { ids }
    }

    fn find(&self, reference: &str) -> Option<&'w str> {
        let key = normalize_doi(reference).unwrap_or_else(|| openalex_key(reference));
        self.ids.get(&key).copied()
    }
}

/// "https://openalex.org/W123" and "W123" name the same work.
fn openalex_key(raw: &str) -> String {
    let t = raw.trim();
    t.rsplit('/').next().unwrap_or(t).to_ascii_uppercase()
}

/// Works by the words of their titles, to find them in bibliography
/// entries written in any style.
struct TitleIndex<'w> {
    automaton: Option<AhoCorasick>,
    /// Per pattern, the works with that title.
    works: Vec<Vec<&'w Work>>,
}

impl<'w> TitleIndex<'w> {
    fn new(works: &'w [Work]) -> TitleIndex<'w> {
        let mut patterns: Vec<String> = Vec::new();
        let mut by_pattern: HashMap<String, usize> = HashMap::new();
        let mut owners: Vec<Vec<&'w Work>> = Vec::new();
        for w in works {
            let key = title_key(&w.title);
            let distinctive = key.split(' ').count() >= MIN_TITLE_WORDS
                && key.chars().filter(|c| c.is_alphabetic()).count() >= MIN_TITLE_LETTERS;
            if !distinctive {
                continue;
            }
            let padded = format!(" {key} ");
            let at = *by_pattern.entry(padded.clone()).or_insert_with(|| {
                patterns.push(padded);
                owners.push(Vec::new());
                owners.len() - 1
            });
            owners[at].push(w);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        TitleIndex {
            automaton,
            works: owners,
        }
    }

    /// The works `reference` names: its words hold a work's whole title,
    /// and its year and first author's name when the work has them.
    fn find(&self, reference: &str) -> Vec<&'w str> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let key = format!(" {} ", title_key(reference));
        let mut found = Vec::new();
        for m in automaton.find_overlapping_iter(&key) {
            for w in &self.works[m.pattern().as_usize()] {
                if same_year(w, reference) && same_first_author(w, &key) {
                    found.push(w.id.as_str());
                }
            }
        }
        found
    }
}

fn same_year(work: &Work, reference: &str) -> bool {
    work.year.is_none_or(|y| {
        let year = y.to_string();
        reference.match_indices(&year).any(|(at, _)| {
            let before = reference[..at].chars().next_back();
            let after = reference[at + year.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    })
}

/// The work's first author's family name (an organisation's without a
/// leading "The") is among the reference's words.
fn same_first_author(work: &Work, reference_key: &str) -> bool {
    let Some(family) = work.first_author_family() else {
        return true;
    };
    let name = title_key(family);
    let name = name.strip_prefix("the ").unwrap_or(&name);
    name.is_empty() || reference_key.contains(&format!(" {name} "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::Person;

    fn work(id: &str, author: &str, year: i32, title: &str, references: &[&str]) -> Work {
        Work {
            id: id.into(),
            title: title.into(),
            authors: vec![Person::parse(author)],
            year: Some(year),
            references: references.iter().map(|r| r.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn bibliography_entries_cite_works_by_title_year_and_author() {
        let title = "The Durand Line and the making of the frontier";
        let works = vec![
            work("khan-2005", "Khan, Ayesha", 2005, title, &[]),
            work(
                "ali-2021",
                "Ali, B.",
                2021,
                "Border fencing after 2017",
                &["Khan, A. (2005). The Durand Line and the Making of the Frontier. Oxford University Press."],
            ),
            work(
                "iqbal-2022",
                "Iqbal, C.",
                2022,
                "Trade at Torkham",
                &["[4] A. Khan, “The Durand line and the making of the frontier,” 2005, pp. 1–20."],
            ),
            // Same title, another author or another year: not that work.
            work(
                "shah-2023",
                "Shah, D.",
                2023,
                "Refugees in Peshawar",
                &[
                    "Smith, J. (2005). The Durand Line and the making of the frontier.",
                    "Khan, A. (2015). The Durand Line and the making of the frontier.",
                ],
            ),
        ];
        let counts = citation_counts(&works);
        assert_eq!(counts.get("khan-2005"), Some(&2), "{counts:?}");
        assert_eq!(counts.len(), 1);
    }

    #[test]
    fn a_short_title_or_a_work_citing_itself_counts_nothing() {
        let works = vec![
            work("un-2021", "United Nations", 2021, "Afghanistan", &[]),
            work(
                "khan-2022",
                "Khan, A.",
                2022,
                "The long road to Doha and back",
                &[
                    "United Nations (2021). Afghanistan. New York.",
                    "Khan, A. (2022). The long road to Doha and back.",
                ],
            ),
        ];
        assert!(citation_counts(&works).is_empty());
    }

    #[test]
    fn a_full_text_bibliography_is_read_under_its_heading_only() {
        let text = "# Border trade\n\nTrade at Torkham grew (Khan, 2005).\n\n## References\n\n\
                    Khan, A. (2005). The Durand Line and the making of the frontier. Oxford.\n\
                    Ali, B. (2021). Border fencing after 2017. Lahore.\n";
        assert_eq!(
            document_bibliography(text),
            [
                "Khan, A. (2005). The Durand Line and the making of the frontier. Oxford.",
                "Ali, B. (2021). Border fencing after 2017. Lahore."
            ]
        );
        assert!(document_bibliography("A speech.\n\nNo list of references here.\n").is_empty());
    }
}
