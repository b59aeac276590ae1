//! CSL-JSON export: the array of items that citeproc processors, Zotero and
//! pandoc read, following the csl-data schema (names as family/given or
//! literal, dates as `date-parts`, item types from the CSL vocabulary).

use quire_model::{Person, Work};
use serde_json::{json, Map, Value};

/// All works as one CSL-JSON array.
pub fn to_csl_json(works: &[Work]) -> Value {
    Value::Array(works.iter().map(item).collect())
}

/// One work as a CSL-JSON item.
pub fn item(work: &Work) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(work.id));
    m.insert("type".into(), json!(work.kind.csl_type()));
    m.insert("title".into(), json!(work.title.trim()));
    if !work.authors.is_empty() {
        let names: Vec<Value> = work.authors.iter().map(name).collect();
        m.insert("author".into(), Value::Array(names));
    }
    if !work.editors.is_empty() {
        let names: Vec<Value> = work.editors.iter().map(name).collect();
        m.insert("editor".into(), Value::Array(names));
    }
    if let Some(parts) = date_parts(work) {
        m.insert("issued".into(), json!({ "date-parts": [parts] }));
    }
    let genre = work.citation_genre();
    let edition = work
        .edition
        .as_deref()
        .and_then(quire_model::normalize::edition);
    // A report's number is CSL's `number` (APA's "Report No. 12").
    let report = work.kind.csl_type() == "report";
    let (volume, issue, number) = if report {
        (None, None, work.volume.as_deref().or(work.issue.as_deref()))
    } else {
        (work.volume.as_deref(), work.issue.as_deref(), None)
    };
    let strings = [
        ("container-title", work.container.as_deref()),
        ("volume", volume),
        ("edition", edition.as_deref()),
        ("issue", issue),
        ("number", number),
        ("page", work.pages.as_deref()),
        ("publisher", work.publisher.as_deref()),
        ("DOI", work.doi.as_deref()),
        ("URL", work.url.as_deref()),
        ("abstract", work.abstract_text.as_deref()),
        ("language", work.language.as_deref()),
        ("genre", genre.as_deref()),
    ];
    for (key, value) in strings {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            m.insert(key.into(), json!(v.trim()));
        }
    }
    if !work.keywords.is_empty() {
        m.insert("keyword".into(), json!(work.keywords.join(", ")));
    }
    Value::Object(m)
}

fn name(p: &Person) -> Value {
    match (&p.given, p.literal) {
        (_, true) => json!({ "literal": p.family.trim() }),
        (Some(g), false) => json!({ "family": p.family.trim(), "given": g.trim() }),
        (None, false) => json!({ "family": p.family.trim() }),
    }
}

/// `[year, month, day]` from the ISO date when it parses, else `[year]`.
fn date_parts(work: &Work) -> Option<Vec<i32>> {
    let from_date = work.date.as_deref().and_then(|d| {
        let parts: Option<Vec<i32>> = d.trim().split('-').map(|p| p.parse().ok()).collect();
        parts.filter(|p| (1..=3).contains(&p.len()))
    });
    from_date.or_else(|| work.year.map(|y| vec![y]))
}
