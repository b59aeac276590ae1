//! BibTeX and BibLaTeX, parsed with the `biblatex` crate.
//!
//! The file is first cut into entries at every line that starts with `@`,
//! so one malformed entry (a missing brace, a stray quote) is skipped with
//! its line and the others are still read. `@string` definitions are kept
//! and handed to the entries after them; `@comment` and `@preamble` are
//! ignored. An entry's `crossref` and `xdata` parents are parsed with it,
//! so it inherits their fields (booktitle, publisher …) as biblatex
//! defines; `@xdata` entries themselves are data, not works. LaTeX accents
//! and commands (`{\"o}`, `\c{c}`, `--`) are turned into Unicode by the
//! parser; protective braces are dropped.

use crate::ids::{self, clean};
use crate::names::is_organisation;
use crate::{Emit, IngestError};
use biblatex::{Bibliography, Chunk, Entry, EntryType, RawBibliography, RawChunk, Spanned};
use quire_model::{normalize, Person, Work, WorkKind};
use regex::Regex;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One `@type{...}` block cut from the file, with the line it starts on.
struct RawEntry<'a> {
    line: usize,
    offset: usize,
    kind: String,
    text: &'a str,
}

pub(crate) fn read(text: &str, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let mut strings = String::new();
    let raws = split_entries(text);
    // Most files link nothing: then no key index and no per-entry search.
    let by_key: HashMap<String, &str> = if mentions_links(text) {
        raws.iter()
            .filter(|r| !matches!(r.kind.as_str(), "comment" | "preamble" | "string"))
            .filter_map(|r| entry_key(r.text).map(|k| (k.to_lowercase(), r.text)))
            .collect()
    } else {
        HashMap::new()
    };
    let found_any = !raws.is_empty();
    for raw in &raws {
        match raw.kind.as_str() {
            // Shared fields for other entries, not a work of its own.
            "comment" | "preamble" | "xdata" => {}
            "string" => {
                // Only keep definitions that parse, so one bad @string does
                // not break every entry after it.
                if Bibliography::parse(raw.text).is_ok() {
                    strings.push_str(raw.text);
                    strings.push('\n');
                } else {
                    emit.skip(Some(raw.line), "malformed @string definition; ignored");
                }
            }
            _ => read_entry(raw, &strings, &by_key, text, emit),
        }
    }
    if !found_any {
        emit.skip(None, "no BibTeX entries (`@type{key, ...}`) found");
    }
    Ok(())
}

fn read_entry(
    raw: &RawEntry<'_>,
    strings: &str,
    by_key: &HashMap<String, &str>,
    whole: &str,
    emit: &mut Emit<'_>,
) {
    if let Some(mut entry) = plain_entry(raw.text) {
        match to_work(&mut entry, &raw.kind) {
            Ok(work) => {
                let files = attached_files(&mut entry);
                emit.record_with_files(work, None, raw.line, Some(entry.key), files)
            }
            Err(message) => emit.skip(
                Some(raw.line),
                format!("@{}{{{}}}: {message}", raw.kind, entry.key),
            ),
        }
        return;
    }
    let key = entry_key(raw.text);
    let parents = parents(raw.text, by_key);
    let with_parents = |parents: &[&str]| -> Cow<'_, str> {
        if strings.is_empty() && parents.is_empty() {
            return Cow::Borrowed(raw.text);
        }
        let mut source = String::with_capacity(strings.len() + raw.text.len());
        source.push_str(strings);
        for p in parents {
            source.push_str(p);
            source.push('\n');
        }
        source.push_str(raw.text);
        Cow::Owned(source)
    };
    let mut source = with_parents(&parents);
    let mut parsed = Bibliography::parse(&source);
    // A broken parent must not cost the entry: read it alone then.
    if parsed.is_err() && !parents.is_empty() {
        source = with_parents(&[]);
        parsed = Bibliography::parse(&source);
    }
    // The entry itself, not one of its parents: moved out, not cloned.
    let own = |bib: Bibliography| {
        let mut entries = bib.into_vec();
        let at = entries
            .iter()
            .position(|e| key.as_deref() == Some(e.key.as_str()))
            .unwrap_or(entries.len().saturating_sub(1));
        (at < entries.len()).then(|| entries.swap_remove(at))
    };
    match parsed {
        Ok(bib) => match own(bib) {
            Some(mut entry) => match to_work(&mut entry, &raw.kind) {
                Ok(work) => {
                    let files = attached_files(&mut entry);
                    let key = Some(entry.key.clone());
                    emit.record_with_files(work, None, raw.line, key, files)
                }
                Err(message) => emit.skip(
                    Some(raw.line),
                    format!("@{}{{{}}}: {message}", raw.kind, entry.key),
                ),
            },
            None => emit.skip(
                Some(raw.line),
                format!("@{} entry could not be read", raw.kind),
            ),
        },
        Err(e) => {
            let at = e.span.start.saturating_sub(source.len() - raw.text.len());
            let line = line_of(whole, raw.offset + at.min(raw.text.len()));
            emit.skip(
                Some(line),
                format!("malformed @{} entry: {}", raw.kind, describe(&e.kind)),
            );
        }
    }
}

/// The entry read by biblatex's raw parser alone, when none of its fields
/// needs more: no LaTeX command or math to resolve, no `@string`
/// abbreviation, no `crossref`/`xdata` parent, and no braces inside a
/// name list (they protect a name). Most records exported by reference
/// managers are like this, and resolving every field's LaTeX was the
/// larger part of the parse time. The fields come out as biblatex's full
/// parse gives them for such text (whitespace collapsed, braces dropped),
/// so `to_work` reads the same entry either way; anything else is None
/// and takes the full parse.
fn plain_entry(text: &str) -> Option<PlainEntry> {
    match simple_fields(text) {
        Some((key, fields)) => plain_from(
            key,
            fields.into_iter().map(|(n, v)| (n, [RawValue::Text(v)])),
        ),
        None => plain_from_biblatex(text),
    }
}

/// One piece of a raw field value: text, or a macro (`jan`, `jss`).
enum RawValue<'a> {
    Text(&'a str),
    Macro,
}

/// [`plain_entry`] through biblatex's raw parser, for entries
/// [`simple_fields`] does not take.
fn plain_from_biblatex(text: &str) -> Option<PlainEntry> {
    let bib = RawBibliography::parse(text).ok()?;
    if !bib.abbreviations.is_empty() || bib.entries.len() != 1 {
        return None;
    }
    let raw = &bib.entries[0].v;
    let fields = raw.fields.iter().map(|pair| {
        let pieces: Vec<RawValue<'_>> = pair
            .value
            .v
            .iter()
            .map(|chunk| match chunk.v {
                RawChunk::Normal(part) => RawValue::Text(part),
                RawChunk::Abbreviation(_) => RawValue::Macro,
            })
            .collect();
        (pair.key.v, pieces)
    });
    plain_from(raw.key.v, fields)
}

/// The plain entry of a key and its raw fields, or None when a field
/// needs the full parse.
fn plain_from<'a, P>(key: &str, fields: impl Iterator<Item = (&'a str, P)>) -> Option<PlainEntry>
where
    P: IntoIterator<Item = RawValue<'a>>,
{
    let mut entry = PlainEntry {
        key: key.to_string(),
        fields: Vec::with_capacity(12),
    };
    for (name, pieces) in fields {
        let name = name.to_ascii_lowercase();
        if matches!(name.as_str(), "crossref" | "xdata") {
            return None;
        }
        let names = matches!(
            name.as_str(),
            "author" | "editor" | "editora" | "editorb" | "editorc"
        );
        let mut value = String::new();
        for piece in pieces {
            match piece {
                RawValue::Text(part) => {
                    if !push_plain(&mut value, part, names) {
                        return None;
                    }
                }
                // biblatex knows the month macros (`month = jan`) without an
                // @string; quire reads no month field, so it can be left out.
                RawValue::Macro if name == "month" => {
                    value.clear();
                    break;
                }
                RawValue::Macro => return None,
            }
        }
        if !value.is_empty() {
            entry.set(name, value);
        }
    }
    Some(entry)
}

/// The key and fields of an entry in the shape reference managers write —
/// `@type{key, name = {value}, name = "value", name = 2022}` — found with
/// SIMD searches for the delimiters instead of biblatex's character-by-
/// character raw parser, which was a quarter of the parse time. Values are
/// the text between the delimiters, nested braces kept, as biblatex's raw
/// parser gives them. None for anything else (a macro, `#`
/// concatenation, parentheses around the entry, unbalanced braces, text
/// after the entry): biblatex reads those.
fn simple_fields(text: &str) -> Option<(&str, Vec<(&str, &str)>)> {
    let b = text.as_bytes();
    let open = memchr::memchr2(b'{', b'(', b)?;
    let kind = text.get(1..open)?;
    if b[open] != b'{' || !b.starts_with(b"@") || !kind.bytes().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let comma = open + 1 + memchr::memchr(b',', &b[open + 1..])?;
    let key = text[open + 1..comma].trim();
    let key_ok = !key.is_empty()
        && key.bytes().all(|c| {
            !c.is_ascii_whitespace() && !matches!(c, b'{' | b'}' | b'(' | b')' | b'"' | b'=' | b'#')
        });
    if !key_ok {
        return None;
    }
    let mut fields = Vec::with_capacity(12);
    let mut at = comma + 1;
    loop {
        at = skip_blank(b, at);
        if *b.get(at)? == b'}' {
            break;
        }
        let name_end = at + b[at..].iter().take_while(|c| is_field_name(**c)).count();
        if name_end == at {
            return None;
        }
        let name = &text[at..name_end];
        at = skip_blank(b, name_end);
        if b.get(at) != Some(&b'=') {
            return None;
        }
        at = skip_blank(b, at + 1);
        let (value, after) = match *b.get(at)? {
            b'{' => {
                let close = matching_brace(b, at)?;
                (&text[at + 1..close], close + 1)
            }
            b'"' => {
                let close = closing_quote(b, at)?;
                (&text[at + 1..close], close + 1)
            }
            c if c.is_ascii_digit() => {
                let end = at + b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
                (&text[at..end], end)
            }
            _ => return None,
        };
        fields.push((name, value));
        at = skip_blank(b, after);
        match b.get(at)? {
            b',' => at += 1,
            b'}' => break,
            _ => return None,
        }
    }
    // Only blank space may follow the entry.
    b[at + 1..]
        .iter()
        .all(u8::is_ascii_whitespace)
        .then_some((key, fields))
}

fn skip_blank(b: &[u8], at: usize) -> usize {
    at + b.get(at..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_whitespace()).count()
    })
}

/// Field names: letters, digits and the few marks biblatex allows.
fn is_field_name(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b':' | b'.' | b'+')
}

/// The `}` closing the `{` at `open`, nested braces counted.
fn matching_brace(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = open;
    loop {
        let found = at + memchr::memchr2(b'{', b'}', &b[at..])?;
        if b[found] == b'{' {
            depth += 1;
        } else {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(found);
            }
        }
        at = found + 1;
    }
}

/// The `"` closing the one at `open`, when no brace comes first: a quoted
/// value with braces is left to biblatex, whose raw parser ends it at the
/// first quote even inside braces.
fn closing_quote(b: &[u8], open: usize) -> Option<usize> {
    let found = open + 1 + memchr::memchr3(b'"', b'{', b'}', &b[open + 1..])?;
    (b[found] == b'"').then_some(found)
}

/// An entry as [`plain_entry`] reads it: its key and its fields' text by
/// lower-case name. A handful of fields, so a list, not biblatex's map.
#[derive(Debug, PartialEq)]
struct PlainEntry {
    key: String,
    fields: Vec<(String, String)>,
}

impl PlainEntry {
    /// A repeated field keeps its last value, as biblatex's entry does.
    fn set(&mut self, name: String, value: String) {
        match self.fields.iter_mut().find(|(n, _)| *n == name) {
            Some(field) => field.1 = value,
            None => self.fields.push((name, value)),
        }
    }

    /// The same fields as a biblatex entry, for the rare reading that
    /// needs biblatex (a name list not in "Family, Given" form).
    fn to_entry(&self) -> Entry {
        let mut entry = Entry::new(self.key.clone(), EntryType::new("misc"));
        for (name, value) in &self.fields {
            let chunks = vec![Spanned::new(Chunk::Normal(value.clone()), 0..value.len())];
            entry.fields.insert(name.clone(), chunks);
        }
        entry
    }
}

/// What `to_work` reads of an entry, from biblatex's parse or a plain one.
trait Fields {
    /// The text of a field, LaTeX resolved, whitespace collapsed; taken
    /// out, as each field is read once.
    fn take(&mut self, name: &str) -> Option<String>;
    /// The authors, or the editors when there are none.
    fn people(&self) -> Vec<Person>;
    /// The editors (a chapter's book's, or an edited book's own).
    fn editors(&self) -> Vec<Person>;
    fn key(&self) -> &str;
}

impl Fields for Entry {
    fn take(&mut self, name: &str) -> Option<String> {
        field(self, name)
    }
    fn people(&self) -> Vec<Person> {
        people(self)
    }
    fn editors(&self) -> Vec<Person> {
        editors_of(self)
    }
    fn key(&self) -> &str {
        &self.key
    }
}

impl Fields for PlainEntry {
    fn take(&mut self, name: &str) -> Option<String> {
        let at = self.fields.iter().position(|(n, _)| n == name)?;
        ids::clean_owned(self.fields.swap_remove(at).1)
    }
    fn people(&self) -> Vec<Person> {
        let author = self.fields.iter().find(|(n, _)| n == "author");
        match author.and_then(|(_, names)| inverted_names(names)) {
            Some(people) => people,
            None => people(&self.to_entry()),
        }
    }
    fn editors(&self) -> Vec<Person> {
        if self.fields.iter().any(|(n, _)| n == "editor") {
            editors_of(&self.to_entry())
        } else {
            Vec::new()
        }
    }
    fn key(&self) -> &str {
        &self.key
    }
}

/// Bytes copied as they are by [`push_plain`]: ASCII other than
/// whitespace, braces, backslash, `$` and `-`.
const ORDINARY: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !matches!(
            b as u8,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'{' | b'}' | b'\\' | b'$' | b'-'
        );
        b += 1;
    }
    table
};

/// Append `text` as biblatex's full parse resolves it when it holds no
/// LaTeX: braces dropped, whitespace runs made one space, `--` an en dash
/// and `---` an em dash (hyphens taken three at a time, as biblatex
/// does). False, with `out` unfinished, when the text needs the full parse:
/// a command (`\`), math (`$`), or braces in a name list, where they
/// protect a name. Ordinary runs are copied whole, not char by char.
fn push_plain(out: &mut String, text: &str, names: bool) -> bool {
    // Most values (titles, abstracts) need nothing done: copied whole.
    if is_plain_already(text) {
        out.push_str(text);
        return true;
    }
    let bytes = text.as_bytes();
    let mut space = false;
    let mut i = 0;
    let put = |out: &mut String, piece: &str, space: &mut bool| {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push_str(piece);
    };
    while i < bytes.len() {
        let start = i;
        // A single space between ordinary bytes stays in the run: words
        // are copied a run of them at a time, not one by one.
        while let Some(&b) = bytes.get(i) {
            let inner_space =
                b == b' ' && i > start && bytes.get(i + 1).is_some_and(|&n| ORDINARY[n as usize]);
            if !(ORDINARY[b as usize] || inner_space) {
                break;
            }
            i += 1;
        }
        if i > start {
            put(out, &text[start..i], &mut space);
        }
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'\\' | b'$' => return false,
            b'{' | b'}' if names => return false,
            b'{' | b'}' => i += 1,
            b'-' => {
                let run = bytes[i..]
                    .iter()
                    .take(3)
                    .take_while(|&&c| c == b'-')
                    .count();
                put(out, ["-", "–", "—"][run - 1], &mut space);
                i += run;
            }
            _ if b.is_ascii() => {
                space = true;
                i += 1;
            }
            _ => {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                if c.is_whitespace() {
                    space = true;
                } else {
                    let mut buf = [0u8; 4];
                    put(out, c.encode_utf8(&mut buf), &mut space);
                }
                i += c.len_utf8();
            }
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    true
}

/// Text [`push_plain`] would copy unchanged: no brace, command, math, tab
/// or line break, no `--`, no space doubled or at either end, no
/// whitespace outside ASCII. Checked with SIMD searches, not byte by byte.
fn is_plain_already(text: &str) -> bool {
    use memchr::{memchr3, memmem};
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Built once: building a searcher per value cost more than searching.
    static DASHES: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    let dashes = DASHES.get_or_init(|| memmem::Finder::new(b"--"));
    memchr3(b'{', b'}', b'\\', b).is_none()
        && memchr3(b'$', b'\t', b'\n', b).is_none()
        && memchr3(b'\r', 0x0b, 0x0c, b).is_none()
        && dashes.find(b).is_none()
        && crate::ids::find_double_space(b).is_none()
        && (text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && c.is_whitespace()))
}

/// Cut the file at lines whose first non-blank character is `@`.
fn split_entries(text: &str) -> Vec<RawEntry<'_>> {
    let bytes = text.as_bytes();
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (byte offset, line)
                                                      // Only the (few) `@`s are looked at, and lines counted up to each.
    let (mut line, mut counted_to) = (1, 0);
    for at in memchr::memchr_iter(b'@', bytes) {
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        if !text[line_start..at].chars().all(char::is_whitespace) {
            continue;
        }
        line += memchr::memchr_iter(b'\n', &bytes[counted_to..at]).count();
        counted_to = at;
        starts.push((at, line));
    }
    starts
        .iter()
        .enumerate()
        .map(|(n, &(start, line))| {
            let end = starts.get(n + 1).map_or(text.len(), |s| s.0);
            let chunk = &text[start..end];
            let kind: String = chunk[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_ascii_lowercase();
            RawEntry {
                line,
                offset: start,
                kind,
                text: chunk,
            }
        })
        .collect()
}

/// Whether any entry may link to another: the word before each `=` is
/// compared with the two field names, in one SIMD pass over the file (a
/// case-insensitive regex or eight substring searches cost a tenth of the
/// parse time on large files).
fn mentions_links(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'=', bytes).any(|eq| {
        let before = bytes[..eq].trim_ascii_end();
        let start = before
            .iter()
            .rposition(|b| !b.is_ascii_alphabetic())
            .map_or(0, |i| i + 1);
        let word = &before[start..];
        word.eq_ignore_ascii_case(b"crossref") || word.eq_ignore_ascii_case(b"xdata")
    })
}

/// `crossref = {key}`, `xdata = {key1, key2}`.
fn link_re() -> &'static Regex {
    static LINK: OnceLock<Regex> = OnceLock::new();
    LINK.get_or_init(|| {
        Regex::new(r#"(?i)\b(?:crossref|xdata)\s*=\s*[{"]\s*([^}"]+?)\s*[}"]"#)
            .expect("built-in pattern is valid")
    })
}

/// The key of `@type{key, ...`.
fn entry_key(raw: &str) -> Option<String> {
    let open = raw.find(['{', '('])?;
    let rest = &raw[open + 1..];
    let end = rest.find([',', '\n', '}'])?;
    let key = rest[..end].trim();
    (!key.is_empty()).then(|| key.to_string())
}

/// The raw text of the entries `raw` inherits from (`crossref`, `xdata`),
/// their own parents included, nearest first, each once.
fn parents<'a>(raw: &str, by_key: &HashMap<String, &'a str>) -> Vec<&'a str> {
    if by_key.is_empty() {
        return Vec::new();
    }
    let link = link_re();
    let mut found: Vec<&'a str> = Vec::new();
    let mut todo: Vec<String> = vec![raw.to_string()];
    // Three generations are plenty; the bound also stops cycles.
    for _ in 0..3 {
        let mut next = Vec::new();
        for text in &todo {
            for caps in link.captures_iter(text) {
                for k in caps[1].split(',') {
                    if let Some(&parent) = by_key.get(&k.trim().to_lowercase()) {
                        if parent != raw && !found.contains(&parent) {
                            found.push(parent);
                            next.push(parent.to_string());
                        }
                    }
                }
            }
        }
        todo = next;
    }
    found
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn describe(kind: &biblatex::ParseErrorKind) -> String {
    use biblatex::ParseErrorKind as K;
    match kind {
        K::UnexpectedEof => "the entry is not closed (missing `}`?)".into(),
        K::UnknownAbbreviation(a) => format!("undefined @string abbreviation `{a}`"),
        K::DuplicateKey(k) => format!("duplicate key `{k}`"),
        other => other.to_string(),
    }
}

/// The text of a field, LaTeX resolved, whitespace collapsed; taken out
/// of the entry, each field is read once.
fn field(entry: &mut Entry, name: &str) -> Option<String> {
    let mut chunks = entry.remove(name)?;
    match chunks.as_mut_slice() {
        // One plain chunk (every field of a plain entry): moved, not copied.
        [one] if !matches!(one.v, Chunk::Math(_)) => match &mut one.v {
            Chunk::Normal(text) | Chunk::Verbatim(text) => ids::clean_owned(std::mem::take(text)),
            Chunk::Math(_) => None,
        },
        _ => clean(&plain_text(&chunks)),
    }
}

/// The chunks' text as biblatex's `format_verbatim` gives it (math kept
/// in `$…$`), but copied a chunk at a time: `format_verbatim` pushes
/// character by character, which was a fifth of the BibTeX parse time on
/// abstracts. Line breaks need no care here: `clean` collapses all
/// whitespace afterwards.
fn plain_text(chunks: &[Spanned<Chunk>]) -> String {
    let mut out = String::with_capacity(chunks.iter().map(|c| chunk_text(&c.v).len() + 2).sum());
    for chunk in chunks {
        match &chunk.v {
            Chunk::Math(s) => {
                out.push('$');
                out.push_str(s);
                out.push('$');
            }
            other => out.push_str(chunk_text(other)),
        }
    }
    out
}

fn chunk_text(chunk: &Chunk) -> &str {
    match chunk {
        Chunk::Normal(s) | Chunk::Verbatim(s) | Chunk::Math(s) => s,
    }
}

fn to_work(entry: &mut impl Fields, kind: &str) -> Result<Work, String> {
    let title = entry.take("title").ok_or("no title")?;
    let date_text = entry.take("date");
    let year = date_text
        .as_deref()
        .and_then(ids::year_in)
        .or_else(|| entry.take("year").as_deref().and_then(ids::year_in));
    let date = date_text
        .as_deref()
        .and_then(ids::iso_from_text)
        .filter(|d| d.len() > 4);
    let url = entry
        .take("url")
        .or_else(|| entry.take("howpublished").filter(|h| h.contains("://")));
    let mut work = Work {
        kind: bib_kind(kind, url.is_some()),
        title,
        authors: entry.people(),
        editors: entry.editors(),
        year,
        date,
        container: ["journaltitle", "journal", "booktitle", "maintitle"]
            .iter()
            .find_map(|f| entry.take(f)),
        volume: entry.take("volume"),
        issue: entry.take("number").or_else(|| entry.take("issue")),
        pages: entry.take("pages").map(|p| p.replace("--", "–")),
        edition: entry.take("edition"),
        publisher: ["publisher", "institution", "organization", "school"]
            .iter()
            .find_map(|f| entry.take(f)),
        doi: entry.take("doi").as_deref().and_then(normalize::doi),
        url,
        abstract_text: entry.take("abstract"),
        keywords: entry
            .take("keywords")
            .map(|k| ids::split_keywords(&k))
            .unwrap_or_default(),
        language: entry.take("langid").or_else(|| entry.take("language")),
        genre: entry.take("type").or_else(|| Some(kind.to_string())),
        ..Default::default()
    };
    work.id = ids::work_id(Some(entry.key()), &work);
    Ok(work)
}

/// The files a reference manager attached to the entry: `file`
/// (Zotero, JabRef, Better BibTeX, BibLaTeX) or `pdf` (BibDesk's older
/// exports), as paths.
fn attached_files(entry: &mut impl Fields) -> Vec<String> {
    ["file", "pdf"]
        .iter()
        .filter_map(|name| entry.take(name))
        .flat_map(|value| crate::attachments::from_bibtex_file_field(&value))
        .collect()
}

fn bib_kind(kind: &str, has_url: bool) -> WorkKind {
    match kind {
        "misc" if has_url => WorkKind::Web,
        "manual" | "unpublished" => WorkKind::Report,
        "booklet" => WorkKind::Book,
        "periodical" | "suppperiodical" => WorkKind::Article,
        other => WorkKind::from_label(other),
    }
}

/// Authors, else editors. A name with no given part that reads like an
/// organisation ("{World Bank}") is kept whole.
fn people(entry: &Entry) -> Vec<Person> {
    // "Family, Given and Family, Given", the shape of most exports, read
    // without biblatex's name parser, which was a sixth of the parse time.
    if let Some(people) = entry.get("author").and_then(|chunks| match chunks {
        [one] => match &one.v {
            Chunk::Normal(text) => inverted_names(text),
            _ => None,
        },
        _ => None,
    }) {
        return people;
    }
    let names = match entry.author() {
        Ok(a) if !a.is_empty() => a,
        _ => entry
            .editors()
            .ok()
            .and_then(|eds| eds.into_iter().next())
            .map(|(names, _)| names)
            .unwrap_or_default(),
    };
    from_biblatex(names)
}

/// The editors of an entry. Without authors they stand as its authors
/// too (see [`people`]): an edited book, cited by its editors.
fn editors_of(entry: &Entry) -> Vec<Person> {
    entry
        .editors()
        .ok()
        .and_then(|eds| eds.into_iter().next())
        .map(|(names, _)| from_biblatex(names))
        .unwrap_or_default()
}

/// A name list every name of which is "Family, Given" with a family name
/// of capitalised words only: biblatex reads such a name as family name
/// and given name with no "von" part, so the same Persons come out. None
/// for anything else (a "von", "Jr", "others", a name without comma).
fn inverted_names(text: &str) -> Option<Vec<Person>> {
    let mut out = Vec::new();
    for name in text.split(" and ") {
        let (family, given) = name.split_once(',')?;
        let plain_family = !given.contains(',')
            && !family.trim().is_empty()
            && family
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase) && !w.eq_ignore_ascii_case("and"));
        if !plain_family
            || given
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("and"))
        {
            return None;
        }
        let family = clean(family)?;
        match clean(given) {
            Some(given) => out.push(Person::new(family, Some(given))),
            None if family.contains(' ') || is_organisation(&family) => {
                out.push(Person::organisation(family))
            }
            None => out.push(Person::new(family, None)),
        }
    }
    Some(out)
}

/// Persons from biblatex's parse of a name list.
fn from_biblatex(names: Vec<biblatex::Person>) -> Vec<Person> {
    names
        .into_iter()
        .filter_map(|p| {
            let family = match clean(&p.prefix) {
                Some(prefix) => format!("{prefix} {}", p.name.trim()),
                None => clean(&p.name)?,
            };
            let given = clean(&p.given_name);
            if given.is_none() && (family.contains(' ') || is_organisation(&family)) {
                return Some(Person::organisation(family));
            }
            Some(Person::new(family, given))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The work biblatex's full parse gives for one entry, and its type.
    fn fully_parsed(text: &str) -> (Work, String) {
        let bib = Bibliography::parse(text).expect("test entry parses");
        let mut entry = bib.into_vec().pop().expect("one entry");
        let kind = entry.entry_type.to_string().to_ascii_lowercase();
        let work = to_work(&mut entry, &kind).expect("test entry has a title");
        (work, kind)
    }

    #[test]
    fn plain_entries_read_as_the_full_parse_reads_them() {
        let entries = [
            "@article{k1, title = {The {TTP} after   Kabul},\n author = {Khan, Ayesha and Ali, B.},\n journal = {Asian Survey}, year = 2022, pages = {12--34}, month = jan}",
            "@book{k2, title = \"A  wrapped\n\ttitle---with dashes - and ---- four\", author = {Müller, Jürgen}, publisher = {Hurst}, year = {2019}}",
            "@report{k3, title = {Border\u{a0}trade}, institution = {International Crisis Group}, date = {2021-08-16}, abstract = {One. Two  three\r\n four.}}",
            "@misc{k4, title = {Statement}, url = {https://example.org/a-b--c}, keywords = {TTP, border}, year = {2023}}",
            "@article{k5, title = {Post-withdrawal security in Afghanistan}, author = {García, Jun and Bianchi, Ravi}, abstract = {Plain text, copied whole: one-word hyphens stay.}, year = {2021}}",
            "@article{k6, title = {Trailing space }, abstract = {\u{a0}Non-breaking\u{2003}spaces}, year = {2021}}",
            "@book{k7, title = {Edited}, editor = {Ayesha Khan and van der Berg, Jan}, year = {2020}}",
            "@article{k8, title = {First}, title = {Second}, author = {Ayesha Khan and others}, year = {2020}}",
        ];
        for text in entries {
            let mut fast = plain_entry(text).expect("plain entry takes the fast path");
            let (expected, kind) = fully_parsed(text);
            assert_eq!(to_work(&mut fast, &kind), Ok(expected), "{text}");
        }
    }

    /// Entries in every shape: the quick scan reads those it takes as
    /// biblatex's raw parser does, and leaves the others to it.
    #[test]
    fn the_quick_field_scan_reads_as_biblatex_does() {
        let taken = [
            "@article{k1, title = {The {TTP} after   Kabul},\n author = {Khan, Ayesha and Ali, B.},\n journal = {Asian Survey}, year = 2022, pages = {12--34}}",
            "@book{k2,\n  title = \"A quoted title, with commas\",\n  year = {2019},\n}\n\n",
            "@misc{ k3 , title={No spaces},year=2020,note = {a {nested {deeply}} value}}",
            "@report{k4, title = {Border\u{a0}trade}, abstract = {One. Two  three\r\n four.}, date = {2021-08-16}}\r\n",
            "@article{k5, title = {}, author = {García, Jun}, year = {2021}}",
            "@online{k6, title = {With, commas = and equals}, url = {https://example.org/?a=1&b=2}}",
        ];
        for text in taken {
            assert!(simple_fields(text).is_some(), "{text}");
            assert_eq!(plain_entry(text), plain_from_biblatex(text), "{text}");
        }
        let left = [
            "@article{m1, title = {T}, month = jan, year = 2020}",
            "@article{m2, title = {T} # { and more}, year = 2020}",
            "@article(m3, title = {T}, year = 2020)",
            "@article{m4, title = {T}, year = 2020} % a comment",
            "@article {m5, title = {T}}",
            "@article{m6, title = {unbalanced}}}",
            "@book{m7, title = \"A {\"}quoted{\"} title\", year = {2019}}",
        ];
        for text in left {
            assert!(simple_fields(text).is_none(), "{text}");
        }
        for junk in [
            "",
            "@",
            "{",
            "@{",
            "@a{",
            "@a{k",
            "@a{k,",
            "@a{k, t",
            "@a{k, t =",
            "@a{k, t = {",
            "@a{k, t = \"x",
            "x{k, t = {v}}",
        ] {
            assert!(simple_fields(junk).is_none(), "{junk:?}");
        }
    }

    #[test]
    fn inverted_names_read_as_biblatex_reads_them() {
        for list in [
            "Khan, Ayesha and Ali, B.",
            "García, Jun and Bianchi, Ravi and Choi, Kimberly",
            "Van Buren, Martin",
            "Müller, Jürgen Karl",
            "Ali, B. and  Shah,   S. M.",
            "International Crisis Group,",
        ] {
            use biblatex::Type as _;
            let chunks = vec![Spanned::new(Chunk::Normal(list.to_string()), 0..list.len())];
            let by_biblatex =
                from_biblatex(Vec::<biblatex::Person>::from_chunks(&chunks).expect("names parse"));
            assert_eq!(inverted_names(list), Some(by_biblatex), "{list}");
        }
        // Left to biblatex: "von" parts, "Jr", no comma, "others", "AND".
        for list in [
            "van der Berg, Jan",
            "Smith, Jr., John",
            "Ayesha Khan",
            "Khan, Ayesha and others",
            "Khan, Ayesha AND Ali, B.",
        ] {
            assert_eq!(inverted_names(list), None, "{list}");
        }
    }

    #[test]
    fn entries_that_need_latex_or_links_take_the_full_parse() {
        for text in [
            r#"@article{a, title = {G\"odel}, year = 2020}"#,
            "@article{b, title = {$x^2$}, year = 2020}",
            "@article{c, title = {T}, author = {{World Bank}}, year = 2020}",
            "@article{d, title = {T}, journal = jss, year = 2020}",
            "@inproceedings{e, title = {T}, crossref = {proc}}",
            "@article{f, title = {T",
        ] {
            assert!(plain_entry(text).is_none(), "{text}");
        }
    }
}
