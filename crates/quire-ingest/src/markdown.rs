//! Full texts in Markdown or plain text, with optional YAML front matter.
//!
//! Front matter (between `---` lines at the top) gives the metadata: `id`,
//! `title`, `authors` (strings, "Name (Role, Country)" allowed;
//! organisations kept whole), `year`, `date`, `url`, `publisher`,
//! `source_type` (kept as the genre and mapped to a kind), `licence`,
//! `abstract` (or `description`), `keywords`, `doi`, `language`. Without
//! front matter the title is the opening heading or an opening line that
//! stands as a title, else the file name; the id comes from the file name.
//! The body becomes the Document.

use crate::front_matter;
use crate::ids::{self, clean};
use crate::names::person_from_display;
use crate::{Emit, IngestError};
use quire_model::{normalize, Document, Work, WorkKind};
use serde_yaml_ng::Value;

pub(crate) fn read(text: &str, format: &str, emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let (front, body, body_line) = split_front_matter(text);
    let mut work = Work::default();
    let mut key = None;
    if let Some(yaml) = front {
        match serde_yaml_ng::from_str::<Value>(yaml) {
            Ok(Value::Mapping(map)) => key = apply_front_matter(&map, &mut work),
            Ok(Value::Null) => {}
            Ok(_) => emit.skip(Some(2), "front matter is not a key: value mapping; ignored"),
            Err(e) => {
                let line = e.location().map(|l| l.line() + 1).unwrap_or(2);
                emit.skip(
                    Some(line),
                    format!("front matter is not valid YAML ({e}); ignored"),
                );
            }
        }
    }
    let body = body.trim_start_matches(['\n', '\r']).trim_end();
    if work.title.is_empty() {
        work.title = title_of_text(body).unwrap_or_else(|| ids::file_stem(emit.file));
    }
    if body.is_empty() && work.abstract_text.is_none() {
        emit.skip(Some(body_line), "no text after the front matter");
        return Ok(());
    }
    let file_key = key.clone().unwrap_or_else(|| ids::file_stem(emit.file));
    work.id = ids::work_id(Some(&file_key), &work);
    let document = Document {
        work_id: work.id.clone(),
        text: body.to_string(),
        format: format.to_string(),
        page_starts: Vec::new(),
        file: emit.file.to_string(),
    };
    emit.record(work, Some(document), 1, Some(file_key));
    Ok(())
}

/// A Markdown text's YAML front matter (between `---` lines at the top),
/// if any: (front matter, body, 1-based line where the body starts).
pub fn split_front_matter(text: &str) -> (Option<&str>, &str, usize) {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = t
        .strip_prefix("---\n")
        .or_else(|| t.strip_prefix("---\r\n"))
    else {
        return (None, t, 1);
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            let body = &rest[offset + line.len()..];
            return (Some(&rest[..offset]), body, i + 3);
        }
        offset += line.len();
    }
    (None, t, 1)
}

/// Fill the work from the front matter; return its `id`.
fn apply_front_matter(map: &serde_yaml_ng::Mapping, work: &mut Work) -> Option<String> {
    let get = |k: &str| map.get(k).and_then(scalar);
    if let Some(t) = get("title") {
        work.title = t;
    }
    work.authors = list(map.get("authors").or(map.get("author")))
        .iter()
        .filter_map(|a| person_from_display(a))
        .collect();
    work.date = get("date").and_then(|d| ids::iso_from_text(&d));
    work.year = get("year")
        .and_then(|y| ids::year_in(&y))
        .or_else(|| work.date.as_deref().and_then(ids::year_in));
    work.url = get("url");
    work.publisher = get("publisher");
    work.container = get("container").or_else(|| get("journal"));
    work.doi = get("doi").and_then(|d| normalize::doi(&d));
    work.licence = get("licence").or_else(|| get("license"));
    work.abstract_text = get("abstract").or_else(|| get("description"));
    work.language = get("language").or_else(|| get("lang"));
    work.keywords = list(map.get("keywords").or(map.get("tags")));
    if let Some(st) = get("source_type").or_else(|| get("type")) {
        work.kind = WorkKind::from_label(&st);
        work.genre = Some(st);
    }
    get("id")
}

/// A scalar as text (numbers and booleans too), None when empty.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of strings, or one string split at `;`/`,`.
fn list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(items)) => items.iter().filter_map(scalar).collect(),
        Some(v) => scalar(v)
            .map(|s| ids::split_keywords(&s))
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

/// The title a text gives itself without front matter: its opening
/// heading, else its first level-1 heading, else an opening line that
/// stands alone as a title does ([`front_matter::standalone_title`]).
/// Without one the caller names the work after its file, so that texts
/// with no title are not all one title (which would cite them alike).
fn title_of_text(body: &str) -> Option<String> {
    let first = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = atx_heading(first)
        .or_else(|| {
            body.lines()
                .map(str::trim)
                .find_map(|l| l.strip_prefix("# ").map(str::trim))
        })
        .or_else(|| front_matter::standalone_title(body))?;
    let short: String = line.chars().take(200).collect();
    clean(&short)
}

/// "## Title" → "Title": one to six `#` and a space.
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && rest.starts_with(' ')).then(|| rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let (front, body, line) = split_front_matter("---\nid: a\n---\n\nBody\n");
        assert_eq!(front, Some("id: a\n"));
        assert_eq!(body, "\nBody\n");
        assert_eq!(line, 4);
        let (front, body, _) = split_front_matter("---\nno end\n");
        assert_eq!((front, body), (None, "---\nno end\n"));
    }

    #[test]
    fn heading_or_a_line_that_stands_as_a_title() {
        assert_eq!(title_of_text("intro\n# Title\n").as_deref(), Some("Title"));
        assert_eq!(
            title_of_text("## Section\n\ntext").as_deref(),
            Some("Section")
        );
        assert_eq!(
            title_of_text("\n  Border Trade After 2021 \n\nThe text.").as_deref(),
            Some("Border Trade After 2021")
        );
        assert_eq!(
            title_of_text("Border Trade\n====\n").as_deref(),
            Some("Border Trade")
        );
        assert_eq!(
            title_of_text("One line only").as_deref(),
            Some("One line only")
        );
        // A salutation, a sentence, a line wrapped into the next: no title.
        assert_eq!(title_of_text("Mr. President,\n\nI congratulate you."), None);
        assert_eq!(title_of_text("We met today.\n\nMore."), None);
        assert_eq!(
            title_of_text("I wish to say, before my\nprinted remarks begin"),
            None
        );
        assert_eq!(
            title_of_text("#hashtag and more\n"),
            Some("#hashtag and more".into())
        );
    }
}
