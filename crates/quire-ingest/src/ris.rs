//! RIS, read leniently, line by line, as a stream.
//!
//! Real RIS files from databases and reference managers are messy: CRLF,
//! BOMs, tags repeated, `A1` or `AU`, `PY` or `Y1` or `DA`, abstracts
//! wrapped over several lines, a missing `ER` at the end of a record, stray
//! text between records. The rules here: a line `XX  - value` (two-character
//! tag, at least one space, a hyphen) is a field; any other non-blank line
//! inside a record continues the previous field; `ER` closes a record and a
//! new `TY` opens one (closing any open record). A record without a title
//! is skipped with its line.

use crate::encoding::line_text;
use crate::ids::{self, clean};
use crate::names::person_from_inverted;
use crate::{Emit, IngestError};
use quire_model::{normalize, Work, WorkKind};
use std::io::BufRead;
use std::ops::Range;

/// One raw record: its first line and its fields in file order. The
/// values live in one buffer, reused from record to record, so reading a
/// record allocates nothing until its Work is built.
#[derive(Debug, Default)]
struct RawRecord {
    line: usize,
    text: String,
    fields: Vec<([u8; 2], Range<usize>)>,
}

impl RawRecord {
    fn start(&mut self, line: usize) {
        self.line = line;
        self.text.clear();
        self.fields.clear();
    }

    fn is_open(&self) -> bool {
        self.line != 0
    }

    fn push(&mut self, tag: [u8; 2], value: &str) {
        let start = self.text.len();
        self.text.push_str(value);
        self.fields.push((tag, start..self.text.len()));
    }

    /// A wrapped line continues the last field, which ends the buffer.
    fn extend_last(&mut self, text: &str) {
        let Some((_, range)) = self.fields.last_mut() else {
            return;
        };
        if range.end > range.start {
            self.text.push(' ');
        }
        self.text.push_str(text);
        range.end = self.text.len();
    }

    fn values(&self) -> impl Iterator<Item = (&[u8; 2], &str)> + '_ {
        self.fields
            .iter()
            .map(|(tag, range)| (tag, &self.text[range.clone()]))
    }

    fn first(&self, tags: &[&[u8; 2]]) -> Option<&str> {
        tags.iter().find_map(|t| {
            self.values()
                .find(|(tag, v)| tag == t && !v.trim().is_empty())
                .map(|(_, v)| v)
        })
    }

    fn all<'a>(&'a self, tags: &'a [&[u8; 2]]) -> impl Iterator<Item = &'a str> + 'a {
        self.values()
            .filter(move |(tag, _)| tags.contains(tag))
            .map(|(_, v)| v)
    }
}

pub(crate) fn read<R: BufRead>(mut reader: R, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let mut buf = Vec::with_capacity(4096);
    let mut line_no = 0usize;
    // `line == 0`: no record open.
    let mut rec = RawRecord::default();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| IngestError::io(emit.file, e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let bytes = trim_line(&buf, line_no == 1);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = line_text(bytes);
        match split_tag(&text) {
            Some((tag, _)) if &tag == b"ER" && rec.is_open() => {
                finish(&rec, emit);
                rec.start(0);
            }
            // An `ER` outside a record closes nothing.
            Some((tag, _)) if &tag == b"ER" => {}
            Some((tag, value)) => {
                if &tag == b"TY" && rec.is_open() {
                    finish(&rec, emit);
                    rec.start(0);
                }
                if !rec.is_open() {
                    rec.start(line_no);
                }
                rec.push(tag, value.trim());
            }
            // Outside a record a stray line (a header, a note) is ignored.
            None if rec.is_open() => rec.extend_last(text.trim()),
            None => {}
        }
    }
    if rec.is_open() {
        finish(&rec, emit);
    }
    Ok(())
}

/// Drop the line end (LF or CRLF) and, on the first line, a UTF-8 BOM.
fn trim_line(buf: &[u8], first: bool) -> &[u8] {
    let mut b = buf;
    if first {
        b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    }
    while let [rest @ .., b'\n' | b'\r'] = b {
        b = rest;
    }
    b
}

/// `XX  - value` → (tag, value). The tag is an uppercase letter and an
/// uppercase letter or digit; at least one space must precede the hyphen,
/// so "US-Pakistan relations" in a wrapped abstract is not a tag.
fn split_tag(line: &str) -> Option<([u8; 2], &str)> {
    let b = line.as_bytes();
    if b.len() < 4
        || !b[0].is_ascii_uppercase()
        || !(b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
    {
        return None;
    }
    let spaces = b[2..].iter().take_while(|&&c| c == b' ').count();
    if spaces == 0 || b.get(2 + spaces) != Some(&b'-') {
        return None;
    }
    let value = &line[3 + spaces..];
    Some(([b[0], b[1]], value.strip_prefix(' ').unwrap_or(value)))
}

fn finish(rec: &RawRecord, emit: &mut Emit<'_>) {
    match to_work(rec) {
        Ok(work) => {
            let key = rec.first(&[b"ID"]).map(str::to_string);
            let mut work = work;
            work.id = ids::work_id(key.as_deref(), &work);
            emit.record(work, None, rec.line, key);
        }
        Err(message) => emit.skip(Some(rec.line), message),
    }
}

fn to_work(rec: &RawRecord) -> Result<Work, String> {
    let title = rec
        .first(&[b"TI", b"T1", b"CT"])
        .and_then(clean)
        .ok_or_else(|| "record has no title (TI/T1)".to_string())?;
    let ty = rec.first(&[b"TY"]).unwrap_or("");
    let kind = ris_kind(ty);
    let container = match kind {
        WorkKind::Chapter => rec.first(&[b"BT", b"T2"]),
        _ => rec.first(&[b"JF", b"JO", b"T2", b"JA", b"J2", b"BT"]),
    };
    let date_text = rec.first(&[b"DA", b"PY", b"Y1", b"Y2"]);
    let year = rec
        .all(&[b"PY", b"Y1", b"DA", b"Y2"])
        .find_map(ids::year_in);
    let mut keywords = Vec::new();
    for kw in rec.all(&[b"KW"]) {
        keywords.extend(ids::split_keywords(kw));
    }
    Ok(Work {
        kind,
        title,
        authors: rec
            .all(&[b"AU", b"A1"])
            .filter_map(person_from_inverted)
            .collect(),
        year,
        date: date_text
            .and_then(ids::iso_from_text)
            .filter(|d| d.len() > 4),
        container: container.and_then(clean),
        volume: rec.first(&[b"VL"]).and_then(clean),
        issue: rec.first(&[b"IS", b"CP"]).and_then(clean),
        pages: pages(rec),
        publisher: rec.first(&[b"PB"]).and_then(clean),
        doi: rec
            .all(&[b"DO", b"DI", b"M3", b"N1"])
            .find_map(normalize::doi),
        url: rec.first(&[b"UR", b"L2"]).and_then(clean),
        abstract_text: longest(rec.all(&[b"AB", b"N2"])),
        keywords,
        language: rec.first(&[b"LA"]).and_then(clean),
        genre: clean(ty),
        ..Default::default()
    })
}

/// RIS type codes that the shared synonym table does not know.
fn ris_kind(ty: &str) -> WorkKind {
    match ty.trim().to_ascii_uppercase().as_str() {
        "HEAR" => WorkKind::Statement,
        "BILL" | "STAT" | "CASE" | "LEGAL" => WorkKind::Legislation,
        "ABST" | "INPR" | "SER" => WorkKind::Article,
        "EBOOK" | "EDBOOK" => WorkKind::Book,
        "BLOG" | "WEB" => WorkKind::Web,
        other => WorkKind::from_label(other),
    }
}

fn pages(rec: &RawRecord) -> Option<String> {
    let sp = rec.first(&[b"SP"]);
    if sp.is_some_and(|s| s.contains(['-', '–'])) {
        return sp.and_then(clean);
    }
    ids::page_range(sp, rec.first(&[b"EP"]))
}

fn longest<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    values.max_by_key(|v| v.len()).and_then(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_need_a_space_before_the_hyphen() {
        assert_eq!(split_tag("TY  - JOUR"), Some((*b"TY", "JOUR")));
        assert_eq!(split_tag("ER  -"), Some((*b"ER", "")));
        assert_eq!(split_tag("ER  - "), Some((*b"ER", "")));
        assert_eq!(split_tag("A1 - Khan, I."), Some((*b"A1", "Khan, I.")));
        assert_eq!(split_tag("US-Pakistan relations"), None);
        assert_eq!(split_tag("Tribal areas - a view"), None);
    }
}
