//! CSL-JSON (csl-data): `author: [{family, given}]`, `issued: {date-parts:
//! [[2022]]}`, `container-title`, `volume`, `issue`, `page`, `publisher`,
//! `publisher-place`, `DOI`, `URL`, `type`.

use quire_model::Person;
use serde_json::{json, Map, Value};

use crate::fields::Reference;

fn names(people: &[Person]) -> Value {
    Value::Array(
        people
            .iter()
            .map(|p| {
                if p.literal {
                    json!({ "literal": p.family })
                } else {
                    match &p.given {
                        Some(g) => json!({ "family": p.family, "given": g }),
                        None => json!({ "family": p.family }),
                    }
                }
            })
            .collect(),
    )
}

/// One reference as a CSL-JSON item with the given id.
pub fn item(r: &Reference, id: &str) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("type".into(), json!(r.kind.csl_type()));
    if !r.authors.is_empty() {
        m.insert("author".into(), names(&r.authors));
    }
    if !r.editors.is_empty() {
        m.insert("editor".into(), names(&r.editors));
    }
    match (r.year, &r.date_note) {
        (Some(y), _) => {
            m.insert("issued".into(), json!({ "date-parts": [[y]] }));
        }
        (None, Some(note)) => {
            m.insert("issued".into(), json!({ "literal": note }));
        }
        _ => {}
    }
    if let Some(s) = r.year_suffix {
        m.insert("year-suffix".into(), json!(s.to_string()));
    }
    let fields: [(&str, &Option<String>); 12] = [
        ("title", &r.title),
        ("container-title", &r.container),
        ("volume", &r.volume),
        ("issue", &r.issue),
        ("page", &r.pages),
        ("publisher", &r.publisher),
        ("publisher-place", &r.place),
        ("edition", &r.edition),
        ("DOI", &r.doi),
        ("URL", &r.url),
        ("genre", &r.genre),
        ("note", &r.note),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            m.insert(name.into(), json!(v));
        }
    }
    Value::Object(m)
}

/// All references as CSL-JSON items, ids made unique.
pub fn items(references: &[Reference]) -> Vec<Value> {
    references
        .iter()
        .zip(super::keys(references))
        .map(|(r, k)| item(r, &k))
        .collect()
}

/// A pretty-printed CSL-JSON array.
pub fn to_string(references: &[Reference]) -> String {
    let v = Value::Array(items(references));
    serde_json::to_string_pretty(&v).unwrap_or_else(|_| "[]".into()) + "\n"
}
