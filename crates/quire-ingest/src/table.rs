//! Reference lists as tables: Scopus's CSV export, Web of Science's
//! tab-delimited export, and any spreadsheet saved as CSV or TSV with a
//! header row naming its columns ("Title", "Authors", "Year", "Abstract",
//! "DOI", …).
//!
//! Columns are found by their header, in any order and any case; a
//! column quire does not know is ignored. Authors are split at ";" (and
//! at "., " in Scopus's older "Khan A., Rashid A." lists); Scopus's
//! author ids in parentheses are dropped. A row without a title is
//! skipped with its line; the rest of the file is read.

use crate::ids::{self, clean};
use crate::names::person_from_short;
use crate::{Emit, IngestError};
use quire_model::{normalize, Person, Work, WorkKind};

/// Header names of each field, lower case, most specific first.
const TITLE: &[&str] = &["title", "article title", "document title", "ti"];
/// Full names before short ones: Scopus "Author full names", WoS `AF`.
const AUTHORS: &[&str] = &["author full names", "af", "authors", "author", "au"];
const YEAR: &[&str] = &["year", "publication year", "py", "pubyear", "date"];
const ABSTRACT: &[&str] = &["abstract", "ab"];
const DOI: &[&str] = &["doi", "di"];
const CONTAINER: &[&str] = &[
    "source title",
    "journal",
    "publication title",
    "container-title",
    "so",
];
const VOLUME: &[&str] = &["volume", "vl"];
const ISSUE: &[&str] = &["issue", "is"];
const PAGES: &[&str] = &["pages", "page"];
const PAGE_START: &[&str] = &["page start", "start page", "bp"];
const PAGE_END: &[&str] = &["page end", "end page", "ep"];
const KEYWORDS: &[&str] = &["author keywords", "keywords", "de"];
const KIND: &[&str] = &["document type", "type", "dt", "item type"];
const PUBLISHER: &[&str] = &["publisher", "pu"];
const URL: &[&str] = &["link", "url"];
const LANGUAGE: &[&str] = &["language of original document", "language", "la"];
const KEY: &[&str] = &["eid", "ut", "key", "id"];

/// Where each known field sits in a row.
struct Columns {
    header: Vec<String>,
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Columns {
        Columns {
            header: header
                .iter()
                .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
                .collect(),
        }
    }

    fn index(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.header.iter().position(|h| h == n))
    }

    fn get<'r>(&self, row: &'r csv::StringRecord, names: &[&str]) -> Option<&'r str> {
        let at = self.index(names)?;
        row.get(at).map(str::trim).filter(|v| !v.is_empty())
    }
}

pub(crate) fn read(text: &str, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = if first_line(text).contains('\t') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        // Web of Science quotes nothing and puts quotes inside titles.
        .quoting(delimiter == b',')
        .from_reader(text.as_bytes());
    let columns = match reader.headers() {
        Ok(h) => Columns::of(h),
        Err(e) => {
            return Err(IngestError::unusable(
                emit.file,
                format!("no header row: {e}"),
            ))
        }
    };
    if columns.index(TITLE).is_none() {
        return Err(IngestError::unusable(
            emit.file,
            "a table needs a Title column (Scopus CSV, Web of Science tab-delimited, or a header row)",
        ));
    }
    let mut lines = LineCounter::new(text);
    for row in reader.records() {
        match row {
            Ok(row) => {
                let line = row.position().map_or(0, |p| lines.at(p.byte() as usize));
                match to_work(&columns, &row) {
                    Some(mut work) => {
                        let key = columns.get(&row, KEY).map(str::to_string);
                        work.id = ids::work_id(key.as_deref(), &work);
                        emit.record(work, None, line, key);
                    }
                    None => emit.skip(Some(line), "row has no title"),
                }
            }
            Err(e) => {
                let line = e.position().map(|p| lines.at(p.byte() as usize));
                emit.skip(line, format!("unreadable row: {e}"));
            }
        }
    }
    Ok(())
}

/// Line numbers of byte offsets met in increasing order, counted as the
/// file is read (the csv reader's own line count was one short in a CRLF
/// file with a line break inside a quoted field).
struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line of the record the csv reader places at `byte`: it may
    /// place it on the line end before the record, which is skipped.
    fn at(&mut self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte >= self.byte {
            self.line += memchr::memchr_iter(b'\n', &self.text[self.byte..byte]).count();
            self.byte = byte;
        }
        self.line
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

fn to_work(c: &Columns, row: &csv::StringRecord) -> Option<Work> {
    let title = c.get(row, TITLE).and_then(clean)?;
    let kind_label = c.get(row, KIND);
    let pages = c
        .get(row, PAGES)
        .and_then(clean)
        .or_else(|| ids::page_range(c.get(row, PAGE_START), c.get(row, PAGE_END)));
    Some(Work {
        kind: kind_label.map_or(WorkKind::Article, kind),
        title,
        authors: c.get(row, AUTHORS).map(authors).unwrap_or_default(),
        year: c.get(row, YEAR).and_then(ids::year_in),
        container: c.get(row, CONTAINER).and_then(clean),
        volume: c.get(row, VOLUME).and_then(clean),
        issue: c.get(row, ISSUE).and_then(clean),
        pages,
        publisher: c.get(row, PUBLISHER).and_then(clean),
        doi: c.get(row, DOI).and_then(normalize::doi),
        url: c.get(row, URL).and_then(clean),
        abstract_text: c
            .get(row, ABSTRACT)
            .filter(|a| !a.starts_with("[No abstract available]"))
            .and_then(clean),
        keywords: c
            .get(row, KEYWORDS)
            .map(ids::split_keywords)
            .unwrap_or_default(),
        language: c.get(row, LANGUAGE).and_then(clean),
        genre: kind_label.and_then(clean),
        ..Default::default()
    })
}

/// "Khan, Ayesha (57212345678); Rashid, Ahmed (6789)", "Khan A.; Rashid
/// A.", Scopus's older "Khan A., Rashid A.".
fn authors(field: &str) -> Vec<Person> {
    let parts: Vec<&str> = if field.contains(';') {
        field.split(';').collect()
    } else if field.contains("., ") {
        field.split_inclusive("., ").collect()
    } else {
        vec![field]
    };
    parts
        .into_iter()
        .map(|p| {
            let p = p.trim().trim_end_matches(',').trim();
            // Scopus's author id: "Khan, Ayesha (57212345678)".
            match p.rsplit_once(" (") {
                Some((name, id))
                    if id.trim_end_matches(')').bytes().all(|b| b.is_ascii_digit()) =>
                {
                    name
                }
                _ => p,
            }
        })
        .filter_map(person_from_short)
        .collect()
}

/// Scopus's and Web of Science's document types, and plain words.
fn kind(label: &str) -> WorkKind {
    let l = label.trim().to_lowercase();
    match l.as_str() {
        "j" | "article" | "review" | "journal article" | "letter" | "editorial" | "note" => {
            WorkKind::Article
        }
        "b" | "book" => WorkKind::Book,
        "book chapter" | "chapter" => WorkKind::Chapter,
        "s" | "c" | "conference paper" | "proceedings paper" => WorkKind::Article,
        "report" => WorkKind::Report,
        other => WorkKind::from_label(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_lists_of_scopus_and_web_of_science() {
        let names = |f: &str| -> Vec<(String, Option<String>)> {
            authors(f)
                .into_iter()
                .map(|p| (p.family, p.given))
                .collect()
        };
        let two = vec![
            ("Khan".to_string(), Some("Ayesha".to_string())),
            ("Rashid".to_string(), Some("Ahmed".to_string())),
        ];
        assert_eq!(
            names("Khan, Ayesha (57212345678); Rashid, Ahmed (6789)"),
            two
        );
        assert_eq!(names("Khan, Ayesha; Rashid, Ahmed"), two);
        assert_eq!(
            names("Khan A., Rashid A."),
            vec![
                ("Khan".to_string(), Some("A.".to_string())),
                ("Rashid".to_string(), Some("A.".to_string()))
            ]
        );
    }
}
