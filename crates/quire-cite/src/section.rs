//! Finding the reference section of a manuscript and splitting it into
//! entries.
//!
//! The section starts at the last heading that names a reference list
//! (References, Bibliography, Works Cited, Literature, Sources, ...) and runs
//! to the next heading of another kind (Appendix, Notes, Affiliation, a
//! lettered appendix heading such as "A. Proofs", ...) or the end. A text
//! without such a heading is taken as a bare list of references (for
//! `cite parse`; `cite check` then has no list).
//!
//! Entries are split by the first layout that fits: numbered markers
//! (`[1]`, `1.`, `(1)`), bullets (`- `, `•`), blank-line-separated blocks,
//! hanging indents, and, failing those, one entry per line with wrapped
//! lines joined when they cannot start a reference. PDF residue is cleaned:
//! page numbers and running heads between entries (recognised across the
//! whole document, page numbers beside them ignored), blank lines left by
//! page breaks, hyphenation at line ends, `**bold**`/`*italic*` markers,
//! missing spaces such as "(2022).THE", and a note under the heading.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// One reference entry as found in the manuscript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The cleaned text of the entry, wrapped lines joined.
    pub text: String,
    /// 1-based line of the manuscript where the entry starts.
    pub line: usize,
    /// The list number when the list is numbered ("12" for `[12]`).
    pub number: Option<String>,
    /// The text set in italics right after the date ("(2026c). *Title*."),
    /// where APA puts a title: the parser's fallback when its labels find
    /// no title.
    pub italic_title: Option<String>,
    /// Every span the entry sets in italics (`*…*`, `_…_`), in order.
    pub italics: Vec<String>,
}

/// Where the reference section was found: the heading's line (1-based), or
/// None when the whole text was taken as a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceSection {
    pub heading_line: Option<usize>,
    /// 0-based index of the first line of the section body.
    pub first_line: usize,
    /// 0-based index one past the last line.
    pub end_line: usize,
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern is valid"))
}

fn heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    regex(
        &R,
        r"(?i)^\s*(?:#{1,6}\s*)?(?:[*_]{1,2})?(?:\d+(?:\.\d+)*\.?\s+|[IVX]+\.\s+)?(?:references(?:\s+cited)?|reference\s+list|list\s+of\s+references|bibliography|select(?:ed)?\s+bibliography|works\s+cited|literature(?:\s+cited)?|cited\s+literature|sources(?:\s+cited)?|references\s+and\s+notes|literaturverzeichnis|bibliographie|références)(?:[*_]{1,2})?\s*:?\s*$",
    )
}

/// A reference-section heading, also when a PDF's text layer split its
/// word at a kerning gap ("11 Referen ces"): a short line is read again
/// with its spaces inside words closed up.
fn is_reference_heading(line: &str) -> bool {
    if heading_re().is_match(line) {
        return true;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 2 || words.len() > 6 || line.len() > 60 {
        return false;
    }
    // Keep a leading section number apart: "11 Referen ces" → "11 References".
    let (number, rest) = match words[0].trim_end_matches('.').parse::<u32>() {
        Ok(_) => (words[0], &words[1..]),
        Err(_) => ("", &words[..]),
    };
    let closed = format!("{number} {}", rest.concat());
    heading_re().is_match(closed.trim())
}

/// A heading that ends the list, also numbered ("12 Appendix: …") or
/// split by a PDF's text layer ("12 A ppendix: …").
fn is_end_heading(line: &str) -> bool {
    if end_heading_re().is_match(line) {
        return true;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some((number, rest)) = words.split_first() else {
        return false;
    };
    if number.trim_end_matches('.').parse::<u32>().is_err() || rest.is_empty() {
        return false;
    }
    // "A ppendix": a lone capital closed up with the word after it.
    let closed = match rest {
        [first, second, tail @ ..] if first.chars().count() == 1 => {
            format!("{first}{second} {}", tail.join(" "))
        }
        _ => rest.join(" "),
    };
    end_heading_re().is_match(&rest.join(" ")) || end_heading_re().is_match(&closed)
}

/// Headings that end a reference section.
fn end_heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    regex(
        &R,
        r"(?i)^\s*(?:#{1,6}\s*)?(?:[*_]{1,2})?(?:appendix|appendices|annex|acknowledg|notes\s*$|endnotes|footnotes|about the authors?|author biograph|affiliations?\s*:?\s*$|supplementary|figures?\s*$|tables?\s*$)",
    )
}

/// Locate the reference section in `lines`.
pub fn find_section(lines: &[&str]) -> ReferenceSection {
    let heading = lines.iter().rposition(|l| is_reference_heading(l));
    let Some(h) = heading else {
        return ReferenceSection {
            heading_line: None,
            first_line: 0,
            end_line: lines.len(),
        };
    };
    let end = lines[h + 1..]
        .iter()
        .position(|l| is_end_heading(l) || is_markdown_heading(l) || is_lettered_heading(l))
        .map_or(lines.len(), |i| h + 1 + i);
    ReferenceSection {
        heading_line: Some(h + 1),
        first_line: h + 1,
        end_line: end,
    }
}

/// "A. Modularization examples", "B.2. Proofs", "A.1 Random variables": an appendix section of a
/// typeset paper. Short, words only after the letter — a reference that
/// starts with an initial ("A. Smith, B. Jones (2001) …") has commas,
/// years or more stops.
fn is_lettered_heading(line: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = regex(
        &R,
        r"^\s*[A-Z](?:(?:\.\d+)+\.?|\.)\s+[A-Z][a-z]+(?:[ -][A-Za-z][a-z]*){0,6}\s*$",
    );
    line.len() < 60 && r.is_match(line)
}

fn is_markdown_heading(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') && t.trim_start_matches('#').starts_with(' ')
}

/// Find the reference section of `text` and split it into entries.
pub fn reference_entries(text: &str) -> Vec<Entry> {
    let lines: Vec<&str> = text.lines().collect();
    let section = find_section(&lines);
    let body: Vec<(usize, &str)> = (section.first_line..section.end_line)
        .map(|i| (i + 1, lines[i]))
        .collect();
    // A running head printed on every page shows up once or twice inside
    // the reference list but many times in the whole document.
    let heads = running_heads(&lines);
    let body: Vec<(usize, &str)> = body
        .into_iter()
        .filter(|(_, l)| !heads.contains(head_key(l)))
        .collect();
    without_page_notes(split_entries(&body))
}

/// The entries without the footnotes that a PDF's last page sets under
/// the list ("1On strategic depth see also …", "2 See Crisis Group …"): in
/// a list whose entries are not numbered, the entries at its end that
/// open with a note's number — glued to its first word, or counting up
/// over two notes or more. A title that opens with a number inside the
/// list ("10 Years of …") is an entry.
fn without_page_notes(mut entries: Vec<Entry>) -> Vec<Entry> {
    let number_of = |e: &Entry| -> Option<(u32, bool)> {
        let digits = e.text.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &e.text[digits..];
        // "1On …", not "3D printing …".
        let mut letters = rest.chars();
        let glued = letters.next().is_some_and(char::is_uppercase)
            && letters.next().is_some_and(char::is_lowercase);
        let spaced =
            rest.starts_with(' ') && rest.trim_start().starts_with(|c: char| c.is_uppercase());
        let n = e.text[..digits].parse().ok()?;
        ((1..=3).contains(&digits) && (glued || spaced)).then_some((n, glued))
    };
    if entries.iter().filter(|e| e.number.is_some()).count() * 2 >= entries.len() {
        return entries;
    }
    let trailing = entries
        .iter()
        .rev()
        .take_while(|e| number_of(e).is_some())
        .count();
    let run: Vec<(u32, bool)> = entries[entries.len() - trailing..]
        .iter()
        .filter_map(number_of)
        .collect();
    let counting_up = run.len() >= 2 && run.windows(2).all(|w| w[1].0 == w[0].0 + 1);
    let glued = !run.is_empty() && run.iter().all(|&(_, g)| g);
    if counting_up || glued {
        entries.truncate(entries.len() - trailing);
    }
    entries
}

fn number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    regex(&R, r"^\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)])\s+")
}

fn bullet_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    regex(
        &R,
        r"^\s*(?:[-*\u{2022}\u{25aa}\u{2023}\u{00b7}]|\u{2013})\s+",
    )
}

/// Short lines without a year that recur on two or more pages of the
/// document: running heads and footers.
/// Page numbers printed beside it differ page by page ("42 Linear Mixed
/// Models", "Bates, Mächler, Bolker, Walker 43"), so they are not part of
/// what makes a running head the same line.
fn running_heads<'a>(lines: &[&'a str]) -> std::collections::HashSet<&'a str> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in lines {
        let t = head_key(l);
        if !t.is_empty() && t.len() < 120 {
            *counts.entry(t).or_default() += 1;
        }
    }
    // A line with a year met twice may be one reference listed twice; met
    // three times or more it is a page's head or foot (a browser prints
    // the date and the page's title on every page).
    counts
        .into_iter()
        .filter(|&(t, n)| {
            if crate::features::contains_year(t) {
                n >= 3
            } else {
                n >= 2 && t.len() < 80
            }
        })
        .filter(|&(t, _)| !number_re().is_match(t) && !is_markdown_heading(t))
        .map(|(t, _)| t)
        .collect()
}

/// A line without surrounding whitespace and page numbers ("12", "35/45").
fn head_key(line: &str) -> &str {
    line.trim()
        .trim_matches(|c: char| c.is_ascii_digit() || c == '/' || c.is_whitespace())
}

/// Split the lines of a reference section (1-based line number, text) into
/// entries.
pub fn split_entries(body: &[(usize, &str)]) -> Vec<Entry> {
    let lines = drop_preface(drop_artefacts(body));
    if lines.is_empty() {
        return Vec::new();
    }
    let nonblank: Vec<&(usize, &str)> =
        lines.iter().filter(|(_, l)| !l.trim().is_empty()).collect();
    let share = |f: &dyn Fn(&str) -> bool| {
        nonblank.iter().filter(|(_, l)| f(l)).count() as f64 / nonblank.len().max(1) as f64
    };
    let numbered = share(&|l| number_re().is_match(l));
    let bulleted = share(&|l| bullet_re().is_match(l));
    let starts: Vec<bool> = if numbered >= 0.2 {
        lines.iter().map(|(_, l)| number_re().is_match(l)).collect()
    } else if bulleted >= 0.2 {
        lines.iter().map(|(_, l)| bullet_re().is_match(l)).collect()
    } else if blank_separated(&lines) {
        block_starts(&lines)
    } else if hanging_indent(&nonblank) {
        lines
            .iter()
            .map(|(_, l)| !l.trim().is_empty() && !l.starts_with([' ', '\t']))
            .collect()
    } else {
        line_starts(&lines)
    };
    drop_trailing_headings(assemble(&lines, &starts))
}

/// After the last reference a typeset paper may go straight on to an
/// appendix whose heading no rule caught ("A Notation"): short trailing
/// entries shaped like a heading (no comma, no closing stop) with no date,
/// link or DOI are not references.
fn drop_trailing_headings(mut entries: Vec<Entry>) -> Vec<Entry> {
    while entries.last().is_some_and(|e| {
        let lower = e.text.to_ascii_lowercase();
        e.text.split_whitespace().count() < 6
            && !e.text.contains(',')
            && !e.text.trim_end().ends_with('.')
            && !has_date(&e.text)
            && !lower.contains("http")
            && !lower.contains("doi")
    }) {
        entries.pop();
    }
    entries
}

/// Remove page numbers, "Page 3 of 9" and running heads (short lines that
/// repeat in the section and hold no year), which PDF text puts between
/// entries.
fn drop_artefacts<'a>(body: &[(usize, &'a str)]) -> Vec<(usize, &'a str)> {
    static PAGE: OnceLock<Regex> = OnceLock::new();
    let page = regex(
        &PAGE,
        r"(?i)^\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*$|^\s*[-\u{2013}]\s*\d{1,4}\s*[-\u{2013}]\s*$",
    );
    let mut repeats: HashMap<&str, usize> = HashMap::new();
    for (_, l) in body {
        let t = l.trim();
        if !t.is_empty() && t.len() < 80 {
            *repeats.entry(t).or_default() += 1;
        }
    }
    let has_year = |t: &str| {
        t.chars().filter(char::is_ascii_digit).count() >= 4 && crate::features::contains_year(t)
    };
    // A line of HTML tags only ("<a id=\"appendix\"></a>" before the next
    // heading of a Markdown report) is markup, not a reference's last line;
    // an autolink ("<https://doi.org/…>") is not a tag.
    static MARKUP: OnceLock<Regex> = OnceLock::new();
    let markup = regex(
        &MARKUP,
        r"^\s*(?:</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>\s*|<!--.*?-->\s*)+$",
    );
    body.iter()
        .filter(|(_, l)| {
            let t = l.trim();
            let running_head = repeats.get(t).copied().unwrap_or(0) >= 2
                && !has_year(t)
                && !number_re().is_match(l);
            !page.is_match(l) && !running_head && !markup.is_match(l)
        })
        .copied()
        .collect()
}

/// Drop a note between the heading and the first entry ("*51 works, APA
/// 7th edition…*"): a first paragraph, followed by a blank line, with no
/// year, DOI or URL in it, before a paragraph that has a year. Without this
/// it would be glued to the first reference, which has not started yet as
/// far as the line splitter can tell.
fn drop_preface(mut lines: Vec<(usize, &str)>) -> Vec<(usize, &str)> {
    // The first paragraph may be any note; later ones only notes set in
    // italics ("*Citation check before writing: …*"), which no reference is.
    for k in 0..MAX_PREFACE_PARAGRAPHS {
        match preface_end(&lines, k == 0) {
            Some(blank) => lines = lines[blank..].to_vec(),
            None => break,
        }
    }
    lines
}

/// Paragraphs of notes that may stand between a heading and the list.
const MAX_PREFACE_PARAGRAPHS: usize = 3;

/// Where the opening paragraph of `lines` ends, if it is a note (no date,
/// DOI or link) before a list that has them.
fn preface_end(lines: &[(usize, &str)], first_paragraph: bool) -> Option<usize> {
    let first = lines.iter().position(|(_, l)| !l.trim().is_empty())?;
    let blank = lines[first..]
        .iter()
        .position(|(_, l)| l.trim().is_empty())
        .map_or(lines.len(), |i| first + i);
    let referencelike = |t: &str| {
        let lower = t.to_ascii_lowercase();
        has_date(&without_counts(t)) || lower.contains("doi") || lower.contains("http")
    };
    let italic = lines[first].1.trim_start().starts_with(['*', '_']);
    let preface_is_note = lines[first..blank].iter().all(|(_, l)| !referencelike(l));
    let rest_has_year = lines[blank..].iter().any(|(_, l)| referencelike(l));
    // A note in italics needs no list after it to be a note ("*0 works.*").
    // Past the first paragraph, a note that lost its italics (HTML, a
    // PDF's text) must speak of the list, lest a first reference that
    // gives no year be taken for one.
    let about_list = || {
        lines[first..blank]
            .iter()
            .any(|(_, l)| speaks_of_the_list(l))
    };
    let note = preface_is_note && (italic || (rest_has_year && (first_paragraph || about_list())));
    (note || all_in_italics(&lines[first..blank])).then_some(blank)
}

/// Words a note about a reference list uses ("51 works, APA 7th
/// edition", "457 in-text citations, 457 matched to the 51 references").
fn speaks_of_the_list(line: &str) -> bool {
    const WORDS: [&str; 8] = [
        "references",
        "citations",
        "works",
        "entries",
        "bibliography",
        "sources",
        "listed",
        "cited",
    ];
    line.split(|c: char| !c.is_alphabetic())
        .any(|w| WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// The text without counts of the list's items ("1938 works", "4181
/// in-text citations"), which would read as years.
fn without_counts(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut kept = Vec::with_capacity(words.len());
    for (k, word) in words.iter().enumerate() {
        let next = words.get(k + 1).copied().unwrap_or("");
        let next = if next == "in-text" {
            words.get(k + 2).copied().unwrap_or("")
        } else {
            next
        };
        let is_count = !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
        if !(is_count && speaks_of_the_list(next)) {
            kept.push(*word);
        }
    }
    kept.join(" ")
}

/// A paragraph set wholly in one italic span, with no DOI or link: a
/// note even when a number in it reads as a year ("*1938 works, APA 7th
/// edition …*"). A reference in italics ends its italics after the
/// title ("*Title*. (2020). Publisher.").
fn all_in_italics(paragraph: &[(usize, &str)]) -> bool {
    let text = paragraph
        .iter()
        .map(|(_, l)| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = text.to_ascii_lowercase();
    if lower.contains("doi") || lower.contains("http") {
        return false;
    }
    ['*', '_'].iter().any(|&mark| {
        let inner = text.strip_prefix(mark).and_then(|t| {
            t.strip_suffix(mark)
                .or_else(|| t.strip_suffix(&format!("{mark}.")))
        });
        inner.is_some_and(|t| !t.is_empty() && !t.contains(mark))
    })
}

/// True when blank lines separate multi-line blocks: at least two blocks,
/// some block longer than one line, and blocks no longer than a reference
/// runs (median of four lines at most) — a page break in a PDF's text also
/// leaves a blank line, between two blocks of many references each.
fn blank_separated(lines: &[(usize, &str)]) -> bool {
    let blocks: Vec<&[(usize, &str)]> = lines
        .split(|(_, l)| l.trim().is_empty())
        .filter(|b| !b.is_empty())
        .collect();
    let mut sizes: Vec<usize> = blocks.iter().map(|b| b.len()).collect();
    sizes.sort_unstable();
    // Blocks of one line each are entries when nearly all of them read as
    // whole entries: a closing stop ("*Title*. (n.d)."), and a date or the
    // sentences of an undated entry ("United Nations. Charter of the United
    // Nations. San Francisco."). A PDF whose every line is set apart by a
    // blank has wrapped halves, most without a closing stop.
    let whole = |b: &&&[(usize, &str)]| {
        let t = b[0].1.trim();
        let closed = t.ends_with(['.', ')', ']']) || ends_with_link(t);
        closed && (has_date(t) || reads_as_undated_entry(t))
    };
    let single_line_entries = blocks.iter().filter(whole).count() * 10 >= blocks.len() * 9;
    sizes.len() >= 2
        && (sizes.iter().any(|&n| n > 1) || single_line_entries)
        && sizes[sizes.len() / 2] <= 4
}

/// An undated entry so far that reads as whole, before a line that opens
/// as an entry does (an APA author and date, "Surname, Given", or another
/// whole undated entry): "Yale University Press, 2000." after a wrapped
/// title is no new entry, "Ali, B. (2021). …" is.
fn undated_entry_ends(entry: &str, next: &str) -> bool {
    static AUTHOR: OnceLock<Regex> = OnceLock::new();
    let author = regex(&AUTHOR, r"^\p{Lu}[\p{L}'’-]+, \p{Lu}");
    entry.ends_with('.')
        && reads_as_undated_entry(entry)
        && (opens_apa_entry(next) || author.is_match(next) || reads_as_undated_entry(next))
}

/// An entry without a date, whole on its line: it opens as a name or a
/// title does (not in lower case, not with a comma or a closing mark) and
/// holds at least three sentences (author, title, publisher).
fn reads_as_undated_entry(line: &str) -> bool {
    let opens = line
        .chars()
        .next()
        .is_some_and(|c| !c.is_lowercase() && !",;:)]".contains(c));
    opens && line.matches(". ").count() >= 2
}

fn block_starts(lines: &[(usize, &str)]) -> Vec<bool> {
    let mut prev_blank = true;
    lines
        .iter()
        .map(|(_, l)| {
            let blank = l.trim().is_empty();
            let start = !blank && prev_blank;
            prev_blank = blank;
            start
        })
        .collect()
}

/// Hanging indent: some lines flush left, others indented, the indented
/// ones never first.
fn hanging_indent(nonblank: &[&(usize, &str)]) -> bool {
    let indented = nonblank
        .iter()
        .filter(|(_, l)| l.starts_with([' ', '\t']))
        .count();
    indented > 0
        && indented < nonblank.len()
        && nonblank
            .first()
            .is_some_and(|(_, l)| !l.starts_with([' ', '\t']))
}

/// One entry a line, except where a line cannot begin a reference: it
/// follows a line ending in a hyphen or without closing punctuation, starts
/// in lower case, or the entry so far has no year yet.
fn line_starts(lines: &[(usize, &str)]) -> Vec<bool> {
    let mut starts = Vec::with_capacity(lines.len());
    let mut current = String::new();
    for (_, l) in lines {
        let t = l.trim();
        if t.is_empty() {
            starts.push(false);
            continue;
        }
        let prev = current.trim_end();
        let continues = !current.is_empty()
            && (prev.ends_with('-')
                // "In S. Wolf (Ed.), Borderlands…": the container of a chapter.
                || t.starts_with("In ") && !has_date(t)
                || t.starts_with(|c: char| {
                    c.is_lowercase() || c.is_ascii_digit() || "(&,;:".contains(c)
                }) && !opens_apa_entry(t)
                || !has_date(&current) && !undated_entry_ends(prev, t)
                || !prev.ends_with(['.', ')', ']']) && !ends_with_link(prev));
        if continues {
            current.push(' ');
            current.push_str(t);
            starts.push(false);
        } else {
            current = t.to_string();
            starts.push(true);
        }
    }
    only_apa_openings_start(lines, starts)
}

/// In a list of APA entries wrapped over lines (a PDF's text layer), a
/// wrapped line may end a sentence ("… *Title*.") and the next open like
/// an entry ("United Nations General Assembly (compiled …)"). When most
/// entries open APA-style ("Author. (2021)."), a line starts an entry only
/// if it opens one so, or with a name and a date in parentheses ("UNAMA
/// (2023). …"): the wrapped rest of an entry does neither.
fn only_apa_openings_start(lines: &[(usize, &str)], starts: Vec<bool>) -> Vec<bool> {
    let opens: Vec<bool> = lines
        .iter()
        .map(|(_, l)| opens_apa_entry(l.trim()))
        .collect();
    let started = starts.iter().filter(|&&s| s).count();
    let apa = opens.iter().filter(|&&o| o).count();
    if apa < 3 || apa * 2 < started {
        return starts;
    }
    static DATED: OnceLock<Regex> = OnceLock::new();
    let dated = regex(
        &DATED,
        r"^[^()]{2,80}?\s\((?:1[5-9]\d\d|20\d\d)[a-z]?[),]|^[^()]{2,80}?\s\(n\.d\.",
    );
    let first = starts.iter().position(|&s| s);
    lines
        .iter()
        .zip(&opens)
        .enumerate()
        .map(|(i, ((_, l), &open))| Some(i) == first || open || dated.is_match(l.trim()))
        .collect()
}

/// "zoo Development Team. (n.d.).", "van Dijk, J. (2019).": an APA entry's
/// opening, author then date in parentheses, even when the author begins
/// in lower case.
fn opens_apa_entry(line: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = regex(
        &R,
        r"^[^()]{2,80}?\.\s\((?:1[5-9]\d\d|20\d\d)[a-z]?|^[^()]{2,80}?\.\s\(n\.d\.(?:-[a-z])?\)",
    );
    r.is_match(line)
}

/// A year, or APA's stand-ins for one ("n.d.", "in press").
fn has_date(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    crate::features::contains_year(text)
        || lower.contains("n.d.")
        || lower.contains("in press")
        || lower.contains("forthcoming")
}

fn ends_with_link(text: &str) -> bool {
    text.rsplit(' ')
        .next()
        .is_some_and(|w| w.starts_with("http") || w.starts_with("doi:") || w.starts_with("10."))
}

/// Join the lines of each entry and clean them.
fn assemble(lines: &[(usize, &str)], starts: &[bool]) -> Vec<Entry> {
    let mut entries: Vec<(usize, Vec<&str>)> = Vec::new();
    for ((n, l), &start) in lines.iter().zip(starts) {
        if l.trim().is_empty() {
            continue;
        }
        match entries.last_mut() {
            Some((_, parts)) if !start => parts.push(l.trim()),
            _ => entries.push((*n, vec![l.trim()])),
        }
    }
    entries
        .into_iter()
        .filter_map(|(line, parts)| {
            let joined = join_lines(&parts);
            let (number, text) = strip_marker(&joined);
            let italic_title = italic_after_date(&text);
            let italics = italic_spans(&text);
            let text = clean(&text);
            (text.chars().any(char::is_alphabetic)).then_some(Entry {
                text,
                line,
                number,
                italic_title,
                italics,
            })
        })
        .collect()
}

/// "(2026c). *Balochistan, Pakistan (lead)*." → "Balochistan, Pakistan (lead)".
fn italic_after_date(text: &str) -> Option<String> {
    static ITALIC: OnceLock<Regex> = OnceLock::new();
    let r = regex(
        &ITALIC,
        r"\((?:\d{4}[a-z]?|n\.\s?d\.(?:-[a-z])?)[^()]*\)\.\s*(?:\*([^*]+)\*|_([^_]+)_)",
    );
    let c = r.captures(text)?;
    let span = c.get(1).or_else(|| c.get(2))?.as_str();
    let title = clean(span);
    (!title.is_empty()).then_some(title)
}

/// The spans an entry sets in Markdown emphasis (`*…*` or `_…_`): in APA
/// the title of a book, report or page, or the periodical of an article.
fn italic_spans(text: &str) -> Vec<String> {
    static ITALIC: OnceLock<Regex> = OnceLock::new();
    let italic = regex(&ITALIC, r"\*([^*]+)\*|(?:^|\s)_([^_]+)_");
    italic
        .captures_iter(text)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| clean(m.as_str()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Join wrapped lines; a line-end hyphen before a lower-case letter was a
/// word break and goes (but "Smith-\nJones" keeps its hyphen).
fn join_lines(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        if out.is_empty() {
            out.push_str(p);
        } else if out.ends_with('-')
            && !out.ends_with("--")
            && p.starts_with(|c: char| c.is_lowercase())
            && out[..out.len() - 1].ends_with(|c: char| c.is_lowercase())
        {
            out.pop();
            out.push_str(p);
        } else if out.ends_with('/') || out.ends_with("doi.org/") {
            out.push_str(p);
        } else {
            out.push(' ');
            out.push_str(p);
        }
    }
    out
}

/// Split off a list marker: "[12] Ruiz ..." → ("12", "Ruiz ...").
fn strip_marker(text: &str) -> (Option<String>, String) {
    if let Some(c) = number_re().captures(text) {
        let n = c
            .iter()
            .skip(1)
            .flatten()
            .next()
            .map(|m| m.as_str().to_string());
        let rest = text[c.get(0).map_or(0, |m| m.end())..].to_string();
        return (n, rest);
    }
    if let Some(m) = bullet_re().find(text) {
        return (None, text[m.end()..].to_string());
    }
    (None, text.to_string())
}

/// Remove markup residue and restore missing spaces.
pub fn clean(text: &str) -> String {
    static EMPH: OnceLock<Regex> = OnceLock::new();
    static GLUED: OnceLock<Regex> = OnceLock::new();
    static LINK: OnceLock<Regex> = OnceLock::new();
    // Markdown links keep their visible text: [text](url) → text url.
    let t = regex(&LINK, r"\[([^\]]*)\]\(([^)\s]+)\)").replace_all(text, "$1 $2");
    let t = regex(&EMPH, r"\*{1,3}|(?:^|\s)_{1,2}|_{1,2}(?:\s|$|[.,;:])").replace_all(
        &t,
        |c: &regex::Captures| {
            let m = &c[0];
            m.chars()
                .filter(|c| !matches!(c, '*' | '_'))
                .collect::<String>()
        },
    );
    // "(2022).THE TITLE" and "2022.Title": a stop glued to the next word.
    let t = regex(&GLUED, r"([)\]]|\d)([.,:;])(\p{Lu})").replace_all(&t, "$1$2 $3");
    let t = close_link_gaps(&t);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Spaces that text extraction put inside links: "http: //www…",
/// "https:// www…", "https://doi. org/…", and a path wrapped after a
/// slash ("https://www.un.org/ en/ga/76/statement.pdf"). The piece after
/// the gap must read as the rest of a link (lower case, with a slash or a
/// file name), so "https://www.un.org/ Accessed 3 May" stays apart.
fn close_link_gaps(text: &str) -> String {
    static SCHEME: OnceLock<Regex> = OnceLock::new();
    static DOI_HOST: OnceLock<Regex> = OnceLock::new();
    static PATH: OnceLock<Regex> = OnceLock::new();
    let t =
        regex(&SCHEME, r"(?i)\b(https?):\s*//\s+|\b(https?):\s+//").replace_all(text, "$1$2://");
    let t = regex(&DOI_HOST, r"(?i)\b((?:dx\.)?doi)\.\s+org/").replace_all(&t, "$1.org/");
    regex(
        &PATH,
        r"(?i)(https?://\S*[/\-_=?&])\s+([a-z0-9][\w\-.~%=?&#]*(?:/[\w\-.~%=?&#/]*|\.(?:pdf|html?|aspx|php)\b))",
    )
    .replace_all(&t, "$1$2")
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        reference_entries(text)
            .into_iter()
            .map(|e| e.text)
            .collect()
    }

    #[test]
    fn finds_heading_and_stops_at_appendix() {
        let doc = "Intro (Ruiz, 2017).\n\n## References\n\nRuiz, A. (2017). Borders. Journal of Peace, 3(1), 1-9.\nOkafor, B. (2021). Water. Press.\n\n## Appendix A\nNot a reference (2020).\n";
        let e = reference_entries(doc);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].line, 5);
        assert!(e[1].text.starts_with("Okafor"));
    }

    #[test]
    fn one_line_entries_set_apart_by_blank_lines_are_each_an_entry() {
        // Titles of authorless works, long ones too: no line reads as the
        // rest of the one before.
        let doc = "## References\n\n\
                   *Working together inside an emailbox*. (n.d.).\n\n\
                   *Writing for computer science: a taxonomy of writing tasks and general advice*. (n.d.).\n\n\
                   *XAROP: A Midterm Report on Introducing a Decentralized Semantics based Application*. (n.d.).\n";
        assert_eq!(texts(doc).len(), 3, "{:?}", texts(doc));
        // A PDF that sets every line apart: wrapped halves have no date.
        let wrapped = "References\n\nRuiz, A. (2017). A long title that\n\nwraps over two lines. Journal, 3, 1-9.\n\nOkafor, B. (2021). Water.\n";
        assert_eq!(texts(wrapped).len(), 2, "{:?}", texts(wrapped));
    }

    #[test]
    fn undated_entries_are_entries_of_their_own() {
        let undated =
            "United Nations. Charter of the United Nations. San Francisco: United Nations.";
        let rashid = "Rashid, Ahmed. Taliban: Militant Islam, Oil and Fundamentalism. New Haven: Yale University Press.";
        let dated = [
            "Khan, A. (2020). Border politics. Oxford University Press.",
            "Ali, B. (2021). Trade at Torkham. Asian Survey, 61(3), 1-20.",
        ];
        // Set apart by blank lines, and one a line.
        for sep in ["\n\n", "\n"] {
            let doc = format!(
                "## References\n\n{}{sep}{undated}{sep}{}{sep}{rashid}\n",
                dated[0], dated[1]
            );
            assert_eq!(
                texts(&doc),
                [dated[0], undated, dated[1], rashid],
                "{sep:?}"
            );
        }
        // A wrapped title's last line is no entry, though it has a date.
        let wrapped = "References\nRashid, Ahmed. Taliban. Militant Islam. New Haven.\nYale University Press, 2000.\nAli, B. (2021). Trade. Press.\n";
        assert_eq!(texts(wrapped).len(), 2, "{:?}", texts(wrapped));
    }

    #[test]
    fn numbered_and_wrapped() {
        let doc = "References\n[1] Ruiz, A. (2017). A long title that wraps\nover two lines. Journal, 3, 1-9.\n[2] Okafor, B. (2021). Water.\n";
        let e = reference_entries(doc);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].number.as_deref(), Some("1"));
        assert_eq!(
            e[0].text,
            "Ruiz, A. (2017). A long title that wraps over two lines. Journal, 3, 1-9."
        );
    }

    #[test]
    fn hanging_indent_with_pdf_artefacts() {
        let doc = "Bibliography\nRuiz, A. (2017). Security in the bor-\n    derlands. Journal of **Peace**, 3(1), 1-9.\n12\nREVIEW OF SECURITY STUDIES\nOkafor, B. (2021).THE WATER\n    QUESTION. Press.\nREVIEW OF SECURITY STUDIES\nLindqvist, C. (2019). Ice. Press.\n";
        assert_eq!(
            texts(doc),
            vec![
                "Ruiz, A. (2017). Security in the borderlands. Journal of Peace, 3(1), 1-9.",
                "Okafor, B. (2021). THE WATER QUESTION. Press.",
                "Lindqvist, C. (2019). Ice. Press."
            ]
        );
    }

    #[test]
    fn one_per_line_with_unindented_wraps() {
        let doc = "Works Cited\nRuiz, A. (2017). Security in the borderlands of\nthe north. Journal, 3(1), 1-9.\nOkafor, B. (2021). Water. Press.\nand more. Press.\n";
        let e = texts(doc);
        assert_eq!(
            e[0],
            "Ruiz, A. (2017). Security in the borderlands of the north. Journal, 3(1), 1-9."
        );
        assert_eq!(e[1], "Okafor, B. (2021). Water. Press. and more. Press.");
    }

    #[test]
    fn a_numbered_or_split_appendix_heading_ends_the_list() {
        for heading in [
            "12 Appendix: the selection rule",
            "12. Appendix",
            "12  A ppendix: the rule",
        ] {
            let lines = [
                "Body.",
                "11 References",
                "Ruiz, A. (2017). Borders. Press.",
                heading,
                "| row |",
            ];
            assert_eq!(find_section(&lines).end_line, 3, "{heading}");
        }
        // A reference by an author named "A. Appendix" is no heading.
        assert!(!is_end_heading("A. Ppendix, B. (2017). Title. Press."));
    }

    #[test]
    fn a_heading_split_by_the_text_layer_is_found() {
        let lines = [
            "Body text (Ruiz, 2017).",
            "11 Referen ces",
            "Ruiz, A. (2017). Borders. Press.",
        ];
        assert_eq!(find_section(&lines).heading_line, Some(2));
        // A sentence that happens to spell it is not a heading.
        let prose = [
            "See the refer ences below for more",
            "Ruiz, A. (2017). Borders.",
        ];
        assert_eq!(find_section(&prose).heading_line, None);
    }

    #[test]
    fn apa_entries_wrapped_after_a_full_stop() {
        let body = "Abbasi, S. K. (2017). *Statement by Pakistan in the General Debate (2017)*.\n\
                    United Nations General Assembly (compiled in the UN corpus). https://doi.org/10.7910/DVN/0TJX8Y\n\
                    Abdullah, A. (2018). *Statement by Afghanistan in the General Debate (2018)*.\n\
                    United Nations General Assembly. https://doi.org/10.7910/DVN/0TJX8Y\n\
                    UNAMA (2023). Civilian casualties. UN.\n\
                    Zaman, R. (2021). Borders. Press.\n";
        let e = texts(&format!("References\n{body}"));
        assert_eq!(e.len(), 4, "{e:#?}");
        assert!(e[0].ends_with("DVN/0TJX8Y"), "{}", e[0]);
        assert!(e[2].starts_with("UNAMA"), "{}", e[2]);
    }

    #[test]
    fn a_browsers_page_heads_are_dropped_but_a_reference_listed_twice_is_kept() {
        let head = "11/27/26, 1:36 AM Review of the 2021 withdrawal";
        let text = format!(
            "References\n\n{head}\n\nRuiz, A. (2017). Borders. Press.\n\nfile:///tmp/report.html 1/3\n\n\
             {head}\n\nOkafor, B. (2021). Water. Press.\n\nOkafor, B. (2021). Water. Press.\n\n\
             file:///tmp/report.html 2/3\n\n{head}\n\nZaman, C. (2019). Trade. Press.\n\n\
             file:///tmp/report.html 3/3\n"
        );
        let e = texts(&text);
        assert_eq!(e.len(), 4, "{e:#?}");
        assert!(
            e.iter()
                .all(|t| !t.contains("AM Review") && !t.contains("file:")),
            "{e:#?}"
        );
    }

    #[test]
    fn spaces_inside_links_are_closed() {
        assert_eq!(
            clean("Report No. 335. http: //www.crisisgroup.org/asia/335"),
            "Report No. 335. http://www.crisisgroup.org/asia/335"
        );
        assert_eq!(
            clean("45–60. https://doi. org/10.1080/00396338.2022.2032953"),
            "45–60. https://doi.org/10.1080/00396338.2022.2032953"
        );
        assert_eq!(
            clean("United Nations. https:// www.un.org/ en/ga/76/statements/pakistan.pdf"),
            "United Nations. https://www.un.org/en/ga/76/statements/pakistan.pdf"
        );
        // What follows a link is not always more of it.
        assert_eq!(
            clean("https://www.un.org/ Accessed 3 May 2023."),
            "https://www.un.org/ Accessed 3 May 2023."
        );
        assert_eq!(
            clean("See https://www.un.org/ and the report."),
            "See https://www.un.org/ and the report."
        );
    }

    #[test]
    fn notes_set_under_an_unnumbered_list_are_no_entries() {
        let text = "References\n\
                    Rashid, A. (2022). Descent into chaos revisited. Penguin.\n\
                    Siddiqi, A. (2021). Pakistan's western border policy. Strategic Studies, 41(4), 1–19.\n\
                    1On strategic depth see also Brennan and Cole (2018).\n\
                    2 See Crisis Group, Asia Report No. 335.\n";
        let entries = texts(text);
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert!(entries[1].starts_with("Siddiqi"));
        // A numbered list keeps its numbers.
        let numbered = "References\n1. Rashid, A. (2022). Descent. Penguin.\n2. Siddiqi, A. (2021). Border. Strategic Studies.\n";
        assert_eq!(texts(numbered).len(), 2);
        // A title that opens with a number is an entry, at the end too.
        let titled = "References\nRashid, A. (2022). Descent. Penguin.\n\
                      10 Years of border fencing. (n.d.). Dawn.\n\
                      Siddiqi, A. (2021). Border. Strategic Studies.\n\
                      3D printing and trade. (n.d.). Dawn.\n";
        assert_eq!(texts(titled).len(), 4);
    }

    #[test]
    fn bullets() {
        let doc = "Sources\n- Ruiz, A. (2017). Borders.\n- Okafor, B. (2021). Water.\n\u{2022} Haddad, C. (2020). Oil.\n";
        assert_eq!(texts(doc).len(), 3);
    }

    #[test]
    fn a_note_under_the_heading_is_not_part_of_the_first_entry() {
        let doc = "## References\n\n*2 works, APA 7th edition, rendered through CSL.*\n\n*Citation check before writing: 2 in-text citations, no problems.*\n\nRuiz, A. (2017). Borders. Press.\n\nOkafor, B. (2021). Water. Press.\n";
        let e = reference_entries(doc);
        assert_eq!(e.len(), 2);
        assert!(e[0].text.starts_with("Ruiz"), "{}", e[0].text);
        assert_eq!(e[0].line, 7);
        // An empty list under its notes is empty.
        let empty =
            "## References\n\n*0 works, APA 7th edition.*\n\n*Citation check: no problems.*\n";
        assert!(reference_entries(empty).is_empty());
        // A first entry without a year is still an entry.
        let nd = "## References\n\nUNAMA. (n.d.). Civilian casualties. UN.\n\nOkafor, B. (2021). Water. Press.\n";
        assert_eq!(reference_entries(nd).len(), 2);
        // A count that reads as a year does not make the note an entry;
        // an entry with its title in italics is still one.
        let many = "## 12. References\n\n*1938 works, APA 7th edition, rendered through CSL. Also written as references.bib, references.ris and references.json (CSL-JSON).*\n\n*Citation check before writing: 4181 in-text citations, 4181 matched to the 1939 references; 1 problem.*\n\nGovernment of AFG. (2015). *Statement by AFG (2015)*. United Nations General Assembly.\n\nGovernment of AFG. (2016). *Statement by AFG (2016)*. United Nations General Assembly.\n\nGovernment of AFG. (2017). *Statement by AFG (2017)*. United Nations General Assembly.\n";
        assert_eq!(
            reference_entries(many).len(),
            3,
            "{:?}",
            reference_entries(many)
        );
        let untitled = "## References\n\n*Borders of the north*. (2017). Press.\n\nOkafor, B. (2021). Water. Press.\n";
        assert_eq!(reference_entries(untitled).len(), 2);
        // The same notes without their italics (the report as HTML or as
        // a PDF's text): notes that speak of the list, counts and all.
        let plain = many.replace('*', "");
        let e = reference_entries(&plain);
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].text.starts_with("Government of AFG. (2015)"), "{e:?}");
        // A second paragraph without a year that does not speak of the
        // list is the first entry.
        let nd2 = "## References\n\n2 works, APA.\n\nUNAMA. Civilian casualties in\nthe conflict. UN.\n\nOkafor, B. (2021). Water\nand borders. Press.\n";
        let e = reference_entries(nd2);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].text.starts_with("UNAMA"), "{e:?}");
    }

    #[test]
    fn an_html_anchor_before_the_next_heading_is_not_part_of_the_last_entry() {
        let entry = |year: u32| {
            format!(
                "Government of Ukraine. ({year}). *Statement by Ukraine in the General Debate of the UN General Assembly ({year})*. United Nations General Assembly."
            )
        };
        let doc = format!(
            "## References\n\n{}\n\n{}\n\n{}\n\n<a id=\"evidence-appendix\"></a>\n\n## 12. Appendix: evidence matrix\n\nText.\n",
            entry(2022),
            entry(2023),
            entry(2024)
        );
        let plain = |year| entry(year).replace('*', "");
        assert_eq!(texts(&doc), [plain(2022), plain(2023), plain(2024)]);
        // A DOI on a line of its own, as an autolink, stays with its entry.
        let doc = "## References\n\nRuiz, A. (2017). Borders. Press.\n<https://doi.org/10.1/x>\n\nOkafor, B. (2021). Water. Press.\n";
        assert!(texts(doc)[0].contains("doi.org/10.1/x"), "{:?}", texts(doc));
    }

    #[test]
    fn the_italics_after_the_date_are_kept_as_a_title_hint() {
        let doc = "## References\n\nWikipedia contributors. (2026c). *Balochistan, Pakistan (lead summary)*. Wikipedia. https://en.wikipedia.org/wiki/B\n\nRuiz, A. (2017). Borders of the north. *Survival*, 3(1), 1-9.\n";
        let e = reference_entries(doc);
        assert_eq!(
            e[0].italic_title.as_deref(),
            Some("Balochistan, Pakistan (lead summary)")
        );
        // A journal in italics comes after the article's title, not the date.
        assert_eq!(e[1].italic_title, None);
    }

    #[test]
    fn appendix_after_the_list_and_numbered_running_heads() {
        let doc = "Body (Ruiz, 2017).\nJOURNAL OF STATS 41\nmore body\n42 JOURNAL OF STATS\n\nReferences\nRuiz A (2017). Borders. Press.\n43 JOURNAL OF STATS\nOkafor B (2021). Water. Press.\n\nA. Modularization examples\nThe functions allow finer control.\n";
        let e = texts(doc);
        assert_eq!(
            e,
            [
                "Ruiz A (2017). Borders. Press.",
                "Okafor B (2021). Water. Press."
            ]
        );
    }

    #[test]
    fn an_appendix_heading_right_after_the_list_is_not_an_entry() {
        let doc = "References\nRuiz A (2017). Borders. Press.\nOkafor B (2021). Water. Press.\nA Notation\nA.1 Random variables in the model\nB Random-effects vector.\n";
        assert_eq!(texts(doc).len(), 2, "{:?}", texts(doc));
        // A last reference without a year is kept.
        let doc = "References\nRuiz A (2017). Borders. Press.\nSmith J. Untitled.\n";
        assert_eq!(texts(doc).len(), 2, "{:?}", texts(doc));
    }

    #[test]
    fn an_author_in_lower_case_still_opens_an_entry() {
        let doc = "References\nZeileis, A. (n.d.-b). Object-oriented computation.\nzoo Development Team. (n.d.). zoo design.\nvan Dijk, J. (2019). The network society.\n";
        assert_eq!(texts(doc).len(), 3, "{:?}", texts(doc));
        // A wrapped line in lower case still continues its entry.
        let doc = "References\nRuiz, A. (2017). Security in the borderlands of\nthe north. Journal, 3(1), 1-9.\n";
        assert_eq!(texts(doc).len(), 1);
    }
}
