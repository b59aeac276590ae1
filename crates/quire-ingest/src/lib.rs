//! Read literature files into quire [`Work`]s and [`Document`]s, and find
//! duplicates among them.
//!
//! This is the first stage of the pipeline. It reads BibTeX/BibLaTeX, RIS,
//! CSL-JSON, OpenAlex works (JSON lines) and full texts (Markdown or plain
//! text with optional YAML front matter, HTML, PDF text layer, Word .docx), in UTF-8,
//! UTF-16 with BOM or Latin-1, and gives every record a stable id and its
//! provenance (file, line, source key).
//!
//! ```no_run
//! use quire_ingest::{read_file, dedup::{DedupIndex, DedupMatch}};
//! let import = read_file("sources/refs.ris".as_ref(), "sources/refs.ris")?;
//! for skipped in &import.skipped {
//!     eprintln!("{skipped}"); // "sources/refs.ris:120: record has no title (TI/T1)"
//! }
//! let mut seen = DedupIndex::new();
//! for record in &import.records {
//!     if let DedupMatch::None = seen.find(&record.work) {
//!         seen.insert(&record.work);
//!     }
//! }
//! # Ok::<(), quire_ingest::IngestError>(())
//! ```
//!
//! Large RIS, CSL-JSON and JSONL files are streamed: [`read_file_with`]
//! hands each record to a callback as soon as it is parsed, so a
//! multi-gigabyte export never sits in memory.
//!
//! A malformed record never fails the file: it becomes a [`Skipped`]
//! (`file:line: what is wrong`) and reading goes on. [`IngestError`] is only
//! for a file that is unusable as a whole (binary, empty, too large, of an
//! unknown format). No input makes this crate panic.
//!
//! What it does not do: store anything (`quire-store`), decide source types
//! (the protocol's rules, applied later), or split texts into passages
//! (`quire-code`). Dedup here finds matches; the importer decides to merge.

pub mod attachments;
pub mod bibtex;
pub mod csl;
pub mod dedup;
mod detect;
pub mod docx;
pub mod encoding;
mod error;
mod front_matter;
pub mod html;
pub mod ids;
mod json_stream;
mod linked_data;
pub mod markdown;
pub mod medline;
pub mod names;
pub mod openalex;
pub mod pdf;
mod pdf_text;
pub mod ris;
pub mod table;

pub use detect::detect_format;
pub use error::IngestError;

use quire_model::{Document, Provenance, Work};
use std::fmt;
use std::io::Read;
use std::path::Path;

/// The formats quire reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Bibtex,
    Ris,
    /// PubMed's MEDLINE format (`.nbib`).
    Medline,
    /// A reference list as a table: Scopus CSV, Web of Science
    /// tab-delimited, a spreadsheet with a header row.
    Table,
    CslJson,
    OpenAlexJsonl,
    Markdown,
    Text,
    Html,
    Pdf,
    Docx,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Bibtex => "bibtex",
            Format::Ris => "ris",
            Format::Medline => "medline",
            Format::Table => "table",
            Format::CslJson => "csl-json",
            Format::OpenAlexJsonl => "openalex-jsonl",
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// Formats of one document's full text (not a list of records).
    pub fn is_full_text(self) -> bool {
        matches!(
            self,
            Format::Markdown | Format::Text | Format::Html | Format::Pdf | Format::Docx
        )
    }

    /// Formats read record by record from a stream, with no file-size limit.
    pub fn is_streaming(self) -> bool {
        matches!(self, Format::Ris | Format::CslJson | Format::OpenAlexJsonl)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One imported record: its metadata, and its full text when the file was
/// a full text.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub work: Work,
    pub document: Option<Document>,
    /// Files a reference manager attached to the record (its full text),
    /// as the export names them: absolute, or relative to the export's
    /// folder (see [`attachments`]).
    pub attachments: Vec<String>,
}

/// A record that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// What a streaming read hands to its callback, in file order.
// Items are handed over one at a time and never stored in bulk, so the
// size gap between the variants costs nothing; boxing the record would
// cost an allocation per record.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Record(Record),
    Skipped(Skipped),
}

/// Everything read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileImport {
    pub format: Format,
    pub records: Vec<Record>,
    pub skipped: Vec<Skipped>,
}

/// Limits for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest file read whole (BibTeX, Markdown, text, HTML, PDF). The
    /// streaming formats (RIS, CSL-JSON, JSONL) have no limit.
    pub max_file_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_bytes: 256 * 1024 * 1024,
        }
    }
}

/// Read a whole file: every record and every skipped record. `shown_as` is
/// the name used in provenance and messages (usually the path relative to
/// the review). Err only when the file is unusable as a whole.
pub fn read_file(path: &Path, shown_as: &str) -> Result<FileImport, IngestError> {
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let format = read_file_with(
        path,
        shown_as,
        &ReadOptions::default(),
        &mut |item| match item {
            Item::Record(r) => records.push(r),
            Item::Skipped(s) => skipped.push(s),
        },
    )?;
    Ok(FileImport {
        format,
        records,
        skipped,
    })
}

/// Read a file, handing each record (or skip) to `sink` as soon as it is
/// parsed. Returns the format read.
pub fn read_file_with(
    path: &Path,
    shown_as: &str,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item),
) -> Result<Format, IngestError> {
    let mut file = std::fs::File::open(path).map_err(|e| IngestError::io(shown_as, e))?;
    let size = file
        .metadata()
        .map_err(|e| IngestError::io(shown_as, e))?
        .len();
    if size == 0 {
        return Err(IngestError::Empty {
            file: shown_as.to_string(),
        });
    }
    let mut head = vec![0u8; 4096];
    let n = read_head(&mut file, &mut head).map_err(|e| IngestError::io(shown_as, e))?;
    head.truncate(n);
    let format = detect_format(path, &head).ok_or_else(|| IngestError::UnknownFormat {
        file: shown_as.to_string(),
        hint: error::conversion_hint(path),
    })?;
    let reader = std::io::Cursor::new(head).chain(file);
    let mut emit = Emit::new(shown_as, sink);
    if format.is_streaming() {
        read_stream(
            format,
            std::io::BufReader::with_capacity(1 << 20, reader),
            &mut emit,
            options,
        )?;
    } else {
        if size > options.max_file_bytes {
            return Err(IngestError::TooLarge {
                file: shown_as.to_string(),
                size,
                limit: options.max_file_bytes,
                format,
            });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        reader
            .take(options.max_file_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| IngestError::io(shown_as, e))?;
        read_whole(format, &bytes, &mut emit)?;
    }
    Ok(format)
}

/// Read bytes already in memory as `format` (tests, benchmarks, pasted
/// text). The same rules as for files apply.
pub fn read_bytes(
    format: Format,
    bytes: &[u8],
    shown_as: &str,
    sink: &mut dyn FnMut(Item),
) -> Result<(), IngestError> {
    let mut emit = Emit::new(shown_as, sink);
    if format.is_streaming() {
        read_stream(format, bytes, &mut emit, &ReadOptions::default())
    } else {
        read_whole(format, bytes, &mut emit)
    }
}

fn read_head(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn read_stream<R: std::io::BufRead>(
    format: Format,
    mut reader: R,
    emit: &mut Emit<'_>,
    options: &ReadOptions,
) -> Result<(), IngestError> {
    let file = emit.file;
    let head = reader.fill_buf().map_err(|e| IngestError::io(file, e))?;
    if head.is_empty() {
        return Err(IngestError::Empty {
            file: file.to_string(),
        });
    }
    if encoding::sniff_stream(head, file)? == encoding::StreamEncoding::Utf16 {
        // UTF-16 exports are small in practice: transcode whole, then stream.
        let mut bytes = Vec::new();
        reader
            .take(options.max_file_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| IngestError::io(file, e))?;
        if bytes.len() as u64 > options.max_file_bytes {
            return Err(IngestError::TooLarge {
                file: file.to_string(),
                size: bytes.len() as u64,
                limit: options.max_file_bytes,
                format,
            });
        }
        let text = encoding::decode(&bytes, file)?;
        return read_stream_utf8(format, text.as_bytes(), emit);
    }
    read_stream_utf8(format, reader, emit)
}

fn read_stream_utf8<R: std::io::BufRead>(
    format: Format,
    reader: R,
    emit: &mut Emit<'_>,
) -> Result<(), IngestError> {
    match format {
        Format::Ris => ris::read(reader, emit),
        Format::CslJson => csl::read(reader, emit),
        Format::OpenAlexJsonl => openalex::read(reader, emit),
        _ => unreachable_format(format, emit.file),
    }
}

fn read_whole(format: Format, bytes: &[u8], emit: &mut Emit<'_>) -> Result<(), IngestError> {
    if format == Format::Pdf {
        return pdf::read(bytes, emit);
    }
    if format == Format::Docx {
        return docx::read(bytes, emit);
    }
    let text = encoding::decode(bytes, emit.file)?;
    match format {
        Format::Bibtex => bibtex::read(&text, emit),
        Format::Medline => medline::read(&text, emit),
        Format::Table => table::read(&text, emit),
        Format::Markdown => markdown::read(&text, "md", emit),
        Format::Text => markdown::read(&text, "txt", emit),
        Format::Html => html::read(&text, emit),
        _ => unreachable_format(format, emit.file),
    }
}

fn unreachable_format(format: Format, file: &str) -> Result<(), IngestError> {
    Err(IngestError::unusable(
        file,
        format!("{format} is not read this way"),
    ))
}

/// The parsers' way out: records and skips, with the file name attached.
pub(crate) struct Emit<'a> {
    pub file: &'a str,
    sink: &'a mut dyn FnMut(Item),
}

impl<'a> Emit<'a> {
    fn new(file: &'a str, sink: &'a mut dyn FnMut(Item)) -> Self {
        Emit { file, sink }
    }

    /// Hand on a work (and its full text), stamping its provenance. The
    /// publisher's copyright line that databases append to abstracts
    /// ("© 2021 Elsevier Ltd. All rights reserved.") is no part of the
    /// abstract: it would be coded, quoted and counted as a theme. A full
    /// text without a year takes the one its file name gives, if any.
    pub fn record(
        &mut self,
        work: Work,
        document: Option<Document>,
        line: usize,
        key: Option<String>,
    ) {
        self.record_with_files(work, document, line, key, Vec::new());
    }

    /// [`Emit::record`] of a record that names the files attached to it.
    pub fn record_with_files(
        &mut self,
        mut work: Work,
        mut document: Option<Document>,
        line: usize,
        key: Option<String>,
        attachments: Vec<String>,
    ) {
        if let Some(text) = &mut work.abstract_text {
            let kept = ids::without_copyright(text).len();
            if kept < text.len() {
                text.truncate(kept);
            }
            if text.is_empty() {
                work.abstract_text = None;
            }
        }
        // A full text that dates itself nowhere is often named by its
        // year ("khan-2021.pdf"): better than "n.d." in every citation.
        // A derived id names the year, so it is derived again then.
        if work.year.is_none() && document.is_some() {
            work.year = ids::year_in_file_name(self.file);
            if work.year.is_some() && key.is_none() {
                work.id = ids::work_id(None, &work);
                if let Some(doc) = &mut document {
                    doc.work_id = work.id.clone();
                }
            }
        }
        work.provenance.push(Provenance {
            file: self.file.to_string(),
            line: Some(line),
            record: key,
        });
        (self.sink)(Item::Record(Record {
            work,
            document,
            attachments,
        }));
    }

    pub fn skip(&mut self, line: Option<usize>, message: impl Into<String>) {
        (self.sink)(Item::Skipped(Skipped {
            file: self.file.to_string(),
            line,
            message: message.into(),
        }));
    }
}
