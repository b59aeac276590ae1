//! Snippets: a short passage of a hit with the matched words marked, as
//! plain text plus byte ranges, so each front end (terminal, HTML, JSON)
//! marks them its own way.

use std::ops::Range;

use serde::Serialize;

/// How many bytes of text a snippet shows, about two lines of a terminal.
pub(crate) const SNIPPET_BYTES: usize = 200;

const ELLIPSIS: &str = "…";

/// A passage of a hit's text with the matched words highlighted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Snippet {
    /// The passage, whitespace collapsed, with "…" where it was cut.
    pub text: String,
    /// Byte ranges `(start, end)` into `text` of the matched words, sorted
    /// and not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The passage with matched words in ANSI bold, for a terminal.
    pub fn to_terminal(&self) -> String {
        self.marked("\x1b[1m", "\x1b[0m", |s| s.to_string())
    }

    /// The passage with matched words in Markdown bold (`**word**`), for
    /// output that is piped or saved rather than shown on a terminal.
    pub fn to_markdown(&self) -> String {
        self.marked("**", "**", |s| s.to_string())
    }

    /// The passage as HTML-escaped text with matched words in `<b>`.
    pub fn to_html(&self) -> String {
        self.marked("<b>", "</b>", escape_html)
    }

    fn marked(&self, open: &str, close: &str, escape: fn(&str) -> String) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut done = 0;
        for &(start, end) in &self.highlights {
            let (Some(before), Some(word)) =
                (self.text.get(done..start), self.text.get(start..end))
            else {
                continue; // A range off the text would be a bug; skip, never panic.
            };
            out.push_str(&escape(before));
            out.push_str(open);
            out.push_str(&escape(word));
            out.push_str(close);
            done = end;
        }
        out.push_str(&escape(self.text.get(done..).unwrap_or("")));
        out
    }

    /// A snippet cut from a longer `source`: `fragment` is
    /// `source[range]` and `highlights` are ranges into the fragment.
    pub(crate) fn from_fragment(
        source: &str,
        range: Range<usize>,
        highlights: &[Range<usize>],
    ) -> Snippet {
        let fragment = source.get(range.clone()).unwrap_or("");
        let (text, new_pos) = collapse_whitespace(fragment);
        let prefix = if range.start > 0 { ELLIPSIS } else { "" };
        let suffix = if range.end < source.len() {
            ELLIPSIS
        } else {
            ""
        };
        let shift = prefix.len();
        let mut ranges: Vec<(usize, usize)> = highlights
            .iter()
            .filter(|r| r.start < r.end && r.end <= fragment.len())
            .map(|r| (new_pos[r.start] + shift, new_pos[r.end] + shift))
            .collect();
        ranges.sort_unstable();
        let text = format!("{prefix}{text}{suffix}");
        let highlights = drop_lone_function_words(&text, merge_overlapping(ranges));
        Snippet { text, highlights }
    }

    /// The opening of `source`, unhighlighted: the snippet for a hit that
    /// matched only on fields that are not shown (author, year, kind).
    pub(crate) fn head(source: &str) -> Snippet {
        let source = source.trim();
        let mut end = source.len().min(SNIPPET_BYTES);
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        if end < source.len() {
            // Cut at a word boundary when there is one.
            if let Some(space) = source[..end].rfind(char::is_whitespace) {
                end = space;
            }
        }
        Snippet::from_fragment(source, 0..end, &[])
    }

    /// How many different words the snippet highlights: used to pick the
    /// field whose snippet shows the match best.
    pub(crate) fn distinct_matches(&self) -> usize {
        let mut words: Vec<String> = self
            .highlights
            .iter()
            .filter_map(|&(s, e)| self.text.get(s..e))
            .map(str::to_lowercase)
            .collect();
        words.sort_unstable();
        words.dedup();
        words.len()
    }
}

/// Words that only matter inside a phrase: "loss and damage" marks its
/// "and", but every other "and" of the snippet is no match worth a reader's
/// eye (the index keeps them, so tantivy marks each one).
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "is", "of", "on", "or", "the", "to",
    "with",
];

/// Highlights without the function words that stand apart from every
/// other highlight (only a space between marks a phrase).
fn drop_lone_function_words(text: &str, ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let is_function_word = |&(s, e): &(usize, usize)| {
        text.get(s..e)
            .is_some_and(|w| FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
    };
    let touches = |a: (usize, usize), b: (usize, usize)| {
        let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
        text.get(first.1..second.0)
            .is_some_and(|gap| gap.chars().all(char::is_whitespace))
    };
    (0..ranges.len())
        .filter(|&i| {
            !is_function_word(&ranges[i])
                || (i > 0 && touches(ranges[i - 1], ranges[i]))
                || (i + 1 < ranges.len() && touches(ranges[i], ranges[i + 1]))
        })
        .map(|i| ranges[i])
        .collect()
}

/// Collapse every run of whitespace into one space. Returns the new text
/// and, for every byte offset of the old text (and its end), the offset in
/// the new text.
/// The fragment as shown: whitespace collapsed and Markdown emphasis
/// marks (`*`, `**`) of the source dropped, so that the snippet's own
/// highlighting is the only emphasis ("****TTP**/Fitna**" otherwise); with
/// the position in the result of every byte of `text`.
fn collapse_whitespace(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut new_pos = vec![0; text.len() + 1];
    let mut in_space = false;
    let skips = markup(text);
    let mut skip = skips.iter().peekable();
    for (i, c) in text.char_indices() {
        let here = out.len();
        for slot in &mut new_pos[i..i + c.len_utf8()] {
            *slot = here;
        }
        while skip.peek().is_some_and(|r| r.end <= i) {
            skip.next();
        }
        if skip.peek().is_some_and(|r| r.contains(&i)) {
            continue;
        }
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else if c == '*' {
            continue;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    new_pos[text.len()] = out.len();
    (out, new_pos)
}

/// Byte ranges of the Markdown marks a stored full text carries that a
/// reader of a snippet should not see: heading marks at a line's start
/// ("## Border management") and notes' marks (`sharply.[^1]`).
fn markup(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && line.as_bytes().get(hashes) == Some(&b' ') {
            out.push(line_start..line_start + hashes + 1);
        }
        let mut from = 0;
        while let Some(at) = line[from..].find("[^") {
            let open = from + at;
            match line[open..].find(']') {
                // A note's label: a few letters or digits ("1", "e2").
                Some(close)
                    if (3..=10).contains(&close)
                        && line[open + 2..open + close]
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric()) =>
                {
                    out.push(line_start + open..line_start + open + close + 1);
                    from = open + close + 1;
                }
                _ => from = open + 2,
            }
        }
        line_start += line.len();
    }
    out
}

fn merge_overlapping(sorted: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for (start, end) in sorted {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_collapses_whitespace_and_keeps_highlights_on_words() {
        let source = "intro. The  Durand\n\tLine is old. end";
        let start = source.find("The").unwrap();
        let end = source.find(" end").unwrap();
        let frag = &source[start..end];
        let d = frag.find("Durand").unwrap();
        let l = frag.find("Line").unwrap();
        let s = Snippet::from_fragment(source, start..end, &[d..d + 6, l..l + 4]);
        assert_eq!(s.text, "…The Durand Line is old.…");
        let words: Vec<&str> = s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect();
        assert_eq!(words, vec!["Durand", "Line"]);
    }

    #[test]
    fn heading_and_note_marks_are_not_shown() {
        let source = "# The TTP after Kabul\n\nHopes have faded.[^1] Attacks by the TTP rose.[^12]\n\n## Notes";
        let t = source.find("TTP rose").unwrap();
        let matched: Vec<Range<usize>> = std::iter::once(t..t + 3).collect();
        let s = Snippet::from_fragment(source, 0..source.len(), &matched);
        assert_eq!(
            s.text,
            "The TTP after Kabul Hopes have faded. Attacks by the TTP rose. Notes"
        );
        let words: Vec<&str> = s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect();
        assert_eq!(words, ["TTP"]);
        // A bracket that is no note mark stays.
        let s = Snippet::from_fragment("see [^ and ] here", 0..17, &[]);
        assert_eq!(s.text, "see [^ and ] here");
    }

    #[test]
    fn terminal_and_html_marking() {
        let s = Snippet {
            text: "a <b> & TTP".into(),
            highlights: vec![(8, 11)],
        };
        assert_eq!(s.to_terminal(), "a <b> & \x1b[1mTTP\x1b[0m");
        assert_eq!(s.to_markdown(), "a <b> & **TTP**");
        assert_eq!(s.to_html(), "a &lt;b&gt; &amp; <b>TTP</b>");
    }

    #[test]
    fn function_words_are_marked_only_inside_a_phrase() {
        let source = "scale and urgency of loss and damage";
        let at = |w: &str, nth: usize| {
            let start = source.match_indices(w).nth(nth).unwrap().0;
            start..start + w.len()
        };
        let s = Snippet::from_fragment(
            source,
            0..source.len(),
            &[at("and", 0), at("loss", 0), at("and", 1), at("damage", 0)],
        );
        assert_eq!(
            s.to_markdown(),
            "scale and urgency of **loss** **and** **damage**"
        );
    }

    #[test]
    fn the_sources_own_markdown_bold_is_not_shown() {
        let source = "surge of **TTP/Fitna** attacks";
        let at = source.find("TTP").unwrap();
        let hit = at..at + 3;
        let s = Snippet::from_fragment(source, 0..source.len(), &[hit]);
        assert_eq!(s.to_markdown(), "surge of **TTP**/Fitna attacks");
    }

    #[test]
    fn head_cuts_at_a_word_boundary() {
        let long = "word ".repeat(100);
        let s = Snippet::head(&long);
        assert!(s.text.ends_with("word…"), "{}", s.text);
        assert!(s.text.len() <= SNIPPET_BYTES + ELLIPSIS.len());
        assert!(s.highlights.is_empty());
    }
}
