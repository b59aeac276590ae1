//! Tokens of a reference string: the units the CRF labels.
//!
//! Fine-grained on purpose: within a whitespace-delimited chunk every run of
//! letters, every run of digits and every other character (punctuation,
//! brackets, quotes, dashes) is a token of its own. Reference styles glue
//! fields together without spaces ("Phys. Rev. D60", "11(2006)p1914",
//! "Nat .Phys .5 ( 2009)586 ."), and a labeller can only reproduce a field
//! whose edges fall on token edges; splitting letters from digits and
//! punctuation from words puts every field edge of the gold data on a token
//! edge (see `examples/token_boundaries.rs`). Links (URLs, DOIs) are the
//! exception: they stay one token, with enclosing brackets and trailing
//! punctuation split off. Emphasis residue of PDF or Markdown conversion
//! (`*Journal*`, `**Title**`) stays on the word it marks, so it neither
//! cuts a field nor looks like punctuation (the features ignore it). Whether
//! a token was glued to its neighbours is
//! kept (`space_before`), so the features still see "J." apart from "J .".
//! Every token keeps its byte span in the source string, so a labelled run
//! of tokens maps back to the exact text it covers.

/// One token with its byte span `[start, end)` in the reference string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// True when whitespace (or the start of the string) precedes the token.
    pub space_before: bool,
}

/// What a character contributes to a token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// A run of emphasis marks ("**").
    Emphasis,
    /// Punctuation and symbols: one token per character.
    Single,
}

fn class(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if is_emphasis(c) {
        Class::Emphasis
    } else if c.is_alphanumeric() || is_mark(c) {
        Class::Letter
    } else {
        Class::Single
    }
}

/// Combining accents (text in decomposed form) belong to their letter.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}')
}

/// Split a reference string into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 3);
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

/// Split one whitespace-delimited chunk: ordinary runs up to a link that
/// starts inside it ("doi:10.1/x", "[http://..."), the link whole, and the
/// punctuation after it.
fn split_chunk<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let first = out.len();
    let chunk = &text[start..end];
    match link_start(chunk) {
        Some(at) => {
            split_runs(text, start, start + at, out);
            let core_len = link_len(&chunk[at..]);
            push(text, start + at, start + at + core_len, out);
            split_runs(text, start + at + core_len, end, out);
        }
        None => split_runs(text, start, end, out),
    }
    attach_emphasis(text, first, out);
    if let Some(t) = out.get_mut(first) {
        t.space_before = true;
    }
}

/// An emphasis mark, as left by Markdown or PDF-to-text conversion.
pub fn is_emphasis(c: char) -> bool {
    c == '*'
}

/// Merge runs of emphasis marks of one chunk (tokens `from..`) into the
/// word they precede, or else the word they follow.
fn attach_emphasis<'a>(text: &'a str, from: usize, out: &mut Vec<Token<'a>>) {
    let mut i = from;
    while i < out.len() {
        if !out[i].text.chars().all(is_emphasis) {
            i += 1;
            continue;
        }
        let next_is_word = out
            .get(i + 1)
            .is_some_and(|t| t.text.chars().next().is_some_and(char::is_alphanumeric));
        let prev_is_word = i > from
            && out[i - 1]
                .text
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || is_emphasis(c));
        if next_is_word {
            let end = out[i + 1].end;
            out[i + 1].start = out[i].start;
            out[i + 1].text = &text[out[i].start..end];
            out.remove(i);
        } else if prev_is_word {
            let start = out[i - 1].start;
            out[i - 1].end = out[i].end;
            out[i - 1].text = &text[start..out[i].end];
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Letter runs, digit runs and single other characters.
fn split_runs<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let mut run: Option<(usize, Class)> = None;
    for (off, c) in text[start..end].char_indices() {
        let i = start + off;
        let k = class(c);
        match run {
            Some((s, rk)) if rk == k && k != Class::Single => {
                let _ = s;
            }
            // "2023a": the letter that tells two works of a year apart
            // stays on its year.
            Some((s, Class::Digit)) if is_year_suffix(text, s, i, end) => {}
            Some((s, _)) => {
                push(text, s, i, out);
                run = Some((i, k));
            }
            None => run = Some((i, k)),
        }
    }
    if let Some((s, _)) = run {
        push(text, s, end, out);
    }
}

/// Whether the letter at `i` belongs to the letters of a year that starts
/// at `s` ("2023a", "1998b.", after "z" "2021aa"): one or two lowercase
/// letters right after four digits of a year, followed by no other
/// letter or digit; the first not "s" ("1990s" is a decade).
fn is_year_suffix(text: &str, s: usize, i: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let first = s + 4;
    if !(first..=first + 1).contains(&i)
        || !b[i].is_ascii_lowercase()
        || !crate::features::is_year(&text[s..first])
    {
        return false;
    }
    let letters = b[first..end]
        .iter()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    let ends = text[first + letters..end]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    (1..=2).contains(&letters) && b[first] != b's' && ends
}

/// Where a link starts in a chunk: "http", "www." or "//" (a URL broken
/// at its colon), or a bare DOI "10.1234/", at the chunk start or after a
/// character that is not a letter or digit.
fn link_start(chunk: &str) -> Option<usize> {
    let bytes = chunk.as_bytes();
    (0..bytes.len()).find(|&i| {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let rest = &chunk.as_bytes()[i..];
        boundary
            && (starts_with_ignore_case(rest, b"http")
                || starts_with_ignore_case(rest, b"www.")
                || (i == 0 && rest.starts_with(b"//") && rest.len() > 3)
                || chunk.get(i..).is_some_and(is_doi_start))
    })
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Length of a link without the punctuation or closing brackets after it.
fn link_len(link: &str) -> usize {
    let mut core = link.trim_end_matches(['.', ',', ';', ':', '"', '\u{201d}', '>', ']', '}']);
    // A closing bracket belongs to the link only when the link opened one.
    while core.ends_with(')') && core.matches('(').count() < core.matches(')').count() {
        core = core[..core.len() - 1].trim_end_matches(['.', ',', ';', ':']);
    }
    core.len()
}

/// "10.1234/..." : a bare DOI.
fn is_doi_start(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("10.") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits >= 4 && rest[digits..].starts_with('/')
}

fn push<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    if start < end {
        out.push(Token {
            text: &text[start..end],
            start,
            end,
            space_before: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_punctuation_and_letter_digit_runs() {
        assert_eq!(
            texts("Akaike, H. (1974). Vol 9(2), 1-3."),
            vec![
                "Akaike", ",", "H", ".", "(", "1974", ")", ".", "Vol", "9", "(", "2", ")", ",",
                "1", "-", "3", "."
            ]
        );
        assert_eq!(
            texts("Phys. Rev. D60 11(2006)p1914"),
            vec!["Phys", ".", "Rev", ".", "D", "60", "11", "(", "2006", ")", "p", "1914"]
        );
    }

    #[test]
    fn a_year_keeps_its_letter() {
        assert_eq!(
            texts("(2023a). 1998l, 1990s 2021and 2021ab,"),
            vec!["(", "2023a", ")", ".", "1998l", ",", "1990", "s", "2021", "and", "2021ab", ","]
        );
    }

    #[test]
    fn emphasis_marks_stay_on_their_word() {
        assert_eq!(
            texts("forum. *Asian Security*, **South Asian Voices**. * x"),
            vec![
                "forum",
                ".",
                "*Asian",
                "Security*",
                ",",
                "**South",
                "Asian",
                "Voices**",
                ".",
                "*",
                "x"
            ]
        );
    }

    #[test]
    fn keeps_links_whole() {
        assert_eq!(
            texts("(https://doi.org/10.1000/x(1)2). doi:10.5555/abc, 10.1016/j.x.2017.05.070. [http: //cds.cern.ch/r]"),
            vec![
                "(",
                "https://doi.org/10.1000/x(1)2",
                ")",
                ".",
                "doi",
                ":",
                "10.5555/abc",
                ",",
                "10.1016/j.x.2017.05.070",
                ".",
                "[",
                "http",
                ":",
                "//cds.cern.ch/r",
                "]"
            ]
        );
    }

    #[test]
    fn keeps_spans_and_word_starts() {
        let s = "  \u{201c}Title,\u{201d} x";
        let t = tokenize(s);
        assert_eq!(t[0].text, "\u{201c}");
        assert!(t[0].space_before);
        assert_eq!(t[1].text, "Title");
        assert!(!t[1].space_before);
        assert_eq!(t[2].text, ",");
        assert_eq!(t[3].text, "\u{201d}");
        assert_eq!(&s[t[4].start..t[4].end], "x");
        assert!(t[4].space_before);
    }
}
