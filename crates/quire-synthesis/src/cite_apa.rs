//! APA (7th edition) in-text citations of works: "(Khan, 2021)",
//! "(Khan & Ali, 2021)", "(Khan et al., 2021)", "(United Nations, n.d.)",
//! with "2021a"/"2021b" when two works would otherwise cite the same.
//!
//! Only the in-text form lives here; the reference list is rendered through
//! CSL by `quire-report`.

use quire_model::{Person, Work};
use std::collections::HashMap;

/// The author part of an APA in-text citation, and the year part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// "Khan", "Khan & Ali", "Khan et al.", "United Nations", or the
    /// shortened title in quotes when there is no author.
    pub authors: String,
    /// "Khan and Ali" — the narrative form uses "and", not "&".
    pub authors_narrative: String,
    /// "2021", "2021a", "n.d."
    pub year: String,
}

impl Citation {
    /// "(Khan & Ali, 2021)"
    pub fn parenthetical(&self) -> String {
        format!("({}, {})", self.authors, self.year)
    }

    /// "Khan and Ali (2021)"
    pub fn narrative(&self) -> String {
        format!("{} ({})", self.authors_narrative, self.year)
    }
}

/// The citation of one work, without year suffixes.
pub fn cite(work: &Work) -> Citation {
    let names: Vec<String> = work.authors.iter().filter_map(family_name).collect();
    let (authors, authors_narrative) = match names.as_slice() {
        [] => {
            let title = short_title(&work.title);
            (title.clone(), title)
        }
        [one] => (one.clone(), one.clone()),
        [a, b] => (format!("{a} & {b}"), format!("{a} and {b}")),
        [a, ..] => (format!("{a} et al."), format!("{a} et al.")),
    };
    let year = work
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "n.d.".into());
    Citation {
        authors,
        authors_narrative,
        year,
    }
}

/// Citations of many works, with "a", "b", ... added to the year where two
/// works share authors and year. They are lettered by full date, then by
/// title: the order in which the CSL APA style (hayagriva) sorts and letters
/// the reference list, so that "2021b" in the text is "2021b" in the list.
pub fn cite_all(works: &[&Work]) -> Vec<Citation> {
    let mut cites: Vec<Citation> = works.iter().map(|w| cite(w)).collect();
    lengthen_shared_short_titles(works, &mut cites);
    let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, c) in cites.iter().enumerate() {
        groups
            .entry((c.authors.to_lowercase(), c.year.clone()))
            .or_default()
            .push(i);
    }
    for mut members in groups.into_values().filter(|g| g.len() > 1) {
        members.sort_by(|&a, &b| {
            let key = |i: usize| {
                (
                    works[i].date.clone().unwrap_or_default(),
                    quire_model::normalize::title_key(&works[i].title),
                )
            };
            key(a).cmp(&key(b)).then(works[a].id.cmp(&works[b].id))
        });
        for (n, &i) in members.iter().enumerate() {
            let suffix = year_suffix(n);
            let year = &mut cites[i].year;
            *year = match year.as_str() {
                "n.d." => format!("n.d.-{suffix}"),
                y => format!("{y}{suffix}"),
            };
        }
    }
    cites
}

/// a, b, ..., z, aa, ab, ...
fn year_suffix(n: usize) -> String {
    let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
    if n < 26 {
        letter(n).to_string()
    } else {
        format!("{}{}", letter(n / 26 - 1), letter(n))
    }
}

/// The family name as cited: organisations by their full name; any
/// parenthetical remark ("Sharif (Prime Minister") dropped.
fn family_name(person: &Person) -> Option<String> {
    let family = person.family.split('(').next().unwrap_or("").trim();
    let name = if family.is_empty() {
        person.given.as_deref().unwrap_or("").trim()
    } else {
        family
    };
    (!name.is_empty()).then(|| name.to_string())
}

/// APA cites an authorless work by the first few words of its title, in
/// double quotes.
fn short_title(title: &str) -> String {
    short_title_of(title, SHORT_TITLE_WORDS)
}

/// Words of a title an authorless work is cited by, at first.
const SHORT_TITLE_WORDS: usize = 4;

/// The first `n` words of a title, quoted, with "…" when there are more.
fn short_title_of(title: &str, n: usize) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.is_empty() {
        return "\u{201c}Untitled\u{201d}".into();
    }
    let head = words[..words.len().min(n)].join(" ");
    let head = head.trim_end_matches([':', ',', '.', ';']);
    let ellipsis = if words.len() > n { "…" } else { "" };
    format!("\u{201c}{head}{ellipsis}\u{201d}")
}

/// Authorless works of one year whose titles open with the same words ("A
/// Survey of Software…") are cited by more of their titles until they
/// differ, as a reader would write them; only works whose titles are the
/// same throughout are told apart by letters after the year.
fn lengthen_shared_short_titles(works: &[&Work], cites: &mut [Citation]) {
    let authorless: Vec<usize> = (0..works.len())
        .filter(|&i| cite_has_no_author(works[i]))
        .collect();
    let mut words: HashMap<usize, usize> =
        authorless.iter().map(|&i| (i, SHORT_TITLE_WORDS)).collect();
    loop {
        let mut groups: HashMap<(String, &str), Vec<usize>> = HashMap::new();
        for &i in &authorless {
            let key = short_title_of(&works[i].title, words[&i]).to_lowercase();
            groups
                .entry((key, cites[i].year.as_str()))
                .or_default()
                .push(i);
        }
        let mut longer = false;
        for members in groups.values().filter(|g| g.len() > 1) {
            for &i in members {
                let n = words.entry(i).or_insert(SHORT_TITLE_WORDS);
                if *n < works[i].title.split_whitespace().count() {
                    *n += 1;
                    longer = true;
                }
            }
        }
        if !longer {
            break;
        }
    }
    for i in authorless {
        let title = short_title_of(&works[i].title, words[&i]);
        cites[i].authors_narrative = title.clone();
        cites[i].authors = title;
    }
}

fn cite_has_no_author(work: &Work) -> bool {
    work.authors.iter().filter_map(family_name).next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(id: &str, authors: &[&str], year: Option<i32>) -> Work {
        Work {
            id: id.into(),
            title: format!("Title of {id}"),
            authors: authors.iter().map(|a| Person::parse(a)).collect(),
            year,
            ..Default::default()
        }
    }

    #[test]
    fn authorless_works_sharing_their_first_words_are_cited_by_more_of_them() {
        let titled = |id: &str, title: &str| Work {
            id: id.into(),
            title: title.into(),
            ..Default::default()
        };
        let works = [
            titled("a", "A Survey of Software Testing Methods"),
            titled("b", "A survey of software maintenance in industry"),
            titled("c", "Border trade after 2021"),
            titled("d", "Same title twice"),
            titled("e", "Same title twice"),
        ];
        let refs: Vec<&Work> = works.iter().collect();
        let cites: Vec<String> = cite_all(&refs)
            .iter()
            .map(Citation::parenthetical)
            .collect();
        assert_eq!(
            cites,
            [
                "(\u{201c}A Survey of Software Testing\u{2026}\u{201d}, n.d.)",
                "(\u{201c}A survey of software maintenance\u{2026}\u{201d}, n.d.)",
                "(\u{201c}Border trade after 2021\u{201d}, n.d.)",
                "(\u{201c}Same title twice\u{201d}, n.d.-a)",
                "(\u{201c}Same title twice\u{201d}, n.d.-b)",
            ]
        );
    }

    #[test]
    fn apa_author_forms() {
        let one = cite(&work("a", &["Khan, Ayesha"], Some(2021)));
        assert_eq!(one.parenthetical(), "(Khan, 2021)");
        assert_eq!(one.narrative(), "Khan (2021)");
        let two = cite(&work("b", &["Khan, A.", "Ali, B."], Some(2022)));
        assert_eq!(two.parenthetical(), "(Khan & Ali, 2022)");
        assert_eq!(two.narrative(), "Khan and Ali (2022)");
        let three = cite(&work("c", &["Khan, A.", "Ali, B.", "Rashid, C."], None));
        assert_eq!(three.parenthetical(), "(Khan et al., n.d.)");
    }

    #[test]
    fn organisations_and_authorless_works() {
        let mut w = work("un", &[], Some(2023));
        w.authors = vec![Person::organisation("United Nations Security Council")];
        assert_eq!(
            cite(&w).parenthetical(),
            "(United Nations Security Council, 2023)"
        );
        let mut anon = work("x", &[], Some(2020));
        anon.title = "Afghanistan: The Road Ahead After Withdrawal".into();
        assert_eq!(
            cite(&anon).parenthetical(),
            "(\u{201c}Afghanistan: The Road Ahead…\u{201d}, 2020)"
        );
        let mut odd = work("y", &[], Some(2022));
        odd.authors = vec![Person::parse(
            "Muhammad Shehbaz Sharif (Prime Minister, Pakistan)",
        )];
        assert_eq!(cite(&odd).authors, "Muhammad Shehbaz Sharif");
    }

    #[test]
    fn same_author_and_year_get_letters() {
        let mut a = work("a", &["Khan, A."], Some(2021));
        a.title = "Borders".into();
        let mut b = work("b", &["Khan, A."], Some(2021));
        b.title = "Alliances".into();
        let c = work("c", &["Khan, A."], Some(2020));
        let cites = cite_all(&[&a, &b, &c]);
        assert_eq!(cites[0].parenthetical(), "(Khan, 2021b)");
        assert_eq!(cites[1].parenthetical(), "(Khan, 2021a)");
        assert_eq!(cites[2].parenthetical(), "(Khan, 2020)");
    }

    #[test]
    fn letters_follow_the_date_like_the_reference_list() {
        // hayagriva's APA list letters same-author-same-year works by date.
        let mut april = work("a", &["Khan, A."], Some(2021));
        april.title = "Remarks on the way forward".into();
        april.date = Some("2021-04-14".into());
        let mut june = work("b", &["Khan, A."], Some(2021));
        june.title = "Fact sheet".into();
        june.date = Some("2021-06-25".into());
        let cites = cite_all(&[&june, &april]);
        assert_eq!(cites[0].parenthetical(), "(Khan, 2021b)");
        assert_eq!(cites[1].parenthetical(), "(Khan, 2021a)");
    }
}
