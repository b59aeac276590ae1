//! Citations inside the corpus: which works of the review cite which. A
//! reference is a DOI or an OpenAlex id (OpenAlex `referenced_works`, a
//! record's DOI list), or an entry of a full text's own bibliography as
//! written ("Khan, A. (2005). The Durand Line and the making of the
//! frontier. …"), which is matched to a work of the corpus by its title,
//! year and first author. The protocol's seminal rule counts these.

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
    // Only bibliography entries need titles: a corpus whose reference
    // lists are DOIs and OpenAlex ids (a million OpenAlex records) builds
    // no title index and searches none.
    let any_entries = works
        .iter()
        .any(|w| w.references.iter().any(|r| is_entry(r)));
    let by_title = any_entries.then(|| TitleIndex::new(works));
    let mut counts: HashMap<String, usize> = HashMap::new();
    for citing in works {
        let mut cited: HashSet<&str> = HashSet::new();
        for reference in &citing.references {
            if let Some(id) = by_id.find(reference) {
                cited.insert(id);
            } else if let Some(titles) = by_title.as_ref().filter(|_| is_entry(reference)) {
                cited.extend(titles.find(reference));
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

/// A full text's reference list: its bibliography's entries and its notes
/// (a report that cites in footnotes — "See Crisis Group, *Pakistan's
/// Hard Policy on Afghanistan*, 2023, p. 4." — has no bibliography).
pub fn document_references(doc: &quire_model::Document) -> Vec<String> {
    let mut references = document_bibliography(&doc.text);
    references.extend(
        quire_code::passages::notes(doc)
            .into_iter()
            .filter(|n| n.chars().filter(|c| c.is_alphabetic()).count() >= MIN_TITLE_LETTERS),
    );
    references.truncate(MAX_ENTRIES);
    references
}

/// A reference written out (authors, title, …), not an identifier: it has
/// words, and enough letters to hold a title.
fn is_entry(reference: &str) -> bool {
    reference.contains(' ')
        && reference.chars().filter(|c| c.is_alphabetic()).count() >= MIN_TITLE_LETTERS
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

/// Works by an anchor word and year, to find them in bibliography entries
/// written in any style: the anchor is the last word of the first
/// author's name ("khan", "house" for "The White House"), else the first
/// word of the title; the year is 0 for an undated work. An entry is
/// looked up by each of its words with each year it holds (and 0), then
/// checked for the work's whole title and first author: a handful of hash
/// lookups per entry, whatever the size of the corpus.
struct TitleIndex<'w> {
    by_anchor: HashMap<(String, i32), Vec<&'w Work>>,
}

impl<'w> TitleIndex<'w> {
    fn new(works: &'w [Work]) -> TitleIndex<'w> {
        let mut by_anchor: HashMap<(String, i32), Vec<&'w Work>> = HashMap::new();
        for w in works {
            let key = title_key(&w.title);
            let distinctive = key.split(' ').count() >= MIN_TITLE_WORDS
                && key.chars().filter(|c| c.is_alphabetic()).count() >= MIN_TITLE_LETTERS;
            if !distinctive {
                continue;
            }
            let author = w.first_author_family().map(title_key);
            let anchor = author
                .as_deref()
                .and_then(|a| a.rsplit(' ').next())
                .filter(|a| !a.is_empty())
                .or_else(|| key.split(' ').next())
                .unwrap_or_default()
                .to_string();
            by_anchor
                .entry((anchor, w.year.unwrap_or(0)))
                .or_default()
                .push(w);
        }
        TitleIndex { by_anchor }
    }

    /// The works `reference` names: its words hold a work's whole title,
    /// and its year and first author's name when the work has them.
    fn find(&self, reference: &str) -> Vec<&'w str> {
        let key = format!(" {} ", title_key(reference));
        let mut years: Vec<i32> = years_in(reference);
        years.push(0);
        let words: HashSet<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let mut found: Vec<&'w str> = Vec::new();
        for word in words {
            for &year in &years {
                let Some(candidates) = self.by_anchor.get(&(word.to_string(), year)) else {
                    continue;
                };
                for w in candidates {
                    let title = format!(" {} ", title_key(&w.title));
                    if key.contains(&title)
                        && same_first_author(w, &key)
                        && !found.contains(&w.id.as_str())
                    {
                        found.push(w.id.as_str());
                    }
                }
            }
        }
        found
    }
}

/// The four-digit years (1000–2199) standing alone in `text`.
fn years_in(text: &str) -> Vec<i32> {
    let b = text.as_bytes();
    let mut years = Vec::new();
    let mut at = 0;
    while at + 4 <= b.len() {
        let run = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 0 {
            at += 1;
            continue;
        }
        if run == 4 {
            if let Ok(y) = text[at..at + 4].parse::<i32>() {
                if (1000..2200).contains(&y) && !years.contains(&y) {
                    years.push(y);
                }
            }
        }
        at += run;
    }
    years
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

    #[test]
    fn a_reports_notes_are_its_references() {
        // A PDF whose page ends with notes, and a Word file's Markdown
        // notes: both cite Crisis Group's report of the corpus.
        let page = "Since the Taliban returned to Kabul, attacks by the TTP have risen.1\n\
                    Islamabad blames safe havens across the border for them.2\n\n\
                    1See International Crisis Group, Pakistan's Hard Policy on Afghanistan,\n\
                    Asia Report No. 335 (Brussels: ICG, 2023), p. 4.\n\
                    2Interview with a Pakistani official, Islamabad, March 2023.\n\n1\n";
        let pdf = quire_model::Document {
            work_id: "report".into(),
            text: page.into(),
            format: "pdf".into(),
            ..Default::default()
        };
        let word = quire_model::Document {
            work_id: "brief".into(),
            text: "Attacks have risen.[^1]\n\n## Notes\n\n[^1]: See International Crisis Group, \
                   Pakistan's Hard Policy on Afghanistan (2023).\n"
                .into(),
            format: "docx".into(),
            ..Default::default()
        };
        let cited = work(
            "icg-2023",
            "International Crisis Group",
            2023,
            "Pakistan's Hard Policy on Afghanistan",
            &[],
        );
        let mut works = vec![cited];
        for (id, doc) in [("report", &pdf), ("brief", &word)] {
            let refs = document_references(doc);
            assert!(
                refs.iter()
                    .any(|r| r.contains("Hard Policy on Afghanistan")),
                "{id}: {refs:?}"
            );
            let mut w = work(
                id,
                "Khan, A.",
                2024,
                "Border politics after the withdrawal",
                &[],
            );
            w.references = refs;
            works.push(w);
        }
        assert_eq!(citation_counts(&works).get("icg-2023"), Some(&2));
    }
}
