//! PubMed's MEDLINE format: what PubMed's "Save → PubMed format" writes
//! and reference managers export as `.nbib` or `.medline`.
//!
//! A record is a run of `TAG - value` lines (the tag padded to four
//! characters, then "- "), a value continued on lines indented by six
//! spaces, records separated by blank lines, each opening with `PMID-`.
//! Full author names (`FAU`, "Siddiqa, Ayesha") win over the short ones
//! (`AU`, "Siddiqa A"); the DOI is the `LID`/`AID` marked `[doi]`;
//! PubMed's shortened page ranges ("1123-9") are written out ("1123–1129").
//! A record without a title is skipped with its line.

use crate::ids::{self, clean};
use crate::names::{person_from_inverted, person_from_short};
use crate::{Emit, IngestError};
use quire_model::{normalize, Person, Work, WorkKind};

/// One record's fields in file order, with the line it starts on.
struct RawRecord {
    line: usize,
    fields: Vec<(String, String)>,
}

impl RawRecord {
    fn first(&self, tag: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(t, v)| t == tag && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    fn all<'r>(&'r self, tag: &'r str) -> impl Iterator<Item = &'r str> + 'r {
        self.fields
            .iter()
            .filter(move |(t, _)| t == tag)
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) fn read(text: &str, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let mut record: Option<RawRecord> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            if let Some(r) = record.take() {
                finish(&r, emit);
            }
            continue;
        }
        if let Some((tag, value)) = split_tag(line) {
            if tag == "PMID" {
                if let Some(r) = record.take() {
                    finish(&r, emit);
                }
            }
            let r = record.get_or_insert_with(|| RawRecord {
                line: line_no,
                fields: Vec::new(),
            });
            r.fields.push((tag.to_string(), value.trim().to_string()));
        } else if let Some((_, value)) = record.as_mut().and_then(|r| r.fields.last_mut()) {
            // A continuation line (indented by six spaces).
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(line.trim());
        }
        // Text outside a record (a header) is ignored.
    }
    if let Some(r) = record {
        finish(&r, emit);
    }
    Ok(())
}

/// `TI  - value`, `FAU - value`, `PMID- value`: a tag of two to four
/// capitals or digits, padded to four, then "- ".
fn split_tag(line: &str) -> Option<(&str, &str)> {
    let head = line.get(..4)?;
    let tag = head.trim_end();
    let rest = line.get(4..)?;
    let value = rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))?;
    let is_tag = tag.len() >= 2
        && tag
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    is_tag.then_some((tag, value))
}

fn finish(r: &RawRecord, emit: &mut Emit<'_>) {
    let key = r.first("PMID").map(|p| format!("pmid{p}"));
    match to_work(r) {
        Some(mut work) => {
            work.id = ids::work_id(key.as_deref(), &work);
            emit.record(work, None, r.line, key);
        }
        None => emit.skip(Some(r.line), "record has no title (TI/BTI)"),
    }
}

fn to_work(r: &RawRecord) -> Option<Work> {
    let title = r
        .first("TI")
        .or_else(|| r.first("BTI"))
        .and_then(|t| clean(strip_title(t)))?;
    let date = r.first("DP");
    let doi = r
        .all("LID")
        .chain(r.all("AID"))
        .filter(|v| v.ends_with("[doi]"))
        .find_map(|v| normalize::doi(v.trim_end_matches("[doi]").trim()));
    let mut keywords: Vec<String> = r.all("OT").filter_map(clean).collect();
    // MeSH headings without their qualifiers and major-topic stars:
    // "Refugees/*psychology" → "Refugees".
    keywords.extend(
        r.all("MH")
            .filter_map(|h| clean(h.split('/').next().unwrap_or(h).trim_matches('*'))),
    );
    // Author keywords and MeSH headings overlap ("refugees", "Refugees").
    let mut seen = std::collections::HashSet::new();
    keywords.retain(|k| seen.insert(k.to_lowercase()));
    Some(Work {
        kind: kind(r),
        title,
        authors: authors(r),
        year: date.and_then(ids::year_in),
        date: date.and_then(ids::iso_from_text).filter(|d| d.len() > 4),
        container: r.first("JT").or_else(|| r.first("TA")).and_then(clean),
        volume: r.first("VI").and_then(clean),
        issue: r.first("IP").and_then(clean),
        pages: r.first("PG").and_then(full_page_range),
        publisher: r.first("PB").and_then(clean),
        doi,
        abstract_text: r.first("AB").and_then(clean),
        keywords,
        language: r.first("LA").and_then(clean),
        genre: r.first("PT").and_then(clean),
        ..Default::default()
    })
}

/// "Border security after 2021." → without its closing full stop, and a
/// translated title's brackets ("[Refugees in Pakistan].") dropped.
fn strip_title(title: &str) -> &str {
    let t = title.trim();
    let t = t.strip_suffix('.').unwrap_or(t);
    t.strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(t)
}

/// Full names (`FAU`) when given, else the short ones (`AU`: "Siddiqa
/// A", family then initials); collective authors (`CN`) as organisations.
fn authors(r: &RawRecord) -> Vec<Person> {
    let full: Vec<Person> = r.all("FAU").filter_map(person_from_inverted).collect();
    let mut out = if full.is_empty() {
        r.all("AU").filter_map(person_from_short).collect()
    } else {
        full
    };
    out.extend(
        r.all("CN")
            .filter_map(|n| clean(n).map(Person::organisation)),
    );
    out
}

/// PubMed shortens the last page to the digits that change: "1123-9" is
/// 1123–1129, "e1002345" stays.
fn full_page_range(pages: &str) -> Option<String> {
    let p = pages.trim();
    let Some((first, last)) = p.split_once('-') else {
        return clean(p);
    };
    let (first, last) = (first.trim(), last.trim());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let last = if digits(first) && digits(last) && last.len() < first.len() {
        format!("{}{last}", &first[..first.len() - last.len()])
    } else {
        last.to_string()
    };
    ids::page_range(Some(first), Some(&last))
}

/// The work's kind from its publication types (`PT`) and book fields.
fn kind(r: &RawRecord) -> WorkKind {
    let types: Vec<String> = r.all("PT").map(str::to_lowercase).collect();
    let is = |t: &str| types.iter().any(|p| p.contains(t));
    if r.first("BTI").is_some() && r.first("TI").is_some() {
        WorkKind::Chapter
    } else if r.first("BTI").is_some() || is("book") {
        WorkKind::Book
    } else if is("news") || is("newspaper") {
        WorkKind::News
    } else if is("technical report") || is("government publication") {
        WorkKind::Report
    } else {
        WorkKind::Article
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_padded_to_four_characters() {
        assert_eq!(split_tag("PMID- 34567890"), Some(("PMID", "34567890")));
        assert_eq!(
            split_tag("TI  - Border security."),
            Some(("TI", "Border security."))
        );
        assert_eq!(
            split_tag("FAU - Siddiqa, Ayesha"),
            Some(("FAU", "Siddiqa, Ayesha"))
        );
        assert_eq!(split_tag("      continued text"), None);
        assert_eq!(split_tag("Refugees - a view"), None);
    }

    #[test]
    fn shortened_page_ranges_are_written_out() {
        assert_eq!(full_page_range("1123-9").as_deref(), Some("1123–1129"));
        assert_eq!(full_page_range("99-105").as_deref(), Some("99–105"));
        assert_eq!(full_page_range("e1002345").as_deref(), Some("e1002345"));
    }
}
