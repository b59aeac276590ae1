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
            let mut parts = vec![json!(y)];
            if let Some(month) = r.month {
                parts.push(json!(month));
                parts.extend(r.day.map(|d| json!(d)));
            }
            m.insert("issued".into(), json!({ "date-parts": [parts] }));
        }
        (None, Some(note)) => {
            m.insert("issued".into(), json!({ "literal": note }));
        }
        _ => {}
    }
    if let Some(s) = &r.year_suffix {
        m.insert("year-suffix".into(), json!(s));
    }
    // CSL's edition is the number ("2"); the style writes "2nd ed.".
    let edition = r
        .edition
        .as_deref()
        .and_then(quire_model::normalize::edition);
    let fields: [(&str, &Option<String>); 11] = [
        ("title", &r.title),
        ("container-title", &r.container),
        ("volume", &r.volume),
        ("issue", &r.issue),
        ("page", &r.pages),
        ("publisher", &r.publisher),
        ("publisher-place", &r.place),
        ("edition", &edition),
        ("DOI", &r.doi),
        ("URL", &r.url),
        ("note", &r.note),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            m.insert(name.into(), json!(v));
        }
    }
    let (genre, number) = genre_and_number(r.genre.as_deref());
    if let Some(g) = genre {
        m.insert("genre".into(), json!(g));
    }
    if let Some(n) = number {
        m.insert("number".into(), json!(n));
    }
    Value::Object(m)
}

/// A report's series and number as CSL wants them apart, so that APA
/// renders "(Asia Briefing No. 179)": "Asia Briefing No. 179" → genre
/// "Asia Briefing", number "179"; a document symbol ("S/2023/370") is the
/// number alone; a description ("Policy brief") stays the genre.
fn genre_and_number(genre: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(text) = genre
        .map(|g| g.trim_matches(|c: char| "()[].,; ".contains(c)))
        .filter(|g| !g.is_empty())
    else {
        return (None, None);
    };
    let numbered = ["No.", "No", "Number", "no.", "Nr."];
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [series @ .., marker, number] = words.as_slice() {
        if numbered.contains(marker) && number.chars().any(|c| c.is_ascii_digit()) {
            let series = series.join(" ");
            return (
                (!series.is_empty()).then_some(series),
                Some(number.to_string()),
            );
        }
    }
    let is_symbol =
        words.len() == 1 && text.contains('/') && text.chars().any(|c| c.is_ascii_digit());
    if is_symbol {
        return (None, Some(text.to_string()));
    }
    (Some(text.to_string()), None)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_series_and_number_are_apart() {
        let split = |g: &str| genre_and_number(Some(g));
        assert_eq!(
            split("(Asia Briefing No. 179)."),
            (Some("Asia Briefing".into()), Some("179".into()))
        );
        assert_eq!(split("(S/2023/370)."), (None, Some("S/2023/370".into())));
        assert_eq!(
            split("[Press release]."),
            (Some("Press release".into()), None)
        );
        assert_eq!(
            split("(Working Paper 12)."),
            (Some("Working Paper 12".into()), None)
        );
        assert_eq!(genre_and_number(None), (None, None));
    }

    #[test]
    fn a_dated_news_item_keeps_its_day() {
        let r = Reference {
            year: Some(2021),
            month: Some(8),
            day: Some(16),
            ..Reference::default()
        };
        assert_eq!(
            item(&r, "k")["issued"],
            json!({ "date-parts": [[2021, 8, 16]] })
        );
    }
}
