//! Sentence boundaries, used to cut over-long paragraphs into passages of a
//! readable size. A boundary is `.`, `?` or `!` (optionally followed by a
//! closing quote or bracket) then whitespace then an upper-case letter,
//! digit or opening quote — unless the word before the stop is a known
//! abbreviation ("Mr.", "U.S.", "e.g.") or a single initial ("George W.").

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt",
    "no", "nos", "vol", "pp", "p", "e.g", "i.e", "etc", "vs", "cf", "al", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "h.e",
    "a.m", "p.m", "inc", "co", "ltd", "jr", "sr", "art", "para", "fig",
];

/// Byte offsets in `text` where a new sentence starts (the first is always 0
/// for non-empty text).
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    if text.trim().is_empty() {
        return starts;
    }
    starts.push(0);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'?' | b'!') && !is_abbreviation(text, i) {
            let mut j = i + 1;
            j = skip_closers(text, j);
            let ws_start = j;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j > ws_start && j < bytes.len() && opens_sentence(&text[j..]) {
                starts.push(j);
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    starts
}

/// Split `text` into sentence slices with their byte offsets.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    let starts = sentence_starts(text);
    starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let e = starts.get(k + 1).copied().unwrap_or(text.len());
            (s, text[s..e].trim_end())
        })
        .collect()
}

fn skip_closers(text: &str, mut j: usize) -> usize {
    for c in text[j..].chars() {
        if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j
}

fn opens_sentence(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '(' | '[')
    })
}

/// Is the stop at byte `dot` the end of an abbreviation or an initial?
fn is_abbreviation(text: &str, dot: usize) -> bool {
    if text.as_bytes()[dot] != b'.' {
        return false;
    }
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_stops_not_on_abbreviations() {
        let t = "Mr. Khan met U.S. officials. They agreed. \"Peace now!\" he said. President George W. Bush spoke.";
        let s: Vec<&str> = sentences(t).into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            s,
            vec![
                "Mr. Khan met U.S. officials.",
                "They agreed.",
                "\"Peace now!\" he said.",
                "President George W. Bush spoke."
            ]
        );
    }

    #[test]
    fn lower_case_after_stop_is_not_a_boundary() {
        assert_eq!(sentences("approx. three years. Then").len(), 2);
        assert!(sentences("  ").is_empty());
    }
}
