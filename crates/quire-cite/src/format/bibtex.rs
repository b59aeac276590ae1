//! BibTeX: one entry per reference; organisations double-braced so BibTeX
//! does not split them; special characters escaped.

use quire_model::{Person, WorkKind};

use crate::fields::Reference;

fn entry_type(kind: WorkKind) -> &'static str {
    match kind {
        WorkKind::Article | WorkKind::News => "article",
        WorkKind::Book => "book",
        WorkKind::Chapter => "incollection",
        WorkKind::Report => "techreport",
        WorkKind::Thesis => "phdthesis",
        _ => "misc",
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '&' | '%' | '#' | '$' | '_') {
            out.push('\\');
        }
        if c != '{' && c != '}' {
            out.push(c);
        }
    }
    out
}

fn names(people: &[Person]) -> String {
    people
        .iter()
        .map(|p| match (&p.given, p.literal) {
            (_, true) => format!("{{{}}}", escape(&p.family)),
            (Some(g), false) => format!("{}, {}", escape(&p.family), escape(g)),
            (None, false) => escape(&p.family),
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// All references as a BibTeX file.
pub fn to_string(references: &[Reference]) -> String {
    let mut out = String::new();
    for (r, key) in references.iter().zip(super::keys(references)) {
        let container_field = if r.kind == WorkKind::Chapter {
            "booktitle"
        } else {
            "journal"
        };
        let publisher_field = if r.kind == WorkKind::Report {
            "institution"
        } else {
            "publisher"
        };
        let mut fields: Vec<(&str, String)> = Vec::new();
        if !r.authors.is_empty() {
            fields.push(("author", names(&r.authors)));
        }
        if !r.editors.is_empty() {
            fields.push(("editor", names(&r.editors)));
        }
        let plain: [(&str, &Option<String>); 9] = [
            ("title", &r.title),
            (container_field, &r.container),
            ("volume", &r.volume),
            ("number", &r.issue),
            (publisher_field, &r.publisher),
            ("address", &r.place),
            ("edition", &r.edition),
            ("note", &r.note),
            ("type", &r.genre),
        ];
        for (name, value) in plain {
            if let Some(v) = value {
                fields.push((name, escape(v)));
            }
        }
        if let Some(y) = r.year {
            fields.push(("year", y.to_string()));
        }
        // BibLaTeX's full date, when the item is dated to the month or day.
        if let Some(date) = r.iso_date().filter(|_| r.month.is_some()) {
            fields.push(("date", date));
        }
        if let Some(p) = &r.pages {
            fields.push(("pages", escape(&p.replace('-', "--"))));
        }
        if let Some(d) = &r.doi {
            fields.push(("doi", d.clone()));
        }
        if let Some(u) = &r.url {
            fields.push(("url", u.clone()));
        }
        out.push_str(&format!("@{}{{{key},\n", entry_type(r.kind)));
        for (name, value) in fields {
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        out.push_str("}\n\n");
    }
    out
}
