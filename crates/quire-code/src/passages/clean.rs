//! Inline clean-up of passage text with a map back to the raw bytes:
//! Markdown emphasis, escapes and HTML tags dropped, whitespace collapsed,
//! hard-wrapped lines joined and words hyphenated across a line break
//! rejoined. Every byte of the cleaned text remembers the raw offset it came
//! from, so a passage cut anywhere in the cleaned text still has an exact
//! byte span in the document.

/// Cleaned text plus, for each of its bytes, the raw byte it came from.
#[derive(Debug, Default, Clone)]
pub struct Cleaned {
    pub text: String,
    src: Vec<usize>,
    /// Raw offset one past the last byte consumed, for span ends.
    src_end: Vec<usize>,
}

impl Cleaned {
    fn push(&mut self, c: char, at: usize, len: usize) {
        let n = c.len_utf8();
        self.text.push(c);
        for k in 0..n {
            self.src.push(at + k.min(len.saturating_sub(1)));
            self.src_end.push(at + len);
        }
    }

    fn push_space(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.push(' ', at, 0);
        }
    }

    /// The raw byte span of the cleaned bytes `a..b` (trimmed of spaces).
    pub fn raw_span(&self, a: usize, b: usize) -> (usize, usize) {
        let mut a = a;
        let mut b = b.min(self.text.len());
        let bytes = self.text.as_bytes();
        while a < b && bytes[a] == b' ' {
            a += 1;
        }
        while b > a && bytes[b - 1] == b' ' {
            b -= 1;
        }
        if a >= b {
            let at = self.src.get(a).copied().unwrap_or(0);
            return (at, at);
        }
        (self.src[a], self.src_end[b - 1])
    }

    /// Append another cleaned paragraph after a space.
    pub fn append(&mut self, other: &Cleaned) {
        if other.text.is_empty() {
            return;
        }
        self.push_space(other.src[0]);
        self.text.push_str(&other.text);
        self.src.extend_from_slice(&other.src);
        self.src_end.extend_from_slice(&other.src_end);
    }

    /// Append the paragraph that goes on from this one across a page
    /// break: joined as a wrapped line would be ("coun-" + "try").
    pub fn append_continuation(&mut self, other: &Cleaned, document: &str) {
        let Some(&at) = other.src.first() else {
            return;
        };
        self.join_point(&other.text, at, document);
        self.text.push_str(&other.text);
        self.src.extend_from_slice(&other.src);
        self.src_end.extend_from_slice(&other.src_end);
    }

    /// Make the join before `next` (at raw byte `at`): a space, or, after
    /// a word broken by a hyphen, the hyphen dropped or kept.
    fn join_point(&mut self, next: &str, at: usize, document: &str) {
        // "China–Afghanistan–" + "Pakistan": a range or compound with an
        // en dash, broken after it.
        let mut rev = self.text.chars().rev();
        if rev.next() == Some('–') && rev.next().is_some_and(char::is_alphanumeric) {
            return;
        }
        let broken = self.ends_with_broken_word();
        if broken && starts_lowercase(next) {
            if self.keeps_hyphen(next, document) {
                // A real compound ("cross-border") broken after its hyphen.
            } else {
                self.text.pop();
                self.src.pop();
                self.src_end.pop();
            }
        } else if broken && next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            // "Afghan-" + "Pakistan", "post-" + "2015": a compound, broken
            // after its hyphen; no word is split before a capital or a
            // number.
        } else {
            self.push_space(at);
        }
    }

    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }

    /// Append one raw line (at byte `offset` of the document), joining it
    /// to what is already there the way a hard-wrapped paragraph joins,
    /// and leaving out the byte ranges `skips` of `line` (footnote
    /// markers, a note's number).
    pub fn join_line_skipping(
        &mut self,
        line: &str,
        offset: usize,
        document: &str,
        skips: &[std::ops::Range<usize>],
    ) {
        let line_clean = strip_block_markers(line);
        let skipped = line.len() - line_clean.len();
        let start = offset + skipped;
        self.join_point(line_clean, start, document);
        // The skips, as ranges of the line without its block markers.
        let skips: Vec<std::ops::Range<usize>> = skips
            .iter()
            .filter(|r| r.start >= skipped)
            .map(|r| r.start - skipped..r.end - skipped)
            .collect();
        self.push_inline(line_clean, start, document, &skips);
        while self.text.ends_with(' ') {
            self.text.pop();
            self.src.pop();
            self.src_end.pop();
        }
    }

    fn ends_with_broken_word(&self) -> bool {
        let mut rev = self.text.chars().rev();
        rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
    }

    /// The word before the broken word's hyphen and the word `next`
    /// begins with: "pre" and "post" of "pre-" + "post …".
    fn broken_halves(&self, next: &str) -> Option<(&str, String)> {
        let head = self.text[..self.text.len() - 1]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let tail: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
        (!head.is_empty() && !tail.is_empty()).then_some((head, tail))
    }

    /// Whether "pre-" + "post" is a hyphenated compound rather than one
    /// word split by the typesetter: look the two forms up in the document.
    fn keeps_hyphen(&self, next: &str, document: &str) -> bool {
        self.broken_halves(next).is_some_and(|(head, tail)| {
            !contains_word(document, &format!("{head}{tail}"))
                && contains_word(document, &format!("{head}-{tail}"))
        })
    }

    /// Whether "coun-" + "try" is written "country" in the document.
    fn spelt_whole(&self, next: &str, document: &str) -> bool {
        self.broken_halves(next)
            .is_some_and(|(head, tail)| contains_word(document, &format!("{head}{tail}")))
    }

    /// A space after "sea-" before "level": the line break of a hyphenated
    /// word, turned into a space by whoever extracted the text ("sea-
    /// level rise", "High- Level Panel"). The space goes, and the hyphen
    /// too when the document spells the word whole elsewhere; "two- and
    /// three-year" keeps both (a suspended hyphen).
    fn repairs_spaced_hyphen(&mut self, rest: &str, document: &str) -> bool {
        const SUSPENDING: &[&str] = &["and", "or", "nor", "to", "but", "as", "than", "vs"];
        let next = rest.trim_start();
        if !self.ends_with_broken_word() || !next.starts_with(char::is_alphabetic) {
            return false;
        }
        // "High- Level", "Afghan- Pakistan": a compound, no split word.
        if next.starts_with(char::is_uppercase) {
            return true;
        }
        let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        if SUSPENDING.contains(&word.as_str()) {
            return false;
        }
        if !self.keeps_hyphen(next, document) && self.spelt_whole(next, document) {
            self.text.pop();
            self.src.pop();
            self.src_end.pop();
        }
        true
    }

    /// Append inline text, dropping Markdown and HTML markup and
    /// repairing spaced hyphens (words looked up in `document`).
    fn push_inline(
        &mut self,
        line: &str,
        offset: usize,
        document: &str,
        extra_skips: &[std::ops::Range<usize>],
    ) {
        let mut skips = markdown_skips(line);
        skips.extend_from_slice(extra_skips);
        let table_row = line.starts_with('|');
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = offset + i;
            if let Some(skip) = skips.iter().find(|r| r.start == i) {
                while chars.peek().is_some_and(|&(j, _)| j < skip.end) {
                    chars.next();
                }
                continue;
            }
            match c {
                // A table's cells read as words apart.
                '|' if table_row => self.push_space(at),
                '*' => {}
                // A note's link back to its mark, as a page saved from the
                // web prints it.
                '↩' | '\u{FE0E}' => {}
                '_' if chars.peek().is_some_and(|&(_, n)| n == '_') => {
                    chars.next();
                }
                '\\' if chars.peek().is_some_and(|&(_, n)| n.is_ascii_punctuation()) => {}
                '<' if looks_like_tag(&line[i..]) => {
                    for (_, d) in chars.by_ref() {
                        if d == '>' {
                            break;
                        }
                    }
                }
                c if c.is_whitespace() => {
                    if !self.repairs_spaced_hyphen(&line[i..], document) {
                        self.push_space(at)
                    }
                }
                c => self.push(c, at, c.len_utf8()),
            }
        }
    }
}

/// Byte ranges of a line's Markdown link syntax to leave out: the
/// brackets and target of a link (`[text](url)` reads "text"), a whole
/// image (`![alt](src)`), a footnote mark (`[^1]`, and `[^1]:` opening a
/// footnote).
fn markdown_skips(line: &str) -> Vec<std::ops::Range<usize>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    // Most lines hold no bracket at all.
    let Some(mut i) = memchr::memchr(b'[', b) else {
        return out;
    };
    while i < b.len() {
        if b[i] != b'[' {
            i += 1;
            continue;
        }
        let Some(close) = line[i..].find(']').map(|k| i + k) else {
            break;
        };
        let image = i > 0 && b[i - 1] == b'!';
        if b.get(i + 1) == Some(&b'^') {
            let end = if b.get(close + 1) == Some(&b':') {
                close + 2
            } else {
                close + 1
            };
            out.push(i..end);
            i = end;
            continue;
        }
        let target_end = (b.get(close + 1) == Some(&b'('))
            .then(|| line[close + 1..].find(')').map(|k| close + 1 + k + 1))
            .flatten();
        match target_end {
            Some(end) if image => out.push(i - 1..end),
            Some(end) => {
                out.push(i..i + 1);
                out.push(close..end);
            }
            None => {}
        }
        i = target_end.unwrap_or(close + 1);
    }
    out
}

/// Drop leading blockquote markers and list bullets.
fn strip_block_markers(line: &str) -> &str {
    let mut l = line.trim_start();
    loop {
        let before = l;
        if let Some(rest) = l.strip_prefix('>') {
            l = rest.trim_start();
        }
        for bullet in ["- ", "* ", "+ ", "• ", "· "] {
            if let Some(rest) = l.strip_prefix(bullet) {
                l = rest.trim_start();
            }
        }
        if l == before {
            return l;
        }
    }
}

/// Does this line open a list item (so it starts a new unit)?
pub fn is_list_item(line: &str) -> bool {
    let l = line.trim_start();
    ["- ", "* ", "+ ", "• ", "· "]
        .iter()
        .any(|b| l.starts_with(b))
}

fn starts_lowercase(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

fn looks_like_tag(rest: &str) -> bool {
    // A tag closes within 60 bytes (cut back to a character boundary).
    let mut end = rest.len().min(60);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let Some(close) = rest[..end].find('>') else {
        return false;
    };
    let inner = &rest[1..close];
    inner
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(lines: &[&str], doc: &str) -> Cleaned {
        let mut c = Cleaned::default();
        for l in lines {
            let off = doc.find(l).unwrap_or(0);
            c.join_line_skipping(l, off, doc, &[]);
        }
        c
    }

    #[test]
    fn markdown_links_images_footnotes_and_table_pipes_are_dropped() {
        let line = "See [the full dataset](https://example.org/d.csv) and ![chart](c.png) \
                    on Torkham.[^1] Costs [rose] (sharply).";
        let c = join(&[line], line);
        assert_eq!(
            c.text,
            "See the full dataset and on Torkham. Costs [rose] (sharply)."
        );
        // Spans still point into the source: "dataset" is where it was.
        let at = c.text.find("dataset").unwrap();
        let (from, _) = c.raw_span(at, at + 7);
        assert_eq!(&line[from..from + 7], "dataset");
        let note = "[^1]: Interview in Peshawar, March 2023.";
        assert_eq!(
            join(&[note], note).text,
            "Interview in Peshawar, March 2023."
        );
        let row = "| Torkham | 1,200 | 900 |";
        assert_eq!(join(&[row], row).text, "Torkham 1,200 900");
    }

    #[test]
    fn a_lone_angle_bracket_before_accented_text_is_kept() {
        // The tag test looks 60 bytes ahead; here byte 60 is inside "é".
        let line = format!("a <{} b", "é".repeat(40));
        let c = join(&[line.as_str()], &line);
        assert_eq!(c.text, line);
    }

    #[test]
    fn joins_hard_wrapped_lines_and_drops_markup() {
        let doc = "**Bold** start of a\nparagraph with \\[note\\] and <s>x</s>.";
        let c = join(
            &[
                "**Bold** start of a",
                "paragraph with \\[note\\] and <s>x</s>.",
            ],
            doc,
        );
        assert_eq!(c.text, "Bold start of a paragraph with [note] and x.");
        assert_eq!(c.raw_span(0, c.text.len()), (2, doc.len()));
    }

    #[test]
    fn repairs_hyphens_followed_by_a_space() {
        let doc = "The sea- level rise and a High- Level Panel hurt the coun- try; \
                   two- and three-year plans. Our country.";
        let c = join(&[doc], doc);
        assert_eq!(
            c.text,
            "The sea-level rise and a High-Level Panel hurt the country; \
             two- and three-year plans. Our country."
        );
        // Every byte still maps back into the raw line.
        let at = c.text.find("level").unwrap();
        assert_eq!(&doc[c.raw_span(at, at + 5).0..][..5], "level");
    }

    #[test]
    fn rejoins_hyphenated_words_but_keeps_compounds() {
        let doc = "the secu-\nrity of the cross-\nborder trade; cross-border again";
        let c = join(
            &[
                "the secu-",
                "rity of the cross-",
                "border trade; cross-border again",
            ],
            doc,
        );
        assert_eq!(
            c.text,
            "the security of the cross-border trade; cross-border again"
        );
        // Broken before a capital: a compound of names, hyphen kept whole.
        let doc = "on the Afghan-\nPakistan frontier";
        let c = join(&["on the Afghan-", "Pakistan frontier"], doc);
        assert_eq!(c.text, "on the Afghan-Pakistan frontier");
        let doc = "the China–Afghanistan–\nPakistan talks, the war – \nand after";
        let c = join(
            &[
                "the China–Afghanistan–",
                "Pakistan talks, the war –",
                "and after",
            ],
            doc,
        );
        assert_eq!(
            c.text,
            "the China–Afghanistan–Pakistan talks, the war – and after"
        );
        let doc = "A post-\n2015 agenda";
        let c = join(&["A post-", "2015 agenda"], doc);
        assert_eq!(c.text, "A post-2015 agenda");
    }
}
