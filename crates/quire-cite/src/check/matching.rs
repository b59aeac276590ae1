//! Matching a citation to the reference it means: exact on folded surnames
//! and year; else fuzzy on surnames (edit distance after folding diacritics
//! and OCR confusions q/g, l/1, rn/m, 0/o) and year.

use quire_model::normalize::fold;

use super::intext::Citation;
use crate::fields::Reference;

/// How a citation relates to one reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameFit {
    None,
    Near,
    Exact,
}

/// A comparison key for a name: folded, OCR confusions collapsed, letters only.
pub fn name_key(name: &str) -> String {
    let f = fold(name)
        .replace("rn", "m")
        .replace("vv", "w")
        .replace("cl", "d");
    f.chars()
        .map(|c| match c {
            'q' => 'g',
            '1' | 'i' | '|' => 'l',
            '0' => 'o',
            '5' => 's',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The folded family names of a reference, with a fallback to the editors'
/// when the parser found no author.
pub fn reference_names(r: &Reference) -> Vec<String> {
    let mut names: Vec<String> = r.authors.iter().map(|a| fold(&a.family)).collect();
    if names.is_empty() {
        names = r.editors.iter().map(|a| fold(&a.family)).collect();
    }
    names
}

/// The start of a reference up to its year (or its "(n.d." — an
/// authorless entry's long title is all zone), or its first 120 bytes
/// (cut back to a character boundary) when it has neither. The year in
/// APA's brackets is the one looked for first: a title may hold the same
/// number ("Budget 2016. (2016).", a file name "ungdc-2016-tuv").
fn author_zone(r: &Reference) -> String {
    let text = &r.text;
    let mut cut = r
        .year
        .and_then(|y| {
            let year = y.to_string();
            text.find(&format!("({year}")).or_else(|| text.find(&year))
        })
        .or_else(|| text.find("(n.d").or_else(|| text.find("(in press")))
        .unwrap_or(text.len().min(AUTHOR_ZONE_BYTES));
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    fold(&text[..cut])
}

/// How much of a reference without a year is read as its author zone.
const AUTHOR_ZONE_BYTES: usize = 120;

/// The organisations that author works in the list, as comparison keys
/// ([`org_key`]): a literal (organisational) author, or the whole author
/// zone of an entry the parser read as one author.
pub fn organisation_names(refs: &[Reference]) -> std::collections::HashSet<String> {
    let mut names = std::collections::HashSet::new();
    for r in refs {
        names.extend(
            r.authors
                .iter()
                .filter(|a| a.literal)
                .map(|a| org_key(&a.family)),
        );
        if r.authors.len() < 2 {
            names.insert(org_key(&author_zone(r)));
        }
    }
    names
}

/// An organisation's name for comparison: folded, "&" read as "and",
/// punctuation and extra spaces dropped ("Trinidad & Tobago." →
/// "trinidad and tobago").
pub fn org_key(name: &str) -> String {
    fold(&name.replace('&', " and "))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What matching needs of one reference, folded once per check rather
/// than once per citation (a list of thousands is compared with thousands
/// of citations).
pub struct ReferenceKey {
    names: Vec<String>,
    /// [`name_key`] of each name, for the fuzzy comparison.
    keys: Vec<String>,
    zone: String,
    first_is_organisation: bool,
}

impl ReferenceKey {
    pub fn new(r: &Reference) -> ReferenceKey {
        let names = reference_names(r);
        ReferenceKey {
            keys: names.iter().map(|n| name_key(n)).collect(),
            names,
            zone: author_zone(r),
            first_is_organisation: r.authors.first().is_some_and(|a| a.literal),
        }
    }
}

/// What matching needs of one citation's names, folded once.
pub struct CitedKey {
    first: Option<(String, String)>,
    second: Option<(String, String)>,
    authors: usize,
}

impl CitedKey {
    pub fn new(c: &Citation) -> CitedKey {
        let key = |name: &String| {
            let folded = fold(name);
            let k = name_key(&folded);
            (folded, k)
        };
        CitedKey {
            first: c.authors.first().map(key),
            second: c.authors.get(1).map(key),
            authors: c.authors.len(),
        }
    }
}

/// How well the citation's first author names the reference's first
/// author (and, for two-author citations, the second).
pub fn name_fit(c: &Citation, r: &Reference) -> NameFit {
    name_fit_keyed(&CitedKey::new(c), &ReferenceKey::new(r))
}

/// [`name_fit`] on keys computed beforehand.
pub fn name_fit_keyed(c: &CitedKey, r: &ReferenceKey) -> NameFit {
    let names = &r.names;
    let Some((cited, cited_key)) = &c.first else {
        return NameFit::None;
    };
    let first_fit = match names.first() {
        Some(n) if n == cited || n.split_whitespace().last() == Some(cited.as_str()) => {
            NameFit::Exact
        }
        Some(n) if r.first_is_organisation && org_matches(cited, n) => NameFit::Exact,
        // "Trinidad & Tobago" is "Trinidad and Tobago".
        Some(n) if cited.contains('&') && org_key(cited) == org_key(n) => NameFit::Exact,
        _ if zone_starts_with(&r.zone, cited) => NameFit::Exact,
        // "王" cites "王伟": Chinese, Japanese and Korean names run the
        // family name into the given name.
        Some(n) if is_cjk_name(cited) && is_cjk_name(n) && n.starts_with(cited.as_str()) => {
            NameFit::Exact
        }
        Some(_) if near(cited_key, &r.keys[0]) => NameFit::Near,
        _ => NameFit::None,
    };
    if first_fit == NameFit::None || c.authors < 2 || names.len() < 2 {
        return first_fit;
    }
    let Some((second, second_key)) = &c.second else {
        return first_fit;
    };
    let second_fit = if names[1..].contains(second) || r.zone.contains(second.as_str()) {
        NameFit::Exact
    } else if r.keys[1..].iter().any(|n| near(second_key, n)) {
        NameFit::Near
    } else {
        NameFit::None
    };
    first_fit.min(second_fit)
}

/// The author zone begins with the cited name (as a word).
fn zone_starts_with(zone: &str, cited: &str) -> bool {
    let z = zone.trim_start_matches(|c: char| !c.is_alphanumeric());
    z.starts_with(cited)
        && z[cited.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// A name written in Chinese characters, kana or hangul.
fn is_cjk_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(quire_model::normalize::is_cjk)
}

/// An organisation cited by its name or its acronym ("ICG").
fn org_matches(cited: &str, name: &str) -> bool {
    let acronym: String = name
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "of" | "for"
                    | "the"
                    | "and"
                    | "on"
                    | "in"
                    | "at"
                    | "to"
                    | "de"
                    | "des"
                    | "du"
                    | "la"
            )
        })
        .filter_map(|w| w.chars().next())
        .collect();
    contains_phrase(name, cited) || acronym == cited.replace('.', "")
}

/// `phrase` occurs in `text` as whole words: "government of niger" is
/// not in "government of nigeria".
fn contains_phrase(text: &str, phrase: &str) -> bool {
    !phrase.is_empty()
        && text.match_indices(phrase).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Within an edit distance that a misspelling or OCR error explains;
/// two letters swapped ("Fiar" for "Fair") are one slip, not two.
pub fn near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let max = (la.max(lb) / 4).clamp(1, 3);
    // Lengths further apart than the edits allowed: no need to count them.
    la.abs_diff(lb) <= max && strsim::osa_distance(a, b) <= max
}

/// Does the citation's year fit the reference's? "2023a" needs the letter
/// to agree when the reference has one.
pub fn year_fits(c: &Citation, r: &Reference) -> bool {
    let Some(y) = c.year.as_deref() else {
        return false;
    };
    match (r.year, &r.date_note) {
        (Some(ry), _) => {
            let digits = &y[..y.bytes().take_while(u8::is_ascii_digit).count()];
            let letters = &y[digits.len()..];
            digits.parse::<i32>().is_ok_and(|d| d == ry)
                && (letters.is_empty()
                    || r.year_suffix.is_none()
                    || r.year_suffix.as_deref() == Some(letters))
        }
        (None, Some(note)) => match y.strip_prefix("n.d.-") {
            // "n.d.-a" fits "n.d." with the letter a, or without letters.
            Some(letters) => {
                note == "n.d." && r.year_suffix.as_deref().is_none_or(|s| letters == s)
            }
            None => note == y,
        },
        (None, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::near;

    #[test]
    fn slips_a_reader_explains_are_near() {
        assert!(near("siddigi", "siddiqi"), "OCR q/g");
        assert!(near("fiar", "fair"), "two letters swapped");
        assert!(near("rashid", "rashld"), "OCR i/l");
        assert!(!near("khan", "kahn-ali"));
        assert!(!near("ali", "abe"));
    }
}
