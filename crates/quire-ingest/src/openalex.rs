//! OpenAlex work records, one JSON object per line (the format of the
//! OpenAlex snapshot and of `api.openalex.org/works` results saved as JSONL).
//!
//! The abstract is rebuilt from `abstract_inverted_index` (word → positions),
//! `referenced_works` becomes the work's reference list (bare `W…` ids), and
//! the OpenAlex id is kept in `openalex_id`. A line that does not parse is
//! skipped as `file:N: ...`; the others are read.

use crate::encoding::line_text;
use crate::ids::{self, clean};
use crate::names::person_from_display;
use crate::{Emit, IngestError};
use quire_model::{normalize, Work, WorkKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::BufRead;

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct OpenAlexWork {
    pub id: Option<String>,
    pub doi: Option<String>,
    pub title: Option<String>,
    pub display_name: Option<String>,
    pub publication_year: Option<i32>,
    pub publication_date: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub language: Option<String>,
    #[serde(deserialize_with = "null_as_default")]
    pub authorships: Vec<Authorship>,
    pub primary_location: Option<Location>,
    pub biblio: Option<Biblio>,
    #[serde(deserialize_with = "null_as_default")]
    pub keywords: Vec<Named>,
    #[serde(deserialize_with = "null_as_default")]
    pub concepts: Vec<Named>,
    pub abstract_inverted_index: Option<HashMap<String, Vec<usize>>>,
    #[serde(deserialize_with = "null_as_default")]
    pub referenced_works: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Authorship {
    pub author: Option<Named>,
    pub raw_author_name: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Named {
    pub display_name: Option<String>,
    pub score: Option<f64>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Location {
    pub source: Option<Source>,
    pub landing_page_url: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Source {
    pub display_name: Option<String>,
    pub host_organization_name: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Biblio {
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub first_page: Option<String>,
    pub last_page: Option<String>,
}

/// OpenAlex writes `null` for empty lists in older records.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Concepts below this score are OpenAlex's weak guesses; not keywords.
const CONCEPT_MIN_SCORE: f64 = 0.5;

pub(crate) fn read<R: BufRead>(mut reader: R, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let mut buf = Vec::with_capacity(16 * 1024);
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| IngestError::io(emit.file, e))?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let mut bytes = buf.as_slice();
        if line_no == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = serde_json::from_slice::<OpenAlexWork>(bytes)
            .or_else(|e| serde_json::from_str(&line_text(bytes)).map_err(|_| e));
        match parsed
            .map_err(|e| crate::csl::without_position(&e))
            .and_then(to_work)
        {
            Ok((work, key)) => emit.record(work, None, line_no, key),
            Err(message) => emit.skip(Some(line_no), message),
        }
    }
}

/// Map an OpenAlex work to a Work and its OpenAlex id.
pub fn to_work(oa: OpenAlexWork) -> Result<(Work, Option<String>), String> {
    let title = oa
        .title
        .as_deref()
        .or(oa.display_name.as_deref())
        .and_then(clean)
        .ok_or("work has no `title`")?;
    let openalex_id = oa.id.as_deref().map(bare_id).filter(|s| !s.is_empty());
    let source = oa.primary_location.as_ref().and_then(|l| l.source.as_ref());
    let biblio = oa.biblio.unwrap_or_default();
    let mut keywords: Vec<String> = oa
        .keywords
        .iter()
        .filter_map(|k| k.display_name.as_deref().and_then(clean))
        .collect();
    if keywords.is_empty() {
        keywords = oa
            .concepts
            .iter()
            .filter(|c| c.score.unwrap_or(0.0) >= CONCEPT_MIN_SCORE)
            .filter_map(|c| c.display_name.as_deref().and_then(clean))
            .collect();
    }
    let mut work = Work {
        kind: oa
            .kind
            .as_deref()
            .map(WorkKind::from_label)
            .unwrap_or_default(),
        title,
        authors: oa
            .authorships
            .iter()
            .filter_map(|a| {
                a.author
                    .as_ref()
                    .and_then(|n| n.display_name.as_deref())
                    .or(a.raw_author_name.as_deref())
            })
            .filter_map(person_from_display)
            .collect(),
        year: oa
            .publication_year
            .or_else(|| oa.publication_date.as_deref().and_then(ids::year_in)),
        date: oa
            .publication_date
            .as_deref()
            .and_then(ids::iso_from_text)
            .filter(|d| d.len() > 4),
        container: source
            .and_then(|s| s.display_name.as_deref())
            .and_then(clean),
        volume: biblio.volume.as_deref().and_then(clean),
        issue: biblio.issue.as_deref().and_then(clean),
        pages: ids::page_range(biblio.first_page.as_deref(), biblio.last_page.as_deref()),
        publisher: source
            .and_then(|s| s.host_organization_name.as_deref())
            .and_then(clean),
        doi: oa.doi.as_deref().and_then(normalize::doi),
        url: oa
            .primary_location
            .as_ref()
            .and_then(|l| l.landing_page_url.as_deref())
            .and_then(clean),
        abstract_text: oa
            .abstract_inverted_index
            .as_ref()
            .and_then(rebuild_abstract),
        keywords,
        language: oa.language.as_deref().and_then(clean),
        genre: oa.kind.as_deref().and_then(clean),
        openalex_id: openalex_id.clone(),
        references: oa
            .referenced_works
            .iter()
            .map(|r| bare_id(r))
            .filter(|r| !r.is_empty())
            .collect(),
        ..Default::default()
    };
    // The OpenAlex id is the natural key: reference lists point at it.
    work.id = match &openalex_id {
        Some(id) => id.clone(),
        None => ids::work_id(None, &work),
    };
    Ok((work, openalex_id))
}

/// `https://openalex.org/W2741809807` → `W2741809807`.
pub fn bare_id(id: &str) -> String {
    id.trim().rsplit('/').next().unwrap_or("").to_string()
}

/// Put each word at its positions and join them in order.
pub fn rebuild_abstract(index: &HashMap<String, Vec<usize>>) -> Option<String> {
    let mut placed: Vec<(usize, &str)> = index
        .iter()
        .flat_map(|(word, positions)| positions.iter().map(move |&p| (p, word.as_str())))
        .collect();
    if placed.is_empty() {
        return None;
    }
    placed.sort_unstable_by_key(|&(p, _)| p);
    let mut text = String::with_capacity(placed.len() * 7);
    for (_, word) in placed {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abstract_from_inverted_index() {
        let mut idx = HashMap::new();
        idx.insert("border".to_string(), vec![1, 4]);
        idx.insert("The".to_string(), vec![0]);
        idx.insert("closed;".to_string(), vec![2]);
        idx.insert("the".to_string(), vec![3]);
        assert_eq!(
            rebuild_abstract(&idx).as_deref(),
            Some("The border closed; the border")
        );
        assert_eq!(rebuild_abstract(&HashMap::new()), None);
        assert_eq!(bare_id("https://openalex.org/W12"), "W12");
    }
}
