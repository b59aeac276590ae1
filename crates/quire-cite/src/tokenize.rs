//! Tokens of a reference string: the units the CRF labels.
//!
//! Whitespace separates tokens; brackets are always tokens of their own (so
//! "9(2)" gives `9 ( 2 )` and volume and issue can be told apart), and a run
//! of trailing punctuation is split off a word (so "(1974)." gives
//! `( 1974 ) .`). A lone "." after one or two letters stays on the word,
//! because initials and abbreviations ("J.", "Ed.") are read as one unit.
//! Every token keeps its byte span in the source string, so a labelled run
//! of tokens maps back to the exact text it covers.

/// One token with its byte span `[start, end)` in the reference string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// True when whitespace precedes the token (it starts a word).
    pub space_before: bool,
}

fn is_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '{' | '}')
}

fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '"' | '\'' | '\u{201d}' | '\u{2019}' | '!' | '?'
    )
}

fn is_leading_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}')
}

/// Split a reference string into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

/// Split one whitespace-delimited chunk at brackets, then peel leading
/// quotes and trailing punctuation off each piece.
fn split_chunk<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let mut first = true;
    let mut piece_start = start;
    for (off, c) in text[start..end].char_indices() {
        let i = start + off;
        if is_bracket(c) {
            if piece_start < i {
                split_piece(text, piece_start, i, &mut first, out);
            }
            push(text, i, i + c.len_utf8(), &mut first, out);
            piece_start = i + c.len_utf8();
        }
    }
    if piece_start < end {
        split_piece(text, piece_start, end, &mut first, out);
    }
}

fn split_piece<'a>(
    text: &'a str,
    mut start: usize,
    end: usize,
    first: &mut bool,
    out: &mut Vec<Token<'a>>,
) {
    if let Some(c) = text[start..end].chars().next() {
        if is_leading_quote(c) && start + c.len_utf8() < end {
            push(text, start, start + c.len_utf8(), first, out);
            start += c.len_utf8();
        }
    }
    let piece = &text[start..end];
    let core_len = piece.trim_end_matches(is_trailing_punct).len();
    let keep_dot = core_len > 0
        && core_len + 1 == piece.len()
        && piece.ends_with('.')
        && piece[..core_len].chars().count() <= 2
        && piece[..core_len].chars().all(char::is_alphabetic);
    if core_len == 0 || core_len == piece.len() || keep_dot {
        push(text, start, end, first, out);
    } else {
        push(text, start, start + core_len, first, out);
        push(text, start + core_len, end, first, out);
    }
}

fn push<'a>(text: &'a str, start: usize, end: usize, first: &mut bool, out: &mut Vec<Token<'a>>) {
    out.push(Token {
        text: &text[start..end],
        start,
        end,
        space_before: *first,
    });
    *first = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_brackets_and_trailing_punctuation() {
        assert_eq!(
            texts("Akaike, H. (1974). Vol 9(2), 1-3."),
            vec![
                "Akaike", ",", "H.", "(", "1974", ")", ".", "Vol", "9", "(", "2", ")", ",", "1-3",
                "."
            ]
        );
    }

    #[test]
    fn keeps_spans_and_word_starts() {
        let t = tokenize("  \u{201c}Title,\u{201d} x");
        assert_eq!(t[0].text, "\u{201c}");
        assert!(t[0].space_before);
        assert_eq!(t[1].text, "Title");
        assert!(!t[1].space_before);
        assert_eq!(t[2].text, ",\u{201d}");
        assert_eq!(&"  \u{201c}Title,\u{201d} x"[t[3].start..t[3].end], "x");
    }
}
