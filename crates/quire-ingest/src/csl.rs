//! CSL-JSON (the csl-data schema of Zotero, Mendeley, pandoc, Crossref's
//! citeproc output), streamed item by item.
//!
//! The file is an array of items (or a single item). Each item is cut out
//! by `json_stream` and parsed on its own, so a bad item is one
//! skipped record `file:line: record N: ...`. Values are read leniently:
//! numbers where strings are expected (`"volume": 12`), `issued` as
//! `date-parts` (numbers or strings), `raw` or `literal`, keywords as a
//! string or a list.

use crate::encoding::latin1;
use crate::ids::{self, clean};
use crate::json_stream::{self, RawItem};
use crate::names::is_organisation;
use crate::{Emit, IngestError};
use quire_model::{normalize, Person, Work, WorkKind};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;
use std::io::BufRead;

/// The csl-data fields quire uses; others are ignored.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CslItem {
    #[serde(deserialize_with = "flex_string")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub title: Option<String>,
    pub author: Vec<CslName>,
    pub editor: Vec<CslName>,
    pub issued: Option<CslDate>,
    #[serde(rename = "container-title", deserialize_with = "flex_string")]
    pub container_title: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub volume: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub issue: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub edition: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub page: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub publisher: Option<String>,
    #[serde(rename = "DOI", deserialize_with = "flex_string")]
    pub doi: Option<String>,
    #[serde(rename = "URL", deserialize_with = "flex_string")]
    pub url: Option<String>,
    #[serde(rename = "abstract", deserialize_with = "flex_string")]
    pub abstract_text: Option<String>,
    pub keyword: Option<StringOrList>,
    #[serde(deserialize_with = "flex_string")]
    pub language: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub genre: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub license: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CslName {
    pub family: Option<String>,
    pub given: Option<String>,
    pub literal: Option<String>,
    #[serde(rename = "non-dropping-particle")]
    pub particle: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CslDate {
    #[serde(rename = "date-parts")]
    pub date_parts: Vec<Vec<NumOrString>>,
    pub raw: Option<String>,
    pub literal: Option<String>,
    #[serde(deserialize_with = "flex_string")]
    pub year: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum NumOrString {
    Num(f64),
    Str(String),
}

impl NumOrString {
    fn as_u32(&self) -> Option<u32> {
        match self {
            NumOrString::Num(n) if *n >= 0.0 && *n < 1e6 => Some(*n as u32),
            NumOrString::Num(_) => None,
            NumOrString::Str(s) => s.trim().parse().ok(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum StringOrList {
    One(String),
    Many(Vec<String>),
}

/// A string field that may arrive as a number (or null).
fn flex_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Flex;
    impl<'de> Visitor<'de> for Flex {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(Flex)
}

pub(crate) fn read<R: BufRead>(reader: R, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let file = emit.file;
    let emit = std::cell::RefCell::new(emit);
    json_stream::scan(
        reader,
        &mut |item| read_item(item, &mut emit.borrow_mut()),
        &mut |p| emit.borrow_mut().skip(Some(p.line), p.message),
    )
    .map_err(|e| IngestError::io(file, e))
}

fn read_item(item: RawItem<'_>, emit: &mut Emit<'_>) {
    match parse_item(item.bytes) {
        Ok(csl) => match to_work(csl) {
            Ok((work, key)) => emit.record(work, None, item.line, key),
            Err(message) => emit.skip(
                Some(item.line),
                format!("record {}: {message}", item.number),
            ),
        },
        Err(e) => emit.skip(
            Some(item.line + e.line().saturating_sub(1)),
            format!("record {}: {}", item.number, without_position(&e)),
        ),
    }
}

/// serde_json's message without its " at line L column C" (relative to the
/// item; the absolute line is reported instead).
pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rsplit_once(" at line ") {
        Some((head, _)) => head.to_string(),
        None => msg,
    }
}

/// Parse one item; text that is not UTF-8 is read as Windows-1252.
fn parse_item(bytes: &[u8]) -> Result<CslItem, serde_json::Error> {
    match serde_json::from_slice(bytes) {
        Err(e) if std::str::from_utf8(bytes).is_err() => {
            serde_json::from_str(&latin1(bytes)).map_err(|_| e)
        }
        other => other,
    }
}

/// Map a parsed CSL item to a Work and its source key.
pub fn to_work(item: CslItem) -> Result<(Work, Option<String>), String> {
    let title = item
        .title
        .as_deref()
        .and_then(clean)
        .ok_or("item has no `title`")?;
    let names = if item.author.is_empty() {
        &item.editor
    } else {
        &item.author
    };
    let (year, date) = item.issued.as_ref().map(issued).unwrap_or((None, None));
    let keywords = match item.keyword {
        Some(StringOrList::One(s)) => ids::split_keywords(&s),
        Some(StringOrList::Many(v)) => v.into_iter().filter_map(|k| clean(&k)).collect(),
        None => Vec::new(),
    };
    let kind_label = item.kind.as_deref().unwrap_or("");
    let mut work = Work {
        kind: csl_kind(kind_label),
        title,
        authors: names.iter().filter_map(person).collect(),
        // A chapter's book's editors, or an edited book's own (then its
        // authors too).
        editors: item.editor.iter().filter_map(person).collect(),
        year,
        date,
        container: item.container_title.as_deref().and_then(clean),
        volume: item.volume.as_deref().and_then(clean),
        issue: item.issue.as_deref().and_then(clean),
        edition: item.edition.as_deref().and_then(clean),
        pages: item.page.as_deref().and_then(clean),
        publisher: item.publisher.as_deref().and_then(clean),
        doi: item.doi.as_deref().and_then(normalize::doi),
        url: item.url.as_deref().and_then(clean),
        abstract_text: item.abstract_text.as_deref().and_then(clean),
        keywords,
        language: item.language.as_deref().and_then(clean),
        genre: item
            .genre
            .as_deref()
            .and_then(clean)
            .or_else(|| clean(kind_label)),
        licence: item.license.as_deref().and_then(clean),
        ..Default::default()
    };
    work.id = ids::work_id(item.id.as_deref(), &work);
    Ok((work, item.id))
}

/// CSL types that the shared synonym table does not know.
fn csl_kind(label: &str) -> WorkKind {
    match label {
        "manuscript" | "document" => WorkKind::Report,
        "broadcast" => WorkKind::News,
        "regulation" | "treaty" => WorkKind::Legislation,
        other => WorkKind::from_label(other),
    }
}

fn person(name: &CslName) -> Option<Person> {
    if let Some(lit) = name.literal.as_deref().and_then(clean) {
        return Some(Person::organisation(lit));
    }
    let family = name.family.as_deref().and_then(clean)?;
    let family = match name.particle.as_deref().and_then(clean) {
        Some(p) => format!("{p} {family}"),
        None => family,
    };
    let given = name.given.as_deref().and_then(clean);
    if given.is_none() && is_organisation(&family) {
        return Some(Person::organisation(family));
    }
    Some(Person::new(family, given))
}

/// Year and ISO date from `issued`: date-parts first, then raw/literal.
fn issued(date: &CslDate) -> (Option<i32>, Option<String>) {
    if let Some(parts) = date.date_parts.first() {
        let num = |i: usize| parts.get(i).and_then(NumOrString::as_u32);
        if let Some(y) = num(0)
            .map(|y| y as i32)
            .filter(|y| (1000..=2200).contains(y))
        {
            let iso = ids::iso_date(y, num(1), num(2));
            return (Some(y), (iso.len() > 4).then_some(iso));
        }
    }
    let text = [&date.raw, &date.literal, &date.year]
        .into_iter()
        .find_map(|t| t.as_deref().filter(|t| !t.trim().is_empty()));
    let year = text.and_then(ids::year_in);
    let iso = text.and_then(ids::iso_from_text).filter(|d| d.len() > 4);
    (year, iso)
}
