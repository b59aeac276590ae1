//! Finding in-text citations in the body of a manuscript.
//!
//! Author–date: parenthetical groups with several works and locators
//! `(Okafor, 2021; Lindqvist, 2019, p. 4)`, tolerant of stray commas and
//! ampersands `(Brennan, & Cole, 2018)`; narrative `Haddad et al. (2020)`,
//! `Ruiz (2017)`, `As argued by Ruiz, (2017)`, `Ruiz's (2017)`; years with
//! letters `2023a`, "n.d." (`n.d.-a`) and "in press"; organisations as
//! authors (also in lower case: "zoo Development Team"); authorless works by
//! their quoted title; the journal style without a comma before the year
//! (`Bates and Watts 1988`), lead-ins (`(built on lattice, Sarkar 2008)`),
//! notes after the year and "and others".
//! Numeric: `[12]`, `[3–5, 9]`, and superscripts where the text layer keeps
//! them (`border.¹²`).

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

/// One cited work as written in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The citation as written, e.g. "Okafor, 2021" or "Haddad et al. (2020)".
    pub text: String,
    /// 1-based line of the manuscript.
    pub line: usize,
    /// Author names as written (surnames or organisation names).
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub et_al: bool,
    /// "2021", "2023a", "n.d.", "in press"; None for numeric citations.
    pub year: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// Narrative ("Ruiz (2017)") rather than parenthetical.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub narrative: bool,
    /// The reference numbers of a numeric citation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<usize>,
    /// The word joining the last two authors: "&" or "and".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connector: Option<String>,
    /// Initials were written with a name ("Haddad, R., 2020").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub initials: bool,
    /// A comma stands between the names and the year, as APA writes
    /// ("Okafor, 2021"), not Chicago or Harvard ("Okafor 2021").
    #[serde(skip)]
    pub comma_before_year: bool,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern is valid"))
}

const YEAR: &str =
    r"(?:1[5-9]\d\d|20\d\d)[a-z]{0,2}|n\.\s?d\.(?:-[a-z]{1,2})?|in press|forthcoming";

/// Words that stand before "(2020)" without being authors.
const NOT_NAMES: [&str; 29] = [
    "the", "in", "as", "by", "see", "since", "from", "until", "during", "after", "before",
    "between", "and", "or", "of", "for", "with", "to", "this", "that", "these", "those", "table",
    "figure", "fig", "section", "chapter", "page", "appendix",
];

/// Whether a word (in lower case) stands before "(2020)" without being an
/// author: a stop word, or a month ("in August (2021)"), but for "May",
/// which is also a surname.
fn is_not_name(word: &str) -> bool {
    NOT_NAMES.contains(&word)
        || (word != "may" && quire_model::normalize::MONTH_NAMES.contains(&word))
}

/// All citations in `body`, whose first line is line `first_line` (1-based).
pub fn find_citations(body: &str, first_line: usize) -> Vec<Citation> {
    let flat = flatten(body);
    let line_of = |offset: usize| first_line + body[..offset].matches('\n').count();
    let mut out: Vec<(usize, Citation)> = Vec::new();
    parenthetical(&flat, &mask_quoted_parentheses(&flat), &line_of, &mut out);
    // "*Statement in the General Debate (2021)*": a year in an italic title
    // makes no narrative citation of the words before it.
    out.retain(|(at, c)| !c.narrative || !inside_emphasis(body, *at));
    numeric(&flat, &line_of, &mut out);
    out.sort_by_key(|(offset, _)| *offset);
    out.into_iter().map(|(_, c)| c).collect()
}

/// `body` on one line, byte for byte: a line break becomes a space, so
/// that a citation may wrap, except where a paragraph or a heading ends —
/// there it becomes a stop, so that no narrative citation reaches back
/// into the heading or paragraph before ("# Style" over "Yousaf & Bano
/// (2022) argue").
fn flatten(body: &str) -> String {
    let bytes = body.as_bytes();
    let mut flat = String::with_capacity(body.len());
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let end = line_start + line.len();
        let Some(text) = line.strip_suffix('\n') else {
            flat.push_str(line);
            break;
        };
        flat.push_str(text);
        let heading = text.trim_start().starts_with('#');
        let paragraph_ends = bytes[end..]
            .iter()
            .take_while(|&&b| b != b'\n')
            .all(u8::is_ascii_whitespace)
            && end < bytes.len();
        flat.push(if heading || paragraph_ends { '.' } else { ' ' });
        line_start = end;
    }
    flat
}

/// Whether byte `at` of `body` lies inside Markdown emphasis on its line
/// (an odd number of unescaped `*` or `_` runs before it).
fn inside_emphasis(body: &str, at: usize) -> bool {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &body.as_bytes()[line_start..at];
    let mut toggles = 0;
    let mut i = 0;
    while i < before.len() {
        let c = before[i];
        if c == b'\\' {
            i += 2;
            continue;
        }
        if c == b'*' || (c == b'_' && (i == 0 || !before[i - 1].is_ascii_alphanumeric())) {
            toggles += 1;
            while i < before.len() && before[i] == c {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    toggles % 2 == 1
}

/// `text` with the parentheses inside curly double quotes turned into
/// brackets of the same length: a quoted title that holds some ("“EPC
/// markup language (EPML)…”, n.d.") stays inside its citation. Only a
/// quote closed within 400 bytes and followed by the citation's date
/// counts: an unclosed one, or a quotation, masks nothing.
fn mask_quoted_parentheses(text: &str) -> String {
    let mut out = text.to_string();
    let mut from = 0;
    while let Some(open) = text[from..].find('\u{201c}').map(|i| from + i) {
        let body_start = open + '\u{201c}'.len_utf8();
        let mut end = text.len().min(body_start + 400);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let Some(close) = text[body_start..end]
            .find('\u{201d}')
            .map(|i| body_start + i)
        else {
            from = body_start;
            continue;
        };
        // Only a quoted title that stands for the author of a citation
        // ("“…”, n.d.", "“…”, 2021"); a quotation that holds a citation
        // keeps it.
        let after = text[close + '\u{201d}'.len_utf8()..].trim_start_matches([',', ' ']);
        let cites_title = after.starts_with("n.d")
            || after.starts_with("in press")
            || after
                .get(..4)
                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
        if !cites_title {
            from = close;
            continue;
        }
        // Same byte lengths: the offsets of `out` are those of `text`.
        let masked: String = text[body_start..close]
            .chars()
            .map(|c| match c {
                '(' => '[',
                ')' => ']',
                c => c,
            })
            .collect();
        out.replace_range(body_start..close, &masked);
        from = close;
    }
    out
}

/// Parenthetical groups found in `masked` (see [`mask_quoted_parentheses`]),
/// read from `flat` at the same offsets.
fn parenthetical(
    flat: &str,
    masked: &str,
    line_of: &dyn Fn(usize) -> usize,
    out: &mut Vec<(usize, Citation)>,
) {
    static PAREN: OnceLock<Regex> = OnceLock::new();
    let paren = re(&PAREN, r"\(([^()]{1,400})\)");
    static HAS_YEAR: OnceLock<Regex> = OnceLock::new();
    let has_year = re(&HAS_YEAR, &format!(r"(?i)\b(?:{YEAR})"));
    for m in paren.captures_iter(masked) {
        let (Some(all), Some(inner)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let inner_text = &flat[inner.range()];
        if !has_year.is_match(inner_text) {
            continue;
        }
        let line = line_of(all.start());
        let mut offset = inner.start();
        for part in inner_text.split(';') {
            let cites = parse_part(part.trim(), line);
            let narrative_needed = cites.is_empty() || cites.iter().all(|c| c.authors.is_empty());
            if narrative_needed && opens_with_a_date(part) {
                for mut c in cites {
                    if let Some((names, et_al, connector, start)) =
                        narrative_names(&flat[..all.start()])
                    {
                        c.authors = names;
                        c.et_al = et_al;
                        c.connector = connector;
                        c.narrative = true;
                        c.text =
                            format!("{} ({})", flat[start..all.start()].trim_end(), part.trim());
                        out.push((start, c));
                    }
                }
            } else {
                for c in cites.into_iter().filter(|c| !c.authors.is_empty()) {
                    out.push((offset, c));
                }
            }
            offset += part.len() + 1;
        }
    }
}

/// "2017", "2019a, 2019b", "n.d.", "in press, p. 4": a part that is a date
/// (and locator) alone, whose authors stand before the bracket.
fn opens_with_a_date(part: &str) -> bool {
    let t = part.trim_start().to_ascii_lowercase();
    t.starts_with(|c: char| c.is_ascii_digit())
        || ["n.d", "n. d", "in press", "forthcoming"]
            .iter()
            .any(|p| t.starts_with(p))
}

/// One `;`-separated part of a parenthetical group: "see Okafor, 2021, 2023a, p. 4".
fn parse_part(part: &str, line: usize) -> Vec<Citation> {
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    static LOCATOR: OnceLock<Regex> = OnceLock::new();
    static YEARS: OnceLock<Regex> = OnceLock::new();
    let prefix = re(
        &PREFIX,
        r"(?i)^(?:(?:see(?:\s+also)?|e\.\s?g\.|cf\.|i\.\s?e\.|also|for example|for instance|quoted in|cited in)[,:]?\s+)+",
    );
    let locator = re(
        &LOCATOR,
        r"(?i),?\s*(?:pp?\.|paras?\.|chapters?|chap\.|ch\.|sec\.|section|fig\.|table|appendix|eq\.|note|at)\s*[\w\u{2013}-]+(?:\s*[-\u{2013}]\s*\w+)?\s*$",
    );
    let years_re = re(
        &YEARS,
        &format!(r"(?i)(?:^|[\s,])((?:{YEAR})(?:\s*,\s*(?:{YEAR}))*)\s*$"),
    );
    let text = prefix.replace(part, "");
    if is_publication_facts(&text) {
        return Vec::new();
    }
    // "(Ruiz, 2017: 5)", "(Ruiz 2017:5-7)", "(Ruiz 2017, 45)": the page
    // after a colon, or bare after a comma (up to three digits, so that
    // "2017, 2019" stays two years), as Harvard and Chicago author-date
    // write it.
    static COLON_PAGE: OnceLock<Regex> = OnceLock::new();
    let colon_page = re(
        &COLON_PAGE,
        &format!(
            r"(?i)(?:{YEAR})\s*(:\s*\d+(?:\s*[-\u{{2013}}]\s*\d+)?|,\s*\d{{1,3}}(?:\s*[-\u{{2013}}]\s*\d{{1,4}})?)\s*$"
        ),
    );
    let located = colon_page
        .captures(&text)
        .and_then(|c| c.get(1))
        .map(|m| (m.start(), m.as_str().to_string()));
    let (body, loc) = match located {
        Some((at, page)) => (
            text[..at].trim_end().to_string(),
            Some(page.trim_start_matches([':', ',', ' ']).to_string()),
        ),
        None => match locator.find(&text) {
            Some(m) => (
                text[..m.start()].to_string(),
                Some(m.as_str().trim_start_matches([',', ' ']).to_string()),
            ),
            None => match trailing_note(&text) {
                // "(Heywood 2009, archived on CRAN)", "(R Core Team 2017,
                // http://www.R-project.org/)": a note after the year.
                Some((head, note)) => (head.to_string(), Some(note.to_string())),
                None => (text.to_string(), None),
            },
        },
    };
    let Some(y) = years_re.captures(&body) else {
        return Vec::new();
    };
    let Some(ym) = y.get(1) else {
        return Vec::new();
    };
    let comma_before_year = body[..ym.start()].trim_end().ends_with(',');
    let names_text = body[..ym.start()].trim().trim_end_matches(',').trim();
    let (authors, et_al, connector, initials) = split_names(names_text);
    if !names_text.is_empty() && authors.is_empty() {
        return Vec::new();
    }
    ym.as_str()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|year| Citation {
            text: if names_text.is_empty() {
                year.to_string()
            } else {
                format!("{names_text}, {year}")
            },
            line,
            authors: authors.clone(),
            et_al,
            year: Some(normalize_year(year)),
            locator: loc.clone(),
            narrative: false,
            numbers: Vec::new(),
            connector: connector.clone(),
            initials,
            comma_before_year,
        })
        .collect()
}

/// Split "Heywood 2009, archived on CRAN" into the citation and its note:
/// a comma after the (first) year, and no other year in what follows.
fn trailing_note(text: &str) -> Option<(&str, &str)> {
    static NOTE: OnceLock<Regex> = OnceLock::new();
    static ANY_YEAR: OnceLock<Regex> = OnceLock::new();
    let note = re(
        &NOTE,
        &format!(r"(?i)^(.*?\p{{L}}.*?[\s,](?:{YEAR}))\s*,\s*(\S.*)$"),
    );
    let any_year = re(&ANY_YEAR, &format!(r"(?i)\b(?:{YEAR})"));
    let caps = note.captures(text)?;
    let (head, tail) = (caps.get(1)?.as_str(), caps.get(2)?.as_str());
    (!any_year.is_match(tail)).then_some((head, tail))
}

/// "New York: Viking, 2008", "Brussels: ICG, 2023": where and by whom a
/// work cited in a note was published — the parenthesis of the notes
/// style, no author–date citation. A place, a colon, a publisher, a year.
fn is_publication_facts(text: &str) -> bool {
    let Some((place, rest)) = text.trim().split_once(": ") else {
        return false;
    };
    let place_like = place.starts_with(|c: char| c.is_uppercase())
        && !place.contains([',', ';', '('])
        && place.split_whitespace().count() <= 4;
    let publisher_then_year = rest.rsplit_once(',').is_some_and(|(publisher, year)| {
        let year = year.trim();
        publisher.trim().starts_with(|c: char| c.is_uppercase())
            && year
                .as_bytes()
                .get(..4)
                .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    });
    place_like && publisher_then_year
}

fn normalize_year(y: &str) -> String {
    let l = y.to_lowercase();
    if l.starts_with('n') {
        // "n.d.-a": APA's letter for undated works of one author.
        match l.rsplit_once('-') {
            Some((_, letters)) if (1..=2).contains(&letters.len()) => format!("n.d.-{letters}"),
            _ => "n.d.".into(),
        }
    } else {
        l
    }
}

/// "Brennan, & Cole" → (["Brennan", "Cole"], false, Some("&"), false).
fn split_names(text: &str) -> (Vec<String>, bool, Option<String>, bool) {
    // A work without an author is cited by its (shortened) title in
    // quotes: ("Computational methods for mixed…", n.d.). The title stands
    // where the author would, and matches the start of the reference.
    if let Some(title) = quoted_title(text) {
        return (vec![title], false, None, false);
    }
    // "International Crisis Group [ICG]": APA's first citation of an
    // organisation introduces the abbreviation later citations use.
    static ABBREVIATION: OnceLock<Regex> = OnceLock::new();
    let abbreviation = re(&ABBREVIATION, r"\s*\[\p{Lu}[\p{Lu}\p{Ll}&.\-]{0,14}\]\s*$");
    let text = &*abbreviation.replace(text, "");
    static ETAL: OnceLock<Regex> = OnceLock::new();
    static SEP: OnceLock<Regex> = OnceLock::new();
    let etal = re(
        &ETAL,
        r"(?i),?\s*(?:et\.?\s*al\.?|(?:and\s+)+(?:others|colleagues)),?",
    );
    let sep = re(&SEP, r"\s*(?:,\s*&|&|,\s*and\s|\sand\s|,)\s*");
    let et_al = etal.is_match(text);
    let text = etal.replace_all(text, "");
    let connector = if text.contains('&') {
        Some("&".to_string())
    } else if text.contains(" and ") {
        Some("and".to_string())
    } else {
        None
    };
    let mut initials = false;
    let mut names = Vec::new();
    let mut pieces: Vec<&str> = sep.split(text.trim()).collect();
    // A lead-in before the names: "(built on lattice graphics, Sarkar
    // 2008)", "(CSR, Davis 2006)". A lower-case first piece, or an acronym
    // first piece in a list with no "and"/"&", is not an author.
    if pieces.len() >= 2 {
        let first = pieces[0].trim();
        let lower = first.chars().next().is_some_and(char::is_lowercase);
        let acronym = connector.is_none()
            && first.len() >= 2
            && first.chars().all(|c| c.is_ascii_uppercase());
        if lower || acronym {
            pieces.remove(0);
        }
    }
    for piece in pieces {
        let p = piece
            .trim()
            .trim_end_matches(['\'', '\u{2019}'])
            .trim_end_matches("'s")
            .trim();
        if p.is_empty() {
            continue;
        }
        if p.split_whitespace().all(is_initials) {
            initials = true;
            continue;
        }
        // "R. Haddad": initials before the name; "Henderson Jr.": the
        // generational suffix is not part of the name the list sorts by.
        let words: Vec<&str> = p
            .split_whitespace()
            .filter(|w| !crate::fields::is_generational(w))
            .collect();
        let kept: Vec<&str> = words.iter().copied().filter(|w| !is_initials(w)).collect();
        if kept.len() < words.len() {
            initials = true;
        }
        let name = kept.join(" ");
        // Capitalised, or an organisation whose name begins in lower case
        // ("zoo Development Team", "de Gruyter", "van Dijk").
        let later_capital = name
            .split_whitespace()
            .skip(1)
            .any(|w| w.chars().next().is_some_and(opens_a_name));
        if name.chars().next().is_some_and(opens_a_name) || later_capital {
            names.push(name);
        } else {
            return (Vec::new(), et_al, connector, initials);
        }
    }
    (names, et_al, connector, initials)
}

/// A capital, or a letter of a script without case (Arabic, Chinese,
/// Hebrew, Devanagari …): names begin so.
fn opens_a_name(c: char) -> bool {
    c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
}

/// The title of a title-only citation, quotes and the ellipsis of a
/// shortened title dropped.
fn quoted_title(text: &str) -> Option<String> {
    let t = text.trim();
    let inner = t
        .strip_prefix(['\u{201c}', '"'])?
        .trim_end_matches(',')
        .strip_suffix(['\u{201d}', '"'])?;
    let title = inner
        .trim_end_matches([',', ' '])
        .trim_end_matches(['\u{2026}', '.'])
        .trim();
    (!title.is_empty()).then(|| title.to_string())
}

fn is_initials(word: &str) -> bool {
    let w = word.trim_end_matches(',');
    w.ends_with('.')
        && w.split(['.', '-'])
            .filter(|s| !s.is_empty())
            .all(|s| s.chars().count() == 1 && s.chars().all(char::is_uppercase))
}

/// The names just before a "(2017)": "Haddad et al. ", "Brennan and Cole ",
/// "the International Crisis Group ", "Ruiz, ", "Ruiz's ". Returns the names,
/// et al., the connector and where the names start.
fn narrative_names(before: &str) -> Option<(Vec<String>, bool, Option<String>, usize)> {
    static NARR: OnceLock<Regex> = OnceLock::new();
    // A capital or a letter of a script without case ("王", "الخطيب").
    let name = r"(?:\p{Lu}[\p{L}\p{M}'\u{2019}\-]+|\p{Lo}[\p{L}\p{M}'\u{2019}\-]*)";
    let join = r"(?:,?\s+(?:and|&)\s+|,\s+|\s+(?:(?:of|for|the|on|in|de|van|von|der|al|bin)\s+)*)";
    let narr = NARR.get_or_init(|| {
        Regex::new(&format!(
            r"\b((?:(?:van|von|de|der|al|bin|da|di|del|la|le)\s+)?{name}(?:{join}{name})*(?:,?\s+et\.?\s+al\.?)?(?:'s|\u{{2019}}s)?),?\s*$"
        ))
        .expect("built-in pattern is valid")
    });
    let c = narr.captures(before)?;
    let m = c.get(1)?;
    let text = m.as_str();
    let first = text.split_whitespace().next()?.to_lowercase();
    if is_not_name(first.trim_end_matches(|c: char| !c.is_alphabetic())) {
        // "As argued by Ruiz": take the words after the stop word.
        let rest_start = text.find(' ')? + 1;
        let rest = &text[rest_start..];
        let (names, et_al, conn, _) = split_narrative(rest)?;
        return Some((names, et_al, conn, m.start() + rest_start));
    }
    let (names, et_al, conn, _) = split_narrative(text)?;
    Some((names, et_al, conn, m.start()))
}

fn split_narrative(text: &str) -> Option<(Vec<String>, bool, Option<String>, ())> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Skip leading stop words again ("by the World Bank").
    let start = words.iter().position(|w| !is_not_name(&w.to_lowercase()))?;
    let text = words[start..].join(" ");
    let (names, et_al, conn, _) = split_names(&text.replace(" and ", " & "));
    let conn = conn.map(|_| {
        if text.contains(" and ") {
            "and".to_string()
        } else {
            "&".to_string()
        }
    });
    if names.is_empty() {
        return None;
    }
    Some((names, et_al, conn, ()))
}

fn numeric(flat: &str, line_of: &dyn Fn(usize) -> usize, out: &mut Vec<(usize, Citation)>) {
    static NUM: OnceLock<Regex> = OnceLock::new();
    let num = re(
        &NUM,
        r"\[(\d{1,4}(?:\s*[-\u{2013}]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-\u{2013}]\s*\d{1,4})?)*)\]",
    );
    static SUP: OnceLock<Regex> = OnceLock::new();
    // Superscript numbers where the text layer keeps them: "border.¹²",
    // "trade³⁻⁵".
    let sup = re(
        &SUP,
        r"[\p{L}.,;:)\]]([\u{2070}\u{00b9}\u{00b2}\u{00b3}\u{2074}-\u{2079}]+(?:[,\u{207b}\u{2013}-][\u{2070}\u{00b9}\u{00b2}\u{00b3}\u{2074}-\u{2079}]+)*)",
    );
    let bracketed = num.captures_iter(flat).filter_map(|m| {
        Some((
            m.get(0)?.start(),
            m.get(0)?.as_str().to_string(),
            m.get(1)?.as_str().to_string(),
        ))
    });
    let superscript = sup.captures_iter(flat).filter_map(|m| {
        let g = m.get(1)?;
        Some((
            g.start(),
            g.as_str().to_string(),
            from_superscript(g.as_str()),
        ))
    });
    for (start, written, inner) in bracketed.chain(superscript) {
        let mut numbers = Vec::new();
        for part in inner.split([',', ';']) {
            let bounds: Vec<usize> = part
                .split(['-', '\u{2013}'])
                .filter_map(|n| n.trim().parse().ok())
                .collect();
            match bounds.as_slice() {
                [a] => numbers.push(*a),
                [a, b] if a <= b && b - a < 200 => numbers.extend(*a..=*b),
                _ => {}
            }
        }
        out.push((
            start,
            Citation {
                text: written,
                line: line_of(start),
                authors: Vec::new(),
                et_al: false,
                year: None,
                locator: None,
                narrative: false,
                numbers,
                connector: None,
                initials: false,
                comma_before_year: false,
            },
        ));
    }
}

/// "¹²⁻¹⁴" → "12-14".
fn from_superscript(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2070}' => '0',
            '\u{00b9}' => '1',
            '\u{00b2}' => '2',
            '\u{00b3}' => '3',
            '\u{2074}'..='\u{2079}' => char::from(b'4' + (c as u32 - 0x2074) as u8),
            '\u{207b}' | '\u{2013}' => '-',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Vec<String>, Option<String>)> {
        find_citations(text, 1)
            .into_iter()
            .map(|c| (c.authors, c.year))
            .collect()
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn parenthetical_groups_with_locators() {
        let c = find_citations("Trade grew (Okafor, 2021; Lindqvist, 2019, p. 4).", 1);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].authors, s(&["Okafor"]));
        assert_eq!(c[1].locator.as_deref(), Some("p. 4"));
        assert_eq!(
            found("(Brennan, & Cole, 2018)"),
            vec![(s(&["Brennan", "Cole"]), Some("2018".into()))]
        );
        assert_eq!(
            found("(see Ruiz, 2017, 2023a)"),
            vec![
                (s(&["Ruiz"]), Some("2017".into())),
                (s(&["Ruiz"]), Some("2023a".into()))
            ]
        );
        assert_eq!(
            found("(International Crisis Group, n.d.)")[0].0,
            s(&["International Crisis Group"])
        );
    }

    /// Chicago author-date: a bare page after the year and a comma, in
    /// brackets and in narrative citations; two years stay two years.
    #[test]
    fn a_bare_page_after_the_year_is_a_locator() {
        let c = find_citations("It lasted (Fair 2014, 45). Khan (2022, 50-52) agrees.", 1);
        let got: Vec<(Vec<String>, Option<&str>, Option<&str>)> = c
            .iter()
            .map(|c| (c.authors.clone(), c.year.as_deref(), c.locator.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (s(&["Fair"]), Some("2014"), Some("45")),
                (s(&["Khan"]), Some("2022"), Some("50-52"))
            ]
        );
        assert_eq!(
            found("(Ruiz 2017, 2019)"),
            vec![
                (s(&["Ruiz"]), Some("2017".into())),
                (s(&["Ruiz"]), Some("2019".into()))
            ]
        );
    }

    /// Forms of a typeset statistics paper (JSS): no comma before the
    /// year, lead-ins, "and others", chapters, "Jr.".
    #[test]
    fn journal_of_statistical_software_forms() {
        assert_eq!(
            found("(built on lattice graphics, Sarkar 2008)"),
            vec![(s(&["Sarkar"]), Some("2008".into()))]
        );
        assert_eq!(
            found("(CSR, Davis 2006, Chapter 2)"),
            vec![(s(&["Davis"]), Some("2006".into()))]
        );
        let c = find_citations("(Guennebaud, Jacob, and and others 2015)", 1);
        assert_eq!(c[0].authors, s(&["Guennebaud", "Jacob"]));
        assert!(c[0].et_al);
        assert_eq!(
            found("(e.g., Henderson Jr. 1982; Gelman 2005)"),
            vec![
                (s(&["Henderson"]), Some("1982".into())),
                (s(&["Gelman"]), Some("2005".into()))
            ]
        );
        assert_eq!(
            found("Bates and Watts (1988, Chapter 6) show")[0].0,
            s(&["Bates", "Watts"])
        );
        assert_eq!(
            found("(\u{201c}Computational methods for mixed\u{2026}\u{201d}, n.d.)"),
            vec![(s(&["Computational methods for mixed"]), Some("n.d.".into()))]
        );
        assert_eq!(
            found("(zoo Development Team, n.d.-a)"),
            vec![(s(&["zoo Development Team"]), Some("n.d.-a".into()))]
        );
        assert_eq!(
            found("(Heywood 2009, archived on CRAN)"),
            vec![(s(&["Heywood"]), Some("2009".into()))]
        );
        assert_eq!(
            found("(R Core Team 2017, http://www.R-project.org/)"),
            vec![(s(&["R Core Team"]), Some("2017".into()))]
        );
        // Two works by one author stay two citations.
        assert_eq!(found("(Ruiz, 2017, 2023a)").len(), 2);
    }

    #[test]
    fn a_year_in_an_italic_title_is_no_narrative_citation() {
        let found = find_citations(
            "| (Khan, 2021) *Statement in the General Debate (2021)* |",
            1,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].authors, ["Khan"]);
        // Outside emphasis the narrative form stands.
        assert_eq!(
            find_citations("As *noted*, Ruiz (2017) argues.", 1)[0].authors,
            ["Ruiz"]
        );
    }

    #[test]
    fn narrative_forms() {
        let c = find_citations(
            "As Haddad et al. (2020) show, and\nas argued by Ruiz, (2017), the border",
            1,
        );
        assert_eq!(c.len(), 2);
        assert!(c[0].et_al && c[0].narrative);
        assert_eq!(c[0].authors, s(&["Haddad"]));
        assert_eq!(c[1].authors, s(&["Ruiz"]));
        assert_eq!(c[1].line, 2);
        assert_eq!(
            found("Brennan and Cole (2018) say")[0].0,
            s(&["Brennan", "Cole"])
        );
        assert_eq!(found("In (2020) nothing"), vec![]);
        assert_eq!(found("Ruiz's (2017) view")[0].0, s(&["Ruiz"]));
        assert_eq!(
            found("Haddad, Qureshi and Ahmadzai (2020) trace")[0].0,
            s(&["Haddad", "Qureshi", "Ahmadzai"])
        );
        assert_eq!(found("the World Bank (2020) says")[0].0, s(&["World Bank"]));
        assert_eq!(
            found("dispute, while Okafor (2023a) and")[0].0,
            s(&["Okafor"])
        );
        // A note's publication facts cite nothing.
        assert_eq!(
            found("Descent into Chaos (New York: Viking, 2008), 45."),
            vec![]
        );
        assert_eq!(found("a report (Brussels: ICG, 2023)"), vec![]);
        // A character across the fourth byte after the last comma is read,
        // not cut (this used to panic).
        assert_eq!(found("(Paris: Seuil 2008, ab€)").len(), 1);
        // A month is no author; May is a surname too.
        assert_eq!(found("In August (2021) the border closed"), vec![]);
        assert_eq!(found("as May (2019) argues")[0].0, s(&["May"]));
    }

    #[test]
    fn numeric_ranges() {
        let c = find_citations("as shown [3\u{2013}5, 9] and [12].", 1);
        assert_eq!(c[0].numbers, vec![3, 4, 5, 9]);
        assert_eq!(c[1].numbers, vec![12]);
        let c = find_citations(
            "the border.\u{00b9}\u{00b2} Trade\u{00b3}\u{207b}\u{2075} fell",
            1,
        );
        assert_eq!(c[0].numbers, vec![12]);
        assert_eq!(c[1].numbers, vec![3, 4, 5]);
    }

    #[test]
    fn initials_flagged() {
        let c = find_citations("(Haddad, R., 2020)", 1);
        assert!(c[0].initials);
        assert_eq!(c[0].authors, s(&["Haddad"]));
    }
}
