//! Stable work ids and the small field parsers every format shares (years,
//! dates, page ranges, keyword lists).
//!
//! The id of a work is, in order of preference: the key the source gave it
//! (BibTeX citation key, front-matter `id`, a CSL/RIS id that looks like a
//! key), its DOI, or a slug of first-author family + year + the first title
//! words. The same record always gets the same id; the store resolves
//! clashes between different records.

use quire_model::{normalize, Work};
use std::fmt::Write as _;

const ID_MAX: usize = 80;

/// The id of a work, given the key its source assigned (if any).
pub fn work_id(source_key: Option<&str>, work: &Work) -> String {
    if let Some(key) = source_key.filter(|k| looks_like_key(k)) {
        let s = slug(key, ID_MAX);
        if !s.is_empty() {
            return s;
        }
    }
    if let Some(doi) = &work.doi {
        let mut id = String::with_capacity(4 + doi.len().min(ID_MAX));
        id.push_str("doi-");
        slug_into(doi, ID_MAX, &mut id);
        return id;
    }
    derived_id(work)
}

/// A key worth keeping as an id: short, not a bare record number, not a URL.
fn looks_like_key(key: &str) -> bool {
    let k = key.trim();
    !k.is_empty()
        && k.len() <= 100
        && !k.chars().all(|c| c.is_ascii_digit())
        && !k.contains("://")
        && k.chars().any(|c| c.is_alphabetic())
}

/// "khan-2021-border-trade-and-security" from author, year and title.
fn derived_id(work: &Work) -> String {
    // Organisation names can be long: a short prefix keeps the title visible.
    let author = slug(work.first_author_family().unwrap_or("anon"), 20);
    let mut text = String::with_capacity(author.len() + 6 + work.title.len().min(120));
    text.push_str(&author);
    text.push(' ');
    match work.year {
        Some(y) => {
            let _ = write!(text, "{y}");
        }
        None => text.push_str("nd"),
    }
    for word in work.title.split_whitespace().take(5) {
        text.push(' ');
        text.push_str(word);
    }
    let s = slug(&text, ID_MAX);
    if s.is_empty() {
        "untitled".to_string()
    } else {
        s
    }
}

/// [`normalize::slug`], with a fast path for ASCII text (most titles and
/// keys), which needs no Unicode decomposition. Same output either way.
pub fn slug(text: &str, max_len: usize) -> String {
    if !text.is_ascii() {
        return normalize::slug(text, max_len);
    }
    let mut out = String::with_capacity(text.len().min(max_len));
    slug_into(text, max_len, &mut out);
    out
}

/// [`slug`] of `text` appended to `out` (what `out` held before stays and
/// does not count towards `max_len`).
fn slug_into(text: &str, max_len: usize, out: &mut String) {
    if !text.is_ascii() {
        out.push_str(&normalize::slug(text, max_len));
        return;
    }
    let base = out.len();
    let mut gap = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if gap && out.len() > base {
                out.push('-');
            }
            gap = false;
            out.push(b.to_ascii_lowercase() as char);
        } else {
            gap = true;
        }
        if out.len() - base > max_len {
            break;
        }
    }
    if out.len() - base > max_len {
        out.truncate(base + max_len);
        while out.len() > base && out.ends_with('-') {
            out.pop();
        }
    }
}

/// The first plausible four-digit year in a date-ish string:
/// "2021-08-31", "31 Aug 2021", "2021///", "c. 1998".
pub fn year_in(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &b[i..i + 4];
        let boundary_before = i == 0 || !b[i - 1].is_ascii_digit();
        let boundary_after = b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if boundary_before && boundary_after && w.iter().all(u8::is_ascii_digit) {
            let y: i32 = std::str::from_utf8(w).ok()?.parse().ok()?;
            (1000..=2200).contains(&y).then_some(y)
        } else {
            None
        }
    })
}

/// An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from numeric parts.
pub fn iso_date(year: i32, month: Option<u32>, day: Option<u32>) -> String {
    match (month.filter(|m| (1..=12).contains(m)), day) {
        (Some(m), Some(d)) if (1..=31).contains(&d) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), _) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    }
}

/// Normalise a date written as "2021-08-31", "2021/08/31/", "2021-08",
/// "2021" or, as PubMed writes it, "2021 Aug 19" (and "2021 Jul-Aug": its
/// first month) to ISO; None when it has no year.
pub fn iso_from_text(text: &str) -> Option<String> {
    let parts: Vec<&str> = text
        .split(['-', '/', ' ', 'T'])
        .filter(|p| !p.is_empty())
        .collect();
    let year: i32 = parts
        .first()?
        .parse()
        .ok()
        .filter(|y| (1000..=2200).contains(y))?;
    let month = parts
        .get(1)
        .and_then(|m| m.parse().ok().or_else(|| normalize::month_number(m)));
    let day = parts.get(2).and_then(|d| d.parse().ok());
    Some(iso_date(year, month, day))
}

/// "12" + "30" → "12–30"; either alone stays as given.
pub fn page_range(start: Option<&str>, end: Option<&str>) -> Option<String> {
    let start = start.map(str::trim).filter(|s| !s.is_empty());
    let end = end.map(str::trim).filter(|s| !s.is_empty());
    match (start, end) {
        (Some(s), Some(e)) if s != e => {
            let mut range = String::with_capacity(s.len() + e.len() + 3);
            range.push_str(s);
            range.push('–');
            range.push_str(e);
            Some(range)
        }
        (Some(s), _) => Some(s.to_string()),
        (None, Some(e)) => Some(e.to_string()),
        (None, None) => None,
    }
}

/// Split a keyword field written as "a; b; c" or "a, b, c".
pub fn split_keywords(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    split_keywords_into(text, &mut out);
    out
}

/// [`split_keywords`] appended to `out`.
pub fn split_keywords_into(text: &str, out: &mut Vec<String>) {
    let sep = if text.contains(';') { ';' } else { ',' };
    out.extend(
        text.split(sep)
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string),
    );
}

/// An abstract without the copyright line a database appended to it:
/// "… were found. © 2021 Elsevier Ltd. All rights reserved.", "Copyright
/// © 2020 …", "(C) 2019 Elsevier B.V.", "(PsycInfo Database Record (c)
/// 2022 APA, all rights reserved)". Only a line that opens the abstract or
/// one of its last sentences (after a full stop, in its last 300 bytes)
/// counts; the text before it is returned trimmed.
pub fn without_copyright(text: &str) -> &str {
    const MARKERS: &[&str] = &[
        "\u{a9}",
        // "Copyright law in Pakistan …" may open a sentence of the abstract.
        "Copyright \u{a9}",
        "Copyright (c)",
        "Copyright (C)",
        "Copyright 1",
        "Copyright 2",
        "Copyright by",
        "(C) 1",
        "(C) 2",
        "(c) 1",
        "(c) 2",
        "All rights reserved",
    ];
    const PSYCINFO: &str = "(PsycINFO Database Record";
    let is_marker = |at: usize| {
        let rest = &text[at..];
        // Every marker opens with "©" (0xC2 0xA9), "C", "(" or "A".
        if !matches!(rest.as_bytes().first(), Some(0xC2 | b'C' | b'(' | b'A')) {
            return false;
        }
        MARKERS.iter().any(|m| rest.starts_with(m))
            || rest
                .get(..PSYCINFO.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(PSYCINFO))
    };
    if is_marker(0) {
        return "";
    }
    // The last few sentences, from the end: a copyright line is one or
    // two sentences ("© 2021 Elsevier Ltd. All rights reserved."), and
    // abstracts are many, most without one, so little is read of each.
    let b = text.as_bytes();
    let tail = text.len().saturating_sub(300);
    let mut cut = None;
    for stop in memchr::memrchr_iter(b'.', &b[tail..]).take(MAX_SENTENCES) {
        let after = tail + stop + 1;
        let spaces = b[after..].iter().take_while(|&&c| c == b' ').count();
        if spaces > 0 && is_marker(after + spaces) {
            cut = Some(after);
        }
    }
    cut.map_or(text, |at| text[..at].trim_end())
}

/// How many of an abstract's last sentences may be its copyright line.
const MAX_SENTENCES: usize = 4;

/// Trimmed, whitespace-collapsed, None when empty.
pub fn clean(text: &str) -> Option<String> {
    if is_clean(text) {
        return (!text.is_empty()).then(|| text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    (!out.is_empty()).then_some(out)
}

/// [`clean`] of a String the caller gives up: returned as it is (no copy)
/// when it is clean already.
pub fn clean_owned(text: String) -> Option<String> {
    if is_clean(&text) {
        return (!text.is_empty()).then_some(text);
    }
    clean(&text)
}

/// No leading, trailing, doubled or non-space whitespace: the common case,
/// copied as is. Checked with SIMD searches rather than byte by byte.
fn is_clean(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if b.len() < SHORT {
        return is_clean_short(text);
    }
    // Most values are plain ASCII with no control character: then only a
    // doubled space can make them unclean. One pass tells.
    if !has_control_or_non_ascii(b) {
        return find_double_space(b).is_none();
    }
    if !text.is_ascii() {
        return is_clean_unicode(text);
    }
    memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr2(0x0B, 0x0C, b).is_none()
        && find_double_space(b).is_none()
}

/// Whether any byte is a C0 control character or not ASCII, 32 bytes at
/// a time without an early exit inside a block, so that the compiler can
/// check each block with vector instructions.
fn has_control_or_non_ascii(b: &[u8]) -> bool {
    let odd = |x: u8| !(0x20..0x80).contains(&x);
    let mut blocks = b.chunks_exact(32);
    let found = blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |any, &x| any | odd(x)));
    found || blocks.remainder().iter().any(|&x| odd(x))
}

/// Where two spaces follow each other in `b`, with a searcher built once
/// (building one per call cost more than the search on short values).
pub(crate) fn find_double_space(b: &[u8]) -> Option<usize> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER
        .get_or_init(|| memchr::memmem::Finder::new(b"  "))
        .find(b)
}

/// Below this length one pass byte by byte beats the SIMD searches, whose
/// set-up costs more than they save on a name, a volume or a page range.
const SHORT: usize = 64;

/// [`is_clean`] of a short value in one pass (no leading or trailing space:
/// the caller checked).
fn is_clean_short(text: &str) -> bool {
    let mut after_space = false;
    for &c in text.as_bytes() {
        match c {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => return false,
            0x80.. => return is_clean_unicode(text),
            _ => after_space = false,
        }
    }
    true
}

fn is_clean_unicode(text: &str) -> bool {
    text.split(' ')
        .all(|w| !w.is_empty() && !w.contains(char::is_whitespace))
}

/// The year a document's first page gives for itself: right after "©"
/// or "Copyright", or in a "Published …" line (the latest of these, as
/// "Published online 2015 · © 2016"), else on a short dated line such as
/// "October 2015, Volume 67". Years in running text are what the document
/// writes about or cites, not its own.
pub fn printed_year(page: &str) -> Option<i32> {
    let marked = page
        .lines()
        .flat_map(marked_years)
        .filter(|&y| plausible_year(y))
        .max();
    marked.or_else(|| {
        static DATED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let dated = DATED.get_or_init(|| {
            regex::Regex::new(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d\d)\b")
                .expect("built-in pattern is valid")
        });
        page.lines()
            .filter(|line| line.split_whitespace().count() <= 12)
            .flat_map(|line| dated.captures_iter(line).filter_map(|c| c[1].parse().ok()))
            .find(|&y| plausible_year(y))
            .or_else(|| bare_year_in_front_matter(page))
    })
}

/// A line that is a year alone among the page's first lines, under the
/// title and the names (LaTeX's `\date{2023}`, a report's cover).
fn bare_year_in_front_matter(page: &str) -> Option<i32> {
    page.lines()
        .map(|line| line.trim().trim_start_matches("# "))
        .filter(|line| !line.is_empty())
        .take(FRONT_MATTER_LINES)
        .filter(|line| line.len() == 4 && line.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|line| line.parse().ok())
        .find(|&y| plausible_year(y))
}

/// How many non-blank lines open a first page before its text.
const FRONT_MATTER_LINES: usize = 8;

/// Years a line marks as the document's own: "© 2016", "Copyright 2016",
/// a line opening with "Published" ("Published online: 3 June 2015").
fn marked_years(line: &str) -> Vec<i32> {
    let lower = line.trim().to_lowercase();
    let mut out = Vec::new();
    let mut after = |at: usize, reach: usize| {
        let mut end = (at + reach).min(lower.len());
        while !lower.is_char_boundary(end) {
            end += 1;
        }
        if let Some(year) = year_in(&lower[at..end]) {
            out.push(year);
        }
    };
    for (marker, reach) in [("©", 7), ("(c) ", 5), ("copyright", 24)] {
        for (i, _) in lower.match_indices(marker) {
            after(i + marker.len(), reach);
        }
    }
    if lower.starts_with("published") {
        after("published".len(), 40);
    }
    out
}

/// Not before print, not after this year.
pub fn plausible_year(year: i32) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(2100, |d| 1970 + (d.as_secs() / 31_556_952) as i32);
    (1900..=now).contains(&year)
}

/// "sources/khan-2021.md" → "khan-2021": what a file is called when it
/// says nothing about itself.
pub fn file_stem(file: &str) -> String {
    std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file)
        .to_string()
}

/// Whether a title is only the name of `file` (its stem): what readers
/// call a text that names no title of its own. Compared without building
/// the stem, as dedup asks it of every record.
pub fn is_file_name(title: &str, file: &str) -> bool {
    std::path::Path::new(file).file_stem() == Some(std::ffi::OsStr::new(title))
}

/// The year a file's name gives ("khan-2021.md", "ungdc_2020_cpv.txt"):
/// a run of exactly four digits that is a plausible year, when the name
/// has one such run only ("2019-2021-review.pdf" gives none).
pub fn year_in_file_name(file: &str) -> Option<i32> {
    let stem = std::path::Path::new(file).file_stem()?.to_str()?;
    let mut years = stem
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<i32>().ok())
        .filter(|&y| plausible_year(y));
    let year = years.next()?;
    years.all(|other| other == year).then_some(year)
}

/// Titles word processors write by themselves.
pub fn is_junk_title(t: &str) -> bool {
    let l = t.trim().to_ascii_lowercase();
    let numbered = |prefix: &str| {
        l.strip_prefix(prefix)
            .is_some_and(|rest| rest.trim().chars().all(|c| c.is_ascii_digit()))
    };
    matches!(
        l.as_str(),
        "untitled" | "title" | "draft" | "powerpoint presentation"
    ) || numbered("document")
        || numbered("slide")
        || numbered("untitled")
        || l.starts_with("microsoft word")
        || l.starts_with("microsoft powerpoint")
        || [
            ".doc", ".docx", ".pdf", ".tex", ".dvi", ".indd", ".html", ".htm", ".txt", ".md",
            ".odt", ".rtf",
        ]
        .iter()
        .any(|e| l.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_gives_a_year_only_when_it_names_one() {
        assert_eq!(year_in_file_name("sources/khan-2021.md"), Some(2021));
        assert_eq!(year_in_file_name("ungdc_2020_cpv.txt"), Some(2020));
        assert_eq!(year_in_file_name("2019-2021-review.pdf"), None);
        assert_eq!(year_in_file_name("report-2021-v2021.pdf"), Some(2021));
        assert_eq!(year_in_file_name("agenda-2063.txt"), None);
        assert_eq!(year_in_file_name("isbn-9781234567890.pdf"), None);
        assert_eq!(year_in_file_name("no-year.md"), None);
        // The folder is not the file's name.
        assert_eq!(year_in_file_name("2021/notes.md"), None);
    }
    use quire_model::Person;

    #[test]
    fn clean_check_agrees_with_collapsing_at_every_length() {
        let pieces = [
            "a", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1}", "é", "\u{a0}",
            "Khan,", "x",
        ];
        for n in [1, 2, 30, 63, 64, 65, 95, 96, 97, 200] {
            for (i, odd) in pieces.iter().enumerate() {
                let mut text = "w".repeat(n);
                text.insert_str(n / 2, odd);
                text.push_str(pieces[(i + 3) % pieces.len()]);
                let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(is_clean(&text), text == collapsed, "{text:?}");
                assert_eq!(clean(&text).unwrap_or_default(), collapsed, "{text:?}");
            }
        }
    }

    #[test]
    fn ids_prefer_key_then_doi_then_slug() {
        let mut w = Work {
            title: "Border Trade and Security in Khyber".into(),
            authors: vec![Person::new("Khán", None)],
            year: Some(2021),
            ..Default::default()
        };
        assert_eq!(work_id(Some("Khan2021:border"), &w), "khan2021-border");
        assert_eq!(
            work_id(Some("12345"), &w),
            "khan-2021-border-trade-and-security-in"
        );
        w.doi = Some("10.1080/abc.1".into());
        assert_eq!(work_id(None, &w), "doi-10-1080-abc-1");
    }

    #[test]
    fn fast_slug_and_clean_agree_with_the_slow_paths() {
        for t in [
            "Khan 2021: Border & Trade",
            "--a--b--",
            "",
            "x".repeat(90).as_str(),
            "ab cd-ef gh",
            "Mí Café",
        ] {
            for max in [5, 12, 80] {
                assert_eq!(slug(t, max), normalize::slug(t, max), "{t:?} {max}");
            }
        }
        assert_eq!(clean(" a  b\n c ").as_deref(), Some("a b c"));
        assert_eq!(clean("a b c").as_deref(), Some("a b c"));
        assert_eq!(clean("Kö\u{a0}ln x").as_deref(), Some("Kö ln x"));
        assert_eq!(clean("  "), None);
    }

    #[test]
    fn copyright_lines_leave_the_abstract() {
        let abs = "Trade fell by a third. We found no effect of fencing.";
        for note in [
            " © 2021 Elsevier Ltd. All rights reserved.",
            " Copyright © 2020 Elsevier Inc. All rights reserved.",
            " (C) 2019 Elsevier B.V. All rights reserved.",
            " (PsycInfo Database Record (c) 2022 APA, all rights reserved)",
            " © The Author(s) 2021. Published by Oxford University Press.",
        ] {
            assert_eq!(without_copyright(&format!("{abs}{note}")), abs, "{note}");
        }
        // Inside a sentence it stays, and so does a sentence on copyright.
        let inside = "Options (A), (B) and (C) 2021 budgets were © marked in the text.";
        assert_eq!(without_copyright(inside), inside);
        let on_law = "We study trade. Copyright law in Pakistan lags.";
        assert_eq!(without_copyright(on_law), on_law);
        assert_eq!(without_copyright("© 2021 Elsevier Ltd."), "");
    }

    #[test]
    fn years_and_dates() {
        assert_eq!(year_in("31 Aug 2021"), Some(2021));
        assert_eq!(year_in("2021///"), Some(2021));
        assert_eq!(year_in("12345"), None);
        assert_eq!(year_in("n.d."), None);
        assert_eq!(iso_from_text("2021/08/31/").as_deref(), Some("2021-08-31"));
        // PubMed's DP field.
        assert_eq!(iso_from_text("2021 Aug 19").as_deref(), Some("2021-08-19"));
        assert_eq!(iso_from_text("2021 Jul-Aug").as_deref(), Some("2021-07"));
        assert_eq!(iso_from_text("2021 Spring").as_deref(), Some("2021"));
        assert_eq!(iso_from_text("2021 Augur").as_deref(), Some("2021"));
        assert_eq!(iso_from_text("2021-13").as_deref(), Some("2021"));
        assert_eq!(page_range(Some("12"), Some("30")).as_deref(), Some("12–30"));
        assert_eq!(split_keywords("a; b, c;"), vec!["a", "b, c"]);
    }
}
