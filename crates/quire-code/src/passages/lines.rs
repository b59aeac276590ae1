//! The raw lines of a document and what each one is: text, a heading, a
//! blank, a courtesy fragment ("Mr. President,") or an artefact to drop
//! (page numbers, running headers and footers, `\###` end marks, HTML
//! comments). Headings are Markdown `#` lines, ALL-CAPS lines and short
//! title-like lines standing alone between blank lines.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum LineKind {
    Blank,
    Text,
    Heading(String),
    /// An address to the audience with no content of its own.
    Courtesy,
    Artefact,
    /// A line of a page's footnotes: the note's number on its first line,
    /// `None` on the lines it wraps over.
    Footnote(Option<u32>),
}

#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Byte offset of `text` in the document.
    pub start: usize,
    /// The line, trimmed.
    pub text: &'a str,
    pub kind: LineKind,
    /// First line of a new page.
    pub new_page: bool,
    /// Byte ranges of `text` to leave out: markers of footnotes.
    pub skips: Vec<std::ops::Range<usize>>,
}

/// Byte offset where the body starts: after a YAML front-matter block.
pub fn body_start(text: &str) -> usize {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return 0;
    };
    let head = text.len() - rest.len();
    let mut pos = head;
    for line in rest.split_inclusive('\n') {
        pos += line.len();
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return pos;
        }
    }
    0
}

/// The `id:` field of a YAML front-matter block, if there is one.
pub fn front_matter_id(text: &str) -> Option<String> {
    let end = body_start(text);
    text[..end].lines().find_map(|l| {
        let v = l.strip_prefix("id:")?.trim().trim_matches(['\'', '"']);
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// Split the body into classified lines. `page_starts` are the byte offsets
/// where pages 2, 3, ... begin (form feeds also count as page breaks).
pub fn classify<'a>(text: &'a str, from: usize, page_starts: &[usize]) -> Vec<Line<'a>> {
    let mut lines = raw_lines(text, from);
    // Artefacts first, whatever stands around them: page furniture at a
    // page's foot must not pass for a footnote's last line.
    for line in &mut lines {
        if line.kind == LineKind::Text && is_artefact(line.text) {
            line.kind = LineKind::Artefact;
        }
    }
    let mut breaks: Vec<usize> = page_starts.to_vec();
    breaks.extend(text.match_indices('\x0c').map(|(i, _)| i + 1));
    breaks.sort_unstable();
    if !breaks.is_empty() {
        for range in page_ranges(&lines, &breaks).iter().skip(1) {
            if let Some(first) = lines.get_mut(range.start) {
                first.new_page = true;
            }
        }
        drop_running_heads(&mut lines, &breaks);
        let pages = page_ranges(&lines, &breaks);
        super::footnotes::mark(&mut lines, &pages, text);
    }
    let paginated = !breaks.is_empty();
    for k in 0..lines.len() {
        if lines[k].kind != LineKind::Text {
            continue;
        }
        // A document's first line of three words or more that reads like a
        // title, followed by a line that starts a sentence, stands alone
        // too: a PDF's title is often set right above its first paragraph
        // ("Border Security after 2021"). A hard-wrapped first sentence
        // goes on in lower case ("… the President / declared a …").
        let first = lines[..k]
            .iter()
            .all(|l| matches!(l.kind, LineKind::Blank | LineKind::Artefact))
            && lines[k].text.split_whitespace().count() >= 3
            && lines
                .get(k + 1)
                .is_some_and(|l| l.text.starts_with(char::is_uppercase));
        // Page furniture between (a page number above a page's first
        // line) does not join a line to its neighbours.
        let before = lines[..k]
            .iter()
            .rev()
            .find(|l| l.kind != LineKind::Artefact);
        let alone = first
            || (before.is_none_or(|l| l.kind == LineKind::Blank)
                && lines.get(k + 1).is_none_or(|l| l.kind == LineKind::Blank))
            || heads_a_paragraph_line(&lines, k);
        lines[k].kind = kind_of(lines[k].text, alone);
        // In a paginated text (a PDF) a short line standing alone without
        // a full stop is a heading in sentence case too ("The threat
        // landscape"): journals set headings so, and the text layer puts
        // them between blank lines like paragraphs.
        if lines[k].kind == LineKind::Text && alone && paginated {
            if let Some(h) = sentence_case_heading(lines[k].text) {
                lines[k].kind = LineKind::Heading(h.to_string());
            }
        }
        // "Theme of UNGA76.": a short title with a full stop, between
        // paragraph lines.
        if lines[k].kind == LineKind::Text && heads_a_paragraph_line(&lines, k) {
            if let Some(bare) = short_title_with_stop(lines[k].text) {
                lines[k].kind = LineKind::Heading(bare.to_string());
            }
        }
    }
    lines
}

/// A heading in sentence case: at most eight words, opening with a
/// capital or a section number ("3. Cooperation and its limits"), with a
/// letter in it and no closing punctuation.
fn sentence_case_heading(line: &str) -> Option<&str> {
    let bare = line.trim_matches(|c| c == '*' || c == '_').trim();
    let words = bare.split_whitespace().count();
    let opens = bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let closes = bare.ends_with(['.', ',', ';', ':', '?', '!', '"', '”', ')']);
    (words <= 8 && bare.len() <= 80 && opens && !closes && bare.chars().any(char::is_alphabetic))
        .then_some(bare)
}

/// A line of at most six words, title-like but for its final full stop.
fn short_title_with_stop(line: &str) -> Option<&str> {
    let bare = line.strip_suffix('.')?;
    (!bare.ends_with('.') && bare.split_whitespace().count() <= 6 && is_title_like(bare))
        .then_some(bare)
}

/// Words of a line that is a paragraph by itself (text stored one
/// paragraph per line, as speeches are); see `SplitOptions`.
const PARAGRAPH_LINE_WORDS: usize = 40;

/// In text stored one paragraph per line, with no blank lines, a heading
/// stands between paragraphs: line `k` comes after a blank, a courtesy
/// line or a finished paragraph, and before a paragraph line
/// ("Introduction" above "On behalf of the Government of Tuvalu, …").
fn heads_a_paragraph_line(lines: &[Line<'_>], k: usize) -> bool {
    let paragraph = |l: &Line<'_>| l.text.split_whitespace().count() >= PARAGRAPH_LINE_WORDS;
    let after_break = k == 0
        || matches!(lines[k - 1].kind, LineKind::Blank | LineKind::Courtesy)
        || (paragraph(&lines[k - 1]) && lines[k - 1].text.ends_with(['.', '!', '?', '"', '”']));
    after_break && lines.get(k + 1).is_some_and(paragraph)
}

fn raw_lines(text: &str, from: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = from;
    for piece in text[from..].split(['\n', '\x0c']) {
        let content = piece.trim_end_matches('\r');
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        let kind = if trimmed.is_empty() {
            LineKind::Blank
        } else {
            LineKind::Text
        };
        out.push(Line {
            start: pos + lead,
            text: trimmed,
            kind,
            new_page: false,
            skips: Vec::new(),
        });
        pos += piece.len() + 1;
    }
    out
}

/// What a line that is no artefact is (`classify` has marked those).
fn kind_of(line: &str, alone: bool) -> LineKind {
    if let Some(h) = markdown_heading(line) {
        return LineKind::Heading(h);
    }
    if is_courtesy(line) {
        return LineKind::Courtesy;
    }
    let bare = line.trim_matches(|c| c == '*' || c == '_').trim();
    if is_all_caps_heading(bare) || (alone && is_title_like(bare)) {
        return LineKind::Heading(bare.to_string());
    }
    LineKind::Text
}

fn markdown_heading(line: &str) -> Option<String> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.starts_with(' ') {
        return None;
    }
    let h = rest.trim().trim_end_matches('#').trim();
    let h = h.trim_matches(|c| c == '*' || c == '_').trim();
    (!h.is_empty()).then(|| h.to_string())
}

/// Lines that carry no text: page numbers, separators, end marks, comments,
/// datelines such as "2:29 P.M. EDT".
fn is_artefact(line: &str) -> bool {
    let l = line.trim();
    if l.chars().all(|c| !c.is_alphanumeric()) {
        return true; // "\###", "* * *", "---", "<!-- -->" after stripping
    }
    if l.starts_with("<!--") && l.ends_with("-->") {
        return true;
    }
    if is_page_number(l) || is_record_furniture(l) || is_byline(l) || is_browser_margin(l) {
        return true;
    }
    let b = l.as_bytes();
    let time = b.len() >= 4
        && b[0].is_ascii_digit()
        && (b[1] == b':' || (b[1].is_ascii_digit() && b[2] == b':'));
    time && l.split_whitespace().count() <= 4
}

/// What a browser prints in a page's margins when a web page is saved as
/// PDF: the date and time with the page's title ("11/27/26, 11:52 AM The
/// TTP after Kabul"), and its address with the page count
/// ("https://www.brookings.edu/articles/… 1/3"). The text layer may space
/// out their digits ("1 1 /2 7 /2 6"), so spaces next to digits are
/// dropped before looking.
fn is_browser_margin(line: &str) -> bool {
    // Both margins hold a slash; most lines of prose none.
    if memchr::memchr(b'/', line.as_bytes()).is_none() {
        return false;
    }
    let mut packed = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let by_digit =
            |k: Option<&char>| k.is_some_and(|c| c.is_ascii_digit() || "/:,".contains(*c));
        if c == ' '
            && by_digit(i.checked_sub(1).and_then(|p| chars.get(p)))
            && by_digit(chars.get(i + 1))
        {
            continue;
        }
        packed.push(c);
    }
    // "11/27/26,11:52 AM …": a date, a comma, a time.
    let date_time = {
        let mut fields = packed.splitn(2, ',');
        let date = fields.next().unwrap_or("");
        let rest = fields.next().unwrap_or("").trim_start();
        let parts: Vec<&str> = date.split('/').collect();
        let numbers = |p: &&str, max: usize| {
            (1..=max).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit())
        };
        let time = rest.split(' ').next().unwrap_or("");
        let (hours, minutes) = time.split_once(':').unwrap_or(("", ""));
        parts.len() == 3
            && numbers(&parts[0], 2)
            && numbers(&parts[1], 2)
            && numbers(&parts[2], 4)
            && numbers(&hours, 2)
            && minutes.len() == 2
            && minutes.bytes().all(|c| c.is_ascii_digit())
    };
    // "… https://… 2/3" or "file:///… 1 /1": an address, then the page
    // count last.
    let count_last = line
        .trim_end()
        .rsplit_once('/')
        .is_some_and(|(head, total)| {
            let head = head.trim_end();
            let page = head.bytes().rev().take_while(u8::is_ascii_digit).count();
            let total = total.trim();
            !total.is_empty()
                && total.bytes().all(|c| c.is_ascii_digit())
                && page > 0
                && head[..head.len() - page].ends_with(' ')
        });
    let address_and_count = (line.contains("http") || line.contains("file:/")) && count_last;
    date_time || address_and_count
}

/// The running heads and feet of an official record's pages, nothing
/// but document symbols, dates, page fractions and job numbers:
/// "A/70/PV.23 01/10/2015", "15-29664 13/25", "S/2023/370".
fn is_record_furniture(line: &str) -> bool {
    let furniture = |t: &str| {
        let b = t.as_bytes();
        let digits_and = |extra: &[u8]| b.iter().all(|c| c.is_ascii_digit() || extra.contains(c));
        let date_or_fraction = t.contains('/') && digits_and(b"/");
        let job_number = t.contains('-') && digits_and(b"-");
        // "A/70/PV.23", "A/75/592/Add.9": capitals first, parts split by
        // slashes (an addendum, revision or corrigendum last).
        let core = ["/Add.", "/Rev.", "/Corr."]
            .iter()
            .find_map(|suffix| t.find(suffix))
            .map_or(t, |at| &t[..at]);
        let symbol = t.contains('/')
            && b.first().is_some_and(u8::is_ascii_uppercase)
            && core
                .bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || b"/.-".contains(&c));
        date_or_fraction || job_number || symbol
    };
    // "06-52879": the job number of a UN document, printed with the page
    // number ("06-52879 2", "12 05-51226").
    let un_job = |t: &str| {
        let b = t.as_bytes();
        b.len() == 8
            && b[2] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit())
    };
    let page = |t: &str| (1..=4).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_digit());
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let with_symbol = tokens.iter().any(|t| t.contains('/')) && tokens.iter().all(|t| furniture(t));
    let job_and_page =
        tokens.iter().any(|t| un_job(t)) && tokens.iter().all(|t| un_job(t) || page(t));
    !tokens.is_empty() && tokens.len() <= 4 && (with_symbol || job_and_page)
}

/// A byline: "By Asfandyar Mir · 12 May 2023", "By Ayesha Siddiqa and
/// Ahmed Rashid" — a short line of "By" and capitalised names (with
/// "and", a date, separators), which the work's authors already record
/// and which is no heading. A hard-wrapped sentence ("By December, when
/// this Administration will") has words in lower case.
fn is_byline(line: &str) -> bool {
    const JOINERS: &[&str] = &["and", "&", "de", "van", "von", "al", "bin", "da", "di"];
    let mut words = line.split_whitespace();
    let name_like = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || JOINERS.contains(&w)
            || !w.chars().any(char::is_alphanumeric)
    };
    words.next() == Some("By")
        && words
            .clone()
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.all(name_like)
        && line.split_whitespace().count() <= 12
        && !line.ends_with(['.', '?', '!'])
}

/// "12", "- 12 -", "Page 3", "Page 3 of 10", "iv".
pub fn is_page_number(line: &str) -> bool {
    // "Page 12 of 30" at the longest.
    if line.len() > 40 {
        return false;
    }
    let l = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let lower = l.to_ascii_lowercase();
    let l = lower.strip_prefix("page").map_or(lower.as_str(), str::trim);
    let mut parts = l.split(" of ");
    let first = parts.next().unwrap_or("");
    let numeric = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    let roman =
        |s: &str| !s.is_empty() && s.len() <= 5 && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    (numeric(first) || roman(first)) && parts.all(|p| numeric(p.trim()))
}

/// Addresses and thanks standing alone: "Mr. President,", "Thank you.",
/// "Excellencies, Ladies and Gentlemen,". Most of their words are courtesy
/// words, and they are short.
pub fn is_courtesy(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "madam",
        "madame",
        "president",
        "secretary",
        "general",
        "secretary-general",
        "excellencies",
        "excellency",
        "your",
        "his",
        "her",
        "heads",
        "head",
        "of",
        "state",
        "states",
        "and",
        "government",
        "governments",
        "delegates",
        "delegations",
        "distinguished",
        "ladies",
        "gentlemen",
        "thank",
        "thanks",
        "you",
        "very",
        "much",
        "so",
        "good",
        "morning",
        "afternoon",
        "evening",
        "everyone",
        "everybody",
        "assalamu",
        "alaikum",
        "salaam",
        "chair",
        "co-chairs",
        "colleagues",
        "friends",
        "dear",
        "all",
        "the",
        "honourable",
        "honorable",
        "members",
        "member",
        "guests",
        "god",
        "bless",
        "america",
        "troops",
        "protect",
        "our",
        "may",
        "okay",
        "ok",
        "hello",
        "hi",
        "sir",
        "folks",
        "bye",
        "a",
        "lot",
    ];
    // Most lines are long: counted before any word is lower-cased.
    let counted = |w: &&str| w.chars().any(|c| c.is_alphanumeric() || c == '-');
    if line.split_whitespace().filter(counted).nth(12).is_some() {
        return false;
    }
    let words: Vec<String> = line
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    // "Your Excellency Abdulla Shahid": an address to a named person.
    let addresses_someone = words.len() <= 6
        && matches!(
            (words[0].as_str(), words.get(1).map(String::as_str)),
            (
                "your" | "his" | "her",
                Some("excellency" | "majesty" | "highness")
            )
        );
    // Words that also run through ordinary sentences: a line of nothing
    // else ("the.", "and of all") is the end of a hard-wrapped sentence.
    const ALSO_ORDINARY: &[&str] = &[
        "the",
        "a",
        "of",
        "and",
        "all",
        "so",
        "very",
        "much",
        "our",
        "may",
        "you",
        "your",
        "his",
        "her",
        "state",
        "states",
        "government",
        "governments",
        "member",
        "members",
        "lot",
        "protect",
        "troops",
        "good",
        "head",
    ];
    let known = words.iter().filter(|w| WORDS.contains(&w.as_str())).count();
    let courteous = words
        .iter()
        .any(|w| WORDS.contains(&w.as_str()) && !ALSO_ORDINARY.contains(&w.as_str()));
    addresses_someone || (courteous && known * 10 >= words.len() * 8)
}

fn is_all_caps_heading(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4
        && letters.iter().all(|c| c.is_uppercase())
        && line.split_whitespace().count() <= 12
        && !line.ends_with(':')
        && !line.ends_with(',')
}

/// A short line, standing alone, that reads like a title: no closing
/// punctuation and most words capitalised.
fn is_title_like(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 || line.len() > 90 {
        return false;
    }
    // A row of figures ("2 3 1 2 7 5", a table's) titles nothing.
    if line.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return false;
    }
    if line.ends_with(['.', ',', ';', ':', '?', '!', '"', '”']) {
        return false;
    }
    if !line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    // Words a title keeps in lower case: articles, conjunctions and
    // prepositions ("Border Security after 2021").
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "and", "or", "nor", "but", "as", "in", "on", "for", "to", "with",
        "at", "by", "from", "after", "before", "since", "under", "over", "between", "into",
        "against", "about", "amid", "beyond", "through", "toward", "towards", "across", "during",
        "within", "without", "via", "vs", "versus", "upon",
    ];
    let capitalised = words
        .iter()
        .filter(|w| {
            SMALL.contains(w)
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    capitalised * 10 >= words.len() * 8
}

/// Running headers and footers: a line (digits masked) that recurs among the
/// first or last two lines of several pages is dropped everywhere it sits at
/// a page edge. Page-number lines at edges go too.
fn drop_running_heads(lines: &mut [Line<'_>], page_starts: &[usize]) {
    let pages = page_ranges(lines, page_starts);
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut edges: Vec<(usize, String)> = Vec::new();
    for range in &pages {
        let text_idx: Vec<usize> = range
            .clone()
            .filter(|&k| lines[k].kind != LineKind::Blank)
            .collect();
        let n = text_idx.len();
        let mut seen = std::collections::HashSet::new();
        for (pos, &k) in text_idx.iter().enumerate() {
            if pos < 2 || pos + 2 >= n {
                let key = mask_digits(lines[k].text);
                if seen.insert(key.clone()) {
                    *counts.entry(key.clone()).or_default() += 1;
                }
                edges.push((k, key));
            }
        }
    }
    // A head repeats on two pages at least (one page has only its number).
    let needed = 2.max(pages.len() / 3);
    for (k, key) in edges {
        let repeated = pages.len() >= 2 && counts[&key] >= needed;
        if repeated || is_page_number(lines[k].text) {
            lines[k].kind = LineKind::Artefact;
        }
    }
}

fn page_ranges(lines: &[Line<'_>], page_starts: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut begin = 0;
    for k in 1..lines.len() {
        let (prev, here) = (lines[k - 1].start, lines[k].start);
        if page_starts.iter().any(|&p| p > prev && p <= here) {
            ranges.push(begin..k);
            begin = k;
        }
    }
    ranges.push(begin..lines.len());
    ranges
}

fn mask_digits(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_un_records_job_number_and_page_are_artefacts() {
        for furniture in [
            "06-52879 2",
            "12 05-51226",
            "A/70/PV.23 01/10/2015",
            "15-29664 13/25",
        ] {
            assert!(is_artefact(furniture), "{furniture}");
        }
        for text in ["2005-2010 3", "In 2006 the talks began"] {
            assert!(!is_artefact(text), "{text}");
        }
    }

    #[test]
    fn a_browsers_print_margins_are_artefacts() {
        for margin in [
            "11/27/26, 11:52 AM The TTP after Kabul",
            "1 1 /2 7 /2 6 ,   1 1 :5 2   AM The  TTP  after  Kabul",
            "file:///tmp/mix/sources/brookings. html 1 /1",
            "https://www.brookings.edu/articles/the-ttp-after-kabul/ 2/3",
        ] {
            assert!(is_artefact(margin), "{margin}");
        }
        for text in [
            "On 11/27/26 the talks resumed in Doha.",
            "See https://www.brookings.edu/articles/ for 2/3 of the data and more.",
            "The vote was 2/3.",
        ] {
            assert!(!is_artefact(text), "{text}");
        }
    }

    #[test]
    fn strips_front_matter() {
        let t = "---\nid: x\n---\n\nBody";
        assert_eq!(&t[body_start(t)..], "\nBody");
        assert_eq!(body_start("No front matter"), 0);
        assert_eq!(front_matter_id(t).as_deref(), Some("x"));
        assert_eq!(front_matter_id("id: not front matter"), None);
    }

    #[test]
    fn sentence_case_headings_of_a_pdf_stand_alone() {
        let t = "The border was closed for weeks and trade fell sharply.\n\n\
                 The threat landscape\n\n\
                 Attacks rose after the takeover of Kabul in August 2021.\n";
        let page_two = t.len() - 10;
        let kinds = |pages: &[usize]| -> Vec<LineKind> {
            classify(t, 0, pages).into_iter().map(|l| l.kind).collect()
        };
        assert_eq!(
            kinds(&[page_two])[2],
            LineKind::Heading("The threat landscape".into())
        );
        // Not in unpaginated text, where such a line may be a sentence
        // of its own.
        assert_eq!(kinds(&[])[2], LineKind::Text);
        assert_eq!(
            sentence_case_heading("3. Cooperation and its limits"),
            Some("3. Cooperation and its limits")
        );
        assert_eq!(sentence_case_heading("They left."), None);
    }

    #[test]
    fn bylines_are_furniture_but_sentences_opening_with_by_are_not() {
        assert!(is_byline("By Asfandyar Mir · 12 May 2023"));
        assert!(is_byline("By Ayesha Siddiqa and Ahmed Rashid"));
        assert!(!is_byline("By 2030, Pakistan will have fenced the border."));
        assert!(!is_byline("By December, when this Administration will"));
        assert!(!is_byline(
            "By Contrast the Taliban waited for the talks to fail."
        ));
        assert!(!is_byline("by the way"));
    }

    #[test]
    fn classifies_headings_courtesy_and_artefacts() {
        let t = "# Intro\n\nTHE DURAND LINE\n\nBorder Management Today\n\nMr. President,\nText here.\n\\###\n12\n2:29 P.M. EDT\n";
        let kinds: Vec<LineKind> = classify(t, 0, &[]).into_iter().map(|l| l.kind).collect();
        assert_eq!(kinds[0], LineKind::Heading("Intro".into()));
        assert_eq!(kinds[2], LineKind::Heading("THE DURAND LINE".into()));
        assert_eq!(
            kinds[4],
            LineKind::Heading("Border Management Today".into())
        );
        assert_eq!(kinds[6], LineKind::Courtesy);
        assert!(is_courtesy("Your Excellency Abdulla Shahid,"));
        assert!(is_courtesy("Heads of State and Government,"));
        assert!(is_courtesy("Thank you very much."));
        // Hard-wrapped ends of sentences made of words courtesies also use.
        assert!(!is_courtesy("the."));
        assert!(!is_courtesy(
            "the Government and the people of the State of Bahrain"
        ));
        assert!(!is_courtesy("our troops."));
        assert!(!is_courtesy(
            "Your Excellency, the crisis in our region has deepened and we ask for help."
        ));
        assert_eq!(kinds[7], LineKind::Text);
        // A PDF's title set right above its first paragraph; but not a
        // first sentence that goes on in lower case.
        let kinds_of = |t: &str| -> Vec<LineKind> {
            classify(t, 0, &[]).into_iter().map(|l| l.kind).collect()
        };
        assert_eq!(
            kinds_of("Border Security after 2021\nSecurity cooperation broke down.")[0],
            LineKind::Heading("Border Security after 2021".into())
        );
        assert_eq!(
            kinds_of("On February 11, 2022, by Executive Order 14064, the President\ndeclared it.")
                [0],
            LineKind::Text
        );
        assert_eq!(
            &kinds[8..11],
            &[LineKind::Artefact, LineKind::Artefact, LineKind::Artefact]
        );
    }

    #[test]
    fn an_official_records_page_furniture_is_an_artefact() {
        for line in [
            "A/70/PV.23 01/10/2015",
            "01/10/2015 A/70/PV.23",
            "15-29664 13/25",
            "14/25 15-29664",
        ] {
            assert!(is_artefact(line), "{line}");
        }
        for line in [
            "A/RES/76/1 was adopted",
            "COVID-19",
            "Thank you",
            "2021-2022",
        ] {
            assert!(!is_artefact(line), "{line}");
        }
    }

    #[test]
    fn a_heading_between_paragraph_lines() {
        let paragraph = "On behalf of the Government I congratulate you. ".repeat(5);
        let t = format!("Mr. President,\nIntroduction\n{paragraph}\nClimate Security\n{paragraph}\nOur Atolls\nWe are low.\n");
        let kinds: Vec<LineKind> = classify(&t, 0, &[]).into_iter().map(|l| l.kind).collect();
        assert_eq!(kinds[1], LineKind::Heading("Introduction".into()));
        assert_eq!(kinds[3], LineKind::Heading("Climate Security".into()));
        // Before a short line, a short title-like line is text.
        assert_eq!(kinds[5], LineKind::Text);
        let stopped = format!("Mr. President,\nTheme of UNGA76.\n{paragraph}\nWe Agree.\nNo.\n");
        let stopped_kinds: Vec<LineKind> = classify(&stopped, 0, &[])
            .into_iter()
            .map(|l| l.kind)
            .collect();
        assert_eq!(
            stopped_kinds[1],
            LineKind::Heading("Theme of UNGA76".into())
        );
        assert_eq!(stopped_kinds[3], LineKind::Text);
    }

    #[test]
    fn line_offsets_point_into_the_text() {
        let t = "  one\r\ntwo\n\nthree";
        for l in classify(t, 0, &[]) {
            assert_eq!(&t[l.start..l.start + l.text.len()], l.text);
        }
    }
}
