//! Text normalisation shared by every stage that compares names or titles:
//! dedup keys, fuzzy citation matching, slugs for ids.

use unicode_normalization::UnicodeNormalization;

/// Strip diacritics and fold to lowercase ASCII where possible:
/// "Siddiqá" → "siddiqa", "Ł" stays "ł" (no decomposition exists).
pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Han ideographs, kana and hangul: the scripts written without spaces
/// between words, where a word boundary cannot be seen in the text.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF // hangul jamo
        | 0x3040..=0x30FF // hiragana, katakana
        | 0x3130..=0x318F // hangul compatibility jamo
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x2A6DF // CJK extension B
    )
}

/// A letter or digit that continues a word: not CJK, whose characters
/// stand next to each other whatever the words (see [`is_cjk`]).
pub fn continues_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// The English month names, in calendar order, lower case.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month an English month name or its abbreviation names: "Aug",
/// "August", "aug.", "Sept" → 8 or 9; "Augur", "Marxism" → None.
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let at = MONTH_NAMES
        .iter()
        .position(|m| m.starts_with(&lower[..3]))?;
    (lower.len() == 3 || MONTH_NAMES[at].starts_with(&lower) || lower == "sept")
        .then_some(at as u32 + 1)
}

/// A comparison key for titles: folded, punctuation dropped, whitespace
/// collapsed. "The Durand Line: A History!" → "the durand line a history".
pub fn title_key(title: &str) -> String {
    let folded = fold(title);
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// An edition as CSL wants it: "2", "2nd", "2nd ed.", "Second edition" →
/// "2" (the style writes "2nd ed."); a first edition → None (not named);
/// other words ("Revised") as written.
pub fn edition(text: &str) -> Option<String> {
    const ORDINALS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let trimmed = text.trim().trim_end_matches(['.', ',']);
    let lower = trimmed.to_lowercase();
    let first_word = lower.split([' ', '.']).next().unwrap_or("");
    let digits: String = first_word
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let n = digits.parse::<u32>().ok().or_else(|| {
        ORDINALS
            .iter()
            .position(|o| *o == first_word)
            .map(|i| i as u32 + 1)
    });
    match n {
        Some(1) => None,
        Some(n) => Some(n.to_string()),
        None => (!trimmed.is_empty()).then(|| trimmed.to_string()),
    }
}

/// A filesystem- and URL-safe id fragment: "Khan 2021: Border" → "khan-2021-border".
pub fn slug(text: &str, max_len: usize) -> String {
    let key = title_key(text);
    let mut s: String = key
        .chars()
        .map(|c| if c == ' ' { '-' } else { c })
        .collect();
    if s.len() > max_len {
        let mut cut = max_len;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s = s.trim_end_matches('-').to_string();
    }
    s
}

/// Normalise a DOI to its bare lowercase form: strips `https://doi.org/`,
/// `doi:` and surrounding punctuation. Returns None when it does not look
/// like a DOI.
pub fn doi(raw: &str) -> Option<String> {
    let t = raw.trim().trim_end_matches(['.', ',', ';']);
    // "10." has no letters: found the same in any case, so only the DOI
    // itself is lower-cased (one allocation, not two).
    let start = t.find("10.")?;
    let d = &t[start..];
    (d.contains('/') && d.len() > 7).then(|| d.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_as_csl_numbers() {
        for (written, wanted) in [
            ("2", Some("2")),
            ("2nd ed.", Some("2")),
            ("Second edition", Some("2")),
            ("3rd", Some("3")),
            ("1st", None),
            ("First", None),
            ("Revised", Some("Revised")),
            ("  ", None),
        ] {
            assert_eq!(edition(written).as_deref(), wanted, "{written}");
        }
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("Aug"), Some(8));
        assert_eq!(month_number("august"), Some(8));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Augur"), None);
        assert_eq!(month_number("Marxism"), None);
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Jüly"), None);
    }

    #[test]
    fn folds_and_keys() {
        assert_eq!(fold("Siddiqá Ñ"), "siddiqa n");
        assert_eq!(
            title_key("  The Durand Line: A History!"),
            "the durand line a history"
        );
        assert_eq!(slug("Khan 2021: Border & Trade", 12), "khan-2021-bo");
        assert_eq!(
            doi("https://doi.org/10.1080/ABC.123."),
            Some("10.1080/abc.123".into())
        );
        assert_eq!(doi("not a doi"), None);
    }
}
