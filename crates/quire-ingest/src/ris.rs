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
#[derive(Debug)]
struct RawRecord {
    line: usize,
    text: String,
    fields: Vec<([u8; 2], Range<usize>)>,
    /// For each possible tag, the field that first gave it a value, as
    /// (record number, field index): a stale record number means none,
    /// so the table is never cleared.
    first_of: Vec<(u32, u32)>,
    record: u32,
}

impl Default for RawRecord {
    fn default() -> Self {
        RawRecord {
            line: 0,
            text: String::new(),
            fields: Vec::new(),
            first_of: vec![(0, 0); TAG_SLOTS],
            record: 0,
        }
    }
}

/// Tags are an uppercase letter and an uppercase letter or digit.
const TAG_SLOTS: usize = 26 * 36;

fn tag_slot(tag: &[u8; 2]) -> usize {
    let second = match tag[1] {
        b'A'..=b'Z' => tag[1] - b'A',
        _ => 26 + tag[1].saturating_sub(b'0').min(9),
    };
    (tag[0].saturating_sub(b'A').min(25)) as usize * 36 + second as usize
}

impl RawRecord {
    fn start(&mut self, line: usize) {
        self.line = line;
        self.text.clear();
        self.fields.clear();
        self.record = self.record.wrapping_add(1);
        if self.record == 0 {
            // Wrapped: stale entries could look current again.
            self.first_of.fill((0, 0));
            self.record = 1;
        }
    }

    /// Note the last field as its tag's first value, if it is the first
    /// with a value (a wrapped line may give a blank field its value).
    fn index_last(&mut self) {
        let Some(at) = self.fields.len().checked_sub(1) else {
            return;
        };
        let (tag, range) = &self.fields[at];
        // Values are stored trimmed: a blank one is empty.
        if range.is_empty() {
            return;
        }
        let slot = &mut self.first_of[tag_slot(tag)];
        let earlier = slot.0 == self.record && (slot.1 as usize) < at;
        if !earlier {
            if let Ok(at) = u32::try_from(at) {
                *slot = (self.record, at);
            }
        }
    }

    fn is_open(&self) -> bool {
        self.line != 0
    }

    fn push(&mut self, tag: [u8; 2], value: &str) {
        let start = self.text.len();
        self.text.push_str(value);
        self.fields.push((tag, start..self.text.len()));
        self.index_last();
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
        self.index_last();
    }

    fn values(&self) -> impl Iterator<Item = (&[u8; 2], &str)> + '_ {
        self.fields
            .iter()
            .map(|(tag, range)| (tag, &self.text[range.clone()]))
    }

    /// The first non-blank value of the first of `tags` that has one.
    fn first(&self, tags: &[&[u8; 2]]) -> Option<&str> {
        tags.iter().find_map(|t| {
            let (record, at) = self.first_of[tag_slot(t)];
            let (tag, range) = self.fields.get(at as usize)?;
            (record == self.record && tag == *t).then(|| &self.text[range.clone()])
        })
    }
}

pub(crate) fn read<R: BufRead>(mut reader: R, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let mut state = Reader {
        line_no: 0,
        rec: RawRecord::default(),
    };
    // A line is handed over where it lies in the reader's buffer; only one
    // that straddles two fills is copied together first.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let available = reader
            .fill_buf()
            .map_err(|e| IngestError::io(emit.file, e))?;
        if available.is_empty() {
            break;
        }
        let used = match memchr::memchr(b'\n', available) {
            // Every whole line in the buffer at once: one UTF-8 check for
            // all of them instead of one a line (most files are valid).
            // (A block at a time, so that the check and the reading both
            // find it in the cache.)
            Some(first) if carry.is_empty() => {
                let block = &available[..available.len().min(BLOCK)];
                let end = memchr::memrchr(b'\n', block).unwrap_or(first) + 1;
                state.lines(&available[..end], emit);
                end
            }
            Some(end) => {
                carry.extend_from_slice(&available[..=end]);
                state.line(&carry, emit);
                carry.clear();
                end + 1
            }
            None => {
                carry.extend_from_slice(available);
                available.len()
            }
        };
        reader.consume(used);
    }
    if !carry.is_empty() {
        state.line(&carry, emit);
    }
    if state.rec.is_open() {
        finish(&state.rec, emit);
    }
    Ok(())
}

/// Bytes of whole lines checked for UTF-8 at once.
const BLOCK: usize = 16 * 1024;

/// Where reading stands: the line number and the record being read
/// (`line == 0`: none open).
struct Reader {
    line_no: usize,
    rec: RawRecord,
}

impl Reader {
    /// Whole lines, each ending in a line feed.
    fn lines(&mut self, raw: &[u8], emit: &mut Emit<'_>) {
        match simdutf8::basic::from_utf8(raw) {
            Ok(text) => {
                let mut start = 0;
                for end in memchr::memchr_iter(b'\n', raw) {
                    self.line_no += 1;
                    let line = trim_line_str(&text[start..=end], self.line_no == 1);
                    start = end + 1;
                    if !line.bytes().all(|b| b.is_ascii_whitespace()) {
                        self.fields_of(line, emit);
                    }
                }
            }
            // Some line is not UTF-8: each is decoded on its own.
            Err(_) => {
                for line in raw.split_inclusive(|&b| b == b'\n') {
                    self.line(line, emit);
                }
            }
        }
    }

    fn line(&mut self, raw: &[u8], emit: &mut Emit<'_>) {
        self.line_no += 1;
        let bytes = trim_line(raw, self.line_no == 1);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        self.fields_of(&line_text(bytes), emit);
    }

    /// One non-blank line, its line end dropped.
    fn fields_of(&mut self, text: &str, emit: &mut Emit<'_>) {
        let rec = &mut self.rec;
        match split_tag(text) {
            Some((tag, _)) if &tag == b"ER" && rec.is_open() => {
                finish(rec, emit);
                rec.start(0);
            }
            // An `ER` outside a record closes nothing.
            Some((tag, _)) if &tag == b"ER" => {}
            Some((tag, value)) => {
                if &tag == b"TY" && rec.is_open() {
                    finish(rec, emit);
                    rec.start(0);
                }
                if !rec.is_open() {
                    rec.start(self.line_no);
                }
                rec.push(tag, value.trim());
            }
            // Outside a record a stray line (a header, a note) is ignored.
            None if rec.is_open() => rec.extend_last(text.trim()),
            None => {}
        }
    }
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

/// [`trim_line`] of text known to be UTF-8: what it drops (a BOM, CR and
/// LF) is whole characters, so the rest is still a `str`.
fn trim_line_str(line: &str, first: bool) -> &str {
    let kept = trim_line(line.as_bytes(), first);
    let bom = first && line.starts_with('\u{feff}');
    let start = if bom { '\u{feff}'.len_utf8() } else { 0 };
    &line[start..start + kept.len()]
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
        Ok((mut work, attachments)) => {
            let key = rec.first(&[b"ID"]).map(str::to_string);
            work.id = ids::work_id(key.as_deref(), &work);
            emit.record_with_files(work, None, rec.line, key, attachments);
        }
        Err(message) => emit.skip(Some(rec.line), message),
    }
}

/// The record's Work and the files attached to it (`L1`).
fn to_work(rec: &RawRecord) -> Result<(Work, Vec<String>), String> {
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
    let many = Repeated::of(rec);
    let work = Work {
        kind,
        title,
        authors: many.authors,
        // A chapter's secondary authors are its book's editors.
        editors: if kind == WorkKind::Chapter {
            many.editors
        } else {
            Vec::new()
        },
        year: many.year,
        // A bare year is no more than `year` says: no date to parse.
        date: date_text
            .filter(|d| d.len() > 4)
            .and_then(ids::iso_from_text)
            .filter(|d| d.len() > 4),
        container: container.and_then(clean),
        volume: rec.first(&[b"VL"]).and_then(clean),
        issue: rec.first(&[b"IS", b"CP"]).and_then(clean),
        edition: rec.first(&[b"ET"]).and_then(clean),
        pages: pages(rec),
        publisher: rec.first(&[b"PB"]).and_then(clean),
        doi: many.doi,
        url: rec.first(&[b"UR", b"L2"]).and_then(clean),
        abstract_text: many.abstract_text.and_then(clean),
        keywords: many.keywords,
        language: rec.first(&[b"LA"]).and_then(clean),
        genre: genre(rec, kind).or_else(|| clean(ty)),
        ..Default::default()
    };
    Ok((work, many.attachments))
}

/// What kind of document a report or thesis says it is, for APA's
/// "(Special Report No. 494)" and "[Doctoral dissertation]": `M3` (type
/// of work) unless it holds a DOI, else a report's series (`T3`). Other
/// kinds keep their RIS type as the genre.
fn genre(rec: &RawRecord, kind: WorkKind) -> Option<String> {
    let type_of_work = || {
        rec.first(&[b"M3"])
            .filter(|m| normalize::doi(m).is_none())
            .and_then(clean)
    };
    match kind {
        WorkKind::Report => type_of_work().or_else(|| rec.first(&[b"T3"]).and_then(clean)),
        WorkKind::Thesis => type_of_work(),
        _ => None,
    }
}

/// What a record's repeatable tags give, read in one pass over its
/// fields, in file order.
struct Repeated<'r> {
    /// `AU`/`A1`, every one.
    authors: Vec<quire_model::Person>,
    /// `A2`/`ED`, every one.
    editors: Vec<quire_model::Person>,
    /// `KW`, every one, each split at `;` or `,`.
    keywords: Vec<String>,
    /// The first year in `PY`, `Y1`, `DA` or `Y2`.
    year: Option<i32>,
    /// The first DOI in `DO`, `DI`, `M3` or `N1` (notes often hold one).
    doi: Option<String>,
    /// The longest `AB`/`N2` (the last of equals).
    abstract_text: Option<&'r str>,
    /// `L1`, every local file (a reference manager's attachments).
    attachments: Vec<String>,
}

impl<'r> Repeated<'r> {
    fn of(rec: &'r RawRecord) -> Repeated<'r> {
        let mut out = Repeated {
            authors: Vec::new(),
            editors: Vec::new(),
            keywords: Vec::new(),
            year: None,
            doi: None,
            abstract_text: None,
            attachments: Vec::new(),
        };
        for (tag, value) in rec.values() {
            match tag {
                b"AU" | b"A1" => out.authors.extend(person_from_inverted(value)),
                b"A2" | b"ED" => out.editors.extend(person_from_inverted(value)),
                b"KW" => ids::split_keywords_into(value, &mut out.keywords),
                b"PY" | b"Y1" | b"DA" | b"Y2" if out.year.is_none() => {
                    out.year = ids::year_in(value);
                }
                b"DO" | b"DI" | b"M3" | b"N1" if out.doi.is_none() => {
                    out.doi = normalize::doi(value);
                }
                b"AB" | b"N2" if out.abstract_text.is_none_or(|a| value.len() >= a.len()) => {
                    out.abstract_text = Some(value);
                }
                b"L1" => out.attachments.extend(crate::attachments::from_link(value)),
                _ => {}
            }
        }
        out
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all<R: BufRead>(reader: R) -> Vec<crate::Item> {
        let mut items = Vec::new();
        let mut sink = |item| items.push(item);
        let mut emit = Emit::new("t.ris", &mut sink);
        read(reader, &mut emit).expect("in-memory read");
        items
    }

    #[test]
    fn lines_straddling_buffer_fills_read_as_whole_lines() {
        let text = "\u{feff}TY  - JOUR\r\nTI  - \r\nTI  - Border trade\r\n  and security\r\n\
                    AU  - Khan, Ayesha\r\nPY  - 2021///\r\nER  - \r\n\
                    stray line\nTY  - RPRT\nT1  - Refugees after 2021\nA1  - Ali, B.";
        let whole = read_all(text.as_bytes());
        assert_eq!(whole.len(), 2, "{whole:?}");
        for capacity in [1, 2, 3, 5, 7, 16] {
            let small = std::io::BufReader::with_capacity(capacity, text.as_bytes());
            assert_eq!(read_all(small), whole, "buffer of {capacity} bytes");
        }
        let crate::Item::Record(first) = &whole[0] else {
            panic!("{whole:?}")
        };
        assert_eq!(first.work.title, "Border trade and security");
        assert_eq!(first.work.provenance[0].line, Some(1));
    }

    #[test]
    fn fixtures_read_the_same_in_blocks_and_line_by_line() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for name in ["realistic.ris", "latin1.ris", "junk.ris"] {
            let bytes = std::fs::read(dir.join(name)).expect("fixture is there");
            // A 3-byte buffer holds hardly any line whole with its feed:
            // nearly every line goes through the line-by-line path.
            let small = std::io::BufReader::with_capacity(3, bytes.as_slice());
            assert_eq!(read_all(bytes.as_slice()), read_all(small), "{name}");
        }
    }

    #[test]
    fn a_block_with_a_latin1_line_reads_every_line_alone() {
        // Valid UTF-8 blocks are checked at once; one Latin-1 byte sends
        // its block line by line, and the line numbers stay right.
        let mut bytes = b"TY  - JOUR\nTI  - Siddiq".to_vec();
        bytes.push(0xE1);
        bytes.extend_from_slice(b" on trade\r\nER  - \n\nTY  - RPRT\nTI  - Caf\xC3\xA9 talks\n");
        let items = read_all(bytes.as_slice());
        let titles: Vec<(&str, Option<usize>)> = items
            .iter()
            .filter_map(|item| match item {
                crate::Item::Record(r) => Some((r.work.title.as_str(), r.work.provenance[0].line)),
                _ => None,
            })
            .collect();
        assert_eq!(
            titles,
            [("Siddiqá on trade", Some(1)), ("Café talks", Some(5))]
        );
    }

    #[test]
    fn a_report_takes_its_type_of_work_or_series_as_genre() {
        let text = "TY  - RPRT\nTI  - The TTP after the takeover\nT3  - Special Report\nVL  - 494\nER  - \n\
                    TY  - RPRT\nTI  - Border fencing\nM3  - Asia Report\nT3  - Reports\nER  - \n\
                    TY  - RPRT\nTI  - A DOI in M3\nM3  - 10.1234/abc\nER  - \n\
                    TY  - JOUR\nTI  - An article\nT3  - A series\nER  - \n\
                    TY  - THES\nTI  - Elders\nM3  - Doctoral dissertation\nER  - \n";
        let genres: Vec<Option<String>> = read_all(text.as_bytes())
            .into_iter()
            .filter_map(|item| match item {
                crate::Item::Record(r) => Some(r.work.genre),
                _ => None,
            })
            .collect();
        assert_eq!(
            genres,
            [
                Some("Special Report".into()),
                Some("Asia Report".into()),
                Some("RPRT".into()),
                Some("JOUR".into()),
                Some("Doctoral dissertation".into()),
            ]
        );
    }

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
