//! From labelled segments to a structured reference: authors split into
//! family and given names (organisations kept whole, "et al." noted), the
//! year and its letter ("2023a", "n.d.", "in press"), "9(2)" split into
//! volume and issue, pages, DOI and URL cleaned, and the type guessed.

use std::sync::OnceLock;

use quire_model::{normalize, Person, Provenance, Work, WorkKind};
use regex::Regex;
use serde::Serialize;

use crate::features::is_year;
use crate::labeller::Segment;

/// A parsed reference-list entry.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Reference {
    /// The entry as it stands in the list.
    pub text: String,
    /// 1-based line in the manuscript where the entry starts (0 if unknown).
    pub line: usize,
    /// The list number for numbered lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub authors: Vec<Person>,
    /// The author list ended in "et al." (or "and others").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub et_al: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Month (1–12) and day of a dated item: "(2021, August 16)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    /// The letters of "2023a" (after "z": "2023aa"), which tell works of
    /// one author-year apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_suffix: Option<String>,
    /// "n.d." or "in press" when there is no year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    pub title: Option<String>,
    pub container: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub publisher: Option<String>,
    pub place: Option<String>,
    pub edition: Option<String>,
    pub doi: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    pub genre: Option<String>,
    pub kind: WorkKind,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern is valid"))
}

/// Punctuation that closes or opens a field but is not part of its value.
fn trim_field(text: &str) -> String {
    let t = text
        .trim()
        .trim_start_matches([
            '(', '[', ',', ';', ':', '.', '"', '\u{201c}', '\u{2018}', '\'',
        ])
        .trim_end_matches([
            ')', ']', ',', ';', ':', '.', '"', '\u{201d}', '\u{2019}', '\'',
        ])
        .trim();
    // Keep a bracket that its partner inside the value needs: "(Un)making
    // the border", "Pakistan (1947–1971)".
    let mut s = t.to_string();
    if s.matches('(').count() > s.matches(')').count() && text.trim_end().contains(')') {
        s.push(')');
    }
    if s.matches(')').count() > s.matches('(').count() && text.trim_start().starts_with('(') {
        s.insert(0, '(');
    }
    s
}

impl Reference {
    /// Build a reference from the labeller's segments of `text`.
    pub fn from_segments(text: &str, segments: &[Segment<'_>]) -> Reference {
        let mut r = Reference {
            text: text.to_string(),
            ..Reference::default()
        };
        let mut author_text = String::new();
        let untitled = untitled_apa_title(segments);
        for (i, s) in segments.iter().enumerate() {
            if let Some(span) = untitled.clone().filter(|span| span.contains(&i)) {
                if i == span.start {
                    let last = &segments[span.end - 1];
                    first(&mut r.title, &text[s.start..last.end]);
                }
                continue;
            }
            // "(n.d.-a)." after a title that opens the entry reads to the
            // labeller like a genre in parentheses; it can only be a date.
            let label = if is_no_date_mark(s.text) {
                "date"
            } else if year_closes_the_title(segments, i) {
                let opens = segments[i - 1].start;
                let whole = text[opens..s.end].trim_end_matches(['.', ',']);
                r.title = Some(whole.to_string());
                continue;
            } else if expands_the_author(segments, i) {
                "author"
            } else {
                s.label.as_str()
            };
            match label {
                "author" => {
                    author_text.push(' ');
                    author_text.push_str(s.text);
                }
                "editor" => r.editors.extend(parse_names(s.text).0),
                "date" => r.set_date_segment(s.text),
                "title" => first(&mut r.title, s.text),
                "journal" | "container-title" | "booktitle" if r.container.is_none() => {
                    r.container = Some(container_name(&strip_in(s.text))).filter(|c| !c.is_empty());
                }
                "journal" | "container-title" | "booktitle" => {}
                "volume" => r.set_volume(s.text),
                "issue" => first(&mut r.issue, &strip_issue(s.text)),
                "pages" => first(&mut r.pages, &clean_pages(s.text)),
                "publisher" | "institution" => first(&mut r.publisher, s.text),
                "location" => first(&mut r.place, s.text),
                "edition" => first(&mut r.edition, s.text),
                "doi" => r.doi = normalize::doi(s.text),
                "url" => r.set_url(s.text),
                "genre" => first(&mut r.genre, s.text),
                "note" | "source" | "medium" => first(&mut r.note, s.text),
                _ => {}
            }
        }
        r.take_year_suffix_from_title();
        r.take_publisher_from_note();
        let (authors, et_al) = parse_names(&author_text);
        r.authors = authors;
        r.et_al = et_al;
        if r.doi.is_none() {
            r.doi = find_doi(text);
        }
        if r.year.is_none() && r.date_note.is_none() {
            r.set_date_fallback(text);
        }
        r.prefer_apa_date(text);
        r.kind = r.guess_kind();
        r
    }

    /// An APA entry states its date in parentheses between stops: "Khan,
    /// A. (2021). Title." or "Title. (n.d.).". When the labeller took a
    /// year from elsewhere — a title that holds one ("Computing Curricula
    /// 2005, The. (n.d.).") — that date is the entry's.
    fn prefer_apa_date(&mut self, text: &str) {
        static APA_DATE: OnceLock<Regex> = OnceLock::new();
        let apa = re(
            &APA_DATE,
            r"(?i)(?:^|\.\s)\(((?:1[5-9]\d\d|20\d\d)[a-z]{0,2}(?:,[^()]*)?|n\.\s?d\.(?:-[a-z]{1,2})?|in press)\)\.",
        );
        let Some(c) = apa.captures(text) else {
            return;
        };
        let stated = &c[1];
        let undated = stated.to_ascii_lowercase().starts_with('n');
        let agrees = match (self.year, &self.date_note) {
            (Some(y), _) => !undated && stated.starts_with(&y.to_string()),
            (None, Some(_)) => true,
            (None, None) => false,
        };
        if agrees {
            return;
        }
        self.year = None;
        self.year_suffix = None;
        self.date_note = None;
        (self.month, self.day) = (None, None);
        self.set_date(&format!("({stated})"));
    }

    /// The title the entry sets in italics after its date, when the labels
    /// found none; taken out of the note it was read into.
    pub fn set_title_from_italics(&mut self, title: &str) {
        let title = title.trim().trim_end_matches('.').trim();
        if title.is_empty() {
            return;
        }
        if let Some(note) = self.note.take() {
            let rest = note.replacen(title, "", 1);
            let rest = rest.trim_matches(|c: char| c == '.' || c.is_whitespace());
            self.note = (!rest.is_empty()).then(|| rest.to_string());
        }
        self.title = Some(title.to_string());
    }

    /// What the entry sets in italics, weighed against the labels: a title
    /// the labeller cut short at a date or bracket inside it ("… pursuant
    /// to resolution 2665 (2022) concerning the Taliban") is the whole
    /// italic span; a plain title followed by an italic name the labeller
    /// took for a publisher ("… TTP. *Voice of America*.") is followed by
    /// its periodical or site; an italic title the labeller ran on into
    /// the plain name after it ("*History of Pakistan*. Wikipedia, The
    /// Free Encyclopedia.") ends with the italics, and that name is the
    /// publisher — and the kind is judged again.
    pub fn apply_italics(&mut self, spans: &[String]) {
        let Some(title) = self.title.clone() else {
            return;
        };
        let bare = |s: &str| {
            s.trim_matches(|c: char| c == '*' || c == '_' || c == '.' || c.is_whitespace())
                .to_string()
        };
        let title = bare(&title);
        let spans: Vec<String> = spans.iter().map(|s| bare(s)).collect();
        if let Some(whole) = spans
            .iter()
            .find(|s| s.len() > title.len() && s.starts_with(&title))
        {
            self.title = Some(whole.clone());
        } else if self.container.is_none()
            && !spans
                .iter()
                .any(|s| s.contains(&title) || title.contains(s.as_str()))
            && self
                .publisher
                .as_deref()
                .is_some_and(|p| spans.iter().any(|s| *s == bare(p)))
        {
            self.container = self.publisher.take().map(|p| bare(&p));
        } else if let Some((plain, outlet)) =
            italic_tail_after_stop(&title, &spans).filter(|_| self.container.is_none())
        {
            self.title = Some(plain);
            self.container = Some(outlet);
        } else if let Some((italic, rest)) = italic_head_before_stop(&title, &spans) {
            self.title = Some(italic);
            if self.publisher.is_none() && self.container.is_none() {
                self.publisher = Some(rest);
            }
        } else {
            return;
        }
        self.kind = self.guess_kind();
    }

    /// "*Title*. United Nations General Assembly (compiled in the UN General
    /// Debate Corpus …)." — a publisher with a parenthetical after it,
    /// which the labeller reads as a note. With no publisher or container
    /// found, a note that is a name in capitals followed by a parenthetical
    /// is that publisher and a note.
    fn take_publisher_from_note(&mut self) {
        static NAMED: OnceLock<Regex> = OnceLock::new();
        let named = re(
            &NAMED,
            r"^((?:[A-Z][\w'’&.-]*)(?:\s+(?:[A-Z][\w'’&.-]*|of|and|the|for|on|in|de|du|des)){0,8})\s+\((.+)\)$",
        );
        if self.publisher.is_some() || self.container.is_some() || self.title.is_none() {
            return;
        }
        let Some(note) = self.note.as_deref() else {
            return;
        };
        let Some(found) = named.captures(note) else {
            return;
        };
        let (publisher, rest) = (found[1].to_string(), found[2].to_string());
        self.publisher = Some(publisher);
        self.note = Some(rest);
    }

    /// "(2021a). Title": the tokenizer splits "2021a", and the labeller,
    /// which seldom saw suffixes in training, may start the title with
    /// "a)." — give the letter back to the year.
    fn take_year_suffix_from_title(&mut self) {
        static LEAD: OnceLock<Regex> = OnceLock::new();
        let lead = re(&LEAD, r"^-?([a-z]{1,2})\)[.,]?\s+(\S.*)$");
        // "(n.d.-a)" cut after "n.d." leaves "-a)." to the title.
        let year = match (self.year, self.date_note.as_deref(), &self.year_suffix) {
            (Some(year), _, None) => year.to_string(),
            (None, Some("n.d."), None) => "n.d.-".to_string(),
            _ => return,
        };
        let Some(title) = self.title.as_deref() else {
            return;
        };
        let Some(c) = lead.captures(title) else {
            return;
        };
        let letter = &c[1];
        if self.text.contains(&format!("{year}{letter})")) {
            self.year_suffix = Some(letter.to_string());
            self.title = Some(c[2].to_string());
        }
    }

    /// A date segment. "(n.d.). Border security after 2021." read as one
    /// date: the undated mark is the date and what follows it the title
    /// (whose year is not the work's).
    fn set_date_segment(&mut self, text: &str) {
        static UNDATED_THEN: OnceLock<Regex> = OnceLock::new();
        let undated_then = re(
            &UNDATED_THEN,
            r"(?i)^\s*(\(?n\.\s?d\.(?:-[a-z]{1,2})?\)?[.,]?)\s+(\S.*)$",
        );
        match undated_then.captures(text) {
            Some(c) => {
                self.set_date(&c[1]);
                first(&mut self.title, &c[2]);
            }
            None => self.set_date(text),
        }
    }

    fn set_date(&mut self, text: &str) {
        static YEAR: OnceLock<Regex> = OnceLock::new();
        let y = re(&YEAR, r"\b(1[5-9]\d\d|20\d\d)([a-z]{1,2})?\b");
        // The first date read is the work's: after "(n.d.)" a year the
        // labeller finds later ("… Security after 2021") is not its date.
        if self.year.is_some() || self.date_note.is_some() {
            return;
        }
        if let Some(c) = y.captures(text) {
            self.year = c[1].parse().ok();
            self.year_suffix = c.get(2).map(|m| m.as_str().to_string());
            (self.month, self.day) = month_and_day(text);
            return;
        }
        let lower = text.to_lowercase();
        if lower.contains("n.d") || lower.contains("no date") {
            self.date_note = Some("n.d.".into());
            // "(n.d.-b)": the letter of an undated work.
            static ND: OnceLock<Regex> = OnceLock::new();
            let nd = re(&ND, r"n\.\s?d\.-([a-z]{1,2})\b");
            self.year_suffix = nd
                .captures(&lower)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string());
        } else if lower.contains("in press") || lower.contains("forthcoming") {
            self.date_note = Some("in press".into());
        }
    }

    /// The date as ISO 8601 ("2021", "2021-08", "2021-08-16").
    pub fn iso_date(&self) -> Option<String> {
        let y = self.year?;
        Some(match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}"),
        })
    }

    /// No date segment was found: take the first plausible year token.
    fn set_date_fallback(&mut self, text: &str) {
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if is_year(w) {
                self.set_date(w);
                return;
            }
        }
    }

    /// "9(2)", "Vol. 9, No. 2", "9, no. 2" → volume and issue.
    fn set_volume(&mut self, text: &str) {
        static VOL: OnceLock<Regex> = OnceLock::new();
        let v = re(
            &VOL,
            r"(?i)^\s*(?:vol(?:ume)?s?\.?\s*)?([0-9A-Za-z][\w.\-\u{2013}/]*?)\s*(?:\(\s*([^)]+?)\s*\)|,?\s*(?:no|nr|issue|iss)\.?\s*([\w\-\u{2013}/]+))?\s*[,.;:]?\s*$",
        );
        if self.volume.is_some() {
            return;
        }
        match v.captures(text.trim()) {
            Some(c) => {
                self.volume = Some(c[1].to_string());
                if let Some(i) = c.get(2).or(c.get(3)) {
                    self.issue = Some(i.as_str().to_string());
                }
            }
            None => self.volume = Some(trim_field(text)).filter(|s| !s.is_empty()),
        }
    }

    fn set_url(&mut self, text: &str) {
        let url = text
            .split_whitespace()
            .map(|w| w.trim_start_matches(['<', '(', '[']))
            .find(|w| w.starts_with("http") || w.starts_with("www."))
            .map(without_closing_marks);
        if let Some(u) = url {
            if self.doi.is_none() && u.contains("doi.org/") {
                self.doi = normalize::doi(u);
            } else if self.url.is_none() {
                self.url = Some(u.to_string());
            }
        }
    }

    fn guess_kind(&self) -> WorkKind {
        let genre = self.genre.as_deref().unwrap_or("").to_lowercase();
        let text = self.text.to_lowercase();
        if genre.contains("thesis") || genre.contains("dissertation") {
            WorkKind::Thesis
        } else if self.container.is_none() && self.title.as_deref().is_some_and(is_statement_title)
        {
            // "Statement by Pakistan in the General Debate …", "Remarks by
            // President Biden on …": an official statement, however it
            // is published.
            WorkKind::Statement
        } else if genre.contains("report")
            || genre.contains("working paper")
            || genre.contains("brief")
        {
            WorkKind::Report
        } else if self.container.is_some()
            && (!self.editors.is_empty() || text.contains(" in ") && self.publisher.is_some())
        {
            WorkKind::Chapter
        } else if self.container.is_some() && self.day.is_some() && self.volume.is_none() {
            // Dated to the day, in a periodical without a volume: a
            // newspaper or magazine item, "(2021, August 16). … *Dawn*."
            WorkKind::News
        } else if self.container.is_some() {
            // With or without volume, pages or DOI: a container and no
            // editors is a periodical.
            WorkKind::Article
        } else if self.publisher.is_some() {
            if self.authors.first().is_some_and(|a| a.literal) || text.contains("report") {
                WorkKind::Report
            } else {
                WorkKind::Book
            }
        } else if self.authors.first().is_some_and(|a| a.literal) {
            // An organisation's own publication with no venue: a report.
            WorkKind::Report
        } else if self.url.is_some() {
            WorkKind::Web
        } else {
            WorkKind::Other
        }
    }

    /// The reference as a quire Work (id from the first author, year and
    /// title). A reference the parser found no title in is named by its
    /// note, its container or, failing both, its own text: a work in a
    /// review needs a name a reader can recognise.
    pub fn to_work(&self, file: &str) -> Work {
        let title = self
            .title
            .clone()
            .or_else(|| self.note.clone())
            .or_else(|| self.container.clone())
            .unwrap_or_else(|| self.text.clone());
        let first = self.authors.first().or(self.editors.first());
        let key = format!(
            "{} {} {}",
            first.map_or("anon", |a| a.family.as_str()),
            self.year.map_or("nd".to_string(), |y| y.to_string()),
            title
        );
        Work {
            id: normalize::slug(&key, 48),
            kind: self.kind,
            title,
            // An edited book is cited by its editors: they are its authors
            // too (a chapter's editors are its book's).
            authors: if self.authors.is_empty() {
                self.editors.clone()
            } else {
                self.authors.clone()
            },
            editors: self.editors.clone(),
            year: self.year,
            date: self.iso_date().filter(|d| d.len() > 4),
            container: self.container.clone(),
            volume: self.volume.clone(),
            edition: self.edition.clone(),
            issue: self.issue.clone(),
            pages: self.pages.clone(),
            publisher: self.publisher.clone(),
            doi: self.doi.clone(),
            url: self.url.clone(),
            genre: self.genre.clone(),
            provenance: vec![Provenance {
                file: file.to_string(),
                line: Some(self.line),
                record: self.number.clone(),
            }],
            ..Work::default()
        }
    }
}

/// The month and day of a date field: "(2021, August 16).", "16 Aug. 2021",
/// "June 1992". A day is only taken next to a month name.
/// "The White House (Executive Office of the President of the United
/// States). (2022c)." — a group author spelt out in parentheses, which
/// the labeller reads as the title when the date after it has no month:
/// a segment wholly in parentheses between the author and the date is
/// part of the author.
fn expands_the_author(segments: &[Segment<'_>], i: usize) -> bool {
    let text = segments[i].text.trim_end_matches('.').trim();
    i > 0
        && segments[i - 1].label == "author"
        && segments.get(i + 1).is_some_and(|next| next.label == "date")
        && segments[i].label != "date"
        && text.starts_with('(')
        && text.ends_with(')')
        && !text[1..text.len() - 1].contains(['(', ')'])
}

/// A link without the marks that close the sentence or bracket around it
/// ("….", "…)", "…>"), keeping a bracket the link opened itself:
/// `https://undocs.org/S/RES/2593(2021)`.
fn without_closing_marks(url: &str) -> &str {
    let mut end = url.len();
    while let Some(c) = url[..end].chars().next_back() {
        let opened = |open: char| url[..end].matches(open).count() >= url[..end].matches(c).count();
        let keep = match c {
            ')' => opened('('),
            ']' => opened('['),
            '.' | ',' | ';' | '>' => false,
            _ => true,
        };
        if keep {
            break;
        }
        end -= c.len_utf8();
    }
    &url[..end]
}

/// "(2021). Resolution 2593 (2021). https://…": a year in parentheses
/// right after the title of an entry that has stated its date already is
/// part of the title (a resolution's, a law's), not a second date.
fn year_closes_the_title(segments: &[Segment<'_>], i: usize) -> bool {
    static PAREN_YEAR: OnceLock<Regex> = OnceLock::new();
    let paren_year = re(&PAREN_YEAR, r"^\((?:1[5-9]\d\d|20\d\d)\)[.,]?$");
    i >= 2
        && segments[i].label == "date"
        && segments[i - 1].label == "title"
        && paren_year.is_match(segments[i].text.trim())
        && segments[..i - 1].iter().any(|s| s.label == "date")
}

/// "United Nations Security Council. (2021). Resolution 2593 (2021)." —
/// an APA entry whose title the labeller read as a journal and volume:
/// with no title labelled anywhere, what follows the author's date up to
/// the sentence's end, when it opens with a journal or container, is the
/// title. Returns the segments that make it.
fn untitled_apa_title(segments: &[Segment<'_>]) -> Option<std::ops::Range<usize>> {
    if segments.iter().any(|s| s.label == "title") {
        return None;
    }
    let date = segments.iter().position(|s| s.label == "date")?;
    let opens = segments.get(date + 1)?;
    if date == 0
        || segments[date - 1].label != "author"
        || !matches!(opens.label.as_str(), "journal" | "container-title")
    {
        return None;
    }
    let mut end = date + 1;
    while let Some(s) = segments.get(end) {
        if !matches!(
            s.label.as_str(),
            "journal" | "container-title" | "volume" | "issue" | "date"
        ) {
            break;
        }
        end += 1;
        if s.text.trim_end().ends_with('.') {
            return Some(date + 1..end);
        }
    }
    None
}

fn month_and_day(text: &str) -> (Option<u8>, Option<u8>) {
    static MONTH: OnceLock<Regex> = OnceLock::new();
    let m = re(
        &MONTH,
        r"(?i)(?:\b(\d{1,2})\s+)?\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?(?:\s+(\d{1,2})\b)?",
    );
    let Some(c) = m.captures(text) else {
        return (None, None);
    };
    let month = normalize::month_number(&c[2]).and_then(|m| u8::try_from(m).ok());
    let day = c
        .get(3)
        .or(c.get(1))
        .and_then(|d| d.as_str().parse::<u8>().ok())
        .filter(|d| (1..=31).contains(d));
    (month, day)
}

fn first(slot: &mut Option<String>, text: &str) {
    if slot.is_none() {
        let t = trim_field(text);
        if !t.is_empty() {
            *slot = Some(t);
        }
    }
}

/// A journal or book title without the punctuation around it, but with
/// the stop of an abbreviated last word kept: "J. Borderlands Stud.",
/// "Wash. Q." (ISO 4 abbreviations, told by an abbreviated word before
/// it), whereas "Asian Survey." loses its stop.
fn container_name(text: &str) -> String {
    let name = trim_field(text);
    let words: Vec<&str> = name.split_whitespace().collect();
    // An abbreviated word before the last ("J.", "Wash."), not dotted
    // initials ("U.S.").
    let abbreviation_before = words.iter().rev().skip(1).any(|w| {
        w.strip_suffix('.')
            .is_some_and(|stem| !stem.is_empty() && stem.chars().all(char::is_alphabetic))
    });
    let abbreviated = abbreviation_before
        && words.last().is_some_and(|w| {
            (1..=5).contains(&w.chars().count())
                && w.chars().all(char::is_alphabetic)
                && w.starts_with(char::is_uppercase)
        });
    let stop_dropped = text
        .trim_end()
        .trim_end_matches([',', ';', ':'])
        .ends_with('.');
    if abbreviated && stop_dropped {
        format!("{name}.")
    } else {
        name
    }
}

/// "In J. Smith (Ed.), Handbook" → "Handbook"; "In: Proceedings" → "Proceedings".
fn strip_in(text: &str) -> String {
    static IN: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &IN,
        r"^(?i:in:?)\s+(?:.*?\((?i:eds?|hrsg|hg)\.?\)\s*,?\s*)?",
    );
    r.replace(text.trim(), "").to_string()
}

fn strip_issue(text: &str) -> String {
    static ISSUE: OnceLock<Regex> = OnceLock::new();
    let r = re(&ISSUE, r"(?i)^\s*\(?\s*(?:no|nr|issue|iss)?\.?\s*");
    trim_field(&r.replace(text, ""))
}

/// "pp. 81–98." → "81-98".
pub fn clean_pages(text: &str) -> String {
    static PP: OnceLock<Regex> = OnceLock::new();
    let r = re(&PP, r"(?i)^\s*(?:pp?\.|pages?|s\.)\s*");
    trim_field(&r.replace(&trim_field(text), ""))
        .replace(['\u{2013}', '\u{2014}'], "-")
        .replace("--", "-")
}

fn find_doi(text: &str) -> Option<String> {
    static DOI: OnceLock<Regex> = OnceLock::new();
    let r = re(&DOI, r"\b10\.\d{4,9}/\S+");
    r.find(text).and_then(|m| normalize::doi(m.as_str()))
}

/// Words that mark an author string as an organisation.
const ORG_WORDS: &[&str] = &[
    "organization",
    "organisation",
    "group",
    "institute",
    "ministry",
    "council",
    "nations",
    "office",
    "department",
    "bank",
    "agency",
    "committee",
    "commission",
    "government",
    "centre",
    "center",
    "university",
    "association",
    "foundation",
    "programme",
    "program",
    "union",
    "forum",
    "service",
    "network",
    "international",
    "assembly",
    "secretariat",
    "team",
    "consortium",
    "project",
    "collaboration",
];

/// Parse an author or editor string into people. Returns the people and
/// whether the list ended in "et al.".
pub fn parse_names(raw: &str) -> (Vec<Person>, bool) {
    static ETAL: OnceLock<Regex> = OnceLock::new();
    static ED: OnceLock<Regex> = OnceLock::new();
    static SEP: OnceLock<Regex> = OnceLock::new();
    let etal = re(&ETAL, r"(?i),?\s*(?:et\.?\s*al\.?|and others|u\.\s*a\.)");
    let ed = re(
        &ED,
        r"(?i)\(?\b(?:eds?|editors?|edited by|hrsg|hg)\b\.?\)?|^\s*(?:in|by)\s+",
    );
    let sep = re(&SEP, r"(?i)\s*(?:,\s*&|&|;|,?\s+and\s+|,?\s+und\s+)\s*");
    let et_al = etal.is_match(raw);
    let text = etal.replace_all(raw, "");
    let text = ed.replace_all(&text, "");
    // APA's list of 21 or more authors: "…, Iqbal, N., … Karim, S." — the
    // ellipsis stands for the authors left out, it is no part of a name.
    let text = text.replace(['\u{2026}'], ",").replace("...", ",");
    // "Ali, B. (Eds.)." leaves "Ali, B. ." behind: one stop, no space.
    let text = text.replace(" .", ".").replace("..", ".");
    let text = text.trim().trim_matches(|c: char| ",;:() ".contains(c));
    // A closing full stop goes, the one of a final initial stays.
    let text = match text.strip_suffix('.') {
        Some(t) if t.ends_with(|c: char| c.is_lowercase()) => t,
        _ => text,
    };
    let text = text.trim_start_matches('.').trim();
    if text.is_empty() {
        return (Vec::new(), et_al);
    }
    if is_organisation(text) {
        // "UNAMA." is UNAMA: an acronym's closing full stop is the list's
        // (an initial's stays, and so does the last one of "U.S.").
        let name = match text.strip_suffix('.') {
            Some(t)
                if t.rsplit(' ')
                    .next()
                    .is_some_and(|w| w.len() >= 2 && !w.contains('.')) =>
            {
                t
            }
            _ => text,
        };
        return (vec![Person::organisation(name)], et_al);
    }
    let mut people = Vec::new();
    for chunk in sep.split(text) {
        people.extend(split_chunk(chunk.trim()));
    }
    (people, et_al)
}

fn is_organisation(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let single = !text.contains(',') && !text.contains('&') && !lower.contains(" and ");
    words
        .iter()
        .any(|w| ORG_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        && !text.contains(',')
        // "The White House", "Wikipedia contributors": a person's name
        // neither starts with an article nor has a lower-case word that is
        // not a particle ("van", "al", "bin").
        || single && words.len() >= 2 && (words[0] == "the" || has_common_word(text))
        || text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && words.len() <= 2
            && text.len() <= 12
}

fn has_common_word(text: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "der", "den", "de", "da", "das", "do", "dos", "di", "du", "del", "della",
        "la", "le", "al", "el", "bin", "ibn", "ben", "bint", "ter", "ten", "zu", "y",
    ];
    text.split_whitespace().skip(1).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(char::is_lowercase)
            && w.chars().count() > 2
            && !PARTICLES.contains(&w)
            && !w.contains('-')
    })
}

/// Looks like given names or initials: "P. J.", "P.J.", "Ayesha", "J.-P.".
fn looks_given(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| {
            let w = w.trim_end_matches('.');
            w.chars().next().is_some_and(char::is_uppercase)
        })
        && words.iter().any(|w| is_initials(w))
        || words.len() == 1 && part.chars().next().is_some_and(char::is_uppercase)
}

/// Initials run together without stops: "MJD", "CR" (at most four capitals).
fn is_compact_initials(word: &str) -> bool {
    (1..=4).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// "Jr", "Jr.", "Sr.", "II", "III": not part of the family name to match on.
pub fn is_generational(word: &str) -> bool {
    matches!(
        word.trim_end_matches([',', '.']),
        "Jr" | "Sr" | "jr" | "sr" | "II" | "III" | "IV"
    )
}

/// "J.", "J.-P.", "Th.", "JA": a two-letter piece counts only with a stop
/// or in capitals, so short family names ("Li", "Wu", "Te Grotenhuis")
/// are not taken for initials.
fn is_initials(word: &str) -> bool {
    let dotted = word.contains('.');
    let letters: Vec<&str> = word.split(['.', '-']).filter(|s| !s.is_empty()).collect();
    !letters.is_empty()
        && letters.iter().all(|l| {
            let n = l.chars().count();
            l.chars().next().is_some_and(char::is_uppercase)
                && (n == 1 || n == 2 && (dotted || l.chars().all(char::is_uppercase)))
        })
}

/// One comma-separated run of names: "Ruiz, A., Okafor, B." or "A. Ruiz, B. Okafor".
fn split_chunk(chunk: &str) -> Vec<Person> {
    let parts: Vec<&str> = chunk
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut people = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        let next = parts.get(i + 1);
        let inverted = !p.contains(' ')
            || !starts_with_initial(p)
                && p.split_whitespace().count() <= 3
                && next.is_some_and(|n| is_initials_part(n));
        if inverted && next.is_some_and(|n| looks_given(n) && !starts_with_initial(p)) {
            people.push(Person::new(
                p,
                Some(next.map(|n| n.to_string()).unwrap_or_default()),
            ));
            i += 2;
        } else {
            people.push(person_natural(p));
            i += 1;
        }
    }
    people
}

fn starts_with_initial(p: &str) -> bool {
    p.split_whitespace().next().is_some_and(is_initials)
}

fn is_initials_part(p: &str) -> bool {
    p.split_whitespace().all(is_initials)
}

/// "A. Ruiz", "Marc Shapiro", "Ruiz A" (initials after), "Ruiz".
fn person_natural(p: &str) -> Person {
    let words: Vec<&str> = p
        .split_whitespace()
        .filter(|w| !is_generational(w))
        .collect();
    // "Ruiz A", "Powell MJD", "Te Grotenhuis M": family first, then its
    // initials (the JSS and Vancouver order).
    let trailing = words
        .iter()
        .rev()
        .take_while(|w| is_initials(w) || is_compact_initials(w))
        .count();
    match words.as_slice() {
        [] => Person::new("", None),
        [one] => Person::new(one.trim_end_matches('.'), None),
        _ if trailing > 0 && trailing < words.len() && !is_initials(words[0]) => {
            let split = words.len() - trailing;
            Person::new(words[..split].join(" "), Some(words[split..].join(" ")))
        }
        _ => {
            // Particles belong to the family name: "Ludwig van Beethoven".
            let split = words
                .iter()
                .position(|w| {
                    matches!(
                        *w,
                        "van"
                            | "von"
                            | "de"
                            | "der"
                            | "den"
                            | "da"
                            | "di"
                            | "del"
                            | "al-"
                            | "bin"
                            | "le"
                            | "la"
                            | "du"
                    )
                })
                .filter(|&k| k > 0)
                .unwrap_or(words.len() - 1);
            Person::new(words[split..].join(" "), Some(words[..split].join(" ")))
        }
    }
}

/// A title that names a statement and its speaker: "Statement by …",
/// "Remarks by …", "Speech by …", "Address by …", "Joint statement of …".
fn is_statement_title(title: &str) -> bool {
    static STATEMENT: OnceLock<Regex> = OnceLock::new();
    re(
        &STATEMENT,
        r"^(?i:(?:joint\s+)?(?:statement|remarks|speech|address|press\s+statement|readout))\s+(?i:by|of|from)\s+(?:the\s+)?\p{Lu}",
    )
    .is_match(title.trim())
}

/// A segment that is nothing but a missing-date mark: "(n.d.)", "n.d.",
/// "(n.d.-b).", "(in press)".
fn is_no_date_mark(text: &str) -> bool {
    let core = text
        .trim()
        .trim_end_matches(['.', ',', ';'])
        .trim_start_matches('(')
        .trim_end_matches(')')
        .to_lowercase();
    let core = core.trim_end_matches('.');
    let undated = |c: &str| matches!(c, "n.d" | "n. d" | "no date");
    let lettered = core.rsplit_once("-").is_some_and(|(nd, letter)| {
        undated(nd.trim_end_matches('.'))
            && letter.len() == 1
            && letter.chars().all(|c| c.is_ascii_lowercase())
    });
    undated(core) || lettered || core == "in press"
}

/// A plain title that runs on into an italic name after a sentence stop
/// ("… against TTP. *Voice of America*"): the labeller read the outlet of
/// a news item or post into its title. Returns the title without it and
/// the outlet. An italic phrase inside a title ("Review of *The Great
/// Game*") has no stop before it and stays.
fn italic_tail_after_stop(title: &str, spans: &[String]) -> Option<(String, String)> {
    spans.iter().find_map(|span| {
        let head = title.strip_suffix(span.as_str())?.trim_end();
        let plain = head.strip_suffix('.').unwrap_or(head);
        let stopped = head.ends_with(['.', '?', '!']) && !plain.trim().is_empty();
        (stopped && !span.is_empty()).then(|| (plain.trim().to_string(), span.clone()))
    })
}

/// An italic title followed by a stop and plain words, all read as the
/// title ("History of Pakistan*. Wikipedia, The Free Encyclopedia"):
/// returns the italic title and the words after it.
fn italic_head_before_stop(title: &str, spans: &[String]) -> Option<(String, String)> {
    spans.iter().find_map(|span| {
        let after = title.strip_prefix(span.as_str())?;
        let after = after.trim_start_matches(['*', '_']).strip_prefix('.')?;
        let rest = after.trim().trim_end_matches('.').trim();
        (!span.is_empty() && !rest.is_empty()).then(|| (span.clone(), rest.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviated_journal_names_keep_their_last_stop() {
        assert_eq!(
            container_name("J. Borderlands Stud.,"),
            "J. Borderlands Stud."
        );
        assert_eq!(container_name("Wash. Q.,"), "Wash. Q.");
        assert_eq!(
            container_name("Proc. Natl. Acad. Sci."),
            "Proc. Natl. Acad. Sci."
        );
        assert_eq!(container_name("Asian Survey."), "Asian Survey");
        assert_eq!(
            container_name("Journal of Peace Research,"),
            "Journal of Peace Research"
        );
        assert_eq!(container_name("U.S. News."), "U.S. News");
        // A stop that was never there is not added.
        assert_eq!(
            container_name("J. Borderlands Stud,"),
            "J. Borderlands Stud"
        );
    }

    fn names(s: &str) -> Vec<(String, Option<String>)> {
        parse_names(s)
            .0
            .into_iter()
            .map(|p| (p.family, p.given))
            .collect()
    }

    #[test]
    fn a_reference_without_a_title_is_named_by_what_it_has() {
        let note = Reference {
            text: "W. (2026). Balochistan, Pakistan. Wikipedia.".into(),
            note: Some("Balochistan, Pakistan. Wikipedia".into()),
            ..Default::default()
        };
        assert_eq!(note.to_work("f").title, "Balochistan, Pakistan. Wikipedia");
        let bare = Reference {
            text: "W. (2026). Something.".into(),
            ..Default::default()
        };
        assert_eq!(bare.to_work("f").title, "W. (2026). Something.");
        // An edited book: its editors are its authors too.
        let edited = Reference {
            title: Some("Afghanistan after the Americans".into()),
            editors: vec![Person::new("Khan", Some("A.".into()))],
            year: Some(2021),
            ..Default::default()
        };
        let work = edited.to_work("f");
        assert_eq!((work.authors.len(), work.editors.len()), (1, 1));
        assert!(work.id.starts_with("khan-2021"), "{}", work.id);
    }

    #[test]
    fn statements_by_a_speaker_are_statements() {
        for title in [
            "Statement by Pakistan in the General Debate of the 72nd session",
            "Remarks by President Biden on the Drawdown of U.S. Forces in Afghanistan",
            "Joint Statement of the United States and Pakistan",
        ] {
            assert!(is_statement_title(title), "{title}");
        }
        for title in [
            "Statements and speeches in the UN",
            "Addressing the border question",
            "Speech act theory by example",
        ] {
            assert!(!is_statement_title(title), "{title}");
        }
    }

    #[test]
    fn a_title_from_italics_leaves_the_rest_of_the_note() {
        let mut r = Reference {
            note: Some(
                "Balochistan, Pakistan (lead summary). Wikipedia, The Free Encyclopedia".into(),
            ),
            ..Default::default()
        };
        r.set_title_from_italics("Balochistan, Pakistan (lead summary)");
        assert_eq!(
            r.title.as_deref(),
            Some("Balochistan, Pakistan (lead summary)")
        );
        assert_eq!(r.note.as_deref(), Some("Wikipedia, The Free Encyclopedia"));
    }

    #[test]
    fn a_group_author_spelt_out_in_parentheses_stays_the_author() {
        let text = "The White House (Executive Office of the President of the United States). \
                    (2022c). Background Press Call. The White House Briefing Room.";
        let segment = |label: &str, part: &str| segment_in(text, label, part, 0);
        let segments = [
            segment("author", "The White House"),
            segment(
                "title",
                "(Executive Office of the President of the United States).",
            ),
            segment("date", "(2022c)."),
            segment("title", "Background Press Call."),
            segment("publisher", "The White House Briefing Room."),
        ];
        let r = Reference::from_segments(text, &segments);
        assert_eq!(r.authors.len(), 1);
        assert_eq!(
            r.authors[0].family,
            "The White House (Executive Office of the President of the United States)"
        );
        assert_eq!(r.title.as_deref(), Some("Background Press Call"));
        // A parenthetical title after the date is the title.
        let text = "Khan, A. (2021). (Un)making the border. Hurst.";
        let segments = [
            segment_in(text, "author", "Khan, A.", 0),
            segment_in(text, "date", "(2021).", 0),
            segment_in(text, "title", "(Un)making the border.", 0),
        ];
        let r = Reference::from_segments(text, &segments);
        assert_eq!(r.title.as_deref(), Some("(Un)making the border"));
    }

    /// "Resolution 2593 (2021)" after the entry's date, whether the
    /// labeller reads it as a journal and volume with a second date, or as
    /// a title with a second date: the whole is the title.
    #[test]
    fn a_resolution_keeps_its_number_and_year_in_its_title() {
        let text = "United Nations Security Council. (2021). Resolution 2593 (2021). \
                    https://undocs.org/S/RES/2593(2021)";
        let segment = |label: &str, part: &str, from: usize| segment_in(text, label, part, from);
        let as_journal = [("journal", "Resolution"), ("volume", "2593")];
        let as_title = [("title", "Resolution 2593")];
        for labelled in [&as_journal[..], &as_title[..]] {
            let mut segments = vec![
                segment("author", "United Nations Security Council.", 0),
                segment("date", "(2021).", 0),
            ];
            segments.extend(labelled.iter().map(|(l, p)| segment(l, p, 0)));
            segments.push(segment("date", "(2021).", 45));
            segments.push(segment("url", "https://undocs.org/S/RES/2593(2021)", 0));
            let r = Reference::from_segments(text, &segments);
            assert_eq!(r.title.as_deref(), Some("Resolution 2593 (2021)"));
            assert_eq!((r.container.as_deref(), r.volume.as_deref()), (None, None));
            assert_eq!(r.year, Some(2021));
            assert_eq!(
                r.url.as_deref(),
                Some("https://undocs.org/S/RES/2593(2021)")
            );
        }
        // With a title, a journal after it stays the journal.
        let text = "Khan, A. (2021). Border. Asian Survey, 61.";
        let segments = [
            segment_in(text, "author", "Khan, A.", 0),
            segment_in(text, "date", "(2021).", 0),
            segment_in(text, "title", "Border.", 0),
            segment_in(text, "journal", "Asian Survey,", 0),
            segment_in(text, "volume", "61.", 0),
        ];
        let r = Reference::from_segments(text, &segments);
        assert_eq!(r.container.as_deref(), Some("Asian Survey"));
        // A year in brackets before any date stays the date.
        let text = "Border politics (2019). Asian Survey.";
        let segments = [
            segment_in(text, "title", "Border politics", 0),
            segment_in(text, "date", "(2019).", 0),
            segment_in(text, "journal", "Asian Survey.", 0),
        ];
        let r = Reference::from_segments(text, &segments);
        assert_eq!(
            (r.title.as_deref(), r.year),
            (Some("Border politics"), Some(2019))
        );
    }

    /// A news outlet in italics read into the plain title before it is the
    /// periodical; an italic phrase inside a title is not.
    #[test]
    fn an_italic_outlet_after_the_titles_stop_is_the_periodical() {
        let mut r = Reference {
            title: Some(
                "Pakistan says Afghan Taliban failing to act against TTP. Voice of America".into(),
            ),
            ..Reference::default()
        };
        r.apply_italics(&["*Voice of America*".to_string()]);
        assert_eq!(
            r.title.as_deref(),
            Some("Pakistan says Afghan Taliban failing to act against TTP")
        );
        assert_eq!(r.container.as_deref(), Some("Voice of America"));
        let mut r = Reference {
            title: Some("A review of The Great Game".into()),
            ..Reference::default()
        };
        r.apply_italics(&["The Great Game".to_string()]);
        assert_eq!(r.title.as_deref(), Some("A review of The Great Game"));
        assert_eq!(r.container, None);
    }

    /// A site or publisher after an italic title, read into the title, is
    /// the publisher again.
    #[test]
    fn a_plain_name_after_an_italic_title_is_the_publisher() {
        let mut r = Reference {
            title: Some(
                "*History of Pakistan (Wikipedia lead summary)*. Wikipedia, The Free Encyclopedia."
                    .into(),
            ),
            ..Reference::default()
        };
        r.apply_italics(&["*History of Pakistan (Wikipedia lead summary)*".to_string()]);
        assert_eq!(
            r.title.as_deref(),
            Some("History of Pakistan (Wikipedia lead summary)")
        );
        assert_eq!(
            r.publisher.as_deref(),
            Some("Wikipedia, The Free Encyclopedia")
        );
    }

    /// The segment labelled `label` that is `part` of `text`, found from
    /// byte `from` on.
    fn segment_in<'a>(text: &'a str, label: &str, part: &str, from: usize) -> Segment<'a> {
        let start = from + text[from..].find(part).unwrap();
        Segment {
            label: label.into(),
            text: &text[start..start + part.len()],
            start,
            end: start + part.len(),
        }
    }

    #[test]
    fn a_link_keeps_the_brackets_it_opened() {
        for (text, url) in [
            (
                "https://undocs.org/S/RES/2593(2021)",
                "https://undocs.org/S/RES/2593(2021)",
            ),
            (
                "(https://undocs.org/S/RES/2593(2021)).",
                "https://undocs.org/S/RES/2593(2021)",
            ),
            ("<https://www.usip.org/x>.", "https://www.usip.org/x"),
            ("https://www.usip.org/x).", "https://www.usip.org/x"),
        ] {
            let mut r = Reference::default();
            r.set_url(text);
            assert_eq!(r.url.as_deref(), Some(url), "{text}");
        }
    }

    #[test]
    fn a_publisher_with_a_parenthetical_is_not_a_note() {
        let mut r = Reference {
            title: Some("Statement by Pakistan".into()),
            note: Some("United Nations General Assembly (compiled in the UN General Debate Corpus, Jankin, Baturo & Dasandi)".into()),
            ..Default::default()
        };
        r.take_publisher_from_note();
        assert_eq!(
            r.publisher.as_deref(),
            Some("United Nations General Assembly")
        );
        assert_eq!(
            r.note.as_deref(),
            Some("compiled in the UN General Debate Corpus, Jankin, Baturo & Dasandi")
        );
        // A note in words, or one beside a publisher, stays a note.
        for (note, publisher) in [
            ("Paper presented at the Annual Meeting (Boston)", None),
            ("United Nations (mimeo)", Some("Hurst")),
        ] {
            let mut r = Reference {
                title: Some("T".into()),
                note: Some(note.into()),
                publisher: publisher.map(str::to_string),
                ..Default::default()
            };
            r.take_publisher_from_note();
            assert_eq!(r.note.as_deref(), Some(note));
        }
    }

    #[test]
    fn inverted_and_natural_names() {
        assert_eq!(
            names("Gmytrasiewicz, P. J., Durfee, E. H., & Wehe, D. K."),
            vec![
                ("Gmytrasiewicz".into(), Some("P. J.".into())),
                ("Durfee".into(), Some("E. H.".into())),
                ("Wehe".into(), Some("D. K.".into()))
            ]
        );
        assert_eq!(
            names("Marc Shapiro and Susan Horwitz."),
            vec![
                ("Shapiro".into(), Some("Marc".into())),
                ("Horwitz".into(), Some("Susan".into()))
            ]
        );
        assert_eq!(names("S. E. Han, G. Chen,").len(), 2);
        assert_eq!(
            names("Siddiqi, Ayesha"),
            vec![("Siddiqi".into(), Some("Ayesha".into()))]
        );
    }

    #[test]
    fn family_then_initials_as_in_jss_and_vancouver() {
        let (p, _) = parse_names("Powell MJD, Te Grotenhuis M, Henderson Jr CR, Bates D");
        let families: Vec<&str> = p.iter().map(|p| p.family.as_str()).collect();
        assert_eq!(families, ["Powell", "Te Grotenhuis", "Henderson", "Bates"]);
        assert_eq!(p[0].given.as_deref(), Some("MJD"));
        let (p, _) = parse_names("R Core Team");
        assert!(p[0].literal, "{p:?}");
    }

    #[test]
    fn organisations_and_et_al() {
        for org in ["The White House.", "Wikipedia contributors."] {
            let (p, _) = parse_names(org);
            assert!(p.len() == 1 && p[0].literal, "{org}: {p:?}");
        }
        // Particles do not make a person an organisation.
        let (p, _) = parse_names("Ruiz de la Vega, A.");
        assert!(!p[0].literal);
        let (p, _) = parse_names("International Crisis Group.");
        assert!(p[0].literal);
        assert_eq!(p[0].family, "International Crisis Group");
        for (org, name) in [("UNAMA.", "UNAMA"), ("BRA.", "BRA"), ("U.S.", "U.S.")] {
            let (p, _) = parse_names(org);
            assert_eq!((p[0].family.as_str(), p[0].literal), (name, true), "{org}");
        }
        let (p, et_al) = parse_names("Haddad, R., et al.");
        assert!(et_al);
        assert_eq!(p.len(), 1);
        // APA's ellipsis before the last of many authors.
        let (p, _) = parse_names("Gul, H., Hussain, A., Iqbal, N., \u{2026} Karim, S.");
        let last = p.last().map(|p| p.family.as_str());
        assert_eq!((p.len(), last), (4, Some("Karim")));
        // Editors of an edited book, "(Eds.)" after them.
        let (p, _) = parse_names("Khan, A., & Ali, B. (Eds.).");
        let names: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|p| (p.family.as_str(), p.given.as_deref()))
            .collect();
        assert_eq!(names, [("Khan", Some("A.")), ("Ali", Some("B."))]);
    }

    #[test]
    fn volume_issue_pages_year() {
        let mut r = Reference::default();
        r.set_volume("9(2),");
        assert_eq!(
            (r.volume.as_deref(), r.issue.as_deref()),
            (Some("9"), Some("2"))
        );
        let mut r = Reference::default();
        r.set_volume("Vol. 12, No. 3");
        assert_eq!(
            (r.volume.as_deref(), r.issue.as_deref()),
            (Some("12"), Some("3"))
        );
        assert_eq!(clean_pages("pp. 81\u{2013}98."), "81-98");
        assert_eq!(clean_pages("(pp. 112\u{2013}131)."), "112-131");
        let mut r = Reference::default();
        r.set_date("(2023a).");
        assert_eq!((r.year, r.year_suffix.as_deref()), (Some(2023), Some("a")));
        let mut r = Reference::default();
        r.set_date("(n.d.).");
        assert_eq!(r.date_note.as_deref(), Some("n.d."));
        // A year read after "(n.d.)" is not the work's.
        r.set_date("2021*.");
        assert_eq!((r.year, r.date_note.as_deref()), (None, Some("n.d.")));
        // The title read into the date, after "(n.d.)", is the title.
        let mut r = Reference::default();
        r.set_date_segment("(n.d.-b). Border security after 2021.");
        assert_eq!(
            (r.year, r.date_note.as_deref(), r.year_suffix.as_deref()),
            (None, Some("n.d."), Some("b"))
        );
        assert_eq!(r.title.as_deref(), Some("Border security after 2021"));
    }

    #[test]
    fn month_and_day_of_dated_items() {
        let date = |text: &str| {
            let mut r = Reference::default();
            r.set_date(text);
            r.iso_date()
        };
        assert_eq!(date("(2021, August 16).").as_deref(), Some("2021-08-16"));
        assert_eq!(date("16 Aug. 2021,").as_deref(), Some("2021-08-16"));
        assert_eq!(date("June 1992,").as_deref(), Some("1992-06"));
        assert_eq!(date("(2019, Sept.).").as_deref(), Some("2019-09"));
        assert_eq!(date("(2022).").as_deref(), Some("2022"));
        // A day needs a month next to it; "Marxism" is not March.
        assert_eq!(date("(2020, 12).").as_deref(), Some("2020"));
        assert_eq!(month_and_day("Marxism 2020"), (None, None));
        // Dated to the day in a periodical without a volume: news.
        let news = Reference {
            year: Some(2021),
            month: Some(8),
            day: Some(16),
            container: Some("Dawn".into()),
            ..Reference::default()
        };
        assert_eq!(news.guess_kind(), WorkKind::News);
        let article = Reference {
            volume: Some("12".into()),
            ..news
        };
        assert_eq!(article.guess_kind(), WorkKind::Article);
    }

    #[test]
    fn the_apa_date_in_parentheses_wins_over_a_year_in_the_title() {
        let segments = [
            Segment {
                label: "date".into(),
                text: "Computing Curricula 2005,",
                start: 0,
                end: 25,
            },
            Segment {
                label: "title".into(),
                text: "The. (n.d.).",
                start: 26,
                end: 38,
            },
        ];
        let text = "Computing Curricula 2005, The. (n.d.).";
        let r = Reference::from_segments(text, &segments);
        assert_eq!((r.year, r.date_note.as_deref()), (None, Some("n.d.")));
        let dated = "Khan, A. (2021, August 16). Border trade after 2005. Dawn.";
        let r = Reference::from_segments(dated, &[]);
        assert_eq!(r.year, Some(2021), "a year in the title is not the date");
    }

    #[test]
    fn missing_date_marks_are_dates_whatever_their_label() {
        for mark in ["(n.d.-a).", "(n.d.)", "n.d.", "(in press).", "(n. d.)"] {
            assert!(is_no_date_mark(mark), "{mark}");
        }
        for other in ["(Report No. 5)", "(Working paper)", "(2021)", "(nd-ab)"] {
            assert!(!is_no_date_mark(other), "{other}");
        }
        let segments = [
            Segment {
                label: "title".into(),
                text: "Using implementation intentions.",
                start: 0,
                end: 32,
            },
            Segment {
                label: "genre".into(),
                text: "(n.d.-a).",
                start: 33,
                end: 42,
            },
        ];
        let r = Reference::from_segments("Using implementation intentions. (n.d.-a).", &segments);
        assert_eq!(
            (
                r.date_note.as_deref(),
                r.year_suffix.as_deref(),
                r.genre.as_deref()
            ),
            (Some("n.d."), Some("a"), None)
        );
    }

    #[test]
    fn a_year_suffix_read_as_the_start_of_the_title_goes_back_to_the_year() {
        let text = "The White House. (2021a). Background press call. Briefing Room.";
        let mut r = Reference {
            text: text.into(),
            year: Some(2021),
            title: Some("a). Background press call".into()),
            ..Reference::default()
        };
        r.take_year_suffix_from_title();
        assert_eq!(r.year_suffix.as_deref(), Some("a"));
        assert_eq!(r.title.as_deref(), Some("Background press call"));
    }

    /// "(n.d.-a)" cut after "n.d.": the letter goes back to the date.
    #[test]
    fn a_letter_of_an_undated_work_read_into_the_title_goes_back() {
        let text = "Siddiqa, A. (n.d.-a). *Border talks in Kabul*.";
        let mut r = Reference {
            text: text.into(),
            date_note: Some("n.d.".into()),
            title: Some("-a). *Border talks in Kabul*.".into()),
            ..Reference::default()
        };
        r.take_year_suffix_from_title();
        assert_eq!(r.year_suffix.as_deref(), Some("a"));
        assert_eq!(r.title.as_deref(), Some("*Border talks in Kabul*."));
    }
}
