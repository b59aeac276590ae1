//! Sentence boundaries: where a sentence of running text ends. Every
//! stage that reads sentences (the passage splitter cutting long
//! paragraphs, the synthesis quoting, summarising and reading actors'
//! interests) uses this one splitter, so a quote and the passage it comes
//! from agree on where its sentences begin.

/// Byte ranges of the sentences of `text`. A sentence ends at `.`, `!` or
/// `?` (plus closing quotes/brackets) followed by whitespace and an
/// upper-case letter, digit or opening quote, unless the word before the
/// stop is a known abbreviation or an initial ("U.S.", "e.g.", "J."); a
/// full stop that lost its space ("peace.The") ends one too. Line breaks
/// that separate paragraphs or list items also end a sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end = if matches!(b, b'.' | b'!' | b'?') {
            sentence_stop(text, i)
        } else if b == b'\n' && next_line_starts_block(text, i) {
            Some(i)
        } else {
            None
        };
        if let Some(end) = end {
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// If the stop at `i` ends a sentence, the byte just past it (and past any
/// closing quotes or brackets).
fn sentence_stop(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = i + 1;
    while let Some(c) = text[end..].chars().next() {
        if !matches!(c, '"' | '\'' | ')' | ']' | '.' | '”' | '’' | '»') {
            break;
        }
        end += c.len_utf8();
    }
    if end >= bytes.len() {
        return Some(end);
    }
    let rest = &text[end..];
    let after_space = rest.trim_start();
    if after_space.len() == rest.len() {
        // No whitespace: "3.5", "U.S.A" — or a stop whose space the text
        // lost ("for peace.The Assembly").
        return glued_sentence_break(text, i, end).then_some(end);
    }
    let next = after_space.chars().next()?;
    let opens = next.is_uppercase() || next.is_ascii_digit() || "\"'“‘([".contains(next);
    if !opens || bytes[i] == b'.' && is_abbreviation(&text[..i]) {
        return None;
    }
    Some(end)
}

/// "peace.The": a full stop with no space after, between a word of two
/// lower-case letters or more and a capitalised word — a sentence break
/// the text lost, not an abbreviation ("U.S.A"), a number ("3.5") or a
/// web address ("example.org").
fn glued_sentence_break(text: &str, stop: usize, end: usize) -> bool {
    if text.as_bytes()[stop] != b'.' || end != stop + 1 {
        return false;
    }
    let word_before: Vec<char> = text[..stop]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let before_word = text[..stop].chars().rev().nth(word_before.len());
    let mut after = text[end..].chars();
    let capitalised = after.next().is_some_and(char::is_uppercase)
        && after.next().is_some_and(char::is_lowercase);
    word_before.len() >= 2
        && word_before.iter().all(|c| c.is_lowercase())
        && !before_word.is_some_and(|c| c == '.' || c == '/' || c == '@')
        && capitalised
}

/// A paragraph break or a list item starts on the next line.
fn next_line_starts_block(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    trimmed.starts_with('\n')
        || trimmed.starts_with("- ")
        || trimmed.starts_with("* ")
        || trimmed.starts_with('#')
}

fn is_abbreviation(before: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "maj", "gov",
        "sen", "rep", "e.g", "i.e", "etc", "vs", "cf", "al", "no", "nos", "vol", "p", "pp", "fig",
        "art", "para", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "u.s", "u.k", "u.n", "h.e", "a.m", "p.m", "inc", "ltd", "co", "jr", "sr",
        "approx", "ed", "eds",
    ];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if e > s && text[s..e].chars().any(char::is_alphanumeric) {
        out.push((s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_break_that_lost_its_space_is_a_break() {
        let text = "We call for peace.The Assembly agreed. The U.S.A. and 3.5 per cent stay. See example.org today.";
        let cut: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            cut,
            [
                "We call for peace.",
                "The Assembly agreed.",
                "The U.S.A. and 3.5 per cent stay.",
                "See example.org today."
            ]
        );
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        assert_eq!(
            split("The U.S. left in 2021. Pakistan, e.g. Islamabad, objected! Why? 3.5 percent."),
            vec![
                "The U.S. left in 2021.",
                "Pakistan, e.g. Islamabad, objected!",
                "Why?",
                "3.5 percent."
            ]
        );
        assert_eq!(
            split("The answer is “no.” That is why."),
            vec!["The answer is “no.”", "That is why."]
        );
        assert_eq!(
            split("Gen. J. Smith spoke.\n\nA new paragraph"),
            vec!["Gen. J. Smith spoke.", "A new paragraph"]
        );
    }
}
