//! BibTeX export through the `biblatex` crate, which does the brace and
//! special-character escaping. Organisation authors are braced so BibTeX
//! does not split "World Bank" into a given and a family name.

use biblatex::{Chunk, EntryType, Spanned};
use quire_model::{Person, Work, WorkKind};

/// One BibTeX entry per work, keyed by the work id, separated by blank lines.
pub fn to_bibtex(works: &[Work]) -> String {
    let mut out = String::new();
    for work in works {
        out.push_str(&entry(work));
        out.push_str("\n\n");
    }
    out
}

fn entry(work: &Work) -> String {
    let mut e = biblatex::Entry::new(cite_key(&work.id), entry_type(work.kind));
    e.set("title", verbatim(&work.title));
    if !work.authors.is_empty() {
        e.set("author", authors(&work.authors));
    }
    if !work.editors.is_empty() {
        e.set("editor", authors(&work.editors));
    }
    if let Some(year) = work.year {
        e.set("year", normal(&year.to_string()));
    }
    let container_field = match work.kind {
        WorkKind::Article | WorkKind::News => "journal",
        WorkKind::Chapter | WorkKind::Encyclopedia => "booktitle",
        _ => "howpublished",
    };
    // A @techreport has a `number` and a `type` ("Special Report"), no volume.
    let report = entry_type(work.kind) == EntryType::TechReport;
    let (volume, number) = if report {
        (None, work.volume.as_deref().or(work.issue.as_deref()))
    } else {
        (work.volume.as_deref(), work.issue.as_deref())
    };
    let genre = work.citation_genre().filter(|_| report);
    let optional = [
        (container_field, work.container.as_deref()),
        ("volume", volume),
        ("edition", work.edition.as_deref()),
        ("number", number),
        ("type", genre.as_deref()),
        ("pages", work.pages.as_deref()),
        (publisher_field(work.kind), work.publisher.as_deref()),
        ("doi", work.doi.as_deref()),
        ("url", work.url.as_deref()),
        ("abstract", work.abstract_text.as_deref()),
        ("language", work.language.as_deref()),
    ];
    for (field, value) in optional {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            e.set(field, normal(v.trim()));
        }
    }
    if !work.keywords.is_empty() {
        e.set("keywords", normal(&work.keywords.join(", ")));
    }
    // We never set a `date` field, the only field whose conversion can fail;
    // should that change, fall back to the BibLaTeX form rather than lose it.
    e.to_bibtex_string()
        .unwrap_or_else(|_| e.to_biblatex_string())
}

fn entry_type(kind: WorkKind) -> EntryType {
    match kind {
        WorkKind::Article | WorkKind::News => EntryType::Article,
        WorkKind::Report | WorkKind::Statement => EntryType::TechReport,
        WorkKind::Book => EntryType::Book,
        WorkKind::Chapter | WorkKind::Encyclopedia => EntryType::InCollection,
        WorkKind::Thesis => EntryType::PhdThesis,
        WorkKind::Legislation | WorkKind::Web | WorkKind::Other => EntryType::Misc,
    }
}

fn publisher_field(kind: WorkKind) -> &'static str {
    match kind {
        WorkKind::Report | WorkKind::Statement => "institution",
        WorkKind::Thesis => "school",
        _ => "publisher",
    }
}

/// BibTeX keys may not contain spaces, commas or braces.
pub fn cite_key(id: &str) -> String {
    let key: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '/') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if key.is_empty() {
        "untitled".to_string()
    } else {
        key
    }
}

fn authors(people: &[Person]) -> Vec<Spanned<Chunk>> {
    let mut chunks = Vec::new();
    for (i, p) in people.iter().enumerate() {
        if i > 0 {
            chunks.push(Spanned::detached(Chunk::Normal(" and ".into())));
        }
        let chunk = match (&p.given, p.literal) {
            (Some(g), false) => Chunk::Normal(format!("{}, {}", p.family.trim(), g.trim())),
            (None, false) => Chunk::Normal(p.family.trim().to_string()),
            (_, true) => Chunk::Verbatim(p.family.trim().to_string()),
        };
        chunks.push(Spanned::detached(chunk));
    }
    chunks
}

fn normal(text: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::detached(Chunk::Normal(text.to_string()))]
}

/// Titles keep their capitalisation: BibTeX styles would lowercase them.
fn verbatim(text: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::detached(Chunk::Verbatim(text.trim().to_string()))]
}
