//! RIS export: the tagged line format that EndNote, Zotero and Mendeley
//! read. One record per work, tags as in the RIS specification.

use quire_model::{Work, WorkKind};

/// All works as RIS records.
pub fn to_ris(works: &[Work]) -> String {
    let mut out = String::new();
    for work in works {
        record(work, &mut out);
    }
    out
}

fn record(work: &Work, out: &mut String) {
    tag(out, "TY", ris_type(work.kind));
    tag(out, "ID", &work.id);
    tag(out, "TI", &work.title);
    for a in &work.authors {
        tag(out, "AU", &inverted(a));
    }
    // A chapter's book's editors: RIS's secondary authors.
    for e in &work.editors {
        tag(out, "A2", &inverted(e));
    }
    if let Some(y) = work.year {
        tag(out, "PY", &y.to_string());
    }
    if let Some(d) = &work.date {
        // RIS dates are YYYY/MM/DD.
        tag(out, "DA", &d.replace('-', "/"));
    }
    let container_tag = match work.kind {
        WorkKind::Article | WorkKind::News => "JO",
        _ => "T2",
    };
    opt(out, container_tag, work.container.as_deref());
    opt(out, "VL", work.volume.as_deref());
    opt(out, "ET", work.edition.as_deref());
    opt(out, "IS", work.issue.as_deref());
    // "Type of work" for a report: what APA prints before its number.
    if matches!(work.kind, WorkKind::Report | WorkKind::Statement) {
        opt(out, "M3", work.citation_genre().as_deref());
    }
    if let Some(pages) = &work.pages {
        let (start, end) = split_pages(pages);
        tag(out, "SP", start);
        opt(out, "EP", end);
    }
    opt(out, "PB", work.publisher.as_deref());
    opt(out, "DO", work.doi.as_deref());
    opt(out, "UR", work.url.as_deref());
    opt(out, "AB", work.abstract_text.as_deref());
    for k in &work.keywords {
        tag(out, "KW", k);
    }
    opt(out, "LA", work.language.as_deref());
    out.push_str("ER  - \n\n");
}

/// "Khan, Ayesha", or an organisation's name whole.
fn inverted(p: &quire_model::Person) -> String {
    match (&p.given, p.literal) {
        (Some(g), false) => format!("{}, {}", p.family.trim(), g.trim()),
        _ => p.family.trim().to_string(),
    }
}

fn ris_type(kind: WorkKind) -> &'static str {
    match kind {
        WorkKind::Article => "JOUR",
        WorkKind::Report => "RPRT",
        WorkKind::Book => "BOOK",
        WorkKind::Chapter => "CHAP",
        WorkKind::Statement => "GOVDOC",
        WorkKind::Legislation => "BILL",
        WorkKind::News => "NEWS",
        WorkKind::Web => "ELEC",
        WorkKind::Encyclopedia => "ENCYC",
        WorkKind::Thesis => "THES",
        WorkKind::Other => "GEN",
    }
}

/// "112-130", "112--130" or "112–130" → ("112", Some("130")).
fn split_pages(pages: &str) -> (&str, Option<&str>) {
    match pages.split_once(['-', '–']) {
        Some((a, b)) => (a.trim(), Some(b.trim_start_matches(['-', '–']).trim())),
        None => (pages.trim(), None),
    }
}

fn opt(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        tag(out, name, v);
    }
}

/// A tag line; RIS values are one line, so line breaks become spaces.
fn tag(out: &mut String, name: &str, value: &str) {
    let value: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    out.push_str(name);
    out.push_str("  - ");
    out.push_str(&value);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges_split() {
        assert_eq!(split_pages("112--130"), ("112", Some("130")));
        assert_eq!(split_pages("e12"), ("e12", None));
    }
}
